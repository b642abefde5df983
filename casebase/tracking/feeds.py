"""Atom feeds: new and changed disputes (filterable), a dispute's events, and what
newly cites a precedent. Published records only; bad parameters answer 400.

Feed instances are shared by every request, so nothing per request is kept on them:
`get_object` returns everything the other methods need.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from casebase.cases.models import Dispute, DisputePrecedent, Event
from casebase.law.models import Authority, Precedent
from casebase.tracking import selectors
from casebase.tracking.forms import StreamForm
from casebase.tracking.tags import feed_uri, tag_uri

ENTRIES = 50


class BadFeedRequest(Exception):
    """Invalid query parameters: answered with HTTP 400 naming each field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("bad feed parameters")
        self.errors = errors


class BaseFeed(Feed):
    """Atom, with each entry's published and updated times from the record."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadFeedRequest as bad:
            return JsonResponse(
                {"error": "Invalid feed parameters.", "fields": bad.errors}, status=400
            )

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.created_at


@dataclass(frozen=True)
class StreamRequest:
    """What one request to the disputes feed asked for."""

    stream: selectors.DisputeStream
    query_string: str
    path: str


class DisputeFeed(BaseFeed):
    """New and updated disputes, optionally narrowed by ?q=, ?theory=, ?jurisdiction=."""

    description_template = "tracking/feeds/dispute_description.html"

    def get_object(self, request):
        form = StreamForm(request.GET)
        if not form.is_valid():
            raise BadFeedRequest(form.error_dict())
        stream = form.to_stream()
        return StreamRequest(stream, urlencode(stream.params()), request.path)

    def title(self, obj: StreamRequest) -> str:
        stream, parts = obj.stream, []
        if stream.query:
            parts.append(f"matching “{stream.query}”")
        if stream.theory:
            parts.append(f"on {stream.theory.name}")
        if stream.jurisdiction:
            parts.append(f"in {stream.jurisdiction.name}")
        return " ".join(["casebase: new and updated disputes", *parts])

    def link(self, obj: StreamRequest) -> str:
        """The same disputes as a page: the search page when there are search words
        (the dispute list's own word filter is plainer than the search language)."""
        if obj.stream.query:
            params = {"type": "dispute", **obj.stream.params()}
            return f"{reverse('search:search')}?{urlencode(params)}"
        url = reverse("cases:dispute-list")
        return f"{url}?{obj.query_string}" if obj.query_string else url

    def feed_url(self, obj: StreamRequest) -> str:
        return f"{obj.path}?{obj.query_string}" if obj.query_string else obj.path

    def feed_guid(self, obj: StreamRequest) -> str:
        return feed_uri(
            "disputes" + (f"?{obj.query_string}" if obj.query_string else "")
        )

    def subtitle(self, obj) -> str:
        return "AI intellectual-property disputes, most recently changed first."

    def items(self, obj: StreamRequest):
        return selectors.stream_disputes(obj.stream)[:ENTRIES]

    def item_title(self, item: Dispute) -> str:
        return str(item)

    def item_guid(self, item: Dispute) -> str:
        return tag_uri("dispute", item.pk, item.created_at)

    def item_categories(self, item: Dispute):
        return [j.name for j in item.jurisdictions.all()]


class DisputeEventsFeed(BaseFeed):
    """One published dispute's timeline."""

    description_template = "tracking/feeds/event_description.html"

    def get_object(self, request, slug):
        return get_object_or_404(Dispute.objects.published(), slug=slug)

    def title(self, obj: Dispute) -> str:
        return f"casebase: {obj} — timeline"

    def link(self, obj: Dispute) -> str:
        return obj.get_absolute_url()

    def feed_guid(self, obj: Dispute) -> str:
        return feed_uri(f"dispute/{obj.pk}/events")

    def subtitle(self, obj: Dispute) -> str:
        return f"Events in {obj.title}."

    def items(self, obj: Dispute):
        return selectors.dispute_events(obj)[:ENTRIES]

    def item_title(self, item: Event) -> str:
        return f"{item.date_display}: {item.title}"

    def item_link(self, item: Event) -> str:
        return f"{item.dispute.get_absolute_url()}#timeline-title"

    def item_guid(self, item: Event) -> str:
        return tag_uri("event", item.pk, item.created_at)


@dataclass(frozen=True)
class Citation:
    """One entry of a precedent's citations feed: a judgment or a dispute citing it."""

    guid: str
    title: str
    link: str
    updated_at: dt.datetime
    created_at: dt.datetime
    text: str


class PrecedentCitationsFeed(BaseFeed):
    """What cites a precedent: later judgments (Authority rows) and disputes."""

    description_template = "tracking/feeds/citation_description.html"

    def get_object(self, request, slug):
        return get_object_or_404(Precedent.objects.published(), slug=slug)

    def title(self, obj: Precedent) -> str:
        return f"casebase: what cites {obj}"

    def link(self, obj: Precedent) -> str:
        return obj.get_absolute_url()

    def feed_guid(self, obj: Precedent) -> str:
        return feed_uri(f"precedent/{obj.pk}/cited-by")

    def subtitle(self, obj: Precedent) -> str:
        return "Later judgments that treat it, and disputes that rely on it."

    def items(self, obj: Precedent) -> list[Citation]:
        entries = [
            authority_entry(a) for a in selectors.citing_authorities(obj)[:ENTRIES]
        ]
        entries += [
            dispute_link_entry(link)
            for link in selectors.citing_disputes(obj)[:ENTRIES]
        ]
        entries.sort(key=lambda e: e.updated_at, reverse=True)
        return entries[:ENTRIES]

    def item_title(self, item: Citation) -> str:
        return item.title

    def item_link(self, item: Citation) -> str:
        return item.link

    def item_guid(self, item: Citation) -> str:
        return item.guid


def authority_entry(authority: Authority) -> Citation:
    verb = authority.get_treatment_display().lower()
    return Citation(
        guid=tag_uri("authority", authority.pk, authority.created_at),
        title=f"{authority.citing} {verb} {authority.cited.primary_citation}".strip(),
        link=authority.citing.get_absolute_url(),
        updated_at=authority.updated_at,
        created_at=authority.created_at,
        text=authority.note,
    )


def dispute_link_entry(link: DisputePrecedent) -> Citation:
    dispute = link.dispute
    return Citation(
        guid=tag_uri("dispute-precedent", link.pk, dispute.created_at),
        title=f"{dispute}: {link.get_relation_display().lower()}",
        link=dispute.get_absolute_url(),
        updated_at=dispute.updated_at,
        created_at=dispute.created_at,
        text=link.note,
    )
