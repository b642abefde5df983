"""Writes through the API: create, update and delete a record, validated in full.

Creates and updates go through the editorial service `save_record()`: it runs the
model's `full_clean()` (field rules, `clean()`, unique and check constraints), saves a
revision with the user, and refuses a save made from a stale `version`
(`StaleVersionError`, answered 409). Many-to-many links are set in the same
transaction, so a bad write stores nothing. Publication status is never written
here: a new record is a draft, and only the workflow steps change it.
"""

from typing import Any

from django.db import models, transaction

from casebase.editorial import services as editorial


def _split(model: type[models.Model], values: dict[str, Any]):
    many = {f.name for f in model._meta.many_to_many}
    scalar = {k: v for k, v in values.items() if k not in many}
    related = {k: v for k, v in values.items() if k in many}
    return scalar, related


@transaction.atomic
def record_create(*, model: type[models.Model], values: dict[str, Any], user):
    """A new record of `model` from validated `values` (many-to-many included)."""
    scalar, related = _split(model, values)
    instance = editorial.save_record(obj=model(**scalar), user=user, comment="Created.")
    for name, objects in related.items():
        getattr(instance, name).set(objects)
    return instance


@transaction.atomic
def record_update(
    *,
    instance: models.Model,
    values: dict[str, Any],
    user,
    expected_version: int | None = None,
):
    """`instance` with `values` applied; fields not in `values` are kept."""
    scalar, related = _split(type(instance), values)
    instance = editorial.save_record(
        obj=instance,
        user=user,
        expected_version=expected_version,
        changes=scalar,
        comment="Changed through the API.",
    )
    for name, objects in related.items():
        getattr(instance, name).set(objects)
    return instance


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
