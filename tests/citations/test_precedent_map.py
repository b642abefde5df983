"""The precedent map: SVG on a time axis, a link per judgment, escaped text."""

import datetime as dt
from xml.etree import ElementTree

from casebase.citations.precedent_map import MapNode, render_map

SVG = "{http://www.w3.org/2000/svg}"


def subject():
    return MapNode(
        "Subject v Test", "[2024] EWCA Civ 1", dt.date(2024, 7, 19), "/ewca/civ/2024/1"
    )


def test_no_treatments_no_map():
    """With nothing cited or citing, there is no picture to draw."""
    assert render_map(subject(), []) == ""


def test_each_node_is_a_link_coloured_by_treatment():
    """Every judgment on the map is a link to its page, coloured by its treatment."""
    nodes = [
        MapNode(
            "Earlier v Test",
            "[2006] EWCA Civ 9",
            dt.date(2006, 1, 1),
            "/ewca/civ/2006/9",
            "applied",
            "Applied",
            "cites",
        ),
        MapNode(
            "Later v Test",
            "[2026] UKSC 3",
            dt.date(2026, 2, 11),
            "/uksc/2026/3",
            "reversed",
            "Reversed",
            "cited_by",
        ),
    ]
    tree = ElementTree.fromstring(render_map(subject(), nodes))
    links = tree.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["/uksc/2026/3", "/ewca/civ/2006/9"] or [
        a.get("href") for a in links
    ] == ["/ewca/civ/2006/9", "/uksc/2026/3"]
    colours = {a.get("href"): a.find(f"{SVG}circle").get("fill") for a in links}
    assert colours["/uksc/2026/3"] != colours["/ewca/civ/2006/9"]


def test_later_judgments_sit_above_the_axis_and_right_of_earlier_ones():
    """Time runs left to right; citing judgments are above, cited ones below."""
    nodes = [
        MapNode(
            "Earlier",
            "[2006] EWCA Civ 9",
            dt.date(2006, 1, 1),
            "/a",
            "applied",
            "Applied",
            "cites",
        ),
        MapNode(
            "Later",
            "[2026] UKSC 3",
            dt.date(2026, 2, 11),
            "/b",
            "reversed",
            "Reversed",
            "cited_by",
        ),
    ]
    tree = ElementTree.fromstring(render_map(subject(), nodes))
    circles = {a.get("href"): a.find(f"{SVG}circle") for a in tree.findall(f"{SVG}a")}
    assert float(circles["/a"].get("cx")) < float(circles["/b"].get("cx"))
    assert float(circles["/b"].get("cy")) < float(circles["/a"].get("cy"))


def test_markup_in_names_and_urls_is_escaped():
    """A case name or URL holding markup cannot inject elements into the page."""
    evil = MapNode(
        '<script>alert(1)</script> v "Quote"',
        "[2020] EWHC 1 (Ch)",
        dt.date(2020, 1, 1),
        '/x" onmouseover="alert(1)',
        "doubted",
        "Doubted",
        "cited_by",
    )
    svg = render_map(subject(), [evil])
    assert "<script>" not in svg
    assert 'onmouseover="' not in svg
    tree = ElementTree.fromstring(svg)  # still well-formed
    assert tree.find(f"{SVG}a").get("href") == '/x" onmouseover="alert(1)'


def test_the_map_has_a_title_and_description():
    """Screen readers get a title and a description that points to the table."""
    node = MapNode(
        "Later",
        "[2026] UKSC 3",
        dt.date(2026, 2, 11),
        "/b",
        "applied",
        "Applied",
        "cited_by",
    )
    tree = ElementTree.fromstring(render_map(subject(), [node]))
    assert tree.find(f"{SVG}title").text == "Precedent map of Subject v Test"
    assert "table" in tree.find(f"{SVG}desc").text
