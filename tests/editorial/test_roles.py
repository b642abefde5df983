"""Roles: the groups, the command that makes users, and who may do what."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.editorial import services
from tests import factories as f
from tests.editorial.users import PASSWORD, publishable_dispute, user_with_role

pytestmark = pytest.mark.django_db


def test_migrations_create_the_three_groups():
    """The data migration leaves editor, reviewer and admin groups in the database."""
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "editor",
        "reviewer",
        "admin",
    }


def test_editor_may_change_disputes_but_not_review_or_delete_them():
    """An editor edits drafts; publishing and deleting disputes are not theirs."""
    editor = user_with_role("editor")
    assert editor.has_perm("cases.change_dispute")
    assert editor.has_perm("cases.delete_claim")
    assert not editor.has_perm("cases.delete_dispute")
    assert not editor.has_perm("editorial.review_records")


def test_editor_may_write_remedies_and_prompt_sets():
    """A dispute's remedies are rows of that dispute, and prompt sets are the
    workbench's editorial records: editors write both."""
    editor = user_with_role("editor")
    for perm in ("add_remedy", "change_remedy", "delete_remedy"):
        assert editor.has_perm(f"cases.{perm}")
    assert editor.has_perm("workbench.add_promptset")
    assert editor.has_perm("workbench.change_promptset")
    assert not editor.has_perm("workbench.delete_promptset")


def test_reviewer_may_review():
    """A reviewer holds the review permission on top of the editor's."""
    reviewer = user_with_role("reviewer")
    assert reviewer.has_perm("editorial.review_records")
    assert reviewer.has_perm("cases.change_dispute")


def test_admin_role_may_delete_and_manage_users():
    """The admin role deletes records and manages accounts."""
    admin = user_with_role("admin")
    assert admin.has_perm("cases.delete_dispute")
    assert admin.has_perm("auth.change_user")


def test_create_casebase_user_makes_a_staff_user_in_the_role(monkeypatch):
    """The command creates a staff user in exactly the named group."""
    monkeypatch.setenv("CASEBASE_USER_PASSWORD", PASSWORD)
    call_command("create_casebase_user", "alice", role="reviewer")
    user = get_user_model().objects.get(username="alice")
    assert user.is_staff and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]


def test_create_casebase_user_refuses_a_weak_password(monkeypatch):
    """The password validators apply: a short password is refused, no user made."""
    monkeypatch.setenv("CASEBASE_USER_PASSWORD", "short")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_casebase_user", "bob", role="editor")
    assert not get_user_model().objects.filter(username="bob").exists()


def test_create_casebase_user_changes_a_role_only_with_update(monkeypatch):
    """An existing user is changed only when asked, and loses the old role."""
    monkeypatch.setenv("CASEBASE_USER_PASSWORD", PASSWORD)
    call_command("create_casebase_user", "carol", role="editor")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_casebase_user", "carol", role="admin")
    call_command("create_casebase_user", "carol", role="admin", update=True)
    user = get_user_model().objects.get(username="carol")
    assert list(user.groups.values_list("name", flat=True)) == ["admin"]


def test_editor_cannot_publish():
    """The publish service refuses an editor, and the record stays in review."""
    dispute = publishable_dispute()
    with pytest.raises(PermissionDenied):
        services.publish(obj=dispute, user=user_with_role("editor"))
    dispute.refresh_from_db()
    assert dispute.publication_status == PublicationStatus.IN_REVIEW


def test_reader_cannot_submit():
    """A signed-in user with no role may not even submit."""
    dispute = f.DisputeFactory(publication_status=PublicationStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.submit(obj=dispute, user=user_with_role(None))


def test_editor_is_offered_no_publish_action(client):
    """The dispute list offers an editor submit, not publish or withdraw."""
    client.force_login(user_with_role("editor"))
    response = client.get(reverse("admin:cases_dispute_changelist"))
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "submit_selected" in choices
    assert "publish_selected" not in choices
    assert "withdraw_selected" not in choices


def test_editor_publish_action_post_is_refused(client):
    """A hand-made POST of the publish action by an editor changes nothing."""
    dispute = publishable_dispute()
    client.force_login(user_with_role("editor"))
    client.post(
        reverse("admin:cases_dispute_changelist"),
        {"action": "publish_selected", "_selected_action": [dispute.pk]},
    )
    dispute.refresh_from_db()
    assert dispute.publication_status == PublicationStatus.IN_REVIEW


def test_editor_publish_step_page_is_forbidden(client):
    """POSTing the publish step as an editor is answered 403."""
    dispute = publishable_dispute()
    client.force_login(user_with_role("editor"))
    response = client.post(
        reverse("editorial:step", args=["dispute", dispute.pk, "publish"]),
        {"expected_version": dispute.version},
    )
    assert response.status_code == 403


def test_reader_gets_403_on_editorial_pages(client):
    """A signed-in reader (not staff) is refused the desk and a record's steps."""
    dispute = f.DisputeFactory()
    client.force_login(user_with_role(None))
    for url in (
        reverse("editorial:desk"),
        reverse("editorial:step", args=["dispute", dispute.pk, "submit"]),
        reverse("editorial:revisions", args=["dispute", dispute.pk]),
    ):
        assert client.post(url).status_code == 403


def test_staff_without_a_role_gets_403_on_a_record(client):
    """Staff status alone is not a role: a record's pages need its permission."""
    dispute = f.DisputeFactory()
    client.force_login(
        get_user_model().objects.create_user(
            "staffer", password=PASSWORD, is_staff=True
        )
    )
    response = client.get(reverse("editorial:revisions", args=["dispute", dispute.pk]))
    assert response.status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    """The editorial desk sends an anonymous visitor to the sign-in page."""
    response = client.get(reverse("editorial:desk"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_reader_cannot_reach_the_admin(client):
    """The admin needs staff status: a reader is sent to sign in, not let in."""
    client.force_login(user_with_role(None))
    response = client.get(reverse("admin:cases_dispute_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_reader_post_to_the_admin_changes_nothing(client):
    """A reader's POST to a dispute's admin page stores nothing."""
    dispute = f.DisputeFactory(title="Unchanged")
    client.force_login(user_with_role(None))
    client.post(
        reverse("admin:cases_dispute_change", args=[dispute.pk]), {"title": "Hacked"}
    )
    dispute.refresh_from_db()
    assert dispute.title == "Unchanged"
