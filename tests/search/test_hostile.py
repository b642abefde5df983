"""Hostile and malformed queries: every one gives results or a clear message, on every
backend, and none raises."""

import pytest

from casebase.search.lexer import MAX_QUERY_CHARS
from tests.search.conftest import index_all, search
from tests.search.corpus import build_corpus

RESULTS, MESSAGE, ANY = "results", "message", "any"

HOSTILE = [
    ('"training data', RESULTS),  # unbalanced quote
    ('training "', RESULTS),
    ("(training OR novels", RESULTS),  # unbalanced brackets
    ("training)) novels", RESULTS),
    ("((((((((((training))))))))))", RESULTS),
    ("AND", MESSAGE),  # lone operators
    ("OR", MESSAGE),
    ("NOT", MESSAGE),
    ("-", MESSAGE),
    ("-training", MESSAGE),  # only exclusions
    ("training AND", RESULTS),
    ("OR training", RESULTS),
    ("NOT NOT training", RESULTS),  # a double negative
    ("training " * 2000, RESULTS),  # 16,000 characters
    ("x" * 10_000, MESSAGE),
    ("train\x00ing data", ANY),  # NUL byte
    ("\x00", MESSAGE),
    ("😀🤖⚖️", MESSAGE),  # emoji only
    ("training 😀", RESULTS),
    ("حقوق النشر", ANY),  # right-to-left text
    ("\u202etraining\u202c", RESULTS),  # bidi override characters
    ("*", MESSAGE),
    ("a*", ANY),
    ("year:abcd training", RESULTS),
    ("year:2030..2020", ANY),  # reversed: read as 2020..2030
    ("nosuchfield:training", RESULTS),
    ("court:", ANY),
    ("citation:[[[", MESSAGE),
    ("[2023] UKSC", ANY),
    ("'; DROP TABLE search_entry; --", MESSAGE),
    ("<script>alert(1)</script>", RESULTS),  # the words, as words
    ("training:*:* \\ ' ` ~ ! @ # $ % ^ & | { } [ ]", ANY),
    ("%_%", ANY),
    (" ".join(f"w{i}" for i in range(200)), MESSAGE),  # very many terms
]


@pytest.mark.parametrize("text,expected", HOSTILE)
def test_hostile_query(engine, text, expected):
    """The query gives results, or no results with a message saying why (ANY: either
    is right); never an exception, never a timeout."""
    build_corpus()
    index_all()
    results = search(text)
    assert not results.timed_out
    if expected == RESULTS:
        assert results.total > 0 and not results.error
    elif expected == MESSAGE:
        assert results.total == 0
        assert results.error or results.notices


def test_long_query_is_cut_with_a_notice(engine):
    """A 10,000-character query is shortened and the notice says so."""
    results = search("x" * 10_000)
    assert any(str(MAX_QUERY_CHARS) in notice for notice in results.notices)


def test_whoosh_time_limit_stops_the_search_with_a_notice(search_index, db):
    """A Whoosh query past its time limit stops and says so instead of hanging."""
    build_corpus()
    index_all()
    results = search("training OR novels OR diffusion", time_limit=0.0)
    assert results.timed_out
    assert results.error or any("too long" in n for n in results.notices)


def test_timeout_gives_a_message_not_an_error(engine, monkeypatch):
    """When a backend gives up (PostgreSQL's statement_timeout), the user gets a
    message, not a 500."""
    from casebase.search.backends.base import SearchTimeout, get_backend

    def too_slow(*args, **kwargs):
        raise SearchTimeout

    monkeypatch.setattr(get_backend(), "search", too_slow)
    results = search("training")
    assert results.timed_out and "too long" in results.error


def test_postgres_statement_timeout_becomes_search_timeout(engine):
    """PostgreSQL cancels a query past its limit; the backend reports a timeout."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    from django.db import connection

    from casebase.search.backends.base import SearchTimeout
    from casebase.search.backends.postgres import run_limited

    with pytest.raises(SearchTimeout):
        run_limited(connection, 0.001, "SELECT pg_sleep(1)", [])
