"""Exact facet counts for Whoosh without visiting every match in Python.

Each segment keeps, per facet value, a bitmap (a Python int) of its documents, built
once when the segment is first searched and reused until a merge retires the segment.
A query's matches in a segment are one bitmap too (whoosh_sets.py); a facet count is
then the popcount of an AND, which runs at C speed. Bitmaps include deleted documents, but the
matches never do, so the ANDs count only live documents.
"""

from __future__ import annotations

import threading
import time

from whoosh.collectors import TimeLimit

CHECK_EVERY = 4096


def to_bitmap(ids, size: int, deadline: float | None = None) -> int:
    bits = bytearray((size >> 3) + 1)
    for n, docnum in enumerate(ids):
        bits[docnum >> 3] |= 1 << (docnum & 7)
        if deadline and n % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise TimeLimit
    return int.from_bytes(bits, "little")


class FacetBitmaps:
    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields  # facet name -> index field
        self._segments: dict[str, dict[str, dict[str, int]]] = {}
        self._lock = threading.Lock()

    def _for_reader(self, reader) -> dict[str, dict[str, int]]:
        segment_id = reader.segment().segment_id()
        found = self._segments.get(segment_id)
        if found is None:
            size = reader.doc_count_all()
            found = {}
            for name, field in self.fields.items():
                values: dict[str, int] = {}
                if field in reader.schema:
                    for term in reader.lexicon(field):
                        value = term.decode("utf-8")
                        ids = reader.postings(field, term).all_ids()
                        values[value] = to_bitmap(ids, size)
                found[name] = values
            with self._lock:
                self._segments[segment_id] = found
        return found

    def count(self, matched: list) -> dict[str, dict[str, int]]:
        """{facet: {value: count}} for the matches, given as [(segment reader,
        bitmap of its matching documents)] (see whoosh_sets.DocSets)."""
        counts: dict[str, dict[str, int]] = {name: {} for name in self.fields}
        live = set()
        for reader, bitmap in matched:
            live.add(reader.segment().segment_id())
            if not bitmap:
                continue
            for name, values in self._for_reader(reader).items():
                bucket = counts[name]
                for value, value_bitmap in values.items():
                    n = (bitmap & value_bitmap).bit_count()
                    if n:
                        bucket[value] = bucket.get(value, 0) + n
        with self._lock:
            for segment_id in list(self._segments):
                if segment_id not in live:
                    del self._segments[segment_id]
        return counts
