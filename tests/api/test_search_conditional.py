"""The search endpoint's pages carry an ETag, as the lists' pages do."""

import pytest
from django.urls import reverse

from casebase.search import indexing
from tests import factories as f

# autouse: a fresh, empty Whoosh index for each test, nothing queued.
from tests.search.conftest import search_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_search_sends_an_etag_and_answers_304(anon):
    """If-None-Match with the page's ETag answers 304 with no body; when what the
    page shows changes, so does the ETag."""
    dispute = f.DisputeFactory(title="Quokka Labs v Wombat Ltd")
    indexing.rebuild()
    url = reverse("api:search") + "?q=quokka"
    first = anon.get(url)
    assert first.status_code == 200 and first.json()["total"] == 1
    etag = first["ETag"]
    assert etag and first["Cache-Control"] == "no-cache"
    response = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content
    assert response["ETag"] == etag
    assert anon.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    dispute.short_title = "Quokka v Numbat"  # the hit's title
    dispute.save()
    indexing.rebuild()
    changed = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["hits"][0]["title"] == "Quokka v Numbat"
