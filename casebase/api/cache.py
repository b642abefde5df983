"""A shared cache of public API responses, invalidated by a data generation number.

Building a page of disputes with everything it embeds costs DRF far more than the
request itself; the same page is asked for again and again. Responses for readers
who see published records only are kept in the default cache (shared by every
worker), keyed by the path and query string and by a *generation* number that every
save, delete or many-to-many change of a record in `core`, `law` or `cases` raises,
both at once and again when the transaction commits (so nothing read before the
commit is kept under the new number). `API_CACHE_SECONDS` bounds how long any entry
lives (a backstop for writes that bypass the ORM's signals, such as bulk updates);
0 turns the cache off. Editors (who see drafts) always get a fresh response.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from casebase.core.models import can_see_unpublished

GENERATION = "api:generation"
APPS = {"core", "law", "cases"}


def generation() -> int:
    value = cache.get(GENERATION)
    if value is None:
        # Start from the clock, so a lost counter never reuses an old number.
        cache.add(GENERATION, time.time_ns())
        value = cache.get(GENERATION, 0)
    return value


def bump() -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.set(GENERATION, time.time_ns())


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label in APPS:
        bump()
        transaction.on_commit(bump)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"casebase.api.cache.{signal}")


def key_for(request) -> str | None:
    """The cache key for this read, or None when it must not be cached."""
    seconds = getattr(settings, "API_CACHE_SECONDS", 0)
    if not seconds or request.method != "GET" or can_see_unpublished(request.user):
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"api:response:{generation()}:{path}"


def get(key: str | None):
    return cache.get(key) if key else None


def put(key: str | None, value) -> None:
    if key:
        cache.set(key, value, getattr(settings, "API_CACHE_SECONDS", 0))
