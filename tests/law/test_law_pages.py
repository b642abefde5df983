"""Public pages for precedents, legislation, theories, courts and jurisdictions."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.cases.models import ClaimResult, PrecedentRelation
from casebase.core.models import PublicationStatus
from casebase.law.models import LegislationType, Treatment
from tests import factories as f
from tests.html import content

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


# ---- precedents ------------------------------------------------------------------


def test_precedent_list_shows_citation_court_date_and_flag(client):
    """The list shows each judgment's citation, court, date and citator flag."""
    precedent = f.PrecedentFactory(
        case_name="Testco v Example",
        neutral_citation="[2023] UKSC 49",
        court__name="Test Supreme Court",
        decision_date=dt.date(2023, 12, 20),
    )
    html = content(client.get(reverse("law:precedent-list")))
    assert "Testco v Example" in html
    assert "[2023] UKSC 49" in html
    assert "Test Supreme Court" in html
    assert "20 December 2023" in html
    assert "flag-good_law" in html
    assert 'href="/uksc/2023/49"' in html
    assert precedent.get_absolute_url() == "/uksc/2023/49"


def test_precedent_list_flags_negative_treatment(client):
    """A reversed judgment carries the negative flag on the list."""
    authority = f.AuthorityFactory(treatment=Treatment.REVERSED)
    html = content(client.get(reverse("law:precedent-list")))
    assert "flag-negative" in html
    assert authority.cited.case_name in html


def test_precedent_list_hides_drafts(client):
    """A draft precedent is not on the public list."""
    f.PrecedentFactory(case_name="Draft Judgment v Nobody", publication_status=DRAFT)
    assert "Draft Judgment v Nobody" not in content(
        client.get(reverse("law:precedent-list"))
    )


def test_precedent_list_filters_by_court_and_theory(client):
    """The list can be narrowed to one court or one legal theory."""
    wanted = f.PrecedentFactory(case_name="Wanted v Judgment")
    theory = f.LegalTheoryFactory(slug="patent")
    wanted.legal_theories.add(theory)
    f.PrecedentFactory(case_name="Other v Judgment")
    url = reverse("law:precedent-list")
    for params in ({"court": wanted.court.slug}, {"theory": "patent"}):
        html = content(client.get(url, params))
        assert "Wanted v Judgment" in html
        assert "Other v Judgment" not in html


@pytest.mark.parametrize(
    "query", ["court=%3Cscript%3E", "theory=nope", "page=abc", "page=99999"]
)
def test_precedent_list_bad_parameters_are_a_400_not_a_500(client, query):
    """Bad filters on the precedent list name the field and still list judgments."""
    f.PrecedentFactory(case_name="Still v Listed")
    response = client.get(reverse("law:precedent-list") + "?" + query)
    assert response.status_code == 400
    assert "Still v Listed" in content(response)
    assert "<script>" not in content(response)


def test_citation_shaped_url_shows_the_judgment(client):
    """`/ewhc/ch/2025/2863` serves the judgment with that neutral citation."""
    precedent = f.PrecedentFactory(
        case_name="Getty v Stability",
        neutral_citation="[2025] EWHC 2863 (Ch)",
        law_report_citations=["[2026] FSR 1"],
        court_detail="Chancery Division (Test J)",
        decision_date_note="Hearing in June",
        judges="Test J",
        holding="Model weights are not an infringing copy.",
        later_history="Appeal pending.",
        notes="A note on the judgment.",
    )
    response = client.get("/ewhc/ch/2025/2863")
    assert response.status_code == 200
    html = content(response)
    for text in (
        "Getty v Stability",
        "[2025] EWHC 2863 (Ch)",
        "[2026] FSR 1",
        "Chancery Division (Test J)",
        "Hearing in June",
        "Test J",
        "Model weights are not an infringing copy.",
        "Appeal pending.",
        "A note on the judgment.",
        "https://caselaw.nationalarchives.gov.uk/ewhc/ch/2025/2863",
        precedent.court.get_absolute_url(),
    ):
        assert text in html, text
    assert client.get("/ewhc/ch/2025/2863/").status_code == 200


def test_slug_url_redirects_to_the_citation_url(client):
    """A judgment reachable at a citation path redirects there from its slug."""
    precedent = f.PrecedentFactory(neutral_citation="[2023] UKSC 49")
    response = client.get(reverse("law:precedent-detail", args=[precedent.slug]))
    assert response.status_code == 301
    assert response["Location"] == "/uksc/2023/49"


def test_judgment_without_neutral_citation_lives_at_its_slug(client):
    """An EU or pre-2001 judgment has no citation path and is served at its slug."""
    precedent = f.PrecedentFactory(
        neutral_citation="Case C-406/10, ECLI:EU:C:2012:259",
        case_name="SAS Institute v World Programming",
    )
    url = precedent.get_absolute_url()
    assert url == reverse("law:precedent-detail", args=[precedent.slug])
    html = content(client.get(url))
    assert "SAS Institute v World Programming" in html
    assert "Find Case Law" not in html


def test_unknown_citation_path_is_a_styled_404(client):
    """A citation-shaped path with no judgment is a 404 with the site's own page."""
    response = client.get("/uksc/1999/1")
    assert response.status_code == 404
    assert "We can’t find that page" in content(response)


def test_draft_precedent_is_404_at_both_addresses(client):
    """A draft judgment is not found at its citation path or its slug."""
    precedent = f.PrecedentFactory(
        neutral_citation="[2024] EWCA Civ 825", publication_status=DRAFT
    )
    assert client.get("/ewca/civ/2024/825").status_code == 404
    slug_url = reverse("law:precedent-detail", args=[precedent.slug])
    assert client.get(slug_url).status_code == 404


def test_editors_see_a_draft_precedent_marked(client, editor):
    """Editors can open a draft judgment, marked as a draft."""
    f.PrecedentFactory(neutral_citation="[2024] EWCA Civ 825", publication_status=DRAFT)
    client.force_login(editor)
    response = client.get("/ewca/civ/2024/825")
    assert response.status_code == 200
    assert "badge-draft" in content(response)


def test_precedent_shows_status_with_its_reason(client):
    """A reversed judgment's page says so and names the reversing judgment."""
    authority = f.AuthorityFactory(
        treatment=Treatment.REVERSED,
        citing__case_name="Appeal Court Ruling",
        citing__neutral_citation="[2024] EWCA Civ 1",
    )
    html = content(client.get(authority.cited.get_absolute_url()))
    assert "Negative treatment" in html
    assert "reversed in" in html
    assert "Appeal Court Ruling" in html


def test_precedent_groups_what_it_cites_and_what_cites_it_by_treatment(client):
    """Authorities appear under their treatment, in both directions; drafts do not."""
    precedent = f.PrecedentFactory()
    f.AuthorityFactory(
        citing=precedent,
        cited__case_name="Earlier Applied",
        treatment=Treatment.APPLIED,
    )
    f.AuthorityFactory(
        citing=precedent,
        cited__case_name="Earlier Distinguished",
        treatment=Treatment.DISTINGUISHED,
    )
    f.AuthorityFactory(
        cited=precedent,
        citing__case_name="Later Follower",
        treatment=Treatment.FOLLOWED,
    )
    f.AuthorityFactory(
        cited=precedent,
        citing__case_name="Draft Follower",
        treatment=Treatment.FOLLOWED,
        publication_status=DRAFT,
    )
    f.AuthorityFactory(
        cited=precedent,
        citing__case_name="Unpublished Judgment",
        citing__publication_status=DRAFT,
    )
    html = content(client.get(precedent.get_absolute_url()))
    cites = html[html.index("What it cites") : html.index("What cites it")]
    cited_by = html[html.index("What cites it") :]
    assert cites.index("Applied") < cites.index("Earlier Applied")
    assert cites.index("Distinguished") < cites.index("Earlier Distinguished")
    assert cited_by.index("Followed") < cited_by.index("Later Follower")
    assert "Draft Follower" not in html
    assert "Unpublished Judgment" not in html


def test_precedent_lists_published_disputes_only(client):
    """The disputes linked to a judgment are the published ones."""
    link = f.DisputePrecedentFactory(
        dispute__short_title="Public dispute", relation=PrecedentRelation.JUDGMENT
    )
    f.DisputePrecedentFactory(
        precedent=link.precedent,
        dispute__short_title="Hidden dispute",
        dispute__publication_status=DRAFT,
    )
    html = content(client.get(link.precedent.get_absolute_url()))
    assert "Public dispute" in html
    assert "Judgment in this dispute" in html
    assert "Hidden dispute" not in html


def test_unverified_precedent_is_marked(client):
    """An unverified judgment carries the marker with its unconfirmed elements."""
    precedent = f.PrecedentFactory(verified=False, unverified_elements=["the date"])
    html = content(client.get(precedent.get_absolute_url()))
    assert "badge-unverified" in html
    assert "<li>the date</li>" in html


def test_precedent_page_query_count_does_not_grow(client):
    """A judgment's page costs the same with 1 or 30 authorities and disputes."""

    def queries_for(n):
        precedent = f.PrecedentFactory()
        for _ in range(n):
            f.AuthorityFactory(cited=precedent)
            f.AuthorityFactory(citing=precedent)
            f.DisputePrecedentFactory(precedent=precedent)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(precedent.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    assert queries_for(1) == queries_for(30)


# ---- legislation -----------------------------------------------------------------


def _cdpa():
    return f.StatuteFactory(
        short_title="Copyright, Designs and Patents Act 1988",
        year=1988,
        number=48,
        chapter_or_si="1988 c. 48",
    )


def test_statute_list_shows_statutes_and_their_provisions(client):
    """The legislation page lists each statute with links to its provisions."""
    provision = f.ProvisionFactory(statute=_cdpa(), label="s. 16", number="16")
    f.ProvisionFactory(
        statute=provision.statute, label="s. 99", publication_status=DRAFT
    )
    html = content(client.get(reverse("law:statute-list")))
    assert "Copyright, Designs and Patents Act 1988" in html
    assert "/law/ukpga/1988/48/section/16#p-s--16" in html
    assert "s. 99" not in html


def test_statute_detail_lists_provisions_in_order(client):
    """A statute's page lists its provisions in their recorded order."""
    statute = _cdpa()
    f.ProvisionFactory(statute=statute, label="s. 17", number="17", position=2)
    f.ProvisionFactory(statute=statute, label="s. 16", number="16", position=1)
    response = client.get("/law/ukpga/1988/48")
    assert response.status_code == 200
    html = content(response)
    assert html.index("s. 16") < html.index("s. 17")
    assert "https://www.legislation.gov.uk/ukpga/1988/48/contents" in html


def test_provision_page_shows_its_details(client):
    """A provision's page shows heading, summary, relevance, notes and its official
    text link."""
    f.ProvisionFactory(
        statute=_cdpa(),
        label="s. 16",
        number="16",
        heading="The acts restricted by copyright in a work",
        summary="The owner has the exclusive right to copy the work.",
        relevance="Copyright infringement",
        notes="An editorial note.",
    )
    response = client.get("/law/ukpga/1988/48/section/16")
    assert response.status_code == 200
    html = content(response)
    for text in (
        "The acts restricted by copyright in a work",
        "The owner has the exclusive right to copy the work.",
        "Copyright infringement",
        "An editorial note.",
        "https://www.legislation.gov.uk/ukpga/1988/48/section/16",
        "on legislation.gov.uk",
    ):
        assert text in html, text


def test_regulation_path_works_for_statutory_instruments(client):
    """An SI's provision lives at `/law/uksi/<year>/<n>/regulation/<n>`."""
    statute = f.StatuteFactory(
        legislation_type=LegislationType.UKSI, year=1997, number=3032
    )
    provision = f.ProvisionFactory(
        statute=statute, label="reg. 12", unit="regulation", number="12"
    )
    assert provision.get_absolute_url() == "/law/uksi/1997/3032/regulation/12"
    assert client.get("/law/uksi/1997/3032/regulation/12").status_code == 200


def test_provisions_sharing_a_section_are_shown_together(client):
    """`s. 1(1)` and `s. 1(2)(c)` both live at section/1, each under its own anchor."""
    statute = f.StatuteFactory(short_title="Patents Act 1977", year=1977, number=37)
    first = f.ProvisionFactory(
        statute=statute, label="s. 1(1)", number="1", heading="Patentable inventions"
    )
    second = f.ProvisionFactory(
        statute=statute, label="s. 1(2)(c)", number="1", heading="Excluded matter"
    )
    assert first.get_absolute_url() == second.get_absolute_url()
    html = content(client.get("/law/ukpga/1977/37/section/1"))
    assert f'id="{first.anchor}"' in html
    assert f'id="{second.anchor}"' in html
    assert "Patentable inventions" in html and "Excluded matter" in html


def test_provision_lists_published_claims_with_their_disputes(client):
    """The claims relying on a provision are listed with their disputes; draft claims
    and claims of draft disputes are not."""
    provision = f.ProvisionFactory(statute=_cdpa(), label="s. 16", number="16")
    shown = f.ClaimFactory(description="Shown claim", dispute__short_title="Shown case")
    draft_claim = f.ClaimFactory(description="Draft claim", publication_status=DRAFT)
    hidden = f.ClaimFactory(
        description="Claim of a draft", dispute__publication_status=DRAFT
    )
    for claim in (shown, draft_claim, hidden):
        claim.provisions.add(provision)
    html = content(client.get(provision.get_absolute_url()))
    assert "Shown claim" in html and "Shown case" in html
    assert "Draft claim" not in html
    assert "Claim of a draft" not in html


def test_provision_page_lists_precedents_on_its_theory(client):
    """A provision's page lists published judgments recorded under its theory."""
    theory = f.LegalTheoryFactory(name="Copyright")
    provision = f.ProvisionFactory(statute=_cdpa(), label="s. 16", number="16")
    provision.legal_theories.add(theory)
    shown = f.PrecedentFactory(case_name="Shown Judgment")
    hidden = f.PrecedentFactory(case_name="Hidden Judgment", publication_status=DRAFT)
    for precedent in (shown, hidden):
        precedent.legal_theories.add(theory)
    html = content(client.get(provision.get_absolute_url()))
    assert "Shown Judgment" in html
    assert "Hidden Judgment" not in html


def test_unverified_provision_is_marked(client):
    """An unverified provision carries the marker."""
    provision = f.ProvisionFactory(verified=False, unverified_elements=["the heading"])
    html = content(client.get(provision.get_absolute_url()))
    assert "badge-unverified" in html and "the heading" in html


@pytest.mark.parametrize(
    "path",
    [
        "/law/ukpga/1988/48/section/999",
        "/law/ukpga/1988/49/section/16",
        "/law/ukpga/1988/48/chapter/16",
        "/law/ukpga/1988/99999999999",
    ],
)
def test_unknown_legislation_paths_are_404(client, path):
    """Paths to legislation casebase does not hold are 404s."""
    f.ProvisionFactory(statute=_cdpa(), label="s. 16", number="16")
    assert client.get(path).status_code == 404


def test_draft_provision_is_hidden(client):
    """A draft provision's path is a 404 for the public."""
    provision = f.ProvisionFactory(publication_status=DRAFT)
    assert client.get(provision.get_absolute_url()).status_code == 404


# ---- theories, courts, jurisdictions ---------------------------------------------


def test_theory_page_shows_claims_results_provisions_and_precedents(client):
    """A theory's page lists the published claims with their disputes, counts the
    results, and lists its provisions and precedents."""
    theory = f.LegalTheoryFactory(name="Database right", slug="database-right")
    f.ClaimFactory(
        theory=theory, result=ClaimResult.UPHELD, dispute__short_title="A v B"
    )
    f.ClaimFactory(
        theory=theory, result=ClaimResult.UPHELD, dispute__short_title="C v D"
    )
    f.ClaimFactory(
        theory=theory,
        dispute__short_title="Draft v Case",
        dispute__publication_status=DRAFT,
    )
    provision = f.ProvisionFactory(label="reg. 16")
    provision.legal_theories.add(theory)
    precedent = f.PrecedentFactory(case_name="British Horseracing v William Hill")
    precedent.legal_theories.add(theory)
    response = client.get(reverse("law:theory-detail", args=["database-right"]))
    html = content(response)
    assert "A v B" in html and "C v D" in html
    assert "Draft v Case" not in html
    assert response.context["detail"].result_counts == [("Upheld", 2)]
    assert "reg. 16" in html
    assert "British Horseracing v William Hill" in html


def test_theory_list_links_every_theory(client):
    """The theories page links each theory."""
    theory = f.LegalTheoryFactory(name="Passing off")
    html = content(client.get(reverse("law:theory-list")))
    assert theory.get_absolute_url() in html


def test_court_page_lists_published_disputes_and_precedents(client):
    """A court's page lists its published disputes and judgments only."""
    court = f.CourtFactory(name="Test High Court")
    f.DisputeFactory(court=court, short_title="Heard here")
    f.DisputeFactory(court=court, short_title="Draft here", publication_status=DRAFT)
    f.PrecedentFactory(court=court, case_name="Decided here")
    response = client.get(court.get_absolute_url())
    html = content(response)
    assert "Test High Court" in html
    assert "Heard here" in html and "Decided here" in html
    assert "Draft here" not in html


def test_draft_court_is_hidden_everywhere(client):
    """A draft court is a 404, absent from the court list, and not named on a
    published dispute's page."""
    court = f.CourtFactory(name="Draft Court Name", publication_status=DRAFT)
    dispute = f.DisputeFactory(court=court)
    assert client.get(court.get_absolute_url()).status_code == 404
    assert "Draft Court Name" not in content(client.get(reverse("law:court-list")))
    html = content(client.get(dispute.get_absolute_url()))
    assert "Draft Court Name" not in html
    assert "No court proceedings" not in html


def test_jurisdiction_pages_list_courts_and_published_disputes(client):
    """A jurisdiction's page lists its courts and its published disputes."""
    jurisdiction = f.JurisdictionFactory(name="England and Wales", slug="ew")
    court = f.CourtFactory(jurisdiction=jurisdiction, name="Test Court EW")
    f.DisputeFactory(court=court, short_title="EW dispute")
    f.DisputeFactory(court=court, short_title="EW draft", publication_status=DRAFT)
    html = content(client.get(reverse("law:jurisdiction-detail", args=["ew"])))
    assert "Test Court EW" in html and "EW dispute" in html
    assert "EW draft" not in html
    listing = content(client.get(reverse("law:jurisdiction-list")))
    assert "England and Wales" in listing
