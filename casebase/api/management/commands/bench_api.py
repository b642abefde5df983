"""`make bench` (API part): the API served by gunicorn on PostgreSQL, measured.

Creates a scratch PostgreSQL database on the server `DATABASE_URL` names (never
touching that database itself), migrates it, loads the reference data, builds the
search index and gathers the planner's statistics (`ANALYZE`, as autovacuum would on
a live database: without them PostgreSQL plans the dispute detail's query for empty
tables and runs it several times slower), serves it with gunicorn (2 workers, DEBUG
off) on a free loopback port, and sends a bounded number of requests to each
endpoint from a few client threads. It reports requests per second and median /
p95 latency, each beside the trivial `/api/v1/ping` endpoint: that is the
framework's ceiling on this machine, so the ratios say what the application itself
costs. The ceiling is measured again beside each endpoint, in rounds that alternate
the two, and each ratio is to the ping of its own rounds: on a shared machine the
load changes during a run, and so does the file cache (each uncached response adds
an entry, and every 64 writes the cache lists its folder to decide whether to cull
it, `casebase.core.cache`), and they change both alike. The ratio to
the first ping, measured before anything filled the cache, is shown too.

Public responses are served from the shared response cache (casebase/api/cache.py)
once built: the list and detail rows measure the endpoints as they are served, and
the target (issue 4: half the ping) is judged on them. The "uncached" rows vary
the URL on every request, to measure building a response; beside them, the
"floor" rows measure the least a DRF list and detail of disputes can do here
(`casebase.api.bench_probe`: one field, no filters, nothing embedded), served by
the same gunicorn (`casebase.api.bench_wsgi`, the app plus the probes). Then it
stops gunicorn and drops the scratch database.

The server comes from `BENCH_DATABASE_URL`, else `DATABASE_URL`; without a
PostgreSQL URL in either it prints a notice and does nothing.
"""

import itertools
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand

from casebase.api import bench_probe

TARGET = 0.5  # list and detail should reach half the ceiling (issue 4)
ROUNDS = 4  # ping and an endpoint, alternated this many times
PING = "/api/v1/ping"
_NUMBERS = itertools.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _measure(url: str, *, requests: int, threads: int, limit_s: float) -> dict:
    """`requests` GETs of `url` from `threads` clients, stopping at `limit_s`.
    `{n}` in the URL becomes a new number on each request of the run (a cache miss
    each time)."""
    timings: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + limit_s
    per_thread = max(1, requests // threads)

    def client():
        for _ in range(per_thread):
            if time.monotonic() > deadline:
                return
            with lock:
                target = url.replace("{n}", str(next(_NUMBERS)))
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(target, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            elapsed = time.perf_counter() - started
            with lock:
                timings.append(elapsed)
                statuses.append(status)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - started
    return {
        **_summary(sorted(timings), wall, sum(1 for s in statuses if s == 200)),
        "timings": timings,
        "wall": wall,
    }


def _summary(timings: list[float], wall: float, ok: int) -> dict:
    """Requests per second and median / p95 latency of sorted `timings`."""
    return {
        "rps": len(timings) / wall if wall else 0.0,
        "median_ms": statistics.median(timings) * 1000 if timings else 0.0,
        "p95_ms": timings[min(len(timings) - 1, int(len(timings) * 0.95))] * 1000
        if timings
        else 0.0,
        "ok": ok,
        "count": len(timings),
    }


class Command(BaseCommand):
    help = "Benchmark the API under gunicorn (2 workers) on PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=400)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--seconds", type=float, default=30.0)

    def handle(self, *args, requests: int, threads: int, seconds: float, **options):
        url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            self.stdout.write(
                "bench_api: skipped, it needs PostgreSQL. Set BENCH_DATABASE_URL (or "
                "DATABASE_URL) to a PostgreSQL server, e.g. "
                "postgres://root@127.0.0.1:5432/postgres; a scratch database is "
                "created there and dropped afterwards."
            )
            return
        import psycopg

        config = dj_database_url.parse(url)
        name = f"casebase_bench_{os.getpid()}"
        admin = {
            "host": config["HOST"] or "127.0.0.1",
            "port": config["PORT"] or 5432,
            "user": config["USER"],
            "password": config["PASSWORD"] or None,
            "dbname": config["NAME"] or "postgres",
            "autocommit": True,
        }
        with psycopg.connect(**admin) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory() as tmp:
                self._run(url, name, Path(tmp), requests, threads, seconds)
        finally:
            with psycopg.connect(**admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _run(self, url, name, tmp: Path, requests, threads, seconds):
        import psycopg

        scratch = url.rsplit("/", 1)[0] + f"/{name}"
        env = {
            **os.environ,
            "DATABASE_URL": scratch,
            "CASEBASE_VAR_DIR": str(tmp),
            "CACHE_URL": f"file://{tmp / 'cache'}",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SEARCH_BACKEND": getattr(
                settings, "SEARCH_BACKEND_POSTGRES", settings.SEARCH_BACKEND
            ),
            # The bench measures the application, not the rate limiter. A rate
            # merely out of reach would make every request, the ping's too, pickle
            # a timestamp for each request of the last minute into the cache.
            "API_THROTTLE_ANON": "off",
            "API_THROTTLE_USER": "off",
            "LOG_LEVEL": "WARNING",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        started = time.perf_counter()
        for step in (
            ["migrate", "--noinput", "-v0"],
            ["load_reference"],
            ["rebuild_search_index"],
        ):
            subprocess.run(
                [*manage, *step], env=env, check=True, capture_output=True, text=True
            )
        with psycopg.connect(scratch, autocommit=True) as conn:
            conn.execute("ANALYZE")
        self.stdout.write(
            f"bench_api: scratch PostgreSQL database ready in "
            f"{time.perf_counter() - started:.1f} s"
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "casebase.api.bench_wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait(base + "/api/v1/ping")
            self._report(base, requests, threads, seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _wait(self, url: str) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def _busiest_dispute(self, base: str) -> dict:
        with urllib.request.urlopen(base + "/api/v1/disputes?page_size=100") as r:
            import json

            rows = json.load(r)["results"]
        return max(rows, key=lambda d: len(d["claims"]) + len(d["events"]))

    def _beside_ping(self, base, url, *, requests, threads, seconds) -> tuple:
        """`url` and the ping measured in alternating rounds: `(url's, ping's)`."""
        if url == base + PING:
            runs = {url: []}
        else:
            runs = {url: [], base + PING: []}
        per_round = {"threads": threads, "limit_s": seconds / ROUNDS}
        for _ in range(ROUNDS):
            for target, results in runs.items():
                results.append(
                    _measure(target, requests=requests // ROUNDS, **per_round)
                )
        measured = [_combined(results) for results in runs.values()]
        return measured[0], measured[-1]

    def _report(self, base, requests, threads, seconds):
        busiest = self._busiest_dispute(base)
        endpoints = {
            "ping (trivial DRF view)": base + PING,
            "dispute list": base + "/api/v1/disputes",
            "dispute detail (busiest)": busiest["url"],
            "search ?q=copyright": base + "/api/v1/search?q=copyright",
            # Each request a different URL: what a response costs to build.
            "dispute list, uncached": base + "/api/v1/disputes?nocache={n}",
            "dispute detail, uncached": busiest["url"] + "?nocache={n}",
            "search, uncached": base + "/api/v1/search?q=copyright&nocache={n}",
            # The least any DRF list or detail of disputes costs (bench_probe.py).
            "floor: list, uncached": base + bench_probe.LIST + "?nocache={n}",
            "floor: detail, uncached": (
                base + bench_probe.DETAIL + busiest["slug"] + "?nocache={n}"
            ),
        }
        for url in endpoints.values():  # warm both workers and the response cache
            _measure(url, requests=10, threads=2, limit_s=10)
        results = {
            name: self._beside_ping(
                base, url, requests=requests, threads=threads, seconds=seconds
            )
            for name, url in endpoints.items()
        }
        first = results["ping (trivial DRF view)"][0]
        header = (
            f"{'endpoint':28} {'ok/sent':>9} {'req/s':>8} {'median ms':>10} "
            f"{'p95 ms':>8} {'ping/s':>8} {'vs ping':>8} {'vs 1st':>7}"
        )
        self.stdout.write(
            f"gunicorn, 2 workers, PostgreSQL; {threads} client threads, up to "
            f"{requests} requests or {seconds:.0f} s per endpoint, in {ROUNDS} "
            f"rounds alternating with as many pings ('ping/s', 'vs ping'); "
            f"'vs 1st' is to the first ping, measured before anything filled the "
            f"cache"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name, (r, ping) in results.items():
            self.stdout.write(
                f"{name:28} {r['ok']:>4}/{r['count']:<4} {r['rps']:>8.1f} "
                f"{r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {ping['rps']:>8.1f} "
                f"{_ratio(r, ping):>8.2f} {_ratio(r, first):>7.2f}"
            )
        # The target is judged on the endpoints as served (a repeated read comes
        # from the response cache), against the ping measured beside them. What
        # building a response costs is stated beside the floor under it.
        for name in ("dispute list", "dispute detail (busiest)"):
            ratio = _ratio(*results[name])
            verdict = "meets" if ratio >= TARGET else "misses"
            self.stdout.write(
                f"{name}: {ratio:.2f} of the ping beside it, {verdict} the "
                f"{TARGET:.1f} target ({_ratio(results[name][0], first):.2f} of the "
                f"first ping)"
            )
        for kind in ("list", "detail"):
            built = _ratio(*results[f"dispute {kind}, uncached"])
            floor = _ratio(*results[f"floor: {kind}, uncached"])
            self.stdout.write(
                f"dispute {kind}, uncached: {built:.2f} of the ping; the least a DRF "
                f"{kind} of disputes built afresh reaches here: {floor:.2f}"
            )


def _ratio(result: dict, ping: dict) -> float:
    return result["rps"] / (ping["rps"] or 1.0)


def _combined(runs: list[dict]) -> dict:
    """One measurement from several runs of the same URL."""
    timings = sorted(t for run in runs for t in run["timings"])
    wall = sum(run["wall"] for run in runs)
    return _summary(timings, wall, sum(run["ok"] for run in runs))
