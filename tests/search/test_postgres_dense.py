"""PostgreSQL backend only: the per-term bitmaps (postgres_dense.py). Counted from
bitmaps, a search finds what the ordinary path finds, and every bitmap is exact after
creates, edits, unpublishing, deletes and rebuilds. SEARCH_PG_DENSE_MIN_DOCS=1 gives
every word of these small corpora a bitmap."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from casebase.core.models import PublicationStatus
from casebase.search.backends import postgres_bitmaps as bitmaps
from casebase.search.backends import postgres_dense as dense
from casebase.search.backends.base import get_backend
from casebase.search.language import parse
from casebase.search.query import Filters, SearchQuery
from tests import factories as f
from tests.search.conftest import index_all
from tests.search.corpus import build_corpus

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL backend only"
)


@pytest.fixture
def postgres(engine, settings):
    if engine != "postgres":
        pytest.skip("PostgreSQL only")
    settings.SEARCH_PG_DENSE_MIN_DOCS = 1
    return engine


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def _results(text: str, ordinary: bool, **options):
    query = SearchQuery(text=text, **options)
    tree = parse(text).tree
    if not ordinary:
        return get_backend().search(query, tree)
    with mock.patch.object(bitmaps, "expression", return_value=("", [])):
        return get_backend().search(query, tree)


def _same(text: str, **options) -> bool:
    """Whether the bitmaps answer `text`, asserting that they answer as the
    ordinary path does: total, facets, hits and scores in the same order."""
    used = []
    real = bitmaps.expression

    def spy(*args):
        used.append(real(*args))
        return used[-1]

    with mock.patch.object(bitmaps, "expression", side_effect=spy):
        found = _results(text, ordinary=False, **options)
    expected = _results(text, ordinary=True, **options)
    assert found.total == expected.total, text
    assert found.facets == expected.facets, text
    assert [(h.key, h.score) for h in found.hits] == [
        (h.key, h.score) for h in expected.hits
    ], text
    return bool(used and used[0][0])


# (query, whether bitmaps answer it)
QUERIES = [
    ("training", True),
    ("training data", True),
    ("novels OR diffusion", True),
    ("training -novels", True),
    ("training NOT novels", True),
    ("(novels OR diffusion) training", True),
    ("copyright type:dispute", True),
    ("copyright -type:precedent", True),
    ("machine year:2020..2024", True),
    ("patent year:..2015", True),
    ("patent type:nosuchtype", True),
    ("nosuchwordanywhere", False),
    ('"training data"', False),
    ("train*", True),
    ("trai* -data", True),
    ("-train* copyright", True),
    ("title:pix*", True),
    ("nosuchprefix*", True),  # no lexeme starts so: an empty bitmap
    ("patent -year:2020..2024", False),
    ("[2023] UKSC 49", True),  # three words
    ('citation:"[2023] UKSC 49"', False),
    # Words of a field: its own bitmaps (`court:supreme`), apart from the same
    # words elsewhere (`supreme` in a body is not court:supreme).
    ("title:pixel", True),
    ("party:pixel", True),
    ('court:"supreme"', True),
    ("court:supreme -court:high", True),
    ("theory:copyright training", True),
    ("system:diffusenet OR title:quill", True),
    ("supreme -court:supreme", True),
    ("title:training", False),  # a word no title holds: no bitmap
    ('court:"supreme court"', False),  # a phrase
]


@pytest.mark.parametrize(("text", "answered"), QUERIES)
def test_bitmaps_count_as_the_ordinary_path_does(postgres, text, answered):
    build_corpus()
    index_all()
    assert _same(text) == answered
    assert _same(text, page=2, per_page=1) == answered
    assert _same(text, filters=Filters(type="dispute")) == answered


def test_broad_search_is_counted_from_bitmaps(postgres):
    """More matches than the ranked candidates: the total and facets still count
    every match, and the page is the ordinary path's."""
    theory = f.LegalTheoryFactory(slug="dense-copyright", name="Copyright")
    for n in range(30):
        dispute = f.DisputeFactory(summary=f"broadword number{n}")
        f.ClaimFactory(dispute=dispute, theory=theory)
    index_all()
    with mock.patch("casebase.search.backends.postgres_rank.MAX_SCORED", 5):
        assert _same("broadword")
        assert _same("broadword", page=3, per_page=4)
    found = _results("broadword", ordinary=False)
    assert found.total == 30
    assert found.facets["theory"] == {"dense-copyright": 30}


def test_a_prefix_counts_its_rare_words_beside_its_common_ones(postgres, settings):
    """`copy*` finds copyright (common: a bitmap) and copyist and copybook (rare:
    read through the index), once each however many an entry holds."""
    settings.SEARCH_PG_DENSE_MIN_DOCS = 5
    for n in range(8):
        f.DisputeFactory(summary=f"copyright number{n} zebra")
    f.DisputeFactory(summary="copyist zebra")
    f.DisputeFactory(summary="copyist copyright")
    f.DisputeFactory(summary="copybook alone")
    f.DisputeFactory(title="Copybook Ltd v Copyist", summary="nothing else")
    index_all()
    assert _results("copy*", ordinary=False).total == 12
    for text in (
        "copy*",
        "copy* zebra",
        "copy* -copyright",
        "-copy* zebra",
        "copy* OR zebra",
        "title:copy*",
        "copyb*",  # rare words alone
        "zebra -copyb*",
    ):
        assert _same(text), text
        assert _same(text, page=2, per_page=2), text


def test_a_bitmap_dropped_since_the_lookup_is_not_a_wrong_count(postgres):
    """A rebuild that commits between the lookup and the count (here: the row
    deleted in between) leaves the ordinary path to count."""
    build_corpus()
    index_all()
    expected = _results("training", ordinary=True)
    real = bitmaps.expression

    def lookup_then_drop(cursor, tree, filters):
        found = real(cursor, tree, filters)
        with connection.cursor() as other:
            other.execute("DELETE FROM search_dense_term WHERE term = 'train'")
        return found

    with mock.patch.object(bitmaps, "expression", side_effect=lookup_then_drop):
        found = _results("training", ordinary=False)
    assert found.total == expected.total > 0
    assert found.facets == expected.facets
    assert [h.key for h in found.hits] == [h.key for h in expected.hits]


def _assert_exact() -> int:
    """Every bitmap equals what search_entry says (the GIN index for a lexeme, the
    facet tokens for a facet, every entry for ''); all have one length."""
    with connection.cursor() as cursor:
        assert dense.stale(cursor) == []
        cursor.execute(
            "SELECT term, base, bits::text FROM search_dense_term ORDER BY term"
        )
        rows = cursor.fetchall()
        assert len({(base, len(bits)) for _, base, bits in rows}) == 1
        for term, base, bits in rows:
            expected = dense.holders(cursor, term)  # read from search_entry itself
            found = {base + i for i, bit in enumerate(bits) if bit == "1"}
            assert found == expected, term
    return len(rows)


def _terms() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_dense_term")
        return {term for (term,) in cursor.fetchall()}


def test_bitmaps_stay_exact_through_every_change(postgres, commit):
    theory = f.LegalTheoryFactory(slug="dense-patent", name="Patent")
    with commit():
        kept = f.PartyFactory(name="Keptword Holdings")
        edited = f.DisputeFactory(summary="oldword sharedword")
        f.ClaimFactory(dispute=edited, theory=theory)
        gone = f.PartyFactory(name="Goneword sharedword")
    index_all()
    assert {"oldword", "sharedword", "theory=dense-patent"} <= _terms()
    _assert_exact()

    with commit():  # a create, past the bitmaps' length too
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('search_entry', 'id'), "
                "(SELECT max(id) FROM search_entry) + %s)",
                [dense.GROWTH * 2],
            )
        f.PartyFactory(name="Sharedword Newcomer", publication_status="published")
    _assert_exact()
    with commit():
        edited.summary = "newword only"
        edited.save()
    _assert_exact()
    assert _same("sharedword") and _same("oldword")
    with commit():
        kept.publication_status = PublicationStatus.DRAFT
        kept.save()
    _assert_exact()
    with commit():
        gone.delete()
    _assert_exact()
    assert _same("sharedword")
    index_all()
    assert "newword" in _terms() and "goneword" not in _terms()
    assert _assert_exact() > 3
    with connection.cursor() as cursor:  # a rebuild's new ids: the bitmaps move
        cursor.execute("SELECT DISTINCT length(bits) FROM search_dense_term")
        assert cursor.fetchall() == [(dense.GROWTH,)]


def test_a_new_facet_value_gets_its_bitmap_at_once(postgres, commit):
    """Facet counts never miss a value first seen after the last rebuild."""
    index_all()
    with commit():
        dispute = f.DisputeFactory(summary="freshfacet")
        f.ClaimFactory(
            dispute=dispute,
            theory=f.LegalTheoryFactory(slug="dense-new", name="New theory"),
        )
    assert "theory=dense-new" in _terms()
    _assert_exact()
    assert _same("freshfacet OR copyright") is False  # freshfacet: no bitmap yet


def test_words_below_the_threshold_get_no_bitmap(postgres, settings):
    settings.SEARCH_PG_DENSE_MIN_DOCS = 2
    f.PartyFactory(name="Onceword Twiceword")
    f.PartyFactory(name="Twiceword Again")
    index_all()
    assert "twiceword" in _terms() and "onceword" not in _terms()
    assert _same("twiceword") is True
    assert _same("onceword") is False
    _assert_exact()


def test_check_search_index_finds_and_repairs_a_wrong_bitmap(postgres):
    build_corpus()
    index_all()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_dense_term SET bits = bits # bits WHERE term = 'train'"
        )
        assert dense.stale(cursor) == ["train"]
    with pytest.raises(CommandError, match="term bitmaps are out of date"):
        call_command("check_search_index", stdout=StringIO())
    out = StringIO()
    call_command("check_search_index", "--repair", stdout=out)
    assert "1 term bitmaps out of date" in out.getvalue()
    assert "'train'" in out.getvalue()
    _assert_exact()
