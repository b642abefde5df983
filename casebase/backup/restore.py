"""Restore an archive written by `archive.write_archive` into an empty database.

"Empty" means what `migrate` leaves: content types, permissions and the editorial
role groups may be there (they are replaced by the archive's, ids and all); any
other row makes the restore refuse. Everything happens in one transaction: a
restore that fails leaves the database as it was.
"""

import json
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, transaction

from casebase.backup.archive import (
    FORMAT,
    applied_migrations,
    file_roots,
    sha256_file,
)
from casebase.backup.checksums import backed_up_models, table_checksum

# Rows `migrate` itself creates; a fresh database has them and is still "empty".
SEEDED = {
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}


class RestoreError(Exception):
    """The archive cannot be restored here; the message says why."""


def occupied_tables() -> list[str]:
    """Tables, other than those `migrate` seeds, that already hold rows."""
    return [
        model._meta.db_table
        for model in backed_up_models()
        if model._meta.db_table not in SEEDED and model._base_manager.exists()
    ]


@contextmanager
def _stored_timestamps(model):
    """Keep the archive's created/updated times: auto_now would stamp them anew."""
    stamped = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for field, _, _ in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in stamped:
            field.auto_now, field.auto_now_add = now, now_add


def _load_table(model, fields: list[str], path: Path, batch: int = 1000) -> None:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    objs = []
    with path.open() as handle:
        for line in handle:
            row = json.loads(line)
            values = {}
            for name, value in zip(fields, row, strict=True):
                field = by_attname[name]
                if value is not None and field.get_internal_type() == "BinaryField":
                    value = bytes.fromhex(value)
                elif value is not None and field.get_internal_type() != "JSONField":
                    value = field.to_python(value)
                values[name] = value
            objs.append(model(**values))
            if len(objs) >= batch:
                model._base_manager.bulk_create(objs)
                objs = []
    if objs:
        model._base_manager.bulk_create(objs)


def _check_parts(root: Path, manifest: dict) -> None:
    for table, entry in manifest["tables"].items():
        path = root / "tables" / f"{table}.jsonl"
        if not path.exists() or sha256_file(path) != entry["file_sha256"]:
            raise RestoreError(f"The archive's table {table} is missing or damaged.")
    for relative, checksum in manifest["files"].items():
        path = root / relative
        if not path.exists() or sha256_file(path) != checksum:
            raise RestoreError(f"The archive's file {relative} is missing or damaged.")


def read_manifest(root: Path) -> dict:
    path = root / "manifest.json"
    if not path.exists():
        raise RestoreError("Not a casebase backup: it has no manifest.json.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def restore(archive: Path) -> dict:
    """Restore `archive`; returns its manifest. Raises RestoreError, changing nothing,
    when the database is not empty, the schema differs or the archive is damaged."""
    occupied = occupied_tables()
    if occupied:
        raise RestoreError(
            "The database is not empty (rows in "
            + ", ".join(occupied[:5])
            + (", ..." if len(occupied) > 5 else "")
            + "): restore only into a freshly migrated database."
        )
    with tempfile.TemporaryDirectory(prefix="casebase-import-") as tmp:
        root = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(root, filter="data")
        manifest = read_manifest(root)
        if manifest["migrations"] != applied_migrations():
            raise RestoreError(
                "The archive was written by a different schema: run `migrate` so "
                "that the applied migrations match the archive's, then retry."
            )
        _check_parts(root, manifest)
        models = {m._meta.db_table: m for m in backed_up_models()}
        missing = set(manifest["tables"]) - set(models)
        if missing:
            raise RestoreError(f"Tables in the archive unknown here: {sorted(missing)}")
        with transaction.atomic():
            for table in SEEDED:
                models[table]._base_manager.all()._raw_delete(connection.alias)
            for table, entry in manifest["tables"].items():
                with _stored_timestamps(models[table]):
                    _load_table(
                        models[table],
                        entry["fields"],
                        root / "tables" / f"{table}.jsonl",
                    )
            _reset_sequences(models.values())
            _verify(models, manifest)
        _restore_files(root, manifest)
    return manifest


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _verify(models: dict, manifest: dict) -> None:
    for table, entry in manifest["tables"].items():
        count, checksum = table_checksum(models[table])
        if (count, checksum) != (entry["rows"], entry["checksum"]):
            raise RestoreError(
                f"Table {table} differs after the restore "
                f"({count} rows, expected {entry['rows']}); nothing was kept."
            )


def _restore_files(root: Path, manifest: dict) -> None:
    roots = file_roots()
    for relative in manifest["files"]:
        _, name, rest = relative.split("/", 2)
        target = roots[name] / rest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relative, target)
