from django.core.management.base import BaseCommand, CommandError

from casebase.importers.reference import ReferenceDataError, load_reference


class Command(BaseCommand):
    help = (
        "Load casebase's checked reference data (statutes, precedents, disputes). "
        "Idempotent: a second run changes nothing; a changed fact is updated."
    )

    def handle(self, *args, **options):
        try:
            report = load_reference()
        except ReferenceDataError as exc:
            raise CommandError(
                f"Reference data not loaded (nothing stored): {exc}"
            ) from exc
        for line in report.lines():
            self.stdout.write(line)
        verdict = "changes stored" if report.changed else "already up to date"
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {verdict}."))
