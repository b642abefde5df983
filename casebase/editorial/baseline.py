"""Every record's first revision, written in bulk when the reference data is loaded.

`load_reference` calls `create_initial_revisions()`, so that opening a record's page
never has to write one (`history.ensure_baseline` remains for records made in other
ways, at their first save).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import models
from reversion.models import Revision, Version

from casebase.editorial.history import Key, root_key
from casebase.editorial.registry import owned_rows


class _PrefetchedJSONSerializer(JSONSerializer):
    """Django's JSON serializer, reading many-to-many links from the prefetch cache
    without building a queryset per link (the same output, much faster in bulk)."""

    def handle_m2m_field(self, obj, field):
        cached = getattr(obj, "_prefetched_objects_cache", {})
        if (
            field.name in cached
            and field.remote_field.through._meta.auto_created
            and not self.use_natural_foreign_keys
        ):
            self._current[field.name] = [
                self._value_from_field(related, related._meta.pk)
                for related in cached[field.name]
            ]
        else:
            super().handle_m2m_field(obj, field)


def _serializer(format_name: str):
    if format_name == "json":
        return _PrefetchedJSONSerializer()
    return serializers.get_serializer(format_name)()


def _prefetch_lookups(model: type[models.Model], prefix: str = "") -> list[str]:
    """What serializing a record with its owned rows reads: their links and rows."""
    from casebase.editorial.registry import follows

    lookups = []
    for model_field in model._meta.get_fields():
        if model_field.many_to_many and model_field.concrete:
            lookups.append(prefix + model_field.name)
        elif model_field.many_to_one and model_field.concrete:
            lookups.append(prefix + model_field.name)
    for accessor in follows(model):
        child = model._meta.get_field(accessor).related_model
        lookups.append(prefix + accessor)
        lookups += _prefetch_lookups(child, f"{prefix}{accessor}__")
    return lookups


def create_initial_revisions() -> int:
    """Give every workflow record that has no revision its first one, now.

    `load_reference` calls it, so that opening a record's page never has to write
    one. Records that own rows (disputes, precedents) go first: their revision holds
    those rows, which then need none of their own. The revisions are written in
    bulk (the reference data makes hundreds). Idempotent; returns how many
    revisions it stored.
    """
    from django.db import router, transaction
    from django.utils import timezone
    from reversion.revisions import _get_options

    from casebase.editorial.registry import WORKFLOW_MODELS

    roots_first = sorted(
        WORKFLOW_MODELS.values(),
        key=lambda label: label not in ("cases.dispute", "law.precedent"),
    )
    covered: set[Key] = set()
    batch: list[tuple[Revision, list[Version]]] = []
    now = timezone.now()

    def version_of(instance: models.Model) -> Version:
        options = _get_options(type(instance))
        return Version(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=str(instance.pk),
            db=router.db_for_write(type(instance)),
            format=options.format,
            serialized_data=_serializer(options.format).serialize(
                (instance,),
                fields=options.fields,
                use_natural_foreign_keys=options.use_natural_foreign_keys,
            ),
            object_repr=str(instance),
        )

    for label in roots_first:
        model = apps.get_model(label)
        covered |= {
            (label, pk)
            for pk in Version.objects.get_for_model(model).values_list(
                "object_id", flat=True
            )
        }
        records = model._default_manager.order_by("pk").prefetch_related(
            *_prefetch_lookups(model)
        )
        for obj in records:
            if (label, str(obj.pk)) in covered:
                continue
            rows = [obj, *owned_rows(obj)]
            covered |= {root_key(row) for row in rows}
            revision = Revision(
                date_created=now, comment="As loaded from the reference data."
            )
            batch.append((revision, [version_of(row) for row in rows]))
    with transaction.atomic():
        Revision.objects.bulk_create([revision for revision, _ in batch])
        versions = []
        for revision, rows in batch:
            for version in rows:
                version.revision = revision
                versions.append(version)
        Version.objects.bulk_create(versions, batch_size=500)
    return len(batch)
