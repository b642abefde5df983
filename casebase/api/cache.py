"""A shared cache of public API responses, invalidated when public data changes.

Building a page of disputes with everything it embeds costs DRF far more than the
request itself; the same page is asked for again and again. Responses for readers
who see published records only are kept in the default cache (shared by every
worker), one copy per path and query string, stamped with the page cache's
data-change tokens (`casebase.pagecache.generations`): a record endpoint's responses
depend on the *records* topic, and the party, AI system and search endpoints also on
the *directory* topic (a party or system nothing refers to). Those tokens move when a
public change commits, after the search index has taken it, so nothing read before
the commit is kept under the tokens current after it. When they have moved, one
request rebuilds a response while other anonymous readers may get the previous copy
for at most `PAGE_CACHE_STALE_SECONDS` (never after a withdrawal or an edit of a
published record; see `casebase.pagecache.stale`).

This module's own generation number is raised by every public change in `core`,
`law` or `cases` (at once and again when the transaction commits; a transaction's
further changes bump nothing, so a bulk import costs two bumps, not two a row). It
tells whether this connection holds uncommitted public changes: while it does, its
own reads neither use nor fill the cache (they see rows other readers cannot yet
see, or may never see if the transaction rolls back). A change to a record that
stays unpublished (an editor's draft) bumps nothing.

`API_CACHE_SECONDS` bounds how long any entry lives (a backstop for writes that
bypass the ORM's signals, such as bulk updates); 0 turns the cache off. Editors
(who see drafts) always get a fresh response.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from casebase.core.models import PublicationStatus, can_see_unpublished
from casebase.pagecache import stale
from casebase.pagecache.generations import (
    _WAS_PUBLIC,
    ALL,
    DIRECTORY_MODELS,
    RECORDS,
)

GENERATION = "api:generation"
APPS = {"core", "law", "cases"}
# Where a connection keeps the commit bump its open transaction owes.
_PENDING = "_casebase_api_cache_bump"


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


class _CommitBump:
    """The one bump a transaction owes when it commits."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        bump()


def _pending(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True while `using`'s open transaction holds changes whose commit bump is
    still owed. O(1): the bump remembers where it was queued, and a rollback (which
    drops it from the queue, or shifts the queue) reads as "not pending"."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return False
    owed = getattr(connection, _PENDING, None)
    if owed is None:
        return False
    commit_bump, index = owed
    hooks = connection.run_on_commit
    return (
        not commit_bump.done and index < len(hooks) and hooks[index][1] is commit_bump
    )


def _unseen(kwargs) -> bool:
    """A save or link change of a record that was not published before it and is
    not published after it: anonymous readers (the only ones served from the cache)
    cannot see it. Whether it was published is noted by the page cache's pre_save
    receiver (`casebase.pagecache.generations`); without that note, assume it was."""
    instance = kwargs.get("instance")
    status = getattr(instance, "publication_status", None)
    if status is None or "created" not in kwargs and "action" not in kwargs:
        return False  # no status, or a delete
    return status != PublicationStatus.PUBLISHED and not getattr(
        instance, _WAS_PUBLIC, True
    )


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label not in APPS or _unseen(kwargs):
        return
    if kwargs.get("action", "post").startswith("pre"):
        return  # m2m_changed: the matching post_* signal follows
    using = kwargs.get("using") or DEFAULT_DB_ALIAS
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump()  # autocommit: the change is already committed
        return
    if _pending(using):
        return
    bump()
    commit_bump = _CommitBump()
    setattr(connection, _PENDING, (commit_bump, len(connection.run_on_commit)))
    transaction.on_commit(commit_bump, using=using)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"casebase.api.cache.{signal}")


def key_for(request, topics=ALL) -> stale.Key | None:
    """The cache key for this read of a response that depends on `topics`, or None
    when it must not be cached. Signed-in readers never get a stale copy."""
    seconds = getattr(settings, "API_CACHE_SECONDS", 0)
    if not seconds or request.method != "GET" or can_see_unpublished(request.user):
        return None
    if _pending():
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    anonymous = not request.user.is_authenticated
    return stale.key(f"api:response:{path}", topics, may_be_stale=anonymous)


def get(key: stale.Key | None):
    """The response to serve, fresh or (while another request rebuilds it) stale;
    None when the caller must build it and `put` it. A caller that builds nothing
    (an error) leaves the rebuild lock to expire within the stale bound."""
    if key is None or _pending():
        return None
    return stale.get(key)[1]


def put(key: stale.Key | None, value) -> None:
    if key and not _pending():
        stale.put(key, value, getattr(settings, "API_CACHE_SECONDS", 0))


def topics_for_model(model) -> tuple[str, ...]:
    """What a record endpoint's responses depend on: parties and AI systems also on
    the directory topic (they may be listed before anything refers to them)."""
    return ALL if model._meta.label_lower in DIRECTORY_MODELS else (RECORDS,)
