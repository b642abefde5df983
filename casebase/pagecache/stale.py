"""One copy per page, rebuilt by one reader while the others get the previous copy.

Each publication moves a topic's number (`generations.py`); every page that depends
on it is then out of date at once, and if every reader who asks for one rebuilt it,
the rebuilds would queue on the server's cores behind each other. Instead, the copy
of a page is kept under one key, stamped with the numbers and the `STRICT` token it
was built under and the time its build began. When the numbers have moved:

- a reader allowed a stale copy (an anonymous one) may get the previous copy only
  if its build began at most `PAGE_CACHE_STALE_SECONDS` ago and no change since
  then moved the `STRICT` token (an edit of a published record, a withdrawal, a
  deletion: those are never served stale); otherwise it builds the page itself, as
  without this module;
- a copy whose build began less than `PAGE_CACHE_REBUILD_SECONDS` ago is served as
  it is: under a stream of publications (two a second under `make load`) a page
  that changes with each would otherwise be rebuilt on nearly every request;
- an older one is rebuilt by the first reader, who takes a short lock
  (`cache.add`) and always gets a fresh page; while the lock is held, the others
  get the previous copy.

So a publication is seen by everyone at most `PAGE_CACHE_STALE_SECONDS` after its
commit, and by the reader who rebuilds at once; `PAGE_CACHE_STALE_SECONDS=0` turns
stale copies off, `PAGE_CACHE_REBUILD_SECONDS=0` rebuilds as soon as the data
moved (the tests' setting: every change is on the next request). The bound is measured with each server's clock (keep them
synchronised when several servers share a cache). On the file cache `add` is not
atomic: two readers may both rebuild, never serve anything older.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from casebase.pagecache.generations import tokens

HIT, STALE, REBUILD, MISS = "hit", "stale", "rebuild", "miss"


@dataclass(eq=True)
class Key:
    """Where a page's copy lives and the numbers a fresh copy must carry. Two keys
    are equal when they name the same copy under the same numbers."""

    entry: str
    generations: str
    strict: str = field(compare=False)
    started: float = field(compare=False)
    may_be_stale: bool = field(default=True, compare=False)
    locked: bool = field(default=False, compare=False)

    @property
    def lock(self) -> str:
        return self.entry + ":rebuilding"


def key(entry: str, topics, *, may_be_stale: bool = True) -> Key:
    """The key for a copy at `entry` of something that depends on `topics`. Read
    before the build begins: a copy is stamped with the numbers current then."""
    started = time.time()
    generations, strict = tokens(topics)
    return Key(entry, generations, strict, started, may_be_stale)


def get(key: Key) -> tuple[str, object]:
    """`(outcome, payload)`: `HIT` or `STALE` with the copy to serve, `REBUILD`
    (this reader holds the lock and must build and `put`) or `MISS` (build, and
    `put` if it can be kept)."""
    stored = cache.get(key.entry)
    if stored is None:
        return MISS, None
    generations, strict, started, payload = stored
    if generations == key.generations:
        return HIT, payload
    bound = settings.PAGE_CACHE_STALE_SECONDS
    age = key.started - started
    if not (bound and key.may_be_stale and strict == key.strict and age <= bound):
        return MISS, None
    if age < settings.PAGE_CACHE_REBUILD_SECONDS or not cache.add(key.lock, 1, bound):
        return STALE, payload
    key.locked = True
    return REBUILD, None


def put(key: Key, payload, seconds: int) -> None:
    """Keep `payload` as the copy built under `key`'s numbers, and free the lock."""
    cache.set(key.entry, (key.generations, key.strict, key.started, payload), seconds)
    release(key)


def release(key: Key) -> None:
    """Free the lock without keeping anything (the build was not kept)."""
    if key.locked:
        cache.delete(key.lock)
        key.locked = False
