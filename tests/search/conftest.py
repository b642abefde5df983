"""Search fixtures: every test gets its own temporary index, and backend-parametrised
tests run once on Whoosh and once on PostgreSQL (skipped, with the reason shown in the
summary, unless DATABASE_URL is PostgreSQL; CI's second pass sets it)."""

import pytest
from django.db import connection

from casebase.search import indexing
from casebase.search.backends.base import get_backend, reset_backend
from casebase.search.query import SearchQuery
from casebase.search.service import run_search

WHOOSH = "casebase.search.backends.whoosh.WhooshBackend"
POSTGRES = "casebase.search.backends.postgres.PostgresBackend"


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """A fresh, empty index for this test (Whoosh under tmp_path), nothing queued."""
    settings.SEARCH_BACKEND = WHOOSH
    settings.SEARCH_INDEX_PATH = tmp_path / "search-index"
    reset_backend()
    indexing._pending().clear()
    yield settings.SEARCH_INDEX_PATH
    indexing._pending().clear()
    reset_backend()


@pytest.fixture(params=["whoosh", "postgres"])
def engine(request, settings, search_index, db):
    """Run the test against each backend; the index starts empty."""
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL backend: DATABASE_URL is not PostgreSQL")
        settings.SEARCH_BACKEND = POSTGRES
    reset_backend()
    get_backend().clear()
    return request.param


def index_all() -> int:
    """Index every public record (what rebuild_search_index does)."""
    return indexing.rebuild()


def search(text: str, **options):
    return run_search(query=SearchQuery(text=text, **options), user=None)


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]
