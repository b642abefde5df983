"""Parallel disputes: same opposing parties or same AI system, other jurisdictions."""

import pytest
from django.urls import reverse

from casebase.cases.models import Dispute, PartyRole
from casebase.core.models import PublicationStatus
from casebase.tracking import parallel
from tests import factories as f

DRAFT = PublicationStatus.DRAFT


def _pair(claimant, defendant, place, **kwargs):
    dispute = f.DisputeFactory(jurisdictions=[place], **kwargs)
    f.DisputePartyFactory(dispute=dispute, party=claimant, role=PartyRole.CLAIMANT)
    f.DisputePartyFactory(dispute=dispute, party=defendant, role=PartyRole.DEFENDANT)
    return dispute


@pytest.mark.django_db
def test_same_opposing_parties_in_two_jurisdictions_are_parallel():
    """Same claimant and defendant, no jurisdiction in common: linked both ways; the
    same pair in the same jurisdiction, or a draft, is not."""
    here, there = f.JurisdictionFactory(), f.JurisdictionFactory()
    claimant, defendant = f.PartyFactory(), f.PartyFactory()
    home = _pair(claimant, defendant, here)
    abroad = _pair(claimant, defendant, there)
    twin = _pair(claimant, defendant, here)  # same jurisdiction: not parallel to home
    _pair(claimant, defendant, there, publication_status=DRAFT)
    assert [link.dispute for link in parallel.parallel_to(home)] == [abroad]
    assert [link.dispute for link in parallel.parallel_to(abroad)] == [home, twin]
    assert "same parties" in parallel.parallel_to(home)[0].reasons[0]


@pytest.mark.django_db
def test_sharing_only_one_party_is_not_parallel_but_sharing_a_system_is():
    """One common defendant alone links nothing; a common AI system does."""
    here, there = f.JurisdictionFactory(), f.JurisdictionFactory()
    defendant = f.PartyFactory()
    one = _pair(f.PartyFactory(), defendant, here)
    two = _pair(f.PartyFactory(), defendant, there)
    assert parallel.parallel_to(one) == []
    system = f.AISystemFactory(name="Parallelmodel")
    f.DisputeSystemFactory(dispute=one, system=system)
    f.DisputeSystemFactory(dispute=two, system=system)
    links = parallel.parallel_to(one)
    assert [link.dispute for link in links] == [two]
    assert links[0].reasons == ("same AI system: Parallelmodel",)
    _, by_system = parallel.parallel_groups()
    assert [(g.label, g.disputes) for g in by_system] == [("Parallelmodel", [one, two])]


@pytest.mark.django_db
def test_a_draft_dispute_shows_no_parallels_and_is_in_no_group():
    """Drafts are never linked or grouped (published records only)."""
    here, there = f.JurisdictionFactory(), f.JurisdictionFactory()
    claimant, defendant = f.PartyFactory(), f.PartyFactory()
    _pair(claimant, defendant, here)
    draft = _pair(claimant, defendant, there, publication_status=DRAFT)
    assert parallel.parallel_to(draft) == []
    assert parallel.parallel_groups() == ([], [])


@pytest.mark.django_db
def test_getty_is_grouped_with_its_us_counterpart(reference_db, client):
    """On the reference data, Getty Images v Stability AI in England and in the United
    States are one group by parties, and each dispute page links the other."""
    uk = Dispute.objects.get(slug="getty-images-v-stability-ai-uk")
    us = Dispute.objects.get(slug="getty-images-v-stability-ai-us")
    by_parties, _ = parallel.parallel_groups()
    getty = [g for g in by_parties if uk in g.disputes]
    assert len(getty) == 1 and us in getty[0].disputes
    assert "Getty Images" in getty[0].label and "Stability AI" in getty[0].label
    assert us in [link.dispute for link in parallel.parallel_to(uk)]
    page = client.get(uk.get_absolute_url()).content.decode()
    assert 'id="parallel-title"' in page and us.get_absolute_url() in page
    listing = client.get(reverse("tracking:parallel")).content.decode()
    assert uk.get_absolute_url() in listing and us.get_absolute_url() in listing
