"""Headless Chromium through Playwright, using Debian's /usr/bin/chromium.

Where Chromium or Playwright is missing, browser tests are skipped with a notice in the
summary; under CI (CI=true) they fail instead, so CI always runs them.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(os.environ.get("CASEBASE_SCREENSHOTS", "var/screenshots"))


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    )


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI must run browser tests: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    from django.db import connection

    if connection.vendor == "postgresql" and not os.environ.get(
        "BROWSER_TESTS_ON_POSTGRES"
    ):
        # What a browser sees does not depend on the database; .ci/run drives the
        # browser in its SQLite pass and keeps the PostgreSQL pass for the database.
        pytest.skip(
            "browser tests run in the SQLite pass "
            "(BROWSER_TESTS_ON_POSTGRES=1 runs them on PostgreSQL too)"
        )
    path = chromium_path()
    if not path:
        _unavailable("Chromium not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    # Playwright runs an event loop in this thread; the ORM calls in tests are still
    # synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under var/screenshots/ (CASEBASE_SCREENSHOTS)."""

    def take(name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
