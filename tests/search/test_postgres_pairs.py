"""PostgreSQL backend only: two-word phrases answered by pair_vector (migration 0008,
postgres_query.word_pairs) find exactly what the phrase check of search_vector
finds, including at the edges of what search_vector stores."""

from unittest import mock

import pytest
from django.db import connection

from casebase.search.backends import postgres_query
from casebase.search.backends.base import get_backend
from casebase.search.language import parse
from casebase.search.query import Filters, SearchQuery, SortOrder
from tests import factories as f
from tests.search.conftest import index_all
from tests.search.corpus import build_corpus

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL backend only"
)


@pytest.fixture
def postgres(engine):
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    build_corpus()
    # The edges: a word repeated past the 256 positions a lexeme keeps, one past
    # position 16,383 (where every later word is stored), a doubled word.
    f.DisputeFactory(
        title="Orchid Lantern Holdings v Quartz",
        summary="filler " * 300 + "ember quartz. buffalo buffalo graze.",
    )
    f.DisputeFactory(
        title="Long Record Ltd v Other",
        summary="padding " * 17_000 + "cobalt meadow",
    )
    index_all()
    return engine


def _results(text: str, pairs: bool, **options):
    query = SearchQuery(text=text, **options)
    tree = parse(text).tree
    if pairs:
        return get_backend().search(query, tree)
    with mock.patch("casebase.search.backends.postgres.word_pairs", return_value={}):
        return get_backend().search(query, tree)


PHRASES = [
    '"training data"',
    '"data training"',
    '"diffusion model"',
    '"language model"',
    '"named as"',
    '"cannot be"',
    '"infringement of"',
    '"copying of"',
    '"training data" -"diffusion model"',
    '"training data" OR patent',
    '"training data" OR "named as"',
    'robotics "language model"',
    '"Stable Models" "diffusion model"',
    '"pixel archive"',  # the title, and its party
    '"ember quartz"',
    '"filler ember"',  # past filler's 256 kept positions
    '"filler filler"',
    '"buffalo buffalo"',
    '"cobalt meadow"',  # past position 16,383
    '"padding cobalt"',
    '"quartz filler"',  # title's last word, then the text's first
    '"training data scraped"',  # three words: search_vector, as before
    '-"training data" copyright',
]


@pytest.mark.parametrize("text", PHRASES)
def test_pairs_find_what_the_phrase_check_finds(postgres, text):
    for options in (
        {},
        {"page": 2, "per_page": 1},
        {"filters": Filters(type="dispute")},
        {"sort": SortOrder.NEWEST},
    ):
        found = _results(text, pairs=True, **options)
        expected = _results(text, pairs=False, **options)
        assert found.total == expected.total, (text, options)
        assert found.facets == expected.facets, (text, options)
        assert [(h.key, h.score) for h in found.hits] == [
            (h.key, h.score) for h in expected.hits
        ], (text, options)


def test_two_word_phrases_get_a_pair_and_others_do_not(postgres):
    tree = parse('"training data" "training data scraped" title:"pixel archive"').tree
    with connection.cursor() as cursor:
        pairs = postgres_query.word_pairs(cursor, tree)
    assert list(pairs.values()) == ["train data"]
    assert _results('"training data"', pairs=True).total == 2


def test_pair_vector_holds_exactly_the_phrases_search_vector_matches(postgres):
    """Every ordered pair of lexemes of the corpus, in every entry: the phrase
    `a <-> b` matches search_vector just where pair_vector holds `a b`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(DISTINCT l) FROM search_entry, "
            "unnest(tsvector_to_array(search_vector)) l "
            "WHERE l ~ '^[a-z0-9]+$' AND length(search_vector) < 200"
        )
        lexemes = sorted(cursor.fetchone()[0])
        firsts = [a for a in lexemes for _ in lexemes]
        seconds = [b for _ in lexemes for b in lexemes]
        cursor.execute(
            "SELECT count(*) FILTER (WHERE phrase <> pair), count(*) FILTER (WHERE "
            "phrase) FROM (SELECT e.search_vector @@ tsquery_phrase("
            "quote_literal(p.a)::tsquery, quote_literal(p.b)::tsquery) AS phrase, "
            "e.pair_vector @@ quote_literal(p.a || ' ' || p.b)::tsquery AS pair "
            "FROM search_entry e, unnest(%s::text[], %s::text[]) p(a, b)) t",
            [firsts, seconds],
        )
        wrong, matched = cursor.fetchone()
    assert len(lexemes) > 50
    assert wrong == 0
    assert matched > 100
