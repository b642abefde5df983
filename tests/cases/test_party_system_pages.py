"""Public pages for parties and AI systems."""

import pytest
from django.urls import reverse

from casebase.cases.models import PartyRole, SystemRole
from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.html import content

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def test_party_list_shows_published_parties_with_dispute_counts(client):
    """The parties list names each published party and counts its published disputes."""
    role = f.DisputePartyFactory(party__name="Counted Party")
    f.DisputePartyFactory(party=role.party, dispute__publication_status=DRAFT)
    f.PartyFactory(name="Draft Party", publication_status=DRAFT)
    response = client.get(reverse("cases:party-list"))
    html = content(response)
    assert "Counted Party" in html
    assert "Draft Party" not in html
    [party] = response.context["page_obj"].object_list
    assert party.dispute_count == 1


def test_party_page_groups_published_disputes_by_role(client):
    """A party's page lists its published disputes under its role in each."""
    role = f.DisputePartyFactory(
        role=PartyRole.DEFENDANT, dispute__short_title="Sued here"
    )
    f.DisputePartyFactory(
        party=role.party,
        dispute__short_title="Draft suit",
        dispute__publication_status=DRAFT,
    )
    html = content(client.get(role.party.get_absolute_url()))
    assert html.index("As defendant") < html.index("Sued here")
    assert "Draft suit" not in html


def test_party_page_lists_ai_systems_developed(client):
    """A party's page lists the published AI systems it develops."""
    system = f.AISystemFactory(name="TestLM")
    f.AISystemFactory(
        developer=system.developer, name="DraftLM", publication_status=DRAFT
    )
    html = content(client.get(system.developer.get_absolute_url()))
    assert "TestLM" in html
    assert "DraftLM" not in html


def test_draft_party_is_404_for_the_public(client):
    """A draft party's page does not exist for the public."""
    party = f.PartyFactory(publication_status=DRAFT)
    assert client.get(party.get_absolute_url()).status_code == 404


def test_system_list_shows_developer_and_weights(client):
    """The AI systems list shows each system's developer and weights."""
    f.AISystemFactory(name="OpenLM", developer__name="Open Lab", weights="open")
    html = content(client.get(reverse("cases:system-list")))
    assert "OpenLM" in html and "Open Lab" in html and "Open weights" in html


def test_system_page_lists_published_disputes_with_roles(client):
    """A system's page shows its developer and its published disputes with roles."""
    link = f.DisputeSystemFactory(
        role=SystemRole.ALLEGEDLY_COPIED,
        dispute__short_title="Copy case",
        system__developer__name="Dev Co",
    )
    f.DisputeSystemFactory(
        system=link.system,
        dispute__short_title="Draft copy case",
        dispute__publication_status=DRAFT,
    )
    html = content(client.get(link.system.get_absolute_url()))
    assert "Dev Co" in html
    assert "Copy case" in html and "Allegedly copied" in html
    assert "Draft copy case" not in html


def test_system_page_hides_a_draft_developer(client):
    """A system's draft developer is not named on its page."""
    system = f.AISystemFactory(
        developer__name="Secret Dev", developer__publication_status=DRAFT
    )
    html = content(client.get(system.get_absolute_url()))
    assert "Secret Dev" not in html


def test_draft_system_is_404_for_the_public(client):
    """A draft AI system's page does not exist for the public."""
    system = f.AISystemFactory(publication_status=DRAFT)
    assert client.get(system.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["cases:party-list", "cases:system-list"])
@pytest.mark.parametrize("page", ["abc", "0", "99999"])
def test_bad_page_numbers_on_short_lists_are_400s(client, name, page):
    """A bad page number on the parties or systems list names the field."""
    response = client.get(reverse(name), {"page": page})
    assert response.status_code == 400
    assert "<li>Page: " in content(response)
