"""The typed objects between the search page or API and the backends.

A request becomes a `SearchQuery` (validated text, filters, sort, page) before any
backend is touched; every backend answers with `SearchResults`. Views, serializers and
templates only ever see these two types, never a backend.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Highlight markers inside snippets. Control characters never occur in indexed text
# (documents.py strips them), so a snippet can be escaped first and marked up after.
MARK_START = "\x01"
MARK_END = "\x02"


class DocType(models.TextChoices):
    DISPUTE = "dispute", "Dispute"
    PRECEDENT = "precedent", "Precedent"
    PROVISION = "provision", "Legislation"
    EVIDENCE = "evidence", "Evidence"
    PARTY = "party", "Party"
    SYSTEM = "system", "AI system"


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", "Relevance"
    NEWEST = "newest", "Newest first"
    OLDEST = "oldest", "Oldest first"


# The facets, in the order the page shows them: name -> label.
FACETS: dict[str, str] = {
    "type": "Type",
    "jurisdiction": "Jurisdiction",
    "court": "Court",
    "theory": "Legal theory",
    "stage": "Stage",
    "outcome": "Outcome",
    "year": "Year",
}


@dataclass(frozen=True, kw_only=True)
class Filters:
    """Facet selections: each narrows the results to records carrying that value."""

    type: str = ""
    jurisdiction: str = ""
    court: str = ""
    theory: str = ""
    stage: str = ""
    outcome: str = ""
    year: int | None = None

    def items(self) -> list[tuple[str, str]]:
        pairs = [(name, getattr(self, name)) for name in FACETS]
        return [(name, str(value)) for name, value in pairs if value not in ("", None)]


@dataclass(frozen=True, kw_only=True)
class SearchQuery:
    """What to search for. `text` is in the query language (see the help page)."""

    text: str
    filters: Filters = field(default_factory=Filters)
    sort: str = SortOrder.RELEVANCE
    page: int = 1
    per_page: int = 20
    with_facets: bool = True
    # Seconds before a backend stops and returns what it has found so far.
    time_limit: float = 2.0

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def with_text(self, text: str) -> SearchQuery:
        return replace(self, text=text)


@dataclass(frozen=True, kw_only=True)
class Hit:
    """One record found. `snippet` carries MARK_START/MARK_END around matched words."""

    key: str
    doc_type: str
    object_id: int
    title: str
    url: str
    citations: tuple[str, ...] = ()
    snippet: str = ""
    title_marked: str = ""
    date: dt.date | None = None
    date_display: str = ""
    score: float = 0.0
    citation_match: bool = False

    @property
    def type_label(self) -> str:
        return DocType(self.doc_type).label if self.doc_type in DocType else ""

    @property
    def snippet_html(self) -> SafeString:
        return marked_to_html(self.snippet)

    @property
    def title_html(self) -> SafeString:
        return marked_to_html(self.title_marked or self.title)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True, kw_only=True)
class SearchResults:
    """What a search found. `notices` say what was changed in or left out of the query;
    `error` (with no hits) says why nothing could be searched."""

    query: SearchQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    error: str = ""
    suggestion: str = ""
    corrected_from: str = ""
    timed_out: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def facet_groups(self) -> list[tuple[str, str, list[FacetValue]]]:
        return [
            (name, label, self.facets[name])
            for name, label in FACETS.items()
            if self.facets.get(name)
        ]

    def with_notices(self, *notices: str) -> SearchResults:
        return replace(self, notices=self.notices + tuple(n for n in notices if n))


_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")


def marked_to_html(text: str) -> SafeString:
    """Escape everything, then turn the markers into <mark>: the indexed text can never
    inject markup, whatever it contains."""
    html = escape(text)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    # An unpaired marker (a snippet cut mid-match) would leave a <mark> open.
    if html.count("<mark>") != html.count("</mark>"):
        html = escape(_MARKS.sub("", text))
    return mark_safe(html)  # noqa: S308 - escaped above


def strip_marks(text: str) -> str:
    return _MARKS.sub("", text)
