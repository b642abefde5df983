"""Reads for the editorial pages: my drafts, the review queue, the changes to
published records waiting for review, the audit trail."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from reversion.models import Version

from casebase.core.models import PublicationStatus
from casebase.editorial.models import AuditEntry, ChangeStatus, ProposedChange
from casebase.editorial.registry import WORKFLOW_MODELS

# The desk lists these; the others are reached from the record they belong to.
DESK_MODELS = (
    "dispute",
    "precedent",
    "provision",
    "statute",
    "court",
    "party",
    "aisystem",
    "source",
)
_LIMIT = 100


@dataclass(frozen=True)
class DeskRow:
    key: str
    obj: models.Model
    kind: str
    step: AuditEntry | None  # the latest workflow step, if any

    @property
    def admin_url(self) -> str:
        opts = self.obj._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.obj.pk]
        )


def _models(user):
    for key in DESK_MODELS:
        model = apps.get_model(WORKFLOW_MODELS[key])
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            yield key, model


def _rows(key, model, queryset) -> list[DeskRow]:
    objects = list(queryset.order_by("-updated_at")[:_LIMIT])
    content_type = ContentType.objects.get_for_model(model)
    latest: dict[int, AuditEntry] = {}
    for entry in AuditEntry.objects.filter(
        content_type=content_type, object_id__in=[o.pk for o in objects]
    ).order_by("at", "pk"):
        latest[entry.object_id] = entry
    kind = str(model._meta.verbose_name)
    return [DeskRow(key, o, kind, latest.get(o.pk)) for o in objects]


def my_drafts(*, user) -> list[DeskRow]:
    """Drafts that `user` has saved a revision of (created or edited)."""
    rows: list[DeskRow] = []
    for key, model in _models(user):
        mine = Version.objects.get_for_model(model).filter(revision__user=user)
        ids = {int(pk) for pk in mine.values_list("object_id", flat=True).distinct()}
        drafts = model._default_manager.filter(
            pk__in=ids, publication_status=PublicationStatus.DRAFT
        )
        rows += _rows(key, model, drafts)
    return rows


def waiting_for_review(*, user) -> list[DeskRow]:
    """Everything in review, oldest submission first."""
    rows: list[DeskRow] = []
    for key, model in _models(user):
        waiting = model._default_manager.filter(
            publication_status=PublicationStatus.IN_REVIEW
        )
        rows += _rows(key, model, waiting)
    return sorted(rows, key=lambda r: r.step.at if r.step else r.obj.updated_at)


def recent_steps(*, user, limit: int = 20) -> list[AuditEntry]:
    if not user.has_perm("editorial.view_auditentry"):
        return []
    return list(AuditEntry.objects.select_related("content_type")[:limit])


def audit_trail(*, obj: models.Model) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
    )


def _changes_visible_to(user):
    allowed = []
    for label in WORKFLOW_MODELS.values():
        app_label, model_name = label.split(".")
        if user.has_perm(f"{app_label}.view_{model_name}"):
            allowed.append(
                ContentType.objects.get_by_natural_key(app_label, model_name)
            )
    return ProposedChange.objects.filter(content_type__in=allowed).select_related(
        "content_type"
    )


def changes_waiting(*, user) -> list[ProposedChange]:
    """Changes to published records that wait for a reviewer, oldest first."""
    return list(_changes_visible_to(user).filter(status=ChangeStatus.PENDING)[:_LIMIT])


def my_changes(*, user, limit: int = 20) -> list[ProposedChange]:
    """`user`'s own proposed changes, newest first: pending ones and decisions."""
    return list(
        ProposedChange.objects.filter(proposed_by=user)
        .exclude(status=ChangeStatus.SUPERSEDED)
        .select_related("content_type")
        .order_by("-updated_at", "-pk")[:limit]
    )


def pending_changes(*, obj: models.Model, exclude_user=None) -> list[ProposedChange]:
    """Changes to `obj` waiting for review (by others than `exclude_user`)."""
    changes = ProposedChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        status=ChangeStatus.PENDING,
    )
    if exclude_user is not None:
        changes = changes.exclude(proposed_by=exclude_user)
    return list(changes)
