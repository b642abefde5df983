"""`manage.py import_casebase FILE`: restore an archive into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casebase.backup.restore import RestoreError, restore


class Command(BaseCommand):
    """Restore an `export_casebase` archive exactly, then rebuild the search index."""

    help = (
        "Restore an export_casebase archive into a freshly migrated, empty database, "
        "check every table against the archive's checksums and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by export_casebase")

    def handle(self, *args, file: str, **options):
        from casebase.search.indexing import rebuild

        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        try:
            manifest = restore(source)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        indexed = rebuild()
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['tables'])} tables (every table "
            f"matches its checksum) and {len(manifest['files'])} files; "
            f"indexed {indexed} records for search."
        )
