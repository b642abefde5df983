"""Which documents a query matches, as one bitmap (a Python int) per index segment.

Totals and facet counts need every match, but not its score. Walking Whoosh's
matchers for that visits each match in Python several times over, which at 100,000
documents is the slow tail of broad queries (common words, OR, NOT, prefixes). Here
a query is evaluated as set algebra instead: each leaf (a term, a phrase, a range)
becomes a bitmap, AND / OR / NOT are `&`, `|` and `& ~`, and a count is a popcount,
all at C speed.

Leaf bitmaps are cached. A segment never changes once written, so a term's bitmap
(read straight from its posting blocks, deleted documents included) is keyed by the
segment alone and masked with the segment's live documents when used. With it is
kept where the term's posting blocks are (whoosh_postings.BlockIndex): ranking
(whoosh_rank.py) reads the weights of its few hundred candidates from the blocks
that hold them, or, when they are spread over most blocks, reads the term's
documents and weights whole once and keeps them instead. (Decoding every posting
of a common word for ranking, whether or not ranking would look at it, was a third
of the time reading the word took.) Other leaves (phrases, ranges), whose matchers
already leave deletions out, are keyed by the segment and its number of deletions.
A merge retires a segment and its entries.

A two-word phrase in `content` is one term of the `pairs` field (whoosh_analysis.py);
a longer one is checked with positions only in the documents that have all its pairs.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from itertools import pairwise

from whoosh import query as wq
from whoosh.collectors import TimeLimit

from casebase.search.backends import whoosh_postings
from casebase.search.backends.whoosh_analysis import pair
from casebase.search.backends.whoosh_facets import to_bitmap
from casebase.search.backends.whoosh_postings import (
    BlockIndex,
    all_postings,
    block_weights,
    length_bytes,
    looked_up,
    positions_in,
    read_term,
    set_bits,
    weights_in,
)
from casebase.search.backends.whoosh_schema import PAIRS_FIELD

# Bitmaps (12.5 kB per 100,000 documents), block indexes (12 bytes a block of 128
# postings) and the postings kept for ranking when it needs most of a term's blocks
# (8 bytes a document): the most common word of a 100,000-record index takes 25 kB
# to 800 kB.
MAX_BYTES = 64 << 20
CONTENT_FIELD = "content"


class DocSets:
    """Bitmaps of matching documents per segment, with an LRU cache of leaves."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._cache: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def evaluate(self, searcher, query: wq.Query, deadline: float) -> list:
        """[(segment reader, bitmap of live matching documents)] for every segment."""
        found = []
        for subsearcher, _offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            if reader.doc_count_all() == 0:
                continue
            segment = _Segment(self, subsearcher, reader, deadline)
            found.append((reader, segment.bitmap(query) & segment.live))
        return found

    def term(self, reader, field: str, text, deadline: float | None = None) -> int:
        """A term's documents in one segment, deleted ones included (cached)."""
        return self._term(reader, field, text, deadline)[0]

    def weights(self, reader, field: str, text, docs: list[int], deadline: float):
        """{document: weight} of a term in one segment over `docs` (ascending):
        from its cached postings when a query has read them, otherwise from
        only the posting blocks that hold `docs`."""
        found = self._get(("term", _segment_id(reader), field, text))
        if found is None:
            return weights_in(reader, field, text, docs, deadline)
        postings = found[1]
        if postings is None:
            return {}
        if isinstance(postings, BlockIndex):
            if postings.touched(docs) * 4 <= len(postings.maxids):
                return block_weights(reader, field, text, postings, docs, deadline)
            # Candidates spread over the list: read it whole, once, for this and
            # later queries.
            postings = all_postings(reader, field, text, deadline)
            self._put(("term", _segment_id(reader), field, text), (found[0], postings))
        return looked_up(postings, docs)

    def lengths(self, reader, field: str) -> bytes | None:
        """The length byte of `field` of every document of a segment (cached; None
        when it has to be asked for document by document)."""
        key = ("lengths", _segment_id(reader), field)
        found = self._get(key)
        if found is None:
            found = length_bytes(reader, field) or b""
            self._put(key, found)
        return found or None

    def _term(self, reader, field: str, text, deadline: float | None):
        key = ("term", _segment_id(reader), field, text)
        found = self._get(key)
        if found is None:
            found = read_term(reader, field, text, deadline) or (0, None)
            self._put(key, found)
        return found

    def _get(self, key):
        with self._lock:
            value = self._cache.get(key)
            if value is not None:
                self._cache.move_to_end(key)
            return value

    def _put(self, key, value) -> None:
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._bytes -= _size(old)
            self._cache[key] = value
            self._bytes += _size(value)
            while self._bytes > self.max_bytes and len(self._cache) > 1:
                self._bytes -= _size(self._cache.popitem(last=False)[1])


def _size(value) -> int:
    """Roughly what a cached entry holds, in bytes."""
    if isinstance(value, int):
        return value.bit_length() // 8 + 32
    if isinstance(value, bytes):
        return len(value) + 32
    bitmap, postings = value
    held = bitmap.bit_length() // 8 + 32
    if isinstance(postings, BlockIndex):
        held += postings.nbytes()
    elif postings is not None:
        held += sum(a.itemsize * len(a) for a in postings)
    return held


class _Segment:
    """One segment's evaluation of a query tree."""

    def __init__(self, sets: DocSets, subsearcher, reader, deadline: float) -> None:
        self.sets = sets
        self.subsearcher = subsearcher
        self.reader = reader
        self.deadline = deadline
        self.size = reader.doc_count_all()
        self.everything = (1 << self.size) - 1
        self.segment_id = _segment_id(reader)
        deleted = sorted(getattr(reader, "deleted_docs_set", None) or ())
        if not deleted and reader.has_deletions():  # not a segment reader
            deleted = [n for n in range(self.size) if reader.is_deleted(n)]
        self.version = (self.segment_id, len(deleted))
        self.live = self.everything
        if deleted:
            self.live &= ~to_bitmap(deleted, self.size)

    def bitmap(self, query: wq.Query) -> int:
        if time.monotonic() > self.deadline:
            raise TimeLimit
        if isinstance(query, wq.And):
            result = self.everything
            for sub in query.subqueries:
                result &= self.bitmap(sub)
                if not result:
                    break
            return result
        if isinstance(query, wq.Or):
            result = 0
            for sub in query.subqueries:
                result |= self.bitmap(sub)
            return result
        if isinstance(query, wq.Not):
            return self.live & ~self.bitmap(query.query)
        if isinstance(query, wq.ConstantScoreQuery):
            return self.bitmap(query.child)
        if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
            return 0
        if isinstance(query, wq.Prefix):
            return self.prefix(query)
        if type(query) is wq.Term:
            return self.term(query.fieldname, query.text)
        return self.other(query)

    def term(self, field: str, text) -> int:
        return self.sets.term(self.reader, field, text, self.deadline)

    def prefix(self, query: wq.Prefix) -> int:
        if query.fieldname not in self.reader.schema:
            return 0
        result = 0
        for text in self.reader.expand_prefix(query.fieldname, query.text):
            result |= self.term(query.fieldname, text)
        return result

    def phrase(self, query: wq.Phrase) -> int:
        """Words adjacent and in order: a two-word phrase in `content` is its pair's
        bitmap; otherwise positions are decoded only for the documents that have
        every word (and every pair, where the index has pairs)."""
        field, words = query.fieldname, list(query.words)
        together = self.live
        if field == CONTENT_FIELD and PAIRS_FIELD in self.reader.schema:
            for first, second in pairwise(words):
                together &= self.term(PAIRS_FIELD, pair(first, second))
                if not together:
                    return 0
            if len(words) == 2:
                return together
        for word in words:
            together &= self.term(field, word)
            if not together:
                return 0
        if not self.reader.schema[field].format.supports("positions"):
            return together  # an index without positions: all the words
        docs = list(set_bits(together))
        positions = [
            positions_in(self.reader, field, word, docs, self.deadline)
            for word in words
        ]
        return whoosh_postings.to_bitmap(
            (docnum for docnum in docs if _adjacent(positions, docnum)), self.size
        )

    def other(self, query: wq.Query) -> int:
        key = ("query", self.version, query)
        found = self.sets._get(key)
        if found is None and isinstance(query, wq.Phrase):
            found = self.phrase(query)
            self.sets._put(key, found)
        if found is None:
            matcher = query.matcher(
                self.subsearcher, self.subsearcher.boolean_context()
            )
            found = to_bitmap(matcher.all_ids(), self.size, self.deadline)
            self.sets._put(key, found)
        return found


def _segment_id(reader):
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment else id(reader)


def _adjacent(positions: list[dict], docnum: int) -> bool:
    """Whether the words, given as {document: positions} each, occur one after
    another in `docnum` (every word is known to occur in it): some start is left
    once each later word's positions, moved back by its place, are intersected."""
    starts = set(positions[0][docnum])
    for place, found in enumerate(positions[1:], 1):
        starts.intersection_update([at - place for at in found[docnum]])
        if not starts:
            return False
    return True
