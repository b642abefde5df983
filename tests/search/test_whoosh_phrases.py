"""Whoosh looks two-word phrases up as word pairs, writes its own posting layout, and
still reads indexes (and segments) written before either existed."""

import copy

import pytest
from whoosh import formats
from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import TEXT, FieldType
from whoosh.lang.porter2 import stem as porter2_stem

from casebase.search.backends.base import get_backend
from casebase.search.backends.whoosh_analysis import (
    StemmedText,
    StemmedWords,
    WordPairs,
    WordPairsField,
)
from casebase.search.backends.whoosh_codec import Codec
from casebase.search.backends.whoosh_schema import BOOST_TITLE, SCHEMA, to_fields
from casebase.search.documents import build_documents
from casebase.search.indexing import refresh_keys
from casebase.search.query import SortOrder
from casebase.search.tokens import WORD, fold
from tests import factories as f
from tests.search.conftest import index_all, keys, search


def _phrase_records():
    together = f.DisputeFactory(summary="The zorblat quixle frumple was found.")
    reversed_ = f.DisputeFactory(summary="A quixle zorblat frumple, reversed.")
    apart = f.DisputeFactory(summary="The zorblat and the quixle frumple.")
    # Has both pairs of the three-word phrase, but never the three words in a row.
    pairs_apart = f.DisputeFactory(summary="A zorblat quixle here; a quixle frumple.")
    return together, reversed_, apart, pairs_apart


def _keys_of(*records) -> list[str]:
    return sorted(f"dispute:{r.pk}" for r in records)


def test_phrases_match_only_words_in_a_row(db):
    """GIVEN records with the words of a phrase in a row, reversed, apart, and with
    each pair of a three-word phrase but not the three together
    WHEN the phrases are searched
    THEN only the records with the words adjacent and in order match."""
    together, _, _, pairs_apart = _phrase_records()
    index_all()
    assert sorted(keys(search('"zorblat quixle"'))) == _keys_of(together, pairs_apart)
    assert keys(search('"zorblat quixle frumple"')) == _keys_of(together)
    assert search('"frumple zorblat"').total == 0
    # Sorted by date, Whoosh's own phrase matcher reads the positions.
    newest = search('"zorblat quixle frumple"', sort=SortOrder.NEWEST)
    assert keys(newest) == _keys_of(together)


def test_index_created_without_the_pairs_field_still_finds_phrases(db, search_index):
    """GIVEN an index created before the pairs field existed
    WHEN records are updated in it (its own schema is kept)
    THEN nothing fails and phrases are checked with word positions instead;
    AND WHEN it is rebuilt, the rebuild gives it the pairs field."""
    old_schema = copy.deepcopy(SCHEMA)
    old_schema.remove("pairs")
    search_index.mkdir(parents=True)
    whoosh_index.create_in(search_index, old_schema)
    together, _, _, pairs_apart = _phrase_records()
    refresh_keys([f"dispute:{r.pk}" for r in (together, pairs_apart)])
    later = f.DisputeFactory(summary="Another zorblat quixle frumple.")
    refresh_keys([f"dispute:{later.pk}"])
    assert "pairs" not in whoosh_index.open_dir(search_index).schema
    expected_pair = _keys_of(together, pairs_apart, later)
    assert sorted(keys(search('"zorblat quixle"'))) == expected_pair
    assert sorted(keys(search('"zorblat quixle frumple"'))) == _keys_of(together, later)

    index_all()
    assert whoosh_index.open_dir(search_index).schema.names() == SCHEMA.names()
    assert sorted(keys(search('"zorblat quixle"'))) == expected_pair
    assert sorted(keys(search('"zorblat quixle frumple"'))) == _keys_of(together, later)


def test_segments_written_by_plain_whoosh_are_still_read(db, search_index):
    """GIVEN an index with a segment in Whoosh's own posting layout (as written
    before this backend had its codec) and a segment in the backend's layout
    WHEN phrases and words are searched
    THEN both segments answer, positions included."""
    together, reversed_, apart, pairs_apart = _phrase_records()
    get_backend().clear()
    documents, _ = build_documents([f"dispute:{together.pk}", f"dispute:{apart.pk}"])
    ix = whoosh_index.open_dir(search_index)
    with ix.writer() as writer:  # Whoosh's default codec
        for doc in documents:
            writer.add_document(**to_fields(doc))
    refresh_keys([f"dispute:{reversed_.pk}", f"dispute:{pairs_apart.pk}"])
    assert search("frumple").total == 4
    assert keys(search('"zorblat quixle frumple"')) == _keys_of(together)
    assert sorted(keys(search('"quixle frumple"'))) == _keys_of(
        together, apart, pairs_apart
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Claimant's models were TRAINED on 3.14 data-sets, e.g. x.y.z, s.16_a",
        "Café naïve ΣΊΣΥΦΟΣ straße [2023] UKSC 49 C-406/10 Qwen3 gpt4o",
        "",
    ],
)
def test_stemmed_words_are_whoosh_stemming_analyzer_tokens(text):
    """The one-loop analyzer yields what Whoosh's tokenizer (with casebase's word
    pattern), lowercase and Porter2 filters yield from the folded text: texts,
    positions and character offsets."""
    chain = RegexTokenizer(WORD) | LowercaseFilter() | StemFilter(stemfn=porter2_stem)

    def tokens(analyzer, value):
        return [
            (t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(value, positions=True, chars=True)
        ]

    assert tokens(StemmedWords(), text) == tokens(chain, fold(text.lower()))


@pytest.mark.parametrize(
    "text",
    [
        "The Claimant's models were TRAINED on 3.14 data-sets, e.g. x.y.z, s.16_a",
        "model model, the MODELS model of models; the model",
        "Café naïve ΣΊΣΥΦΟΣ straße [2023] UKSC 49 C-406/10 Qwen3 gpt4o",
        "",
    ],
)
def test_field_types_give_whoosh_postings(text):
    """The faster field types give the postings Whoosh's own field types give with
    the same analyzers: terms, frequencies, weights and encoded positions."""
    whoosh_text = TEXT(analyzer=StemmedWords(), phrase=True, field_boost=3.0)
    assert sorted(StemmedText(field_boost=3.0).index(text)) == sorted(
        whoosh_text.index(text)
    )
    whoosh_pairs = FieldType(formats.Existence(), WordPairs())
    assert sorted(WordPairsField().index(text)) == sorted(whoosh_pairs.index(text))


def test_rebuild_replaces_older_field_types(db, search_index):
    """GIVEN an index whose text fields are Whoosh's own TEXT type (as written before
    the faster field types)
    WHEN records are updated in it, and then it is rebuilt
    THEN it answers the same before and after, and the rebuild gives it the current
    field types."""
    old_schema = copy.deepcopy(SCHEMA)
    for name in ("title", "content"):
        old_schema.remove(name)
    old_schema.add(
        "title", TEXT(analyzer=StemmedWords(), stored=True, field_boost=BOOST_TITLE)
    )
    old_schema.add("content", TEXT(analyzer=StemmedWords()))
    search_index.mkdir(parents=True)
    whoosh_index.create_in(search_index, old_schema)
    together, _, _, pairs_apart = _phrase_records()
    refresh_keys([f"dispute:{r.pk}" for r in (together, pairs_apart)])
    assert type(whoosh_index.open_dir(search_index).schema["content"]) is TEXT
    expected = _keys_of(together)
    assert keys(search('"zorblat quixle frumple"')) == expected

    index_all()
    schema = whoosh_index.open_dir(search_index).schema
    assert [type(schema[name]) for name in SCHEMA.names()] == [
        type(SCHEMA[name]) for name in SCHEMA.names()
    ]
    assert keys(search('"zorblat quixle frumple"')) == expected


def test_codec_writes_the_postings_whoosh_writes(db, tmp_path):
    """GIVEN the same documents written with Whoosh's own codec and with the backend's
    WHEN the two indexes are read back
    THEN every term has the same documents, weights, positions and statistics."""
    records = _phrase_records()
    documents, _ = build_documents([f"dispute:{r.pk}" for r in records])

    def postings(path, codec) -> dict:
        path.mkdir()
        ix = whoosh_index.create_in(path, SCHEMA)
        with ix.writer(codec=codec) as writer:
            for doc in documents:
                writer.add_document(**to_fields(doc))
        found = {}
        with ix.reader() as reader:
            for field, text in reader.all_terms():
                info = reader.term_info(field, text)
                matcher = reader.postings(field, text)
                items = []
                while matcher.is_active():
                    items.append((matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
                found[field, text] = (
                    items,
                    info.weight(),
                    info.min_length(),
                    info.max_length(),
                    info.max_weight(),
                )
        return found

    ours = postings(tmp_path / "ours", Codec())
    assert ours == postings(tmp_path / "whoosh", None)
    assert ("pairs", b"zorblat quixl") in ours


def test_word_pairs_are_consecutive_stems_once_each():
    assert [t.text for t in WordPairs()("Models model, the MODELS model")] == [
        "model model",
        "model the",
        "the model",
    ]


def test_leaf_cache_stays_within_its_byte_budget(db):
    """GIVEN a DocSets cache with room for a few entries
    WHEN more terms are read than it can hold
    THEN the oldest are dropped, and a dropped term reads back the same."""
    from casebase.search.backends.whoosh_sets import DocSets

    words = ["alpha", "bravo", "delta", "echo", "golf", "kilo"]  # their own stems
    for word in words:
        f.DisputeFactory(summary=f"{word} zorblat")
    index_all()
    readers = [sub.reader() for sub, _ in get_backend()._searcher().leaf_searchers()]

    def found(sets, word):
        return [sets.term(reader, "content", word) for reader in readers]

    first = found(DocSets(), "alpha")
    sets = DocSets(max_bytes=100)  # two or three entries of one document
    for word in words:
        assert any(found(sets, word))
    assert 1 <= len(sets._cache) < len(words) * len(readers)
    assert sets._bytes <= 100
    assert found(sets, "alpha") == first


def test_rebuild_splits_citations_written_whole(db, search_index):
    """GIVEN an index whose citation field kept Whoosh's default tokens (`13/7777.16`
    one word, before citations were split into casebase.search.tokens' words)
    WHEN it is rebuilt
    THEN the citation field takes the current analyzer and its parts are found."""
    old_schema = copy.deepcopy(SCHEMA)
    old_schema.remove("citation")
    old_schema.add("citation", TEXT(analyzer=RegexTokenizer() | LowercaseFilter()))
    search_index.mkdir(parents=True)
    whoosh_index.create_in(search_index, old_schema)
    record = f.DisputeFactory(title="Kilo v Lima", case_number="13/7777.16")
    refresh_keys([f"dispute:{record.pk}"])
    # The citation field holds it as one word (the text, which holds the citation's
    # words too, finds it).
    assert keys(search("citation:7777")) == []

    index_all()
    schema = whoosh_index.open_dir(search_index).schema
    assert schema["citation"].analyzer == SCHEMA["citation"].analyzer
    assert keys(search("citation:7777")) == [f"dispute:{record.pk}"]
    assert keys(search("7777")) == [f"dispute:{record.pk}"]
