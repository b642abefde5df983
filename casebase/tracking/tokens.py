"""Signed unsubscribe tokens: a link in an alert e-mail works without signing in.

A token names either one subscription or all of a user's subscriptions. It is signed
with SECRET_KEY (django.core.signing) under its own salt and does not expire, so an
old e-mail's link still works; it can only ever remove subscriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "casebase.tracking.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeTarget:
    """Whose subscriptions a token removes: one, or all of them."""

    user_id: int
    subscription_id: int | None  # None: every subscription of the user


def make_token(*, user_id: int, subscription_id: int | None = None) -> str:
    payload = {"u": user_id}
    if subscription_id is not None:
        payload["s"] = subscription_id
    return signing.dumps(payload, salt=SALT)


def read_token(token: str) -> UnsubscribeTarget | None:
    """The target, or None for a token that was altered or is not one of ours."""
    if len(token) > 300:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    sub = payload.get("s")
    if sub is not None and not isinstance(sub, int):
        return None
    return UnsubscribeTarget(user_id=payload["u"], subscription_id=sub)
