"""The embedded default: a Whoosh index on disk (`settings.SEARCH_INDEX_PATH`).

Several worker processes may write at once. Every write takes an exclusive file lock
(`flock`, polled up to WRITE_TIMEOUT) before opening a Whoosh writer, so writers queue
in turn instead of meeting Whoosh's LockError; readers never lock. A write that still
cannot get the lock raises IndexBusy, which the indexer records for the next writer.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from whoosh import collectors, index
from whoosh import query as wq

from casebase.search import vocabulary
from casebase.search.backends.base import BackendResults, SearchBackend, SearchTimeout
from casebase.search.backends.whoosh_facets import FacetBitmaps
from casebase.search.backends.whoosh_schema import (
    FACET_FIELDS,
    SCHEMA,
    compile_tree,
    number_date,
    to_fields,
)
from casebase.search.documents import SearchDocument
from casebase.search.highlight import highlight_terms, mark, snippet
from casebase.search.language import Node
from casebase.search.query import (
    Filters,
    Hit,
    SearchQuery,
    SortOrder,
)

WRITE_TIMEOUT = 60.0
REBUILD_PROCS = 2
LOCK_FILE = "casebase-write.lock"


class IndexBusy(Exception):
    """Another process held the index for longer than WRITE_TIMEOUT."""


class _Deadline(collectors.WrappingCollector):
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


@contextlib.contextmanager
def file_lock(path: Path, timeout: float) -> Iterator[None]:
    """An exclusive lock shared by every process on this machine, polled so that a
    stuck holder makes us give up (IndexBusy) rather than hang."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusy(
                        f"the search index at {path.parent} is busy"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class WhooshBackend(SearchBackend):
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path or settings.SEARCH_INDEX_PATH)
        self._ix = None
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._facets = FacetBitmaps(FACET_FIELDS)

    # -- the index ------------------------------------------------------------------------

    def _index(self):
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
                        if index.exists_in(self.path):
                            self._ix = index.open_dir(self.path)
                        else:
                            self._ix = index.create_in(self.path, SCHEMA)
        return self._ix

    def _searcher(self):
        """A per-thread searcher, reopened when another writer has committed.
        (Whoosh's own refresh() fails when the index has been emptied.)"""
        ix = self._index()
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and searcher.reader().generation() != (
            ix.latest_generation()
        ):
            searcher.close()
            searcher = None
        if searcher is None:
            searcher = ix.searcher()
            self._local.searcher = searcher
        return searcher

    @contextlib.contextmanager
    def _writer(self, **kwargs):
        ix = self._index()
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            writer = ix.writer(timeout=WRITE_TIMEOUT, **kwargs)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    # -- writes ---------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> None:
        self.update(list(documents), [])

    def delete(self, keys: Iterable[str]) -> None:
        self.update([], list(keys))

    def update(self, documents: list[SearchDocument], deleted: list[str]) -> None:
        if not documents and not deleted:
            return
        with self._writer() as writer:
            for key in deleted:
                writer.delete_by_term("key", key)
            for doc in documents:
                writer.update_document(**to_fields(doc))
        vocabulary.remember(documents)

    def clear(self) -> None:
        self._index()
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            self._ix = index.create_in(self.path, SCHEMA)
        self._local = threading.local()
        vocabulary.forget_all()

    def rebuild(self, batches: Iterable[list[SearchDocument]]) -> int:
        """One writer for the whole rebuild: far faster than a commit per batch."""
        self.clear()
        count = 0
        # Several processes analyse documents in parallel (Whoosh's MpWriter); they
        # touch only the index, never the database connection this process holds.
        procs = max(1, min(REBUILD_PROCS, os.cpu_count() or 1))
        with self._writer(limitmb=128, procs=procs, multisegment=procs > 1) as writer:
            for batch in batches:
                for doc in batch:
                    writer.add_document(**to_fields(doc))
                vocabulary.remember(batch)
                count += len(batch)
        return count

    # -- reads ----------------------------------------------------------------------------

    def digests(self) -> dict[str, str]:
        searcher = self._searcher()
        return {
            fields["key"]: fields.get("digest", "")
            for fields in searcher.all_stored_fields()
        }

    def suggest(self, word: str) -> str:
        return vocabulary.nearest(word)

    def search(self, query: SearchQuery, tree: Node) -> BackendResults:
        searcher = self._searcher()
        deadline = time.monotonic() + query.time_limit
        years = (
            [int(y) for y in searcher.lexicon("f_year")]
            if "f_year" in searcher.schema
            else []
        )
        compiled = compile_tree(tree, years)
        # Facet filters join the query (scoring nothing) rather than going through
        # Whoosh's FilterCollector, which the deadline collector would bypass.
        selected = _filter_query(query.filters)
        if selected is not None:
            compiled = wq.And([compiled, wq.ConstantScoreQuery(selected, 0.0)])
        sortedby, reverse = None, False
        if query.sort == SortOrder.NEWEST:
            sortedby, reverse = "date_desc", True
        elif query.sort == SortOrder.OLDEST:
            sortedby = "date_asc"
        # The top of the ranking: Whoosh skips blocks that cannot reach it.
        collector = searcher.collector(
            limit=query.offset + query.per_page, sortedby=sortedby, reverse=reverse
        )
        timed = _Deadline(collector, deadline)
        try:
            searcher.search_with_collector(compiled, timed)
        except collectors.TimeLimit:
            pass
        try:
            results = timed.results()
        except Exception as exc:  # stopped before it had anything
            raise SearchTimeout from exc
        terms = highlight_terms(tree)
        page = results[query.offset : query.offset + query.per_page]
        hits = [self._hit(hit, terms) for hit in page]
        # Exact total and facet counts in one cheaper pass (no scoring).
        timed_out = timed.timed_out
        facets: dict[str, dict[str, int]] = {}
        total = results.scored_length()
        if not timed_out:
            try:
                total, counts = self._facets.count(searcher, compiled, deadline)
                if query.with_facets:
                    facets = counts
            except collectors.TimeLimit:
                timed_out = True
        return BackendResults(hits, total, facets, timed_out=timed_out)

    def _hit(self, hit, terms: frozenset[str]) -> Hit:
        fields = hit.fields()
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
            score=float(hit.score or 0.0),
        )


def _filter_query(filters: Filters) -> wq.Query | None:
    parts: list[wq.Query] = []
    for name, value in filters.items():
        if name == "year":
            parts.append(wq.NumericRange("year", int(value), int(value)))
        else:
            parts.append(wq.Term(FACET_FIELDS[name], value))
    return wq.And(parts) if parts else None
