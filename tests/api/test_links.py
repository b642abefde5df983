"""Editors set a dispute's parties, AI systems and precedents through the API: the
lists are validated (400 naming the field), replace the stored lists, and the change
is one revision of the dispute, links included."""

import json

import pytest
from django.urls import reverse
from reversion.models import Version

from casebase.cases.models import DisputeParty
from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def _draft():
    # A draft: editors change drafts directly (published records go through review).
    return f.DisputeFactory(publication_status=PublicationStatus.DRAFT)


def _url(dispute) -> str:
    return reverse("api:dispute-detail", args=[dispute.slug])


def test_create_with_links(editor_client):
    """A dispute created with parties, systems and precedents shows all three."""
    party, system, precedent = (
        f.PartyFactory(),
        f.AISystemFactory(),
        f.PrecedentFactory(),
    )
    body = {
        "slug": "links-new",
        "title": "Test Claimant v Test Defendant (generated)",
        "jurisdictions": [f.JurisdictionFactory().slug],
        "parties": [
            {"party": party.slug, "role": "claimant", "names_as_pleaded": ["T C"]}
        ],
        "ai_systems": [{"system": system.slug, "role": "accused"}],
        "precedents": [{"precedent": precedent.slug, "note": "Relied on."}],
    }
    response = editor_client.post(reverse("api:dispute-list"), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert [(p["party"]["slug"], p["role"]) for p in data["parties"]] == [
        (party.slug, "claimant")
    ]
    assert data["parties"][0]["names_as_pleaded"] == ["T C"]
    assert [(s["system"]["slug"], s["role"]) for s in data["ai_systems"]] == [
        (system.slug, "accused")
    ]
    assert [(p["precedent"]["slug"], p["relation"]) for p in data["precedents"]] == [
        (precedent.slug, "relies_on")
    ]


def test_patch_replaces_the_list_and_keeps_unchanged_rows(editor_client):
    """A list given replaces the stored one: a kept party keeps its row (changed in
    place), a left-out one is removed, a new one added; other lists are kept."""
    dispute = _draft()
    kept = f.DisputePartyFactory(dispute=dispute, role="claimant")
    dropped = f.DisputePartyFactory(dispute=dispute, role="defendant")
    system_link = f.DisputeSystemFactory(dispute=dispute)
    added = f.PartyFactory()
    body = {
        "parties": [
            {"party": kept.party.slug, "role": "appellant"},
            {"party": added.slug, "role": "respondent"},
        ]
    }
    response = editor_client.patch(_url(dispute), body, format="json")
    assert response.status_code == 200, response.content
    rows = {r.party_id: r for r in DisputeParty.objects.filter(dispute=dispute)}
    assert set(rows) == {kept.party_id, added.pk}
    assert rows[kept.party_id].pk == kept.pk
    assert rows[kept.party_id].role == "appellant"
    assert not DisputeParty.objects.filter(pk=dropped.pk).exists()
    assert dispute.system_roles.get().pk == system_link.pk


@pytest.mark.parametrize(
    "field, links",
    [
        ("parties", [{"party": "no-such-party", "role": "claimant"}]),
        ("ai_systems", [{"system": "no-such-system", "role": "accused"}]),
        ("precedents", [{"precedent": "no-such-case"}]),
        ("parties", [{"party": "PARTY", "role": "judge"}]),
        ("parties", [{"party": "PARTY", "role": 5}]),
        ("parties", [{"party": "PARTY", "role": "claimant"}] * 2),
        ("ai_systems", [{"system": "SYSTEM", "role": "accused"}] * 2),
        ("precedents", [{"precedent": "PRECEDENT"}] * 2),
        ("parties", {"party": "PARTY", "role": "claimant"}),
    ],
)
def test_bad_links_are_400_naming_the_field(editor_client, field, links):
    """An unknown record, a bad role, a record listed twice (a party, a system in
    the same role, a precedent) or a non-list is a 400 naming the field; nothing
    is stored."""
    dispute = _draft()
    names = {
        "PARTY": f.PartyFactory().slug,
        "SYSTEM": f.AISystemFactory().slug,
        "PRECEDENT": f.PrecedentFactory().slug,
    }
    text = json.dumps(links)
    for placeholder, slug in names.items():
        text = text.replace(placeholder, slug)
    response = editor_client.patch(
        _url(dispute), {field: json.loads(text)}, format="json"
    )
    assert response.status_code == 400, response.content
    named = response.json()["errors"]
    assert any(k == field or k.startswith(f"{field}.") for k in named), named
    assert not dispute.party_roles.exists() and not dispute.system_roles.exists()


def test_one_system_in_two_roles_is_allowed(editor_client):
    """The same AI system may appear once per role."""
    dispute, system = _draft(), f.AISystemFactory()
    links = [
        {"system": system.slug, "role": "accused"},
        {"system": system.slug, "role": "trained_on"},
    ]
    response = editor_client.patch(_url(dispute), {"ai_systems": links}, format="json")
    assert response.status_code == 200, response.content
    assert dispute.system_roles.count() == 2


def _latest_revision_rows(dispute) -> dict[str, list[dict]]:
    version = Version.objects.get_for_object(dispute).order_by("-pk").first()
    rows: dict[str, list[dict]] = {}
    for v in version.revision.version_set.select_related("content_type"):
        fields = json.loads(v.serialized_data)[0]["fields"]
        rows.setdefault(v.content_type.model, []).append(fields)
    return rows


def test_link_changes_are_in_the_disputes_revision(editor_client):
    """The revision an API update stores holds the dispute's links and many-to-many
    lists as they are after the update, not before it, and no removed row."""
    dispute = _draft()
    f.DisputePartyFactory(dispute=dispute, role="claimant")
    party, jurisdiction = f.PartyFactory(), f.JurisdictionFactory()
    body = {
        "parties": [{"party": party.slug, "role": "defendant"}],
        "jurisdictions": [jurisdiction.slug],
    }
    response = editor_client.patch(_url(dispute), body, format="json")
    assert response.status_code == 200, response.content
    rows = _latest_revision_rows(dispute)
    assert [(r["party"], r["role"]) for r in rows["disputeparty"]] == [
        (party.pk, "defendant")
    ]
    assert rows["dispute"][0]["jurisdictions"] == [jurisdiction.pk]
    assert Version.objects.get_for_object(dispute).count() == 2  # baseline + edit


def test_links_are_in_the_schema(anon):
    """The request body of a dispute documents the three link lists."""
    schema = anon.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    body = schema["components"]["schemas"]["DisputeInRequest"]["properties"]
    assert {"parties", "ai_systems", "precedents"} <= set(body)
