"""A precedent's citator status in the API names the judgment that restored it when
its reversal was itself reversed on further appeal (`reason.restored_by`)."""

import datetime as dt

from django.urls import reverse

from casebase.law.models import Precedent, Treatment
from tests import factories as f


def _status(client, precedent) -> dict:
    url = reverse("api:precedent-detail", args=[precedent.slug])
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["status"]


def test_emotional_perception_high_court_is_caution_restored_on_further_appeal(
    reference_db, anon
):
    """GIVEN the reference data WHEN the High Court's Emotional Perception judgment
    is read THEN it is caution, reversed by the Court of Appeal, restored by the
    Supreme Court, and says so in words."""
    high = Precedent.objects.get(neutral_citation="[2023] EWHC 2948 (Ch)")
    status = _status(anon, high)
    assert status["code"] == "caution"
    reason = status["reason"]
    assert reason["treatment"] == "reversed"
    assert reason["citing"]["neutral_citation"] == "[2024] EWCA Civ 825"
    assert reason["restored_by"]["neutral_citation"] == "[2026] UKSC 3"
    assert reason["restored_by"]["url"].endswith(
        reverse("api:precedent-detail", args=[reason["restored_by"]["slug"]])
    )
    assert reason["text"].endswith("restored on further appeal")


def test_a_plain_reversal_has_no_restored_by(anon):
    """A judgment reversed on appeal, and no further: negative, restored_by null."""
    first = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    appeal = f.PrecedentFactory(decision_date=dt.date(2021, 1, 1))
    f.AuthorityFactory(citing=appeal, cited=first, treatment=Treatment.REVERSED)
    status = _status(anon, first)
    assert status["code"] == "negative"
    assert status["reason"]["restored_by"] is None
    assert "restored" not in status["reason"]["text"]


def test_a_dispute_shows_the_restored_status_of_a_precedent_it_relies_on(anon):
    """The dispute detail's precedents carry the same status with restored_by."""
    first = f.PrecedentFactory(decision_date=dt.date(2020, 1, 1))
    appeal = f.PrecedentFactory(decision_date=dt.date(2021, 1, 1))
    top = f.PrecedentFactory(decision_date=dt.date(2022, 1, 1))
    f.AuthorityFactory(citing=appeal, cited=first, treatment=Treatment.REVERSED)
    f.AuthorityFactory(citing=top, cited=appeal, treatment=Treatment.REVERSED)
    link = f.DisputePrecedentFactory(precedent=first)
    url = reverse("api:dispute-detail", args=[link.dispute.slug])
    [shown] = anon.get(url).json()["precedents"]
    assert shown["status"]["code"] == "caution"
    assert shown["status"]["reason"]["restored_by"]["slug"] == top.slug
    assert shown["status"]["reason"]["citing"]["slug"] == appeal.slug
