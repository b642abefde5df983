"""A term's postings read in bulk, and bitmaps built and walked at C speed.

Whoosh's matchers decode a posting list one document at a time in Python (`id()`,
`next()`, `skip_to()`, a generator for the deltas). Reading a whole list block by
block instead costs one unpickle per block of up to 128 postings, and the documents
and weights come out as arrays. Bitmaps (Python ints, one bit per document of a
segment) are built from, and enumerated through, strings of "0"/"1" digits: C does
the work per document, Python only one step per document yielded.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections import deque
from itertools import accumulate, repeat

from whoosh.collectors import TimeLimit


def read_postings(reader, field: str, text, deadline: float | None = None):
    """(documents, weights) of a term in one segment, ascending, deleted documents
    included; None when the segment does not have the term."""
    if field not in reader.schema:
        return None
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(reader, "_text_to_bytes"):
        if (field, text) not in reader:
            return None
        return _matched(reader.postings(field, text))
    btext = reader._text_to_bytes(field, text)
    if (field, btext) not in terms:
        return None
    matcher = terms.matcher(field, btext, reader.schema[field].format)
    if not hasattr(matcher, "_read_data"):  # a list inlined in the term's entry
        return _matched(matcher)
    ids, weights = array("I"), array("f")
    while matcher.is_active():
        if deadline and time.monotonic() > deadline:
            raise TimeLimit
        block_ids, block_weights = _block(matcher)
        ids.extend(block_ids)
        weights.extend(block_weights)
        matcher._next_block()
    return ids, weights


def _block(matcher):
    """The documents and weights of the block a W3 matcher stands on, as iterables
    (W3LeafMatcher decodes the documents with a Python generator)."""
    matcher._read_data()
    block_ids, block_weights = matcher._data[0], matcher._data[1]
    if not matcher._byteids:
        block_ids = accumulate(block_ids)
    # As W3LeafMatcher._read_weights: None means all 1.0, a float all the same.
    if block_weights is None or isinstance(block_weights, float):
        same = 1.0 if block_weights is None else block_weights
        block_weights = repeat(same, matcher._blocklength)
    return block_ids, block_weights


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
        # strict=False: a block of equal weights gives them as an endless repeat
        block = dict(zip(*_block(matcher), strict=False))
        found.update((d, block[d]) for d in wanted if d in block)
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
        where = {d: i for i, d in enumerate(_block(matcher)[0])}
        matcher._read_values()
        values = matcher._values
        found.update((d, decode(values[where[d]])) for d in wanted if d in where)
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
