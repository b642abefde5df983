"""A failing search backend is told apart by the exception's type: the API answers
503 with Retry-After, whatever the failure's message says."""

import pytest
from django.urls import reverse

from casebase.search import service
from casebase.search.query import SearchQuery

pytestmark = pytest.mark.django_db


class _Broken:
    def search(self, query, tree):
        raise OSError("disk on fire")  # not a message the API knows

    def suggest(self, word):
        return None


def test_backend_failure_is_503(anon, monkeypatch):
    """A backend that raises gives 503 in the one error shape, never 500 or 400."""
    monkeypatch.setattr(service, "get_backend", lambda: _Broken())
    response = anon.get(reverse("api:search"), {"q": "copyright"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["code"] == "unavailable"


def test_the_page_still_gets_an_error_message(monkeypatch):
    """Without `raise_unavailable` (the search page) run_search reports in `error`."""
    monkeypatch.setattr(service, "get_backend", lambda: _Broken())
    results = service.run_search(query=SearchQuery(text="copyright"), user=None)
    assert results.error and not results.hits
