"""Reading: open to anyone, published records only, sealed evidence never."""

import pytest
from django.urls import reverse

from casebase.cases.models import Confidentiality
from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def test_dispute_list_shows_published_disputes_only(anon):
    """A draft dispute is not listed for an anonymous reader."""
    shown = f.DisputeFactory()
    f.DisputeFactory(publication_status=DRAFT)
    data = anon.get(reverse("api:dispute-list")).json()
    assert [d["slug"] for d in data["results"]] == [shown.slug]


def test_draft_dispute_detail_is_404(anon):
    """A draft's own URL answers 404 in the error shape, not the record."""
    draft = f.DisputeFactory(publication_status=DRAFT)
    response = anon.get(reverse("api:dispute-detail", args=[draft.slug]))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_editor_sees_drafts(editor_client):
    """Staff editors read drafts through the API, as on the site."""
    draft = f.DisputeFactory(publication_status=DRAFT)
    response = editor_client.get(reverse("api:dispute-detail", args=[draft.slug]))
    assert response.status_code == 200


def test_dispute_embeds_parties_systems_claims_events(anon):
    """The detail carries the dispute's parties, systems, claims and events."""
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(dispute=dispute)
    f.DisputeSystemFactory(dispute=dispute)
    f.ClaimFactory(dispute=dispute)
    f.EventFactory(dispute=dispute)
    data = anon.get(reverse("api:dispute-detail", args=[dispute.slug])).json()
    assert [len(data[k]) for k in ("parties", "ai_systems", "claims", "events")] == [
        1,
        1,
        1,
        1,
    ]


def test_draft_claim_is_not_embedded(anon):
    """A published dispute's draft claim is left out of it."""
    dispute = f.DisputeFactory()
    f.ClaimFactory(dispute=dispute, publication_status=DRAFT)
    data = anon.get(reverse("api:dispute-detail", args=[dispute.slug])).json()
    assert data["claims"] == []


@pytest.mark.parametrize("role_client", ["anon", "editor_client"])
def test_sealed_evidence_is_never_served(role_client, request):
    """Sealed evidence appears neither in the dispute nor in /evidence, for anyone."""
    client = request.getfixturevalue(role_client)
    evidence = f.EvidenceFactory(confidentiality=Confidentiality.SEALED)
    detail = client.get(reverse("api:dispute-detail", args=[evidence.dispute.slug]))
    listing = client.get(reverse("api:evidence-list"))
    single = client.get(reverse("api:evidence-detail", args=[evidence.pk]))
    assert detail.json()["evidence"] == []
    assert listing.json()["results"] == []
    assert single.status_code == 404


def test_redacted_evidence_shows_only_public_description(anon):
    """Redacted evidence is listed with its public description, never the full one."""
    evidence = f.EvidenceFactory(
        confidentiality=Confidentiality.REDACTED,
        description="SECRET DETAIL",
        public_description="A comparison of outputs.",
    )
    f.OutputComparisonFactory(evidence=evidence, prompt="SECRET PROMPT")
    response = anon.get(reverse("api:dispute-detail", args=[evidence.dispute.slug]))
    assert "SECRET" not in response.content.decode()
    assert response.json()["evidence"][0]["description"] == "A comparison of outputs."


def test_precedent_carries_citations_and_status(anon):
    """A precedent shows its neutral citation, OSCOLA form and citator status."""
    authority = f.AuthorityFactory(treatment="overruled")
    data = anon.get(reverse("api:precedent-detail", args=[authority.cited.slug])).json()
    assert data["citations"][0] == authority.cited.neutral_citation
    assert data["status"]["code"] == "negative"
    assert data["status"]["reason"]["citing"]["slug"] == authority.citing.slug
    assert authority.cited.neutral_citation in (data["oscola_citation"] or "")


def test_provision_carries_its_legislation_uri(anon):
    """A provision links to legislation.gov.uk."""
    provision = f.ProvisionFactory()
    data = anon.get(reverse("api:provision-detail", args=[provision.pk])).json()
    assert data["legislation_uri"].startswith("https://www.legislation.gov.uk/")


def test_records_link_to_themselves_and_their_pages(anon):
    """Every record carries its API URL and its page on the site."""
    dispute = f.DisputeFactory()
    data = anon.get(reverse("api:dispute-detail", args=[dispute.slug])).json()
    assert data["url"].endswith(reverse("api:dispute-detail", args=[dispute.slug]))
    assert data["html_url"].endswith(dispute.get_absolute_url())


def test_filter_by_theory_narrows_the_list(anon):
    """?theory=slug lists only disputes with a claim under that theory."""
    claim = f.ClaimFactory()
    f.DisputeFactory()
    url = reverse("api:dispute-list") + f"?theory={claim.theory.slug}"
    data = anon.get(url).json()
    assert [d["slug"] for d in data["results"]] == [claim.dispute.slug]


def test_filter_by_provision_relied_on(anon):
    """?provision=id lists disputes whose claims rely on that provision."""
    claim = f.ClaimFactory()
    provision = f.ProvisionFactory()
    claim.provisions.add(provision)
    f.DisputeFactory()
    data = anon.get(reverse("api:dispute-list") + f"?provision={provision.pk}").json()
    assert [d["slug"] for d in data["results"]] == [claim.dispute.slug]


def test_filter_by_a_draft_party_is_no_such_party(anon):
    """A draft's slug is answered as unknown: its existence does not leak."""
    party = f.PartyFactory(publication_status=DRAFT)
    response = anon.get(reverse("api:dispute-list") + f"?party={party.slug}")
    assert response.status_code == 400


def test_cursor_pages_do_not_repeat_rows(anon):
    """Following `next` visits every dispute once."""
    for _ in range(5):
        f.DisputeFactory()
    url, seen = reverse("api:dispute-list") + "?page_size=2", []
    while url:
        data = anon.get(url).json()
        seen += [d["slug"] for d in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == 5
