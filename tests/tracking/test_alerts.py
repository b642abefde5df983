"""send_alerts: what is new since the last alert, published only, sent once."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casebase.core.models import PublicationStatus
from casebase.editorial import services as editorial
from casebase.tracking import alerts, services
from casebase.tracking.models import Frequency, Subscription
from casebase.tracking.selectors import DisputeStream
from tests import factories as f
from tests.editorial.users import publishable_dispute, user_with_role

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def analyst(db):
    return get_user_model().objects.create_user(
        username="analyst", email="analyst@example.test", password="test-pass-123"
    )


def _age(subscription: Subscription, by: dt.timedelta) -> None:
    """Pretend the last alert period ended `by` ago."""
    Subscription.objects.filter(pk=subscription.pk).update(
        covered_until=timezone.now() - by
    )


def test_alert_after_publication_contains_the_dispute_and_never_a_draft(analyst):
    """GIVEN a daily saved search on a theory WHEN a matching dispute is published by a
    reviewer and another stays a draft THEN the next alert names the published one."""
    theory = f.LegalTheoryFactory(slug="test-theory-alerts")
    sub = services.save_search(
        user=analyst, stream=DisputeStream(theory=theory), frequency=Frequency.DAILY
    )
    _age(sub, 2 * DAY)
    dispute = publishable_dispute(short_title="Publishedco v Example")
    f.ClaimFactory(dispute=dispute, theory=theory)
    draft = f.DisputeFactory(
        short_title="Draftco v Example", publication_status=PublicationStatus.DRAFT
    )
    f.ClaimFactory(dispute=draft, theory=theory)
    assert alerts.send_alerts().users_emailed == 0  # nothing public yet
    _age(sub, 2 * DAY)
    editorial.publish(obj=dispute, user=user_with_role("reviewer"))

    report = alerts.send_alerts()

    assert report.users_emailed == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Publishedco v Example" in body
    assert dispute.get_absolute_url() in body
    assert "Draftco" not in body and "Draftco" not in mail.outbox[0].alternatives[0][0]
    assert mail.outbox[0].to == ["analyst@example.test"]


def test_running_twice_sends_nothing_new(analyst):
    """A second run, even forced, finds nothing after the first covered it."""
    place = f.JurisdictionFactory()
    sub = services.save_search(user=analyst, stream=DisputeStream(jurisdiction=place))
    _age(sub, 8 * DAY)
    f.DisputeFactory(jurisdictions=[place])
    call_command("send_alerts")
    assert len(mail.outbox) == 1
    call_command("send_alerts")
    call_command("send_alerts", "--force")
    assert len(mail.outbox) == 1


def test_weekly_alert_waits_a_week_and_daily_a_day(analyst):
    """Frequency: a weekly subscription two days old is not due; a daily one is."""
    theory = f.LegalTheoryFactory()
    weekly = services.save_search(user=analyst, stream=DisputeStream(theory=theory))
    _age(weekly, 2 * DAY)
    weekly.refresh_from_db()
    now = timezone.now()
    assert not alerts.is_due(weekly, now)
    weekly.frequency = Frequency.DAILY
    assert alerts.is_due(weekly, now)


def test_nothing_new_sends_no_email(analyst):
    """A due subscription with nothing new sends no empty e-mail."""
    sub = services.follow(user=analyst, dispute=f.DisputeFactory())
    _age(sub, 8 * DAY)
    Subscription.objects.filter(pk=sub.pk).update(covered_until=timezone.now())
    call_command("send_alerts", "--force")
    assert mail.outbox == []


def test_followed_dispute_reports_its_new_published_events(analyst):
    """Following a dispute: its new published events are in the alert; a draft event
    is not."""
    dispute = f.DisputeFactory()
    sub = services.follow(user=analyst, dispute=dispute, frequency=Frequency.DAILY)
    _age(sub, 2 * DAY)
    f.EventFactory(dispute=dispute, title="Hearing listed (test)")
    f.EventFactory(
        dispute=dispute,
        title="Secret step (test)",
        publication_status=PublicationStatus.DRAFT,
    )
    alerts.send_alerts()
    body = mail.outbox[0].body
    assert "Hearing listed (test)" in body
    assert "Secret step" not in body


def test_followed_precedent_reports_a_new_citing_judgment(analyst):
    """Following a precedent: a published later judgment that treats it is reported."""
    cited = f.PrecedentFactory()
    sub = services.follow(user=analyst, precedent=cited, frequency=Frequency.DAILY)
    _age(sub, 2 * DAY)
    later = f.PrecedentFactory(case_name="Laterco Ltd v Example Ltd")
    f.AuthorityFactory(citing=later, cited=cited)
    alerts.send_alerts()
    assert "Laterco Ltd v Example Ltd" in mail.outbox[0].body


def test_email_carries_one_click_unsubscribe_that_works(analyst, client):
    """The e-mail has List-Unsubscribe and List-Unsubscribe-Post (RFC 8058); a POST to
    that address, with no session and no CSRF token, removes the user's alerts."""
    dispute = f.DisputeFactory()
    sub = services.follow(user=analyst, dispute=dispute, frequency=Frequency.DAILY)
    _age(sub, 2 * DAY)
    f.EventFactory(dispute=dispute)
    alerts.send_alerts()
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert url in message.body
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/{path}")
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=analyst).exists()


def test_users_without_an_email_address_are_skipped(reader):
    """No address, no e-mail, and no error."""
    dispute = f.DisputeFactory()
    sub = services.follow(user=reader, dispute=dispute)
    _age(sub, 8 * DAY)
    f.EventFactory(dispute=dispute)
    assert alerts.send_alerts().users_emailed == 0
    assert mail.outbox == []
