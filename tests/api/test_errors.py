"""Every error in one JSON shape naming the field, and never a 500."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"status", "code", "message", "errors"}
    assert body["status"] == status
    return body


def test_bad_year_is_400_naming_the_field(anon):
    """?year=abc is refused, not ignored, and the message names `year`."""
    body = _error(anon.get(reverse("api:dispute-list") + "?year=abc"), 400)
    assert "year" in body["errors"] and body["message"].startswith("year:")


@pytest.mark.parametrize(
    "query",
    [
        "stage=nonsense",
        "verified=maybe",
        "filed_after=2023-13-45",
        "provision=99999999999999999999999",
        "court=%00",
        "ordering=secret_field",
        "cursor=not-a-cursor",
        # Empty, or decoding to nothing: DRF would serve the first page.
        "cursor=",
        "cursor=%00",
        "cursor=%20",
        "page_size=0",
    ],
)
def test_bad_filter_values_are_400(anon, query):
    """Each malformed parameter is a 400 that names it."""
    body = _error(anon.get(reverse("api:dispute-list") + "?" + query), 400)
    assert query.split("=")[0] in body["errors"]


def test_malformed_json_is_400(editor_client):
    """A body that is not JSON is a 400 about the body."""
    response = editor_client.post(
        reverse("api:party-list"), data="{not json", content_type="application/json"
    )
    assert "body" in _error(response, 400)["errors"]


def test_failed_validation_names_the_field(editor_client):
    """A missing required field is named in the message."""
    response = editor_client.post(
        reverse("api:party-list"), {"name": "X"}, format="json"
    )
    assert "slug" in _error(response, 400)["errors"]


def test_model_rule_is_400_naming_the_field(editor_client):
    """The model's own rules (a decision before filing) come back as field errors."""
    dispute = f.DisputeFactory()
    response = editor_client.patch(
        reverse("api:dispute-detail", args=[dispute.slug]),
        {"first_decision_date": "2000-01-01", "first_decision_precision": "day"},
        format="json",
    )
    assert "first_decision_date" in _error(response, 400)["errors"]


def test_nul_in_a_value_is_400(editor_client):
    """Text no database can store is refused naming the field."""
    response = editor_client.post(
        reverse("api:party-list"), {"slug": "a\x00b", "name": "X"}, format="json"
    )
    assert "slug" in _error(response, 400)["errors"]


def test_anonymous_write_is_401(anon):
    """Writing without credentials asks for them."""
    response = anon.post(reverse("api:party-list"), {}, format="json")
    _error(response, 401)
    assert response["WWW-Authenticate"].startswith("Token")


def test_unknown_api_path_is_json_404(anon):
    """A path under /api/v1/ that matches nothing is a JSON 404."""
    _error(anon.get("/api/v1/no-such-thing"), 404)


def test_wrong_method_is_405(editor_client):
    """POST to a record is not allowed."""
    dispute = f.DisputeFactory()
    _error(
        editor_client.post(reverse("api:dispute-detail", args=[dispute.slug]), {}),
        405,
    )


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_body_is_413(editor_client):
    """A body over the limit is refused before it is read."""
    body = json.dumps({"name": "x" * 2000})
    response = editor_client.post(
        reverse("api:party-list"), data=body, content_type="application/json"
    )
    assert "body" in _error(response, 413)["errors"]


def test_chunked_body_without_length_is_411(editor_client):
    """A WSGI server hands Django a chunked body as empty: it is refused as such,
    not answered with "this field is required" for every field."""
    response = editor_client.generic(
        "POST",
        reverse("api:party-list"),
        data=json.dumps({"name": "Chunked Ltd", "kind": "company"}),
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert "Content-Length" in _error(response, 411)["errors"]["body"][0]


def test_stale_if_match_is_409(editor_client):
    """An update sent with an old ETag is refused and nothing is stored."""
    party = f.PartyFactory(name="Before")
    url = reverse("api:party-detail", args=[party.slug])
    response = editor_client.patch(
        url, {"name": "After"}, format="json", HTTP_IF_MATCH='"stale"'
    )
    _error(response, 409)
    party.refresh_from_db()
    assert party.name == "Before"


def test_stale_version_is_409(editor_client):
    """A dispute update based on an older version is refused with 409 (a draft:
    editors change drafts directly; published records go through review)."""
    dispute = f.DisputeFactory(title="Before", publication_status="draft")
    url = reverse("api:dispute-detail", args=[dispute.slug])
    version = editor_client.get(url).json()["version"]
    assert (
        editor_client.patch(
            url, {"title": "First", "version": version}, format="json"
        ).status_code
        == 200
    )
    response = editor_client.patch(
        url, {"title": "Second", "version": version}, format="json"
    )
    body = _error(response, 409)
    assert body["code"] == "stale"
    assert body["current_version"] == version + 1 and body["your_version"] == version
    assert [c["field"] for c in body["changes"]] == ["title"]
    dispute.refresh_from_db()
    assert dispute.title == "First"
    # Every key of the body is documented: the one shape, and the conflict's own.
    schema = editor_client.get(reverse("api:schema") + "?format=json").json()
    operation = schema["paths"]["/api/v1/disputes/{slug}"]["patch"]
    conflict = operation["responses"]["409"]["content"]["application/json"]
    assert conflict["schema"] == {"$ref": "#/components/schemas/Conflict"}
    documented = set(schema["components"]["schemas"]["Error"]["properties"])
    for part in schema["components"]["schemas"]["Conflict"]["allOf"]:
        documented |= set(part.get("properties", {}))
    assert set(body) <= documented


def test_delete_of_a_record_others_depend_on_is_409(reviewer_client):
    """Deleting a court that disputes use is refused, and nothing is lost."""
    from tests.api.conftest import client_for

    admin = client_for("admin")
    dispute = f.DisputeFactory()
    response = admin.delete(reverse("api:court-detail", args=[dispute.court.slug]))
    _error(response, 409)


def test_deeply_nested_json_is_400_about_the_body(editor_client):
    """GIVEN a body nested deeper than Python's JSON decoder recurses
    WHEN an editor sends it
    THEN it is a 400 about the body, not a 500 (RecursionError)."""
    body = "[" * 100_000 + "]" * 100_000
    response = editor_client.post(
        reverse("api:party-list"), data=body, content_type="application/json"
    )
    assert "body" in _error(response, 400)["errors"]


@pytest.mark.parametrize(
    "body",
    [{"comment": 5}, {"comment": True}, {"version": "1"}, {"version": 1.5}],
)
def test_workflow_body_of_the_wrong_json_type_is_400(editor_client, body):
    """A workflow step's body is as strict as a record's: `5` is not a comment and
    `"1"` not a version; the step is refused naming the field and nothing moves."""
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    response = editor_client.post(
        reverse("api:party-submit", args=[party.slug]), body, format="json"
    )
    assert set(body) <= set(_error(response, 400)["errors"])
    party.refresh_from_db()
    assert party.publication_status == PublicationStatus.DRAFT


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "admin"])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "api:search"),
        ("patch", "api:ping"),
        ("post", "api:root"),
        ("delete", "api:dispute-list"),
        ("put", "api:jurisdiction-list"),
    ],
)
def test_a_method_the_endpoint_lacks_is_405_whoever_asks(role, method, url):
    """A method no one may use on an endpoint is 405 (with Allow), for anyone:
    not 401 to the anonymous and 403 to a reader, who could never succeed."""
    response = getattr(client_for(role), method)(reverse(url), {}, format="json")
    _error(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    ("links", "missing"),
    [
        ({"parties": [{"role": "claimant"}]}, "parties.0.party"),
        ({"ai_systems": [{"note": "x"}]}, "ai_systems.0.system"),
        ({"ai_systems": [{"system": "any"}]}, "ai_systems.0.role"),
        ({"precedents": [{"note": "x"}]}, "precedents.0.precedent"),
    ],
)
def test_a_link_missing_a_required_field_in_a_patch_is_400(
    editor_client, links, missing
):
    """A dispute's list of links replaces the stored one whole, so each link needs
    its record (and role) in a PATCH too: DRF's partial update skipped them, and the
    duplicate check then failed with a KeyError (a 500)."""
    dispute = f.DisputeFactory(publication_status=PublicationStatus.DRAFT)
    response = editor_client.patch(
        reverse("api:dispute-detail", args=[dispute.slug]), links, format="json"
    )
    assert missing in _error(response, 400)["errors"]


@pytest.mark.parametrize(
    ("url", "offered"),
    [
        ("/api/v1/schema?format=xml", "json, yaml"),
        ("/api/v1/disputes?format=yaml", "json"),
        ("/api/v1/ping?format=csv", "json"),
        ("/api/v1/docs?format=json", "html"),
        ("/api/v1/redoc?format=json", "html"),
    ],
)
def test_unknown_format_is_400_naming_format(anon, url, offered):
    """An unknown ?format= is a bad parameter value: a 400 (documented on every
    operation, where a 404 was not: the fuzzer found it on the lists) in the one
    JSON shape, the schema's included (it answered in YAML), and says which formats
    there are."""
    response = anon.get(url)
    assert response["Content-Type"].startswith("application/json")
    body = _error(response, 400)
    assert body["message"].startswith("format:") and offered in body["message"]


@pytest.mark.parametrize("url", ["/api/v1/docs", "/api/v1/redoc"])
def test_documentation_pages_asked_for_json_only_answer_406_in_the_shape(anon, url):
    """The pages are HTML; a client that takes JSON only is told so in the one
    shape (it was Django's plain-text page), and a browser still gets the page."""
    response = anon.get(url, HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    assert _error(response, 406)["code"] == "not_acceptable"
    page = anon.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")


def test_schema_formats_still_served(anon):
    assert anon.get("/api/v1/schema").content.startswith(b"openapi: 3")
    assert anon.get("/api/v1/schema?format=json").json()["openapi"].startswith("3")
