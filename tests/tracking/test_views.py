"""Sign-in for readers, saving and following, the alerts page, and unsubscribe links."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.tracking import services
from casebase.tracking.models import Kind, Subscription
from casebase.tracking.tokens import make_token
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_plain_reader_signs_in_on_the_public_page(client, reader):
    """A reader (not staff) signs in through /account/sign-in and lands on alerts."""
    response = client.post(
        reverse("tracking:sign-in"),
        {"username": "reader", "password": "test-pass-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("tracking:alerts")
    assert client.get(reverse("tracking:alerts")).status_code == 200


def test_alerts_page_needs_signing_in(client):
    """Anonymous visitors are sent to the sign-in page, not shown an error."""
    response = client.get(reverse("tracking:alerts"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tracking:sign-in"))


def test_reader_saves_a_search_lists_it_and_deletes_it(client, reader):
    """Save a search from the search page's form; it is listed; delete removes it."""
    theory = f.LegalTheoryFactory(slug="test-theory-views")
    client.force_login(reader)
    response = client.post(
        reverse("tracking:save-search"),
        {"q": "training data", "theory": theory.slug, "frequency": "daily"},
    )
    assert response.status_code == 302
    saved = Subscription.objects.get(user=reader)
    assert (saved.kind, saved.query, saved.theory, saved.frequency) == (
        Kind.SEARCH,
        "training data",
        theory.slug,
        "daily",
    )
    page = client.get(reverse("tracking:alerts")).content.decode()
    assert "training data" in page
    client.post(reverse("tracking:delete", args=[saved.pk]))
    assert not Subscription.objects.exists()


def test_saving_an_empty_or_bad_search_is_a_400_naming_the_problem(client, reader):
    """Nothing to watch, or a theory that does not exist: 400 and nothing stored."""
    client.force_login(reader)
    empty = client.post(reverse("tracking:save-search"), {"frequency": "weekly"})
    assert empty.status_code == 400
    assert "search words, a legal theory or a jurisdiction" in empty.content.decode()
    bad = client.post(
        reverse("tracking:save-search"), {"theory": "nope", "frequency": "hourly"}
    )
    assert bad.status_code == 400
    assert "no such legal theory" in bad.content.decode()
    assert not Subscription.objects.exists()


def test_follow_a_published_dispute_but_never_a_draft(client, reader):
    """Following works for a published dispute; a draft one is a 404 (not revealed)."""
    client.force_login(reader)
    dispute = f.DisputeFactory()
    draft = f.DisputeFactory(publication_status=PublicationStatus.DRAFT)
    response = client.post(
        reverse("tracking:follow-dispute", args=[dispute.slug]),
        {"frequency": "weekly"},
    )
    assert response.status_code == 302
    assert Subscription.objects.get(user=reader).dispute == dispute
    missing = client.post(
        reverse("tracking:follow-dispute", args=[draft.slug]), {"frequency": "weekly"}
    )
    assert missing.status_code == 404
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert "You follow this" in page


def test_follow_a_precedent_twice_keeps_one(client, reader):
    """Following the same precedent again changes the frequency, not the count."""
    client.force_login(reader)
    precedent = f.PrecedentFactory()
    url = reverse("tracking:follow-precedent", args=[precedent.slug])
    client.post(url, {"frequency": "weekly"})
    client.post(url, {"frequency": "daily"})
    assert Subscription.objects.get().frequency == "daily"


def test_cannot_delete_someone_elses_alert(client, reader):
    """Delete only ever touches the signed-in user's own subscriptions."""
    other = get_user_model().objects.create_user(username="other", password="x" * 12)
    theirs = services.follow(user=other, dispute=f.DisputeFactory())
    client.force_login(reader)
    client.post(reverse("tracking:delete", args=[theirs.pk]))
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def test_unsubscribe_link_confirms_on_get_and_removes_on_post(reader):
    """GET shows what would stop and changes nothing; POST without a session or CSRF
    token stops that one alert; a second POST is harmless."""
    keep = services.follow(user=reader, dispute=f.DisputeFactory())
    stop = services.follow(user=reader, precedent=f.PrecedentFactory())
    url = reverse(
        "tracking:unsubscribe",
        args=[make_token(user_id=reader.pk, subscription_id=stop.pk)],
    )
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200 and str(stop) in page.content.decode()
    assert Subscription.objects.count() == 2
    assert browser.post(url).status_code == 200
    assert list(Subscription.objects.all()) == [keep]
    assert browser.post(url).status_code == 200


def test_a_tampered_unsubscribe_token_is_refused(reader):
    """A token whose signature does not match is a 400 and removes nothing."""
    services.follow(user=reader, dispute=f.DisputeFactory())
    token = make_token(user_id=reader.pk)
    forged = token.replace(token[-3:], "abc" if token[-3:] != "abc" else "xyz")
    for method in ("get", "post"):
        response = getattr(Client(), method)(
            reverse("tracking:unsubscribe", args=[forged])
        )
        assert response.status_code == 400
    assert Subscription.objects.count() == 1


def test_search_page_offers_save_and_feed_links(client, reader):
    """The search page links the matching feed, and offers Save to a signed-in user."""
    client.force_login(reader)
    page = client.get(reverse("search:search"), {"q": "zanzibarco"}).content.decode()
    assert "/feeds/disputes?q=zanzibarco" in page
    assert "Save this search" in page


def test_a_followed_dispute_withdrawn_later_is_not_named(client, reader):
    """Once a followed dispute is no longer public, the alerts page and the unsubscribe
    page stop showing its title."""
    dispute = f.DisputeFactory(short_title="Vanishingco v Example")
    sub = services.follow(user=reader, dispute=dispute)
    dispute.publication_status = PublicationStatus.WITHDRAWN
    dispute.save()
    client.force_login(reader)
    page = client.get(reverse("tracking:alerts")).content.decode()
    assert "Vanishingco" not in page and "no longer public" in page
    token = make_token(user_id=reader.pk, subscription_id=sub.pk)
    confirm = Client().get(reverse("tracking:unsubscribe", args=[token]))
    assert "Vanishingco" not in confirm.content.decode()


def test_following_with_a_bad_frequency_is_a_400_naming_it(client, reader):
    """An unknown frequency is refused with the field named; nothing is stored."""
    client.force_login(reader)
    dispute = f.DisputeFactory()
    response = client.post(
        reverse("tracking:follow-dispute", args=[dispute.slug]),
        {"frequency": "hourly"},
    )
    assert response.status_code == 400
    assert "frequency" in response.json()["fields"]
    assert not Subscription.objects.exists()
