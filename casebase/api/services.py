"""Writes through the API: create, update and delete a record, validated in full.

Creates and updates go through the editorial service `save_record()`: it runs the
model's `full_clean()` (field rules, `clean()`, unique and check constraints), saves a
revision with the user, and refuses a save made from a stale `version`
(`StaleVersionError`, answered 409). Many-to-many links are set in the same
transaction, so a bad write stores nothing. Publication status is never written
here: a new record is a draft, and only the workflow steps change it.

An update that would change nothing (every field, many-to-many list and link as
stored) stores nothing: no save, no revision, no new version, no moved `updated_at`,
no cache invalidated. Its `version` is checked all the same: a stale one is refused
whether or not the write would change anything.
"""

from typing import Any

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from casebase.cases.models import (
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    PrecedentRelation,
)
from casebase.core.locking import StaleVersionError, VersionedModel
from casebase.editorial import history
from casebase.editorial import services as editorial


def _split(model: type[models.Model], values: dict[str, Any]):
    """(fields, plain many-to-many lists, links through a model of their own)."""
    many = {f.name: f for f in model._meta.many_to_many}
    scalar = {k: v for k, v in values.items() if k not in many}
    related = {
        k: v
        for k, v in values.items()
        if k in many and many[k].remote_field.through._meta.auto_created
    }
    through = {k: v for k, v in values.items() if k in many and k not in related}
    return scalar, related, through


@transaction.atomic
def record_create(*, model: type[models.Model], values: dict[str, Any], user):
    """A new record of `model` from validated `values` (many-to-many and a dispute's
    links included), stored as one revision."""
    scalar, related, through = _split(model, values)
    if any(field.name == "created_by" for field in model._meta.concrete_fields):
        # A record that keeps who set it (a treatment) records the writer, as the
        # admin does; never an input field.
        scalar["created_by"] = user
    with reversion.create_revision():
        instance = editorial.save_record(
            obj=model(**scalar), user=user, comment="Created."
        )
        _write_related(instance, related, through)
    return instance


@transaction.atomic
def record_update(
    *,
    instance: models.Model,
    values: dict[str, Any],
    user,
    expected_version: int | None = None,
):
    """`instance` with `values` applied; fields not in `values` are kept. The
    record, its many-to-many lists and its links change in one revision; when
    nothing would change, nothing is stored (see `unchanged()`)."""
    scalar, related, through = _split(type(instance), values)
    if unchanged(instance, scalar, related, through):
        _refuse_as_save_would(instance, user, expected_version)
        return instance
    history.ensure_baseline(instance)
    with reversion.create_revision():
        # Links go first: the record's save then follows its rows as they now are.
        _write_links(instance, through)
        instance = editorial.save_record(
            obj=instance,
            user=user,
            expected_version=expected_version,
            changes=scalar,
            comment="Changed through the API.",
        )
        _write_related(instance, related, {})
    return instance


def would_change(instance: models.Model, values: dict[str, Any]) -> bool:
    """Whether writing validated `values` to `instance` would store anything new
    (the test `record_update` makes: see `unchanged()`)."""
    return not unchanged(instance, *_split(type(instance), values))


def unchanged(instance, scalar: dict, related: dict, through: dict) -> bool:
    """Whether writing these values to `instance` would store nothing new: each
    field's value as stored (a related record by id, a date or JSON list by value,
    after the field's own conversion), each many-to-many list the same set of ids,
    and each of a dispute's links the same rows with the same values."""
    model = type(instance)
    if "publication_status" in scalar or (
        "version" in scalar and isinstance(instance, VersionedModel)
    ):
        return False  # refused by save_record, which says why
    for name, value in scalar.items():
        if not _same_value(instance, model._meta.get_field(name), value):
            return False
    if not related and not through:
        return True
    # Read again: the instance the view holds may carry lists filtered for display.
    stored = model._default_manager.get(pk=instance.pk)
    for name, objects in related.items():
        ids = set(getattr(stored, name).values_list("pk", flat=True))
        if ids != {getattr(o, "pk", o) for o in objects}:
            return False
    if through and not isinstance(stored, Dispute):
        return False
    for name, wanted in through.items():
        accessor, key, build = DISPUTE_LINKS[name]
        existing = {key(row): row for row in getattr(stored, accessor).all()}
        rows = [build(stored, link, i) for i, link in enumerate(wanted)]
        if len(rows) != len(existing) or {key(r) for r in rows} != set(existing):
            return False
        for row in rows:
            old = existing[key(row)]
            row.pk = old.pk
            if not _same(old, row):
                return False
    return True


def _same_value(instance, field, value) -> bool:
    stored = getattr(instance, field.attname)
    if field.is_relation:
        return stored == (value.pk if isinstance(value, models.Model) else value)
    if value is not None:
        try:
            value = field.to_python(value)
        except ValidationError:
            return False
    return stored == value


def _refuse_as_save_would(instance, user, expected_version: int | None) -> None:
    """The refusals `save_record` makes before it writes anything, for a write that
    changes nothing: no permission, an editor's live edit of a published record, or
    a stale version (one rule, whether or not the write changes anything)."""
    if not editorial.can_edit(user, instance):
        raise PermissionDenied(
            f"You may not change {instance._meta.verbose_name_plural}."
        )
    editorial.refuse_live_edit(user, instance)
    if isinstance(instance, VersionedModel) and expected_version is not None:
        current = (
            type(instance)
            ._default_manager.filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != expected_version:
            raise StaleVersionError(instance, expected_version, current)


def _write_related(instance, related: dict, through: dict) -> None:
    for name, objects in related.items():
        getattr(instance, name).set(objects)
    _write_links(instance, through)
    if related or through:
        # The record again, as it now is: its lists and the rows it owns.
        reversion.add_to_revision(instance)


def _party(dispute, link: dict, position: int) -> DisputeParty:
    return DisputeParty(
        dispute=dispute,
        party=link["party"],
        role=link["role"],
        names_as_pleaded=link.get("names_as_pleaded", []),
        position=position,
    )


def _system(dispute, link: dict, position: int) -> DisputeSystem:
    return DisputeSystem(
        dispute=dispute,
        system=link["system"],
        role=link["role"],
        note=link.get("note", ""),
    )


def _precedent(dispute, link: dict, position: int) -> DisputePrecedent:
    return DisputePrecedent(
        dispute=dispute,
        precedent=link["precedent"],
        relation=link.get("relation", PrecedentRelation.RELIES_ON),
        note=link.get("note", ""),
    )


# A dispute's links: input name -> (its rows, what identifies a row, build a row).
DISPUTE_LINKS = {
    "parties": ("party_roles", lambda row: row.party_id, _party),
    "ai_systems": ("system_roles", lambda row: (row.system_id, row.role), _system),
    "precedents": ("precedent_links", lambda row: row.precedent_id, _precedent),
}


def _write_links(instance, through: dict[str, list[dict]]) -> None:
    """Make a dispute's links the lists given (a list left out is kept). A row that
    stays keeps its id and is changed in place, so a revision shows what changed."""
    if not through or not isinstance(instance, Dispute):
        return
    for name, wanted in through.items():
        accessor, key, build = DISPUTE_LINKS[name]
        existing = {key(row): row for row in getattr(instance, accessor).all()}
        rows = [build(instance, link, i) for i, link in enumerate(wanted)]
        kept = {key(row) for row in rows}
        for k, row in existing.items():
            if k not in kept:
                row.delete()
        for row in rows:
            old = existing.get(key(row))
            if old is not None:
                row.pk, row._state.adding = old.pk, False
                if _same(old, row):
                    continue
            row.full_clean()
            row.save()


def _same(old: models.Model, new: models.Model) -> bool:
    return all(
        getattr(old, f.attname) == getattr(new, f.attname)
        for f in old._meta.concrete_fields
    )


@transaction.atomic
def record_delete(*, instance: models.Model, user) -> None:
    """Delete `instance`; records that depend on it make this a 409, not a loss."""
    instance.delete()


def workflow_step(
    *,
    instance: models.Model,
    action: str,
    user,
    comment: str = "",
    expected_version: int | None = None,
):
    """Take an editorial workflow step (submit, publish, withdraw, return to draft)."""
    step = editorial.STEPS[action]
    return step(
        obj=instance, user=user, comment=comment, expected_version=expected_version
    )
