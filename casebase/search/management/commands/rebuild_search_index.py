import time

from django.core.management.base import BaseCommand, CommandError

from casebase.search import indexing
from casebase.search.documents import count_public


class Progress:
    """A one-line progress bar on a terminal; milestones otherwise (logs, CI)."""

    def __init__(self, out, total: int, width: int = 30) -> None:
        self.out, self.total, self.width, self.done = out, max(total, 1), width, 0
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.started = time.perf_counter()
        self.last_step = -1

    def __call__(self, n: int) -> None:
        self.done += n
        share = min(self.done / self.total, 1.0)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        if self.tty:
            bar = "#" * int(share * self.width)
            self.out.write(
                f"\r[{bar:<{self.width}}] {self.done}/{self.total} ({rate:,.0f}/s)",
                ending="",
            )
            self.out.flush()
        elif int(share * 10) > self.last_step:
            self.last_step = int(share * 10)
            self.out.write(f"{share:4.0%} {self.done}/{self.total} ({rate:,.0f}/s)")


class Command(BaseCommand):
    help = "Rebuild the search index from the database (published records only)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        total = count_public()
        progress = Progress(self.stdout, total)
        started = time.perf_counter()
        count = indexing.rebuild(batch_size=batch_size, progress=progress)
        if progress.tty:
            self.stdout.write("")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {count} records in {seconds:.1f} s."
            )
        )
