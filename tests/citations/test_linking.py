"""Auto-linking citations and legislation in stored text, without breaking escaping."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from casebase.citations.site.linking import autolink
from casebase.citations.site.lookup import build_lookup, lookup_for
from casebase.core.models import PublicationStatus
from casebase.law.models import LegislationType
from tests import factories as f
from tests.html import tags

pytestmark = pytest.mark.django_db


def links(html):
    return [(a.get("href"), a.get("class")) for a in tags(html, "a")]


def test_held_precedent_links_to_its_page():
    """A neutral citation of a judgment casebase holds links to its casebase page."""
    f.PrecedentFactory(neutral_citation="[2023] UKSC 49")
    html = autolink("Applied in (2023) uksc 49.", build_lookup(None))
    assert links(html) == [("/uksc/2023/49", "cite-link")]


def test_held_precedent_is_found_by_its_law_report():
    """A law-report citation of a held judgment links to the same page."""
    f.PrecedentFactory(
        neutral_citation="[2013] UKSC 31", law_report_citations=["[2013] 1 WLR 1556"]
    )
    html = autolink("see [2013] 1 WLR 1556", build_lookup(None))
    assert links(html) == [("/uksc/2013/31", "cite-link")]


def test_other_judgments_link_to_find_case_law():
    """A citation casebase does not hold links out to Find Case Law."""
    html = autolink("Appeal from [2021] EWCA Civ 1374.", build_lookup(None))
    assert links(html) == [
        (
            "https://caselaw.nationalarchives.gov.uk/ewca/civ/2021/1374",
            "cite-link external",
        )
    ]


def test_a_draft_precedent_is_not_linked_for_the_public(editor):
    """The public gets Find Case Law, not a link to a judgment it may not see."""
    f.PrecedentFactory(
        neutral_citation="[2023] UKSC 49", publication_status=PublicationStatus.DRAFT
    )
    public = autolink("[2023] UKSC 49", build_lookup(None))
    staff = autolink("[2023] UKSC 49", build_lookup(editor))
    assert links(public)[0][0].startswith("https://caselaw.nationalarchives.gov.uk/")
    assert links(staff)[0][0] == "/uksc/2023/49"


def test_held_provision_links_to_its_page_and_anchor():
    """`s.16 CDPA 1988` links to casebase's provision page at the provision's anchor."""
    statute = f.StatuteFactory(
        short_title="Copyright, Designs and Patents Act 1988", year=1988, number=48
    )
    provision = f.ProvisionFactory(statute=statute, number="16", label="s. 16")
    html = autolink("infringes s.16 CDPA 1988", build_lookup(None))
    assert (f"{provision.get_absolute_url()}#{provision.anchor}", "cite-link") in links(
        html
    )


def test_provision_not_held_links_to_legislation_gov_uk():
    """A section casebase has no record of links to legislation.gov.uk."""
    html = autolink(
        "section 52 of the Copyright, Designs and Patents Act 1988", build_lookup(None)
    )
    assert links(html)[0] == (
        "https://www.legislation.gov.uk/ukpga/1988/48/section/52",
        "cite-link external",
    )


def test_a_statute_casebase_holds_is_recognised_by_its_title():
    """A statute an editor added is found in text by its short title."""
    statute = f.StatuteFactory(
        short_title="Test Robots Act 2031",
        year=2031,
        number=7,
        legislation_type=LegislationType.UKPGA,
    )
    html = autolink("under the Test Robots Act 2031", build_lookup(None))
    assert links(html) == [(statute.get_absolute_url(), "cite-link")]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script> [2023] UKSC 49",
        '"><img src=x onerror=alert(1)> s.16 CDPA 1988',
        "[2023] UKSC 49<b>bold</b>",
        "[<i>2023</i>] UKSC 49 & s.16 CDPA",
        "javascript:alert(1) Case C-406/10",
    ],
)
def test_markup_is_never_injected(payload):
    """Whatever the stored text holds, the only elements out are the links made here."""
    f.PrecedentFactory(neutral_citation="[2023] UKSC 49", case_name='Evil "name" <b>')

    class Elements(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Elements()
    parser.found = []
    parser.feed(str(autolink(payload, build_lookup(None))))
    assert {tag for tag, _ in parser.found} <= {"a"}
    for _, attrs in parser.found:
        assert set(attrs) <= {"class", "href", "title", "rel"}
        assert not attrs["href"].startswith("javascript")


def test_newlines_become_breaks_only_when_asked():
    """With `linebreaks`, a newline becomes `<br>`, as linebreaksbr would do."""
    assert str(autolink("a\nb", build_lookup(None), linebreaks=True)) == "a<br>b"
    assert str(autolink("a\nb", build_lookup(None))) == "a\nb"


def test_the_lookup_is_loaded_once_per_request():
    """Many texts on one page cost the lookup's three queries, once."""
    for n in range(5):
        f.PrecedentFactory(neutral_citation=f"[2020] UKSC {n + 1}")
    request = RequestFactory().get("/")
    request.user = None
    template = Template(
        "{% load citations %}{% for t in texts %}{% autolink t %}{% endfor %}"
    )
    texts = [f"[2020] UKSC {n % 5 + 1} and [2019] EWCA Civ {n}" for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"texts": texts, "request": request}))
    assert len(queries) == 3
    assert html.count('href="/uksc/2020/') == 20
    assert lookup_for(request) is lookup_for(request)
