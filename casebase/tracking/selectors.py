"""Reads shared by the feeds and the alerts: what is new or changed, published only.

Every function starts from the one visibility rule (`published()`, and for rows that
hang off another record, that record published too), so a draft never reaches a feed
or an e-mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from casebase.cases.models import Dispute, DisputePrecedent, Event
from casebase.cases.selectors import DisputeFilters, filter_disputes
from casebase.core.visibility import through_visible
from casebase.law.models import Authority, Jurisdiction, LegalTheory, Precedent
from casebase.search.query import DocType, Filters, SearchQuery, SortOrder
from casebase.search.service import run_search

# A search query narrows disputes to the best matches the search service returns;
# feeds and alerts look at no more than this many of them.
SEARCH_MATCH_LIMIT = 500


@dataclass(frozen=True, kw_only=True)
class DisputeStream:
    """Which disputes a feed or a saved search watches."""

    query: str = ""
    theory: LegalTheory | None = None
    jurisdiction: Jurisdiction | None = None

    def params(self) -> dict[str, str]:
        """The stream as query parameters, in a fixed order (for stable feed ids)."""
        values = {
            "q": self.query.strip(),
            "theory": self.theory.slug if self.theory else "",
            "jurisdiction": self.jurisdiction.slug if self.jurisdiction else "",
        }
        return {k: v for k, v in values.items() if v}


def search_dispute_ids(text: str) -> list[int]:
    """Published disputes matching `text` in the search index (best first)."""
    results = run_search(
        query=SearchQuery(
            text=text,
            filters=Filters(type=DocType.DISPUTE),
            sort=SortOrder.RELEVANCE,
            per_page=SEARCH_MATCH_LIMIT,
            with_facets=False,
        ),
        user=None,
    )
    return [hit.object_id for hit in results.hits if hit.doc_type == DocType.DISPUTE]


def stream_disputes(stream: DisputeStream) -> QuerySet[Dispute]:
    """Published disputes in `stream`, most recently changed first."""
    disputes = filter_disputes(
        Dispute.objects.published(),
        user=None,
        filters=DisputeFilters(theory=stream.theory, jurisdiction=stream.jurisdiction),
    )
    if stream.query.strip():
        disputes = disputes.filter(pk__in=search_dispute_ids(stream.query))
    return (
        disputes.select_related("court")
        .prefetch_related("jurisdictions")
        .order_by("-updated_at", "-pk")
    )


def changed_between(
    queryset: QuerySet, since: dt.datetime | None, until: dt.datetime
) -> QuerySet:
    """Rows changed after `since` (exclusive) and up to `until` (inclusive)."""
    queryset = queryset.filter(updated_at__lte=until)
    return queryset.filter(updated_at__gt=since) if since else queryset


def dispute_events(dispute: Dispute) -> QuerySet[Event]:
    """A published dispute's published events, latest first."""
    return (
        through_visible(Event.objects.published(), None, "dispute")
        .filter(dispute=dispute)
        .select_related("dispute")
        .order_by("-date", "-position", "-pk")
    )


def citing_authorities(precedent: Precedent) -> QuerySet[Authority]:
    """Published later judgments' treatments of `precedent`, most recent first."""
    return (
        through_visible(Authority.objects.published(), None, "citing", "cited")
        .filter(cited=precedent)
        .select_related("citing", "cited")
        .order_by("-updated_at", "-pk")
    )


def citing_disputes(precedent: Precedent) -> QuerySet[DisputePrecedent]:
    """Published disputes that rely on or produced `precedent`, most recent first.
    The link row has no time of its own: the dispute's last change stands for it."""
    return (
        through_visible(DisputePrecedent.objects.all(), None, "dispute", "precedent")
        .filter(precedent=precedent)
        .select_related("dispute", "precedent")
        .order_by("-dispute__updated_at", "-pk")
    )
