"""`manage.py export_casebase FILE`: everything to one archive (see backup/archive.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from casebase.backup.archive import write_archive


class Command(BaseCommand):
    """Write records, history, audit log, users and uploaded files to a tar.gz."""

    help = (
        "Write the whole casebase (database and uploaded files) to one tar.gz archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. casebase.tar.gz")
        parser.add_argument(
            "--force", action="store_true", help="overwrite FILE if it exists"
        )

    def handle(self, *args, file: str, force: bool, **options):
        target = Path(file)
        if target.exists() and not force:
            raise CommandError(f"{target} exists; pass --force to overwrite it.")
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                # One consistent snapshot of every table, whatever commits meanwhile
                # (inside a caller's transaction, that transaction decides).
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest = write_archive(target)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Wrote {target}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files."
        )
