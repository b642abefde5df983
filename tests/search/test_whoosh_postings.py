"""ArrayCodec keeps Whoosh's postings in raw arrays, with a block's bits of the term's
bitmap where the block is dense; terms read for their bitmap keep only where their
blocks are, and ranking reads weights from those blocks. All of it must give what
Whoosh's own codec gives, in indexes that mix segments of every layout."""

from array import array

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, Schema

from casebase.search.backends import whoosh_postings
from casebase.search.backends.base import get_backend
from casebase.search.backends.whoosh_analysis import StemmedText
from casebase.search.backends.whoosh_codec import ArrayCodec, Codec
from casebase.search.backends.whoosh_schema import to_fields
from casebase.search.backends.whoosh_sets import DocSets
from casebase.search.documents import build_documents
from casebase.search.indexing import refresh_keys
from tests import factories as f
from tests.search.conftest import index_all, keys, search

DOCS = 1500
# Words in every document, every 3rd (dense blocks: their bits are kept), irregularly
# (dense blocks that share a byte of the bitmap with the next), every 70th (sparse
# blocks: documents set one by one), one document (inlined), and a word repeated in
# some documents (weights other than 1.0).
WORDS = {
    "every": lambda n: True,
    "third": lambda n: n % 3 == 0,
    "uneven": lambda n: n * n % 7 < 3,
    "rare": lambda n: n % 70 == 5,
    "single": lambda n: n == 777,
    "twice": lambda n: n % 2 == 0,
}


def _text(n: int) -> str:
    found = [word for word, has in WORDS.items() if has(n)]
    if n % 4 == 0:
        found.append("twice")  # twice in every 4th document
    return " ".join(found)


def _postings(path, codec) -> tuple[dict, list]:
    """{(field, term): [(id, weight, value)]} of an index of DOCS documents written
    with `codec`, and its segment readers (left open)."""
    path.mkdir()
    schema = Schema(key=ID(stored=True), content=StemmedText())
    ix = whoosh_index.create_in(path, schema)
    with ix.writer(codec=codec) as writer:
        for n in range(DOCS):
            writer.add_document(key=str(n), content=_text(n))
    reader = ix.reader()
    found = {}
    for field, text in reader.all_terms():
        matcher = reader.postings(field, text)
        items = []
        while matcher.is_active():
            items.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        found[field, text] = items
    return found, reader


@pytest.fixture
def indexes(tmp_path):
    """The same documents written by Whoosh's codec, Codec and ArrayCodec."""
    built = {
        name: _postings(tmp_path / name, codec)
        for name, codec in [("w3", None), ("codec", Codec()), ("array", ArrayCodec())]
    }
    yield built
    for _, reader in built.values():
        reader.close()


def test_array_codec_writes_the_postings_whoosh_writes(indexes):
    """GIVEN the same documents written with Whoosh's codec and with ArrayCodec
    WHEN every term's postings are read through Whoosh's matchers
    THEN documents, weights and positions are the same."""
    w3, _ = indexes["w3"]
    assert indexes["array"][0] == w3
    assert len(w3["content", b"everi"]) == DOCS
    assert {w for _, w, _ in w3["content", b"twice"]} == {1.0, 2.0}


def _blocks(reader, word) -> list[tuple]:
    matcher = whoosh_postings._matcher(reader, "content", word)
    found = []
    while matcher.is_active():
        found.append(
            (
                matcher._blocklength,
                matcher.block_max_id(),
                matcher.block_max_weight(),
                matcher.block_min_length(),
                matcher.block_max_length(),
                matcher._lastblock,
            )
        )
        matcher._next_block()
    return found


@pytest.mark.parametrize("word", [b"everi", b"uneven", b"rare", b"twice"])
def test_array_codec_blocks_carry_whoosh_block_statistics(indexes, word):
    """GIVEN a word written with Codec and with ArrayCodec (its packed block head)
    WHEN its blocks are walked
    THEN each block has the same postings count, last document, greatest weight,
    length bounds, and the last block is marked as such."""
    expected = _blocks(indexes["codec"][1], word)
    assert _blocks(indexes["array"][1], word) == expected
    assert expected[-1][-1] and not any(block[-1] for block in expected[:-1])


@pytest.mark.parametrize(
    "word", [b"everi", b"third", b"uneven", b"rare", b"singl", b"twice"]
)
def test_term_bitmaps_and_weights_agree_across_codecs(indexes, word):
    """GIVEN a word in dense blocks, sparse blocks, one document or with weights
    WHEN its bitmap is read, and its weights over a spread of documents
    THEN every layout gives the bitmap of its documents and their weights."""
    items = indexes["w3"][0]["content", word]
    expected = sum(1 << docnum for docnum, _, _ in items)
    docs = sorted({*range(0, DOCS, 7), *(d for d, _, _ in items[::5])})
    weights = {d: w for d, w, _ in items if d in set(docs)}
    for name, (_, reader) in indexes.items():
        bitmap, postings = whoosh_postings.read_term(reader, "content", word)
        assert bitmap == expected, name
        if isinstance(postings, whoosh_postings.BlockIndex):
            got = whoosh_postings.block_weights(
                reader, "content", word, postings, docs, None
            )
            assert got == weights, name
            assert list(got) == sorted(got)
        ids, all_weights = whoosh_postings.all_postings(reader, "content", word)
        assert list(ids) == [d for d, _, _ in items], name
        assert list(all_weights) == [w for _, w, _ in items], name
        assert whoosh_postings.weights_in(reader, "content", word, docs, None) == (
            weights
        )


def test_array_codec_keeps_bits_only_for_dense_blocks(indexes):
    """GIVEN a word in every 3rd document and one in every 70th
    WHEN their ArrayCodec blocks are read
    THEN the dense word's blocks carry their bits and the sparse word's do not."""
    _, reader = indexes["array"]

    def kept(word) -> list[bool]:
        matcher = whoosh_postings._matcher(reader, "content", word)
        found = []
        while matcher.is_active():
            matcher._read_data()
            found.append(matcher.bits is not None)
            matcher._next_block()
        return found

    assert all(kept(b"third")) and len(kept(b"third")) > 1
    assert not any(kept(b"rare"))


def test_ranking_weights_read_whole_when_candidates_are_spread(indexes):
    """GIVEN a term cached with only its block index
    WHEN weights are asked for documents in few of its blocks, then in most
    THEN both answers are the term's weights, and the second keeps its postings."""
    _, reader = indexes["array"]
    items = indexes["w3"][0]["content", b"twice"]
    sets = DocSets()
    bitmap = sets.term(reader, "content", b"twice")
    few = [d for d, _, _ in items[:10]]
    assert sets.weights(reader, "content", b"twice", few, None) == {
        d: w for d, w, _ in items[:10]
    }
    entry = sets._get(("term", reader.segment().segment_id(), "content", b"twice"))
    assert isinstance(entry[1], whoosh_postings.BlockIndex)
    spread = [d for d, _, _ in items[::3]]
    assert sets.weights(reader, "content", b"twice", spread, None) == {
        d: w for d, w, _ in items[::3]
    }
    entry = sets._get(("term", reader.segment().segment_id(), "content", b"twice"))
    assert entry[0] == bitmap
    assert isinstance(entry[1], tuple) and isinstance(entry[1][0], array)


def test_segments_of_every_layout_answer_together(db, search_index):
    """GIVEN an index with a segment written by Codec (the backend's layout before
    ArrayCodec), one by Whoosh's codec and one by ArrayCodec
    WHEN words and phrases are searched
    THEN every segment answers, ranked and counted."""
    records = [
        f.DisputeFactory(summary=f"The zorblat quixle frumple number {n}.")
        for n in range(6)
    ]
    get_backend().clear()
    ix = whoosh_index.open_dir(search_index)
    for codec, chunk in [(Codec(), records[:2]), (None, records[2:4])]:
        documents, _ = build_documents([f"dispute:{r.pk}" for r in chunk])
        with ix.writer(codec=codec) as writer:
            for doc in documents:
                writer.add_document(**to_fields(doc))
    refresh_keys([f"dispute:{r.pk}" for r in records[4:]])
    assert search("frumple").total == 6
    assert search('"zorblat quixle frumple"').total == 6
    assert sorted(keys(search("quixle", per_page=10))) == sorted(
        f"dispute:{r.pk}" for r in records
    )
    expected = sorted(keys(search("quixle", per_page=10)))
    merging = ix.writer(codec=ArrayCodec())
    merging.commit(optimize=True)  # one ArrayCodec segment, read from all three
    assert len(whoosh_index.open_dir(search_index)._segments()) == 1
    assert search('"zorblat quixle frumple"').total == 6
    assert sorted(keys(search("quixle", per_page=10))) == expected
    index_all()  # a rebuild writes every segment with ArrayCodec
    assert search("frumple").total == 6
