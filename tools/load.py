"""`make load`: casebase under a mixed load, served as in production, then checked.

Creates a scratch PostgreSQL database (LOAD_DATABASE_PREFIX_<pid>, on the server
LOAD_DATABASE_URL or DATABASE_URL names; dropped afterwards), migrates it, loads the
reference data and indexes it with the PostgreSQL search backend, serves it with
gunicorn (DEBUG off, WhiteNoise static files; LOAD_WORKERS gthread workers of
LOAD_THREADS threads) on 127.0.0.1:LOAD_PORT, and drives it from this process:
LOAD_USERS readers (search, lists, detail pages, the API; no think time, each on one
kept-alive connection) for LOAD_SECONDS while LOAD_EDITORS editors create, submit
and publish parties through the API with tokens. Every target is read once before
the clock starts (LOAD_WARMUP sets how many). It reports requests per second,
p50/p95/max latency and errors, the page cache's hits, stale copies and misses, this
process's own CPU time and the server's (gunicorn and its PostgreSQL backends: CPU
per request varies far less than latency on a shared machine), then checks that
every write is in the database and found by search. Exit status 1 on any error or missing
write (and, with LOAD_STRICT=1, on p95 over LOAD_P95_MS). The summary is written to
load/last.json under CASEBASE_VAR_DIR (default var/).

    LOAD_SECONDS=5 make load      # the short form CI runs
"""

import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

import httpx
import psycopg
from load_deploy import ROOT, deploy, scratch_database, serve, server_cpu

POSTGRES_SEARCH = "casebase.search.backends.postgres.PostgresBackend"
QUERIES = ["watermark", "copyright", "patent", "training data", "Getty", "inventor"]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Tally:
    """Latencies and failures, by kind of request."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    writes: list[str] = field(default_factory=list)
    # Page-cache outcomes (the X-Page-Cache header) of the readers' HTML pages.
    cache: dict[str, int] = field(default_factory=dict)
    # CPU seconds this process (the load generator) used while the clock ran.
    client_cpu: float = 0.0
    # CPU seconds gunicorn and the database's PostgreSQL backends used meanwhile: a
    # cost per request that other work on a shared machine hardly changes.
    server_cpu: dict[str, float] = field(default_factory=dict)

    def record(self, kind: str, seconds: float, ok: bool, what: str) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[what] = self.errors.get(what, 0) + 1


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- the load -----------------------------------------------------------------------


async def targets(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    """(kind, path) pairs to read, found from the API itself."""
    disputes = (await client.get("/api/v1/disputes?page_size=100")).json()["results"]
    precedents = (await client.get("/api/v1/precedents?page_size=100")).json()[
        "results"
    ]
    pages = [("detail", httpx.URL(d["html_url"]).path) for d in disputes]
    pages += [("detail", httpx.URL(p["html_url"]).path) for p in precedents]
    pages += [("api", httpx.URL(d["url"]).path) for d in disputes[:30]]
    pages += [
        ("list", p) for p in ("/", "/disputes", "/precedents", "/law", "/parties")
    ]
    pages += [("list", "/disputes?theory=copyright"), ("api", "/api/v1/disputes")]
    for q in (quote_plus(q) for q in QUERIES):
        pages += [("search", f"/search?q={q}"), ("api", f"/api/v1/search?q={q}")]
    return pages


class Connection:
    """One kept-alive HTTP/1.1 connection for a reader: GET only, bodies by
    Content-Length or chunked. A few lines of asyncio instead of httpx, whose
    per-request work would take a good share of the two cores from the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    def close(self) -> None:
        if self.writer:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, dict[str, str]]:
        """Status and headers (lower-case names). A reused connection the server
        closed before answering is opened again once, as browsers do (RFC 9112,
        9.3.1); a failure on a fresh connection is an error."""
        reused = self.writer is not None
        try:
            return await self._get(path)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
            return await self._get(path)

    async def _get(self, path: str) -> tuple[int, dict[str, str]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port
            )
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Accept: */*\r\n\r\n".encode("latin-1")
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while size := int(
                (await self.reader.readuntil(b"\r\n")).split(b";")[0], 16
            ):
                await self.reader.readexactly(size + 2)
            await self.reader.readuntil(b"\r\n")
        else:
            await self.reader.read()
            self.close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers


async def reader(port: int, pages, tally: Tally, deadline: float) -> None:
    connection = Connection("127.0.0.1", port)
    while time.monotonic() < deadline:
        kind, path = random.choice(pages)
        started = time.perf_counter()
        try:
            status, headers = await asyncio.wait_for(connection.get(path), 30)
            ok, what = status == 200, f"{status} {path}"
            if kind != "api":
                state = headers.get("x-page-cache", "none")
                tally.cache[state] = tally.cache.get(state, 0) + 1
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as e:
            connection.close()
            ok, what = False, f"{type(e).__name__} {path}"
        tally.record(kind, time.perf_counter() - started, ok, what)
    connection.close()


async def editor(client, token: str, n: int, tally: Tally, deadline: float) -> None:
    headers = {"Authorization": f"Token {token}"}
    i = 0
    while time.monotonic() < deadline:
        slug = f"load-party-{n}-{i}-{secrets.token_hex(3)}"
        body = {"slug": slug, "name": f"Load Party {slug} (test data)"}
        steps = [
            ("/api/v1/parties", body, 201),
            (f"/api/v1/parties/{slug}/submit", {}, 200),
            (f"/api/v1/parties/{slug}/publish", {}, 200),
        ]
        for path, payload, expected in steps:
            started = time.perf_counter()
            try:
                response = await client.post(path, json=payload, headers=headers)
                ok = response.status_code == expected
                what = f"{response.status_code} POST {path} {response.text[:120]}"
            except httpx.HTTPError as error:
                ok, what = False, f"{type(error).__name__} POST {path}"
            tally.record("write", time.perf_counter() - started, ok, what)
            if not ok:
                break
        else:
            tally.writes.append(slug)
        i += 1
        await asyncio.sleep(0.2)


async def drive(
    base: str, users: int, tokens: list[str], seconds: float, server_cpu
) -> Tally:
    limits = httpx.Limits(max_connections=users + len(tokens) + 5)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        pages = await targets(client)
        # Every target once before the clock starts, as a server that has been up
        # a while has them (LOAD_WARMUP=20 restores the old, mostly cold start).
        warm = env_int("LOAD_WARMUP", len(pages))
        for _, path in pages[:warm]:
            await client.get(path)
        tally = Tally()
        deadline = time.monotonic() + seconds
        cpu, served = time.process_time(), server_cpu()
        port = httpx.URL(base).port
        await asyncio.gather(
            *(reader(port, pages, tally, deadline) for _ in range(users)),
            *(editor(client, t, n, tally, deadline) for n, t in enumerate(tokens)),
        )
        tally.client_cpu = time.process_time() - cpu
        tally.server_cpu = {k: v - served[k] for k, v in server_cpu().items()}
        return tally


# -- checks and the report ----------------------------------------------------------


def check_writes(base: str, scratch: str, slugs: list[str]) -> list[str]:
    """Writes missing from the database (published) or from search."""
    missing = []
    with psycopg.connect(scratch) as conn:
        found = {
            row[0]
            for row in conn.execute(
                "SELECT slug FROM cases_party WHERE slug = ANY(%s) "
                "AND publication_status = 'published'",
                [slugs],
            )
        }
    missing += [f"{s}: not published in the database" for s in slugs if s not in found]
    with httpx.Client(base_url=base, timeout=30) as client:
        for slug in slugs:
            hits = client.get("/api/v1/search", params={"q": f'"{slug}"'}).json()
            urls = " ".join(h.get("url", "") for h in hits.get("hits", []))
            if slug not in urls:
                missing.append(f"{slug}: not found by search")
    return missing


def report(
    tally: Tally, seconds: float, users: int, editors: int, workers: int, threads: int
):
    every = [v for values in tally.latencies.values() for v in values]
    total, errors = len(every), sum(tally.errors.values())
    summary = {
        "seconds": seconds,
        "users": users,
        "editors": editors,
        "gunicorn_workers": workers,
        "gunicorn_threads": threads,
        "requests": total,
        "rps": round(total / seconds, 1),
        "p50_ms": round(percentile(every, 0.5) * 1000, 1),
        "p95_ms": round(percentile(every, 0.95) * 1000, 1),
        "max_ms": round(max(every, default=0) * 1000, 1),
        "errors": errors,
        "writes": len(tally.writes),
        "page_cache": dict(sorted(tally.cache.items())),
        "client_cpu_s": round(tally.client_cpu, 1),
        "server_cpu_s": {k: round(v, 1) for k, v in tally.server_cpu.items()},
        "server_cpu_ms_per_request": round(
            1000 * sum(tally.server_cpu.values()) / max(total, 1), 2
        ),
        "by_kind": {
            kind: {
                "requests": len(values),
                "p50_ms": round(statistics.median(values) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            }
            for kind, values in sorted(tally.latencies.items())
        },
    }
    print(
        f"load: {users} readers + {editors} editors for {seconds:.0f} s against "
        f"gunicorn ({workers} workers x {threads} threads) on PostgreSQL"
    )
    print(f"{'kind':8} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, row in summary["by_kind"].items():
        print(f"{kind:8} {row['requests']:>9} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    print(
        f"all      {total:>9} {summary['p50_ms']:>8} {summary['p95_ms']:>8}   "
        f"{summary['rps']} req/s, max {summary['max_ms']} ms, {errors} errors, "
        f"{len(tally.writes)} published writes"
    )
    print(f"load generator: {tally.client_cpu:.1f} s of CPU while the clock ran")
    print(
        "server: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in tally.server_cpu.items())
        + f" of CPU, {summary['server_cpu_ms_per_request']} ms a request"
    )
    pages = sum(tally.cache.values())
    if pages:
        hits = tally.cache.get("hit", 0)
        print(
            f"page cache: {hits} hits of {pages} pages ({100 * hits / pages:.0f}%); "
            + ", ".join(f"{k} {v}" for k, v in sorted(tally.cache.items()))
        )
    for what, count in sorted(tally.errors.items())[:20]:
        print(f"  error x{count}: {what}")
    return summary


def main() -> int:
    seconds = float(os.environ.get("LOAD_SECONDS") or 60)
    users, editors = env_int("LOAD_USERS", 50), env_int("LOAD_EDITORS", 3)
    workers, port = env_int("LOAD_WORKERS", 3), env_int("LOAD_PORT", 8118)
    threads = env_int("LOAD_THREADS", 6)
    base_url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        base_url = "postgres://root@127.0.0.1:5432/postgres"
    scratch, admin = scratch_database(base_url)
    server, summary, missing, tally = None, {"errors": 1, "p95_ms": 0}, [], Tally()
    try:
        with tempfile.TemporaryDirectory(prefix="casebase-load-") as tmp:
            env = {
                **os.environ,
                "DATABASE_URL": scratch,
                "CASEBASE_VAR_DIR": tmp,
                "DEBUG": "0",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "SEARCH_BACKEND": POSTGRES_SEARCH,
                # Every reader comes from 127.0.0.1, so the limits are off. A limit
                # merely out of reach would cost what production's never does: the
                # throttle keeps (and pickles into the cache on every request) one
                # timestamp for each request in its window, thousands under this
                # load where production's 120/minute keeps at most 120.
                "API_THROTTLE_ANON": "off",
                "API_THROTTLE_USER": "off",
                "LOG_LEVEL": "WARNING",
            }
            started = time.perf_counter()
            tokens = deploy(env, editors)
            print(f"load: deployed in {time.perf_counter() - started:.0f} s")
            server = serve(env, port, workers, threads)
            base = f"http://127.0.0.1:{port}"
            database = scratch.rsplit("/", 1)[1]
            tally = asyncio.run(
                drive(
                    base,
                    users,
                    tokens,
                    seconds,
                    lambda: server_cpu(server.pid, database),
                )
            )
            summary = report(tally, seconds, users, editors, workers, threads)
            missing = check_writes(base, scratch, tally.writes)
            summary["missing_writes"] = missing
            print(
                f"load: {len(tally.writes) - len(set(m.split(':')[0] for m in missing))}"
                f" of {len(tally.writes)} writes are in the database and in search"
            )
            for line in missing[:20]:
                print(f"  missing: {line}")
            var = Path(os.environ.get("CASEBASE_VAR_DIR") or ROOT / "var")
            out = var / "load" / "last.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(summary, indent=1))
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(
                f'DROP DATABASE IF EXISTS "{scratch.rsplit("/", 1)[1]}" WITH (FORCE)'
            )
    limit = float(os.environ.get("LOAD_P95_MS") or 200)
    slow = os.environ.get("LOAD_STRICT") == "1" and summary["p95_ms"] > limit
    if summary["p95_ms"] > limit:
        print(f"load: p95 {summary['p95_ms']} ms is over the {limit:.0f} ms target")
    return 1 if summary["errors"] or missing or slow or not tally.writes else 0


if __name__ == "__main__":
    sys.exit(main())
