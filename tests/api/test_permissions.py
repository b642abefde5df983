"""Every write path, for each role: anonymous 401, reader 403, editors and admins as
the editorial roles allow (editors delete only rows owned by one dispute or judgment;
only reviewers publish)."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.api.conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

# Rows owned by one dispute or judgment: an editor may delete them.
OWNED = {"claim", "evidence", "event", "authority"}


def _existing(name: str, **status):
    """A record of resource `name` that nothing depends on (published unless
    `publication_status=` says otherwise), and its lookup."""
    made = {
        "dispute": f.DisputeFactory,
        "party": f.PartyFactory,
        "system": f.AISystemFactory,
        "claim": f.ClaimFactory,
        "evidence": f.EvidenceFactory,
        "event": f.EventFactory,
        "source": f.SourceFactory,
        "court": f.CourtFactory,
        "statute": f.StatuteFactory,
        "provision": f.ProvisionFactory,
        "precedent": f.PrecedentFactory,
        # An editor's treatment, with its reason and pinpoint (the editorial rule).
        "authority": lambda **kw: f.AuthorityFactory(
            reason="Test data: a test reason.", pinpoint="[1]", **kw
        ),
    }[name](**status)
    return getattr(made, "slug", made.pk)


def _new(name: str) -> dict:
    """A valid body to create a record of resource `name`."""
    j, t = f.JurisdictionFactory(), f.LegalTheoryFactory()
    if name == "dispute":
        return {"slug": "new-d", "title": "New v Dispute", "jurisdictions": [j.slug]}
    if name == "party":
        return {"slug": "new-p", "name": "New Party Ltd"}
    if name == "system":
        return {"slug": "new-s", "name": "NewModel"}
    if name in {"claim", "evidence", "event"}:
        d = f.DisputeFactory().slug
        return {
            "claim": {"dispute": d, "theory": t.slug, "description": "A claim"},
            "evidence": {"dispute": d, "kind": "document", "description": "A doc"},
            "event": {"dispute": d, "date": "2024-01-02", "title": "Heard"},
        }[name]
    if name == "source":
        return {"reference": "https://example.test/new-source"}
    if name == "court":
        return {"slug": "new-c", "name": "New Court", "jurisdiction": j.slug}
    if name == "statute":
        return {
            "legislation_type": "ukpga",
            "year": 2001,
            "number": 977,
            "short_title": "New Act 2001",
            "chapter_or_si": "2001 c. 977",
        }
    if name == "provision":
        return {
            "statute": f.StatuteFactory().pk,
            "label": "s. 9",
            "number": "9",
            "legislation_uri": "https://www.legislation.gov.uk/ukpga/1999/1/section/9",
        }
    if name == "precedent":
        return {
            "slug": "new-pr",
            "case_name": "New v Old",
            "court": f.CourtFactory().slug,
            "decision_date": "2020-01-01",
            "holding": "Held.",
        }
    assert name == "authority"
    return {
        "citing": f.PrecedentFactory().slug,
        "cited": f.PrecedentFactory().slug,
        "treatment": "applied",
        "reason": "Test data: a test reason.",
        "pinpoint": "[1]",
    }


def _change(name: str) -> dict:
    return {
        "claim": {"description": "Changed"},
        "evidence": {"title": "Changed"},
        "event": {"title": "Changed"},
        "source": {"title": "Changed"},
        "statute": {"short_title": "Changed Act"},
        "provision": {"heading": "Changed"},
        "precedent": {"holding": "Changed"},
        "authority": {"note": "Changed"},
        "dispute": {"title": "Changed"},
    }.get(name, {"name": "Changed"})


RESOURCES = sorted(
    {
        "dispute",
        "party",
        "system",
        "court",
        "statute",
        "provision",
        "precedent",
        "source",
    }
    | OWNED
)


def _expected(role: str, write: str, name: str) -> int:
    if role == "anonymous":
        return 401
    if role == "reader":
        return 403
    if write == "delete" and role != "admin" and name not in OWNED:
        return 403
    if role == "editor" and write != "create":
        # The records are published: an editor's change waits for a reviewer (202,
        # a proposed change; casebase.editorial) and a deletion is refused.
        return 202 if write == "update" else 403
    return {"create": 201, "update": 200, "delete": 204}[write]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RESOURCES)
def test_create(role, name):
    """POST to a collection, by role."""
    body = _new(name)
    response = client_for(role).post(reverse(f"api:{name}-list"), body, format="json")
    assert response.status_code == _expected(role, "create", name), response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RESOURCES)
def test_update(role, name):
    """PATCH a record, by role."""
    url = reverse(f"api:{name}-detail", args=[_existing(name)])
    response = client_for(role).patch(url, _change(name), format="json")
    assert response.status_code == _expected(role, "update", name), response.content


@pytest.mark.parametrize("name", RESOURCES)
def test_editor_changes_a_draft_directly(name):
    """An editor's PATCH of a draft is applied at once (200), with no review."""
    url = reverse(
        f"api:{name}-detail", args=[_existing(name, publication_status="draft")]
    )
    response = client_for("editor").patch(url, _change(name), format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RESOURCES)
def test_delete(role, name):
    """DELETE a record, by role."""
    url = reverse(f"api:{name}-detail", args=[_existing(name)])
    response = client_for(role).delete(url)
    assert response.status_code == _expected(role, "delete", name), response.content


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("reader", 403),
        ("editor", 200),
        ("reviewer", 200),
        ("admin", 200),
    ],
)
def test_submit_for_review(role, expected):
    """Sending a draft for review needs an editor."""
    dispute = f.DisputeFactory(publication_status=PublicationStatus.DRAFT)
    url = reverse("api:dispute-submit", args=[dispute.slug])
    response = client_for(role).post(url, {}, format="json")
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("reader", 403),
        ("editor", 403),
        ("reviewer", 200),
        ("admin", 200),
    ],
)
def test_withdraw_needs_a_reviewer(role, expected):
    """Withdrawing a published record is a reviewer's step."""
    party = f.PartyFactory()
    url = reverse("api:party-withdraw", args=[party.slug])
    response = client_for(role).post(url, {"comment": "Wrong"}, format="json")
    assert response.status_code == expected, response.content


def test_created_record_is_a_draft(editor_client):
    """A record created through the API is a draft until the workflow publishes it."""
    response = editor_client.post(
        reverse("api:party-list"), {"slug": "draft-p", "name": "D"}, format="json"
    )
    assert response.json()["publication_status"] == PublicationStatus.DRAFT


def test_publication_status_cannot_be_written(editor_client):
    """A status in the body is refused (400 naming it): only the workflow changes
    it."""
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    url = reverse("api:party-detail", args=[party.slug])
    response = editor_client.patch(
        url, {"publication_status": "published"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["publication_status"]
    party.refresh_from_db()
    assert party.publication_status == PublicationStatus.DRAFT


def test_publishing_a_record_not_in_review_is_409(reviewer_client):
    """A workflow step from the wrong status is a conflict, not a 500."""
    party = f.PartyFactory(publication_status=PublicationStatus.DRAFT)
    url = reverse("api:party-publish", args=[party.slug])
    assert reviewer_client.post(url, {}, format="json").status_code == 409


def test_session_write_needs_csrf(db):
    """A browser session without the CSRF token cannot write."""
    from rest_framework.test import APIClient

    from tests.api.conftest import make_user

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("api:party-list"), {"slug": "x", "name": "X"}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
