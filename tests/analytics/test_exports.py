"""Streamed CSV and JSON exports of the dispute list and of search results."""

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from casebase.analytics.dispute_export import dispute_queryset, dispute_rows
from casebase.analytics.exports import safe_cell
from casebase.cases.selectors import DisputeFilters
from casebase.core.models import PublicationStatus
from casebase.search import indexing
from casebase.search.backends.base import reset_backend
from tests import factories as f

DISPUTES_CSV = "/disputes.csv"
DISPUTES_JSON = "/disputes.json"


def _csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def _json(response) -> dict:
    assert isinstance(response, StreamingHttpResponse)
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def disputes(db):
    north = f.JurisdictionFactory(slug="test-north", name="Test North")
    theory = f.LegalTheoryFactory(slug="test-alpha", name="Test alpha right")
    made = [f.DisputeFactory(jurisdictions=[north]) for _ in range(3)]
    f.DisputeFactory()  # elsewhere
    f.ClaimFactory(dispute=made[0], theory=theory)
    f.DisputePartyFactory(dispute=made[0], role="claimant")
    f.DisputePartyFactory(dispute=made[0], role="defendant")
    f.DisputeFactory(jurisdictions=[north], publication_status=PublicationStatus.DRAFT)
    return made


def test_csv_export_applies_the_list_filters(client, disputes):
    """GIVEN the dispute list's filters WHEN exported as CSV THEN the rows are the
    published disputes the list shows, with their related names filled in."""
    rows = _csv(client.get(DISPUTES_CSV, {"jurisdiction": "test-north"}))
    assert {r["slug"] for r in rows} == {d.slug for d in disputes}
    first = next(r for r in rows if r["slug"] == disputes[0].slug)
    assert first["jurisdictions"] == "Test North"
    assert first["legal_theories"] == "Test alpha right"
    assert first["claimants"] and first["defendants"]
    assert first["url"].endswith(f"/disputes/{disputes[0].slug}")
    assert first["url"].startswith("http://")


def test_json_export_has_count_filters_and_lists(client, disputes):
    """The JSON export names its filters, counts its rows and keeps lists as lists."""
    data = _json(client.get(DISPUTES_JSON, {"theory": "test-alpha", "page": "3"}))
    assert data["filters"] == {"theory": "test-alpha"}
    assert data["count"] == 1 == len(data["results"])
    assert data["results"][0]["legal_theories"] == ["Test alpha right"]


def test_editors_export_what_they_see(client, editor, disputes):
    """The export follows the list's visibility rule: an editor's includes the
    draft, the public's never does."""
    public = _csv(client.get(DISPUTES_CSV))
    client.force_login(editor)
    own = _csv(client.get(DISPUTES_CSV))
    assert len(own) == len(public) + 1


def test_bad_filter_is_400_json_naming_the_field(client, disputes):
    """An unknown jurisdiction or a bad year: HTTP 400 JSON naming the field."""
    response = client.get(DISPUTES_JSON, {"jurisdiction": "nowhere", "year": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"jurisdiction", "year"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Plain text", "Plain text"),
        (-5, -5),
    ],
)
def test_csv_cells_that_could_be_formulas_are_defused(value, expected):
    """Text starting with = + - @ (or a tab) gets an apostrophe; numbers do not."""
    assert safe_cell(value) == expected


def test_formula_in_a_title_is_defused_in_the_file(client, db):
    """A dispute titled like a formula is exported as text, not as a formula."""
    f.DisputeFactory(title="=cmd|' /C calc'!A0", short_title="@evil")
    row = _csv(client.get(DISPUTES_CSV))[0]
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["short_title"] == "'@evil"


def test_rows_are_read_a_chunk_at_a_time(db):
    """The export does not read everything first: after the first row only the
    first chunk's queries have run, and the query count grows with the number of
    chunks, not of rows."""
    for _ in range(5):
        f.DisputeFactory()
    disputes = dispute_queryset(user=None, filters=DisputeFilters())
    with CaptureQueriesContext(connection) as first:
        rows = dispute_rows(disputes, user=None, chunk=2)
        next(rows)
    with CaptureQueriesContext(connection) as rest:
        remaining = list(rows)
    assert len(remaining) == 4
    assert 0 < len(first) < len(first) + len(rest)
    assert len(rest) >= 2 * (len(first) - 1)


@pytest.fixture
def search_index(settings, tmp_path):
    settings.SEARCH_BACKEND = "casebase.search.backends.whoosh.WhooshBackend"
    settings.SEARCH_INDEX_PATH = tmp_path / "search-index"
    reset_backend()
    indexing._pending().clear()
    yield
    indexing._pending().clear()
    reset_backend()


def test_search_export_has_every_hit_with_facets_applied(client, db, search_index):
    """A search exported as CSV holds all its results (not one page) and honours a
    facet; without words it is a 400 naming the field."""
    theory = f.LegalTheoryFactory(slug="test-alpha", name="Test alpha right")
    for n in range(25):
        dispute = f.DisputeFactory(title=f"Zebracorn {n} v Example Labs")
        if n < 3:
            f.ClaimFactory(dispute=dispute, theory=theory)
    indexing.rebuild()
    rows = _csv(client.get("/search.csv", {"q": "zebracorn"}))
    assert len([r for r in rows if r["type"] == "dispute"]) == 25
    narrowed = _json(
        client.get("/search.json", {"q": "zebracorn", "theory": "test-alpha"})
    )
    assert narrowed["filters"] == {"theory": "test-alpha"}
    assert len(narrowed["results"]) == 3
    response = client.get("/search.csv")
    assert response.status_code == 400
    assert "q" in response.json()["errors"]


def test_list_pages_link_to_their_exports(client, disputes):
    """The dispute list offers CSV and JSON of its current filters (no page)."""
    html = client.get("/disputes", {"jurisdiction": "test-north", "page": "1"})
    text = html.content.decode()
    assert 'href="/disputes.csv?jurisdiction=test-north"' in text
    assert 'href="/disputes.json?jurisdiction=test-north"' in text
