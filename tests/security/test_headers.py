"""Security headers on every response, and Django's deployment checks in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("casebase/*/templates")]


def test_pages_send_a_csp_without_inline_script(client, db):
    """GIVEN any page WHEN it is served THEN its Content-Security-Policy allows
    scripts and styles from this site only (no 'unsafe-inline', no 'unsafe-eval'),
    forbids plugins and framing, and the other protective headers are set."""
    for url in ("/", "/disputes", "/search?q=x", "/admin/login/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split("; ")
        )
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "unsafe" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_is_sent_over_https_in_production(client, db, settings):
    """GIVEN production's HSTS setting WHEN a page is served over HTTPS THEN it
    carries Strict-Transport-Security for a year, with subdomains and preload."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_templates_have_no_inline_script_style_or_handlers():
    """GIVEN every project template WHEN read THEN none has an inline <script>
    body, a style attribute or <style> element, or an on*= event handler, which
    the CSP would block in the browser."""
    import re

    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    style = re.compile(r"<style\b|\sstyle\s*=", re.I)
    offences = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if "email" in path.parts:
                continue  # e-mail bodies are never served under the CSP
            text = path.read_text()
            for name, pattern in [
                ("inline script", inline_script),
                ("event handler", handler),
                ("inline style", style),
            ]:
                if pattern.search(text):
                    offences.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offences, "\n".join(offences)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX subprocess")
def test_check_deploy_passes_with_production_settings(tmp_path):
    """GIVEN production settings (DEBUG off, a real key, a host) WHEN Django's
    deployment checks run at warning level THEN none fails."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser fixtures allow async-unsafe ORM calls in this process; a
        # production server never runs with that, and Django warns about it.
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-production-check-" + "y" * 30,
        ALLOWED_HOSTS="casebase.example",
        CASEBASE_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
