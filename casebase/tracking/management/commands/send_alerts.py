"""`manage.py send_alerts`: e-mail each user what is new (run it hourly or daily)."""

from django.core.management.base import BaseCommand

from casebase.tracking.alerts import send_alerts


class Command(BaseCommand):
    help = (
        "E-mail each user with saved searches or follows what is new since their "
        "last alert (daily or weekly, as each chose). Safe to run often: a second "
        "run sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ignore the daily/weekly frequency and send whatever is new now.",
        )

    def handle(self, *args, force: bool = False, **options):
        report = send_alerts(force=force)
        self.stdout.write(
            f"Alerts sent to {report.users_emailed} user(s), "
            f"{report.items} item(s) in all."
        )
