"""A small, made-up world for the analytics tests (names are plainly fictional)."""

import datetime as dt
from decimal import Decimal

import factory

from casebase.cases import models as cases
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from tests import factories as f

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
DRAFT = PublicationStatus.DRAFT


class RemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Remedy

    dispute = factory.SubFactory(f.DisputeFactory)
    kind = cases.RemedyKind.DAMAGES
    status = cases.RemedyStatus.CLAIMED
    basis = "Test words: the claimant seeks damages."
    publication_status = PublicationStatus.PUBLISHED
    verified = True


def build_world() -> dict:
    """Two jurisdictions, two theories, a developer sued twice and suing once, dates
    of every precision, remedies, and drafts that must never be counted."""
    north = f.JurisdictionFactory(slug="test-north", name="Test North")
    south = f.JurisdictionFactory(slug="test-south", name="Test South")
    alpha = f.LegalTheoryFactory(slug="test-alpha", name="Test alpha right")
    beta = f.LegalTheoryFactory(slug="test-beta", name="Test beta right")
    developer = f.PartyFactory(slug="test-dev", name="Test Developer Labs")
    other = f.PartyFactory(slug="test-other", name="Test Other Ltd")
    system = f.AISystemFactory(slug="test-sys", developer=developer)

    def dispute(jurisdiction, filed, precision, **kwargs):
        return f.DisputeFactory(
            jurisdictions=[jurisdiction],
            filed_date=filed,
            filed_date_precision=precision if filed else "",
            **kwargs,
        )

    d1 = dispute(
        north,
        dt.date(2021, 3, 10),
        DAY,
        stage=cases.Stage.JUDGMENT,
        outcome=cases.Outcome.CLAIMANT_SUCCESS,
        first_decision_date=dt.date(2022, 3, 10),
        first_decision_precision=DAY,
    )
    d2 = dispute(
        north,
        dt.date(2022, 5, 1),
        MONTH,
        stage=cases.Stage.SETTLED,
        outcome=cases.Outcome.SETTLED,
        first_decision_date=dt.date(2022, 9, 1),
        first_decision_precision=MONTH,
        resolved_date=dt.date(2023, 1, 20),
        resolved_precision=DAY,
    )
    d3 = dispute(
        south,
        dt.date(2022, 1, 1),
        YEAR,
        stage=cases.Stage.JUDGMENT,
        outcome=cases.Outcome.DEFENDANT_SUCCESS,
        first_decision_date=dt.date(2023, 6, 1),
        first_decision_precision=DAY,
    )
    d4 = dispute(south, None, "", stage=cases.Stage.ALLEGED)
    draft = dispute(
        north,
        dt.date(2021, 1, 1),
        DAY,
        publication_status=DRAFT,
        stage=cases.Stage.JUDGMENT,
    )
    for d, theory, result in (
        (d1, alpha, cases.ClaimResult.UPHELD),
        (d1, beta, cases.ClaimResult.REJECTED),
        (d2, alpha, cases.ClaimResult.PARTLY_UPHELD),
        (d3, alpha, cases.ClaimResult.REJECTED),
        (d4, beta, cases.ClaimResult.ASSERTED),
        (draft, alpha, cases.ClaimResult.UPHELD),
    ):
        f.ClaimFactory(dispute=d, theory=theory, result=result)
    # A draft claim in a published dispute, and a defence: neither is a claim result.
    f.ClaimFactory(
        dispute=d3,
        theory=beta,
        result=cases.ClaimResult.UPHELD,
        publication_status=DRAFT,
    )
    f.ClaimFactory(
        dispute=d3,
        theory=beta,
        nature=cases.ClaimNature.DEFENCE,
        result=cases.ClaimResult.UPHELD,
    )
    for d, party, role in (
        (d1, developer, cases.PartyRole.DEFENDANT),
        (d2, developer, cases.PartyRole.DEFENDANT),
        (d3, developer, cases.PartyRole.CLAIMANT),
        (d3, other, cases.PartyRole.DEFENDANT),
        (draft, developer, cases.PartyRole.DEFENDANT),
    ):
        f.DisputePartyFactory(dispute=d, party=party, role=role)
    f.DisputeSystemFactory(dispute=d1, system=system)
    RemedyFactory(
        dispute=d1,
        kind=cases.RemedyKind.INJUNCTION,
        status=cases.RemedyStatus.GRANTED,
    )
    RemedyFactory(
        dispute=d2,
        kind=cases.RemedyKind.SETTLEMENT,
        status=cases.RemedyStatus.AGREED,
        amount=Decimal("1000000"),
        currency="EUR",
    )
    RemedyFactory(dispute=d2, publication_status=DRAFT)
    RemedyFactory(dispute=draft, kind=cases.RemedyKind.DAMAGES)
    return {
        "north": north,
        "south": south,
        "alpha": alpha,
        "beta": beta,
        "developer": developer,
        "other": other,
        "system": system,
        "disputes": [d1, d2, d3, d4],
        "draft": draft,
    }
