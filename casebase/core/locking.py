"""Optimistic locking: a record saved from a stale copy is refused, never overwritten.

A `VersionedModel` carries a `version` number. Every save of an existing row is one
conditional UPDATE: `... SET version = n + 1 WHERE pk = ... AND version = n`, where
`n` is the version the saver read. If another save came first, no row matches and
`StaleVersionError` is raised; nothing is written. The check and the write are one
statement, so two savers racing can never both succeed.

Callers that hold the version an editor was shown (a form's hidden field, an API
request's `version`) set `obj.version` to it before saving; `casebase.editorial`
turns the error into a message showing what changed meanwhile.
"""

from django.db import models, router, transaction


class StaleVersionError(Exception):
    """The row changed (or was deleted) after the saver read it."""

    def __init__(self, obj: models.Model, expected: int, current: int | None):
        self.obj = obj
        self.model = type(obj)
        self.pk = obj.pk
        self.expected = expected
        self.current = current
        if current is None:
            text = f"{self.model._meta.verbose_name} {obj.pk} has been deleted."
        else:
            text = (
                f"{self.model._meta.verbose_name} {obj.pk} was changed by someone "
                f"else: you read version {expected}, the stored one is {current}."
            )
        super().__init__(text)


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save; a save from an older version is "
        "refused (optimistic locking).",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "version" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "version"]
        expected = None if self._state.adding else self.version
        self._expected_version = expected
        if expected is not None:
            self.version = expected + 1
        try:
            # A savepoint: a refused save leaves the caller's transaction usable.
            using = kwargs.get("using") or router.db_for_write(
                type(self), instance=self
            )
            with transaction.atomic(using=using):
                super().save(*args, **kwargs)
        except BaseException:
            if expected is not None:
                self.version = expected
            raise
        finally:
            self._expected_version = None

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(
                base_qs, using, pk_val, values, update_fields, forced_update
            )
        if base_qs.filter(pk=pk_val, version=expected)._update(values) > 0:
            return True
        current = base_qs.filter(pk=pk_val).values_list("version", flat=True).first()
        if current is None and not forced_update:
            # The row is not there (a restore re-creating it): Django inserts it.
            return False
        raise StaleVersionError(self, expected, current)
