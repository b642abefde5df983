"""Changes to published records wait for a reviewer: propose, approve, reject.

An editor's save of a published record does not go live. The save is run as it
would be (same forms, same services, same checks) inside a savepoint; what it made
(the record and the rows it owns, as a `history` snapshot) is kept in a
`ProposedChange`, and the savepoint is rolled back, so the public pages, search and
the API go on showing the approved version. A reviewer sees the change field by
field (`diff()`) and approves it, which writes it back as one new revision, with an
audit entry, re-indexed on commit, or rejects it with a comment.

Approval is refused when the record moved on after the change was made from it (its
lock version changed, or its stored rows no longer match the change's base): the
change would otherwise overwrite someone else's. Reviewers and admins save directly:
they are the approvers.

While an editor has a change pending, reopening the record shows it (`replay()`
writes it into a transaction that the caller rolls back), and a new save builds on
it and replaces it.
"""

from collections.abc import Callable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.core.models import PublicationStatus
from casebase.editorial import history, proposal_files, services
from casebase.editorial.history import Row, Snapshot
from casebase.editorial.models import ChangeStatus, ProposedChange, WorkflowAction

S = PublicationStatus


class ChangeRefused(Exception):
    """The change cannot be approved or withdrawn as it stands."""


class Captured(Exception):
    """Raised from inside a write to end it (and roll it back) once it is captured."""

    def __init__(self, snapshot: Snapshot, comment: str = ""):
        self.snapshot = snapshot
        self.comment = comment
        super().__init__("change captured for review")


# ---------------------------------------------------------------- snapshots


def dump(snapshot: Snapshot) -> list[dict]:
    return [
        {"label": r.label, "pk": r.pk, "repr": r.repr, "fields": r.fields}
        for r in snapshot.values()
    ]


def load(rows: list[dict]) -> Snapshot:
    return {
        (r["label"], r["pk"]): Row(r["label"], r["pk"], r["repr"], r["fields"])
        for r in rows
    }


def lock_version(obj: models.Model) -> int | None:
    """The optimistic lock's version, for records that have one."""
    return obj.version if isinstance(obj, VersionedModel) else None


def snapshot_now(obj: models.Model) -> Snapshot:
    """The stored record (read again) with its rows."""
    return history.live_snapshot(type(obj)._default_manager.get(pk=obj.pk))


def diff(change: ProposedChange) -> history.Comparison:
    """What the change does to the approved record it was made from."""
    content_type = change.content_type
    key = (f"{content_type.app_label}.{content_type.model}", str(change.object_id))
    return history.compare(load(change.base), load(change.proposed), key)


def drift(change: ProposedChange, obj: models.Model) -> history.Comparison:
    """What changed in the stored record since the change was made from it."""
    return history.compare(
        load(change.base), history.live_snapshot(obj), history.root_key(obj)
    )


def pending_change(*, obj: models.Model, user) -> ProposedChange | None:
    """`user`'s latest change to `obj` that waits for review."""
    if not user or not user.is_authenticated:
        return None
    return (
        ProposedChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            status=ChangeStatus.PENDING,
            proposed_by=user,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


# ---------------------------------------------------------------- proposing


def propose(
    *,
    obj: models.Model,
    user,
    apply: Callable[[], object],
    expected_version: int | None = None,
    comment: str = "",
) -> ProposedChange | None:
    """Run `apply()` (the write as if it went live) and keep it as a proposal.

    Errors `apply()` raises (validation, permission, a stale version) propagate and
    nothing is kept. Returns None when the write changes nothing.
    """
    if not services.can_edit(user, obj):
        raise PermissionDenied(f"You may not change {obj._meta.verbose_name_plural}.")
    current = type(obj)._default_manager.get(pk=obj.pk)
    stored_version = lock_version(current)
    if (
        isinstance(current, VersionedModel)
        and expected_version is not None
        and expected_version != stored_version
    ):
        raise StaleVersionError(current, expected_version, stored_version)
    base = history.live_snapshot(current)
    with transaction.atomic():
        token = services.CAPTURING.set(True)
        try:
            apply()
        finally:
            services.CAPTURING.reset(token)
        proposed = snapshot_now(obj)
        transaction.set_rollback(True)
    return record(
        obj=current,
        user=user,
        base=base,
        proposed=proposed,
        base_version=stored_version,
        comment=comment,
    )


def capture(obj: models.Model, comment: str = "") -> None:
    """Called inside a write being captured: end it here with what it made."""
    raise Captured(snapshot_now(obj), comment)


def record(
    *,
    obj: models.Model,
    user,
    base: Snapshot,
    proposed: Snapshot,
    base_version: int | None,
    comment: str = "",
    replaces: ProposedChange | None = None,
) -> ProposedChange | None:
    """Store a captured change (replacing `replaces`, which it builds on)."""
    root = history.root_key(obj)
    with transaction.atomic():
        if replaces is not None:
            ProposedChange.objects.filter(
                pk=replaces.pk, status=ChangeStatus.PENDING
            ).update(status=ChangeStatus.SUPERSEDED, updated_at=timezone.now())
            proposal_files.discard_files_on_commit(replaces.pk)
        if history.compare(base, proposed, root).empty:
            return None
        change = ProposedChange.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            object_repr=str(obj)[:500],
            proposed_by=user,
            proposer_name=user.get_username(),
            comment=comment.strip(),
            base_version=base_version,
            base=dump(base),
            proposed=dump(proposed),
            new_rows=[list(key) for key in proposed if key not in base],
        )
        status = obj.publication_status
        services._log(obj, user, WorkflowAction.PROPOSE, status, status, comment)
    return change


def replay(change: ProposedChange, obj: models.Model) -> bool:
    """Write `change` into the current transaction, which the caller must roll back,
    so that the editor's form shows it. False (nothing written) when the record
    moved on since the change was made from it."""
    model = type(obj)
    locked = model._default_manager.get(pk=obj.pk)
    if change.base_version is not None and lock_version(locked) != change.base_version:
        return False
    if not drift(change, locked).empty:
        return False
    token = services.CAPTURING.set(True)
    try:
        history.write_back(locked, load(change.proposed))
    finally:
        services.CAPTURING.reset(token)
    if isinstance(locked, VersionedModel):
        # The form must carry the approved version, which the change was made from.
        model._default_manager.filter(pk=obj.pk).update(version=change.base_version)
    return True


# ---------------------------------------------------------------- deciding


def _require_reviewer(user, obj) -> None:
    if not (services.can_review(user) and services.can_edit(user, obj)):
        raise PermissionDenied("Only a reviewer may approve or reject a change.")


def _lock_pending(change: ProposedChange) -> tuple[ProposedChange, models.Model]:
    locked = ProposedChange.objects.select_for_update().get(pk=change.pk)
    if locked.status != ChangeStatus.PENDING:
        raise ChangeRefused(
            f"This change is no longer waiting: {locked.get_status_display().lower()}."
        )
    model = locked.content_type.model_class()
    obj = model._default_manager.select_for_update().filter(pk=locked.object_id)
    if not obj.exists():
        raise ChangeRefused("The record has been deleted since.")
    return locked, obj.get()


def _moved_on(change: ProposedChange, obj: models.Model) -> str:
    who = ""
    versions = list(history.versions_of(obj)[:1])
    if versions and versions[0].revision.user:
        when = timezone.localtime(versions[0].revision.date_created)
        who = f" (last by {versions[0].revision.user.get_username()}, {when:%d %b %Y %H:%M})"
    return (
        f"The {obj._meta.verbose_name} has changed since this change was proposed"
        f"{who}; approving it now would overwrite that. Reject it and ask "
        f"{change.proposer_name} to make it again on the current version."
    )


def approve(*, change: ProposedChange, user, comment: str = "") -> ProposedChange:
    """Apply the change as one new revision (reviewers only)."""
    model = change.content_type.model_class()
    obj = model._default_manager.filter(pk=change.object_id).first()
    if obj is None:
        raise ChangeRefused("The record has been deleted since.")
    _require_reviewer(user, obj)
    history.ensure_baseline(obj)
    with transaction.atomic(), reversion.create_revision():
        change, locked = _lock_pending(change)
        if (
            isinstance(locked, VersionedModel)
            and change.base_version is not None
            and locked.version != change.base_version
        ) or not drift(change, locked).empty:
            raise ChangeRefused(_moved_on(change, locked))
        created: list[models.Model] = []
        fresh = {tuple(key) for key in change.new_rows}
        notes = history.write_back(locked, load(change.proposed), fresh, created)
        published = _publish_new_rows(locked, created)
        change.status = ChangeStatus.APPROVED
        change.decided_by, change.decider_name = user, user.get_username()
        change.decided_at, change.decision_comment = timezone.now(), comment.strip()
        change.save()
        status = locked.publication_status
        text = " ".join(
            [
                f"Change proposed by {change.proposer_name}"
                + (f" (“{change.comment}”)" if change.comment else "")
                + " approved.",
                comment.strip(),
                f"{published} new rows published with it." if published else "",
                *notes,
            ]
        ).strip()
        services._log(locked, user, WorkflowAction.APPROVE_CHANGE, status, status, text)
        reversion.set_user(change.proposed_by or user)
        reversion.set_comment(text)
    return change


def _publish_new_rows(root: models.Model, rows: list[models.Model]) -> int:
    """Rows the change adds were reviewed with it: they are public as the record is."""
    if root.publication_status != S.PUBLISHED:
        return 0
    count = 0
    for row in rows:
        if getattr(row, "publication_status", None) in (S.DRAFT, S.IN_REVIEW):
            row.publication_status = S.PUBLISHED
            row.save(update_fields=["publication_status", "updated_at"])
            count += 1
    return count


def reject(*, change: ProposedChange, user, comment: str) -> ProposedChange:
    """Refuse the change, saying why (reviewers only); the record is untouched."""
    if not comment.strip():
        raise ValidationError({"comment": "Say why, so that the editor can act on it."})
    model = change.content_type.model_class()
    obj = model._default_manager.filter(pk=change.object_id).first()
    if obj is not None:
        _require_reviewer(user, obj)
    elif not services.can_review(user):
        raise PermissionDenied("Only a reviewer may approve or reject a change.")
    with transaction.atomic():
        locked = ProposedChange.objects.select_for_update().get(pk=change.pk)
        if locked.status != ChangeStatus.PENDING:
            raise ChangeRefused(
                "This change is no longer waiting: "
                f"{locked.get_status_display().lower()}."
            )
        locked.status = ChangeStatus.REJECTED
        locked.decided_by, locked.decider_name = user, user.get_username()
        locked.decided_at, locked.decision_comment = timezone.now(), comment.strip()
        locked.save()
        proposal_files.discard_files_on_commit(locked.pk)
        if obj is not None:
            status = obj.publication_status
            services._log(
                obj,
                user,
                WorkflowAction.REJECT_CHANGE,
                status,
                status,
                f"Change proposed by {locked.proposer_name} rejected: "
                + comment.strip(),
            )
    return locked


def cancel(*, change: ProposedChange, user) -> ProposedChange:
    """The editor who proposed a change takes it back."""
    if change.proposed_by_id != getattr(user, "pk", None):
        raise PermissionDenied("Only the editor who proposed a change may cancel it.")
    updated = ProposedChange.objects.filter(
        pk=change.pk, status=ChangeStatus.PENDING
    ).update(status=ChangeStatus.CANCELLED, updated_at=timezone.now())
    if not updated:
        raise ChangeRefused("This change is no longer waiting for review.")
    proposal_files.discard_files_on_commit(change.pk)
    change.refresh_from_db()
    return change


def api_body(change: ProposedChange) -> dict:
    """The 202 answer to an API write that now waits for review."""
    comparison = diff(change)
    return {
        "status": 202,
        "code": "pending_review",
        "message": "The record is published: your change waits for a reviewer. "
        "The public keeps seeing the approved version until it is approved.",
        "change": {
            "id": change.pk,
            "url": change.get_absolute_url(),
            "record": change.object_repr,
            "proposed_by": change.proposer_name,
            "created_at": change.created_at.isoformat(),
            "base_version": change.base_version,
            "changes": [
                {
                    "field": c.name,
                    "label": c.label,
                    "before": c.before,
                    "after": c.after,
                }
                for c in comparison.fields
            ],
            "related_changes": [
                {"kind": r.kind, "model": r.model_name, "record": r.repr}
                for r in comparison.rows
            ],
        },
    }
