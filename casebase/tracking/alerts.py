"""`send_alerts`: e-mail each user what is new since their last alert.

For each subscription that is due (daily: a day since the period it last covered;
weekly: a week), the changes in (covered_until, now] are gathered, published records
only. A user with anything new gets one e-mail with a section per subscription; then
`covered_until` moves to `now`, so running again sends nothing new. A subscription
with nothing new moves on too (there was nothing to miss).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casebase.cases.models import Dispute
from casebase.law.models import Jurisdiction, LegalTheory
from casebase.tracking import selectors
from casebase.tracking.models import Frequency, Kind, Subscription
from casebase.tracking.tokens import make_token

logger = logging.getLogger(__name__)

PERIOD = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
# A scheduler that fires a little early must not skip a whole period.
SLACK = dt.timedelta(hours=1)
ITEMS_PER_SECTION = 50


@dataclass(frozen=True)
class AlertItem:
    """One line of an alert: what changed, its address and a short note."""

    title: str
    url: str
    note: str = ""


@dataclass
class AlertSection:
    """One subscription's part of an alert e-mail."""

    subscription: Subscription
    heading: str
    unsubscribe_url: str
    items: list[AlertItem] = field(default_factory=list)


@dataclass(frozen=True)
class RunReport:
    """What one run of send_alerts sent."""

    users_emailed: int = 0
    items: int = 0


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(*, user_id: int, subscription_id: int | None = None) -> str:
    token = make_token(user_id=user_id, subscription_id=subscription_id)
    return absolute(reverse("tracking:unsubscribe", args=[token]))


def is_due(subscription: Subscription, now: dt.datetime) -> bool:
    return now - subscription.covered_until >= PERIOD[subscription.frequency] - SLACK


def _dispute_item(dispute: Dispute, note: str = "") -> AlertItem:
    return AlertItem(
        str(dispute),
        absolute(dispute.get_absolute_url()),
        note or dispute.get_stage_display(),
    )


def _search_items(sub: Subscription, since, until) -> list[AlertItem]:
    theory = jurisdiction = None
    if sub.theory:
        theory = LegalTheory.objects.filter(slug=sub.theory).first()
        if theory is None:
            return []
    if sub.jurisdiction:
        jurisdiction = Jurisdiction.objects.filter(slug=sub.jurisdiction).first()
        if jurisdiction is None:
            return []
    stream = selectors.DisputeStream(
        query=sub.query, theory=theory, jurisdiction=jurisdiction
    )
    disputes = selectors.changed_between(
        selectors.stream_disputes(stream), since, until
    )
    return [_dispute_item(d) for d in disputes[:ITEMS_PER_SECTION]]


def _dispute_items(sub: Subscription, since, until) -> list[AlertItem]:
    dispute = sub.dispute
    if not dispute.is_published:
        return []
    items = []
    if since < dispute.updated_at <= until:
        items.append(_dispute_item(dispute, "The record was updated."))
    events = selectors.changed_between(selectors.dispute_events(dispute), since, until)
    for event in events[:ITEMS_PER_SECTION]:
        items.append(
            AlertItem(
                f"{event.date_display}: {event.title}",
                absolute(dispute.get_absolute_url() + "#timeline-title"),
                event.get_kind_display(),
            )
        )
    return items


def _precedent_items(sub: Subscription, since, until) -> list[AlertItem]:
    precedent = sub.precedent
    if not precedent.is_published:
        return []
    authorities = selectors.changed_between(
        selectors.citing_authorities(precedent), since, until
    )
    items = [
        AlertItem(
            str(a.citing),
            absolute(a.citing.get_absolute_url()),
            f"{a.get_treatment_display()} {precedent.primary_citation}".strip(),
        )
        for a in authorities[:ITEMS_PER_SECTION]
    ]
    links = selectors.citing_disputes(precedent).filter(
        dispute__updated_at__gt=since, dispute__updated_at__lte=until
    )
    items += [
        _dispute_item(link.dispute, link.get_relation_display())
        for link in links[:ITEMS_PER_SECTION]
    ]
    return items


def section_for(sub: Subscription, until: dt.datetime) -> AlertSection:
    gather = {
        Kind.SEARCH: _search_items,
        Kind.DISPUTE: _dispute_items,
        Kind.PRECEDENT: _precedent_items,
    }[sub.kind]
    return AlertSection(
        subscription=sub,
        heading=str(sub),
        unsubscribe_url=unsubscribe_url(user_id=sub.user_id, subscription_id=sub.pk),
        items=gather(sub, sub.covered_until, until),
    )


def build_message(user, sections: list[AlertSection]) -> EmailMultiAlternatives:
    count = sum(len(s.items) for s in sections)
    all_url = unsubscribe_url(user_id=user.pk)
    context = {
        "user": user,
        "sections": sections,
        "count": count,
        "unsubscribe_all_url": all_url,
        "alerts_url": absolute(reverse("tracking:alerts")),
    }
    message = EmailMultiAlternatives(
        subject=f"casebase: {count} new or updated record{'s' if count != 1 else ''}",
        body=render_to_string("tracking/email/alert.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe.
        headers={
            "List-Unsubscribe": f"<{all_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("tracking/email/alert.html", context), "text/html"
    )
    return message


def send_for_user(user, *, now: dt.datetime, force: bool = False) -> int:
    """Send `user` their alert if anything is new; returns the number of items."""
    with transaction.atomic():
        subs = list(
            Subscription.objects.select_for_update(of=("self",))
            .filter(user=user)
            .select_related("dispute", "precedent", "user")
            .order_by("kind", "pk")
        )
        due = [s for s in subs if force or is_due(s, now)]
        sections = [section_for(s, now) for s in due]
        with_news = [s for s in sections if s.items]
        if with_news:
            build_message(user, with_news).send()
            Subscription.objects.filter(
                pk__in=[s.subscription.pk for s in with_news]
            ).update(last_sent_at=now)
        Subscription.objects.filter(pk__in=[s.pk for s in due]).update(
            covered_until=now
        )
    return sum(len(s.items) for s in with_news)


def send_alerts(*, now: dt.datetime | None = None, force: bool = False) -> RunReport:
    """One run over every active user with an e-mail address and a subscription."""
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(is_active=True, subscriptions__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    emailed = items = 0
    for user in users.iterator():
        try:
            sent = send_for_user(user, now=now, force=force)
        except Exception:
            # One user's failure (a bad address, the mail server) must not stop
            # everyone else's alerts; their period stays open for the next run.
            logger.exception("alert for user %s failed", user.pk)
            continue
        if sent:
            emailed += 1
            items += sent
    return RunReport(users_emailed=emailed, items=items)
