from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from casebase.search import indexing
from casebase.search.backends import postgres_dense
from casebase.search.backends.base import get_backend
from casebase.search.backends.postgres import PostgresBackend

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Compare the search index with the database: records missing from it, entries "
        "that are out of date, and entries that should not be there. --repair fixes "
        "them. Exits with status 1 when problems are found and not repaired."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Re-index or remove what is wrong."
        )

    def handle(self, *args, repair: bool, **options):
        self.check_bitmaps(repair)
        found = indexing.check()
        if found.interrupted:
            self.stdout.write(
                f"A rebuild of the search index was interrupted ({found.interrupted}); "
                "the index still holds what it held before that rebuild."
            )
        for label, keys in (
            ("missing from the index", found.missing),
            ("stale in the index", found.stale),
            ("in the index but not public", found.extra),
        ):
            self.stdout.write(f"{len(keys)} {label}")
            for key in keys[:SHOWN]:
                self.stdout.write(f"  {key}")
            if len(keys) > SHOWN:
                self.stdout.write(f"  ... and {len(keys) - SHOWN} more")
        if found.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Search index is current ({found.checked} records)."
                )
            )
            return
        if not repair:
            raise CommandError("The search index is out of date; run with --repair.")
        indexed, deleted = indexing.repair(found)
        self.stdout.write(
            self.style.SUCCESS(f"Repaired: {indexed} re-indexed, {deleted} removed.")
        )

    def check_bitmaps(self, repair: bool) -> None:
        """PostgreSQL: the term bitmaps that count broad searches (postgres_dense.py)
        against the entries; --repair recomputes them all."""
        if not isinstance(get_backend(), PostgresBackend):
            return
        with connection.cursor() as cursor:
            wrong = postgres_dense.stale(cursor)
        if not wrong:
            return
        self.stdout.write(f"{len(wrong)} term bitmaps out of date")
        for term in wrong[:SHOWN]:
            self.stdout.write(f"  {term!r}")
        if not repair:
            raise CommandError("The term bitmaps are out of date; run with --repair.")
        with transaction.atomic(), connection.cursor() as cursor:
            postgres_dense.build(cursor)
        self.stdout.write(self.style.SUCCESS("Repaired: term bitmaps recomputed."))
