"""No public page runs more queries because it shows more rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _home(n):
    for _ in range(n):
        claim = f.ClaimFactory()
        f.DisputePartyFactory(dispute=claim.dispute)
    return reverse("home")


def _party_list(n):
    for _ in range(n):
        f.DisputePartyFactory()
    return reverse("cases:party-list")


def _party_detail(n):
    party = f.PartyFactory()
    for _ in range(n):
        f.DisputePartyFactory(party=party)
        f.AISystemFactory(developer=party)
    return party.get_absolute_url()


def _system_list(n):
    for _ in range(n):
        f.DisputeSystemFactory()
    return reverse("cases:system-list")


def _system_detail(n):
    system = f.AISystemFactory()
    for _ in range(n):
        f.DisputeSystemFactory(system=system)
    return system.get_absolute_url()


def _precedent_list(n):
    for _ in range(n):
        f.AuthorityFactory()
    return reverse("law:precedent-list")


def _statute_list(n):
    for _ in range(n):
        f.ProvisionFactory()
    return reverse("law:statute-list")


def _statute_detail(n):
    statute = f.StatuteFactory()
    for _ in range(n):
        f.ProvisionFactory(statute=statute).legal_theories.add(f.LegalTheoryFactory())
    return statute.get_absolute_url()


def _provision_detail(n):
    provision = f.ProvisionFactory()
    theory = f.LegalTheoryFactory()
    provision.legal_theories.add(theory)
    for _ in range(n):
        f.ClaimFactory().provisions.add(provision)
        f.PrecedentFactory().legal_theories.add(theory)
        provision.sources.add(f.SourceFactory())
    return provision.get_absolute_url()


def _theory_detail(n):
    theory = f.LegalTheoryFactory()
    for _ in range(n):
        f.ClaimFactory(theory=theory)
        f.ProvisionFactory().legal_theories.add(theory)
        f.AuthorityFactory(cited=f.PrecedentFactory()).cited.legal_theories.add(theory)
    return theory.get_absolute_url()


def _court_list(n):
    for _ in range(n):
        f.DisputeFactory()
        f.PrecedentFactory()
    return reverse("law:court-list")


def _court_detail(n):
    court = f.CourtFactory()
    for _ in range(n):
        f.DisputeFactory(court=court)
        f.AuthorityFactory(cited=f.PrecedentFactory(court=court))
    return court.get_absolute_url()


def _jurisdiction_list(n):
    for _ in range(n):
        f.DisputeFactory()
    return reverse("law:jurisdiction-list")


def _jurisdiction_detail(n):
    jurisdiction = f.JurisdictionFactory()
    for _ in range(n):
        f.DisputeFactory(court=f.CourtFactory(jurisdiction=jurisdiction))
    return jurisdiction.get_absolute_url()


def _source_detail(n):
    source = f.SourceFactory()
    for _ in range(n):
        for record in (
            f.DisputeFactory(),
            f.ClaimFactory(),
            f.EvidenceFactory(),
            f.EventFactory(),
            f.PrecedentFactory(),
            f.ProvisionFactory(),
            f.AuthorityFactory(),
        ):
            record.sources.add(source)
    return source.get_absolute_url()


@pytest.mark.parametrize(
    "build",
    [
        _home,
        _party_list,
        _party_detail,
        _system_list,
        _system_detail,
        _precedent_list,
        _statute_list,
        _statute_detail,
        _provision_detail,
        _theory_detail,
        _court_list,
        _court_detail,
        _jurisdiction_list,
        _jurisdiction_detail,
        _source_detail,
    ],
    ids=lambda build: build.__name__.strip("_"),
)
def test_page_query_count_is_constant(client, build):
    """The page costs the same number of queries with 2 related rows as with 12."""
    few = _queries(client, build(2))
    many = _queries(client, build(12))
    assert few == many
