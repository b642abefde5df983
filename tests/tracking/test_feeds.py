"""Atom feeds: published records only, stable ids, updated times, 400 on bad input."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.search import indexing
from tests import factories as f
from tests.tracking.conftest import parse_feed

TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:[a-z-]+/\d+$")
DRAFT = PublicationStatus.DRAFT

pytestmark = pytest.mark.django_db


def _feed(client, name, *args, **params):
    return client.get(reverse(f"tracking:{name}", args=args), params)


def test_dispute_feed_lists_published_disputes_with_tag_ids_and_updated(client):
    """GIVEN a published and a draft dispute WHEN the disputes feed is read THEN only
    the published one is an entry, with a tag: id and a timezone-aware updated time."""
    shown = f.DisputeFactory(short_title="Shown Testco v Example")
    f.DisputeFactory(short_title="Hidden Draftco v Example", publication_status=DRAFT)
    feed = parse_feed(_feed(client, "feed-disputes"))
    assert [e["title"] for e in feed["entries"]] == ["Shown Testco v Example"]
    entry = feed["entries"][0]
    assert TAG.match(entry["id"]) and entry["id"].endswith(f"dispute/{shown.pk}")
    assert entry["updated"].tzinfo is not None
    assert entry["link"].endswith(shown.get_absolute_url())
    assert feed["id"].startswith("tag:") and feed["updated"]


def test_entry_id_survives_an_edit_and_updated_moves(client):
    """An entry's id never changes when the dispute is renamed; its updated time does."""
    dispute = f.DisputeFactory()
    before = parse_feed(_feed(client, "feed-disputes"))["entries"][0]
    dispute.short_title = "Renamed Testco v Example"
    dispute.slug = "renamed-testco"
    dispute.save()
    after = parse_feed(_feed(client, "feed-disputes"))["entries"][0]
    assert after["id"] == before["id"]
    assert after["updated"] > before["updated"]
    assert after["title"] == "Renamed Testco v Example"


def test_dispute_feed_filters_by_theory_and_jurisdiction(client):
    """?theory= and ?jurisdiction= narrow the feed to disputes carrying them."""
    theory = f.LegalTheoryFactory(slug="test-theory-feeds")
    place = f.JurisdictionFactory(slug="test-place-feeds")
    both = f.DisputeFactory(jurisdictions=[place])
    f.ClaimFactory(dispute=both, theory=theory)
    only_theory = f.DisputeFactory()
    f.ClaimFactory(dispute=only_theory, theory=theory)
    f.DisputeFactory(jurisdictions=[place])
    by_theory = parse_feed(_feed(client, "feed-disputes", theory=theory.slug))
    assert {e["id"].rsplit("/", 1)[1] for e in by_theory["entries"]} == {
        str(both.pk),
        str(only_theory.pk),
    }
    both_filters = parse_feed(
        _feed(client, "feed-disputes", theory=theory.slug, jurisdiction=place.slug)
    )
    assert [e["id"].rsplit("/", 1)[1] for e in both_filters["entries"]] == [
        str(both.pk)
    ]
    assert "theory=test-theory-feeds" in both_filters["self"]


def test_feed_ids_do_not_depend_on_parameter_order(client):
    """The same filters in another order are the same feed (same feed id)."""
    theory = f.LegalTheoryFactory(slug="test-theory-order")
    place = f.JurisdictionFactory(slug="test-place-order")
    one = client.get(f"/feeds/disputes?theory={theory.slug}&jurisdiction={place.slug}")
    two = client.get(f"/feeds/disputes?jurisdiction={place.slug}&theory={theory.slug}")
    assert parse_feed(one)["id"] == parse_feed(two)["id"]


def test_dispute_feed_search_query_uses_the_search_index(client):
    """?q= keeps the disputes the search service finds (published and indexed)."""
    match = f.DisputeFactory(
        title="Zanzibarco Ltd v Example Labs Ltd", short_title="Zanzibarco v Example"
    )
    f.DisputeFactory(title="Otherco Ltd v Example Labs Ltd")
    f.DisputeFactory(
        title="Zanzibarco Draft Ltd v Example Labs Ltd", publication_status=DRAFT
    )
    indexing.rebuild()
    feed = parse_feed(_feed(client, "feed-disputes", q="zanzibarco"))
    assert [e["id"].rsplit("/", 1)[1] for e in feed["entries"]] == [str(match.pk)]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"theory": "no-such-theory"}, "theory"),
        ({"jurisdiction": "<script>"}, "jurisdiction"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_feed_parameters_answer_400_naming_the_field(client, params, field):
    """A filter that names nothing, or is too long, is a 400 JSON naming the field."""
    response = _feed(client, "feed-disputes", **params)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_event_feed_shows_published_events_of_a_published_dispute(client):
    """A dispute's timeline feed has its published events; a draft event is left out,
    and a draft dispute has no feed at all (404)."""
    dispute = f.DisputeFactory()
    event = f.EventFactory(dispute=dispute, title="Claim issued (test)")
    f.EventFactory(
        dispute=dispute, title="Secret step (test)", publication_status=DRAFT
    )
    feed = parse_feed(_feed(client, "feed-dispute-events", dispute.slug))
    assert [e["title"] for e in feed["entries"]] == [
        f"{event.date_display}: Claim issued (test)"
    ]
    assert feed["entries"][0]["id"].endswith(f"event/{event.pk}")
    draft = f.DisputeFactory(publication_status=DRAFT)
    assert _feed(client, "feed-dispute-events", draft.slug).status_code == 404


def test_precedent_feed_shows_citing_judgments_and_disputes(client):
    """What cites a precedent: published later judgments and published disputes, each
    a tag: id; a draft citing judgment or draft dispute never appears."""
    cited = f.PrecedentFactory()
    later = f.PrecedentFactory(decision_date=dt.date(2010, 1, 1))
    authority = f.AuthorityFactory(citing=later, cited=cited)
    f.AuthorityFactory(citing=f.PrecedentFactory(publication_status=DRAFT), cited=cited)
    link = f.DisputePrecedentFactory(precedent=cited)
    f.DisputePrecedentFactory(
        precedent=cited, dispute=f.DisputeFactory(publication_status=DRAFT)
    )
    feed = parse_feed(_feed(client, "feed-precedent-citations", cited.slug))
    ids = sorted(e["id"].split(":")[-1] for e in feed["entries"])
    assert ids == sorted([f"authority/{authority.pk}", f"dispute-precedent/{link.pk}"])
    assert all(TAG.match(e["id"]) for e in feed["entries"])


def test_feeds_of_unknown_records_are_404(client):
    """A slug that names no published record is a 404, not a 500."""
    assert _feed(client, "feed-precedent-citations", "no-such").status_code == 404
    assert _feed(client, "feed-dispute-events", "no-such").status_code == 404


def test_control_characters_in_the_query_are_not_an_error(client):
    """A NUL byte or other control character in ?q= is dropped, never a 500."""
    f.DisputeFactory()
    response = client.get("/feeds/disputes", {"q": "getty\x00\x07 stability"})
    assert response.status_code == 200
