"""`manage.py import_judgment FILE...`: Find Case Law LegalDocML files as precedents."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casebase.importers.judgments.safexml import XMLImportError
from casebase.importers.judgments.store import import_judgment


class Command(BaseCommand):
    help = (
        "Import Find Case Law LegalDocML (Akoma Ntoso) judgments or press summaries. "
        "A new judgment arrives as a draft for review; a held one is updated; the "
        "same file twice changes nothing. A malformed file is reported with its line "
        "and column, and nothing of it is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="LegalDocML XML files.")
        parser.add_argument(
            "--user", help="Username the revisions are recorded under (optional)."
        )

    def handle(self, *args, files, user=None, **options):
        editor = None
        if user:
            editor = get_user_model().objects.filter(username=user).first()
            if editor is None:
                raise CommandError(f"No user {user!r}.")
        failed = 0
        for name in files:
            path = Path(name)
            try:
                result = import_judgment(path.read_bytes(), user=editor)
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
