"""Whoosh's own file format (W3Codec) with two costs of it removed.

- Reading: a W3 posting block is one pickle of (documents, weights, values), and for
  a field with positions the values are most of it: to learn which documents have a
  common word, unpickling the positions took 15 of 16 ms per 50,000 postings. Here a
  block keeps documents and weights in one pickle, uncompressed, and the values in
  another, compressed as before and read only when asked for (phrases checked with
  positions, merges).
- Writing: when a segment is written, Whoosh looks up the length of the field in the
  document for every posting. For a field that keeps no lengths (every field but
  title, citation and content here) its per-document reader asks the filesystem
  whether the lengths file exists, once per posting: at 100,000 documents millions
  of `stat` calls, half of a rebuild's commit time. Here the answer is remembered,
  and the postings are written by one loop that reads each field's lengths once
  per document (not per posting) and skips Whoosh's per-posting type checks: the
  writing was about half of a sub-writer's time in a rebuild. The terms, postings
  and term statistics written are the same (Whoosh 2.7 no longer makes the
  docnum -1 spelling postings its generic loop skipped).

ArrayCodec (the one the backend writes with) goes further: a block keeps its
documents and weights as raw arrays (no pickle, so no Python object per posting
to read them), its head packed rather than pickled, and, where the documents are
dense enough, the block's bits of the term's bitmap, so whoosh_postings.read_term
assembles a common word's bitmap from a few hundred byte strings instead of
decoding tens of thousands of postings (a word in 30,000 of 50,000 documents: about
4 ms before, 0.5 ms). The postings Whoosh's matchers give are the same.

Segments remember the codec that wrote them (it is pickled in the index's table of
contents), so these classes must stay importable under these names; an index may
mix segments of all three codecs, each read by the one that wrote it. Term vectors
(not used here) keep the W3 layout.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from pickle import dumps, loads

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
)
from whoosh.util.numeric import byte_to_length, length_to_byte

_HEAD = struct.Struct("!I")  # the length of the (documents, weights) pickle


class Codec(W3Codec):
    def per_document_reader(self, storage, segment):
        return _PerDocReader(storage, segment)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors are read by W3PerDocReader with W3LeafMatcher
            return super().postings_writer(dbfile, byteids)
        return self._postings_writer_class()(
            dbfile,
            blocklimit=self._blocklimit,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return self._leaf_matcher_class()(
            dbfile, offset, length, format_, term=term, scorer=scorer
        )

    # The posting layout: this codec's blocks, or ArrayCodec's.
    def _postings_writer_class(self):
        return _PostingsWriter

    def _leaf_matcher_class(self):
        return _LeafMatcher


class _PerDocReader(W3PerDocReader):
    def _cached_reader(self, fieldname, column):
        reader = super()._cached_reader(fieldname, column)
        if reader is None:
            self._readers[fieldname] = None  # a segment's files never change
        return reader


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        """FieldWriter.add_postings: `items` are (field, term, docnum, weight, value)
        postings sorted by field, term and document; the same calls to the postings
        writer, in one loop."""
        fieldname = btext = None
        add = doc_lengths = None
        for name, text, docnum, weight, value in items:
            if name != fieldname:
                if btext is not None:
                    self.finish_term()
                if fieldname is not None:
                    if name < fieldname:
                        raise OutOfOrderError(f"Field {fieldname!r} .. {name!r}")
                    self.finish_field()
                self.start_field(name, schema[name])
                fieldname, btext = name, None
                add = self._postwriter.add_posting
                doc_lengths = _field_lengths(lengths, name)
            if text != btext:
                if btext is not None:
                    if text < btext:
                        raise OutOfOrderError(f"Term {name}:{btext!r} .. {text!r}")
                    self.finish_term()
                self.start_term(text)
                btext = text
            add(docnum, weight, value or b"", doc_lengths and doc_lengths[docnum])
        if btext is not None:
            self.finish_term()
        if fieldname is not None:
            self.finish_field()


def _field_lengths(lengths, fieldname: str) -> list | None:
    """Every document's length of the field, or None when no document of the segment
    has a length in it (the field keeps none)."""
    if lengths is None or not lengths.field_length(fieldname):
        return None
    length = lengths.doc_field_length
    return [length(docnum, fieldname) for docnum in range(lengths.doc_count_all())]


class _PostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        """W3PostingsWriter.add_posting without its type assertions (the postings
        come from Whoosh's own pool), which cost as much as the rest of it."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last=False):
        """W3PostingsWriter._write_block, but the block's data is the length of the
        (documents, weights) pickle, that pickle, then the values' pickle (the
        only part compressed, when the codec compresses)."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        head = dumps((self._mini_ids(), self._mini_weights()), 2)
        tail = dumps(self._mini_values(), 2)
        comp = self._compression
        if comp:
            tail = zlib.compress(tail, comp)
        databytes = _HEAD.pack(len(head)) + head + tail
        ids = self._ids
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class _LeafMatcher(W3LeafMatcher):
    """Reads the blocks _PostingsWriter writes; values only when asked for."""

    def _read_data(self):
        block = self._postfile.get(
            self._dataoffset, self._nextoffset - self._dataoffset
        )
        (size,) = _HEAD.unpack_from(block)
        start = _HEAD.size
        ids, weights = loads(block[start : start + size])
        self._data = (ids, weights, None)
        self._tail = block[start + size :]

    def _read_values(self):
        if self._data is None:
            self._read_data()
        tail = zlib.decompress(self._tail) if self._compression else self._tail
        self._data = (self._data[0], self._data[1], loads(tail))
        super()._read_values()


# An ArrayCodec block starts with its length (negative for the last block, as in
# W3) and W3's block info (postings, last document, greatest weight, compression,
# least and greatest length bytes), packed rather than pickled: moving from block
# to block was most of the time reading a common word once the postings were
# arrays. Its data is how its weights are kept (all 1.0, one for all, one each), the
# first byte of the term's bitmap its bits cover and how many bytes they take (0:
# not kept), then the documents (uint32), the weights (float32), the bits, and the
# values as in Codec.
_BLOCK_HEAD = struct.Struct("!iIIdBBB")
_LENGTH = struct.Struct("!i")
_ARRAY_HEAD = struct.Struct("<BII")
_ALL_ONE, _ALL_SAME, _EACH = 0, 1, 2
_BIG_ENDIAN = sys.byteorder == "big"


def _stored(numbers: array) -> bytes:
    if _BIG_ENDIAN:
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _loaded(typecode: str, data) -> array:
    numbers = array(typecode)
    numbers.frombytes(data)
    if _BIG_ENDIAN:
        numbers.byteswap()
    return numbers


class ArrayCodec(Codec):
    def _postings_writer_class(self):
        return _ArrayPostingsWriter

    def _leaf_matcher_class(self):
        return _ArrayLeafMatcher


class _ArrayPostingsWriter(_PostingsWriter):
    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights = self._ids, self._weights
        count = len(ids)
        if weights.count(1.0) == count:
            kind, weight_bytes = _ALL_ONE, b""
        elif weights.count(weights[0]) == count:
            kind, weight_bytes = _ALL_SAME, _stored(weights[:1])
        else:
            kind, weight_bytes = _EACH, _stored(weights)
        start = ids[0] >> 3
        size = (ids[-1] >> 3) - start + 1
        bits = b""
        # The bits only where they take no more room than the documents do.
        if size <= 4 * count:
            chunk = bytearray(size)
            base = start << 3
            for docnum in ids:
                at = docnum - base
                chunk[at >> 3] |= 1 << (at & 7)
            bits = bytes(chunk)
        tail = dumps(self._mini_values(), 2)
        comp = self._compression
        if comp:
            tail = zlib.compress(tail, comp)
        databytes = b"".join(
            [
                _ARRAY_HEAD.pack(kind, start, len(bits)),
                _stored(ids),
                weight_bytes,
                bits,
                tail,
            ]
        )
        blocklength = _BLOCK_HEAD.size - _LENGTH.size + len(databytes)
        head = _BLOCK_HEAD.pack(
            -blocklength if last else blocklength,
            count,
            ids[-1],
            self._maxweight,
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        self._postfile.write(head)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class _ArrayLeafMatcher(_LeafMatcher):
    """Reads _ArrayPostingsWriter's blocks: `_data` holds the block's documents
    themselves (not gaps, see `absolute_ids`) in an array, and `bits` the block's
    (first byte, bytes) of the term's bitmap, or None."""

    absolute_ids = True

    def _goto(self, position):
        """W3LeafMatcher._goto for _ArrayPostingsWriter's packed block head."""
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        (
            length,
            self._blocklength,
            self._maxid,
            self._maxweight,
            self._compression,
            least,
            greatest,
        ) = _BLOCK_HEAD.unpack(self._postfile.get(position, _BLOCK_HEAD.size))
        if length < 0:
            self._lastblock = True
            length = -length
        self._nextoffset = position + _LENGTH.size + length
        self._dataoffset = position + _BLOCK_HEAD.size
        self._minlength = byte_to_length(least)
        self._maxlength = byte_to_length(greatest)

    def _read_data(self):
        block = self._postfile.get(
            self._dataoffset, self._nextoffset - self._dataoffset
        )
        kind, start, size = _ARRAY_HEAD.unpack_from(block)
        at = _ARRAY_HEAD.size
        count = self._blocklength
        ids = _loaded("I", block[at : at + 4 * count])
        at += 4 * count
        if kind == _ALL_ONE:
            weights = None
        elif kind == _ALL_SAME:
            weights = _loaded("f", block[at : at + 4])[0]
            at += 4
        else:
            weights = _loaded("f", block[at : at + 4 * count])
            at += 4 * count
        self.bits = (start, block[at : at + size]) if size else None
        self._data = (ids, weights, None)
        self._tail = block[at + size :]

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        self._ids = self._data[0]
