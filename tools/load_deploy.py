"""The scratch deployment `make load` (tools/load.py) drives: a PostgreSQL database
made for the run, migrated, loaded with the reference data and indexed, served by
gunicorn as in production; and the CPU time the server spends meanwhile."""

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def scratch_database(base_url: str) -> tuple[str, dict]:
    """A new, empty database `<LOAD_DATABASE_PREFIX>_<pid>` (dropped after the run:
    the pid keeps a mistyped prefix from naming a database that matters)."""
    prefix = os.environ.get("LOAD_DATABASE_PREFIX") or "casebase_load"
    name = f"{prefix}_{os.getpid()}"
    server = base_url.rsplit("/", 1)[0]
    admin = psycopg.conninfo.conninfo_to_dict(server + "/postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", admin


def deploy(env: dict, editors: int) -> list[str]:
    """Migrate, load, index, collect static files; returns the editors' tokens."""
    for step in (
        ["migrate", "--noinput", "-v0"],
        ["load_reference"],
        ["rebuild_search_index"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([*MANAGE, *step], env=env, check=True, capture_output=True)
    tokens = []
    for n in range(editors):
        name = f"load-editor-{n}"
        subprocess.run(
            [*MANAGE, "create_casebase_user", name, "--role", "reviewer"],
            env={**env, "CASEBASE_USER_PASSWORD": secrets.token_urlsafe(16)},
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            [*MANAGE, "drf_create_token", name],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        tokens.append(out.split()[2])
    return tokens


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "casebase.wsgi",
            f"--workers={workers}",
            # Threads: a page served from the cache need not wait behind one that
            # is being built (sync workers serve one request at a time).
            "--worker-class=gthread",
            f"--threads={threads}",
            # Longer than any wait in the run: a kept-alive connection the server
            # closes just as the client reuses it reads as an error.
            "--keep-alive=75",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(150):
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/v1/ping", timeout=2
            ):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def server_cpu(server_pid: int, database: str) -> dict[str, float]:
    """CPU seconds used so far by gunicorn (master and workers) and by the
    PostgreSQL backends connected to `database`, read from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"gunicorn": 0.0, "postgresql": 0.0}
    backend = f" {database} ".encode()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            command = Path(entry.path, "cmdline").read_bytes()
        except OSError:
            continue  # the process ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if server_pid in (int(entry.name), int(fields[1])):
            used["gunicorn"] += seconds
        elif command.startswith(b"postgres: ") and backend in command:
            used["postgresql"] += seconds
    return used
