"""What casebase holds, keyed by citation: loaded once per request, never per citation.

Three queries build it (precedents, statutes, provisions), each through the one
visibility rule, so a draft judgment is never linked for the public. The public's
lookup (anyone who cannot see drafts) is also kept per process between requests,
under the page cache's data-change token for records, which moves when a change
commits (`casebase.pagecache.generations`); it is not kept while the connection is
inside a transaction, whose uncommitted rows no other reader sees.
"""

import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

from casebase.citations.finder import find_citations
from casebase.citations.legislation import StatuteIndex
from casebase.citations.statutes import KNOWN_STATUTES, StatuteRef
from casebase.core.models import can_see_unpublished
from casebase.core.visibility import visible
from casebase.law.models import Precedent, Provision, Statute


@dataclass(frozen=True)
class Target:
    url: str
    title: str


@dataclass
class CitationLookup:
    precedents: dict[str, Target] = field(default_factory=dict)
    # statute path (`ukpga/1988/48`) -> the statute's page in casebase
    statutes: dict[str, Target] = field(default_factory=dict)
    # (statute path, number) -> [(subsections of the label, target)]
    provisions: dict[tuple[str, str], list[tuple[str, Target]]] = field(
        default_factory=dict
    )
    index: StatuteIndex | None = None

    def precedent(self, canonical: str) -> Target | None:
        return self.precedents.get(canonical)

    def provision(self, path: str, number: str, subsections: str) -> Target | None:
        """The held provision at `number`; where several are (`s. 1(1)`, `s. 1(2)(c)`),
        the one whose subsections the reference names, else the first."""
        candidates = self.provisions.get((path, number.upper()), [])
        for subs, target in candidates:
            if subs and subsections.startswith(subs):
                return target
        return candidates[0][1] if candidates else None


_LABEL_SUBSECTIONS = re.compile(r"^\D*\d+[A-Z]*((?:\(\w{1,4}\))*)")


def build_lookup(user) -> CitationLookup:
    lookup = CitationLookup()
    for p in visible(Precedent, user).only(
        "pk",
        "slug",
        "case_name",
        "neutral_citation",
        "citation_path",
        "law_report_citations",
    ):
        target = Target(
            p.get_absolute_url(), f"{p.case_name} {p.primary_citation}".strip()
        )
        for citation in p.all_citations:
            for found in find_citations(citation):
                lookup.precedents.setdefault(found.canonical, target)
    refs = []
    for s in visible(Statute, user).order_by("pk"):
        lookup.statutes[s.legislation_path] = Target(
            s.get_absolute_url(), s.short_title
        )
        refs.append((s.short_title, s.legislation_type, s.year, s.number))
    provisions = (
        visible(Provision, user)
        .filter(statute__in=visible(Statute, user))
        .select_related("statute")
        .order_by("position", "label")
    )
    for p in provisions:
        subs = _LABEL_SUBSECTIONS.match(p.label)
        lookup.provisions.setdefault(
            (p.statute.legislation_path, p.number.upper()), []
        ).append(
            (
                subs.group(1) if subs else "",
                Target(f"{p.get_absolute_url()}#{p.anchor}", str(p)),
            )
        )
    lookup.index = _index(tuple(refs))
    return lookup


@lru_cache(maxsize=16)
def _index(held: tuple[tuple[str, str, int, int], ...]) -> StatuteIndex:
    """The statute names to look for: the built-in ones (with their abbreviations)
    and every statute casebase holds, by its short title."""
    known = {s.path: s for s in KNOWN_STATUTES}
    statutes = list(KNOWN_STATUTES)
    for title, kind, year, number in held:
        path = f"{kind}/{year}/{number}"
        abbreviations = known[path].abbreviations if path in known else ()
        statutes.insert(0, StatuteRef(title, kind, year, number, abbreviations))
    return StatuteIndex(statutes)


_PER_REQUEST: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
# (database alias, records token) -> the public's lookup, for this process.
_PUBLIC: dict[tuple[str, str], CitationLookup] = {}


def public_lookup() -> CitationLookup:
    """The lookup for readers who see published records only."""
    from django.db import connection

    from casebase.pagecache.generations import RECORDS, generations

    if connection.in_atomic_block:
        return build_lookup(None)
    key = (connection.alias, generations((RECORDS,)))  # read before building
    lookup = _PUBLIC.get(key)
    if lookup is None:
        lookup = build_lookup(None)
        _PUBLIC.clear()
        _PUBLIC[key] = lookup
    return lookup


def lookup_for(request) -> CitationLookup:
    """The lookup for `request`'s user, built on first use and kept for the request."""
    if request is None:
        return build_lookup(None)
    lookup = _PER_REQUEST.get(request)
    if lookup is None:
        user = getattr(request, "user", None)
        lookup = public_lookup() if not can_see_unpublished(user) else None
        lookup = _PER_REQUEST[request] = lookup or build_lookup(user)
    return lookup
