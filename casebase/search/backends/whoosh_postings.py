"""A term's postings read in bulk, and bitmaps built and walked at C speed.

Whoosh's matchers decode a posting list one document at a time in Python (`id()`,
`next()`, `skip_to()`, a generator for the deltas). Reading a whole list block by
block instead costs one unpickle per block of up to 128 postings, and the documents
and weights come out as arrays. Bitmaps (Python ints, one bit per document of a
segment) are built from, and enumerated through, strings of "0"/"1" digits: C does
the work per document, Python only one step per document yielded. Blocks written by
whoosh_codec.ArrayCodec hold their documents as arrays and, when dense, their bits
of the bitmap, which are copied in as they are.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from itertools import accumulate, islice, repeat

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.collectors import TimeLimit
from whoosh.util.numeric import byte_to_length

# A field length as Whoosh decodes it from its one-byte column (0: none, read as None).
LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


class BlockIndex:
    """Where a term's posting blocks are in a segment's postings file: each block's
    last document and offset. Ranking reads the weights of a few hundred candidates
    from only the blocks that hold them, so a term read for its bitmap need not keep
    a copy of every posting (decoding those was a third of the time reading a
    common word took)."""

    __slots__ = ("maxids", "offsets")

    def __init__(self) -> None:
        self.maxids = array("I")
        self.offsets = array("Q")

    def nbytes(self) -> int:
        return self.maxids.itemsize * len(self.maxids) + self.offsets.itemsize * len(
            self.offsets
        )

    def touched(self, docs: list[int]) -> int:
        """How many blocks hold some of `docs` (ascending)."""
        maxids, count = self.maxids, 0
        at, end, last = 0, len(docs), len(maxids)
        while at < end:
            block = bisect_left(maxids, docs[at])
            if block >= last:
                break
            count += 1
            at = bisect_right(docs, maxids[block], at)
        return count


def read_term(reader, field: str, text, deadline: float | None = None):
    """(bitmap, postings) of a term in one segment, deleted documents included; None
    when the segment does not have the term. `postings` is (documents ascending,
    weights) in arrays for a short list, or the BlockIndex of a list stored in
    blocks (see block_weights). (Arrays hold no Python objects, so a cache full of
    them costs the garbage collector nothing; keeping the blocks' tuples as read
    made its passes several times slower.)"""
    if field not in reader.schema:
        return None
    size = reader.doc_count_all()
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(reader, "_text_to_bytes"):
        if (field, text) not in reader:
            return None
        postings = _matched(reader.postings(field, text))
        return to_bitmap(postings[0], size), postings
    btext = reader._text_to_bytes(field, text)
    if (field, btext) not in terms:
        return None
    matcher = terms.matcher(field, btext, reader.schema[field].format)
    if not hasattr(matcher, "_read_data") or matcher._byteids:
        postings = _matched(matcher)  # a list inlined in the term's entry
        return to_bitmap(postings[0], size), postings
    if getattr(matcher, "absolute_ids", False):
        return _read_array_term(matcher, size, deadline)
    blocks = BlockIndex()
    digits: list[bytes] = []  # the bitmap's binary digits, lowest document first
    last = -1
    offset = matcher._baseoffset
    while matcher.is_active():
        if deadline and time.monotonic() > deadline:
            raise TimeLimit
        matcher._read_data()
        gaps = matcher._data[0]
        # A block's documents are stored as gaps, the first from 0: each gap is
        # one run of digits, so the bitmap is joined from runs, not set bit by bit.
        digits.append(_RUNS[gaps[0] - last])
        digits += map(_RUNS.__getitem__, islice(gaps, 1, None))
        last = matcher._maxid
        blocks.maxids.append(last)
        blocks.offsets.append(offset)
        offset = matcher._nextoffset
        matcher._next_block()
    joined = bytearray(b"".join(digits))
    joined += b"0" * (size - len(joined))
    joined.reverse()  # int() reads the highest bit first
    return (int(joined, 2) if joined else 0), blocks


def all_postings(reader, field: str, text, deadline: float | None = None):
    """(documents ascending, weights) of a term in one segment, in arrays; None when
    the segment does not have the term."""
    matcher = _matcher(reader, field, text)
    if matcher is None:
        return None
    if not hasattr(matcher, "_read_data") or matcher._byteids:
        return _matched(matcher)
    ids, weights = array("I"), array("f")
    while matcher.is_active():
        if deadline and time.monotonic() > deadline:
            raise TimeLimit
        matcher._read_data()
        gaps, block_weights = matcher._data[0], matcher._data[1]
        # Arrays filled from lists or arrays, not item by item from iterators.
        if isinstance(gaps, array):
            ids += gaps  # ArrayCodec keeps the documents themselves
        else:
            ids.fromlist(list(accumulate(gaps)))
        # As W3LeafMatcher._read_weights: None means all 1.0, a float all the same.
        if block_weights is None or isinstance(block_weights, float):
            same = 1.0 if block_weights is None else block_weights
            weights += array("f", (same,)) * matcher._blocklength
        else:
            weights += array("f", block_weights)
        matcher._next_block()
    return ids, weights


def _read_array_term(matcher, size: int, deadline: float | None):
    """read_term for whoosh_codec.ArrayCodec's blocks: a block's bits of the bitmap
    are copied in as written; a block too sparse to keep them sets its documents
    one by one (few, by definition)."""
    blocks = BlockIndex()
    bitmap = bytearray((size >> 3) + 1)
    offset = matcher._baseoffset
    while matcher.is_active():
        if deadline and time.monotonic() > deadline:
            raise TimeLimit
        matcher._read_data()
        if matcher.bits is not None:
            start, bits = matcher.bits
            # The first byte may hold the previous block's last documents.
            shared = bitmap[start]
            bitmap[start : start + len(bits)] = bits
            bitmap[start] |= shared
        else:
            for docnum in matcher._data[0]:
                bitmap[docnum >> 3] |= 1 << (docnum & 7)
        blocks.maxids.append(matcher._maxid)
        blocks.offsets.append(offset)
        offset = matcher._nextoffset
        matcher._next_block()
    return int.from_bytes(bitmap, "little"), blocks


def block_weights(
    reader, field: str, text, blocks: BlockIndex, docs: list[int], deadline
) -> dict[int, float]:
    """{document: weight} of a term over `docs` (ascending segment docnums), reading
    only the blocks of `blocks` that can hold them. Weights are rounded to single
    precision, as the arrays of `looked_up` keep them."""
    found: dict[int, float] = {}
    matcher = _matcher(reader, field, text) if docs else None
    if matcher is None:
        return found
    maxids, offsets = blocks.maxids, blocks.offsets
    at, end, count = 0, len(docs), len(maxids)
    while at < end:
        block = bisect_left(maxids, docs[at])
        if block >= count:
            break
        if deadline and time.monotonic() > deadline:
            raise TimeLimit
        first, limit = at, maxids[block]
        while at < end and docs[at] <= limit:
            at += 1
        matcher._goto(offsets[block])
        block_ids = _block_ids(matcher)
        weights = matcher._data[1]
        # As W3LeafMatcher._read_weights: None means all 1.0, a float all the same.
        if weights is None or isinstance(weights, float):
            same = array("f", (1.0 if weights is None else weights,))[0]
            found.update((d, same) for d, _ in _held(block_ids, docs[first:at]))
        else:
            single = array("f", weights)
            found.update((d, single[i]) for d, i in _held(block_ids, docs[first:at]))
    return found


class _Runs(dict):
    """Gap -> its binary digits ("0" * (gap - 1) + "1"); the short ones kept."""

    def __missing__(self, gap: int) -> bytes:
        run = b"0" * (gap - 1) + b"1"
        if gap <= 256:
            self[gap] = run
        return run


_RUNS = _Runs()


def _block_ids(matcher) -> list[int]:
    """The documents of the block a W3 matcher stands on (W3LeafMatcher decodes
    them with a Python generator)."""
    matcher._read_data()
    block_ids = matcher._data[0]
    if matcher._byteids or getattr(matcher, "absolute_ids", False):
        return block_ids
    return list(accumulate(block_ids))


def _held(block_ids: list[int], wanted: list[int]):
    """(document, its index in the block) for each of `wanted` the block holds."""
    end = len(block_ids)
    for docnum in wanted:
        at = bisect_left(block_ids, docnum)
        if at < end and block_ids[at] == docnum:
            yield docnum, at


def weights_in(reader, field: str, text, docs: list[int], deadline: float | None):
    """{document: weight} of a term over `docs` (ascending segment docnums), reading
    only the posting blocks that can hold them: ranking needs a few hundred
    documents, not a common word's whole list."""
    found: dict[int, float] = {}
    matcher = _matcher(reader, field, text) if docs else None
    if matcher is None:
        return found
    if not hasattr(matcher, "_read_data"):  # a list inlined in the term's entry
        return looked_up(_matched(matcher), docs)
    for wanted in _blocks_holding(matcher, docs, deadline):
        block_ids = _block_ids(matcher)
        weights = matcher._data[1]
        # As W3LeafMatcher._read_weights: None means all 1.0, a float all the same.
        if weights is None or isinstance(weights, float):
            same = 1.0 if weights is None else weights
            found.update((d, same) for d, _ in _held(block_ids, wanted))
        else:
            found.update((d, weights[at]) for d, at in _held(block_ids, wanted))
    return found


def positions_in(reader, field: str, text, docs: list[int], deadline: float | None):
    """{document: word positions} of a term over `docs` (ascending segment
    docnums), decoding the values of only the posting blocks that hold them."""
    found: dict[int, list[int]] = {}
    matcher = _matcher(reader, field, text) if docs else None
    if matcher is None:
        return found
    if not hasattr(matcher, "_read_data"):
        wanted = set(docs)
        while matcher.is_active():
            if matcher.id() in wanted:
                found[matcher.id()] = matcher.value_as("positions")
            matcher.next()
        return found
    decode = reader.schema[field].format.decode_positions
    for wanted in _blocks_holding(matcher, docs, deadline):
        held = list(_held(_block_ids(matcher), wanted))
        if held:
            matcher._read_values()
            values = matcher._values
            found.update((d, decode(values[at])) for d, at in held)
    return found


def _matcher(reader, field: str, text):
    """The term's matcher in this segment, or None if it does not have the term."""
    if field not in reader.schema or (field, text) not in reader:
        return None
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(reader, "_text_to_bytes"):
        return reader.postings(field, text)
    btext = reader._text_to_bytes(field, text)
    return terms.matcher(field, btext, reader.schema[field].format)


def _blocks_holding(matcher, docs: list[int], deadline: float | None):
    """Moves a W3 matcher block by block (reading only each block's header), and
    stops at each block that may hold some of `docs`, yielding those."""
    at, end = 0, len(docs)
    while matcher.is_active() and at < end:
        if docs[at] <= matcher._maxid:
            if deadline and time.monotonic() > deadline:
                raise TimeLimit
            first = at
            while at < end and docs[at] <= matcher._maxid:
                at += 1
            yield docs[first:at]
        matcher._next_block()


def length_bytes(reader, field: str) -> bytes | None:
    """Every document's length byte of `field` in one segment (see LENGTHS), read in
    one go: a lookup through Whoosh's column reader, per document, was most of the
    time ranking spent scoring. None when the reader is not a plain segment reader
    or the segment keeps no lengths for the field (Whoosh then reads the length
    as 1)."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    if column is None or not hasattr(column, "_dbfile"):
        return None
    size = reader.doc_count_all()
    stored = column._dbfile.get(column._basepos, min(column._count, size))
    return stored + bytes(size - len(stored))  # documents past the end have 0


def looked_up(postings, docs: list[int]) -> dict[int, float]:
    ids, weights = postings
    found, end = {}, len(ids)
    for docnum in docs:
        at = bisect_left(ids, docnum)
        if at < end and ids[at] == docnum:
            found[docnum] = weights[at]
    return found


def _matched(matcher):
    ids, weights = array("I"), array("f")
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def to_bitmap(ids, size: int) -> int:
    """The bitmap of documents `ids` (each below `size`)."""
    if not size:
        return 0
    digits = bytearray(b"0") * size
    deque(map(digits.__setitem__, ids, repeat(ord("1"))), maxlen=0)
    digits.reverse()  # int() reads the highest bit first
    return int(digits, 2)


def set_bits(bitmap: int):
    """The set bits of `bitmap`, in ascending order: a search of its binary digits
    (str.find runs at C speed over the zeros between them)."""
    if not bitmap:
        return
    digits = bin(bitmap)[:1:-1]  # the lowest bit first
    at = digits.find("1")
    while at >= 0:
        yield at
        at = digits.find("1", at + 1)
