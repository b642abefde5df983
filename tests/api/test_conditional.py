"""Conditional GET on details: ETag and Last-Modified, 304 when unchanged."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_detail_sends_etag_and_last_modified(anon):
    """A record's detail carries both validators."""
    response = anon.get(
        reverse("api:precedent-detail", args=[f.PrecedentFactory().slug])
    )
    assert response["ETag"] and response["Last-Modified"]


def test_matching_etag_is_304(anon):
    """If-None-Match with the current ETag answers 304 with no body."""
    url = reverse("api:dispute-detail", args=[f.DisputeFactory().slug])
    etag = anon.get(url)["ETag"]
    response = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content


def test_etag_changes_when_an_embedded_row_changes(anon):
    """A changed claim changes its dispute's ETag, so no stale copy is kept."""
    claim = f.ClaimFactory()
    url = reverse("api:dispute-detail", args=[claim.dispute.slug])
    before = anon.get(url)["ETag"]
    claim.description = "Changed"
    claim.save()
    assert anon.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_if_modified_since_is_304(anon):
    """If-Modified-Since at the Last-Modified time answers 304."""
    url = reverse("api:party-detail", args=[f.PartyFactory().slug])
    modified = anon.get(url)["Last-Modified"]
    assert anon.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_update_with_current_etag_succeeds(editor_client):
    """If-Match with the ETag just read lets the update through (a draft: editors
    change drafts directly; published records go through review)."""
    party = f.PartyFactory(publication_status="draft")
    url = reverse("api:party-detail", args=[party.slug])
    etag = editor_client.get(url)["ETag"]
    response = editor_client.patch(
        url, {"name": "New"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200


def test_list_sends_an_etag_and_answers_304(anon):
    """A list page carries an ETag; sending it back answers 304 with no body."""
    f.DisputeFactory()
    url = reverse("api:dispute-list")
    etag = anon.get(url)["ETag"]
    assert etag
    response = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content


def test_list_etag_changes_when_an_embedded_row_changes(anon):
    """A changed party name (embedded in the dispute list) changes the list's ETag."""
    role = f.DisputePartyFactory()
    url = reverse("api:party-list")
    disputes = reverse("api:dispute-list")
    before = anon.get(disputes)["ETag"], anon.get(url)["ETag"]
    role.party.name = "Renamed Party (test data)"
    role.party.save()
    assert anon.get(disputes, HTTP_IF_NONE_MATCH=before[0]).status_code == 200
    assert anon.get(url, HTTP_IF_NONE_MATCH=before[1]).status_code == 200


def test_list_etag_differs_for_editors_who_see_drafts(anon, editor_client):
    """An editor's page (with drafts) never matches the public page's ETag."""
    f.DisputeFactory()
    f.DisputeFactory(publication_status="draft")
    url = reverse("api:dispute-list")
    public = anon.get(url)["ETag"]
    assert editor_client.get(url, HTTP_IF_NONE_MATCH=public).status_code == 200
