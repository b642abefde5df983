"""`manage.py import_legislation FILE...`: legislation.gov.uk CLML as provisions."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casebase.importers.judgments.safexml import XMLImportError
from casebase.importers.legislation_xml import import_legislation


class Command(BaseCommand):
    help = (
        "Import legislation.gov.uk CLML documents or fragments as provisions with "
        "their headings, URIs and words. New provisions arrive as drafts; held ones "
        "are updated; the same file twice changes nothing. A malformed file is "
        "reported with its line and column, and nothing of it is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CLML XML files.")

    def handle(self, *args, files, **options):
        failed = 0
        for name in files:
            try:
                result = import_legislation(Path(name).read_bytes())
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{name}: cannot be read: {exc.strerror}.")
            except XMLImportError as exc:
                failed += 1
                self.stderr.write(f"{name}: not imported (nothing stored): {exc}")
            else:
                self.stdout.write(f"{name}: {result.line()}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) not imported.")
