"""Several worker processes writing to the PostgreSQL backend at once: every update
is in the index and the shared bitmaps (postgres_dense.py: the universe and
`type=party`, which every writer changes) stay exact, with no deadlock."""

import os

import psycopg
import pytest
from django.db import connection

from tests.search.test_concurrency import UPDATES, WRITERS, migrate, run_writers

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL backend only"
)


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def shared_db(tmp_path):
    """A database of its own (the test database's name + `_writers`), which the
    processes share and commit to, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_writers"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DEBUG": "1",
        "CASEBASE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": _url(name),
        "SEARCH_BACKEND": "casebase.search.backends.postgres.PostgresBackend",
        "SEARCH_PG_DENSE_MIN_DOCS": "1",
        "DJANGO_SETTINGS_MODULE": "casebase.settings",
    }
    migrate(env)
    yield env, name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _bits(db, term: str) -> set[int]:
    base, bits = db.execute(
        "SELECT base, bits::text FROM search_dense_term WHERE term = %s", [term]
    ).fetchone()
    return {base + i for i, bit in enumerate(bits) if bit == "1"}


def test_four_processes_keep_the_bitmaps_exact(shared_db):
    env, name = shared_db
    run_writers(env)

    with psycopg.connect(_url(name)) as db:
        ids = {i for (i,) in db.execute("SELECT id FROM search_entry").fetchall()}
        assert len(ids) == WRITERS * UPDATES
        assert _bits(db, "") == ids
        assert _bits(db, "type=party") == ids
        for w in range(WRITERS):
            for n in range(UPDATES):
                found = db.execute(
                    "SELECT count(*) FROM search_entry WHERE search_vector @@ "
                    "plainto_tsquery('casebase_english', %s)",
                    [f"w{w}u{n}"],
                ).fetchone()[0]
                assert found == 1, (w, n)
        stale = db.execute(
            "SELECT count(*) FROM search_entry "
            "WHERE search_vector @@ to_tsquery('casebase_english', 'draftname')"
        ).fetchone()[0]
        assert stale == 0
