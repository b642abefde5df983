"""The home page, source pages, error pages and what every public page shares."""

import pytest
from django.test import override_settings
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.html import content, tags

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def test_home_counts_published_records(client):
    """The home page counts published disputes, precedents, provisions, parties
    and AI systems, not drafts."""
    f.DisputeFactory.create_batch(2)
    f.DisputeFactory(publication_status=DRAFT)
    f.PrecedentFactory()
    f.ProvisionFactory.create_batch(3)
    f.AISystemFactory()  # and its developer, a party
    response = client.get(reverse("home"))
    assert response.status_code == 200
    counts = response.context["summary"].counts
    assert counts == {
        "disputes": 2,
        "precedents": 1,
        "provisions": 3,
        "parties": 1,
        "systems": 1,
    }


def test_home_lists_recent_disputes_and_entry_points(client):
    """The home page lists recently updated disputes and links by theory and by
    jurisdiction, with published counts."""
    jurisdiction = f.JurisdictionFactory(name="England and Wales")
    claim = f.ClaimFactory(
        theory__name="Trade secrets",
        dispute__short_title="Recent dispute",
        dispute__jurisdictions=[jurisdiction],
    )
    f.ClaimFactory(theory=claim.theory, dispute__publication_status=DRAFT)
    response = client.get(reverse("home"))
    html = content(response)
    assert "Recent dispute" in html
    assert claim.theory.get_absolute_url() in html
    assert jurisdiction.get_absolute_url() in html
    [theory] = response.context["summary"].theories
    assert theory.dispute_count == 1


def test_home_hides_draft_disputes(client):
    """A draft dispute is not among the home page's recent disputes."""
    f.DisputeFactory(short_title="Draft on home", publication_status=DRAFT)
    assert "Draft on home" not in content(client.get(reverse("home")))


def test_source_page_lists_what_cites_it(client):
    """A source's page lists the published records that rest on it."""
    source = f.SourceFactory(title="The Test Gazette")
    dispute = f.DisputeFactory(short_title="Cited dispute")
    draft = f.DisputeFactory(short_title="Draft citer", publication_status=DRAFT)
    claim = f.ClaimFactory(description="Cited claim")
    hidden_claim = f.ClaimFactory(
        description="Claim of draft", dispute__publication_status=DRAFT
    )
    precedent = f.PrecedentFactory(case_name="Cited Judgment")
    for record in (dispute, draft, claim, hidden_claim, precedent):
        record.sources.add(source)
    response = client.get(source.get_absolute_url())
    assert response.status_code == 200
    html = content(response)
    assert "The Test Gazette" in html
    assert "Cited dispute" in html and "Cited claim" in html
    assert "Cited Judgment" in html
    assert "Draft citer" not in html and "Claim of draft" not in html


def test_source_page_never_mentions_sealed_evidence(client):
    """Sealed evidence resting on a source is not listed on the source's page."""
    source = f.SourceFactory()
    evidence = f.EvidenceFactory(title="Sealed exhibit", confidentiality="sealed")
    evidence.sources.add(source)
    assert "Sealed exhibit" not in content(client.get(source.get_absolute_url()))


def test_draft_source_is_404(client):
    """A draft source's page does not exist for the public."""
    source = f.SourceFactory(publication_status=DRAFT)
    assert client.get(source.get_absolute_url()).status_code == 404


def test_unknown_page_gets_the_styled_404(client):
    """An unknown address gets casebase's own 404 page."""
    response = client.get("/no/such/page/at/all")
    assert response.status_code == 404
    html = content(response)
    assert "We can’t find that page" in html
    assert "casebase.css" in html


def test_500_page_renders_without_a_request():
    """The 500 template renders on its own (Django gives it no request context)."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "<main" in html


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_an_error_in_a_view_gets_the_styled_500(client, monkeypatch):
    """An unexpected error shows casebase's 500 page, not a traceback."""
    from casebase.cases import views

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "dispute_list", broken)
    client.raise_request_exception = False
    response = client.get(reverse("cases:dispute-list"))
    assert response.status_code == 500
    assert "Something went wrong" in content(response)


def _every_page():
    """One instance of every public page type, with the data it needs."""
    provision = f.ProvisionFactory()
    claim = f.ClaimFactory()
    claim.provisions.add(provision)
    role = f.DisputePartyFactory(dispute=claim.dispute)
    link = f.DisputeSystemFactory(dispute=claim.dispute)
    precedent = f.PrecedentFactory()
    slug_precedent = f.PrecedentFactory(neutral_citation=None)
    source = f.SourceFactory()
    claim.dispute.sources.add(source)
    court = claim.dispute.court
    return [
        reverse("home"),
        source.get_absolute_url(),
        reverse("cases:dispute-list"),
        claim.dispute.get_absolute_url(),
        reverse("cases:party-list"),
        role.party.get_absolute_url(),
        reverse("cases:system-list"),
        link.system.get_absolute_url(),
        reverse("law:precedent-list"),
        precedent.get_absolute_url(),
        slug_precedent.get_absolute_url(),
        reverse("law:statute-list"),
        provision.statute.get_absolute_url(),
        provision.get_absolute_url(),
        reverse("law:theory-list"),
        claim.theory.get_absolute_url(),
        reverse("law:court-list"),
        court.get_absolute_url(),
        reverse("law:jurisdiction-list"),
        court.jurisdiction.get_absolute_url(),
    ]


def test_every_page_renders_with_landmarks_and_one_h1(client):
    """Every public page renders, has header, nav, main and footer landmarks, a
    skip link to main, and exactly one h1."""
    for url in _every_page():
        response = client.get(url)
        assert response.status_code == 200, url
        for landmark in ("header", "nav", "main", "footer"):
            assert tags(response, landmark), (url, landmark)
        assert len(tags(response, "h1")) == 1, url
        assert {"class": "skip-link", "href": "#main"} in tags(response, "a"), url
        assert any(m.get("id") == "main" for m in tags(response, "main")), url


def test_every_form_control_is_labelled(client):
    """Every visible input and select on every page has a label pointing at it."""
    for url in _every_page() + [reverse("cases:dispute-list") + "?year=x"]:
        response = client.get(url)
        labelled = {label.get("for") for label in tags(response, "label")}
        for control in tags(response, "input") + tags(response, "select"):
            if control.get("type") == "hidden":
                continue
            assert control.get("id") in labelled, (url, control)


def test_pages_load_nothing_from_other_sites(client):
    """Stylesheets, scripts and images are served from casebase's own static files."""
    for url in _every_page():
        response = client.get(url)
        assets = [
            link.get("href", "")
            for link in tags(response, "link")
            if link.get("rel") != "alternate"  # feeds are pages, not assets
        ]
        assets += [s.get("src", "") for s in tags(response, "script")]
        assets += [i.get("src", "") for i in tags(response, "img")]
        assert all(a.startswith("/static/") for a in assets if a), (url, assets)


def test_footer_carries_licence_and_no_advice_notes(client):
    """The footer names the Crown copyright licences and says it is not legal advice."""
    html = content(client.get(reverse("home")))
    assert "Open Justice Licence" in html
    assert "Open Government Licence" in html
    assert "Nothing here is legal advice" in html


def test_public_urls_have_no_trailing_slash_but_accept_one(client):
    """reverse() gives no-slash addresses and the slashed forms serve the same page."""
    urls = _every_page()[1:]
    for url in urls:
        assert not url.endswith("/"), url
        assert client.get(url + "/").status_code == 200, url
