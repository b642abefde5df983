"""A reader's first visit, in a real browser, on the real reference data."""

import pytest

from casebase.importers.reference import load_reference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_home_to_a_dispute_and_a_precedent(
    live_server, page, screenshot
):
    """GIVEN the reference data WHEN a reader browses THEN every step shows real content."""
    load_reference()
    page.goto(live_server.url + "/")
    assert "casebase" in page.title().lower()
    assert page.locator("main").is_visible()
    screenshot("01-home")

    page.goto(live_server.url + "/disputes?theory=patent")
    screenshot("02-disputes-patent")
    with page.expect_navigation():
        page.get_by_role("link", name="Commissioner of Patents v Thaler").first.click()
    assert "Commissioner of Patents v Thaler" in page.locator("h1").inner_text()
    screenshot("03-dispute")

    page.goto(live_server.url + "/ewhc/ch/2023/2948")
    assert "Emotional Perception" in page.locator("h1").inner_text()
    assert "Negative" in page.locator("main").inner_text()
    screenshot("04-precedent")

    page.goto(live_server.url + "/law/ukpga/1977/37/section/1")
    body = page.locator("main").inner_text()
    assert "s. 1(1)" in body and "s. 1(2)(c)" in body
    screenshot("05-provision")
