"""Revisions as snapshots: read one, compare two field by field, write one back.

A snapshot maps each row of a record's revision (the record and the rows it owns,
see `registry.FOLLOW`) to its serialized fields. Snapshots of stored revisions and of
the record as it is now have the same shape, so "what changed since revision 12" and
"what differs between revisions 3 and 9" are the same comparison.
"""

import json
from dataclasses import dataclass, field
from pathlib import PurePath

import reversion
from django.apps import apps
from django.core import serializers
from django.db import models
from reversion.models import Revision, Version

from casebase.core.locking import VersionedModel
from casebase.editorial.registry import NOT_COMPARED, NOT_RESTORED, owned_rows

Key = tuple[str, str]  # (model label, primary key as text)


@dataclass(frozen=True)
class Row:
    label: str
    pk: str
    repr: str
    fields: dict

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


Snapshot = dict[Key, Row]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class RowChange:
    kind: str  # "added", "removed" or "changed"
    model_name: str
    repr: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    fields: list[FieldChange]
    rows: list[RowChange]

    @property
    def empty(self) -> bool:
        return not self.fields and not self.rows


class RestoreError(Exception):
    """The revision cannot be written back (it refers to a record since deleted)."""


def _closure(label: str) -> dict[str, int]:
    """The model labels a revision of `label` holds, with their depth below it."""
    from casebase.editorial.registry import FOLLOW

    depths = {label: 0}
    frontier = [label]
    while frontier:
        current = frontier.pop()
        model = apps.get_model(current)
        for accessor in FOLLOW.get(current, ()):
            child = model._meta.get_field(accessor).related_model._meta.label_lower
            if child not in depths:
                depths[child] = depths[current] + 1
                frontier.append(child)
    return depths


def root_key(obj: models.Model) -> Key:
    return (obj._meta.label_lower, str(obj.pk))


def revision_snapshot(revision: Revision, root: models.Model) -> Snapshot:
    labels = _closure(root._meta.label_lower)
    snapshot: Snapshot = {}
    for version in revision.version_set.select_related("content_type"):
        label = f"{version.content_type.app_label}.{version.content_type.model}"
        if label not in labels:
            continue
        data = json.loads(version.serialized_data)[0]
        key = (label, str(version.object_id))
        snapshot[key] = Row(label, key[1], version.object_repr, data["fields"])
    return snapshot


def live_snapshot(obj: models.Model) -> Snapshot:
    rows = [obj, *owned_rows(obj)]
    snapshot: Snapshot = {}
    for instance, data in zip(
        rows, json.loads(serializers.serialize("json", rows)), strict=True
    ):
        key = root_key(instance)
        snapshot[key] = Row(key[0], key[1], str(instance), data["fields"])
    return snapshot


def versions_of(obj: models.Model):
    """The stored revisions of `obj`, newest first, with their authors."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def ensure_baseline(obj: models.Model) -> None:
    """Store the record as it is now as its first revision, if it has none.

    Records loaded by `load_reference` have no revision. Keeping their stored state
    before the first edit lets that edit be compared, undone, and a conflict with it
    be described. Call it outside any other revision block.
    """
    if obj.pk is None or Version.objects.get_for_object(obj).exists():
        return
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    if stored is None:
        return
    with reversion.create_revision():
        reversion.set_comment("As stored before its first recorded revision.")
        reversion.add_to_revision(stored)


def stored_version_number(version: Version) -> int | None:
    """The lock's version number the record had in that revision, if it has one."""
    value = json.loads(version.serialized_data)[0]["fields"].get("version")
    return int(value) if value is not None else None


# ---------------------------------------------------------------- comparing


class _Display:
    """Field values as an editor reads them: names, not ids; labels, not codes."""

    def __init__(self) -> None:
        self._names: dict[tuple[type, str], str] = {}

    def _name(self, model: type[models.Model], pk) -> str:
        key = (model, str(pk))
        if key not in self._names:
            target = model._default_manager.filter(pk=pk).first()
            self._names[key] = (
                str(target) if target else f"{model._meta.verbose_name} #{pk} (deleted)"
            )
        return self._names[key]

    def __call__(self, model_field: models.Field, value) -> str:
        if value in (None, "", [], {}):
            return "—"
        if model_field.many_to_many:
            names = [self._name(model_field.related_model, pk) for pk in value]
            return "; ".join(sorted(names))
        if model_field.is_relation:
            return self._name(model_field.related_model, value)
        if model_field.flatchoices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(model_field, models.FileField):
            return PurePath(str(value)).name
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return str(value)


def _is_lock(model: type[models.Model], name: str) -> bool:
    """The lock's `version` (an AI system's `version` is a fact, and is kept)."""
    return name == "version" and issubclass(model, VersionedModel)


def _field_changes(
    model: type[models.Model], before: dict, after: dict, display: _Display
) -> list[FieldChange]:
    changes = []
    for model_field in model._meta.get_fields():
        name = model_field.name
        if (
            name in NOT_COMPARED
            or _is_lock(model, name)
            or not (model_field.concrete or model_field.many_to_many)
        ):
            continue
        if name not in before and name not in after:
            continue
        old, new = before.get(name), after.get(name)
        if model_field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old == new:
            continue
        changes.append(
            FieldChange(
                name=name,
                label=str(model_field.verbose_name).capitalize(),
                before=display(model_field, old),
                after=display(model_field, new),
            )
        )
    return changes


def compare(before: Snapshot, after: Snapshot, root: Key) -> Comparison:
    display = _Display()
    root_model = apps.get_model(root[0])
    fields = (
        _field_changes(root_model, before[root].fields, after[root].fields, display)
        if root in before and root in after
        else []
    )
    rows: list[RowChange] = []
    for key in sorted((set(before) | set(after)) - {root}):
        old, new = before.get(key), after.get(key)
        row = new or old
        name = str(row.model._meta.verbose_name)
        if old is None:
            # What a reviewer must read of a new row: its values.
            added = _field_changes(row.model, {}, new.fields, display)
            shown = [c for c in added if c.after != "—"]
            rows.append(RowChange("added", name, new.repr, shown))
        elif new is None:
            rows.append(RowChange("removed", name, old.repr))
        else:
            changed = _field_changes(row.model, old.fields, new.fields, display)
            if changed:
                rows.append(RowChange("changed", name, new.repr, changed))
    return Comparison(fields=fields, rows=rows)


# ---------------------------------------------------------------- restoring


def _assign(instance: models.Model, row: Row) -> None:
    for model_field in instance._meta.concrete_fields:
        name = model_field.name
        if (
            model_field.primary_key
            or name in NOT_RESTORED
            or _is_lock(type(instance), name)
            or name not in row.fields
        ):
            continue
        value = row.fields[name]
        if model_field.is_relation:
            target = model_field.related_model
            if (
                value is not None
                and not target._default_manager.filter(pk=value).exists()
            ):
                raise RestoreError(
                    f"{row.repr} refers to {target._meta.verbose_name} #{value}, which "
                    "has since been deleted; that revision cannot be restored."
                )
            setattr(instance, model_field.attname, value)
        else:
            setattr(instance, model_field.attname, model_field.to_python(value))


def _remapped(row: Row, remap: dict[Key, object]) -> Row:
    """`row` with its links to rows created in this write pointed at their new ids."""
    if not remap:
        return row
    fields = dict(row.fields)
    for model_field in row.model._meta.concrete_fields:
        if not model_field.is_relation or model_field.name not in fields:
            continue
        target = (
            model_field.related_model._meta.label_lower,
            str(fields[model_field.name]),
        )
        if target in remap:
            fields[model_field.name] = remap[target]
    return Row(row.label, row.pk, row.repr, fields)


def write_back(
    root: models.Model,
    snapshot: Snapshot,
    fresh: frozenset[Key] | set[Key] = frozenset(),
    created: list[models.Model] | None = None,
) -> list[str]:
    """Make `root` and its rows what `snapshot` says. `root` must carry the version
    the caller expects (the save is refused if it is stale). Rows added since are
    deleted; rows deleted since come back as drafts; statuses are left alone.
    Rows whose keys are in `fresh` are inserted under new ids (their snapshot ids
    were provisional) and appended to `created`.
    Returns notes on links that could not be restored."""
    depths = _closure(root._meta.label_lower)
    live = {root_key(row): row for row in owned_rows(root)}
    for key, instance in reversed(list(live.items())):
        if key not in snapshot:
            instance.delete()
    ordered = sorted(snapshot.values(), key=lambda r: (depths[r.label], r.label, r.pk))
    written: list[tuple[models.Model, Row]] = []
    remap: dict[Key, object] = {}
    for row in ordered:
        key = (row.label, row.pk)
        if key == root_key(root):
            instance = root
        elif key in fresh:
            instance = row.model()
        else:
            instance = live.get(key) or row.model(pk=row.pk)
        _assign(instance, _remapped(row, remap))
        instance.save()
        if key in fresh:
            remap[key] = instance.pk
            if created is not None:
                created.append(instance)
        written.append((instance, row))
    notes = []
    for instance, row in written:
        for m2m in instance._meta.many_to_many:
            if (
                m2m.name not in row.fields
                or not m2m.remote_field.through._meta.auto_created
            ):
                continue
            wanted = set(row.fields[m2m.name])
            existing = set(
                m2m.related_model._default_manager.filter(pk__in=wanted).values_list(
                    "pk", flat=True
                )
            )
            if wanted - existing:
                notes.append(
                    f"{row.repr}: {len(wanted - existing)} linked "
                    f"{m2m.related_model._meta.verbose_name_plural} no longer exist."
                )
            getattr(instance, m2m.name).set(existing)
    return notes
