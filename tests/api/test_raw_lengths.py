"""A text field's length limit is the one the schema states (`maxLength`), counted
on the text as sent: DRF trims surrounding whitespace before it counts, so "ß" and
a thousand vertical tabs passed as a comment of one character (the fuzzer's find)."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_workflow_comment_over_the_limit_is_400(editor_client):
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    response = editor_client.post(
        reverse("api:party-submit", args=[party.slug]),
        {"comment": "ß" + "\x0b" * 1000},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["comment"]
    party.refresh_from_db()
    assert party.publication_status == PublicationStatus.DRAFT


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Padded Ltd" + " " * 300), ("unverified_elements", ["x" + " " * 600])],
)
def test_a_record_field_over_the_limit_is_400(editor_client, field, value):
    body = {"slug": "padded", "name": "Padded Ltd", "kind": "organisation"}
    response = editor_client.post(
        reverse("api:party-list"), {**body, field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]


def test_text_within_the_limit_is_still_trimmed(editor_client):
    body = {"slug": "trimmed", "name": "  Trimmed Ltd  ", "kind": "organisation"}
    response = editor_client.post(reverse("api:party-list"), body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Trimmed Ltd"
