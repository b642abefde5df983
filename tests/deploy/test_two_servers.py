"""Several app servers, one PostgreSQL: an edit made through one server is found by
search on another at once (the PostgreSQL search backend, no per-server index)."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection
from rest_framework.authtoken.models import Token

from casebase.search.backends.base import reset_backend
from tests.editorial.users import user_with_role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
POSTGRES = "casebase.search.backends.postgres.PostgresBackend"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server(env: dict) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "casebase.wsgi",
            "--workers=1",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(base + "/api/v1/ping", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


@pytest.fixture
def two_servers(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share PostgreSQL: DATABASE_URL is not PostgreSQL")
    settings.SEARCH_BACKEND = POSTGRES
    reset_backend()
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    servers = []
    try:
        for name in ("a", "b"):
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DEBUG": "0",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "SEARCH_BACKEND": POSTGRES,
                "CASEBASE_VAR_DIR": str(tmp_path / name),
                "CACHE_URL": f"file://{tmp_path / 'shared-cache'}",
                "API_CACHE_SECONDS": "0",
            }
            Path(tmp_path / name).mkdir()
            servers.append(_server(env))
        yield [base for _, base in servers]
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=30)
        reset_backend()


def _found(base: str, phrase: str) -> bool:
    hits = httpx.get(f"{base}/api/v1/search", params={"q": f'"{phrase}"'}).json()
    return hits["total"] > 0


def test_an_edit_on_one_server_is_found_by_search_on_the_other(two_servers):
    """GIVEN two gunicorn servers on one PostgreSQL database WHEN a reviewer creates
    and publishes a party through server A, then renames it through server B THEN
    server B's search finds the new party and server A's finds the new name."""
    server_a, server_b = two_servers
    user = user_with_role("reviewer", "two-servers")
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    slug = "two-servers-party"
    create = httpx.post(
        f"{server_a}/api/v1/parties",
        json={"slug": slug, "name": "Quillfeather Analytics (test data)"},
        headers=headers,
    )
    assert create.status_code == 201, create.text
    for step in ("submit", "publish"):
        response = httpx.post(
            f"{server_a}/api/v1/parties/{slug}/{step}", json={}, headers=headers
        )
        assert response.status_code == 200, response.text
    assert _found(server_b, "Quillfeather Analytics")

    rename = httpx.patch(
        f"{server_b}/api/v1/parties/{slug}",
        json={"name": "Marrowbridge Analytics (test data)"},
        headers=headers,
    )
    assert rename.status_code == 200, rename.text
    assert _found(server_a, "Marrowbridge Analytics")
    assert not _found(server_a, "Quillfeather Analytics")


def test_a_long_search_url_reaches_casebase(two_servers):
    """A 10,000-character query through gunicorn (gunicorn.conf.py lifts its 4,094-byte
    request line) gets casebase's JSON answer with a notice, not gunicorn's HTML 414."""
    server_a, _ = two_servers
    response = httpx.get(f"{server_a}/api/v1/search", params={"q": "é" * 10_000})
    assert response.status_code == 200, response.text[:200]
    assert any("shortened" in notice for notice in response.json()["notices"])
