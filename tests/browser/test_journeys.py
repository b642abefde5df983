"""End-to-end journeys in headless Chromium on the real reference data, each step
screenshotted under var/screenshots/<journey>/ (CASEBASE_SCREENSHOTS overrides)."""

from pathlib import Path

import pytest

from casebase.importers.reference import load_reference
from casebase.search.indexing import rebuild
from tests import factories as f
from tests.browser.conftest import SCREENSHOT_DIR
from tests.editorial.users import PASSWORD, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, journey: str, name: str) -> None:
    folder = SCREENSHOT_DIR / journey
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _navigate(page, action) -> None:
    """Run `action` (a click or key press that loads a page) and wait for that new
    page; waiting for the load state alone can return before navigation begins."""
    with page.expect_navigation():
        action()


def _csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    return errors


def test_lawyer_finds_a_precedent_and_copies_its_citation(live_server, browser):
    """GIVEN the reference data WHEN a lawyer searches for watermark prompts, filters
    by the copyright theory, opens the dispute, follows a copyright precedent and
    presses Copy citation THEN each page shows what she asked for, the clipboard
    holds the OSCOLA citation shown on the page, and no CSP violation occurs."""
    load_reference()
    rebuild()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = context.new_page()
    blocked = _csp_errors(page)
    journey = "lawyer"
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("search").first.get_by_role("searchbox").fill(
            "watermark prompts"
        )
        _navigate(page, lambda: page.keyboard.press("Enter"))
        assert "watermark" in page.locator("main").inner_text().lower()
        _shot(page, journey, "01-search")

        _navigate(page, page.locator("main a[href*='theory=copyright']").first.click)
        assert "theory=copyright" in page.url
        _shot(page, journey, "02-filtered-by-copyright")

        _navigate(page, page.locator("main a[href^='/disputes/']").first.click)
        dispute = page.locator("h1").inner_text()
        assert "/disputes/" in page.url and dispute
        _shot(page, journey, "03-dispute")

        _navigate(page, page.locator("main a[href='/theories/copyright']").first.click)
        _navigate(
            page,
            page.locator("section[aria-labelledby='precedents-title'] a").first.click,
        )
        case_name = page.locator("h1").inner_text()
        assert case_name
        _shot(page, journey, "04-precedent")

        page.get_by_role("button", name="Copy citation").click()
        page.get_by_text("Copied.").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = page.locator("#cite-precedent").inner_text().strip()
        assert copied == shown and "[20" in copied
        _shot(page, journey, "05-citation-copied")
    finally:
        context.close()
    assert not blocked, blocked


def _pick(page, select_id: str, text: str) -> None:
    """Choose `text` in one of the admin's autocomplete (select2) widgets."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def _sign_in(browser, base: str, username: str, next_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    _navigate(page, lambda: page.click("input[type=submit]"))
    return context, page


def _enter_dispute(page) -> None:
    page.fill("#id_title", "Quillfeather Ltd v Marrowbridge AI Ltd (test data)")
    page.fill("#id_slug", "quillfeather-v-marrowbridge")
    page.fill("#id_summary", "A dispute made up by the editor journey test.")
    _pick(page, "id_jurisdictions", "Ruritania")
    _pick(page, "id_sources", "Journey test source")
    page.get_by_text("Add another Party to the dispute").click()
    _pick(page, "id_party_roles-0-party", "Quillfeather")
    page.select_option("#id_party_roles-0-role", "claimant")
    page.get_by_text("Add another Claim").click()
    page.select_option("#id_claims-0-theory", label="Journey copyright")
    page.fill("#id_claims-0-description", "Copying of a catalogue in training.")
    page.get_by_text("Add another Evidence").click()
    page.select_option("#id_evidence-0-kind", "watermark_prompts")
    page.fill("#id_evidence-0-title", "Canary prompts reproduced verbatim")
    page.fill("#id_evidence-0-description", "Made up by the journey test.")


def _step(page, link: str, comment: str) -> None:
    _navigate(page, page.get_by_role("link", name=link).click)
    page.fill("textarea[name=comment]", comment)
    _navigate(page, page.locator(".submit-row input[type=submit]").click)


def test_editor_enters_a_dispute_a_reviewer_publishes_it_and_search_finds_it(
    live_server, browser
):
    """GIVEN an editor and a reviewer WHEN the editor enters a dispute with a party,
    a claim and evidence in the admin and submits it, and the reviewer publishes it
    THEN the public search finds it and its page shows the party, claim and
    evidence."""
    f.JurisdictionFactory(name="Ruritania (test data)", slug="ruritania-test")
    f.SourceFactory(title="Journey test source", publisher="example.test")
    f.PartyFactory(name="Quillfeather Ltd (test data)")
    f.LegalTheoryFactory(name="Journey copyright", slug="journey-copyright")
    user_with_role("editor", "journey-editor")
    user_with_role("reviewer", "journey-reviewer")
    base, journey = live_server.url, "editor"

    context, page = _sign_in(
        browser, base, "journey-editor", "/admin/cases/dispute/add/"
    )
    blocked = _csp_errors(page)
    try:
        _enter_dispute(page)
        _shot(page, journey, "01-dispute-entered")
        _navigate(page, lambda: page.click("input[name=_continue]"))
        assert not page.locator(".errornote").count(), page.locator("main").inner_text()
        change_url = page.url
        _shot(page, journey, "02-saved-as-draft")
        _step(page, "Submit for review", "Ready for review (journey test).")
        _shot(page, journey, "03-submitted")
    finally:
        context.close()
    assert not blocked, blocked

    path = change_url.removeprefix(base)
    context, page = _sign_in(browser, base, "journey-reviewer", path)
    try:
        _step(page, "Publish", "Checked (journey test).")
        _shot(page, journey, "04-published")
    finally:
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()  # the public, signed out
    try:
        page.goto(base + "/search?q=Quillfeather")
        link = page.get_by_role(
            "link", name="Quillfeather Ltd v Marrowbridge AI Ltd (test data)"
        )
        assert link.count() >= 1, page.locator("main").inner_text()
        _shot(page, journey, "05-found-by-search")
        _navigate(page, link.first.click)
        assert "/disputes/" in page.url
        text = page.locator("main").inner_text()
        assert "Quillfeather Ltd (test data)" in text
        assert "Copying of a catalogue in training." in text
        assert "Canary prompts reproduced verbatim" in text
        _shot(page, journey, "06-public-page")
    finally:
        context.close()


def test_analyst_filters_the_analytics_and_downloads_the_csv(live_server, browser):
    """GIVEN published disputes WHEN an analyst filters the analytics page by a
    legal theory and downloads a table as CSV THEN the page and the download carry
    the filter, and the file is CSV with a header row."""
    from tests.security.graph import build_graph

    theory = build_graph()["theory"]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    journey = "analyst"
    try:
        page.goto(live_server.url + "/analytics")
        _shot(page, journey, "01-analytics")
        page.select_option("#id_theory", theory.slug)
        _navigate(page, page.get_by_role("button", name="Apply filters").click)
        assert f"theory={theory.slug}" in page.url
        _shot(page, journey, "02-filtered")
        link = page.locator("a[href*='.csv']").first
        assert f"theory={theory.slug}" in link.get_attribute("href")
        with page.expect_download() as download:
            link.click()
        text = Path(download.value.path()).read_text()
        header, *rows = text.splitlines()
        assert "," in header and rows, text
    finally:
        context.close()
