"""An editor's change to a published record waits for a reviewer, on every path."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from reversion.models import Version

from casebase.cases.models import Dispute
from casebase.core.models import PublicationStatus as S
from casebase.editorial import proposals, services
from casebase.editorial.models import (
    AuditEntry,
    ChangeStatus,
    ProposedChange,
    WorkflowAction,
)
from tests import factories as f
from tests.admin_helpers import add_inline_row, changeform_data
from tests.editorial.users import user_with_role

pytestmark = pytest.mark.django_db


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _published_dispute(**kwargs):
    dispute = f.DisputeFactory(publication_status=S.PUBLISHED, **kwargs)
    f.ClaimFactory(dispute=dispute, description="Existing claim")
    return dispute


def _propose_in_admin(client, dispute, *, comment="", claim=None, **changes):
    data = changeform_data(client.get(_change_url(dispute)))
    data.update(changes, change_comment=comment)
    if claim:
        add_inline_row(
            data,
            "claims",
            {
                "theory": f.LegalTheoryFactory().pk,
                "nature": "claim",
                "description": claim,
                "result": "asserted",
                "position": "0",
            },
        )
    return client.post(_change_url(dispute), data)


def _reviewer_decides(client, change, decision, comment=""):
    from django.contrib.auth import get_user_model

    rita = get_user_model().objects.filter(username="rita").first()
    client.force_login(rita or user_with_role("reviewer", "rita"))
    return client.post(
        reverse("editorial:change", args=[change.pk]),
        {"decision": decision, "comment": comment},
    )


def test_an_editors_admin_save_of_a_published_dispute_waits_for_review(client):
    """GIVEN a published dispute WHEN an editor saves a new title and a new claim
    THEN nothing public changes, and a pending change holds both, audited."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("editor", "erin"))
    response = _propose_in_admin(
        client, dispute, comment="Better caption.", claim="Proposed claim", title="New"
    )
    change = ProposedChange.objects.get()
    assert response.status_code == 302
    assert response["Location"] == change.get_absolute_url()
    dispute.refresh_from_db()
    assert dispute.title == "Approved title"
    assert not dispute.claims.filter(description="Proposed claim").exists()
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "Approved title" in page
    diff = proposals.diff(change)
    assert [(c.name, c.before, c.after) for c in diff.fields] == [
        ("title", "Approved title", "New")
    ]
    assert [(r.kind, r.repr) for r in diff.rows if r.kind == "added"]
    assert change.status == ChangeStatus.PENDING and change.comment == "Better caption."
    assert AuditEntry.objects.filter(action=WorkflowAction.PROPOSE).count() == 1


def test_approval_applies_the_change_as_one_revision(client):
    """A reviewer's approval writes the title and the new claim (published with
    it) as one new revision by the proposer, with an audit entry."""
    dispute = _published_dispute(title="Approved title")
    editor = user_with_role("editor", "erin")
    client.force_login(editor)
    _propose_in_admin(client, dispute, claim="Proposed claim", title="New title")
    change = ProposedChange.objects.get()
    before = Version.objects.get_for_object(dispute).count()
    response = _reviewer_decides(client, change, "approve", "Checked.")
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.title == "New title"
    claim = dispute.claims.get(description="Proposed claim")
    assert claim.publication_status == S.PUBLISHED
    assert dispute.claims.filter(description="Existing claim").exists()
    assert Version.objects.get_for_object(dispute).count() == before + 1
    latest = Version.objects.get_for_object(dispute).first().revision
    assert latest.user == editor
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.decider_name == "rita"
    assert AuditEntry.objects.filter(action=WorkflowAction.APPROVE_CHANGE).exists()
    assert "New title" in client.get(dispute.get_absolute_url()).content.decode()


def test_rejection_needs_a_comment_and_leaves_the_record(client):
    """A rejection without a reason is refused; with one, the record is untouched
    and the editor's desk shows the reason."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("editor", "erin"))
    _propose_in_admin(client, dispute, title="Wrong title")
    change = ProposedChange.objects.get()
    assert _reviewer_decides(client, change, "reject").status_code == 400
    assert _reviewer_decides(client, change, "reject", "Not sourced.").status_code == (
        302
    )
    dispute.refresh_from_db()
    assert dispute.title == "Approved title"
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    client.force_login(change.proposed_by)
    assert "Not sourced." in client.get(reverse("editorial:desk")).content.decode()


def test_an_editor_cannot_approve(client):
    """Approving needs the reviewer's role: an editor is refused and nothing moves."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("editor", "erin"))
    _propose_in_admin(client, dispute, title="Self-approved")
    change = ProposedChange.objects.get()
    response = client.post(
        reverse("editorial:change", args=[change.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    dispute.refresh_from_db()
    assert dispute.title == "Approved title"


def test_approval_after_the_record_moved_on_is_refused(client):
    """GIVEN a pending change WHEN the record is changed by a reviewer meanwhile
    THEN approving the change is refused with a clear message, nothing overwritten."""
    dispute = _published_dispute(title="Approved title", summary="Old summary")
    client.force_login(user_with_role("editor", "erin"))
    _propose_in_admin(client, dispute, title="Editor title")
    change = ProposedChange.objects.get()
    client.force_login(user_with_role("reviewer", "rex"))
    data = changeform_data(client.get(_change_url(dispute)))
    data["summary"] = "Reviewer summary"
    assert client.post(_change_url(dispute), data).status_code == 302
    response = _reviewer_decides(client, change, "approve")
    assert response.status_code == 409
    assert "has changed since this change was proposed" in response.content.decode()
    dispute.refresh_from_db()
    assert (dispute.title, dispute.summary) == ("Approved title", "Reviewer summary")
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_the_proposer_finds_their_change_when_reopening_and_nothing_is_written(
    client,
):
    """Reopening the record shows the editor's pending values in the form; the
    page writes nothing; saving again builds on the pending change and replaces it."""
    dispute = _published_dispute(title="Approved title", summary="Old summary")
    client.force_login(user_with_role("editor", "erin"))
    _propose_in_admin(client, dispute, title="Pending title", claim="Pending claim")
    first = ProposedChange.objects.get()
    versions = Version.objects.count()
    response = client.get(_change_url(dispute))
    assert response.context["adminform"].form["title"].value() == "Pending title"
    assert "Pending claim" in response.content.decode()
    assert Version.objects.count() == versions
    assert Dispute.objects.get(pk=dispute.pk).title == "Approved title"
    data = changeform_data(response)
    data["summary"] = "New summary"
    assert client.post(_change_url(dispute), data).status_code == 302
    first.refresh_from_db()
    assert first.status == ChangeStatus.SUPERSEDED
    second = ProposedChange.objects.get(status=ChangeStatus.PENDING)
    names = {c.name for c in proposals.diff(second).fields}
    assert names == {"title", "summary"}
    assert any(r.repr == "Pending claim" for r in proposals.diff(second).rows) or any(
        "Pending claim" in str(r.repr) for r in proposals.diff(second).rows
    )


def test_a_reviewer_saves_a_published_record_directly(client):
    """Reviewers are the approvers: their save goes live with no proposal."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("reviewer"))
    data = changeform_data(client.get(_change_url(dispute)))
    data["title"] = "Reviewer title"
    assert client.post(_change_url(dispute), data).status_code == 302
    dispute.refresh_from_db()
    assert dispute.title == "Reviewer title"
    assert not ProposedChange.objects.exists()


def test_the_desk_lists_changes_waiting_for_review(client):
    """The desk's review queue lists the pending change with a link to its diff."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("editor", "erin"))
    _propose_in_admin(client, dispute, title="Queued title")
    change = ProposedChange.objects.get()
    client.force_login(user_with_role("reviewer", "rita"))
    desk = client.get(reverse("editorial:desk")).content.decode()
    assert "Changes to published records waiting for review" in desk
    assert change.get_absolute_url() in desk
    page = client.get(change.get_absolute_url()).content.decode()
    assert "Queued title" in page and "Approve and apply" in page


def test_an_editors_api_update_of_a_published_record_is_a_202(client):
    """Through the API an editor's PATCH of a published dispute answers 202 with the
    pending change; the API keeps serving the approved version."""
    dispute = _published_dispute(title="Approved title")
    api = APIClient()
    api.force_authenticate(user_with_role("editor", "erin"))
    url = reverse("api:dispute-detail", args=[dispute.slug])
    response = api.patch(
        url, {"title": "API title", "version": dispute.version}, format="json"
    )
    assert response.status_code == 202
    body = response.json()
    assert body["code"] == "pending_review"
    assert body["change"]["changes"][0]["after"] == "API title"
    assert APIClient().get(url).json()["title"] == "Approved title"
    stale = api.patch(url, {"title": "Again", "version": 99}, format="json")
    assert stale.status_code == 409


def test_a_reviewers_api_update_goes_live(client):
    """A reviewer's PATCH of a published record is applied at once (200)."""
    dispute = _published_dispute(title="Approved title")
    api = APIClient()
    api.force_authenticate(user_with_role("reviewer"))
    url = reverse("api:dispute-detail", args=[dispute.slug])
    response = api.patch(
        url, {"title": "Live title", "version": dispute.version}, format="json"
    )
    assert response.status_code == 200
    dispute.refresh_from_db()
    assert dispute.title == "Live title"


def test_an_editors_restore_of_a_published_record_waits_for_review(client):
    """Restoring an earlier revision of a published dispute is a proposal too."""
    dispute = _published_dispute(title="Approved title")
    client.force_login(user_with_role("reviewer"))
    data = changeform_data(client.get(_change_url(dispute)))
    data["title"] = "Second title"
    client.post(_change_url(dispute), data)
    first = list(Version.objects.get_for_object(dispute))[-1]
    dispute.refresh_from_db()
    client.force_login(user_with_role("editor", "erin"))
    response = client.post(
        reverse("editorial:restore", args=["dispute", dispute.pk, first.pk]),
        {"expected_version": dispute.version, "comment": "Undo."},
    )
    change = ProposedChange.objects.get()
    assert response["Location"] == change.get_absolute_url()
    dispute.refresh_from_db()
    assert dispute.title == "Second title"
    assert proposals.diff(change).fields[0].after == "Approved title"


def test_an_editor_cannot_delete_a_published_record(client):
    """Deleting a published claim would bypass review: the editor gets 403."""
    claim = f.ClaimFactory(publication_status=S.PUBLISHED)
    client.force_login(user_with_role("editor"))
    url = reverse("admin:cases_claim_delete", args=[claim.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert type(claim).objects.filter(pk=claim.pk).exists()


def test_an_ai_systems_own_version_is_proposed_and_applied():
    """An AI system's `version` is a fact, not a lock: a change to it is shown in
    the diff and written on approval."""
    system = f.AISystemFactory(publication_status=S.PUBLISHED, version="1.0")
    editor, reviewer = user_with_role("editor"), user_with_role("reviewer")
    change = proposals.propose(
        obj=system,
        user=editor,
        apply=lambda: services.save_record(
            obj=system, user=editor, changes={"version": "2.0"}
        ),
    )
    assert [(c.name, c.after) for c in proposals.diff(change).fields] == [
        ("version", "2.0")
    ]
    system.refresh_from_db()
    assert system.version == "1.0"
    proposals.approve(change=change, user=reviewer)
    system.refresh_from_db()
    assert system.version == "2.0"


def test_an_editor_cannot_bulk_delete_published_rows(client):
    """The list's "delete selected" is refused for published rows to an editor."""
    claim = f.ClaimFactory(publication_status=S.PUBLISHED)
    client.force_login(user_with_role("editor"))
    response = client.post(
        reverse("admin:cases_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [claim.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert type(claim).objects.filter(pk=claim.pk).exists()
