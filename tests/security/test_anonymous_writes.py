"""No write path is open to the public: every URL in the URLconf answers an anonymous
POST, PUT, PATCH or DELETE without changing anything stored; the admin, the editorial
desk and the API refuse it outright."""

import re

import pytest
from django.test import Client

from casebase.backup.checksums import database_checksums
from tests.security.urlwalk import instantiate, routes

# Posting to these changes nothing stored: they sign in or out, or only read.
READ_OR_SESSION_ONLY = {
    "admin:login",
    "admin:logout",
    "admin:password_reset",
    "login",
    "logout",
}
SIGN_IN = re.compile(r"login|sign-in")
REFUSED = {301, 302, 303, 401, 403, 404, 405}
# Under these, nothing but a refusal will do; public pages may answer any method
# with the page itself, as long as nothing is stored.
STRICT = ("admin:", "editorial:", "api:")


def _urls(samples) -> tuple[list[tuple[str, str]], list[str]]:
    urls, unfilled = [], []
    for route in routes():
        url = instantiate(route, samples)
        if url:
            urls.append((route.name, url))
        elif route.named:
            unfilled.append(route.name)
    return urls, unfilled


def test_every_url_refuses_anonymous_writes(graph, samples):
    """GIVEN every URL the site answers WHEN an anonymous client POSTs, PUTs, PATCHes
    or DELETEs THEN no row anywhere is added, changed or removed, nothing answers 500,
    and the admin, editorial and API URLs refuse (401/403/404/405 or sign-in)."""
    urls, unfilled = _urls(samples)
    assert len(urls) > 100, "the URL walk should find the admin, editorial and API"
    assert not unfilled, f"no sample arguments for: {unfilled}"
    before = database_checksums()
    client = Client(raise_request_exception=False)
    failures = []
    for name, url in urls:
        if name in READ_OR_SESSION_ONLY:
            continue
        strict = name.startswith(STRICT)
        for method in ("post", "put", "patch", "delete") if strict else ("post",):
            response = getattr(client, method)(
                url, data={"title": "anonymous write", "comment": "x"}
            )
            if response.status_code >= 500 or (
                strict and response.status_code not in REFUSED
            ):
                failures.append(
                    f"{method.upper()} {url} ({name}): {response.status_code}"
                )
            elif strict and response.status_code in {301, 302, 303}:
                location = response.headers.get("Location", "")
                if not SIGN_IN.search(location) and not location.endswith(url + "/"):
                    failures.append(f"{method.upper()} {url} redirected to {location}")
    assert not failures, "\n".join(failures)
    changed = {t for t, v in database_checksums().items() if before.get(t) != v}
    assert not changed, f"anonymous requests changed {sorted(changed)}"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_writes_without_a_token_are_401(graph, method):
    """GIVEN the API WHEN a write arrives without credentials THEN it is a 401 JSON
    error naming the problem, for collections and single records alike."""
    client = Client()
    dispute = graph["dispute"]
    for url in ("/api/v1/disputes", f"/api/v1/disputes/{dispute.pk}"):
        response = getattr(client, method)(
            url, data={"title": "x"}, content_type="application/json"
        )
        assert response.status_code in {401, 405}, (url, response.status_code)
        if response.status_code == 401:
            assert response.json()["status"] == 401
