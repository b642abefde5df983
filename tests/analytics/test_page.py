"""The analytics page: charts with accessible tables, escaped labels, filters that
reach every figure, and errors that name the field."""

import csv
import io
import json
import xml.dom.minidom

import pytest
from django.urls import reverse

from casebase.analytics import charts
from casebase.analytics.filters import AnalyticsFilters
from casebase.analytics.selectors import all_figures
from tests import factories as f
from tests.analytics.data import build_world
from tests.html import content, tags

URL = "/analytics"


@pytest.fixture
def world(db):
    return build_world()


def test_page_shows_every_figure_as_chart_and_table(client, world):
    """GIVEN data WHEN the page is opened THEN each figure has a table with a
    caption and scoped headers, and every figure but the amounts list has an SVG
    chart with a title, beside a CSV download link."""
    response = client.get(URL)
    assert response.status_code == 200
    html = content(response)
    sections = [t for t in tags(response, "section") if t.get("class") == "figure"]
    assert len(sections) == 10
    assert html.count("<caption>") == 10
    assert html.count('<svg class="chart"') == 9
    assert html.count('role="img"') == 9
    headers = tags(response, "th")
    assert headers and all(h.get("scope") in ("col", "row") for h in headers)
    csv_links = [a["href"] for a in tags(response, "a") if ".csv" in a.get("href", "")]
    assert len(csv_links) == 10


def test_every_chart_is_well_formed_svg(world):
    """Each chart parses as XML (a stray `<` or `&` would break it)."""
    for figure in all_figures(AnalyticsFilters()):
        svg = charts.render(figure)
        if svg:
            xml.dom.minidom.parseString(str(svg))


def test_labels_are_escaped_in_charts_and_tables(client, db):
    """A party name with markup appears as text in the chart and the table: never
    as a live element."""
    name = '<script>alert("x")</script> & Test Labs'
    developer = f.PartyFactory(slug="test-evil", name=name)
    f.AISystemFactory(developer=developer)
    f.DisputePartyFactory(party=developer, role="defendant")
    response = client.get(URL)
    html = content(response)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Test Labs" in html


def test_filters_change_the_figures_and_the_download_links(client, world):
    """Filtering by jurisdiction narrows the page's total and is carried into each
    figure's download link."""
    response = client.get(URL, {"jurisdiction": "test-south"})
    assert response.status_code == 200
    assert response.context["disputes_total"] == 2
    links = [a["href"] for a in tags(response, "a") if ".csv" in a.get("href", "")]
    assert all("jurisdiction=test-south" in link for link in links)


def test_bad_filter_is_a_400_that_names_the_field(client, world):
    """An unknown theory: HTTP 400, the page still renders with the figures for the
    valid filters, and the error names the field."""
    response = client.get(URL, {"theory": "no-such-theory", "year_from": "2022"})
    assert response.status_code == 400
    html = content(response)
    assert "Legal theory: There is no such legal theory" in html
    assert response.context["disputes_total"] == 2


def test_figure_csv_download_matches_the_table(client, world):
    """The stage CSV has the table's columns and numbers, with the filters applied."""
    url = reverse("analytics:figure", kwargs={"key": "stage", "fmt": "csv"})
    response = client.get(url, {"jurisdiction": "test-north"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["stage", "disputes"]
    assert dict(rows[1:])["Judgment"] == "1"
    assert sum(int(n) for _stage, n in rows[1:]) == 2


def test_figure_json_download_has_filters_and_rows(client, world):
    """The claims JSON names its filters and carries the counts behind each rate."""
    url = reverse("analytics:figure", kwargs={"key": "claims", "fmt": "json"})
    response = client.get(url, {"theory": "test-beta"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["filters"] == {"theory": "test-beta"}
    beta = next(r for r in data["results"] if r["theory"] == "Test beta right")
    assert beta["success_counts"] == "0 of 1"


def test_download_of_unknown_figure_or_bad_filter(client, world):
    """An unknown figure is a 404; a bad filter on a download is a 400 JSON naming
    the field."""
    missing = reverse("analytics:figure", kwargs={"key": "nosuch", "fmt": "csv"})
    assert client.get(missing).status_code == 404
    url = reverse("analytics:figure", kwargs={"key": "stage", "fmt": "csv"})
    response = client.get(url, {"year_from": "soon"})
    assert response.status_code == 400
    assert "year_from" in response.json()["errors"]


def test_empty_database_page_renders(client, db):
    """With no disputes the page still renders, saying there is nothing to show."""
    response = client.get(URL)
    assert response.status_code == 200
    assert "nothing to show" in content(response)
