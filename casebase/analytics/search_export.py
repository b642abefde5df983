"""The rows of a search export: every hit of the query, with its facets applied,
fetched from the search service a page at a time (the index holds published
records only, so the export does too)."""

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from casebase.search.query import SearchQuery, strip_marks
from casebase.search.service import run_search

PAGE = 500
# The most rows one export returns; a broader search should be narrowed.
LIMIT = 100_000
TIME_LIMIT = 10.0

HEADER = ["type", "title", "url", "citations", "date", "snippet", "score"]


def search_rows(query: SearchQuery, *, user, base_url: str = "") -> Iterator[list[Any]]:
    """One list per hit, in the query's sort order, until the results run out."""
    prefix = base_url.rstrip("/")
    page_query = replace(
        query, page=1, per_page=PAGE, with_facets=False, time_limit=TIME_LIMIT
    )
    sent = 0
    while sent < LIMIT:
        results = run_search(query=page_query, user=user)
        for hit in results.hits:
            yield [
                hit.doc_type,
                strip_marks(hit.title),
                prefix + hit.url if hit.url.startswith("/") else hit.url,
                list(hit.citations),
                hit.date,
                strip_marks(hit.snippet),
                round(hit.score, 4),
            ]
            sent += 1
        if len(results.hits) < PAGE or sent >= results.total:
            return
        # A corrected query ("did you mean") carries on with the corrected words.
        page_query = replace(results.query, page=page_query.page + 1)
