"""A checksum of every table's contents, independent of the database engine.

Rows are read in primary-key order and each value is normalised (dates as ISO text,
decimals and JSON as text), so SQLite and PostgreSQL give the same digest for the
same data and a restore can be compared table by table with its source.
"""

import datetime as dt
import decimal
import hashlib
import json
import uuid

from django.apps import apps
from django.db import connection, models

# Derived data: the search backend's tables are rebuilt by the restore, not copied.
DERIVED_APPS = {"search"}


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete table Django manages, auto-created many-to-many tables too,
    except derived ones (DERIVED_APPS)."""
    seen: list[type[models.Model]] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or model in seen:
            continue
        if meta.app_label in DERIVED_APPS:
            continue
        seen.append(model)
    return seen


def _normal(value):
    if isinstance(value, dt.datetime):
        return (
            value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
        )
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def table_checksum(model: type[models.Model]) -> tuple[int, str]:
    """(row count, sha256 of every row's field values in primary-key order)."""
    fields = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    count = 0
    rows = model._base_manager.order_by("pk").values_list(*fields)
    for row in rows.iterator(chunk_size=2000):
        digest.update(
            json.dumps([_normal(v) for v in row], default=str).encode() + b"\n"
        )
        count += 1
    return count, digest.hexdigest()


def database_checksums() -> dict[str, tuple[int, str]]:
    """Every backed-up table's checksum, by table name."""
    with connection.cursor():
        return {m._meta.db_table: table_checksum(m) for m in backed_up_models()}
