"""Writes through the API: create, update and delete a record, validated in full.

Creates and updates go through the editorial service `save_record()`: it runs the
model's `full_clean()` (field rules, `clean()`, unique and check constraints), saves a
revision with the user, and refuses a save made from a stale `version`
(`StaleVersionError`, answered 409). Many-to-many links are set in the same
transaction, so a bad write stores nothing. Publication status is never written
here: a new record is a draft, and only the workflow steps change it.
"""

from typing import Any

import reversion
from django.db import models, transaction

from casebase.cases.models import (
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    PrecedentRelation,
)
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
    record, its many-to-many lists and its links change in one revision."""
    scalar, related, through = _split(type(instance), values)
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
