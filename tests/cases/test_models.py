"""Database constraints, validation and the one visibility rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casebase.cases.models import (
    Confidentiality,
    Dispute,
    DisputeParty,
    Evidence,
    PartyRole,
)
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from casebase.law.models import Authority, Precedent, Treatment
from tests.factories import (
    DisputeFactory,
    DisputePartyFactory,
    EvidenceFactory,
    PartyFactory,
    PrecedentFactory,
)

pytestmark = pytest.mark.django_db


def test_decision_before_filing_is_refused_by_the_database():
    """A first decision dated before the filing cannot be stored, even bypassing forms."""
    dispute = DisputeFactory(filed_date=dt.date(2024, 3, 1))
    dispute.first_decision_date = dt.date(2024, 2, 1)
    dispute.first_decision_precision = DatePrecision.DAY
    with pytest.raises(IntegrityError), transaction.atomic():
        dispute.save()


def test_decision_before_filing_is_a_form_error_naming_the_field():
    """full_clean names first_decision_date, so forms show the error beside it."""
    dispute = DisputeFactory(filed_date=dt.date(2024, 3, 1))
    dispute.first_decision_date = dt.date(2024, 2, 1)
    dispute.first_decision_precision = DatePrecision.DAY
    with pytest.raises(ValidationError) as excinfo:
        dispute.full_clean()
    assert "first_decision_date" in excinfo.value.message_dict


def test_a_date_needs_its_precision():
    """A filing date without a precision is refused: the app never guesses a day."""
    dispute = DisputeFactory()
    dispute.filed_date_precision = ""
    with pytest.raises(ValidationError) as excinfo:
        dispute.full_clean()
    assert "filed_date_precision" in excinfo.value.message_dict


def test_neutral_citation_is_unique():
    """Two precedents cannot share a neutral citation."""
    PrecedentFactory(neutral_citation="[2001] UKSC 1")
    with pytest.raises(IntegrityError), transaction.atomic():
        PrecedentFactory(neutral_citation="[2001] UKSC 1")


def test_precedents_without_neutral_citation_may_coexist():
    """Older judgments have no neutral citation; several may be stored."""
    PrecedentFactory(neutral_citation=None)
    PrecedentFactory(neutral_citation=None)
    assert Precedent.objects.filter(neutral_citation__isnull=True).count() == 2


def test_dispute_slug_is_unique():
    """Slugs are URLs: no two disputes share one."""
    DisputeFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        DisputeFactory(slug="same")


def test_one_role_per_party_per_dispute():
    """A party cannot be both claimant and defendant in one dispute."""
    link = DisputePartyFactory(role=PartyRole.CLAIMANT)
    with pytest.raises(IntegrityError), transaction.atomic():
        DisputeParty.objects.create(
            dispute=link.dispute, party=link.party, role=PartyRole.DEFENDANT
        )


def test_authority_cannot_cite_itself():
    """A judgment cannot treat itself."""
    precedent = PrecedentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Authority.objects.create(
            citing=precedent, cited=precedent, treatment=Treatment.APPLIED
        )


def test_published_excludes_drafts_and_withdrawn():
    """published() returns only published records."""
    shown = DisputeFactory()
    DisputeFactory(publication_status=PublicationStatus.DRAFT)
    DisputeFactory(publication_status=PublicationStatus.WITHDRAWN)
    assert list(Dispute.objects.published()) == [shown]


def test_visible_to_lets_editors_see_drafts(editor, reader):
    """Staff see drafts; a signed-in reader and an anonymous visitor do not."""
    from django.contrib.auth.models import AnonymousUser

    DisputeFactory(publication_status=PublicationStatus.DRAFT)
    assert Dispute.objects.visible_to(editor).count() == 1
    assert Dispute.objects.visible_to(reader).count() == 0
    assert Dispute.objects.visible_to(AnonymousUser()).count() == 0


def test_sealed_evidence_is_never_published():
    """Sealed evidence is excluded from published() even when its status is published."""
    EvidenceFactory(confidentiality=Confidentiality.SEALED)
    redacted = EvidenceFactory(
        confidentiality=Confidentiality.REDACTED, public_description="Public words."
    )
    assert list(Evidence.objects.published()) == [redacted]
    assert redacted.shown_description == "Public words."


def test_precedent_status_follows_its_treatment():
    """A reversed judgment is flagged negative, with the reversing judgment as reason."""
    earlier = PrecedentFactory()
    later = PrecedentFactory()
    Authority.objects.create(citing=later, cited=earlier, treatment=Treatment.REVERSED)
    status, reason = earlier.status_with_reason()
    assert status == "negative"
    assert reason.citing == later
    assert later.status == "good_law"


def test_precedent_appeal_pending_flag():
    """An editor's appeal-pending flag shows when nothing negative follows."""
    assert PrecedentFactory(appeal_pending=True).status == "appeal_pending"


def test_citation_path_is_derived_from_the_neutral_citation():
    """The citation-shaped URL follows the neutral citation."""
    precedent = PrecedentFactory(neutral_citation="[2025] EWHC 2863 (Ch)")
    assert precedent.citation_path == "ewhc/ch/2025/2863"
    assert precedent.get_absolute_url() == "/ewhc/ch/2025/2863"


def test_party_str_is_its_name():
    """__str__ gives what a lawyer would write."""
    assert str(PartyFactory(name="Example Labs Ltd")) == "Example Labs Ltd"


def test_statute_year_and_number_are_bounded():
    """A statute of year 0 or number 0 is refused with errors naming both fields."""
    from tests.factories import StatuteFactory

    statute = StatuteFactory.build(year=0, number=0)
    with pytest.raises(ValidationError) as excinfo:
        statute.full_clean()
    assert {"year", "number"} <= set(excinfo.value.message_dict)
