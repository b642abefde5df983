"""The checks the help page's examples are held to (see test_help_examples): what a
query finds on the indexed reference data, where it goes, what it notes."""

from casebase.search import language as ql
from casebase.search.service import direct_hit
from tests.search.conftest import search

SAS = "SAS Institute Inc v World Programming Ltd (CJEU)"
CDPA_16 = "Copyright, Designs and Patents Act 1988, s. 16 "


THALER = "Thaler v Comptroller-General of Patents, Designs and Trade Marks"
COCO = "Coco v A N Clark (Engineers) Ltd"
SAS = "SAS Institute Inc v World Programming Ltd (CJEU)"
CDPA_16 = "Copyright, Designs and Patents Act 1988, s. 16 "


def run(text: str):
    return search(text, per_page=500)


def found(text: str) -> set[str]:
    return {hit.key for hit in run(text).hits}


def titles(text: str) -> list[str]:
    return [hit.title for hit in run(text).hits]


def direct(text: str):
    """The record the search page would go straight to, or None."""
    return direct_hit(run(text))


def goes_to(text: str, citation: str) -> bool:
    """`text` goes straight to the one record that carries `citation`."""
    hit = direct(text)
    return hit is not None and any(citation in c for c in hit.citations)


def goes_to_title(text: str, start: str) -> bool:
    hit = direct(text)
    return hit is not None and hit.title.startswith(start)


def same(*texts: str) -> bool:
    """The texts find the same records, and find some."""
    first = found(texts[0])
    return bool(first) and all(found(text) == first for text in texts[1:])


def facet_only(text: str, facet: str, value: str) -> bool:
    """Every record `text` finds carries `value` in `facet`."""
    results = run(text)
    counts = {v.value: v.count for v in results.facets.get(facet, [])}
    return results.total > 0 and counts.get(value) == results.total


def years_within(text: str, low: int, high: int) -> bool:
    results = run(text)
    dated = [hit.date.year for hit in results.hits if hit.date]
    return bool(dated) and all(low <= year <= high for year in dated)


def forms(text: str) -> set:
    """The words and phrases a query searches for (its expansion by equivalents)."""
    leaves, todo = set(), [ql.parse(text).tree]
    while todo:
        node = todo.pop()
        if hasattr(node, "children"):
            todo.extend(node.children)
        else:
            leaves.add(getattr(node, "words", None) or (node.word,))
    return leaves


def corrected(text: str, to: str) -> bool:
    results = run(text)
    return results.corrected_from == text and results.suggestion == to and results.hits


def noted(text: str, words: str) -> bool:
    return any(words in notice for notice in run(text).notices)


def newest_first(text: str) -> bool:
    dates = [hit.date for hit in run(text).hits if hit.date]
    return len(dates) > 1 and dates == sorted(dates, reverse=True)
