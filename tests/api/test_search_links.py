"""Each search hit links to its record in the API, as DRF's reverse() writes it."""

import pytest
from django.urls import reverse
from rest_framework.reverse import reverse as drf_reverse
from rest_framework.test import APIRequestFactory

from casebase.search import indexing
from tests import factories as f

# autouse: a fresh, empty Whoosh index for each test, nothing queued.
from tests.search.conftest import search_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_hits_link_to_their_records(anon):
    """Disputes (by slug) and provisions (by id) among the hits: each `url` is the
    record's API address (test data)."""
    disputes = [f.DisputeFactory(summary="Zanzibarite licensing.") for _ in range(2)]
    provision = f.ProvisionFactory(summary="Zanzibarite works.")
    indexing.rebuild()
    response = anon.get(reverse("api:search"), {"q": "zanzibarite"})
    assert response.status_code == 200, response.content
    request = APIRequestFactory().get("/")
    expected = {
        ("dispute", d.pk): drf_reverse(
            "api:dispute-detail", args=[d.slug], request=request
        )
        for d in disputes
    }
    expected[("provision", provision.pk)] = drf_reverse(
        "api:provision-detail", args=[provision.pk], request=request
    )
    found = {(h["type"], h["id"]): h["url"] for h in response.json()["hits"]}
    assert found == expected
