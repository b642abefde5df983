"""`make bench` (exports): stream a 100,000-row dispute export and measure it.

Run it on a throw-away database (the Makefile does): it adds --records fictional
disputes, each with a jurisdiction, a claim and two parties, by bulk insert. It then
streams the CSV and the JSON export through the real view, as a client would read
them, and reports wall-clock time, bytes, rows, and peak Python memory (tracemalloc)
while streaming. For comparison it measures the same CSV built in memory at once.
"""

import datetime as dt
import json
import time
import tracemalloc

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import RequestFactory

from casebase.analytics.dispute_export import HEADER, dispute_queryset, dispute_rows
from casebase.analytics.exports import csv_lines
from casebase.analytics.views import dispute_export
from casebase.cases.models import Claim, Dispute, DisputeParty, Party
from casebase.cases.selectors import DisputeFilters
from casebase.core.models import PublicationStatus
from casebase.law.models import Jurisdiction, LegalTheory

PUBLISHED = PublicationStatus.PUBLISHED
BATCH = 5000


class Command(BaseCommand):
    help = (
        "Benchmark the streamed dispute export (run on an empty, throw-away database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=100_000)
        parser.add_argument(
            "--allow-existing",
            action="store_true",
            help="Run even if the database already holds disputes (adds to them).",
        )

    def handle(self, *args, records: int, allow_existing: bool, **options):
        if records < 1:
            raise CommandError("--records must be at least 1.")
        if Dispute.objects.exists() and not allow_existing:
            raise CommandError(
                "The database already holds disputes: run this on a throw-away "
                "database (make bench does), or pass --allow-existing."
            )
        started = time.perf_counter()
        self.create(records)
        self.stdout.write(
            f"export bench: {records:,} synthetic disputes created in "
            f"{time.perf_counter() - started:.1f} s"
        )
        report = {"records": records}
        for fmt in ("csv", "json"):
            report[fmt] = self.stream(fmt)
        report["csv_in_memory"] = self.in_memory()
        for name in ("csv", "json", "csv_in_memory"):
            r = report[name]
            self.stdout.write(
                f"  {name:14} {r['rows']:>8,} rows  {r['mb']:>7.1f} MB  "
                f"{r['seconds']:>6.1f} s  peak Python memory {r['peak_mb']:.1f} MB"
            )
        self.stdout.write(json.dumps({"bench_export": report}))

    def create(self, records: int) -> None:
        """Fictional disputes, inserted in bulk (no signals, so nothing is indexed)."""
        with transaction.atomic():
            # bulk_create throughout: no signals, so the search index is untouched.
            (jurisdiction,) = Jurisdiction.objects.bulk_create(
                [Jurisdiction(slug="bench-jurisdiction", name="Bench Jurisdiction")]
            )
            (theory,) = LegalTheory.objects.bulk_create(
                [LegalTheory(slug="bench-theory", name="Bench theory")]
            )
            claimant, defendant = Party.objects.bulk_create(
                [
                    Party(
                        slug=f"bench-{role}",
                        name=f"Bench {role.title()} Ltd",
                        publication_status=PUBLISHED,
                    )
                    for role in ("claimant", "defendant")
                ]
            )
            through = Dispute.jurisdictions.through
            for start in range(0, records, BATCH):
                batch = Dispute.objects.bulk_create(
                    [
                        Dispute(
                            slug=f"bench-dispute-{n}",
                            title=f"Bench Claimant {n} Ltd v Bench Defendant Labs",
                            short_title=f"Bench {n}",
                            case_number=f"BENCH-{n:07d}",
                            stage="filed",
                            filed_date=dt.date(2020 + n % 6, 1 + n % 12, 1),
                            filed_date_precision="month",
                            publication_status=PUBLISHED,
                        )
                        for n in range(start, min(start + BATCH, records))
                    ]
                )
                through.objects.bulk_create(
                    [through(dispute=d, jurisdiction=jurisdiction) for d in batch]
                )
                Claim.objects.bulk_create(
                    [
                        Claim(
                            dispute=d,
                            theory=theory,
                            description="Bench claim",
                            publication_status=PUBLISHED,
                        )
                        for d in batch
                    ]
                )
                DisputeParty.objects.bulk_create(
                    [
                        DisputeParty(dispute=d, party=party, role=role)
                        for d in batch
                        for party, role in (
                            (claimant, "claimant"),
                            (defendant, "defendant"),
                        )
                    ]
                )

    def stream(self, fmt: str) -> dict:
        request = RequestFactory().get(f"/disputes.{fmt}", HTTP_HOST="localhost")
        request.user = AnonymousUser()
        tracemalloc.start()
        started = time.perf_counter()
        response = dispute_export(request, fmt=fmt)
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows = Dispute.objects.published().count()
        return _result(rows, size, seconds, peak)

    def in_memory(self) -> dict:
        """The same CSV built as one string: what streaming avoids."""
        tracemalloc.start()
        started = time.perf_counter()
        disputes = dispute_queryset(user=None, filters=DisputeFilters())
        rows = list(dispute_rows(disputes, user=None))
        text = "".join(csv_lines(HEADER, rows))
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return _result(len(rows), len(text.encode()), seconds, peak)


def _result(rows: int, size: int, seconds: float, peak: int) -> dict:
    return {
        "rows": rows,
        "mb": round(size / 1e6, 1),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak / 1e6, 1),
    }
