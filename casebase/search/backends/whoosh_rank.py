"""Relevance ranking for the Whoosh backend, bounded so that broad queries stay fast.

Whoosh's own ranking walks the whole query's matcher tree (AND, OR, NOT across three
fields) in Python, for every match: at 100,000 documents a common word, an OR or a
NOT took hundreds of milliseconds. Here the matches are already known as bitmaps
(whoosh_sets.py), so ranking only scores documents:

- records whose citation or title carry a searched word come first (the boosts the
  search promises: citation and title above body): a title of exactly the words
  typed first of all, then the others, those of parties and AI systems last; then
  the rest;
- within that order, by BM25F over the searched words (Whoosh's own scorer), and
  only for the first MAX_SCORED candidates in that order, which bounds the work
  whatever the query matches. A broad query is ranked among its best candidates
  rather than all of them; a narrow one (the usual case) is ranked exactly.

A word's frequency in each candidate comes from its postings as DocSets cached them,
or else from only the posting blocks that hold candidates: stepping a Whoosh matcher
to each candidate decoded every block on the way, in Python. A word's BM25F
statistics over the whole index (its idf, the field's average length) are kept for
the searcher rather than worked out for every segment of every query, and its score
in each candidate is Whoosh's formula, computed inline.
"""

from __future__ import annotations

import heapq
import time
from itertools import islice

from whoosh import query as wq
from whoosh.collectors import TimeLimit
from whoosh.scoring import BM25FScorer, WeightLengthScorer

from casebase.search.backends.whoosh_postings import LENGTHS, set_bits
from casebase.search.backends.whoosh_schema import FACET_FIELDS

MAX_SCORED = 400
MAX_PREFIX_TERMS = 8
HEADLINE_FIELDS = ("citation", "citation_key", "title")
# Title matches of a party or an AI system, whose record is a name and a line, come
# after title matches of judgments, disputes, legislation and evidence: a search for
# `Getty` put the party "Getty Images" above the Getty judgment (postgres_rank has
# the same tiers).
STUB_TYPES = ("party", "system")
_FACETS = frozenset(FACET_FIELDS.values())
CHECK_EVERY = 64
# Terms whose BM25F statistics a searcher keeps (a few dozen bytes each).
MAX_STATS = 10_000


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
        if query.fieldname in _FACETS:
            return []  # type:, stage:, a year: they select, and rank nothing
        return [(query.fieldname, query.text)]
    terms = []
    for sub in getattr(query, "subqueries", ()):
        terms.extend(scoring_terms(sub, reader))
    return list(dict.fromkeys(terms))


def bits(bitmap: int, limit: int) -> list[int]:
    """The lowest `limit` set bits of `bitmap`, in order."""
    return list(islice(set_bits(bitmap), limit))


def top_documents(
    searcher,
    sets,
    matched: list,
    terms: list,
    wanted: int,
    deadline: float,
    stats: dict | None = None,
    name: tuple[str, ...] = (),
) -> list[tuple[float, int]]:
    """The best `wanted` matches as (score, global docnum), best first. `matched` is
    [(segment reader, bitmap)] in the order of searcher.leaf_searchers() (empty
    segments left out); `sets` is the DocSets cache; `stats` the terms' BM25F
    statistics kept for this searcher (see _bm25); `name` the stems of a query made
    of words alone (written.name_words), whose exact title comes first."""
    stats = {} if stats is None else stats
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
        stubs = exact = 0
        if first:
            for doc_type in STUB_TYPES:
                stubs |= sets.term(reader, "f_type", doc_type, deadline)
            exact = _exact_titles(reader, sets, first, name, deadline)
        others = first & ~exact
        docs: list[tuple[int, int]] = []
        for tier, tiered in (
            (3, exact),
            (2, others & ~stubs),
            (1, others & stubs),
            (0, ~first),
        ):
            if len(docs) < budget:
                docs += [(tier, d) for d in bits(bitmap & tiered, budget - len(docs))]
        budget -= len(docs)
        candidates = sorted(d for _, d in docs)
        scores = _scores(subsearcher, sets, terms, candidates, deadline, stats)
        ranked += [(tier, scores.get(d, 0.0), offset + d) for tier, d in docs]
    best = heapq.nlargest(wanted, ranked, key=lambda r: (r[0], r[1], -r[2]))
    return [(score, docnum) for _, score, docnum in best]


def _exact_titles(reader, sets, first: int, name: tuple[str, ...], deadline) -> int:
    """Of `first`, the documents whose title is the words of `name` (stems) and no
    others: every stem in it, and as many words as `name` has (the title's length,
    which is exact for short titles). PostgreSQL compares the sets of stems."""
    found = first if name else 0
    for word in set(name):
        found &= sets.term(reader, "title", word, deadline)
        if not found:
            return 0
    lengths = sets.lengths(reader, "title") if found else None
    if not lengths:
        return 0
    exact = 0
    for docnum in set_bits(found):
        if LENGTHS[lengths[docnum]] == len(name):
            exact |= 1 << docnum
    return exact


def _scores(
    subsearcher, sets, terms: list, docs: list[int], deadline: float, stats: dict
) -> dict:
    """BM25F of each of `docs` (ascending segment docnums) over `terms`: what
    Whoosh's scorer gives a matcher standing on the document, summed in the same
    order. `stats` keeps each term's BM25F statistics for the searcher."""
    scores: dict[int, float] = {}
    if not docs:
        return scores
    reader = subsearcher.reader()
    for field, text in terms:
        if field not in reader.schema or (field, text) not in reader:
            continue
        weights = sets.weights(reader, field, text, docs, deadline)
        bm25 = _bm25(subsearcher, field, text, stats)
        lengths = sets.lengths(reader, field) if bm25 is not False else None
        if bm25 and lengths:
            weights = _bm25_scores(weights, lengths, bm25, deadline)
        elif bm25 is not False:
            weights = _scored(subsearcher, field, text, weights, lengths, deadline)
        for docnum, weight in weights.items():
            scores[docnum] = scores.get(docnum, 0.0) + weight
    return scores


def _bm25(subsearcher, field: str, text, stats: dict):
    """(idf, average length, B, K1) of a term when Whoosh scores it with BM25F,
    False when its scorer is the weight itself (a field without lengths), None for
    any other scorer. Whoosh computes the first two over the whole index for each
    scorer it makes; here once per searcher."""
    key = (field, text)
    found = stats.get(key)
    if found is None:
        scorer = subsearcher.weighting.scorer(subsearcher, field, text)
        if type(scorer) is BM25FScorer:
            found = (scorer.idf, scorer.avgfl, scorer.B, scorer.K1)
        elif not isinstance(scorer, WeightLengthScorer):
            found = False
        else:
            return None
        if len(stats) >= MAX_STATS:
            stats.clear()
        stats[key] = found
    return found


def _bm25_scores(weights: dict, lengths: bytes, bm25: tuple, deadline: float) -> dict:
    """whoosh.scoring.bm25 of each weight, with the part that depends only on the
    document's length byte worked out once per byte (the same operations in the
    same order, so the same floats)."""
    idf, avgfl, B, K1 = bm25
    k1_plus_1 = K1 + 1
    norms: dict[int, float] = {}
    scored = {}
    for n, (docnum, tf) in enumerate(weights.items()):
        if n % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise TimeLimit
        byte = lengths[docnum]
        norm = norms.get(byte)
        if norm is None:
            norm = norms[byte] = K1 * ((1 - B) + B * LENGTHS[byte] / avgfl)
        scored[docnum] = idf * ((tf * k1_plus_1) / (tf + norm))
    return scored


def _scored(
    subsearcher, field: str, text, weights: dict, lengths: bytes | None, deadline
) -> dict:
    """Whoosh's own scorer over each weight (a scorer other than BM25F, or a
    segment without the field's lengths column)."""
    scorer = subsearcher.weighting.scorer(subsearcher, field, text)
    scored = {}
    for n, (docnum, weight) in enumerate(weights.items()):
        if n % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise TimeLimit
        length = LENGTHS[lengths[docnum]] if lengths else scorer.dfl(docnum)
        scored[docnum] = scorer._score(weight, length)
    return scored
