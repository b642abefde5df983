"""Times and cursor positions the database would refuse are settled before any
query: a UTC offset past ±15:59 (Python accepts up to ±23:59, PostgreSQL does not)
or a NUL byte must not become "body: A value cannot be stored" (a GET has no body),
nor a failed statement that aborts the transaction around it."""

import base64
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.law.models import Court
from tests import factories as f

pytestmark = pytest.mark.django_db


def _cursor(position: str) -> str:
    """A cursor as DRF writes one, around a position of our choosing."""
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


@pytest.mark.parametrize("url", ["api:dispute-list", "api:court-list"])
@pytest.mark.parametrize("offset", ["+20:01", "-16:00"])
def test_updated_since_with_a_wide_offset_is_the_same_instant(anon, url, offset):
    """`2000-01-06T20:05:45+20:01` is a valid ISO 8601 instant: it is read as UTC,
    and the transaction the request ran in can still be used afterwards."""
    f.CourtFactory()
    response = anon.get(reverse(url), {"updated_since": f"2000-01-06T20:05:45{offset}"})
    assert response.status_code == 200, response.content
    assert Court.objects.count() >= 1


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:08:24+01:01", "9999-12-31T23:59:59-01:00"]
)
def test_updated_since_at_the_ends_of_the_calendar_is_400(anon, value):
    """A time whose UTC instant falls outside what Python holds (found by the
    fuzzer: an OverflowError, a 500) is out of range like any other, a 400."""
    response = anon.get(reverse("api:party-list"), {"updated_since": value})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["updated_since"]


@pytest.mark.parametrize(
    ("url", "params", "position"),
    [
        ("api:dispute-list", {}, "2000-01-06 20:05:45+20:01"),
        ("api:dispute-list", {}, "not a time"),
        ("api:dispute-list", {"ordering": "title"}, "A\x00B"),
        ("api:precedent-list", {}, "2000-01-06 20:05:45"),
        ("api:provision-list", {"ordering": "position"}, "two"),
    ],
)
def test_a_cursor_whose_position_cannot_be_used_is_400_naming_cursor(
    anon, url, params, position
):
    response = anon.get(reverse(url), {**params, "cursor": _cursor(position)})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["cursor"]
    assert f.DisputeFactory() is not None  # the transaction is still usable


def _walk(anon, params) -> list[int]:
    url, params, ids = reverse("api:event-list"), dict(params), []
    while url:
        body = anon.get(url, params).json()
        ids += [event["id"] for event in body["results"]]
        url, params = body["next"], {}
    return ids


@pytest.mark.parametrize("ordering", ["date", "-date", None])
def test_pages_through_ties_neither_repeat_nor_skip(anon, ordering):
    """Events on one date tie on the field the cursor marks its place by; a page
    boundary inside them must not repeat or lose any (on PostgreSQL, ties came back
    in a different order from one page's query to the next: 3 of 185 reference
    events repeated, and 3 others were never listed)."""
    dispute = f.DisputeFactory()
    made = [f.EventFactory(dispute=dispute).pk for _ in range(7)]
    params = {"page_size": 2, **({"ordering": ordering} if ordering else {})}
    with CaptureQueriesContext(connection) as queries:
        ids = _walk(anon, params)
    assert sorted(ids) == sorted(made)
    # Ties are ordered by id, so each query gives them in the same order.
    pages = [q["sql"] for q in queries if 'FROM "cases_event"' in q["sql"]]
    assert pages and all(
        '"cases_event"."id"' in sql.split("ORDER BY")[-1] for sql in pages
    )
