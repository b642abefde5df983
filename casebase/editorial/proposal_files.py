"""Files uploaded in a proposed change (`proposals`) that will never go live.

An upload in a proposal is stored when the editor saves, before any reviewer sees
it. When the change is rejected, cancelled, or replaced by a new proposal that no
longer holds the file, the file is deleted once nothing refers to it: no stored
row, no revision, no other pending or approved proposal of the same record.
"""

from django.apps import apps
from django.db import models, transaction
from reversion.models import Version

from casebase.editorial.models import ChangeStatus, ProposedChange


def _files(rows: list[dict]) -> set[tuple[str, str, str]]:
    """(model label, field name, stored name) of every file the rows refer to."""
    found = set()
    for row in rows:
        try:
            model = apps.get_model(row["label"])
        except LookupError:
            continue
        for field in model._meta.concrete_fields:
            name = row["fields"].get(field.name)
            if isinstance(field, models.FileField) and name:
                found.add((row["label"], field.name, name))
    return found


def _still_used(change: ProposedChange, label: str, field: str, name: str) -> bool:
    """Whether a stored row, a revision or another live proposal refers to `name`."""
    model = apps.get_model(label)
    if model._default_manager.filter(**{field: name}).exists():
        return True
    if Version.objects.filter(serialized_data__contains=name).exists():
        return True
    others = ProposedChange.objects.filter(
        content_type_id=change.content_type_id,
        object_id=change.object_id,
        status__in=[ChangeStatus.PENDING, ChangeStatus.APPROVED],
    ).exclude(pk=change.pk)
    return any(name == n for other in others for *_, n in _files(other.proposed))


def discard_files(change: ProposedChange) -> list[str]:
    """Delete the files uploaded for a change that will never go live (rejected,
    cancelled or superseded without being carried over), once nothing refers to
    them. Returns the names deleted."""
    deleted = []
    for label, field, name in sorted(_files(change.proposed) - _files(change.base)):
        if _still_used(change, label, field, name):
            continue
        storage = apps.get_model(label)._meta.get_field(field).storage
        if storage.exists(name):
            storage.delete(name)
            deleted.append(name)
    return deleted


def discard_files_on_commit(pk: int) -> None:
    def run() -> None:
        change = ProposedChange.objects.filter(pk=pk).first()
        if change is not None and change.status not in (
            ChangeStatus.PENDING,
            ChangeStatus.APPROVED,
        ):
            discard_files(change)

    transaction.on_commit(run)
