"""The citator on the reference precedents: flags with reasons, the appeal chain,
the precedent map and the Cite control."""

import datetime as dt

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.law.models import Precedent, PrecedentStatus, Treatment
from casebase.law.selectors import later_history_chain
from tests import factories as f
from tests.html import content, tags


@pytest.fixture
def ref(reference_db, db):
    return reference_db


def by_citation(citation):
    return Precedent.objects.get(neutral_citation=citation)


def test_aerotel_is_negative_after_emotional_perception(ref):
    """Aerotel is flagged negative: departed from by the Supreme Court in [2026] UKSC 3."""
    status, authority = by_citation("[2006] EWCA Civ 1371").status_with_reason()
    assert status == PrecedentStatus.NEGATIVE
    assert authority.treatment == Treatment.DEPARTED_FROM
    assert authority.citing.neutral_citation == "[2026] UKSC 3"


@pytest.mark.parametrize(
    "citation", ["[2023] EWHC 2948 (Ch)", "[2024] EWCA Civ 825", "[2026] UKSC 3"]
)
def test_emotional_perception_chain_from_every_step(ref, citation):
    """From any of the three judgments, the chain is High Court -> Court of Appeal ->
    Supreme Court, each step reversing the one before."""
    chain = later_history_chain(user=None, precedent=by_citation(citation))
    assert [s.precedent.neutral_citation for s in chain] == [
        "[2023] EWHC 2948 (Ch)",
        "[2024] EWCA Civ 825",
        "[2026] UKSC 3",
    ]
    assert [s.treatment for s in chain] == ["", "reversed", "reversed"]


def test_no_appeal_no_chain(ref):
    """A judgment with no recorded appeal has no chain."""
    assert later_history_chain(user=None, precedent=by_citation("[2023] UKSC 49")) == []


def test_chain_skips_a_draft_appeal_for_the_public(db, editor):
    """An unpublished appellate judgment is not shown in the public chain."""
    first = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    appeal = f.PrecedentFactory(
        decision_date=dt.date(2021, 1, 1), publication_status=PublicationStatus.DRAFT
    )
    f.AuthorityFactory(citing=appeal, cited=first, treatment=Treatment.AFFIRMED)
    assert later_history_chain(user=None, precedent=first) == []
    assert len(later_history_chain(user=editor, precedent=first)) == 2


def test_chain_survives_a_loop(db):
    """Mis-entered treatments that loop back do not hang the page."""
    a = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    b = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    f.AuthorityFactory(citing=b, cited=a, treatment=Treatment.REVERSED)
    f.AuthorityFactory(citing=a, cited=b, treatment=Treatment.REVERSED)
    assert len(later_history_chain(user=None, precedent=a)) == 2


def test_precedent_page_shows_the_chain(ref, client):
    """The Court of Appeal page lists the appeal history with itself marked current."""
    html = content(client.get("/ewca/civ/2024/825"))
    assert "Appeal history" in html
    current = [li for li in tags(html, "li") if li.get("aria-current") == "true"]
    assert len(current) == 1
    chain = html[
        html.index("Appeal history") : html.index("</ol>", html.index("Appeal history"))
    ]
    assert chain.index("/ewhc/ch/2023/2948") < chain.index("/uksc/2026/3")


def test_precedent_page_draws_the_map_with_a_text_alternative(ref, client):
    """The map is inline SVG whose nodes link to the judgments, with a table too."""
    html = content(client.get("/ewca/civ/2006/1371"))
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="precedent-map"' in html
    hrefs = {a.get("href") for a in tags(html, "a")}
    assert {"/uksc/2026/3", "/ewca/civ/2008/1066", "/ewca/civ/2024/825"} <= hrefs
    assert "The map as a table" in html


def test_cite_control_shows_oscola_without_script(ref, client):
    """The OSCOLA citation is on the page as text; the Copy button waits for the
    script (hidden without it), which is an external file, never inline."""
    html = content(client.get("/uksc/2013/31"))
    assert (
        "Vestergaard Frandsen A/S (now MVF 3 ApS) v Bestnet Europe Ltd [2013] UKSC 31, "
        "[2013] 1 WLR 1556"
    ) in html
    (button,) = [b for b in tags(html, "button") if "data-copy-target" in b]
    assert "hidden" in button
    scripts = tags(html, "script")
    assert all(s.get("src") for s in scripts)
    assert any(s["src"].endswith("js/cite.js") for s in scripts)


def test_eu_precedent_cites_in_oscola(ref, client):
    """The CJEU's SAS judgment is cited with its case number and ECLI."""
    precedent = by_citation("Case C-406/10, ECLI:EU:C:2012:259")
    html = content(client.get(precedent.get_absolute_url()))
    assert (
        "Case C-406/10 SAS Institute Inc v World Programming Ltd EU:C:2012:259" in html
    )


def test_provision_page_cites_each_provision(ref, client):
    """A statutory instrument's provision page gives the SI number and `reg`."""
    html = content(client.get("/law/uksi/1997/3032/regulation/12"))
    assert (
        "Copyright and Rights in Databases Regulations 1997, SI 1997/3032, reg 12"
        in html
    )


def test_dispute_page_cites_the_pending_case(ref, client):
    """A UK dispute is cited by caption, court and claim number."""
    html = content(
        client.get(
            reverse("cases:dispute-detail", args=["getty-images-v-stability-ai-uk"])
        )
    )
    assert "Getty Images (US) Inc v Stability AI Ltd (High Court" in html
    assert "Claim No IL-2023-000007)" in html


def test_holding_links_its_legislation(ref, client):
    """Thaler's holding links the Patents Act and s.13(2) to casebase's pages."""
    html = content(client.get("/uksc/2023/49"))
    hrefs = [a.get("href") for a in tags(html, "a")]
    assert "/law/ukpga/1977/37" in hrefs
    assert any(h.startswith("/law/ukpga/1977/37/section/13#") for h in hrefs if h)
    assert "https://caselaw.nationalarchives.gov.uk/ewca/civ/2021/1374" in hrefs


def test_precedent_list_gives_the_reason(ref, client):
    """The list says why Aerotel is flagged: the later judgment and its treatment."""
    html = content(client.get(reverse("law:precedent-list")))
    assert "departed from in" in html
