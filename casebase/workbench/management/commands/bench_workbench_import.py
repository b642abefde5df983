"""`manage.py bench_workbench_import`: time a 10,000-row comparison import."""

from django.core.management.base import BaseCommand, CommandError

from casebase.workbench import bench

TARGET_SECONDS = 10.0


class Command(BaseCommand):
    help = (
        "Time the import of synthetic comparison data (preview, then confirm, with "
        "the measures computed); rolled back afterwards. Fails above 10 seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--systems", type=int, default=4)

    def handle(self, *args, rows: int, systems: int, **options):
        if rows < systems or systems < 2:
            raise CommandError("--rows must be at least --systems, and --systems >= 2.")
        result = bench.run(rows=rows, system_count=systems)
        self.stdout.write(
            f"workbench import: {result.rows} rows from {result.systems} systems, "
            f"{result.pairs} pairs measured\n"
            f"  preview (parse, check):  {result.preview_seconds:7.2f} s\n"
            f"  confirm (store, measure): {result.confirm_seconds:7.2f} s\n"
            f"  total:                   {result.total_seconds:7.2f} s "
            f"({result.rows / result.total_seconds:,.0f} rows/s; "
            f"target under {TARGET_SECONDS:.0f} s for 10,000 rows)\n"
            f"  CPU time of this process: {result.cpu_seconds:6.2f} s (the wall time "
            f"above also counts waiting for a busy machine)"
        )
        if rows >= 10_000 and result.total_seconds >= TARGET_SECONDS * rows / 10_000:
            raise CommandError("Slower than the target.")
