"""The Cite control in a real browser: the script reveals Copy, and Copy copies."""

import pytest

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copy_puts_the_oscola_citation_on_the_clipboard(live_server, browser):
    """GIVEN a precedent page WHEN the reader presses Copy citation THEN the OSCOLA
    citation is on the clipboard and the page says so."""
    f.PrecedentFactory(
        case_name="Testco Ltd v Example Ltd",
        neutral_citation="[2023] UKSC 49",
        law_report_citations=["[2024] Bus LR 47"],
    )
    context = browser.new_context()
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = context.new_page()
    page.goto(live_server.url + "/uksc/2023/49")
    button = page.get_by_role("button", name="Copy citation")
    assert button.is_visible()
    button.click()
    page.get_by_text("Copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "Testco Ltd v Example Ltd [2023] UKSC 49, [2024] Bus LR 47"
    context.close()
