"""Public responses are reused until any record changes, and never served stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.api import cache as api_cache
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


def test_repeat_read_runs_no_query(
    anon, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The second identical public read of committed rows is answered from the
    cache."""
    url = reverse("api:dispute-list")
    with django_capture_on_commit_callbacks(execute=True):
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


# ------------------------------------------ one bump per transaction, on commit


def _list_request():
    from django.contrib.auth.models import AnonymousUser
    from rest_framework.test import APIRequestFactory

    request = APIRequestFactory().get(reverse("api:dispute-list"))
    request.user = AnonymousUser()
    return request


def test_many_changes_in_one_transaction_bump_once_now_and_once_on_commit(
    django_capture_on_commit_callbacks,
):
    """GIVEN an open transaction WHEN ten disputes (and the rows their factories
    make) are saved and deleted THEN the generation rises once at the first change
    and once more at the commit, not twice a row."""
    start = api_cache.generation()
    seen = set()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(10):
            f.DisputeFactory().delete()
            seen.add(api_cache.generation())
    assert seen == {start + 1}
    assert len([c for c in callbacks if isinstance(c, api_cache._CommitBump)]) == 1
    assert api_cache.generation() == start + 2


def test_nothing_read_before_the_commit_is_kept_under_the_new_number(
    anon, django_capture_on_commit_callbacks
):
    """A reader elsewhere that fetched the key before the commit (and so read the
    rows as they were) keys its copy by tokens the commit retires; this connection,
    which sees its own uncommitted rows, stores nothing meanwhile."""
    with django_capture_on_commit_callbacks(execute=True):
        f.DisputeFactory(title="Before")
    before = api_cache.key_for(_list_request())
    with django_capture_on_commit_callbacks(execute=True):
        dispute = f.DisputeFactory(title="During")
        dispute.title = "Changed"
        dispute.save()
        assert api_cache.key_for(_list_request()) is None
        anon.get(reverse("api:dispute-list"))
        assert not [k for k in _cache_keys() if k.startswith("api:response:")]
    after = api_cache.key_for(_list_request())
    assert after is not None and before is not None and after != before
    titles = {
        d["title"] for d in anon.get(reverse("api:dispute-list")).json()["results"]
    }
    assert titles == {"Before", "Changed"}


def test_an_unreferenced_party_leaves_record_responses_cached(
    django_capture_on_commit_callbacks,
):
    """GIVEN cached keys for the dispute list and the party list WHEN a party that
    nothing refers to is published THEN only the party list's key moves."""
    from casebase.cases.models import Party

    with django_capture_on_commit_callbacks(execute=True):
        f.DisputeFactory()
    disputes = api_cache.key_for(_list_request(), (api_cache.RECORDS,))
    parties = api_cache.key_for(_list_request(), api_cache.topics_for_model(Party))
    with django_capture_on_commit_callbacks(execute=True):
        f.PartyFactory(name="Newly published, unreferenced")
    assert api_cache.key_for(_list_request(), (api_cache.RECORDS,)) == disputes
    assert (
        api_cache.key_for(_list_request(), api_cache.topics_for_model(Party)) != parties
    )


def test_a_rolled_back_savepoint_drops_its_bump_and_the_next_change_owes_one(
    django_capture_on_commit_callbacks,
):
    """A change rolled back with its savepoint takes its commit bump with it; a
    later change in the same transaction registers its own."""
    from django.db import transaction

    start = api_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                f.DisputeFactory()
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        f.DisputeFactory()
    assert len([c for c in callbacks if isinstance(c, api_cache._CommitBump)]) == 1
    assert api_cache.generation() == start + 3


def test_a_many_to_many_change_bumps_on_its_post_signal_only(
    django_capture_on_commit_callbacks,
):
    """Adding a jurisdiction (pre_add and post_add signals) owes one commit bump."""
    with django_capture_on_commit_callbacks(execute=True):
        dispute = f.DisputeFactory()
        jurisdiction = f.JurisdictionFactory()
    start = api_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dispute.jurisdictions.add(jurisdiction)
        assert api_cache.generation() == start + 1
    assert len([c for c in callbacks if isinstance(c, api_cache._CommitBump)]) == 1
    assert api_cache.generation() == start + 2


def _cache_keys() -> list[str]:
    from django.core.cache import cache

    # The tests' memory cache (tests/api/conftest.py) keeps keys as ":1:<key>".
    return [k.split(":", 2)[2] for k in cache._cache]


def test_a_draft_that_stays_a_draft_bumps_nothing(django_capture_on_commit_callbacks):
    """GIVEN the public's cached responses WHEN an editor creates and edits a
    draft THEN the generation stays (the public cannot see it); WHEN the draft is
    published THEN it rises."""
    from casebase.core.models import PublicationStatus as S

    with django_capture_on_commit_callbacks(execute=True):
        party = f.PartyFactory(publication_status=S.DRAFT)
    start = api_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        party.name = "Renamed in draft"
        party.save()
        party.publication_status = S.IN_REVIEW
        party.save()
    assert api_cache.generation() == start
    with django_capture_on_commit_callbacks(execute=True):
        party.publication_status = S.PUBLISHED
        party.save()
    assert api_cache.generation() > start


# ------------------------------------------ stale copies while one request rebuilds


def _titles(client) -> set[str]:
    response = client.get(reverse("api:dispute-list"))
    return {d["title"] for d in response.json()["results"]}


def test_anonymous_readers_get_the_previous_list_while_another_rebuilds_it(
    anon, settings, django_capture_on_commit_callbacks
):
    """GIVEN a cached list WHEN a dispute is published and another request holds
    the list's rebuild lock THEN an anonymous reader gets the previous list, a
    signed-in reader a fresh one; once the lock is freed, everyone sees it."""
    from casebase.pagecache import stale
    from tests.api.conftest import client_for

    settings.PAGE_CACHE_STALE_SECONDS = 5
    with django_capture_on_commit_callbacks(execute=True):
        f.DisputeFactory(title="Before")
    assert _titles(anon) == {"Before"}
    with django_capture_on_commit_callbacks(execute=True):
        f.DisputeFactory(title="Published later")
    rebuilding = api_cache.key_for(_list_request())
    assert stale.get(rebuilding)[0] == stale.REBUILD
    assert _titles(anon) == {"Before"}
    assert _titles(client_for("reader")) == {"Before", "Published later"}
    stale.release(rebuilding)
    assert _titles(anon) == {"Before", "Published later"}


def test_a_withdrawal_is_never_served_stale(
    anon, reviewer_client, settings, django_capture_on_commit_callbacks
):
    """Even with another request rebuilding the list, the first anonymous read
    after a withdrawal no longer shows the withdrawn dispute."""
    from django.core.cache import cache

    settings.PAGE_CACHE_STALE_SECONDS = 5
    with django_capture_on_commit_callbacks(execute=True):
        f.DisputeFactory(title="Kept")
        withdrawn = f.DisputeFactory(title="Withdrawn")
    assert _titles(anon) == {"Kept", "Withdrawn"}
    step = reverse("api:dispute-withdraw", args=[withdrawn.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(step, {"comment": "Test."}, format="json")
    assert response.status_code == 200, response.content
    cache.add(api_cache.key_for(_list_request()).lock, 1, 60)
    assert _titles(anon) == {"Kept"}
