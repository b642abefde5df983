"""The editorial workflow: the only code that changes a record's publication status.

    draft --submit--> in review --publish--> published --withdraw--> withdrawn
      ^                   |                                              |
      +--return_to_draft--+-----------------return_to_draft--------------+

Each step checks the user's role, checks and changes the status in one transaction
(the row is locked, so two reviewers cannot both act on one record), writes an
audit-log entry (who, when, from, to, comment) and a revision. Publishing is refused,
with the reasons, while `checks.publication_problems()` finds any; it also publishes
the dispute's own claims, evidence and events that are drafts or in review (they were
reviewed with it), so the public page shows what the reviewer previewed.

`save_record()` and `restore_revision()` are the versioned writes that pages and the
API use: both are refused with `StaleVersionError` when the record changed since the
editor read it. Neither lets an editor change a published record directly: that
change goes to a reviewer as a proposal (`editorial.proposals`), and these refuse
with `ReviewRequired` when called outside one.
"""

from contextvars import ContextVar
from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from reversion.models import Version

from casebase.cases.models import Dispute
from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.core.models import PublicationStatus
from casebase.editorial import history
from casebase.editorial.checks import Problem, publication_problems
from casebase.editorial.models import AuditEntry, WorkflowAction
from casebase.editorial.roles import REVIEW_PERMISSION
from casebase.law.models import Precedent

S = PublicationStatus


@dataclass(frozen=True)
class Transition:
    action: WorkflowAction
    sources: frozenset[str]
    target: str
    needs_review_role: bool
    verb: str  # "submitted for review", ...


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            WorkflowAction.SUBMIT,
            frozenset({S.DRAFT}),
            S.IN_REVIEW,
            False,
            "submitted for review",
        ),
        Transition(
            WorkflowAction.PUBLISH,
            frozenset({S.IN_REVIEW}),
            S.PUBLISHED,
            True,
            "published",
        ),
        Transition(
            WorkflowAction.WITHDRAW,
            frozenset({S.PUBLISHED}),
            S.WITHDRAWN,
            True,
            "withdrawn",
        ),
        Transition(
            WorkflowAction.RETURN_TO_DRAFT,
            frozenset({S.IN_REVIEW, S.WITHDRAWN}),
            S.DRAFT,
            False,
            "returned to draft",
        ),
    )
}


class ReviewRequired(PermissionDenied):
    """An editor's change to a published record must wait for a reviewer."""


# Set while `proposals` runs a write only to see what it would make (rolled back).
CAPTURING: ContextVar[bool] = ContextVar("editorial_capturing", default=False)


class TransitionError(Exception):
    """The record is not in a status the step starts from."""


class PublicationBlocked(TransitionError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            "It cannot be published yet: " + " ".join(p.message for p in problems)
        )


# ---------------------------------------------------------------- permissions


def _perm(obj_or_model, action: str) -> str:
    opts = obj_or_model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_edit(user, obj_or_model) -> bool:
    return bool(
        user and user.is_active and user.has_perm(_perm(obj_or_model, "change"))
    )


def can_review(user) -> bool:
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


def needs_review(user, obj) -> bool:
    """Whether `user`'s change to `obj` must wait for a reviewer: `obj` is published
    and `user` is not a reviewer (reviewers approve, so their saves go live)."""
    return bool(
        obj is not None
        and obj.pk is not None
        and getattr(obj, "publication_status", None) == S.PUBLISHED
        and not can_review(user)
    )


def refuse_live_edit(user, obj) -> None:
    if needs_review(user, obj) and not CAPTURING.get():
        raise ReviewRequired(
            f"This {obj._meta.verbose_name} is published: your change must be "
            "approved by a reviewer before the public sees it."
        )


def allowed(user, obj, action: str) -> bool:
    """Whether `user` may take step `action` on `obj` in its present status."""
    transition = TRANSITIONS[action]
    if obj.publication_status not in transition.sources:
        return False
    if transition.needs_review_role:
        return can_review(user) and can_edit(user, obj)
    return can_edit(user, obj)


def _require(user, obj, transition: Transition) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied(f"You may not change {obj._meta.verbose_name_plural}.")
    if transition.needs_review_role and not can_review(user):
        raise PermissionDenied(
            "Only a reviewer may approve, publish or withdraw: ask one to review it."
        )


# ---------------------------------------------------------------- the steps


def submit(*, obj, user, comment: str = "", expected_version: int | None = None):
    """Send a draft to the reviewers."""
    return _take(WorkflowAction.SUBMIT, obj, user, comment, expected_version)


def publish(*, obj, user, comment: str = "", expected_version: int | None = None):
    """Approve a record in review and make it public (reviewers only)."""
    return _take(WorkflowAction.PUBLISH, obj, user, comment, expected_version)


def withdraw(*, obj, user, comment: str = "", expected_version: int | None = None):
    """Take a published record off every public surface (reviewers only)."""
    return _take(WorkflowAction.WITHDRAW, obj, user, comment, expected_version)


def return_to_draft(
    *, obj, user, comment: str = "", expected_version: int | None = None
):
    """Send a record in review (or withdrawn) back to the editors as a draft."""
    return _take(WorkflowAction.RETURN_TO_DRAFT, obj, user, comment, expected_version)


STEPS = {
    WorkflowAction.SUBMIT: submit,
    WorkflowAction.PUBLISH: publish,
    WorkflowAction.WITHDRAW: withdraw,
    WorkflowAction.RETURN_TO_DRAFT: return_to_draft,
}


def _take(
    action: str, obj, user, comment: str, expected_version: int | None
) -> AuditEntry:
    transition = TRANSITIONS[action]
    _require(user, obj, transition)
    model = type(obj)
    history.ensure_baseline(obj)
    with reversion.create_revision():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        before = locked.publication_status
        if before not in transition.sources:
            raise TransitionError(
                f"It is {S(before).label.lower()}, so it cannot be {transition.verb}."
            )
        if (
            expected_version is not None
            and isinstance(locked, VersionedModel)
            and locked.version != expected_version
        ):
            raise StaleVersionError(locked, expected_version, locked.version)
        if action == WorkflowAction.PUBLISH:
            problems = publication_problems(locked)
            if problems:
                raise PublicationBlocked(problems)
        locked.publication_status = transition.target
        locked.save(update_fields=["publication_status", "updated_at"])
        parts = _publish_parts(locked) if action == WorkflowAction.PUBLISH else 0
        note = f" With it, {parts} of its parts were published." if parts else ""
        entry = _log(locked, user, action, before, transition.target, comment + note)
        reversion.set_user(user)
        reversion.set_comment(_revision_comment(entry))
    obj.publication_status = locked.publication_status
    if isinstance(obj, VersionedModel):
        obj.version = locked.version
    return entry


def parts_to_publish(obj: models.Model) -> list[models.Model]:
    """The rows reviewed with `obj` that publishing it publishes too."""
    parts: list[models.Model] = []
    if isinstance(obj, Dispute):
        parts += list(obj.claims.all()) + list(obj.events.all())
        for evidence in obj.evidence.all():
            parts.append(evidence)
            parts += list(evidence.comparisons.all())
    elif isinstance(obj, Precedent):
        parts += list(obj.authorities_cited.all())
    return [p for p in parts if p.publication_status in (S.DRAFT, S.IN_REVIEW)]


def _publish_parts(obj: models.Model) -> int:
    """Saved one by one so that post_save receivers (the search index) see each."""
    parts = parts_to_publish(obj)
    for part in parts:
        part.publication_status = S.PUBLISHED
        part.save(update_fields=["publication_status", "updated_at"])
    return len(parts)


def _log(obj, user, action: str, before: str, after: str, comment: str) -> AuditEntry:
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:500],
        action=action,
        from_status=before,
        to_status=after,
        user=user,
        username=user.get_username(),
        comment=comment.strip(),
    )


def _revision_comment(entry: AuditEntry) -> str:
    text = f"{entry.get_action_display()}."
    return f"{text} {entry.comment}" if entry.comment else text


# ---------------------------------------------------------------- versioned writes


def save_record(
    *,
    obj: models.Model,
    user,
    expected_version: int | None = None,
    changes: dict | None = None,
    comment: str = "",
) -> models.Model:
    """Apply `changes` to `obj` and save it as one revision.

    For a versioned record, `expected_version` is the version the editor read: the
    save is refused with StaleVersionError if another save came first. The status is
    the workflow's: a change to it here is refused, and a new record is a draft.
    """
    adding = obj._state.adding
    action = "add" if adding else "change"
    if not (user and user.is_active and user.has_perm(_perm(obj, action))):
        raise PermissionDenied(f"You may not {action} {obj._meta.verbose_name_plural}.")
    if not adding:
        refuse_live_edit(user, obj)
    changes = changes or {}
    if "publication_status" in changes or (
        "version" in changes and isinstance(obj, VersionedModel)
    ):
        raise ValidationError(
            {"publication_status": "Change the status with the workflow steps."}
        )
    history.ensure_baseline(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    if adding and "publication_status" not in changes:
        # A new record starts as a draft, whatever the caller built.
        obj.publication_status = S.DRAFT
    obj.full_clean()
    if isinstance(obj, VersionedModel) and expected_version is not None:
        obj.version = expected_version
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment.strip() or "Changed.")
        obj.save()
    return obj


def restore_revision(
    *,
    obj: models.Model,
    version: Version,
    user,
    expected_version: int | None = None,
    comment: str = "",
) -> list[str]:
    """Write an earlier revision of `obj` back, as a new revision.

    Its rows come back as they were (rows added since are removed; rows removed since
    return as drafts); the publication status is left as it is. Returns notes on
    links that could not be restored. Raises StaleVersionError if `obj` changed
    since `expected_version`, history.RestoreError if the revision refers to a
    record since deleted.
    """
    if not can_edit(user, obj):
        raise PermissionDenied(f"You may not change {obj._meta.verbose_name_plural}.")
    if version.content_type.model_class() is not type(obj) or version.object_id != str(
        obj.pk
    ):
        raise ValueError("That revision belongs to another record.")
    refuse_live_edit(user, obj)
    model = type(obj)
    revision = version.revision
    when = timezone.localtime(revision.date_created)
    author = revision.user.get_username() if revision.user else "unknown"
    text = f"Restored the revision of {when:%d %b %Y %H:%M} by {author}."
    history.ensure_baseline(obj)
    with reversion.create_revision():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        if isinstance(locked, VersionedModel) and expected_version is not None:
            locked.version = expected_version
        notes = history.write_back(locked, history.revision_snapshot(revision, locked))
        status = locked.publication_status
        entry = _log(
            locked,
            user,
            WorkflowAction.RESTORE,
            status,
            status,
            " ".join([text, comment.strip(), *notes]).strip(),
        )
        reversion.set_user(user)
        reversion.set_comment(entry.comment)
    if isinstance(obj, VersionedModel):
        obj.version = locked.version
    return notes
