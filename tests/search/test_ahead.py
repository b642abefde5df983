"""Search documents built one batch ahead of the one being stored
(casebase/search/ahead.py)."""

import threading

import pytest
from django.db import connection

from casebase.search import indexing
from casebase.search.ahead import ahead
from tests import factories as f
from tests.search.conftest import search


def _batches(count: int, threads: list, fail_at: int | None = None):
    for n in range(count):
        if n == fail_at:
            raise ValueError(f"batch {n} failed")
        threads.append(threading.current_thread())
        yield [n]


def _running() -> bool:
    return any(t.name == "search-batches" for t in threading.enumerate())


def test_batches_come_in_order_built_in_another_thread():
    threads = []
    assert list(ahead(_batches(20, threads))) == [[n] for n in range(20)]
    assert len(threads) == 20
    assert threading.current_thread() not in threads
    assert not _running()


def test_an_error_in_building_reaches_the_caller_after_the_batches_before_it():
    got = []
    with pytest.raises(ValueError, match="batch 5 failed"):
        for batch in ahead(_batches(20, [], fail_at=5)):
            got.append(batch)
    assert got == [[n] for n in range(5)]
    assert not _running()


def test_a_caller_that_stops_early_stops_the_thread():
    def endless():
        n = 0
        while True:
            yield [n]
            n += 1

    batches = iter(ahead(endless()))
    assert [next(batches), next(batches)] == [[0], [1]]
    batches.close()
    assert not _running()


@pytest.mark.django_db
def test_inside_a_transaction_the_callers_thread_builds_them():
    """A thread's own connection could not see the transaction's rows."""
    assert connection.in_atomic_block
    threads = []
    batches = _batches(3, threads)
    assert ahead(batches) is batches
    assert list(batches) == [[0], [1], [2]]
    assert threads == [threading.current_thread()] * 3


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_stores_every_batch(engine):
    """Committed records, built in batches of 7 by the thread and stored by the
    rebuild: all 30 are found."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    for n in range(30):
        f.PartyFactory(name=f"Kiwiword Holdings {n}")
    assert not connection.in_atomic_block
    assert indexing.rebuild(batch_size=7) >= 30
    assert search("kiwiword").total == 30
    assert not _running()
