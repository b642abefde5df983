"""How a Whoosh search reads the index once the matches are known (whoosh.py): the
selected facet values as a query, newest or oldest first, the first matches when
ranking ran out of time, and hits from the stored fields. Every read stops at the
query's deadline (`Deadline`), keeping what it found.
"""

from __future__ import annotations

import time

from whoosh import collectors, sorting
from whoosh import query as wq

from casebase.search.backends.base import SearchTimeout
from casebase.search.backends.whoosh_rank import bits
from casebase.search.backends.whoosh_schema import FACET_FIELDS, number_date
from casebase.search.highlight import mark, snippet
from casebase.search.query import Filters, Hit, SearchQuery, SortOrder


class Deadline(collectors.WrappingCollector):
    """Stops collecting at `deadline` (time.monotonic()), keeping what was found (no
    timer thread and no signal, so it is safe in any worker thread)."""

    def __init__(self, child, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline
        self.timed_out = False

    def collect_matches(self):
        child = self.child
        for n, sub_docnum in enumerate(child.matches()):
            if n % 256 == 0 and time.monotonic() > self.deadline:
                self.timed_out = True
                raise collectors.TimeLimit
            child.collect(sub_docnum)


def by_date(
    searcher, compiled, query: SearchQuery, deadline: float
) -> tuple[list[tuple[float, int]], bool]:
    """Oldest first, or else newest first, records of the same date (or none) by
    title then key, as on PostgreSQL: Whoosh's sorting collector over the date
    and same_date_order columns (an index built before the latter has no order
    among them until it is rebuilt)."""
    if query.sort == SortOrder.OLDEST:
        facets = [sorting.FieldFacet("date_asc")]
    else:
        facets = [sorting.FieldFacet("date_desc", reverse=True)]
    if "same_date_order" in searcher.schema:
        facets.append(sorting.FieldFacet("same_date_order"))
    collector = searcher.collector(
        limit=query.offset + query.per_page, sortedby=sorting.MultiFacet(facets)
    )
    timed = Deadline(collector, deadline)
    try:
        searcher.search_with_collector(compiled, timed)
    except collectors.TimeLimit:
        pass
    try:
        results = timed.results()
    except Exception as exc:  # stopped before it had anything
        raise SearchTimeout from exc
    # Not scored: a hit's "score" here is its sort key.
    top = [(0.0, found.docnum) for found in results]
    return top, timed.timed_out


def unranked(searcher, matched: list, wanted: int) -> list[tuple[float, int]]:
    """What was found when ranking ran out of time: the first matches."""
    offsets = {id(sub.reader()): off for sub, off in searcher.leaf_searchers()}
    top: list[tuple[float, int]] = []
    for reader, bitmap in matched:
        top += [(0.0, offsets[id(reader)] + d) for d in bits(bitmap, wanted)]
    return top[:wanted]


def hit(fields: dict, score: float, terms: frozenset[str]) -> Hit:
    """A hit from a document's stored fields, its snippet and title marked."""
    body = fields.get("body_text", "")
    title = fields.get("title", "")
    return Hit(
        key=fields["key"],
        doc_type=fields.get("f_type", ""),
        object_id=fields["object_id"],
        title=title,
        url=fields["url"],
        citations=tuple(fields.get("citations_display") or ()),
        snippet=snippet(body, terms),
        title_marked=mark(title, terms, whole=True),
        date=number_date(fields.get("date")),
        date_display=fields.get("date_display", ""),
        score=float(score or 0.0),
    )


def open_stored(searcher) -> None:
    """Open every segment's stored fields now. Whoosh copies a segment's whole
    stored-fields column into memory the first time a document is read from it
    (tens of milliseconds at 100,000 records): done here, that lands on the first
    search after the index changes, not on whichever search first shows a hit
    from that segment."""
    for subsearcher, _offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if reader.doc_count_all():
            reader.stored_fields(0)


def filter_query(filters: Filters) -> wq.Query | None:
    """The facet values selected beside the query, as one query (None if none)."""
    parts: list[wq.Query] = []
    for name, value in filters.items():
        if name == "year":
            parts.append(wq.Term("f_year", str(int(value))))
        else:
            parts.append(wq.Term(FACET_FIELDS[name], value))
    return wq.And(parts) if parts else None
