"""Revisions: one per save with its rows, compared field by field, restored."""

import pytest
from django.urls import reverse
from reversion.models import Version

from casebase.core.models import PublicationStatus as S
from casebase.editorial import history, services
from casebase.editorial.models import AuditEntry, WorkflowAction
from tests import factories as f
from tests.admin_helpers import add_inline_row, changeform_data
from tests.editorial.users import user_with_role

pytestmark = pytest.mark.django_db


def _change_url(dispute) -> str:
    return reverse("admin:cases_dispute_change", args=[dispute.pk])


def _admin_save(client, dispute, comment="", **changes):
    data = changeform_data(client.get(_change_url(dispute)))
    data.update(changes, change_comment=comment)
    response = client.post(_change_url(dispute), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return data


def test_an_admin_save_is_one_revision_with_author_comment_and_rows(client):
    """Saving the dispute page stores a revision holding the dispute and its claims,
    by the editor, with their comment."""
    editor = user_with_role("editor", "erin")
    dispute = f.DisputeFactory(publication_status=S.DRAFT)
    claim = f.ClaimFactory(dispute=dispute)
    client.force_login(editor)
    _admin_save(client, dispute, comment="Fixed the caption.", title="New caption")
    latest = history.versions_of(dispute).first()
    assert latest.revision.user == editor
    assert latest.revision.get_comment() == "Fixed the caption."
    held = {
        (v.content_type.model, v.object_id) for v in latest.revision.version_set.all()
    }
    assert ("claim", str(claim.pk)) in held


def test_an_inline_only_change_is_a_revision_too(client):
    """Adding a claim on the dispute page, with no other change, is a revision."""
    dispute = f.DisputeFactory(publication_status=S.DRAFT)
    client.force_login(user_with_role("editor"))
    data = changeform_data(client.get(_change_url(dispute)))
    add_inline_row(
        data,
        "claims",
        {
            "theory": f.LegalTheoryFactory().pk,
            "nature": "claim",
            "description": "Added alone",
            "result": "asserted",
            "position": "0",
        },
    )
    assert client.post(_change_url(dispute), data).status_code == 302
    latest = history.versions_of(dispute).first()
    models = {v.content_type.model for v in latest.revision.version_set.all()}
    assert "claim" in models


def test_compare_lists_changed_fields_and_rows(client):
    """Comparing two revisions shows the old and new value of each changed field,
    and the rows added between them."""
    dispute = f.DisputeFactory(title="Before", publication_status=S.DRAFT)
    client.force_login(user_with_role("editor"))
    _admin_save(client, dispute, title="After")
    f.ClaimFactory(dispute=dispute, description="A new claim")
    dispute.refresh_from_db()
    services.save_record(
        obj=dispute, user=user_with_role("reviewer"), expected_version=dispute.version
    )
    newest, middle, oldest = list(history.versions_of(dispute))[:3]
    response = client.get(
        reverse("editorial:compare", args=["dispute", dispute.pk]),
        {"a": oldest.pk, "b": newest.pk},
    )
    comparison = response.context["comparison"]
    title = next(c for c in comparison.fields if c.name == "title")
    assert (title.before, title.after) == ("Before", "After")
    assert [(r.kind, r.model_name) for r in comparison.rows] == [("added", "claim")]


def test_compare_with_an_unknown_revision_is_a_400(client):
    """A revision id that is not this record's is a form error, not a crash."""
    dispute = f.DisputeFactory()
    client.force_login(user_with_role("editor"))
    response = client.get(
        reverse("editorial:compare", args=["dispute", dispute.pk]), {"a": "999999"}
    )
    assert response.status_code == 400
    assert "There is no such revision" in response.content.decode()


def test_restore_brings_back_fields_and_rows_as_a_new_revision(client):
    """GIVEN a dispute whose title changed and claim was deleted WHEN its first
    revision is restored THEN both come back, the status stays, and the restore is
    itself the newest revision and an audit entry."""
    editor = user_with_role("reviewer")
    dispute = f.DisputeFactory(title="Original", publication_status=S.PUBLISHED)
    claim = f.ClaimFactory(dispute=dispute, description="Kept claim")
    client.force_login(editor)
    _admin_save(client, dispute, title="Vandalised")
    claim.delete()
    first = list(history.versions_of(dispute))[-1]
    dispute.refresh_from_db()
    before = Version.objects.get_for_object(dispute).count()
    response = client.post(
        reverse("editorial:restore", args=["dispute", dispute.pk, first.pk]),
        {"expected_version": dispute.version, "comment": "Undo."},
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.title == "Original"
    assert dispute.publication_status == S.PUBLISHED
    restored = dispute.claims.get()
    assert restored.description == "Kept claim"
    assert restored.publication_status == S.DRAFT
    assert Version.objects.get_for_object(dispute).count() == before + 1
    assert AuditEntry.objects.filter(action=WorkflowAction.RESTORE).count() == 1


def test_restore_from_a_stale_page_is_refused(client):
    """A restore confirmed on a page shown before another save is answered 409."""
    dispute = f.DisputeFactory(title="Original", publication_status=S.DRAFT)
    client.force_login(user_with_role("editor"))
    _admin_save(client, dispute, title="Second")
    first = list(history.versions_of(dispute))[-1]
    dispute.refresh_from_db()
    shown_version = dispute.version
    dispute.title = "Third"
    dispute.save()
    response = client.post(
        reverse("editorial:restore", args=["dispute", dispute.pk, first.pk]),
        {"expected_version": shown_version},
    )
    assert response.status_code == 409
    dispute.refresh_from_db()
    assert dispute.title == "Third"


def test_reader_cannot_restore(client):
    """A restore needs the change permission: a reader gets 403."""
    dispute = f.DisputeFactory()
    history.ensure_baseline(dispute)
    version = history.versions_of(dispute).first()
    client.force_login(user_with_role(None))
    response = client.post(
        reverse("editorial:restore", args=["dispute", dispute.pk, version.pk]),
        {"expected_version": dispute.version},
    )
    assert response.status_code == 403
