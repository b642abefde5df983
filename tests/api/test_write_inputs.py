"""What the write inputs take: a record's `sources` (ids, the list replaced when
given, kept when left out), nothing they do not take (an unknown key is a 400 naming
it, at the top of the body and inside a link; `publication_status` points at the
workflow steps), and no empty list where the admin requires one (a dispute's
jurisdictions). The schema says the same: request bodies are closed objects."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casebase.cases.models import Claim, Dispute, Event, Evidence
from casebase.core.models import PublicationStatus
from casebase.editorial.roles import EDITOR
from casebase.law.models import Authority, Precedent, Provision
from tests import factories as f

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def _ids(data) -> list[int]:
    return sorted(s["id"] for s in data["sources"])


def _step(client, name: str, slug: str, step: str) -> None:
    url = reverse(f"api:{name}-{step}", args=[slug])
    response = client.post(url, {}, format="json")
    assert response.status_code == 200, response.content


# ---------------------------------------------------------------- sources


def test_dispute_made_through_the_api_is_published_with_its_sources(
    editor_client, reviewer_client, anon
):
    """An editor creates a dispute with its sources (and a party and a claim, which
    publishing also needs), a reviewer publishes it, and the public reads it with
    its sources."""
    one, two = f.SourceFactory(), f.SourceFactory()
    body = {
        "slug": "sourced-dispute",
        "title": "Sourced Claimant v Sourced Defendant (generated)",
        "jurisdictions": [f.JurisdictionFactory().slug],
        "parties": [{"party": f.PartyFactory().slug, "role": "claimant"}],
        "sources": [one.pk, two.pk],
    }
    response = editor_client.post(reverse("api:dispute-list"), body, format="json")
    assert response.status_code == 201, response.content
    assert _ids(response.json()) == sorted([one.pk, two.pk])
    claim = {
        "dispute": "sourced-dispute",
        "theory": f.LegalTheoryFactory().slug,
        "description": "A generated claim",
        "sources": [one.pk],
    }
    response = editor_client.post(reverse("api:claim-list"), claim, format="json")
    assert response.status_code == 201, response.content
    assert _ids(response.json()) == [one.pk]
    _step(editor_client, "dispute", "sourced-dispute", "submit")
    _step(reviewer_client, "dispute", "sourced-dispute", "publish")
    dispute = Dispute.objects.get(slug="sourced-dispute")
    assert dispute.publication_status == PublicationStatus.PUBLISHED
    public = anon.get(reverse("api:dispute-detail", args=["sourced-dispute"]))
    assert public.status_code == 200, public.content
    assert _ids(public.json()) == sorted([one.pk, two.pk])


def test_precedent_made_through_the_api_is_published_with_its_sources(
    editor_client, reviewer_client, anon
):
    source = f.SourceFactory()
    body = {
        "slug": "sourced-precedent",
        "case_name": "Sourced v Precedent (generated)",
        "neutral_citation": "[2020] EWHC 1234 (Ch)",
        "court": f.CourtFactory().slug,
        "decision_date": "2020-01-01",
        "holding": "Held.",
        "sources": [source.pk],
    }
    response = editor_client.post(reverse("api:precedent-list"), body, format="json")
    assert response.status_code == 201, response.content
    _step(editor_client, "precedent", "sourced-precedent", "submit")
    _step(reviewer_client, "precedent", "sourced-precedent", "publish")
    public = anon.get(reverse("api:precedent-detail", args=["sourced-precedent"]))
    assert public.status_code == 200, public.content
    assert _ids(public.json()) == [source.pk]


@pytest.mark.parametrize("name", ["dispute", "precedent"])
def test_patch_with_sources_replaces_the_list_and_without_keeps_it(editor_client, name):
    factory = {"dispute": f.DisputeFactory, "precedent": f.PrecedentFactory}[name]
    record = factory(publication_status=DRAFT)
    kept, dropped, added = f.SourceFactory(), f.SourceFactory(), f.SourceFactory()
    record.sources.set([kept, dropped])
    url = reverse(f"api:{name}-detail", args=[record.slug])
    response = editor_client.patch(url, {"sources": [kept.pk, added.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert _ids(response.json()) == sorted([kept.pk, added.pk])
    assert set(record.sources.all()) == {kept, added}
    response = editor_client.patch(url, {"notes": "Changed."}, format="json")
    assert response.status_code == 200, response.content
    assert set(record.sources.all()) == {kept, added}
    response = editor_client.patch(url, {"sources": []}, format="json")
    assert response.status_code == 200, response.content
    assert not record.sources.exists()


@pytest.mark.parametrize("name", ["dispute", "precedent"])
def test_unknown_source_id_is_a_400_naming_sources(editor_client, name):
    factory = {"dispute": f.DisputeFactory, "precedent": f.PrecedentFactory}[name]
    record = factory(publication_status=DRAFT)
    source = f.SourceFactory()
    record.sources.set([source])
    url = reverse(f"api:{name}-detail", args=[record.slug])
    for bad in ([source.pk + 1000], ["1"], [True], 5):
        response = editor_client.patch(url, {"sources": bad}, format="json")
        assert response.status_code == 400, (bad, response.content)
        assert "sources" in response.json()["errors"], response.content
    assert list(record.sources.all()) == [source]


def _created(name: str, source_ids: list[int]) -> dict:
    """A body creating a record of `name` with `sources`."""
    dispute = f.DisputeFactory().slug
    body = {
        "claim": lambda: {
            "dispute": dispute,
            "theory": f.LegalTheoryFactory().slug,
            "description": "A claim",
        },
        "evidence": lambda: {
            "dispute": dispute,
            "kind": "document",
            "description": "A doc",
        },
        "event": lambda: {"dispute": dispute, "date": "2024-01-02", "title": "Heard"},
        "provision": lambda: {
            "statute": f.StatuteFactory().pk,
            "label": "s. 9",
            "number": "9",
            "legislation_uri": "https://www.legislation.gov.uk/ukpga/1999/1/section/9",
        },
        "authority": lambda: {
            "citing": f.PrecedentFactory().slug,
            "cited": f.PrecedentFactory().slug,
            "treatment": "applied",
            "reason": "Test data: a test reason.",
            "pinpoint": "[1]",
        },
    }[name]()
    return {**body, "sources": source_ids}


MODELS = {
    "claim": Claim,
    "evidence": Evidence,
    "event": Event,
    "provision": Provision,
    "authority": Authority,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_sourced_record_takes_sources(editor_client, name):
    """Claims, evidence, events, provisions and authorities take `sources` too."""
    source = f.SourceFactory()
    response = editor_client.post(
        reverse(f"api:{name}-list"), _created(name, [source.pk]), format="json"
    )
    assert response.status_code == 201, response.content
    record = MODELS[name].objects.get(pk=response.json()["id"])
    assert list(record.sources.all()) == [source]


def test_a_source_the_writer_may_not_see_is_refused_as_missing(editor_client):
    """Someone with the editor's permissions who is not staff sees published
    sources only: a draft one is refused as an id that does not exist. Staff see
    drafts, so an editor may name one."""
    user = get_user_model().objects.create_user(username="api-writer", password=None)
    user.groups.add(Group.objects.get(name=EDITOR))
    writer = APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user)}")
    draft = f.SourceFactory(publication_status=DRAFT)
    body = {
        "slug": "draft-sourced",
        "case_name": "Draft v Sourced (generated)",
        "court": f.CourtFactory().slug,
        "decision_date": "2020-01-01",
        "holding": "Held.",
        "sources": [draft.pk],
    }
    url = reverse("api:precedent-list")
    response = writer.post(url, body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["sources"]
    assert not Precedent.objects.filter(slug="draft-sourced").exists()
    response = editor_client.post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert _ids(response.json()) == [draft.pk]


# ---------------------------------------------------------------- unknown keys


def _dispute_body(**extra) -> dict:
    return {
        "slug": "closed-body",
        "title": "Closed v Body (generated)",
        "jurisdictions": [f.JurisdictionFactory().slug],
        **extra,
    }


def test_unknown_key_on_create_is_a_400_naming_it(editor_client):
    response = editor_client.post(
        reverse("api:dispute-list"), _dispute_body(zzunknown=1), format="json"
    )
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors == {
        "zzunknown": ["Unknown field: this record takes no field by that name."]
    }
    assert not Dispute.objects.filter(slug="closed-body").exists()


@pytest.mark.parametrize("key", ["zzunknown", "url", "created_at", "id"])
def test_unknown_key_on_patch_is_a_400_and_changes_nothing(editor_client, key):
    """Read-only output fields are not inputs either."""
    record = f.PrecedentFactory(publication_status=DRAFT, holding="Before.")
    url = reverse("api:precedent-detail", args=[record.slug])
    response = editor_client.patch(url, {"holding": "After.", key: "x"}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [key]
    assert Precedent.objects.get(pk=record.pk).holding == "Before."
    assert editor_client.get(url).json()["holding"] == "Before."


def test_unknown_key_in_a_link_is_a_400_naming_it(editor_client):
    dispute = f.DisputeFactory(publication_status=DRAFT)
    kept = f.DisputePartyFactory(dispute=dispute, role="claimant")
    url = reverse("api:dispute-detail", args=[dispute.slug])
    body = {
        "parties": [
            {"party": f.PartyFactory().slug, "role": "claimant", "zzunknown": 1}
        ]
    }
    response = editor_client.patch(url, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {
        "parties.0.zzunknown": ["Unknown field: this link takes no field by that name."]
    }
    assert [r.pk for r in dispute.party_roles.all()] == [kept.pk]
    response = editor_client.post(
        reverse("api:dispute-list"), _dispute_body(**body), format="json"
    )
    assert response.status_code == 400, response.content
    assert not Dispute.objects.filter(slug="closed-body").exists()


def test_publication_status_in_a_body_points_at_the_workflow(editor_client):
    party = f.PartyFactory(publication_status=DRAFT)
    url = reverse("api:party-detail", args=[party.slug])
    response = editor_client.patch(
        url, {"publication_status": "published"}, format="json"
    )
    assert response.status_code == 400, response.content
    [message] = response.json()["errors"]["publication_status"]
    for step in ("submit", "publish", "withdraw", "return-to-draft"):
        assert step in message
    party.refresh_from_db()
    assert party.publication_status == DRAFT


def test_unknown_key_in_a_workflow_step_is_a_400(editor_client):
    dispute = f.DisputeFactory(publication_status=DRAFT)
    url = reverse("api:dispute-submit", args=[dispute.slug])
    response = editor_client.post(url, {"comments": "typo"}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["comments"]
    dispute.refresh_from_db()
    assert dispute.publication_status == DRAFT


def test_schema_closes_request_bodies_and_leaves_responses_open(anon):
    schema = anon.get(reverse("api:schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]
    bodies = {
        name
        for name in components
        if name.endswith("Request") and components[name].get("type") == "object"
    }
    assert {
        "DisputeInRequest",
        "PatchedDisputeInRequest",
        "PartyLinkInRequest",
        "PrecedentInRequest",
        "PatchedPrecedentInRequest",
        "WorkflowInRequest",
    } <= bodies
    for name in bodies:
        assert components[name]["additionalProperties"] is False, name
    for name in ("DisputeDetailOut", "PrecedentOut", "SourceRef", "DisputePartyOut"):
        assert "additionalProperties" not in components[name], name
    jurisdictions = components["DisputeInRequest"]["properties"]["jurisdictions"]
    assert jurisdictions["minItems"] == 1
    for name in ("DisputeInRequest", "PrecedentInRequest", "ClaimInRequest"):
        assert components[name]["properties"]["sources"]["items"]["type"] == "integer"


# ---------------------------------------------------------------- empty lists


def test_dispute_needs_a_jurisdiction_on_create(editor_client):
    response = editor_client.post(
        reverse("api:dispute-list"), _dispute_body(jurisdictions=[]), format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["jurisdictions"]
    assert not Dispute.objects.filter(slug="closed-body").exists()


@pytest.mark.parametrize("method", ["patch", "put"])
def test_dispute_keeps_its_jurisdictions(editor_client, method):
    dispute = f.DisputeFactory(publication_status=DRAFT)
    jurisdiction = f.JurisdictionFactory()
    dispute.jurisdictions.set([jurisdiction])
    url = reverse("api:dispute-detail", args=[dispute.slug])
    body = {"jurisdictions": []}
    if method == "put":
        body.update(slug=dispute.slug, title=dispute.title)
    response = getattr(editor_client, method)(url, body, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["jurisdictions"]
    assert list(dispute.jurisdictions.all()) == [jurisdiction]
