"""`run_search`: the one entry point for the search page and the API.

It parses the query language (a pinpoint after a citation set aside), looks citations
up first, runs the configured backend under the query's time limit, offers a
correction when nothing is found, and puts labels on the facets. It never raises for
anything a user can type.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from casebase.cases.models import Outcome, Stage
from casebase.core.visibility import visible
from casebase.law.models import Court, Jurisdiction, LegalTheory, Statute
from casebase.search import equivalents, provisions, written
from casebase.search import language as ql
from casebase.search.backends.base import BackendResults, SearchTimeout, get_backend
from casebase.search.citations import (
    citation_key,
    looks_like_citation,
    strip_pinpoint,
)
from casebase.search.query import (
    FACETS,
    DocType,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    SortOrder,
)

logger = logging.getLogger(__name__)

FACET_VALUES_SHOWN = 12
TIMEOUT_NOTICE = (
    "The search took too long and was stopped; these are the results found so far. "
    "A narrower query will be faster and complete."
)


class SearchUnavailable(Exception):
    """The search backend failed (not the query). Raised by `run_search` only when
    asked (`raise_unavailable=True`, the API's 503); the page shows `error` instead."""


def run_search(
    *, query: SearchQuery, user, raise_unavailable: bool = False
) -> SearchResults:
    """Search the public index. `user` is accepted for the API's sake; the index holds
    only what the public may see, so every user gets the same results."""
    text, pinpoint = strip_pinpoint(query.text)
    parsed = ql.parse(text)
    lookups = _lookups(text)
    citation = lookups[-1] if lookups else None  # the broadest, for the results
    # Text looked up as a citation is not a query to explain: the parser's reading
    # of `ECLI:EU:C:2012:259` as fields would only mislead.
    notices = [] if lookups else list(parsed.notices)
    if pinpoint:
        notices.append(
            f"The pinpoint “{pinpoint}” was ignored; the citation was searched for."
        )
    tree = parsed.tree
    if citation is not None:
        tree = ql.Or((citation, tree)) if tree is not None else citation
    if tree is None:
        return SearchResults(query=query, notices=tuple(notices), error=parsed.error)
    try:
        found = _search(query, tree, lookups)
        if found.total == 0 and citation is None:
            corrected = _corrected(query, parsed.tree)
            if corrected is not None:
                text, found = corrected
                results = _results(query.with_text(text), found, notices)
                return replace(results, corrected_from=query.text, suggestion=text)
    except SearchTimeout:
        return SearchResults(
            query=query,
            notices=tuple(notices),
            error="The search took too long and was stopped. Try fewer or more "
            "specific words.",
            timed_out=True,
        )
    except Exception as exc:
        logger.exception("search failed for %r", query.text[:200])
        if raise_unavailable:
            raise SearchUnavailable(str(exc)[:200]) from exc
        return SearchResults(
            query=query,
            notices=tuple(notices),
            error="Search is unavailable just now. Please try again in a moment.",
        )
    return _results(query, found, notices)


def _lookups(text: str) -> tuple[ql.CitationKey, ...]:
    """A citation (`[2023] UKSC 49`) or a provision reference (`s 16 CDPA`) typed on
    its own, as the keys of the records that carry it, the most precise first
    (`s 1(2)`, then `s 1`); () when it is neither."""
    if looks_like_citation(text):
        keys = tuple(filter(None, [citation_key(text)]))
    elif provisions.looks_like_reference(text):
        titles = visible(Statute, None).values_list("short_title", flat=True)
        keys = provisions.reference_keys(text, list(titles))
    else:
        keys = ()
    return tuple(ql.CitationKey(key, text.strip()) for key in keys)


def _search(
    query: SearchQuery, tree: ql.Node, lookups: tuple[ql.CitationKey, ...]
) -> BackendResults:
    backend = get_backend()
    found = backend.search(query, tree)
    if not lookups or query.sort != SortOrder.RELEVANCE or query.page != 1:
        return found
    # The records that carry the citation come first, whatever else matches: those
    # of the most precise key that any record carries.
    for lookup in lookups:
        exact = backend.search(
            replace(query, with_facets=False, page=1, per_page=query.per_page), lookup
        )
        if exact.hits:
            break
    pinned = [replace(hit, citation_match=True) for hit in exact.hits]
    keys = {hit.key for hit in pinned}
    rest = [hit for hit in found.hits if hit.key not in keys]
    hits = (pinned + rest)[: query.per_page]
    return replace(found, hits=hits, total=max(found.total, len(pinned)))


def _corrected(
    query: SearchQuery, tree: ql.Node | None
) -> tuple[str, BackendResults] | None:
    """ "Did you mean": replace unknown words by the nearest indexed ones, and use the
    corrected query if it finds something; failing that, the same with each name
    and its number (`llama3`) as the name alone."""
    if tree is None:
        return None
    found = _corrected_as(query, tree, changed=False)
    without_numbers, named = _names_without_numbers(tree)
    if found is None and named:
        found = _corrected_as(query, without_numbers, changed=True)
    return found


def _corrected_as(
    query: SearchQuery, tree: ql.Node, *, changed: bool
) -> tuple[str, BackendResults] | None:
    """`tree` (`changed` from the query typed, or not) with its unknown words
    corrected, written out and searched for; None when nothing was changed or it
    finds nothing."""
    backend = get_backend()
    corrections = {}
    for leaf, positive in ql.leaves(tree):
        words = (
            [leaf.word]
            if isinstance(leaf, ql.Term)
            else list(leaf.words)
            if isinstance(leaf, ql.Phrase)
            else []
        )
        for word in words:
            if positive and len(word) >= 3 and not word.isdigit():
                better = backend.suggest(word)
                if better and better != word:
                    corrections[word] = better
    if not corrections and not changed:
        return None
    text = written.corrected_text(tree, corrections)
    reparsed = ql.parse(text)
    if reparsed.tree is None:
        return None
    found = backend.search(query.with_text(text), reparsed.tree)
    return (text, found) if found.total else None


def _names_without_numbers(node: ql.Node) -> tuple[ql.Node, bool]:
    """`node` with each name and its number (`llama3`, read as the phrase "llama
    3": casebase.search.tokens) that it looks for replaced by the name alone, and
    whether there was one: `llama3` that finds nothing is offered as `llama`, as
    when it was one word, a letter from `llama`."""
    if isinstance(node, ql.Phrase) and _numbered_name(node.words):
        return ql.Term(node.words[0], node.field), True
    if isinstance(node, ql.And) or (
        isinstance(node, ql.Or) and equivalents.typed_form(node) is None
    ):
        parts = [_names_without_numbers(child) for child in node.children]
        return type(node)(tuple(c for c, _ in parts)), any(n for _, n in parts)
    # Not under NOT (a number there still leaves records out), nor in the forms of
    # an equivalent (`section 99` is not offered as every `s`).
    return node, False


def _numbered_name(words: tuple[str, ...]) -> bool:
    if len(words) != 2:
        return False
    name, number = words
    return len(name) >= 3 and name.isalpha() and number.isdigit()


def _results(
    query: SearchQuery, found: BackendResults, notices: list[str]
) -> SearchResults:
    if found.timed_out:
        notices = [*notices, TIMEOUT_NOTICE]
    return SearchResults(
        query=query,
        hits=list(found.hits),
        total=found.total,
        facets=_label_facets(query, found.facets),
        notices=tuple(notices),
        timed_out=found.timed_out,
    )


# Names of courts, jurisdictions and theories change rarely: kept for a minute.
LABEL_TTL = 60.0
_label_cache: dict[str, tuple[float, dict[str, str]]] = {}


def _named(name: str) -> dict[str, str]:
    now = time.monotonic()
    cached = _label_cache.get(name)
    if cached and now - cached[0] < LABEL_TTL:
        return cached[1]
    model = {"jurisdiction": Jurisdiction, "court": Court, "theory": LegalTheory}[name]
    names = dict(model.objects.values_list("slug", "name"))
    _label_cache[name] = (now, names)
    return names


def _labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "type":
        return {v: DocType(v).label for v in values if v in DocType.values}
    if name == "stage":
        return {v: Stage(v).label for v in values if v in Stage.values}
    if name == "outcome":
        return {v: Outcome(v).label for v in values if v in Outcome.values}
    if name == "year":
        return {v: v for v in values}
    names = _named(name)
    if any(v not in names for v in values):  # a new record since the cache was filled
        _label_cache.pop(name, None)
        names = _named(name)
    return {v: names[v] for v in values if v in names}


def _label_facets(
    query: SearchQuery, counts: dict[str, dict[str, int]]
) -> dict[str, list]:
    selected = dict(query.filters.items())
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        values = counts.get(name) or {}
        if not values:
            continue
        labels = _labels(name, list(values))
        items = [
            FacetValue(v, labels[v], n, selected.get(name) == v)
            for v, n in values.items()
            if v in labels
        ]
        if name == "year":
            items.sort(key=lambda f: f.value, reverse=True)
        else:
            items.sort(key=lambda f: (-f.count, f.label))
        shown = items[:FACET_VALUES_SHOWN]
        shown += [f for f in items[FACET_VALUES_SHOWN:] if f.selected]
        facets[name] = shown
    return facets


def direct_hit(results: SearchResults) -> Hit | None:
    """The one record a citation typed on its own names, if exactly one carries it."""
    pinned = [hit for hit in results.hits if hit.citation_match]
    return pinned[0] if len(pinned) == 1 else None
