"""The preview: the public page as publishing would make it, with nothing published."""

import pytest
from django.urls import reverse

from casebase.cases.models import Confidentiality
from casebase.core.models import PublicationStatus as S
from tests import factories as f
from tests.editorial.users import publishable_dispute, user_with_role

pytestmark = pytest.mark.django_db


def test_preview_shows_the_public_page_without_publishing(client):
    """A draft's preview renders its public page (with its draft claim, which
    publishing would publish) and leaves everything a draft."""
    dispute = publishable_dispute(publication_status=S.DRAFT)
    claim = dispute.claims.get()
    client.force_login(user_with_role("editor"))
    response = client.get(
        reverse("editorial:preview-frame", args=["dispute", dispute.pk])
    )
    assert response.status_code == 200
    assert claim.description in response.content.decode()
    dispute.refresh_from_db()
    claim.refresh_from_db()
    assert (dispute.publication_status, claim.publication_status) == (S.DRAFT, S.DRAFT)


def test_preview_hides_sealed_evidence(client):
    """The preview is the public's view: sealed evidence is not in it."""
    dispute = publishable_dispute()
    f.EvidenceFactory(
        dispute=dispute,
        title="Sealed exhibit",
        confidentiality=Confidentiality.SEALED,
    )
    client.force_login(user_with_role("editor"))
    response = client.get(
        reverse("editorial:preview-frame", args=["dispute", dispute.pk])
    )
    assert "Sealed exhibit" not in response.content.decode()


def test_preview_page_lists_what_blocks_publication(client):
    """The preview page names each reason publishing would be refused."""
    dispute = publishable_dispute()
    dispute.sources.clear()
    client.force_login(user_with_role("reviewer"))
    response = client.get(reverse("editorial:preview", args=["dispute", dispute.pk]))
    assert response.status_code == 200
    assert "It has no source" in response.content.decode()
