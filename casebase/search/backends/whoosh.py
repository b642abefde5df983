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
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from whoosh import collectors, index, writing
from whoosh import query as wq

from casebase.search import vocabulary
from casebase.search.backends.base import BackendResults, SearchBackend, SearchTimeout
from casebase.search.backends.whoosh_codec import ArrayCodec
from casebase.search.backends.whoosh_facets import FacetBitmaps
from casebase.search.backends.whoosh_rank import scoring_terms, top_documents
from casebase.search.backends.whoosh_reading import (
    by_date,
    filter_query,
    hit,
    open_stored,
    unranked,
)
from casebase.search.backends.whoosh_schema import (
    FACET_FIELDS,
    SCHEMA,
    compile_tree,
    phrase_fields,
    to_fields,
)
from casebase.search.backends.whoosh_sets import DocSets
from casebase.search.documents import SearchDocument
from casebase.search.highlight import highlight_terms, stem
from casebase.search.language import Node
from casebase.search.query import (
    SearchQuery,
    SortOrder,
)
from casebase.search.written import name_words

WRITE_TIMEOUT = 60.0
REBUILD_PROCS = 2
LOCK_FILE = "casebase-write.lock"


class IndexBusy(Exception):
    """Another process held the index for longer than WRITE_TIMEOUT."""


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
        self._sets = DocSets()

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
            open_stored(searcher)
            self._local.searcher = searcher
        return searcher

    @contextlib.contextmanager
    def _writer(self, **kwargs):
        ix = self._index()
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            writer = ix.writer(timeout=WRITE_TIMEOUT, codec=ArrayCodec(), **kwargs)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def _years(self, searcher) -> list[int]:
        """The years in the index (a year range becomes an OR of them), read once per
        searcher, not per query: walking the year lexicon merges every segment's
        terms (about a fifth of the backend's time in a profile at 10,000 records)."""
        cached = getattr(self._local, "years", None)
        if cached is not None and cached[0] is searcher:
            return cached[1]
        years = (
            [int(y) for y in searcher.lexicon("f_year")]
            if "f_year" in searcher.schema
            else []
        )
        self._local.years = (searcher, years)
        return years

    def _term_stats(self, searcher) -> dict:
        """The BM25F statistics of searched terms (whoosh_rank._bm25), kept while
        this thread's searcher is the same: they are over the whole index, and
        Whoosh worked them out again for every segment of every query."""
        cached = getattr(self._local, "term_stats", None)
        if cached is not None and cached[0] is searcher:
            return cached[1]
        stats: dict = {}
        self._local.term_stats = (searcher, stats)
        return stats

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
                writer.update_document(**_fields(doc, writer.schema))
        vocabulary.remember(documents)

    def clear(self) -> None:
        self._index()
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            self._ix = index.create_in(self.path, SCHEMA)
        self._local = threading.local()
        vocabulary.forget_all()

    def rebuild(self, batches: Iterable[list[SearchDocument]]) -> int:
        """One writer for the whole rebuild, and crash-safe: the new documents go into
        new segments, and the commit replaces the old ones by writing a new table of
        contents (an atomic rename). Until then readers keep the old index; a rebuild
        killed halfway leaves it untouched, and its files are cleared away later."""
        ix = self._index()
        count = 0
        # Several processes analyse documents in parallel (Whoosh's MpWriter); they
        # touch only the index, never the database connection this process holds.
        procs = max(1, min(REBUILD_PROCS, os.cpu_count() or 1))
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            self._clean_leftovers()
            stored = ix.schema
            changed = _changed_fields(stored)
            outdated = bool(changed) or stored.names() != SCHEMA.names()
            if outdated:
                # An index created under an older schema: the rebuild brings its
                # fields up to date. Whoosh's sub-writers read the schema from the
                # table of contents, so this rebuild has one writer; the new
                # schema is written with the new segments, at the commit.
                procs = 1
            writer = ix.writer(
                timeout=WRITE_TIMEOUT,
                codec=ArrayCodec(),
                # Postings each writer sorts in memory before it spills a sorted
                # run to disk (settings.SEARCH_REBUILD_MEMORY_MB, Whoosh's estimate).
                # Spilling costs more than sorting: each posting is written, read
                # back and merged one by one in Python, half a writer's time at
                # 100,000 records; the default keeps that rebuild in memory (1.7 GB
                # per writer process, measured).
                limitmb=settings.SEARCH_REBUILD_MEMORY_MB,
                procs=procs,
                multisegment=procs > 1,
            )
            if outdated:
                for name in stored.names():
                    if name not in SCHEMA or name in changed:
                        writer.remove_field(name)
                for name in SCHEMA.names():
                    if name not in writer.schema:
                        writer.add_field(name, SCHEMA[name])
            try:
                for batch in batches:
                    for doc in batch:
                        writer.add_document(**_fields(doc, writer.schema))
                    vocabulary.remember(batch)
                    count += len(batch)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=writing.CLEAR)
        self._local = threading.local()
        return count

    def _clean_leftovers(self) -> None:
        """Remove what a writer killed mid-way left behind: temporary folders and
        segment files no table of contents names. Call with the write lock held."""
        for tmp in self.path.glob("*.tmp"):
            shutil.rmtree(tmp, ignore_errors=True)
        ix = self._index()
        toc = ix._read_toc()
        index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)

    def cleanup(self) -> None:
        self._index()
        with file_lock(self.path / LOCK_FILE, WRITE_TIMEOUT):
            self._clean_leftovers()

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
        compiled = compile_tree(
            tree, self._years(searcher), phrase_fields(searcher.schema)
        )
        selected = filter_query(query.filters)
        if selected is not None:
            compiled = wq.And([compiled, wq.ConstantScoreQuery(selected, 0.0)])
        # Every match, as bitmaps: the exact total and facet counts (no scoring).
        try:
            matched = self._sets.evaluate(searcher, compiled, deadline)
        except collectors.TimeLimit as exc:
            raise SearchTimeout from exc
        total = sum(bitmap.bit_count() for _, bitmap in matched)
        facets = self._facets.count(matched) if query.with_facets and total else {}
        if not total:
            return BackendResults([], 0, {})
        wanted = query.offset + query.per_page
        scoring = scoring_terms(compiled, searcher.reader())
        if query.sort == SortOrder.RELEVANCE and scoring:
            try:
                top = top_documents(
                    searcher,
                    self._sets,
                    matched,
                    scoring,
                    wanted,
                    deadline,
                    self._term_stats(searcher),
                    tuple(stem(word) for word in name_words(tree)),
                )
                timed_out = False
            except collectors.TimeLimit:
                top, timed_out = unranked(searcher, matched, wanted), True
        else:  # by date; newest first when there is nothing to rank by (`year:2023`)
            top, timed_out = by_date(searcher, compiled, query, deadline)
        terms = highlight_terms(tree)
        hits = [
            hit(searcher.stored_fields(docnum), score, terms)
            for score, docnum in top[query.offset : wanted]
        ]
        return BackendResults(hits, total, facets, timed_out=timed_out)


def _changed_fields(stored) -> set[str]:
    """The fields of an opened index whose type or analyzer is not the current
    schema's: an index written before the faster field types of whoosh_analysis.py
    (the same postings, written more slowly), or before citations were split into
    casebase.search.tokens' words."""
    return {
        name
        for name in stored.names()
        if name in SCHEMA
        and (
            type(stored[name]) is not type(SCHEMA[name])
            or getattr(stored[name], "analyzer", None)
            != getattr(SCHEMA[name], "analyzer", None)
        )
    }


def _fields(doc: SearchDocument, schema) -> dict:
    """The document's fields that the index has: an index created before a field
    was added keeps its own schema until it is rebuilt (or cleared), and works as
    before without the new field."""
    fields = to_fields(doc)
    if any(name not in schema for name in fields):
        fields = {name: value for name, value in fields.items() if name in schema}
    return fields
