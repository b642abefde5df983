"""Relevance ranking for the Whoosh backend, bounded so that broad queries stay fast.

Whoosh's own ranking walks the whole query's matcher tree (AND, OR, NOT across three
fields) in Python, for every match: at 100,000 documents a common word, an OR or a
NOT took hundreds of milliseconds. Here the matches are already known as bitmaps
(whoosh_sets.py), so ranking only scores documents:

- records whose citation or title carry a searched word come first (the boosts the
  search promises: citation and title above body), then the rest;
- within that order, by BM25F over the searched words (Whoosh's own scorer), and
  only for the first MAX_SCORED candidates in that order, which bounds the work
  whatever the query matches. A broad query is ranked among its best candidates
  rather than all of them; a narrow one (the usual case) is ranked exactly.

A word's frequency in each candidate comes from its postings as DocSets cached them,
or else from only the posting blocks that hold candidates: stepping a Whoosh matcher
to each candidate decoded every block on the way, in Python.
"""

from __future__ import annotations

import heapq
import time
from itertools import islice

from whoosh import query as wq
from whoosh.collectors import TimeLimit
from whoosh.scoring import WeightLengthScorer

from casebase.search.backends.whoosh_postings import LENGTHS, set_bits

MAX_SCORED = 400
MAX_PREFIX_TERMS = 8
HEADLINE_FIELDS = ("citation", "citation_key", "title")
CHECK_EVERY = 64


def scoring_terms(query: wq.Query, reader, positive: bool = True) -> list:
    """(field, text) of every word that counts for a match (words under NOT do not;
    a prefix counts for its first few expansions; a phrase for its words)."""
    if isinstance(query, wq.Not):
        return []
    if isinstance(query, wq.ConstantScoreQuery):
        return []  # facet filters score nothing
    if isinstance(query, wq.Prefix):
        if query.fieldname not in reader.schema:
            return []
        found = []
        for text in reader.expand_prefix(query.fieldname, query.text):
            found.append((query.fieldname, text.decode("utf-8")))
            if len(found) >= MAX_PREFIX_TERMS:
                break
        return found
    if isinstance(query, wq.Phrase):
        return [(query.fieldname, word) for word in query.words]
    if type(query) is wq.Term:
        return [(query.fieldname, query.text)]
    terms = []
    for sub in getattr(query, "subqueries", ()):
        terms.extend(scoring_terms(sub, reader))
    return list(dict.fromkeys(terms))


def bits(bitmap: int, limit: int) -> list[int]:
    """The lowest `limit` set bits of `bitmap`, in order."""
    return list(islice(set_bits(bitmap), limit))


def top_documents(
    searcher, sets, matched: list, terms: list, wanted: int, deadline: float
) -> list[tuple[float, int]]:
    """The best `wanted` matches as (score, global docnum), best first. `matched` is
    [(segment reader, bitmap)] in the order of searcher.leaf_searchers() (empty
    segments left out); `sets` is the DocSets cache."""
    headline = [t for t in terms if t[0] in HEADLINE_FIELDS]
    ranked: list[tuple[int, float, int]] = []
    budget = max(MAX_SCORED, wanted)  # deep pages widen the bound
    leaves = {
        id(sub.reader()): (sub, offset) for sub, offset in searcher.leaf_searchers()
    }
    for reader, bitmap in matched:
        subsearcher, offset = leaves[id(reader)]
        if not bitmap or budget <= 0:
            continue
        first = 0
        for field, text in headline:
            first |= sets.term(reader, field, text, deadline)
        first &= bitmap
        docs = [(1, d) for d in bits(first, budget)]
        if len(docs) < budget:
            rest = bits(bitmap & ~first, budget - len(docs))
            docs += [(0, d) for d in rest]
        budget -= len(docs)
        scores = _scores(subsearcher, sets, terms, sorted(d for _, d in docs), deadline)
        ranked += [(tier, scores.get(d, 0.0), offset + d) for tier, d in docs]
    best = heapq.nlargest(wanted, ranked, key=lambda r: (r[0], r[1], -r[2]))
    return [(score, docnum) for _, score, docnum in best]


def _scores(subsearcher, sets, terms: list, docs: list[int], deadline: float) -> dict:
    """BM25F of each of `docs` (ascending segment docnums) over `terms`: what
    Whoosh's scorer gives a matcher standing on the document, summed in the same
    order."""
    scores: dict[int, float] = {}
    if not docs:
        return scores
    reader = subsearcher.reader()
    for field, text in terms:
        if field not in reader.schema or (field, text) not in reader:
            continue
        weights = sets.weights(reader, field, text, docs, deadline)
        scorer = subsearcher.weighting.scorer(subsearcher, field, text)
        with_length = isinstance(scorer, WeightLengthScorer)
        lengths = sets.lengths(reader, field) if with_length else None
        for n, (docnum, weight) in enumerate(weights.items()):
            if n % CHECK_EVERY == 0 and time.monotonic() > deadline:
                raise TimeLimit
            if with_length:
                length = LENGTHS[lengths[docnum]] if lengths else scorer.dfl(docnum)
                weight = scorer._score(weight, length)
            scores[docnum] = scores.get(docnum, 0.0) + weight
    return scores
