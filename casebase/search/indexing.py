"""Keeping the index current: changes are queued and applied after the commit.

`queue(anchors)` is all a signal receiver does. The first queued change in a
transaction registers one `on_commit` callback; when the outermost transaction commits,
`flush()` rebuilds the affected documents from the database and writes them in one
batch. A rolled-back transaction runs no callback, so the index is untouched; anchors
left over from a rolled-back savepoint are harmless, because a flush always reads
what is committed.

A flush that cannot write (index busy, database down) never reaches the user: the keys
go to a small journal file that the next successful flush replays, and
`check_search_index --repair` catches anything else.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from casebase.search import dependencies
from casebase.search.backends.base import get_backend
from casebase.search.documents import build_documents, iter_documents

logger = logging.getLogger(__name__)

_state = threading.local()


def _pending() -> set:
    if not hasattr(_state, "anchors"):
        _state.anchors = set()
    return _state.anchors


def queue(anchors: Iterable[dependencies.Anchor]) -> None:
    """Refresh the documents behind `anchors` once the current transaction commits."""
    anchors = list(anchors)
    if not anchors:
        return
    pending = _pending()
    pending.update(anchors)
    # One callback per transaction is enough: it drains everything queued. It is
    # registered again after a flush, or when a savepoint that held it rolls back.
    transaction.on_commit(flush)


def flush() -> None:
    """Apply every queued change. Never raises: a failure is journalled."""
    pending = _pending()
    if not pending:
        return
    anchors = set(pending)
    pending.clear()
    keys: set[str] = set()
    try:
        keys = dependencies.document_keys(anchors)
        refresh_keys(keys | _take_journal())
    except Exception:
        logger.exception("search index update failed; %d keys journalled", len(keys))
        _journal(keys or {f"anchor:{label}:{pk}" for label, pk in anchors})


def refresh_keys(keys: Iterable[str]) -> tuple[int, int]:
    """Re-read `keys` from the database and write them; returns (indexed, deleted)."""
    keys = set(keys)
    anchors = {k for k in keys if k.startswith("anchor:")}
    if anchors:
        keys -= anchors
        keys |= dependencies.document_keys(
            (label, int(pk))
            for label, pk in (k.removeprefix("anchor:").rsplit(":", 1) for k in anchors)
        )
    if not keys:
        return 0, 0
    documents, gone = build_documents(keys)
    get_backend().update(documents, gone)
    return len(documents), len(gone)


# -- the journal of updates that could not be written ------------------------------------


def journal_path() -> Path:
    path = Path(settings.SEARCH_INDEX_PATH)
    return path.parent / f"{path.name}.pending"


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _journal(keys: Iterable[str]) -> None:
    try:
        with _locked(journal_path()) as handle:
            handle.write("".join(f"{key}\n" for key in sorted(keys)))
    except OSError:
        logger.exception("could not journal search updates; run check_search_index")


def _take_journal() -> set[str]:
    path = journal_path()
    if not path.exists() or os.path.getsize(path) == 0:
        return set()
    with _locked(path) as handle:
        handle.seek(0)
        keys = {line.strip() for line in handle if line.strip()}
        handle.truncate(0)
    return keys


# -- whole-index operations ---------------------------------------------------------------


def rebuild(
    *, batch_size: int = 500, progress: Callable[[int], None] | None = None
) -> int:
    """Replace the index with every public record; returns how many were indexed.

    All or nothing (see SearchBackend.rebuild). While it runs, a marker file is held
    locked; a marker left unlocked is a rebuild that died, which `check()` reports and
    `repair()` finishes. Changes journalled meanwhile are applied at the end."""

    def batches():
        for batch in iter_documents(batch_size):
            yield batch
            if progress:
                progress(len(batch))

    with _rebuilding():
        count = get_backend().rebuild(batches())
    refresh_keys(_take_journal())
    return count


def marker_path() -> Path:
    path = Path(settings.SEARCH_INDEX_PATH)
    return path.parent / f"{path.name}.rebuilding"


@contextlib.contextmanager
def _rebuilding():
    """Hold the rebuild marker (created, locked, removed once the rebuild is done).
    A second rebuild waits for the first."""
    path = marker_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held below
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the previous holder removed it: take a fresh one
    try:
        handle.truncate(0)
        handle.write(
            f"pid {os.getpid()} started {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        )
        handle.flush()
        yield
        path.unlink(missing_ok=True)
    finally:
        handle.close()


def interrupted_rebuild() -> str:
    """What the marker of a rebuild that died says ("" when there is none, or when
    the rebuild that holds it is still running)."""
    path = marker_path()
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return ""
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return ""  # running now
        return handle.read().strip() or "an unknown rebuild"


def _clear_interrupted() -> None:
    if interrupted_rebuild():
        get_backend().cleanup()
        marker_path().unlink(missing_ok=True)


@dataclass
class IndexCheck:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    checked: int = 0
    # What the marker of a rebuild that died says; the index is the one before it.
    interrupted: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra or self.interrupted)


def check(*, batch_size: int = 500) -> IndexCheck:
    """Compare the index with the database: records missing from it, entries whose
    content is out of date, and entries that should not be there at all."""
    indexed = get_backend().digests()
    result = IndexCheck(interrupted=interrupted_rebuild())
    seen: set[str] = set()
    for batch in iter_documents(batch_size):
        for doc in batch:
            seen.add(doc.key)
            result.checked += 1
            digest = indexed.get(doc.key)
            if digest is None:
                result.missing.append(doc.key)
            elif digest != doc.digest:
                result.stale.append(doc.key)
    result.extra = sorted(set(indexed) - seen)
    return result


def repair(found: IndexCheck) -> tuple[int, int]:
    """Write what `check()` found wrong; this also finishes a rebuild that died (the
    index it left is made to match the database, and its leftovers are removed)."""
    done = refresh_keys(found.missing + found.stale + found.extra)
    if found.interrupted:
        _clear_interrupted()
    return done
