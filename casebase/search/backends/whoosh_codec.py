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

Segments remember the codec that wrote them (it is pickled in the index's table of
contents), so this class must stay importable under this name; an index may mix
segments of both codecs, each read by the one that wrote it. Term vectors (not used
here) keep the W3 layout.
"""

from __future__ import annotations

import struct
import zlib
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
from whoosh.util.numeric import length_to_byte

_HEAD = struct.Struct("!I")  # the length of the (documents, weights) pickle


class Codec(W3Codec):
    def per_document_reader(self, storage, segment):
        return _PerDocReader(storage, segment)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors are read by W3PerDocReader with W3LeafMatcher
            return super().postings_writer(dbfile, byteids)
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return _LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


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
