"""Every error in one JSON shape naming the field, and never a 500."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from tests import factories as f

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
    assert _error(response, 409)["code"] == "stale"
    dispute.refresh_from_db()
    assert dispute.title == "First"


def test_delete_of_a_record_others_depend_on_is_409(reviewer_client):
    """Deleting a court that disputes use is refused, and nothing is lost."""
    from tests.api.conftest import client_for

    admin = client_for("admin")
    dispute = f.DisputeFactory()
    response = admin.delete(reverse("api:court-detail", args=[dispute.court.slug]))
    _error(response, 409)
