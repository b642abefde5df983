"""Every form that posts carries a CSRF token, and a post without one is refused."""

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.contrib.auth import get_user_model
from django.test import Client

from tests.security.urlwalk import instantiate, routes


class _Forms(HTMLParser):
    """Collects each <form method="post">: its action and its input names."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "inputs": set()}
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None:
            self._current["inputs"].add(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _worth_reading(name: str) -> bool:
    """The admin's pages come from a few shared templates: read every model's add
    and change forms, and the list, delete and history pages of disputes only."""
    if name.startswith("api:"):
        return False  # JSON, no forms; the test below covers its session writes
    if not name.startswith("admin:") or name.startswith("admin:cases_dispute_"):
        return True
    return name.endswith(("_add", "_change")) or name.count("_") < 1


def _post_forms(client, samples):
    """(page url, action url, input names) for every post form on every page."""
    found = []
    for route in routes():
        if not _worth_reading(route.name):
            continue
        url = instantiate(route, samples)
        if not url or url.endswith("/logout/") or "sign-out" in url:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        parser = _Forms()
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            found.append((url, urljoin(url, form["action"] or url), form["inputs"]))
    return found


def test_every_post_form_has_a_token_and_needs_it(graph, samples):
    """GIVEN a superuser who can see every form WHEN each page with a post form is
    read THEN each form carries csrfmiddlewaretoken, and posting it without the
    token is refused with 403."""
    admin = get_user_model().objects.create_superuser(
        "csrf-admin", password="a-long-test-password-1"
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    forms = _post_forms(client, samples)
    assert len(forms) > 20, "admin, editorial and account forms should be found"
    missing = [page for page, _, inputs in forms if "csrfmiddlewaretoken" not in inputs]
    assert not missing, f"post forms without a CSRF token on {missing}"
    accepted = []
    for page, action, _ in {(p, a, "") for p, a, _ in forms}:
        response = client.post(action, data={"comment": "no token"})
        if response.status_code != 403:
            accepted.append(f"{action} (form on {page}): {response.status_code}")
    assert not accepted, "\n".join(accepted)


def test_the_api_refuses_a_session_write_without_a_token(graph):
    """GIVEN a signed-in editor's browser session WHEN it writes to the API without
    the CSRF token THEN the API answers 403 and stores nothing."""
    admin = get_user_model().objects.create_superuser(
        "csrf-api", password="a-long-test-password-1"
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    dispute = graph["dispute"]
    response = client.patch(
        f"/api/v1/disputes/{dispute.pk}",
        data={"title": "changed without a token"},
        content_type="application/json",
    )
    assert response.status_code == 403
    dispute.refresh_from_db()
    assert dispute.title != "changed without a token"
