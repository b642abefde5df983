"""A treatment written through the API follows the editors' rule, as in the admin
(casebase.law.treatments): a reason and the pinpoint paragraph of the later judgment
are required on every write that adds or changes it, the pinpoint is stored in
canonical form and must be held in the judgment's imported text, and the writer is
recorded as who set it. The output shows the reason and pinpoint."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.law.models import (
    Authority,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "api:authority-list"
REASON = "Test data: a test reason."


def _detail(authority) -> str:
    return reverse("api:authority-detail", args=[authority.pk])


def _body(**values) -> dict:
    return {
        "citing": f.PrecedentFactory().slug,
        "cited": f.PrecedentFactory().slug,
        "treatment": "applied",
        "reason": REASON,
        "pinpoint": "[1]",
        **values,
    }


def _draft(**values) -> Authority:
    return f.AuthorityFactory(publication_status=PublicationStatus.DRAFT, **values)


def test_create_without_reason_or_pinpoint_is_400_naming_each(editor_client):
    body = _body()
    del body["reason"], body["pinpoint"]
    response = editor_client.post(reverse(LIST), body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors["reason"] == ["Say why the later judgment treats it so."]
    assert errors["pinpoint"] == [
        "Give the paragraph of the later judgment where the treatment is."
    ]
    blank = editor_client.post(
        reverse(LIST), _body(reason="  ", pinpoint=""), format="json"
    )
    assert blank.status_code == 400, blank.content
    assert set(blank.json()["errors"]) == {"reason", "pinpoint"}
    assert not Authority.objects.exists()


def test_a_reason_of_a_word_or_two_is_refused(editor_client):
    response = editor_client.post(reverse(LIST), _body(reason="Because"), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {
        "reason": ["Give the reason in a few words (at least 10 characters)."]
    }
    assert not Authority.objects.exists()


def test_create_stores_canonical_pinpoint_reason_and_the_writer(editor_client):
    response = editor_client.post(
        reverse(LIST),
        _body(reason="Test data:   a  test\nreason.", pinpoint="para 12"),
        format="json",
    )
    assert response.status_code == 201, response.content
    authority = Authority.objects.get(pk=response.json()["id"])
    assert authority.pinpoint == "[12]"
    assert authority.reason == REASON
    assert authority.created_by == editor_client.user
    data = response.json()
    assert (data["reason"], data["pinpoint"]) == (REASON, "[12]")
    assert list(data)[list(data).index("note") + 1 :][:2] == ["reason", "pinpoint"]
    # Who set it is recorded, never taken from the body.
    chosen = editor_client.post(
        reverse(LIST), _body(created_by=editor_client.user.pk), format="json"
    )
    assert chosen.status_code == 400, chosen.content
    assert list(chosen.json()["errors"]) == ["created_by"]


@pytest.mark.parametrize("pinpoint", ["[14]-[12]", "twelve", "12, 14"])
def test_a_malformed_or_downward_pinpoint_is_400(editor_client, pinpoint):
    response = editor_client.post(
        reverse(LIST), _body(pinpoint=pinpoint), format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["pinpoint"]
    assert not Authority.objects.exists()


def test_a_pinpoint_the_imported_judgment_lacks_is_400(editor_client):
    citing = f.PrecedentFactory()
    f.judgment_paragraphs(citing, 1, 2, 3)
    response = editor_client.post(
        reverse(LIST), _body(citing=citing.slug, pinpoint="[9]"), format="json"
    )
    assert response.status_code == 400, response.content
    assert "has no paragraph [9]" in str(response.json()["errors"]["pinpoint"])
    assert not Authority.objects.exists()
    held = editor_client.post(
        reverse(LIST), _body(citing=citing.slug, pinpoint="2-3"), format="json"
    )
    assert held.status_code == 201, held.content
    assert Authority.objects.get().pinpoint == "[2]-[3]"


def test_a_judgment_treating_itself_is_refused_on_the_field(editor_client):
    precedent = f.PrecedentFactory()
    response = editor_client.post(
        reverse(LIST),
        _body(citing=precedent.slug, cited=precedent.slug),
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {"cited": ["A judgment cannot cite itself."]}


def test_patching_the_note_of_a_stated_treatment_keeps_reason_and_pinpoint(
    editor_client,
):
    authority = _draft(reason=REASON, pinpoint="[4]")
    response = editor_client.patch(
        _detail(authority), {"note": "Test data: changed."}, format="json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["note"], data["reason"], data["pinpoint"]) == (
        "Test data: changed.",
        REASON,
        "[4]",
    )
    authority.refresh_from_db()
    assert authority.note == "Test data: changed."


def test_a_reference_row_changed_through_the_api_must_state_both(editor_client):
    """As the admin: an unchanged reference row without them passes; changing it at
    all (its note only) requires the reason and pinpoint, normalised as given."""
    authority = _draft(reason="", pinpoint="", note="Test data: recorded.")
    same = editor_client.patch(
        _detail(authority), {"note": "Test data: recorded."}, format="json"
    )
    assert same.status_code == 200, same.content
    assert (same.json()["reason"], same.json()["pinpoint"]) == ("", "")
    url = _detail(authority)
    changed = editor_client.patch(url, {"note": "Test data: new."}, format="json")
    assert changed.status_code == 400, changed.content
    assert set(changed.json()["errors"]) == {"reason", "pinpoint"}
    stated = editor_client.patch(
        url,
        {"note": "Test data: new.", "reason": REASON, "pinpoint": "paras 3 to 5"},
        format="json",
    )
    assert stated.status_code == 200, stated.content
    authority.refresh_from_db()
    assert (authority.note, authority.reason, authority.pinpoint) == (
        "Test data: new.",
        REASON,
        "[3]-[5]",
    )


def test_patching_a_pinpoint_checks_the_imported_text(editor_client):
    authority = _draft(reason=REASON, pinpoint="[1]")
    f.judgment_paragraphs(authority.citing, 1, 2)
    response = editor_client.patch(
        _detail(authority), {"pinpoint": "[7]"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["pinpoint"]
    authority.refresh_from_db()
    assert authority.pinpoint == "[1]"


def test_a_put_needs_reason_and_pinpoint(editor_client):
    authority = _draft(reason=REASON, pinpoint="[1]")
    body = {
        "citing": authority.citing.slug,
        "cited": authority.cited.slug,
        "treatment": "applied",
        "note": "Test data: replaced.",
    }
    response = editor_client.put(_detail(authority), body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {"reason", "pinpoint"}
    body.update(reason=REASON, pinpoint="[1]")
    response = editor_client.put(_detail(authority), body, format="json")
    assert response.status_code == 200, response.content


def test_reading_shows_reason_and_pinpoint(anon):
    authority = f.AuthorityFactory(reason=REASON, pinpoint="[12]-[14]")
    detail = anon.get(_detail(authority)).json()
    assert (detail["reason"], detail["pinpoint"]) == (REASON, "[12]-[14]")
    listed = anon.get(reverse(LIST)).json()["results"][0]
    assert (listed["reason"], listed["pinpoint"]) == (REASON, "[12]-[14]")
