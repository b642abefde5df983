"""The dispute list's responses (casebase/api/lean.py) are those DRF builds from
the documented serializer (DisputeListOut), byte for byte: every field in the
serializer's order, the records' order, the links to other pages, filters and
orderings."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from rest_framework.test import APIRequestFactory, force_authenticate

from casebase.api import selectors
from casebase.api.views.base import BaseRecordViewSet
from casebase.api.views.records import DisputeViewSet
from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.api.conftest import make_user

DRAFT = PublicationStatus.DRAFT


class _SerializerDisputes(DisputeViewSet):
    """The dispute list as DRF builds it from the documented serializer: the
    reference the fast path is held to."""

    list_selector = staticmethod(selectors.dispute_queryset)

    def list_data(self, request):
        return BaseRecordViewSet.list_data(self, request)


def _get(view, url: str, user) -> bytes:
    request = APIRequestFactory().get(url)
    force_authenticate(request, user=user)
    response = view(request)
    assert response.status_code == 200, response.content
    return response.content


def _pages(view, query: str, user) -> list[bytes]:
    """Every page of `/api/v1/disputes?<query>`, following the `next` links to
    the last page and the `previous` links back from it."""
    bodies = [_get(view, f"/api/v1/disputes?{query}", user)]
    for direction in ("next", "previous"):
        while url := json.loads(bodies[-1])[direction]:
            bodies.append(_get(view, url, user))
    return bodies


@pytest.mark.parametrize(
    "query",
    [
        "page_size=7",
        "page_size=20&ordering=title",
        "page_size=5&ordering=-created_at&verified=true",
        "page_size=100&jurisdiction=united-states",
        "page_size=9&theory=copyright&ordering=-title",
    ],
)
@override_settings(API_CACHE_SECONDS=0)
def test_reference_pages_match_the_serializer_byte_for_byte(reference_db, db, query):
    """Every page of the reference disputes, filtered and ordered: the fast path's
    response is the serializer's, byte for byte, links to the next and previous
    pages included."""
    user = AnonymousUser()
    fast = _pages(DisputeViewSet.as_view({"get": "list"}), query, user)
    slow = _pages(_SerializerDisputes.as_view({"get": "list"}), query, user)
    assert len(fast) > 1 or "page_size=100" in query
    assert sum(len(json.loads(body)["results"]) for body in fast) > 5
    assert fast == slow


@pytest.mark.django_db
def test_editor_pages_match_the_serializer():
    """An editor's pages, drafts and the rows only editors see among them, too
    (test data)."""
    for n in range(3):
        dispute = f.DisputeFactory(court=f.CourtFactory(publication_status=DRAFT))
        dispute.jurisdictions.add(f.JurisdictionFactory())
        f.DisputePartyFactory(dispute=dispute, names_as_pleaded=[f"Name {n}"])
        f.DisputePartyFactory(
            dispute=dispute, party=f.PartyFactory(publication_status=DRAFT)
        )
        f.DisputeSystemFactory(dispute=dispute)
        f.ClaimFactory(dispute=dispute, publication_status=DRAFT)
        f.EventFactory(dispute=dispute)
    f.DisputeFactory(publication_status=DRAFT)
    editor = make_user("editor")
    view = DisputeViewSet.as_view({"get": "list"})
    slow_view = _SerializerDisputes.as_view({"get": "list"})
    assert _pages(view, "page_size=2", editor) == _pages(
        slow_view, "page_size=2", editor
    )
