"""`make bench` (search): index a synthetic corpus and time queries on each backend.

Run it on a throw-away database (the Makefile does): it adds --records fictional
records. Figures are wall-clock times of `run_search` in this process, the call the
search page makes, over a mix of words, phrases, fielded queries and citations.
"""

import json
import shutil
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from casebase.search import indexing
from casebase.search.backends.base import reset_backend
from casebase.search.bench.corpus import generate
from casebase.search.bench.queries import naive_search, query_mix
from casebase.search.query import SearchQuery
from casebase.search.service import run_search

WARM_UP = "licence"


def percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max_ms": round(ordered[-1], 2),
    }


class Command(BaseCommand):
    help = (
        "Benchmark search on a synthetic corpus (run on an empty, throw-away database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000)
        parser.add_argument("--queries", type=int, default=240)
        parser.add_argument(
            "--baseline-queries",
            type=int,
            default=60,
            help="How many of the queries the slow baseline runs.",
        )

    def handle(
        self, *args, records: int, queries: int, baseline_queries: int, **options
    ):
        if records < 20 or queries < 1:
            raise CommandError(
                "--records must be at least 20 and --queries at least 1."
            )
        started = time.perf_counter()
        corpus = generate(records)
        self.stdout.write(
            f"corpus: {records} records generated in {time.perf_counter() - started:.1f} s"
        )
        mix = query_mix(corpus, queries)
        backends = {"whoosh": settings.SEARCH_BACKEND_WHOOSH}
        if connection.vendor == "postgresql":
            backends["postgres"] = settings.SEARCH_BACKEND_POSTGRES
        report = {"records": records, "queries": len(mix), "backends": {}}
        for name, path in backends.items():
            report["backends"][name] = self.measure(name, path, mix)
        report["baseline"] = self.baseline(mix[:baseline_queries])
        base = report["baseline"]
        for result in report["backends"].values():
            result["speedup_p50"] = round(
                base["p50_ms"] / max(result["p50_ms"], 0.01), 1
            )
            result["speedup_p95"] = round(
                base["p95_ms"] / max(result["p95_ms"], 0.01), 1
            )
        self.table(report)
        self.stdout.write(json.dumps(report))

    def measure(self, name: str, path: str, mix) -> dict:
        index_path = settings.VAR_DIR / f"bench-index-{name}"
        shutil.rmtree(index_path, ignore_errors=True)
        with override_settings(SEARCH_BACKEND=path, SEARCH_INDEX_PATH=index_path):
            reset_backend()
            started = time.perf_counter()
            count = indexing.rebuild()
            seconds = time.perf_counter() - started
            self.stdout.write(f"{name}: rebuilt {count} documents in {seconds:.1f} s")
            # A first search that matches, as a running server's first visitor would:
            # it opens the index and builds the per-segment facet bitmaps.
            run_search(query=SearchQuery(text=WARM_UP), user=None)
            timings, by_kind, empty = [], {}, 0
            for kind, text in mix:
                t0 = time.perf_counter()
                results = run_search(query=SearchQuery(text=text), user=None)
                elapsed = (time.perf_counter() - t0) * 1000
                timings.append(elapsed)
                by_kind.setdefault(kind, []).append(elapsed)
                empty += results.total == 0 or bool(results.error)
            reset_backend()
        shutil.rmtree(index_path, ignore_errors=True)
        return {
            "documents": count,
            "rebuild_s": round(seconds, 2),
            "docs_per_s": round(count / seconds, 1),
            **percentiles(timings),
            "by_kind_p95_ms": {k: percentiles(v)["p95_ms"] for k, v in by_kind.items()},
            "queries_without_results": empty,
        }

    def baseline(self, mix) -> dict:
        timings = []
        for _, text in mix:
            t0 = time.perf_counter()
            naive_search(text)
            timings.append((time.perf_counter() - t0) * 1000)
        return {"queries": len(mix), **percentiles(timings)}

    def table(self, report: dict) -> None:
        header = f"{'backend':10} {'docs':>8} {'rebuild s':>10} {'docs/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'x base p95':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name, r in report["backends"].items():
            self.stdout.write(
                f"{name:10} {r['documents']:>8} {r['rebuild_s']:>10.1f} {r['docs_per_s']:>8.0f} "
                f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['max_ms']:>8.1f} {r['speedup_p95']:>10.1f}"
            )
        b = report["baseline"]
        self.stdout.write(
            f"{'icontains':10} {'':>8} {'':>10} {'':>8} {b['p50_ms']:>8.1f} {b['p95_ms']:>8.1f} {b['max_ms']:>8.1f} {1.0:>10.1f}"
        )
