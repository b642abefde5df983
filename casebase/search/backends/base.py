"""The one search backend interface, and the lazily loaded configured backend.

`settings.SEARCH_BACKEND` names the class; `get_backend()` builds it on first use.
Nothing outside casebase.search asks which backend it is.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from casebase.search.documents import SearchDocument
from casebase.search.language import Node
from casebase.search.query import SearchQuery


@dataclass(frozen=True)
class BackendResults:
    """What a backend found for one compiled query (before labels and notices)."""

    hits: list  # list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    timed_out: bool = False


class SearchTimeout(Exception):
    """The query ran past its time limit and found nothing to return."""


class SearchBackend(ABC):
    """index, delete, search, clear: the whole contract (plus the upkeep helpers)."""

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace documents (by key)."""

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by key; unknown keys are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery, tree: Node) -> BackendResults:
        """Run a parsed query within `query.time_limit` seconds."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    @abstractmethod
    def digests(self) -> dict[str, str]:
        """Every indexed key with the digest it was indexed with."""

    @abstractmethod
    def suggest(self, word: str) -> str:
        """The closest indexed word to a misspelt one, or ""."""

    def update(self, documents: list[SearchDocument], deleted: list[str]) -> None:
        """Apply one batch of changes; backends may do it in one write."""
        if deleted:
            self.delete(deleted)
        if documents:
            self.index(documents)

    def cleanup(self) -> None:
        """Remove anything an interrupted rebuild left behind (nothing, by default)."""
        return None

    def rebuild(self, batches: Iterable[list[SearchDocument]]) -> int:
        """Replace the whole index with `batches`; returns how many were indexed.
        Backends make this all-or-nothing: readers see the old index until the new
        one is complete, and a rebuild that dies halfway leaves the old one whole."""
        self.clear()
        count = 0
        for batch in batches:
            self.index(batch)
            count += len(batch)
        return count


_lock = threading.Lock()
_backend: SearchBackend | None = None


def get_backend() -> SearchBackend:
    """The configured backend, created on first use and then reused."""
    global _backend
    if _backend is None:
        with _lock:
            if _backend is None:
                _backend = import_string(settings.SEARCH_BACKEND)()
    return _backend


def reset_backend() -> None:
    """Forget the loaded backend (tests point settings at a fresh index)."""
    global _backend
    with _lock:
        _backend = None
