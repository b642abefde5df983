"""A body that is valid JSON but not an object is a mistake about the body as a
whole: the error names `body` (the one error shape's key for it), not
`non_field_errors` (rules that span fields)."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", [b"[1, 2]", b"null", b'"hi"', b"5"])
def test_a_record_body_that_is_not_an_object_is_400_naming_body(editor_client, body):
    response = editor_client.post(
        reverse("api:party-list"), data=body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["body"]


@pytest.mark.parametrize("body", [b"[]", b"null"])
def test_a_workflow_body_that_is_not_an_object_is_400_naming_body(editor_client, body):
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    response = editor_client.post(
        reverse("api:party-submit", args=[party.slug]),
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["body"]
    party.refresh_from_db()
    assert party.publication_status == PublicationStatus.DRAFT


def test_a_workflow_step_without_a_body_still_works(editor_client):
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    response = editor_client.post(reverse("api:party-submit", args=[party.slug]))
    assert response.status_code == 200, response.content
