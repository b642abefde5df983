"""Public responses are reused until any record changes, and never served stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_change_is_seen_at_once(anon):
    """After a dispute is saved, the list shows the new title, not a cached one."""
    dispute = f.DisputeFactory(title="Before")
    anon.get(reverse("api:dispute-list"))
    dispute.title = "After"
    dispute.save()
    titles = [
        d["title"] for d in anon.get(reverse("api:dispute-list")).json()["results"]
    ]
    assert titles == ["After"]


def test_a_link_change_is_seen_at_once(anon):
    """Adding a jurisdiction to a dispute (a many-to-many change) refreshes it."""
    dispute = f.DisputeFactory()
    url = reverse("api:dispute-detail", args=[dispute.slug])
    before = len(anon.get(url).json()["jurisdictions"])
    dispute.jurisdictions.add(f.JurisdictionFactory())
    assert len(anon.get(url).json()["jurisdictions"]) == before + 1


def test_repeat_read_runs_no_query(anon, django_assert_num_queries):
    """The second identical public read is answered from the cache."""
    url = reverse("api:dispute-list")
    f.DisputeFactory()
    anon.get(url)
    with django_assert_num_queries(0):
        assert anon.get(url).status_code == 200


def test_withdrawing_through_the_api_hides_the_record_at_once(anon, reviewer_client):
    """A cached public list and detail are refreshed when a record's publication
    changes: a withdrawn dispute is gone from both at once."""
    f.DisputeFactory(title="Kept")
    withdrawn = f.DisputeFactory(title="Withdrawn")
    url = reverse("api:dispute-list")
    detail = reverse("api:dispute-detail", args=[withdrawn.slug])
    assert {d["title"] for d in anon.get(url).json()["results"]} == {
        "Kept",
        "Withdrawn",
    }
    assert anon.get(detail).status_code == 200
    step = reverse("api:dispute-withdraw", args=[withdrawn.slug])
    response = reviewer_client.post(step, {"comment": "Test."}, format="json")
    assert response.status_code == 200, response.content
    assert [d["title"] for d in anon.get(url).json()["results"]] == ["Kept"]
    assert anon.get(detail).status_code == 404


def test_the_cache_can_be_turned_off(anon, settings):
    """With API_CACHE_SECONDS=0 every read runs its queries again."""
    settings.API_CACHE_SECONDS = 0
    url = reverse("api:dispute-list")
    f.DisputeFactory()
    anon.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert anon.get(url).status_code == 200
    assert len(queries.captured_queries) > 0
