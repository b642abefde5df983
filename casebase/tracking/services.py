"""Writes: saving a search, following a dispute or precedent, deleting, unsubscribing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casebase.cases.models import Dispute
from casebase.law.models import Precedent
from casebase.tracking.models import Frequency, Kind, Subscription
from casebase.tracking.selectors import DisputeStream
from casebase.tracking.tokens import UnsubscribeTarget


def save_search(
    *, user, stream: DisputeStream, frequency: str = Frequency.WEEKLY
) -> Subscription:
    """Save a search for alerts; the same search saved twice is kept once."""
    fields = {
        "query": stream.query.strip(),
        "theory": stream.theory.slug if stream.theory else "",
        "jurisdiction": stream.jurisdiction.slug if stream.jurisdiction else "",
    }
    with transaction.atomic():
        existing = Subscription.objects.filter(
            user=user, kind=Kind.SEARCH, **fields
        ).first()
        if existing:
            existing.frequency = frequency
            existing.save(update_fields=["frequency"])
            return existing
        subscription = Subscription(
            user=user,
            kind=Kind.SEARCH,
            frequency=frequency,
            covered_until=timezone.now(),
            **fields,
        )
        subscription.full_clean()
        subscription.save()
        return subscription


def follow(
    *,
    user,
    dispute: Dispute | None = None,
    precedent: Precedent | None = None,
    frequency: str = Frequency.WEEKLY,
) -> Subscription:
    """Follow one published dispute or precedent (the caller checks it is visible)."""
    if (dispute is None) == (precedent is None):
        raise ValueError("Follow exactly one dispute or one precedent.")
    kind = Kind.DISPUTE if dispute else Kind.PRECEDENT
    target = {"dispute": dispute} if dispute else {"precedent": precedent}
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            user=user,
            kind=kind,
            **target,
            defaults={"frequency": frequency, "covered_until": timezone.now()},
        )
        if not created and subscription.frequency != frequency:
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
    return subscription


def delete_subscription(*, user, subscription_id: int) -> bool:
    """Delete one of `user`'s subscriptions; False when there was none."""
    deleted, _ = Subscription.objects.filter(user=user, pk=subscription_id).delete()
    return bool(deleted)


def unsubscribe(*, target: UnsubscribeTarget) -> int:
    """Remove what an unsubscribe link names. Running it twice is harmless."""
    subscriptions = Subscription.objects.filter(user_id=target.user_id)
    if target.subscription_id is not None:
        subscriptions = subscriptions.filter(pk=target.subscription_id)
    deleted, _ = subscriptions.delete()
    return deleted
