"""The backup archive: one tar.gz with a manifest, a JSON-lines file per table and
the uploaded files, every part with its SHA-256.

Layout::

    manifest.json          format, creation time, applied migrations, per table the
                           row count and content checksum, per file its checksum
    tables/<table>.jsonl   one JSON list of field values per row, primary-key order
    files/<root>/<path>    uploaded files (MEDIA_ROOT as `media`, evidence as `evidence`)
"""

import datetime as dt
import decimal
import hashlib
import json
import tarfile
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from casebase.backup.checksums import backed_up_models, table_checksum

FORMAT = "casebase-backup/1"


def file_roots() -> dict[str, Path]:
    """The folders of uploaded files, by their name in the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "evidence": Path(settings.EVIDENCE_FILES_ROOT),
    }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _encode(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def write_archive(target: Path) -> dict:
    """Write the archive to `target`; returns the manifest."""
    with tempfile.TemporaryDirectory(prefix="casebase-export-") as tmp:
        root = Path(tmp)
        (root / "tables").mkdir()
        tables = {}
        for model in backed_up_models():
            table = model._meta.db_table
            path = root / "tables" / f"{table}.jsonl"
            fields = [f.attname for f in model._meta.concrete_fields]
            rows = model._base_manager.order_by("pk").values_list(*fields)
            with path.open("w") as out:
                for row in rows.iterator(chunk_size=2000):
                    out.write(json.dumps([_encode(v) for v in row]) + "\n")
            count, checksum = table_checksum(model)
            tables[table] = {
                "model": model._meta.label,
                "fields": fields,
                "rows": count,
                "checksum": checksum,
                "file_sha256": sha256_file(path),
            }
        files = {}
        for name, folder in file_roots().items():
            if not folder.exists():
                continue
            for source in sorted(p for p in folder.rglob("*") if p.is_file()):
                relative = f"files/{name}/{source.relative_to(folder).as_posix()}"
                files[relative] = sha256_file(source)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": connection.vendor,
            "migrations": applied_migrations(),
            "tables": tables,
            "files": files,
        }
        (root / "manifest.json").write_text(json.dumps(manifest, indent=1))
        with tarfile.open(target, "w:gz") as tar:
            tar.add(root / "manifest.json", arcname="manifest.json")
            tar.add(root / "tables", arcname="tables")
            for relative in files:
                _, name, rest = relative.split("/", 2)
                tar.add(file_roots()[name] / rest, arcname=relative)
    return manifest
