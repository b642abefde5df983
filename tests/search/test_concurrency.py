"""Several worker processes writing to one Whoosh index at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casebase.search.backends.whoosh import WhooshBackend
from casebase.search.language import parse
from casebase.search.query import SearchQuery

ROOT = Path(__file__).resolve().parents[2]
WRITERS, UPDATES = 4, 50


@pytest.fixture
def shared_env(tmp_path):
    """A file-based SQLite database and an index directory that processes share."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "CASEBASE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "SEARCH_BACKEND": "casebase.search.backends.whoosh.WhooshBackend",
        "SEARCH_INDEX_PATH": str(tmp_path / "index"),
        "DJANGO_SETTINGS_MODULE": "casebase.settings",
    }
    migrate(env)
    return env, tmp_path


def migrate(env: dict) -> None:
    """Migrate the database `env` names, in a process of its own."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def run_writers(env: dict) -> None:
    """WRITERS processes of UPDATES updates each (concurrent_writer), at once; each
    must end cleanly, with nothing on its error stream."""
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.search.concurrent_writer",
                str(w),
                str(UPDATES),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    outputs = [writer.communicate(timeout=600) for writer in writers]
    for writer, (_, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
        assert "Error" not in stderr and "Traceback" not in stderr, stderr


def test_four_processes_never_lose_an_update(shared_env):
    """4 processes x 50 updates at once: every update is in the index, no process
    reports an error, and nothing was left waiting in the journal."""
    env, tmp_path = shared_env
    run_writers(env)

    index = WhooshBackend(tmp_path / "index")
    digests = index.digests()
    assert len(digests) == WRITERS * UPDATES
    for w in range(WRITERS):
        for n in range(UPDATES):
            text = f"w{w}u{n}"
            found = index.search(SearchQuery(text=text), parse(text).tree)
            assert found.total == 1, text
    assert (
        index.search(SearchQuery(text="draftname"), parse("draftname").tree).total == 0
    )
    journal = tmp_path / "index.pending"
    assert not journal.exists() or journal.read_text() == ""
