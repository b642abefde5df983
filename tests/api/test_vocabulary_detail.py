"""A jurisdiction or legal theory read by itself: every one answered 500, since these
rows keep no change time for a Last-Modified."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["jurisdiction", "theory"])
def test_vocabulary_detail_is_read_with_an_etag(anon, name):
    """GIVEN a jurisdiction or a legal theory
    WHEN anyone reads it
    THEN it is a 200 with an ETag, and a 304 to that ETag."""
    record = (
        f.JurisdictionFactory if name == "jurisdiction" else f.LegalTheoryFactory
    )()
    url = reverse(f"api:{name}-detail", args=[record.slug])
    response = anon.get(url)
    assert response.status_code == 200, response.content
    assert response.json()["slug"] == record.slug
    again = anon.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_jurisdiction_etag_moves_when_a_dispute_is_published_into_it(anon):
    """The jurisdiction shows how many published disputes it holds: a publication
    changes that count, so a client's copy is no longer current."""
    jurisdiction = f.JurisdictionFactory()
    url = reverse("api:jurisdiction-detail", args=[jurisdiction.slug])
    dispute = f.DisputeFactory(
        jurisdictions=[jurisdiction], publication_status=PublicationStatus.DRAFT
    )
    before = anon.get(url)
    dispute.publication_status = PublicationStatus.PUBLISHED
    dispute.save()
    after = anon.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["dispute_count"] == before.json()["dispute_count"] + 1
