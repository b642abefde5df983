"""axe-core (bundled with axe-playwright-python, no network) on every page type: no
serious or critical violations, for readers and on the editors' pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.editorial.users import PASSWORD, user_with_role
from tests.security.graph import build_graph

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BLOCKING = {"serious", "critical"}
# Swagger UI's and Redoc's own widgets (third party, served from
# drf-spectacular-sidecar) fail these rules inside their rendered operation lists;
# the pages around them (language, title, landmarks) pass.
THIRD_PARTY = {
    "API docs (Swagger UI)": {"color-contrast", "nested-interactive"},
    "API docs (Redoc)": {"color-contrast"},
}


def _public_pages(graph) -> dict[str, str]:
    pages = {
        "home": "/",
        "dispute list": "/disputes",
        "dispute list, filtered": f"/disputes?theory={graph['theory'].slug}",
        "precedent list": "/precedents",
        "statute list": "/law",
        "theory list": "/theories",
        "court list": "/courts",
        "party list": "/parties",
        "system list": "/systems",
        "search": "/search?q=test",
        "search, no results": "/search?q=zzqqxx",
        "search help": "/search/help",
        "API docs (Swagger UI)": "/api/v1/docs",
        "API docs (Redoc)": "/api/v1/redoc",
        "admin sign-in": "/admin/login/",
        "not found": "/disputes/no-such-dispute",
    }
    for key in (
        "dispute",
        "precedent",
        "provision",
        "statute",
        "theory",
        "court",
        "jurisdiction",
        "party",
        "system",
        "source",
    ):
        pages[key] = graph[key].get_absolute_url()
    return pages


def _violations(page, axe: Axe, allowed: set[str]) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING and v["id"] not in allowed
    ]


def _check(page, axe, base, pages) -> list[str]:
    found = []
    for name, path in pages.items():
        page.goto(base + path)
        # Swagger UI and Redoc draw the page from script after `load`.
        page.wait_for_load_state("networkidle" if name.startswith("API") else "load")
        allowed = THIRD_PARTY.get(name, set())
        found += [f"{name} {path}: {v}" for v in _violations(page, axe, allowed)]
    return found


def test_every_page_type_has_no_serious_violations(live_server, browser):
    """GIVEN one published record of each kind WHEN axe checks each public page
    type, the API documentation, sign-in and the editorial desk THEN none has a
    serious or critical accessibility violation."""
    graph = build_graph()
    user_with_role("editor", "axe-editor")
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        found = _check(page, axe, live_server.url, _public_pages(graph))
        page.goto(live_server.url + "/admin/login/?next=/editorial/")
        page.fill("#id_username", "axe-editor")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("input[type=submit]")
        dispute = graph["dispute"].pk
        editor_pages = {
            "editorial desk": "/editorial/",
            "preview": f"/editorial/dispute/{dispute}/preview/",
            "revisions": f"/editorial/dispute/{dispute}/revisions/",
        }
        found += _check(page, axe, live_server.url, editor_pages)
    finally:
        context.close()
    assert not found, "\n".join(found)
