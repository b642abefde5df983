"""Data generations for the page cache: which public pages a change can alter.

A cached page is stamped with the generation numbers of the *topics* it depends on,
read before the page is built; a change raises the numbers of the topics it touches
when its transaction commits (after the search index has taken the change, see
`connect`). A page built from data older than the commit is therefore stamped with a
number that is never current again (at most served stale, see `stale.py`).

Each number is a fresh random token, never a counter: the cache backends' `incr` is a
read-then-write on the file and database caches, and two writers bumping at once
must never leave a number a reader has already used.

Topics:

- `RECORDS`: any change the public can see, on a record in any app except those
  listed in `IGNORED_APPS` (accounts, sessions, tokens, lockouts, history, alerts,
  the editorial queue: nothing from them is shown on a public page).
- `DIRECTORY`: a party or AI system that nothing refers to (no dispute link, no
  system developed, nothing at all in `_meta.related_objects`). Such a record can
  only appear where every party or system is listed (its own page, the party and
  system lists, the dispute list's filter choices, search, the home page), never on
  a dispute, precedent or law page. Every other change is `RECORDS`.

A change nobody outside the editors can see (a record with a publication status that
was unpublished before the save and still is after it) raises nothing. `migrate` and
`flush` (which send no row signals) raise every topic.

`STRICT` is not a topic but a token of its own, replaced together with the topics by
every change that alters or removes what the public could already see: an edit of a
published record (a correction, a redaction, sealed evidence), a withdrawal, a
deletion, a link removed. Only additions leave it alone: a record published, a new
row, a new link. The stale-while-revalidate path (`stale.py`) never serves a copy
built under an older `STRICT` token, so a withdrawal is never served stale.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_save,
)

from casebase.core.models import PublicationStatus

RECORDS = "records"
DIRECTORY = "directory"
ALL = (RECORDS, DIRECTORY)
STRICT = "strict"

IGNORED_APPS = {
    "admin",
    "auth",
    "authtoken",
    "axes",
    "contenttypes",
    "editorial",
    "reversion",
    "sessions",
    "tracking",
}
DIRECTORY_MODELS = {"cases.party", "cases.aisystem"}
PREFIX = "pagecache:generation:"
_WAS_PUBLIC = "_pagecache_was_public"


def _token() -> str:
    return secrets.token_hex(8)


def tokens(topics) -> tuple[str, str]:
    """The current numbers of `topics` (as one string for a cache key) and the
    `STRICT` token, read together."""
    keys = [PREFIX + topic for topic in sorted(topics)] + [PREFIX + STRICT]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # A number lost from the cache (culled, flushed) is replaced by a new one.
            cache.add(key, _token(), None)
            found[key] = cache.get(key) or _token()
    return ".".join(found[key] for key in keys[:-1]), found[keys[-1]]


def generations(topics) -> str:
    """The current numbers of `topics`, as one string for a cache key."""
    return tokens(topics)[0]


def bump(topics, *, strict: bool = False) -> None:
    """Replace the numbers of `topics` and, for a `strict` change, the `STRICT`
    token, written first: a reader who sees the new topic numbers sees it too."""
    if topics:
        new = {PREFIX + STRICT: _token()} if strict else {}
        new.update({PREFIX + topic: _token() for topic in topics})
        cache.set_many(new, None)


def _watched(model) -> bool:
    return model._meta.app_label not in IGNORED_APPS


def _has_status(model) -> bool:
    return any(f.name == "publication_status" for f in model._meta.concrete_fields)


def _unreferenced(instance) -> bool:
    if getattr(instance, "developer_id", None) is not None:
        return False
    for rel in instance._meta.related_objects:
        manager = rel.related_model._base_manager
        if manager.filter(**{rel.field.name: instance.pk}).exists():
            return False
    return True


def topics_for(instance, *, was_public: bool, is_public: bool) -> tuple[str, ...]:
    if not (was_public or is_public):
        return ()
    if instance._meta.label_lower in DIRECTORY_MODELS and _unreferenced(instance):
        return (DIRECTORY,)
    return (RECORDS,)


def changed(topics, *, strict: bool) -> None:
    """Raise `topics` (and, if `strict`, the `STRICT` token) once the current
    transaction commits (at once in autocommit, where the row is already committed).
    Until then no other connection can see the change, and the page cache is not
    used inside a transaction. Each change queues its own bump, after the search
    index's flush (see `connect`), so the last bump of a withdrawal comes after the
    index has dropped the record."""
    if topics:
        transaction.on_commit(lambda: bump(topics, strict=strict))


def _pre_save(sender, instance, **kwargs) -> None:
    if not _watched(sender) or not _has_status(sender):
        return
    was = False
    if instance.pk is not None and not instance._state.adding:
        old = (
            sender._base_manager.filter(pk=instance.pk)
            .values_list("publication_status", flat=True)
            .first()
        )
        was = old == PublicationStatus.PUBLISHED
    setattr(instance, _WAS_PUBLIC, was)


def _post_save(sender, instance, **kwargs) -> None:
    if not _watched(sender):
        return
    if _has_status(sender):
        was = getattr(instance, _WAS_PUBLIC, True)
        now = instance.publication_status == PublicationStatus.PUBLISHED
        # Only a publication adds without altering: an edit of a published record
        # may redact or seal, and a withdrawal hides.
        topics = topics_for(instance, was_public=was, is_public=now)
        changed(topics, strict=was)
    else:
        changed((RECORDS,), strict=not kwargs.get("created", False))


def _post_delete(sender, instance, **kwargs) -> None:
    if _watched(sender):
        # The row is gone: whether something referred to it can no longer be told.
        changed((RECORDS,), strict=True)


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _watched(type(instance)):
        changed((RECORDS,), strict=action != "post_add")


def _post_migrate(sender, **kwargs) -> None:
    # migrate and flush (which tests run between cases) change rows without signals.
    bump(ALL)


def connect() -> None:
    """Connect the receivers. The app is listed after `casebase.search`, so for each
    change the index's `on_commit` flush is queued before the commit-time bump: a page
    built after the bump searches an index that already holds the change."""
    uid = "casebase.pagecache.generations"
    pre_save.connect(_pre_save, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(_post_save, dispatch_uid=f"{uid}.post_save")
    post_delete.connect(_post_delete, dispatch_uid=f"{uid}.post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid=f"{uid}.m2m_changed")
    post_migrate.connect(_post_migrate, dispatch_uid=f"{uid}.post_migrate")
