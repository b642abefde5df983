"""The public dispute list and dispute pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.cases.models import (
    Confidentiality,
    Outcome,
    PartyRole,
    PrecedentRelation,
    Stage,
)
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.html import content

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
LIST = reverse("cases:dispute-list")


# ---- the list ------------------------------------------------------------------


def test_list_shows_published_disputes(client):
    """GIVEN a published dispute WHEN the list is opened THEN it is listed and linked."""
    dispute = f.DisputeFactory(short_title="Testco v Example Labs")
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Testco v Example Labs" in content(response)
    assert dispute.get_absolute_url() in content(response)


def test_list_hides_drafts_from_the_public(client):
    """A draft dispute is not on the public list."""
    f.DisputeFactory(short_title="Secret draft dispute", publication_status=DRAFT)
    response = client.get(LIST)
    assert "Secret draft dispute" not in content(response)


def test_list_shows_drafts_to_editors_with_a_marker(client, editor):
    """Editors see drafts on the list, marked as drafts."""
    f.DisputeFactory(short_title="Editor draft dispute", publication_status=DRAFT)
    client.force_login(editor)
    html = content(client.get(LIST))
    assert "Editor draft dispute" in html
    assert 'class="badge badge-draft"' in html


def test_list_paginates_by_the_configured_page_size(client, settings):
    """The list shows CASEBASE_PAGE_SIZE disputes a page and links to the next."""
    settings.CASEBASE_PAGE_SIZE = 2
    f.DisputeFactory.create_batch(3)
    response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 2
    assert "?page=2" in content(response)
    assert len(client.get(LIST, {"page": 2}).context["page_obj"].object_list) == 1


def test_pagination_links_keep_the_filters(client, settings):
    """The next-page link carries the current filters."""
    settings.CASEBASE_PAGE_SIZE = 1
    f.DisputeFactory.create_batch(2, stage=Stage.SETTLED)
    html = content(client.get(LIST, {"stage": "settled"}))
    assert "?stage=settled&amp;page=2" in html


@pytest.mark.parametrize(
    ("field", "make_value"),
    [
        ("stage", lambda d: "settled"),
        ("outcome", lambda d: "mixed"),
        ("year", lambda d: "2021"),
        ("court", lambda d: d.court.slug),
        ("jurisdiction", lambda d: d.jurisdictions.get().slug),
        ("q", lambda d: "needle-in-summary"),
        ("q", lambda d: "CASE-NEEDLE"),
    ],
)
def test_each_filter_narrows_the_list(client, field, make_value):
    """Each filter keeps the matching dispute and drops the other."""
    wanted = f.DisputeFactory(
        short_title="Wanted dispute",
        stage=Stage.SETTLED,
        outcome=Outcome.MIXED,
        filed_date=dt.date(2021, 6, 1),
        summary="It has a needle-in-summary.",
        case_number="IL-CASE-NEEDLE-1",
    )
    f.DisputeFactory(short_title="Other dispute")
    html = content(client.get(LIST, {field: make_value(wanted)}))
    assert "Wanted dispute" in html
    assert "Other dispute" not in html


def test_theory_filter_uses_published_claims_only(client):
    """A dispute matches a theory only through a published claim."""
    theory = f.LegalTheoryFactory(slug="copyright", name="Copyright")
    f.ClaimFactory(theory=theory, dispute__short_title="Has a claim")
    f.ClaimFactory(
        theory=theory,
        dispute__short_title="Only a draft claim",
        publication_status=DRAFT,
    )
    html = content(client.get(LIST, {"theory": "copyright"}))
    assert "Has a claim" in html
    assert "Only a draft claim" not in html


def test_party_and_system_filters(client):
    """Filtering by party or AI system keeps only their disputes."""
    role = f.DisputePartyFactory(dispute__short_title="Dispute of the party")
    link = f.DisputeSystemFactory(dispute__short_title="Dispute of the system")
    html = content(client.get(LIST, {"party": role.party.slug}))
    assert "Dispute of the party" in html and "Dispute of the system" not in html
    html = content(client.get(LIST, {"system": link.system.slug}))
    assert "Dispute of the system" in html and "Dispute of the party" not in html


def test_a_draft_party_is_not_a_valid_filter_for_the_public(client):
    """Filtering by a draft party's slug is an error, not a leak of its disputes."""
    role = f.DisputePartyFactory(party__publication_status=DRAFT)
    response = client.get(LIST, {"party": role.party.slug})
    assert response.status_code == 400
    assert "Party: There is no such party" in content(response)


def test_header_search_submits_q_to_the_list(client):
    """The header's search box is a labelled GET form aimed at the dispute list."""
    html = content(client.get(LIST))
    assert f'action="{LIST}"' in html
    assert '<label for="site-q"' in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=abc", "Page"),
        ("page=0", "Page"),
        ("page=-1", "Page"),
        ("page=99999", "Page"),
        ("page=1e3", "Page"),
        ("year=99999", "Year filed"),
        ("year=-1", "Year filed"),
        ("year=abc", "Year filed"),
        ("year=20%2021", "Year filed"),
        ("stage=nonsense", "Stage"),
        ("outcome=%3Cb%3E", "Outcome"),
        ("court=%3Cscript%3Ealert(1)%3C/script%3E", "Court"),
        ("court=no-such-court", "Court"),
        ("jurisdiction=nowhere", "Jurisdiction"),
        ("theory=no-such-theory", "Legal theory"),
        ("party=%00", "Party"),
        ("system=" + "x" * 500, "AI system"),
        ("q=" + "y" * 500, "Words"),
        ("q=%00", "Words"),
    ],
)
def test_bad_parameters_give_a_usable_page_naming_the_field(client, query, field):
    """Bad query parameters give a 400 page that still lists disputes and names the
    field at fault; never a 500."""
    f.DisputeFactory(short_title="Still listed")
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    html = content(response)
    assert f"<li>{field}: " in html
    assert "Still listed" in html


def test_an_unknown_parameter_is_ignored(client):
    """Parameters the list does not know about change nothing."""
    assert client.get(LIST, {"utm_source": "x"}).status_code == 200


def test_markup_in_a_bad_parameter_is_escaped(client):
    """A rejected value never comes back as live markup."""
    html = content(client.get(LIST, {"q": "<script>alert(1)</script>", "year": "x"}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_list_query_count_does_not_grow_with_related_rows(client):
    """The list costs the same number of queries whether disputes have 1 or 50
    parties and claims."""

    def queries_for(n):
        for _ in range(3):
            dispute = f.DisputeFactory()
            for _ in range(n):
                f.DisputePartyFactory(dispute=dispute)
                f.ClaimFactory(dispute=dispute)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    few = queries_for(1)
    many = queries_for(50)
    assert few == many


# ---- the dispute page ------------------------------------------------------------


def _url(dispute):
    return reverse("cases:dispute-detail", args=[dispute.slug])


def test_detail_shows_the_key_facts(client):
    """The page shows title, short title, stage, outcome, status with its date,
    filed date at its precision, court, jurisdiction, case number, defence and notes."""
    court = f.CourtFactory(name="High Court of Testing")
    dispute = f.DisputeFactory(
        title="Testco Limited v Example Labs Incorporated",
        short_title="Testco v Example",
        court=court,
        court_detail="Chancery Division, Test J",
        jurisdiction_detail="England and Wales (as recorded)",
        case_number="IL-2099-000001",
        stage=Stage.JUDGMENT,
        outcome=Outcome.MIXED,
        status_text="Judgment handed down; appeal considered.",
        status_as_of=dt.date(2025, 6, 1),
        status_as_of_precision=DatePrecision.MONTH,
        filed_date=dt.date(2023, 1, 1),
        filed_date_precision=DatePrecision.YEAR,
        defence_position="The defendant denies copying.",
        notes="An editorial note.",
    )
    html = content(client.get(_url(dispute)))
    for text in (
        "Testco Limited v Example Labs Incorporated",
        "<h1>Testco v Example",
        "Judgment",
        "Mixed",
        "Judgment handed down; appeal considered.",
        "As of June 2025",
        "2023",
        "High Court of Testing",
        "Chancery Division, Test J",
        "England and Wales (as recorded)",
        "IL-2099-000001",
        "The defendant denies copying.",
        "An editorial note.",
    ):
        assert text in html, text
    assert "1 January 2023" not in html  # a year-precision date is not made up to a day


def test_a_dispute_without_a_court_says_so_plainly(client):
    """A public accusation with no court says so rather than inventing a forum."""
    dispute = f.DisputeFactory(court=None, case_number="", stage=Stage.ALLEGED)
    html = content(client.get(_url(dispute)))
    assert "No court proceedings: public accusation only" in html


def test_draft_dispute_is_404_for_the_public(client):
    """A draft dispute's page does not exist for the public."""
    dispute = f.DisputeFactory(publication_status=DRAFT)
    assert client.get(_url(dispute)).status_code == 404


def test_draft_dispute_is_shown_to_editors_marked(client, editor):
    """Editors can open a draft dispute, and the page says it is a draft."""
    dispute = f.DisputeFactory(publication_status=DRAFT)
    client.force_login(editor)
    response = client.get(_url(dispute))
    assert response.status_code == 200
    assert 'class="badge badge-draft"' in content(response)


def test_parties_are_grouped_by_role_with_names_as_pleaded(client):
    """Parties appear under their roles, with the names the record gives them."""
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(
        dispute=dispute,
        party__name="Claimant Co",
        role=PartyRole.CLAIMANT,
        names_as_pleaded=["Claimant Co Ltd", "Claimant Co Inc"],
    )
    f.DisputePartyFactory(
        dispute=dispute, party__name="Defendant Co", role=PartyRole.DEFENDANT
    )
    html = content(client.get(_url(dispute)))
    assert html.index("Claimant</h3>") < html.index("Claimant Co")
    assert html.index("Defendant</h3>") < html.index("Defendant Co")
    assert "As pleaded: Claimant Co Ltd; Claimant Co Inc" in html


def test_draft_related_rows_are_hidden_from_the_public(client):
    """A published dispute's page shows no draft party, system, claim, event,
    evidence or precedent."""
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(
        dispute=dispute, party__name="Draft Party Name", party__publication_status=DRAFT
    )
    f.DisputeSystemFactory(
        dispute=dispute, system__name="DraftModel", system__publication_status=DRAFT
    )
    f.ClaimFactory(
        dispute=dispute, description="Draft claim text", publication_status=DRAFT
    )
    f.EventFactory(dispute=dispute, title="Draft event title", publication_status=DRAFT)
    f.EvidenceFactory(dispute=dispute, title="Draft exhibit", publication_status=DRAFT)
    f.DisputePrecedentFactory(
        dispute=dispute,
        precedent__case_name="Draft v Precedent",
        precedent__publication_status=DRAFT,
    )
    html = content(client.get(_url(dispute)))
    for text in (
        "Draft Party Name",
        "DraftModel",
        "Draft claim text",
        "Draft event title",
        "Draft exhibit",
        "Draft v Precedent",
    ):
        assert text not in html, text


def test_editors_see_draft_related_rows_marked(client, editor):
    """Editors see a draft claim on a dispute's page, marked as a draft."""
    dispute = f.DisputeFactory()
    f.ClaimFactory(
        dispute=dispute, description="Draft claim text", publication_status=DRAFT
    )
    client.force_login(editor)
    html = content(client.get(_url(dispute)))
    start = html.index("Draft claim text")
    assert "badge-draft" in html[start : start + 200]


def test_a_draft_developer_is_not_named(client):
    """An AI system's draft developer does not appear on the dispute's page."""
    link = f.DisputeSystemFactory(
        system__developer__name="Hidden Developer Ltd",
        system__developer__publication_status=DRAFT,
    )
    html = content(client.get(_url(link.dispute)))
    assert link.system.name in html
    assert "Hidden Developer Ltd" not in html


def test_claims_show_theory_nature_result_and_linked_provisions(client):
    """Each claim shows its theory, nature, result and the provisions it relies on."""
    provision = f.ProvisionFactory(label="s. 16", number="16")
    claim = f.ClaimFactory(
        theory__name="Copyright",
        description="Copying the training set",
        result="rejected",
        result_note="Rejected at trial",
    )
    claim.provisions.add(provision)
    draft_provision = f.ProvisionFactory(label="s. 99", publication_status=DRAFT)
    claim.provisions.add(draft_provision)
    html = content(client.get(_url(claim.dispute)))
    for text in ("Copyright", "Claim", "Copying the training set", "Rejected"):
        assert text in html
    assert "Rejected at trial" in html
    assert f'href="{provision.get_absolute_url()}#p-s--16"' in html
    assert "s. 99" not in html


def test_sealed_evidence_never_reaches_public_html(client):
    """Sealed evidence is left out entirely, even when published."""
    evidence = f.EvidenceFactory(
        title="Sealed exhibit title",
        description="Sealed secret description",
        confidentiality=Confidentiality.SEALED,
    )
    html = content(client.get(_url(evidence.dispute)))
    assert "Sealed exhibit title" not in html
    assert "Sealed secret description" not in html


def test_redacted_evidence_shows_only_its_public_description(client):
    """Redacted evidence shows its public description and a marker, not the rest."""
    evidence = f.EvidenceFactory(
        description="The confidential detail",
        public_description="What the public may know",
        assessment_note="The court's confidential remarks",
        confidentiality=Confidentiality.REDACTED,
    )
    html = content(client.get(_url(evidence.dispute)))
    assert "What the public may know" in html
    assert "badge-redacted" in html
    assert "The confidential detail" not in html
    assert "The court's confidential remarks" not in html


def test_redacted_evidence_hides_its_output_comparisons(client):
    """Prompts and outputs of redacted evidence stay off the public page."""
    output = f.ComparisonOutputFactory(
        comparison__evidence__confidentiality=Confidentiality.REDACTED,
        comparison__prompt="Secret prompt",
        output="Secret output",
    )
    html = content(client.get(_url(output.comparison.evidence.dispute)))
    assert "Secret prompt" not in html
    assert "Secret output" not in html


def test_public_evidence_shows_output_comparisons_side_by_side(client):
    """A public comparison shows its prompt and each system's output."""
    output = f.ComparisonOutputFactory(
        comparison__prompt="Say the watermark", output="WATERMARK-123"
    )
    f.ComparisonOutputFactory(comparison=output.comparison, output="WATERMARK-124")
    html = content(client.get(_url(output.comparison.evidence.dispute)))
    assert "Say the watermark" in html
    assert "WATERMARK-123" in html and "WATERMARK-124" in html


def test_editors_see_sealed_and_redacted_evidence_marked(client, editor):
    """Editors see sealed evidence and redacted descriptions, each clearly marked."""
    dispute = f.DisputeFactory()
    f.EvidenceFactory(
        dispute=dispute,
        description="Sealed secret description",
        confidentiality=Confidentiality.SEALED,
    )
    f.EvidenceFactory(
        dispute=dispute,
        description="The confidential detail",
        confidentiality=Confidentiality.REDACTED,
    )
    client.force_login(editor)
    html = content(client.get(_url(dispute)))
    assert "Sealed secret description" in html
    assert "Sealed: editors only" in html
    assert "The confidential detail" in html
    assert "Full description (editors only)" in html


def test_unverified_dispute_shows_the_marker_and_its_elements(client):
    """An unverified dispute is marked, with the facts that could not be confirmed."""
    dispute = f.DisputeFactory(
        verified=False, unverified_elements=["the filing date", "the claim number"]
    )
    html = content(client.get(_url(dispute)))
    assert "badge-unverified" in html
    assert "<li>the filing date</li>" in html
    assert "<li>the claim number</li>" in html


def test_verified_dispute_has_no_marker(client):
    """A verified dispute with nothing unconfirmed carries no Unverified marker."""
    dispute = f.DisputeFactory(verified=True, unverified_elements=[])
    assert "badge-unverified" not in content(client.get(_url(dispute)))


@pytest.mark.parametrize("kind", ["claim", "evidence", "event", "precedent"])
def test_unverified_related_rows_are_marked(client, kind):
    """Unverified claims, evidence, events and precedents each carry the marker."""
    dispute = f.DisputeFactory()
    extra = {"verified": False, "unverified_elements": [f"unconfirmed {kind}"]}
    if kind == "claim":
        f.ClaimFactory(dispute=dispute, **extra)
    elif kind == "evidence":
        f.EvidenceFactory(dispute=dispute, **extra)
    elif kind == "event":
        f.EventFactory(dispute=dispute, **extra)
    else:
        f.DisputePrecedentFactory(dispute=dispute, precedent__verified=False)
    html = content(client.get(_url(dispute)))
    assert "badge-unverified" in html
    if kind != "precedent":
        assert f"unconfirmed {kind}" in html


def test_timeline_lists_events_with_partial_dates(client):
    """Events appear in date order, each date at its precision."""
    dispute = f.DisputeFactory()
    f.EventFactory(
        dispute=dispute,
        title="Later event",
        date=dt.date(2024, 5, 1),
        date_precision=DatePrecision.MONTH,
    )
    f.EventFactory(dispute=dispute, title="Earlier event", date=dt.date(2023, 2, 3))
    html = content(client.get(_url(dispute)))
    assert html.index("Earlier event") < html.index("Later event")
    assert "3 February 2023" in html
    assert "May 2024" in html


def test_precedents_are_grouped_by_relation(client):
    """Precedents show as the judgment in the dispute or as relied on."""
    dispute = f.DisputeFactory()
    f.DisputePrecedentFactory(
        dispute=dispute,
        precedent__case_name="Own Judgment Ltd v X",
        relation=PrecedentRelation.JUDGMENT,
    )
    f.DisputePrecedentFactory(dispute=dispute, precedent__case_name="Older Case v Y")
    html = content(client.get(_url(dispute)))
    assert html.index("Judgment in this dispute") < html.index("Own Judgment Ltd v X")
    assert html.index("Relied on") < html.index("Older Case v Y")


def test_sources_are_listed_and_linked(client):
    """The dispute's published sources are linked to their pages; drafts are not."""
    dispute = f.DisputeFactory()
    source = f.SourceFactory(title="A published article")
    draft = f.SourceFactory(title="A draft source", publication_status=DRAFT)
    dispute.sources.add(source, draft)
    html = content(client.get(_url(dispute)))
    assert source.get_absolute_url() in html
    assert "A published article" in html
    assert "A draft source" not in html


def test_title_markup_is_escaped(client):
    """A title containing markup is shown as text, never run."""
    dispute = f.DisputeFactory(
        title="<script>alert('t')</script> v Example",
        short_title="<script>alert('s')</script>",
    )
    html = content(client.get(_url(dispute)))
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>" not in content(client.get(LIST))


def test_detail_query_count_does_not_grow_with_related_rows(client):
    """The dispute page costs the same number of queries with 1 or 50 parties,
    systems, claims, evidence items, events and precedents."""

    def queries_for(n):
        dispute = f.DisputeFactory()
        source = f.SourceFactory()
        dispute.sources.add(source)
        for _ in range(n):
            f.DisputePartyFactory(dispute=dispute)
            f.DisputeSystemFactory(dispute=dispute)
            claim = f.ClaimFactory(dispute=dispute)
            claim.provisions.add(f.ProvisionFactory())
            claim.sources.add(source)
            evidence = f.EvidenceFactory(dispute=dispute)
            evidence.claims.add(claim)
            evidence.sources.add(source)
            f.ComparisonOutputFactory(comparison__evidence=evidence)
            event = f.EventFactory(dispute=dispute)
            event.sources.add(source)
            link = f.DisputePrecedentFactory(dispute=dispute)
            f.AuthorityFactory(cited=link.precedent)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(dispute)).status_code == 200
        return len(ctx.captured_queries)

    few, many = queries_for(1), queries_for(50)
    assert few == many


def test_no_slash_is_canonical_but_a_trailing_slash_works(client):
    """reverse() gives the no-slash address, and the slashed one serves the page."""
    dispute = f.DisputeFactory()
    assert not _url(dispute).endswith("/")
    assert client.get(_url(dispute) + "/").status_code == 200
    assert client.get(LIST + "/").status_code == 200
