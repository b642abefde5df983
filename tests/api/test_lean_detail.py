"""The dispute detail's fast path (casebase/api/lean_detail.py) gives exactly what
the documented serializer (DisputeDetailOut) gives, with the same validators, for
the public and for editors; and the orjson renderer writes what DRF's writes."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from casebase.api import conditional, lean_detail, selectors
from casebase.api.renderers import dumps
from casebase.api.serializers.cases import DisputeDetailOut
from casebase.api.views.records import DisputeViewSet
from casebase.cases.models import Confidentiality, Dispute
from casebase.core.models import PublicationStatus
from casebase.law.models import Treatment
from tests import factories as f
from tests.api.conftest import make_user

DRAFT = PublicationStatus.DRAFT


def _both(user, slug: str):
    request = Request(APIRequestFactory().get(f"/api/v1/disputes/{slug}"))
    request.user = user
    instance = selectors.dispute_detail_queryset(user=user).get(slug=slug)
    slow = DisputeDetailOut(instance, context={"request": request}).data
    slow_validators = conditional.validators(
        instance, DisputeViewSet.etag_relations, user
    )
    fast, etag, modified = lean_detail.dispute_detail(
        selectors.dispute_page_queryset(user=user),
        slug,
        user=user,
        context={"request": request},
    )
    return (slow, slow_validators), (fast, (etag, modified))


@pytest.fixture
def dispute(db):
    """A dispute with every embedded list, hidden and sealed rows among them
    (test data)."""
    d = f.DisputeFactory(court=f.CourtFactory())
    d.jurisdictions.add(f.JurisdictionFactory(), f.JurisdictionFactory())
    d.sources.add(f.SourceFactory(), f.SourceFactory(), f.SourceFactory(**_draft()))
    f.DisputePartyFactory(dispute=d, role="claimant", names_as_pleaded=["A B"])
    f.DisputePartyFactory(dispute=d, role="defendant")
    f.DisputePartyFactory(dispute=d, party=f.PartyFactory(**_draft()))
    f.DisputeSystemFactory(dispute=d)
    f.DisputeSystemFactory(dispute=d, system=f.AISystemFactory(**_draft()))
    claim = f.ClaimFactory(dispute=d)
    claim.provisions.add(f.ProvisionFactory(), f.ProvisionFactory())
    claim.provisions.add(f.ProvisionFactory(**_draft()))
    claim.sources.add(f.SourceFactory(), f.SourceFactory(**_draft()))
    f.ClaimFactory(dispute=d, publication_status=DRAFT).sources.add(f.SourceFactory())
    f.ClaimFactory(dispute=d)
    event = f.EventFactory(dispute=d, date=dt.date(2023, 5, 1))
    event.sources.add(f.SourceFactory())
    f.EventFactory(dispute=d, publication_status=DRAFT)
    public = f.EvidenceFactory(dispute=d)
    public.claims.add(claim)
    public.sources.add(f.SourceFactory())
    f.ComparisonOutputFactory(comparison__evidence=public)
    f.EvidenceFactory(dispute=d, confidentiality=Confidentiality.REDACTED)
    f.EvidenceFactory(dispute=d, confidentiality=Confidentiality.SEALED)
    first = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    appeal = f.PrecedentFactory(decision_date=dt.date(2021, 1, 1))
    top = f.PrecedentFactory(decision_date=dt.date(2022, 1, 1))
    f.AuthorityFactory(citing=appeal, cited=first, treatment=Treatment.REVERSED)
    f.AuthorityFactory(citing=top, cited=appeal, treatment=Treatment.REVERSED)
    f.DisputePrecedentFactory(dispute=d, precedent=first)
    f.DisputePrecedentFactory(dispute=d, precedent=f.PrecedentFactory(**_draft()))
    return d


def _draft() -> dict:
    return {"publication_status": DRAFT}


def _as_json(data):
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_detail_matches_the_serializer_and_its_validators(dispute, role):
    """Same keys, values and order, hidden and sealed rows left out alike, and the
    same ETag and Last-Modified."""
    user = make_user(role) or AnonymousUser()
    (slow, slow_validators), (fast, fast_validators) = _both(user, dispute.slug)
    assert _as_json(fast) == _as_json(slow)
    assert list(fast) == list(slow)
    assert fast_validators == slow_validators
    assert len(fast["claims"]) == (2 if role == "anonymous" else 3)
    assert len(fast["sources"]) == (2 if role == "anonymous" else 3)
    assert len(fast["evidence"]) == 2


def test_bare_dispute_matches_the_serializer(db):
    """A dispute with no court and nothing embedded."""
    d = f.DisputeFactory(court=None)
    (slow, slow_validators), (fast, fast_validators) = _both(AnonymousUser(), d.slug)
    assert _as_json(fast) == _as_json(slow)
    assert fast_validators == slow_validators


def test_a_hidden_dispute_is_none(db):
    """A draft is not found for the public (the view answers 404)."""
    d = f.DisputeFactory(publication_status=DRAFT)
    found = lean_detail.dispute_detail(
        selectors.dispute_page_queryset(user=AnonymousUser()),
        d.slug,
        user=AnonymousUser(),
        context={"request": None},
    )
    assert found is None


def test_reference_details_match_the_serializer_byte_for_byte(reference_db, db):
    """Every reference dispute: the fast path rendered by orjson is the
    serializer's output rendered by DRF, byte for byte."""
    user = AnonymousUser()
    slugs = list(Dispute.objects.published().values_list("slug", flat=True))
    assert len(slugs) > 50
    for slug in slugs:
        (slow, slow_validators), (fast, fast_validators) = _both(user, slug)
        assert dumps(fast) == JSONRenderer().render(slow), slug
        assert fast_validators == slow_validators, slug


def test_orjson_renders_as_drf_does():
    """Dates, times, lazy strings, decimals, non-ASCII text and the JavaScript line
    separators come out as DRF's renderer writes them."""
    import decimal
    import uuid

    from django.utils.translation import gettext_lazy

    data = {
        "when": dt.datetime(2024, 5, 1, 12, 30, 5, 120000, tzinfo=dt.UTC),
        "naive": dt.datetime(2024, 5, 1, 12, 30),
        "day": dt.date(2024, 5, 1),
        "lazy": gettext_lazy("Good law"),
        "amount": decimal.Decimal("12.50"),
        "id": uuid.UUID(int=7),
        "text": 'Café – \u2028 line \u2029 para "quoted" \\ back',
        "nested": [{"a": None, "b": True, "c": 3, "d": 0.5}],
    }
    assert dumps(data) == JSONRenderer().render(data)


def test_the_compiled_row_query_keeps_each_base_querys_filters(db):
    """The row query is compiled once per base query: a filtered base (a filter in
    the URL) is its own query, and a second slug reads its own row."""
    user = AnonymousUser()
    a = f.DisputeFactory(verified=True)
    b = f.DisputeFactory(verified=True)
    base = selectors.dispute_page_queryset(user=user)
    context = {"request": None}
    assert lean_detail.dispute_detail(base, a.slug, user=user, context=context)
    found_b = lean_detail.dispute_detail(base, b.slug, user=user, context=context)
    assert found_b[0]["slug"] == b.slug
    unverified = base.filter(verified=False)
    assert (
        lean_detail.dispute_detail(unverified, a.slug, user=user, context=context)
        is None
    )


@pytest.mark.django_db
def test_a_filter_in_the_url_still_narrows_the_detail(anon):
    """The detail's compiled query is shared by every request that names no filter;
    one that names a filter is still narrowed by it."""
    from django.test import override_settings

    dispute = f.DisputeFactory(verified=True)
    url = f"/api/v1/disputes/{dispute.slug}"
    with override_settings(API_CACHE_SECONDS=0):
        assert anon.get(url).status_code == 200
        assert anon.get(url + "?verified=false").status_code == 404
        assert anon.get(url + "?verified=true").status_code == 200
        assert anon.get(url + "?ordering=title").status_code == 200
        assert anon.get(url).status_code == 200
