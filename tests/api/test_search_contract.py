"""`/api/v1/search` as an outside client reads it: what the schema promises is what
comes back, and a query that cannot be searched says why, as the search page does."""

import datetime as dt

import pytest
from django.urls import reverse

from casebase.core.dates import DatePrecision
from casebase.search import indexing
from casebase.search.query import FACETS, DocType
from tests import factories as f

# autouse: a fresh, empty Whoosh index for each test, nothing queued.
from tests.search.conftest import search_index  # noqa: F401

pytestmark = pytest.mark.django_db


def _schema(anon) -> dict:
    return anon.get("/api/v1/schema?format=json").json()


def _search_parameters(anon) -> dict:
    operation = _schema(anon)["paths"]["/api/v1/search"]["get"]
    return {p["name"]: p["schema"] for p in operation["parameters"]}


@pytest.mark.parametrize(
    ("q", "explained"),
    [
        ("type:nonsense", "There is no type “nonsense”"),
        ("year:abc", "“year:abc” is not a year"),
        ("(((", "A closing bracket was missing"),
    ],
)
def test_an_unsearchable_query_says_why(anon, q, explained):
    """The 400 carries the notices that explain it (the search page shows them
    beside "Nothing in that query could be searched for."), under `q`."""
    response = anon.get(reverse("api:search"), {"q": q})
    assert response.status_code == 400, response.content
    body = response.json()
    assert any(explained in message for message in body["errors"]["q"])
    assert explained in body["message"]
    assert set(body) == {"status", "code", "message", "errors"}


def test_a_hit_dated_to_the_month_says_so(anon):
    """A dispute filed in "March 2025" is not filed on 1 March: `date_display`
    gives the date as precisely as it is known (as the search page shows it)."""
    f.DisputeFactory(
        summary="Quillwort licensing.",
        filed_date=dt.date(2025, 3, 1),
        filed_date_precision=DatePrecision.MONTH,
    )
    indexing.rebuild()
    response = anon.get(reverse("api:search"), {"q": "quillwort"})
    assert response.status_code == 200, response.content
    [hit] = response.json()["hits"]
    assert (hit["date"], hit["date_display"]) == ("2025-03-01", "March 2025")


def test_every_field_returned_is_documented(anon):
    """Each key of a response, its hits and its facets is a property the schema
    names (not hidden in a free-form map), and every required one is there."""
    f.DisputeFactory(summary="Quillwort licensing.")
    indexing.rebuild()
    body = anon.get(reverse("api:search"), {"q": "quillwort"}).json()
    components = _schema(anon)["components"]["schemas"]
    results = components["ResultsOut"]
    assert set(body) == set(results["properties"]) == set(results["required"])
    hit = components["HitOut"]
    assert set(body["hits"][0]) == set(hit["properties"]) == set(hit["required"])
    facets = components[results["properties"]["facets"]["$ref"].split("/")[-1]]
    assert set(facets["properties"]) == set(FACETS)
    assert set(body["facets"]) <= set(facets["properties"])
    kind = components[hit["properties"]["type"]["$ref"].split("/")[-1]]
    assert kind["enum"] == list(DocType.values)


def test_bounds_are_documented(anon):
    """The limits the endpoint enforces are in the schema, so a client (and the
    fuzzer) knows them without a 400."""
    params = _search_parameters(anon)
    assert (params["page"]["minimum"], params["page"]["maximum"]) == (1, 500)
    assert (params["page_size"]["minimum"], params["page_size"]["maximum"]) == (1, 50)
    assert (params["year"]["minimum"], params["year"]["maximum"]) == (1000, 2999)
    assert params["type"]["enum"] == list(DocType.values)


def test_an_unknown_type_is_400_naming_it(anon):
    """`type=` takes the record types; any other value is a mistake to point out,
    not a search that silently finds nothing."""
    response = anon.get(reverse("api:search"), {"q": "licensing", "type": "nonsense"})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["type"]


def test_unavailable_is_documented_in_the_error_shape(anon):
    responses = _schema(anon)["paths"]["/api/v1/search"]["get"]["responses"]
    schema = responses["503"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Error"}


@pytest.mark.parametrize(
    "url", ["api:dispute-list", "api:party-list", "api:jurisdiction-list"]
)
def test_a_page_size_over_the_limit_is_400(anon, url):
    """The message says "from 1 to 100"; 101 must not be quietly cut to 100."""
    response = anon.get(reverse(url), {"page_size": "101"})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["page_size"]
    assert anon.get(reverse(url), {"page_size": "100"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("api:dispute-list", {"page_size": "²"}, "page_size"),
        ("api:dispute-list", {"page_size": "٣"}, "page_size"),
        ("api:jurisdiction-list", {"page_size": "²"}, "page_size"),
        ("api:jurisdiction-list", {"page": "²"}, "page"),
        ("api:search", {"q": "licensing", "page_size": "²"}, "page_size"),
        ("api:search", {"q": "licensing", "page_size": "٣"}, "page_size"),
        # The search page's form reads these leniently; the API does not.
        ("api:search", {"q": "licensing", "page": " 1"}, "page"),
        ("api:search", {"q": "licensing", "page": "+1"}, "page"),
        ("api:search", {"q": "licensing", "year": "2023.0"}, "year"),
        ("api:jurisdiction-list", {"page": " 1"}, "page"),
        ("api:dispute-list", {"provision": "²"}, "provision"),
        ("api:claim-list", {"provision": "²"}, "provision"),
    ],
)
def test_digits_other_than_0_to_9_are_400(anon, url, params, field):
    """`str.isdigit()` is true of "²" (which `int()` refuses: it was a 500) and of
    "٣" (which `int()` reads as 3); only 0-9 make a number here, with nothing around
    them (Django's form field would read " 1", "+1" and "2023.0")."""
    response = anon.get(reverse(url), params)
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize(
    "params",
    [
        {"type": ""},
        {"type": "\x00"},
        {"stage": " "},
        {"sort": ""},
        {"year": ""},
        {"page": ""},
        {"jurisdiction": ""},
    ],
)
def test_a_parameter_given_no_value_is_400_naming_it(anon, params):
    """As on the list endpoints: `type=` is neither a type nor "no filter" (the
    schema's enum does not include it, and the fuzzer holds the API to that)."""
    response = anon.get(reverse("api:search"), {"q": "licensing", **params})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == list(params)
