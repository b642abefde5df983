"""Idempotent writes: store a record only when a value really changed.

Running the reference loader twice must change nothing (not even `updated_at`), and
running it after a fact changed must update exactly that fact.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class SyncReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]


def upsert(
    report: SyncReport, model: type[M], lookup: dict[str, Any], values: dict[str, Any]
) -> M:
    """Get the row matching `lookup`; create it, or save it only if `values` differ."""
    name = model._meta.verbose_name_plural
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.created[name] += 1
        return obj
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.full_clean()
        obj.save()
        report.updated[name] += 1
    else:
        report.unchanged[name] += 1
    return obj


def sync_m2m(
    report: SyncReport, obj: models.Model, field_name: str, targets: list[models.Model]
) -> None:
    """Set a many-to-many field, touching the database only when the set differs."""
    manager = getattr(obj, field_name)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)
        report.updated[f"{obj._meta.verbose_name_plural} ({field_name})"] += 1
