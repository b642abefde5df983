"""The dispute list's fast path (casebase/api/lean.py) gives exactly what the
documented serializer (DisputeListOut) gives, for the public and for editors."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from casebase.api import lean, selectors
from casebase.api.serializers.cases import DisputeListOut
from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.api.conftest import make_user

pytestmark = pytest.mark.django_db
DRAFT = PublicationStatus.DRAFT


def _as_json(data) -> list:
    return json.loads(json.dumps(data, default=str))


def _both(user) -> tuple[list, list]:
    request = Request(APIRequestFactory().get("/api/v1/disputes"))
    request.user = user
    order = ("-updated_at", "-pk")
    disputes = selectors.dispute_queryset(user=user).order_by(*order)
    slow = DisputeListOut(disputes, many=True, context={"request": request}).data
    rows = lean.with_court(selectors.dispute_page_queryset(user=user), user=user)
    rows = rows.order_by(*order)
    fast = lean.dispute_rows(
        list(rows.values(*lean.COLUMNS)), user=user, context={"request": request}
    )
    return _as_json(slow), _as_json(fast)


@pytest.fixture
def disputes():
    """Disputes with every embedded list, hidden rows among them (test data)."""
    full = f.DisputeFactory(court=f.CourtFactory())
    full.jurisdictions.add(f.JurisdictionFactory(), f.JurisdictionFactory())
    f.DisputePartyFactory(dispute=full, role="claimant", names_as_pleaded=["A B"])
    f.DisputePartyFactory(dispute=full, role="defendant")
    f.DisputePartyFactory(dispute=full, party=f.PartyFactory(publication_status=DRAFT))
    f.DisputeSystemFactory(dispute=full)
    f.DisputeSystemFactory(
        dispute=full, system=f.AISystemFactory(publication_status=DRAFT)
    )
    f.ClaimFactory(dispute=full)
    f.ClaimFactory(dispute=full, publication_status=DRAFT)
    f.EventFactory(dispute=full)
    f.EventFactory(dispute=full, publication_status=DRAFT)
    f.DisputeFactory(court=f.CourtFactory(publication_status=DRAFT))
    f.DisputeFactory(publication_status=DRAFT)
    f.DisputeFactory(court=None)


def test_public_list_matches_the_serializer(disputes):
    """Anonymous readers: same keys, values, order and hidden rows left out."""
    slow, fast = _both(AnonymousUser())
    assert len(fast) == 3
    if fast != slow:
        import sys

        sys.path.insert(0, "/tmp/ha")
        import difftest

        difftest.show(fast, slow)
    assert fast == slow


def test_editor_list_matches_the_serializer(disputes):
    """Editors (who see drafts) get the same as the serializer gives them too."""
    slow, fast = _both(make_user("editor"))
    assert len(fast) == 4
    if fast != slow:
        import sys

        sys.path.insert(0, "/tmp/ha")
        import difftest

        difftest.show(fast, slow)
    assert fast == slow


def test_filled_links_are_what_reverse_gives():
    """Links filled into a template equal DRF's reverse() for every record kind the
    site links by slug, and for the API's own detail URLs (a `format` override in
    the request carried along, as DRF carries it)."""
    from rest_framework.reverse import reverse as drf_reverse

    from casebase.api.serializers.common import PAGE_BY_SLUG, filled_url

    records = [
        f.DisputeFactory(),
        f.PartyFactory(),
        f.AISystemFactory(),
        f.CourtFactory(),
        f.JurisdictionFactory(),
        f.LegalTheoryFactory(),
    ]
    for query in ("", "?format=json"):
        request = Request(APIRequestFactory().get(f"/api/v1/disputes{query}"))
        context = {"request": request}
        for record in records:
            page = filled_url(context, PAGE_BY_SLUG[type(record)], record.slug)
            assert page == drf_reverse(
                PAGE_BY_SLUG[type(record)], args=[record.slug], request=request
            )
        for pk in (1, 42, 123456789):
            api = filled_url(context, "api:claim-detail", pk)
            assert api == drf_reverse("api:claim-detail", args=[pk], request=request)
        assert filled_url(context, "api:claim-detail", "not a slug") is None
