"""A provision is public only while its Act or SI is: a published provision of a
draft or withdrawn statute is hidden wherever it would be embedded (a claim, a
dispute's claims, a precedent's provisions, the pages), not only at its own URL."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_provision_of_a_hidden_statute_is_not_embedded(anon):
    statute = f.StatuteFactory(
        short_title="Secret Draft Act", publication_status=PublicationStatus.DRAFT
    )
    provision = f.ProvisionFactory(statute=statute)
    claim = f.ClaimFactory()
    claim.provisions.add(provision)
    precedent = f.PrecedentFactory()
    precedent.provisions.add(provision)
    assert (
        anon.get(reverse("api:provision-detail", args=[provision.pk])).status_code
        == 404
    )
    for url in [
        reverse("api:claim-detail", args=[claim.pk]),
        reverse("api:claim-list"),
        reverse("api:dispute-detail", args=[claim.dispute.slug]),
        reverse("api:precedent-detail", args=[precedent.slug]),
    ]:
        assert "Secret Draft Act" not in anon.get(url).content.decode(), url


def test_withdrawing_a_statute_hides_its_provisions(anon, client):
    statute = f.StatuteFactory(short_title="Withdrawn Test Act")
    provision = f.ProvisionFactory(statute=statute)
    claim = f.ClaimFactory()
    claim.provisions.add(provision)
    page = claim.dispute.get_absolute_url()
    assert "Withdrawn Test Act" in client.get(page).content.decode()
    statute.publication_status = PublicationStatus.WITHDRAWN
    statute.save()
    assert "Withdrawn Test Act" not in client.get(page).content.decode()
    api = reverse("api:claim-detail", args=[claim.pk])
    assert "Withdrawn Test Act" not in anon.get(api).content.decode()
