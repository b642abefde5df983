"""PostgreSQL backend only: how a query is compiled and run (postgres.py,
postgres_rank.py). The shared contract (test_contract.py) checks what is found; these
check the PostgreSQL machinery behind it: facet columns, one tsquery per boolean
query, settings that never leak, the time limit in autocommit mode."""

import pytest
from django.db import connection

from casebase.search import language as ql
from casebase.search.backends.base import SearchTimeout, get_backend
from casebase.search.backends.postgres import run_limited
from casebase.search.backends.postgres_query import Compiler
from tests import factories as f
from tests.search.conftest import index_all, keys, search

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL backend only"
)


@pytest.fixture
def postgres(engine):
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    return engine


def _settings() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
            "current_setting('statement_timeout'), current_setting('work_mem')"
        )
        return cursor.fetchone()


def _token_counts(tokens: list[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for token in tokens:
        name, _, value = token.partition("=")
        counts.setdefault(name, {})
        counts[name][value] = counts[name].get(value, 0) + 1
    return counts


def test_facet_counts_match_the_facet_tokens(postgres):
    """The generated facet columns (migration 0004) count exactly what the stored
    `facet_tokens` say, multi-valued theories and jurisdictions included."""
    copyright_ = f.LegalTheoryFactory(slug="pg-copyright", name="Copyright")
    patent = f.LegalTheoryFactory(slug="pg-patent", name="Patent")
    both = f.DisputeFactory(summary="kiwiword twice")
    f.ClaimFactory(dispute=both, theory=copyright_)
    f.ClaimFactory(dispute=both, theory=patent)
    both.jurisdictions.add(f.JurisdictionFactory())
    one = f.DisputeFactory(summary="kiwiword once")
    f.ClaimFactory(dispute=one, theory=patent)
    f.PartyFactory(name="Kiwiword Holdings")
    f.ProvisionFactory(heading="Kiwiword section", summary="About kiwiword.")
    index_all()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet_tokens FROM search_entry WHERE search_vector @@ 'kiwiword'"
        )
        tokens = [t for (row,) in cursor.fetchall() for t in row.split()]
    expected = _token_counts(tokens)
    assert expected["theory"] == {"pg-copyright": 1, "pg-patent": 2}
    assert len(expected["jurisdiction"]) >= 2
    results = search("kiwiword")
    assert results.total == 4
    found = {
        name: {v.value: v.count for v in values}
        for name, values in results.facets.items()
    }
    assert found == expected


def test_boolean_words_become_one_tsquery():
    """`a OR b -c` is one `@@` (one GIN scan, no per-row NOT filter); a fielded word
    stays a condition of its own, with the field's vector."""
    compiler = Compiler()
    sql = compiler.condition(ql.parse("licence OR image -extracted").tree)
    assert sql.count("@@") == 1 and "!!" in sql and "NOT" not in sql
    mixed = Compiler()
    sql = mixed.condition(ql.parse("licence image party:acme").tree)
    assert sql.count("e.search_vector @@") == 1
    assert "e.party_vector @@" in sql


def test_a_word_without_lexemes_matches_nothing(postgres):
    """A word PostgreSQL makes no lexeme of (`৴`, a Bengali currency numerator, is a
    letter to Python) matches nothing instead of dropping out of the query around it
    (`৴ kiwiword` would otherwise find every kiwiword)."""
    f.PartyFactory(name="Kiwiword Holdings")
    index_all()
    assert keys(search("kiwiword"))
    assert search("৴ kiwiword").total == 0
    assert search("kiwiword -_").total == 1
    assert search("_ OR kiwiword").total == 1


def test_settings_do_not_leak_inside_a_transaction(postgres):
    """Inside a transaction (pytest's), the search's SET LOCALs are put back."""
    before = _settings()
    f.PartyFactory(name="Kiwiword Holdings")
    index_all()
    assert search("kiwiword").total == 1
    assert search("kiwiword", sort="newest").total == 1
    assert _settings() == before


@pytest.mark.django_db(transaction=True)
def test_settings_do_not_leak_in_autocommit(engine):
    """In autocommit mode (a request), each statement carries its SET LOCALs in one
    implicit transaction: nothing is left set on the connection afterwards."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    assert not connection.in_atomic_block
    before = _settings()
    f.PartyFactory(name="Kiwiword Holdings")
    index_all()
    assert search("kiwiword").total == 1
    assert search("kiwiword", sort="oldest").total == 1
    assert _settings() == before


@pytest.mark.django_db(transaction=True)
def test_statement_timeout_in_autocommit(engine):
    """The time limit holds in autocommit mode too, and the connection stays usable."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    with pytest.raises(SearchTimeout):
        run_limited(connection, 0.001, "SELECT pg_sleep(1)", [])
    assert run_limited(connection, 1.0, "SELECT %s", [7]) == (7,)


@pytest.mark.django_db(transaction=True)
def test_rebuild_leaves_fresh_statistics(engine):
    """A committed rebuild analyses the table (and merges the GIN pending lists), so
    the first searches after it are planned on the new entries."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    for n in range(3):
        f.PartyFactory(name=f"Kiwiword Holdings {n}")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_entry")  # never analysed since
        index_all()
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'search_entry'::regclass"
        )
        assert cursor.fetchone()[0] >= 3
    assert search("kiwiword").total == 3


def _vacuums() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_vacuum_count('search_entry'::regclass)")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_replaces_entries_vacuums_them(engine):
    """The entries a rebuild replaced are dead rows every search reads past until a
    vacuum (autovacuum may be off, as on this test server): the rebuild vacuums
    them; a first rebuild, which replaced nothing, has nothing to vacuum."""
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    f.PartyFactory(name="Kiwiword Holdings")  # indexed as it commits
    get_backend().clear()
    before = _vacuums()
    index_all()
    assert _vacuums() == before
    index_all()
    assert _vacuums() == before + 1
    assert search("kiwiword").total == 1


def test_migration_0006_stems_the_citations_already_stored(postgres):
    """Entries written before `citation:` words were stemmed (migration 0005 filled
    citation_vector with the words as written) are filled again by migration 0006,
    with no rebuild: `citation:patent` then finds `Patents`."""
    import importlib
    from types import SimpleNamespace

    migration = importlib.import_module(
        "casebase.search.migrations.0006_citation_vector_stemmed"
    )
    f.PrecedentFactory(
        case_name="Rho Gears v Tau",
        neutral_citation=None,
        law_report_citations=["[1999] Test Patents Reports 12"],
    )
    index_all()
    editor = SimpleNamespace(connection=connection)
    migration.backward(None, editor)  # as migration 0005 left them
    assert keys(search("citation:patent")) == []
    migration.forward(None, editor)
    assert len(keys(search("citation:patent"))) == 1
