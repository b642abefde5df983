"""Settings read from the environment refuse a bad value at start, naming it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SEARCH_REBUILD_MEMORY_MB", "lots"),
        ("SEARCH_REBUILD_MEMORY_MB", "8"),
        ("API_THROTTLE_ANON", "many/minute"),
        ("API_CACHE_SECONDS", "five"),
        ("PAGE_CACHE_SECONDS", "-1"),
        ("EVIDENCE_MAX_UPLOAD_MB", "0"),
        ("SESSION_COOKIE_AGE", "²"),
        ("SEARCH_PG_DENSE_MIN_DOCS", "0"),
    ],
)
def test_a_bad_value_stops_the_app_at_start(name, value):
    env = {**os.environ, "DEBUG": "1", name: value}
    done = subprocess.run(
        [sys.executable, "-c", "import casebase.settings"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and name in done.stderr


def test_rebuild_memory_is_read():
    env = {**os.environ, "DEBUG": "1", "SEARCH_REBUILD_MEMORY_MB": "512"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import casebase.settings as s; print(s.SEARCH_REBUILD_MEMORY_MB)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "512"
