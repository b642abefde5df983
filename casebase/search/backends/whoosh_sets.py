"""Which documents a query matches, as one bitmap (a Python int) per index segment.

Totals and facet counts need every match, but not its score. Walking Whoosh's
matchers for that visits each match in Python several times over, which at 100,000
documents is the slow tail of broad queries (common words, OR, NOT, prefixes). Here
a query is evaluated as set algebra instead: each leaf (a term, a phrase, a range)
becomes a bitmap, AND / OR / NOT are `&`, `|` and `& ~`, and a count is a popcount,
all at C speed.

Leaf bitmaps are cached. A segment never changes once written, so a term's bitmap
(read straight from its posting blocks, deleted documents included) is keyed by the
segment alone and masked with the segment's live documents when used; other leaves
(phrases, ranges), whose matchers already leave deletions out, are keyed by the
segment and its number of deletions. A merge retires a segment and its entries.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from whoosh import query as wq
from whoosh.collectors import TimeLimit

from casebase.search.backends.whoosh_facets import to_bitmap

MAX_ENTRIES = 2048  # at 100,000 documents a bitmap is 12.5 kB: 25 MB at most


class DocSets:
    """Bitmaps of matching documents per segment, with an LRU cache of leaves."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._cache: OrderedDict = OrderedDict()
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
        key = ("term", _segment_id(reader), field, text)
        found = self._get(key)
        if found is None:
            found = _read_term(reader, field, text, deadline)
            self._put(key, found)
        return found

    def _get(self, key):
        with self._lock:
            value = self._cache.get(key)
            if value is not None:
                self._cache.move_to_end(key)
            return value

    def _put(self, key, value: int) -> None:
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)


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
        """Positions are read only where every word occurs (known from the cached
        term bitmaps), one document at a time, words adjacent and in order."""
        field, words = query.fieldname, list(query.words)
        together = self.live
        for word in words:
            together &= self.term(field, word)
            if not together:
                return 0
        if not self.reader.schema[field].format.supports("positions"):
            return together  # an index without positions: all the words
        matchers = [self.reader.postings(field, word) for word in words]
        bits = bytearray((self.size >> 3) + 1)
        for n, docnum in enumerate(set_bits(together)):
            if n % 256 == 0 and time.monotonic() > self.deadline:
                raise TimeLimit
            if _adjacent(matchers, docnum):
                bits[docnum >> 3] |= 1 << (docnum & 7)
        return int.from_bytes(bits, "little")

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


def _read_term(reader, field: str, text, deadline: float | None) -> int:
    """Straight from the term's posting blocks (Whoosh's block reader when it has
    one; its generic matcher otherwise)."""
    size = reader.doc_count_all()
    if field not in reader.schema:
        return 0
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(reader, "_text_to_bytes"):
        if (field, text) not in reader:
            return 0
        return to_bitmap(reader.postings(field, text).all_ids(), size, deadline)
    btext = reader._text_to_bytes(field, text)
    if (field, btext) not in terms:
        return 0
    matcher = terms.matcher(field, btext, reader.schema[field].format)
    if not hasattr(matcher, "_read_ids"):
        return to_bitmap(matcher.all_ids(), size, deadline)
    bits = bytearray((size >> 3) + 1)
    while matcher.is_active():
        matcher._read_ids()
        for docnum in matcher._ids:
            bits[docnum >> 3] |= 1 << (docnum & 7)
        matcher._next_block()
    return int.from_bytes(bits, "little")


def set_bits(bitmap: int):
    """The set bits of `bitmap`, in order."""
    view = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    for byte_at, byte in enumerate(view):
        if byte:
            base = byte_at * 8
            for bit in range(8):
                if byte >> bit & 1:
                    yield base + bit


def _adjacent(matchers: list, docnum: int) -> bool:
    """Whether the words of `matchers` occur one after another in `docnum` (every
    matcher is known to contain it; they only ever move forward)."""
    positions = []
    for matcher in matchers:
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return False
        positions.append(matcher.value_as("positions"))
    later = [set(p) for p in positions[1:]]
    return any(
        all(start + i in found for i, found in enumerate(later, 1))
        for start in positions[0]
    )
