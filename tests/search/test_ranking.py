"""Bounded ranking: however many records match, a record whose title carries the
searched word comes before records that only mention it, and the total still counts
every match (both backends)."""

import pytest

from casebase.search.backends import postgres_rank, whoosh_rank
from tests import factories as f
from tests.search.conftest import index_all, keys, search


@pytest.fixture
def small_budget(monkeypatch):
    """Score at most two candidates, so that the bound is what is tested."""
    monkeypatch.setattr(whoosh_rank, "MAX_SCORED", 2)
    monkeypatch.setattr(postgres_rank, "MAX_SCORED", 2)


def test_title_match_first_even_past_the_scoring_bound(engine, small_budget):
    """Five records mention the word in their text, created before the one with the
    word in its title; that one still ranks first and the total counts all six."""
    for n in range(5):
        f.PartyFactory(name=f"Body Holder {n}", description="quokkaword appears here")
    titled = f.PartyFactory(name="Quokkaword Holdings")
    index_all()
    results = search("quokkaword", per_page=1)
    assert results.total == 6
    assert keys(results) == [f"party:{titled.pk}"]
    deep = search("quokkaword", per_page=3, page=2)
    assert len(deep.hits) == 3  # pages past the bound are still filled


def test_page_two_continues_the_ranking(engine):
    """Pages do not repeat or skip records."""
    for n in range(5):
        f.PartyFactory(name=f"Wombatword {n}")
    index_all()
    first = keys(search("wombatword", per_page=3))
    second = keys(search("wombatword", per_page=3, page=2))
    assert len(first) == 3 and len(second) == 2
    assert not set(first) & set(second)
