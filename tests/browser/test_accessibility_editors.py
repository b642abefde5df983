"""axe-core on the pages test_accessibility.py does not visit: the admin's forms with
tabular inlines and autocomplete (select2) widgets, an add form, changelists, the
analytics figures, the evidence workbench, a proposed change and the alerts page.

One browser context and one sign-in for the whole check; the data is the fictional
graph of tests/security/graph.py and the workbench demonstration (test data)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from casebase.editorial import proposals, services
from casebase.tracking import services as tracking
from tests.browser.test_accessibility import BLOCKING
from tests.editorial.users import PASSWORD, user_with_role
from tests.security.graph import build_graph
from tests.workbench.demo import build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def _pages(graph, demo, change, admin_user) -> dict[str, str]:
    dispute, precedent = graph["dispute"], graph["precedent"]
    return {
        # Tabular inlines (parties, AI systems, precedents) and select2, single
        # (court) and multiple with a value (sources: select2 draws a clear cross).
        "dispute change form": _admin("cases_dispute_change", dispute.pk),
        # The authorities-cited tabular inline, with its treatment select.
        "precedent change form": _admin("law_precedent_change", precedent.pk),
        "evidence change form": _admin("cases_evidence_change", graph["evidence"].pk),
        # Empty single select2 boxes, split date/time boxes in a stacked inline.
        "output comparison add form": _admin("cases_outputcomparison_add"),
        # An editable column (list_editable position) in a changelist.
        "legal theory changelist": _admin("law_legaltheory_changelist"),
        # Django's own user form: split date/time boxes, filter-horizontal boxes.
        "user change form": _admin("auth_user_change", admin_user.pk),
        # Figures whose tables scroll sideways in their wrappers.
        "analytics": reverse("analytics:analytics") + f"?theory={graph['theory'].slug}",
        "workbench comparison": reverse(
            "workbench:comparison", args=[demo.comparisons[0].pk]
        ),
        "workbench prompt set": reverse(
            "workbench:prompt-set", args=[demo.prompt_set.pk]
        ),
        "proposed change": reverse("editorial:change", args=[change.pk]),
        # A greyed-out "Previous" on the first of two pages (one dispute a page).
        "dispute list, first page": reverse("cases:dispute-list"),
        "alerts": reverse("tracking:alerts"),
    }


def _violations(page, axe: Axe) -> list[str]:
    # Only violations are reported in full: listing every pass on the admin's long
    # forms costs seconds a page.
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def _published_change(dispute):
    """An editor's change to a published dispute, waiting for review (test data)."""
    editor = user_with_role("editor", "axe-proposer")
    return proposals.propose(
        obj=dispute,
        user=editor,
        apply=lambda: services.save_record(
            obj=dispute, user=editor, changes={"title": f"{dispute.title} (edited)"}
        ),
    )


def test_editor_pages_have_no_serious_violations(live_server, browser, settings):
    """GIVEN a published graph, the workbench demonstration, a proposed change and
    an admin following a dispute WHEN axe checks the admin forms and lists, the
    analytics (also phone-sized), the workbench, the proposed change and the alerts
    page, and the dispute form again after adding an inline row and opening an
    autocomplete THEN none has a serious or critical accessibility violation."""
    graph = build_graph()
    graph["evidence"].sources.add(graph["source"])
    demo = build_demo()
    change = _published_change(graph["dispute"])
    admin_user = user_with_role("admin", "axe-admin")
    tracking.follow(user=admin_user, dispute=graph["dispute"])
    settings.CASEBASE_PAGE_SIZE = 1
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = []
    try:
        page.goto(live_server.url + "/admin/login/?next=/admin/")
        page.fill("#id_username", "axe-admin")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("input[type=submit]")
        for name, path in _pages(graph, demo, change, admin_user).items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{name} {path}: {response.status}"
            found += [f"{name} {path}: {v}" for v in _violations(page, axe)]

        # On a phone the charts scroll sideways too.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + reverse("analytics:analytics"))
        found += [f"analytics on a phone: {v}" for v in _violations(page, axe)]
        page.set_viewport_size({"width": 1280, "height": 900})

        # What scripts draw after the load: a row added to a tabular inline and an
        # open autocomplete with its search box.
        page.goto(live_server.url + _admin("cases_dispute_change", graph["dispute"].pk))
        page.get_by_text("Add another Party to the dispute").click()
        page.click("#id_court + .select2 .select2-selection")
        page.wait_for_selector(".select2-dropdown .select2-search__field")
        found += [f"dispute form, in use: {v}" for v in _violations(page, axe)]
        added = page.get_attribute("#id_party_roles-1-role", "aria-label")
    finally:
        context.close()
    assert not found, "\n".join(found)
    assert added == "Role, party to the dispute 2"
