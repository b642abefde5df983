"""A rebuild that dies halfway never leaves a half-written index behind: searches
keep answering from the old index, `check_search_index` reports the interrupted
rebuild, and `--repair` finishes the job."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError, call_command

from casebase.cases.models import Party
from casebase.search import indexing
from casebase.search.backends.whoosh import WhooshBackend
from casebase.search.language import parse
from casebase.search.query import SearchQuery
from tests import factories as f
from tests.search.conftest import index_all, search
from tests.search.test_concurrency import ROOT, shared_env  # noqa: F401 (fixture)

PARTIES = 6


def _failing_documents(real):
    def documents(batch_size):
        yield next(iter(real(2)))
        raise RuntimeError("the rebuild died here")

    return documents


def test_failed_rebuild_keeps_the_old_index(engine, monkeypatch):
    """A rebuild that fails after its first batch changes nothing searchable; the
    check reports it, and --repair brings the index up to date."""
    for n in range(PARTIES):
        f.PartyFactory(name=f"Keepword {n}")
    index_all()
    Party.objects.update(name="Freshword")
    monkeypatch.setattr(
        indexing, "iter_documents", _failing_documents(indexing.iter_documents)
    )
    with pytest.raises(RuntimeError):
        indexing.rebuild()
    monkeypatch.undo()
    assert search("keepword").total == PARTIES
    assert search("freshword").total == 0

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=out)
    assert "A rebuild of the search index was interrupted" in out.getvalue()
    call_command("check_search_index", "--repair", stdout=io.StringIO())
    assert search("freshword").total == PARTIES
    assert search("keepword").total == 0
    assert not indexing.marker_path().exists()
    call_command("check_search_index", stdout=io.StringIO())  # clean: no error


def test_a_running_rebuild_is_not_reported_as_interrupted(search_index, db):
    """While a rebuild holds its marker, the check does not call it interrupted."""
    with indexing._rebuilding():
        assert indexing.marker_path().exists()
        assert indexing.interrupted_rebuild() == ""
    assert not indexing.marker_path().exists()


def _run(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        **kwargs,
    )


def _count(index: WhooshBackend, word: str) -> int:
    return index.search(SearchQuery(text=word), parse(word).tree).total


def test_rebuild_killed_halfway_leaves_the_old_index(shared_env):  # noqa: F811
    """SIGKILL in the middle of a Whoosh rebuild: the old index still answers, the
    check sees the interrupted rebuild, and --repair makes the index current and
    clears the leftovers."""
    env, tmp_path = shared_env
    seeded = _run(env, "-m", "tests.search.rebuild_runner", "seed", "30")
    assert seeded.returncode == 0, seeded.stderr
    index = WhooshBackend(tmp_path / "index")
    assert _count(index, "oldname") == 30

    flag = tmp_path / "halfway"
    stalled = subprocess.Popen(
        [sys.executable, "-m", "tests.search.rebuild_runner", "stall", str(flag)],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own group: Whoosh's helper processes too
    )
    try:
        deadline = time.monotonic() + 120
        while not flag.exists() and stalled.poll() is None:
            assert time.monotonic() < deadline, "the rebuild never got halfway"
            time.sleep(0.05)
        assert stalled.poll() is None, "the rebuild ended instead of stalling"
    finally:
        os.killpg(stalled.pid, signal.SIGKILL)
        stalled.wait(timeout=30)

    assert _count(index, "oldname") == 30
    assert _count(index, "newname") == 0

    checked = _run(env, "manage.py", "check_search_index")
    assert checked.returncode == 1
    assert "A rebuild of the search index was interrupted" in checked.stdout
    repaired = _run(env, "manage.py", "check_search_index", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert _count(index, "newname") == 30
    assert _count(index, "oldname") == 0
    assert not list((tmp_path / "index").glob("*.tmp"))
    assert _run(env, "manage.py", "check_search_index").returncode == 0
