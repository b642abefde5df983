"""A query tree as SQL for the PostgreSQL backend (postgres.py): the condition that
selects the matches, and the tsqueries that rank them (postgres_rank.py). Every user
value is a bound parameter; words are stemmed by the `casebase_english` configuration
(Snowball English, no stop words), as Whoosh stems them.
"""

from __future__ import annotations

import re

from casebase.search import language as ql
from casebase.search.query import SearchQuery, SortOrder

CONFIG = "casebase_english"
FIELD_VECTORS = {
    "title": "title_vector",
    "party": "party_vector",
    "system": "system_vector",
    "court": "court_vector",
    "theory": "theory_vector",
    "jurisdiction": "jurisdiction_vector",
}


def quote_lexeme(text: str) -> str:
    """A tsquery literal for `text`, matched as one lexeme."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def is_textual(node: ql.Node, pairs: dict | None = None) -> bool:
    """Whether `node` is made only of unfielded words, phrases and prefixes: then it
    is one tsquery, answered by one scan of the GIN index. A phrase of `pairs` is
    not: pair_vector answers it (see Compiler)."""
    if isinstance(node, ql.And | ql.Or):
        return all(is_textual(c, pairs) for c in node.children)
    if isinstance(node, ql.Not):
        return is_textual(node.child, pairs)
    if isinstance(node, ql.Keyword | ql.YearRange | ql.CitationKey):
        return False
    if isinstance(node, ql.Phrase) and node in (pairs or {}):
        return False
    return not getattr(node, "field", "")


# A phrase of two words, as phraseto_tsquery gives it: its two lexemes.
_TWO_LEXEMES = re.compile(r"^'([^'\\ ]+)' <-> '([^'\\ ]+)'$")
_PHRASES = f"""
    SELECT array_agg(phraseto_tsquery('{CONFIG}', w)::text ORDER BY n)
    FROM unnest(%s::text[]) WITH ORDINALITY u(w, n)
"""


def word_pairs(cursor, tree: ql.Node | None) -> dict[ql.Phrase, str]:
    """{phrase: its pair} for the unfielded phrases of `tree` that are two lexemes
    (`"identical model"` -> `ident model`): pair_vector (migration 0008) holds every
    two lexemes at consecutive positions of search_vector, which is exactly what
    `search_vector @@ 'ident' <-> 'model'` looks for, so the GIN index on it answers
    the phrase without reading each candidate's positions. A phrase of other
    lexemes (three words, `co-author`) is checked on search_vector as before."""
    phrases = sorted(
        {
            leaf
            for leaf, _ in ql.leaves(tree)
            if isinstance(leaf, ql.Phrase) and not leaf.field and len(leaf.words) == 2
        },
        key=lambda leaf: leaf.words,
    )
    if not phrases:
        return {}
    cursor.execute(_PHRASES, [[" ".join(p.words) for p in phrases]])
    pairs = {}
    for phrase, query in zip(phrases, cursor.fetchone()[0], strict=True):
        found = _TWO_LEXEMES.match(query)
        if found:
            pairs[phrase] = f"{found.group(1)} {found.group(2)}"
    return pairs


# A lexeme no entry carries (indexed text never holds control characters): a leaf
# whose tsquery is empty ("_") matches nothing, as `vector @@ ''` does, instead of
# being dropped from the tsquery around it.
_NEVER = "'\x01'::tsquery"


class Compiler:
    """A query tree as a SQL condition, plus the tsquery that ranks the matches.

    Boolean combinations of unfielded leaves become one tsquery (`a | (b & !c)`), so
    PostgreSQL answers them with one GIN index scan and no recheck, instead of one
    `@@` per leaf, of which NOT can only be a filter reading every candidate's vector.
    Fielded leaves, citations, keywords and years stay SQL conditions around it."""

    def __init__(self, pairs: dict[ql.Phrase, str] | None = None) -> None:
        self.pairs = pairs or {}  # see word_pairs
        self.params: list = []
        self.rank_parts: list[tuple[str, list]] = []
        # The searched words a title can hold (unfielded or `title:`), for the
        # title tiers of search_page, as Whoosh's headline fields.
        self.title_parts: list[tuple[str, list]] = []

    def tsquery(self, leaf: ql.Leaf) -> tuple[str, list]:
        if isinstance(leaf, ql.Term):
            return f"to_tsquery('{CONFIG}', %s)", [quote_lexeme(leaf.word)]
        if isinstance(leaf, ql.Phrase):
            # An exact phrase, in a field too: the field's own vector keeps positions.
            return f"phraseto_tsquery('{CONFIG}', %s)", [" ".join(leaf.words)]
        if isinstance(leaf, ql.Prefix):
            return "to_tsquery('simple', %s)", [quote_lexeme(leaf.stem) + ":*"]
        return "%s::tsquery", [quote_lexeme(leaf.key)]  # CitationKey

    def citation(self, leaf: ql.CitationKey) -> tuple[str, list]:
        """A citation's key, or (`citation:` searches) its words stemmed, as a
        phrase, in the citations alone (citation_vector, migrations 0005-0006)."""
        sql, params = self.tsquery(leaf)
        if leaf.words:
            sql = f"({sql} || phraseto_tsquery('{CONFIG}', %s))"
            params = [*params, " ".join(leaf.words)]
        return sql, params

    def text(self, node: ql.Node, positive: bool, params: list) -> str:
        """A textual node (see is_textual) as one tsquery expression."""
        if isinstance(node, ql.And | ql.Or):
            joiner = " && " if isinstance(node, ql.And) else " || "
            return (
                "("
                + joiner.join(self.text(c, positive, params) for c in node.children)
                + ")"
            )
        if isinstance(node, ql.Not):
            return f"(!! {self.text(node.child, not positive, params)})"
        sql, leaf_params = self.tsquery(node)
        if positive:
            self.rank_parts.append((sql, leaf_params))
            self.title_parts.append((sql, leaf_params))
        params.extend(leaf_params)
        return f"coalesce(nullif({sql}, ''::tsquery), {_NEVER})"

    def condition(self, node: ql.Node, positive: bool = True) -> str:
        if is_textual(node, self.pairs):
            params: list = []
            sql = self.text(node, positive, params)
            self.params.extend(params)
            return f"(e.search_vector @@ {sql})"
        if isinstance(node, ql.And | ql.Or):
            joiner = " AND " if isinstance(node, ql.And) else " OR "
            textual = [c for c in node.children if is_textual(c, self.pairs)]
            others = [c for c in node.children if not is_textual(c, self.pairs)]
            if len(textual) > 1:  # one tsquery for all of them
                textual = [type(node)(tuple(textual))]
            return (
                "("
                + joiner.join(self.condition(c, positive) for c in textual + others)
                + ")"
            )
        if isinstance(node, ql.Not):
            return f"(NOT {self.condition(node.child, not positive)})"
        if isinstance(node, ql.YearRange):
            parts = []
            if node.low is not None:
                parts.append("e.year >= %s")
                self.params.append(node.low)
            if node.high is not None:
                parts.append("e.year <= %s")
                self.params.append(node.high)
            return "(" + " AND ".join(parts) + ")"
        if isinstance(node, ql.Keyword):
            self.params.append([f"{node.field}={node.value}"])
            return "(string_to_array(e.facet_tokens, ' ') @> %s::text[])"
        if isinstance(node, ql.CitationKey):
            if positive:  # ranked by the key, which search_vector holds at weight A
                self.rank_parts.append(self.tsquery(node))
            sql, params = self.citation(node)
            self.params.extend(params)
            return f"(e.citation_vector @@ {sql})"
        if node in self.pairs:  # ranked as the phrase it is, found by its pair
            if positive:
                self.rank_parts.append(self.tsquery(node))
                self.title_parts.append(self.tsquery(node))
            self.params.append(quote_lexeme(self.pairs[node]))
            return "(e.pair_vector @@ %s::tsquery)"
        # A fielded leaf: the field's own vector (GIN index, migrations 0003-0004).
        # Its words are also in search_vector, in the same order, so this is all
        # `search_vector @@ q AND field @@ q` would find, without the phrase recheck
        # of search_vector that costs a TOASTed vector read per candidate.
        sql, params = self.tsquery(node)
        if positive:
            self.rank_parts.append((sql, params))
            if node.field == "title":
                self.title_parts.append((sql, params))
        self.params.extend(params)
        return f"(e.{FIELD_VECTORS[node.field]} @@ {sql})"

    def words(self, parts: list | None = None) -> tuple[str, list]:
        """The searched words (not those under NOT) as one tsquery (or those of
        `parts`)."""
        parts = self.rank_parts if parts is None else parts
        if not parts:
            return "", []
        sql = " || ".join(part for part, _ in parts)
        return f"({sql})", [p for _, ps in parts for p in ps]

    def rank(self) -> tuple[str, list]:
        sql, params = self.words()
        return (f"ts_rank(e.search_vector, {sql})", params) if sql else ("0", [])


def filters(query: SearchQuery) -> tuple[str, list]:
    tokens = [f"{name}={value}" for name, value in query.filters.items()]
    if not tokens:
        return "TRUE", []
    return "string_to_array(e.facet_tokens, ' ') @> %s::text[]", [tokens]


# Date orders; relevance with nothing to rank by is newest first. Records of the same
# date (or none) come by title, then key, compared as bytes, as on Whoosh
# (whoosh_schema.same_date_order).
_SAME_DATE = 'title COLLATE "C", key COLLATE "C"'
DATE_ORDER = {
    SortOrder.RELEVANCE: f"date DESC NULLS LAST, {_SAME_DATE}",
    SortOrder.NEWEST: f"date DESC NULLS LAST, {_SAME_DATE}",
    SortOrder.OLDEST: f"date ASC NULLS LAST, {_SAME_DATE}",
}
