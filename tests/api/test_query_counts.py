"""A dispute with 30 related rows takes no more queries than one with 1 (no N+1)."""

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


def _dispute_with(n: int):
    dispute = f.DisputeFactory()
    for _ in range(n):
        f.DisputePartyFactory(dispute=dispute)
        f.DisputeSystemFactory(dispute=dispute)
        claim = f.ClaimFactory(dispute=dispute)
        claim.provisions.add(f.ProvisionFactory())
        f.EventFactory(dispute=dispute)
        evidence = f.EvidenceFactory(dispute=dispute)
        evidence.claims.add(claim)
        f.ComparisonOutputFactory(comparison__evidence=evidence)
        f.DisputePrecedentFactory(dispute=dispute)
    return dispute


@pytest.mark.parametrize("kind", ["detail", "list"])
def test_dispute_queries_do_not_grow_with_related_rows(anon, kind):
    """1 related row of each kind and 30 of each cost the same number of queries."""
    # A first read lets the connection probe its JSON support once (SQLite), a
    # cost of the connection, not of the rows.
    anon.get(reverse("api:dispute-detail", args=[f.DisputeFactory().slug]))
    counts = []
    for n in (1, 30):
        dispute = _dispute_with(n)
        url = (
            reverse("api:dispute-detail", args=[dispute.slug])
            if kind == "detail"
            else reverse("api:dispute-list")
            + f"?party={dispute.party_roles.first().party.slug}"
        )
        counts.append(_queries(anon, url))
    assert counts[0] == counts[1]


def test_dispute_list_queries_do_not_grow_with_disputes(anon):
    """A page of 2 disputes and a page of 25 cost the same number of queries."""
    _dispute_with(1)
    _dispute_with(1)
    small = _queries(anon, reverse("api:dispute-list"))
    for _ in range(23):
        _dispute_with(1)
    assert _queries(anon, reverse("api:dispute-list")) == small


@pytest.mark.parametrize(
    "name",
    [
        "precedent",
        "provision",
        "claim",
        "evidence",
        "event",
        "authority",
        "party",
        "system",
        "court",
        "statute",
        "source",
    ],
)
def test_lists_do_not_grow_with_rows(anon, name):
    """Every collection's page costs the same for 1 row as for 20."""
    make = {
        "precedent": lambda: f.AuthorityFactory(),
        "provision": lambda: f.ProvisionFactory(),
        "claim": lambda: f.ClaimFactory().provisions.add(f.ProvisionFactory()),
        "evidence": lambda: f.ComparisonOutputFactory(),
        "event": lambda: f.EventFactory(),
        "authority": lambda: f.AuthorityFactory(),
        "party": lambda: f.DisputePartyFactory(),
        "system": lambda: f.DisputeSystemFactory(),
        "court": lambda: f.PrecedentFactory(),
        "statute": lambda: f.ProvisionFactory(),
        "source": lambda: f.SourceFactory(),
    }[name]
    make()
    one = _queries(anon, reverse(f"api:{name}-list"))
    for _ in range(19):
        make()
    assert _queries(anon, reverse(f"api:{name}-list")) == one
