"""A write that changes nothing stores nothing (no save, revision, new version or
moved `updated_at`) and answers the record as it is; a stale version is refused all
the same. An empty body on a record's create or update is a 400 naming `body`."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from reversion.models import Version

from casebase.api.serializers.inputs import DisputeIn
from casebase.cases.models import Dispute, Party
from casebase.core.models import PublicationStatus
from casebase.editorial.models import ProposedChange
from tests import factories as f

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def _dispute() -> Dispute:
    """A draft (editors change drafts directly) with two jurisdictions, two sources,
    a court, two parties, an AI system and a precedent."""
    dispute = f.DisputeFactory(publication_status=DRAFT)
    dispute.jurisdictions.set([f.JurisdictionFactory(), f.JurisdictionFactory()])
    dispute.sources.set([f.SourceFactory(), f.SourceFactory()])
    f.DisputePartyFactory(dispute=dispute, role="claimant", position=0)
    f.DisputePartyFactory(
        dispute=dispute, role="defendant", position=1, names_as_pleaded=[]
    )
    f.DisputeSystemFactory(dispute=dispute)
    f.DisputePrecedentFactory(dispute=dispute)
    return Dispute.objects.get(pk=dispute.pk)  # as stored


def _url(record) -> str:
    name = "api:dispute-detail" if isinstance(record, Dispute) else "api:party-detail"
    return reverse(name, args=[record.slug])


def _state(record) -> tuple:
    """What a write stores: the row's version and change time, and its revisions."""
    stored = type(record).objects.get(pk=record.pk)
    return (
        getattr(stored, "version", None),
        stored.updated_at,
        Version.objects.get_for_object(stored).count(),
    )


def _same_parties(dispute) -> list[dict]:
    return [
        {
            "party": row.party.slug,
            "role": row.role,
            "names_as_pleaded": row.names_as_pleaded,
        }
        for row in dispute.party_roles.order_by("position")
    ]


def _same_systems(dispute) -> list[dict]:
    return [
        {"system": row.system.slug, "role": row.role, "note": row.note}
        for row in dispute.system_roles.all()
    ]


def _same_precedents(dispute) -> list[dict]:
    return [
        {"precedent": row.precedent.slug, "relation": row.relation, "note": row.note}
        for row in dispute.precedent_links.all()
    ]


def _full_dispute(dispute) -> dict:
    """Every input field of the dispute (as `DisputeIn` names them), as stored."""
    related = {
        "court": lambda d: d.court.slug if d.court else None,
        "jurisdictions": lambda d: [j.slug for j in d.jurisdictions.all()],
        "sources": lambda d: [s.pk for s in d.sources.all()],
        "parties": _same_parties,
        "ai_systems": _same_systems,
        "precedents": _same_precedents,
    }
    body = {}
    for name in DisputeIn().fields:
        if name in related:
            body[name] = related[name](dispute)
        else:
            value = getattr(dispute, name)
            body[name] = value.isoformat() if isinstance(value, dt.date) else value
    return body


NO_CHANGE = {
    "nothing": lambda d: {},
    "the same title": lambda d: {"title": d.title},
    "the same court, by slug": lambda d: {"court": d.court.slug},
    "the same date": lambda d: {"filed_date": d.filed_date.isoformat()},
    "the same JSON list": lambda d: {"unverified_elements": d.unverified_elements},
    "the same jurisdictions in another order": lambda d: {
        "jurisdictions": [j.slug for j in d.jurisdictions.order_by("-slug")]
    },
    "the same sources in another order": lambda d: {
        "sources": [s.pk for s in d.sources.order_by("-pk")]
    },
    "the same parties": lambda d: {"parties": _same_parties(d)},
    "the same systems and precedents": lambda d: {
        "ai_systems": _same_systems(d),
        "precedents": _same_precedents(d),
    },
    "everything the same, with the version": lambda d: {
        "title": d.title,
        "jurisdictions": [j.slug for j in d.jurisdictions.all()],
        "parties": _same_parties(d),
        "version": d.version,
    },
}


@pytest.mark.parametrize("body", NO_CHANGE.values(), ids=NO_CHANGE.keys())
def test_a_patch_that_changes_nothing_stores_nothing(editor_client, body):
    """200 with the record as a GET shows it; no new version, change time or
    revision."""
    dispute = _dispute()
    before = _state(dispute)
    response = editor_client.patch(_url(dispute), body(dispute), format="json")
    assert response.status_code == 200, response.content
    assert _state(dispute) == before
    assert response.json() == editor_client.get(_url(dispute)).json()
    assert response.json()["version"] == dispute.version


def test_a_put_of_the_same_values_stores_nothing(editor_client):
    dispute = _dispute()
    before = _state(dispute)
    response = editor_client.put(_url(dispute), _full_dispute(dispute), format="json")
    assert response.status_code == 200, response.content
    assert _state(dispute) == before
    assert response.json() == editor_client.get(_url(dispute)).json()


@pytest.mark.parametrize("body", [{}, {"title": "SAME"}], ids=["nothing", "title"])
def test_a_stale_version_is_refused_even_when_nothing_would_change(editor_client, body):
    """One rule: a write from a stale version is a 409, a change or not."""
    dispute = _dispute()
    url = _url(dispute)
    response = editor_client.patch(
        url, {"summary": "Changed meanwhile.", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    dispute.refresh_from_db()
    assert dispute.version == 2
    before = _state(dispute)
    sent = {k: dispute.title if v == "SAME" else v for k, v in body.items()}
    response = editor_client.patch(url, {**sent, "version": 1}, format="json")
    assert response.status_code == 409, response.content
    assert "was changed by" in response.json()["message"]
    assert _state(dispute) == before


def test_a_patch_that_changes_one_thing_bumps_the_version_once(editor_client):
    dispute = _dispute()
    version, _, revisions = _state(dispute)
    body = {**_full_dispute(dispute), "title": "A new title"}
    response = editor_client.patch(_url(dispute), body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == version + 1
    after = _state(dispute)
    assert after[0] == version + 1
    assert after[2] == revisions + 2  # the baseline and the change


def test_a_changed_link_is_a_change(editor_client):
    """The parties in another order (their positions) change the dispute."""
    dispute = _dispute()
    version = dispute.version
    parties = list(reversed(_same_parties(dispute)))
    response = editor_client.patch(_url(dispute), {"parties": parties}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == version + 1


@pytest.mark.parametrize(
    "body",
    [
        lambda p: {},
        lambda p: {"name": p.name},
        lambda p: {"name": p.name, "kind": p.kind, "verified": p.verified},
    ],
    ids=["nothing", "same name", "same fields"],
)
def test_an_unversioned_record_likewise(editor_client, body):
    """A party keeps no version: its change time and revisions stay as they are."""
    party = f.PartyFactory(publication_status=DRAFT, description="About it.")
    party.refresh_from_db()
    before = _state(party)
    response = editor_client.patch(_url(party), body(party), format="json")
    assert response.status_code == 200, response.content
    assert _state(party) == before
    assert response.json() == editor_client.get(_url(party)).json()


def test_an_unversioned_record_put_of_the_same_values(editor_client):
    party = f.PartyFactory(publication_status=DRAFT, unverified_elements=["x"])
    party.refresh_from_db()
    before = _state(party)
    body = {
        name: getattr(party, name)
        for name in (
            "slug",
            "name",
            "kind",
            "description",
            "verified",
            "unverified_elements",
        )
    }
    response = editor_client.put(_url(party), body, format="json")
    assert response.status_code == 200, response.content
    assert _state(party) == before
    response = editor_client.put(_url(party), {**body, "name": "New"}, format="json")
    assert response.status_code == 200, response.content
    assert _state(party)[1] > before[1]
    assert _state(party)[2] == before[2] + 2  # the baseline and the change


# ---------------------------------------------------------------- empty bodies


def _send_empty(client, method: str, url: str):
    return client.generic(method, url, data="", content_type="application/json")


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_an_empty_body_on_an_update_is_400_naming_body(editor_client, method):
    party = f.PartyFactory(publication_status=DRAFT)
    dispute = _dispute()
    for record in (party, dispute):
        before = _state(record)
        response = _send_empty(editor_client, method, _url(record))
        assert response.status_code == 400, response.content
        error = response.json()
        assert error["errors"] == {"body": ["The body is empty: send a JSON object."]}
        assert error["message"] == "body: The body is empty: send a JSON object."
        assert _state(record) == before


def test_an_empty_body_on_a_create_is_400_naming_body(editor_client):
    count = Party.objects.count()
    response = _send_empty(editor_client, "POST", reverse("api:party-list"))
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["body"]
    assert Party.objects.count() == count


def test_an_empty_object_is_not_an_empty_body(editor_client):
    """`{}` is JSON: a PATCH of nothing (200, nothing stored), a create missing
    its required fields (400 naming them, not `body`)."""
    party = f.PartyFactory(publication_status=DRAFT)
    response = editor_client.generic(
        "PATCH", _url(party), data="{}", content_type="application/json"
    )
    assert response.status_code == 200, response.content
    response = editor_client.generic(
        "POST", reverse("api:party-list"), data="{}", content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "body" not in response.json()["errors"]
    assert "name" in response.json()["errors"]


def test_the_workflow_steps_still_take_an_empty_body(editor_client):
    """Their fields are optional: an empty body is a step without a comment."""
    dispute = f.DisputeFactory(publication_status=DRAFT)
    url = reverse("api:dispute-submit", args=[dispute.slug])
    response = _send_empty(editor_client, "POST", url)
    assert response.status_code == 200, response.content
    dispute.refresh_from_db()
    assert dispute.publication_status == PublicationStatus.IN_REVIEW


def test_a_chunked_empty_body_is_still_411(editor_client):
    party = f.PartyFactory(publication_status=DRAFT)
    response = editor_client.generic(
        "PATCH",
        _url(party),
        data="",
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411, response.content
    assert json.loads(response.content)["errors"]["body"]


def test_an_editors_no_change_to_a_published_record_proposes_nothing(editor_client):
    """An editor's change to a published record waits for review; one that changes
    nothing is no proposal, and stores nothing (a guard: this held before)."""
    dispute = f.DisputeFactory()
    dispute = Dispute.objects.get(pk=dispute.pk)
    before = _state(dispute)
    body = {"title": dispute.title, "version": dispute.version}
    response = editor_client.patch(_url(dispute), body, format="json")
    assert response.status_code == 200, response.content
    assert _state(dispute) == before
    assert not ProposedChange.objects.exists()
    response = editor_client.patch(
        _url(dispute), {**body, "title": "Proposed"}, format="json"
    )
    assert response.status_code == 202, response.content
