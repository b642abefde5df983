"""The search side of the per-term bitmaps (postgres_dense.py builds and keeps
them): a query tree as a bitmap expression over search_dense_term, from which
postgres_rank.search_page counts a search's total and facets exactly without reading
every match, and the SQL that counts them.
"""

from __future__ import annotations

import re

from casebase.search import language as ql
from casebase.search.backends import postgres_dense as dense
from casebase.search.backends.postgres_query import CONFIG, FIELD_VECTORS, quote_lexeme

_LEXEME = re.compile(r"^'([^'\\]+)'$")  # a tsquery of one plain lexeme


def _eligible(node: ql.Node, negated: bool = False) -> bool:
    """Whether bitmaps could answer `node`: AND/OR/NOT of words and prefixes
    (unfielded or in a field of FIELD_VECTORS), keywords and year ranges (phrases
    and citations cannot). Not a year range under NOT: SQL's `NOT e.year >= 2020`
    leaves out the entries without a year, which a bitmap complement would count."""
    if isinstance(node, ql.And | ql.Or):
        return all(_eligible(c, negated) for c in node.children)
    if isinstance(node, ql.Not):
        return _eligible(node.child, True)
    if isinstance(node, ql.Term | ql.Prefix):
        return not node.field or node.field in FIELD_VECTORS
    if isinstance(node, ql.YearRange):
        return not negated
    return isinstance(node, ql.Keyword)


def _words(node: ql.Node) -> list[ql.Term]:
    if isinstance(node, ql.And | ql.Or):
        return [w for c in node.children for w in _words(c)]
    if isinstance(node, ql.Not):
        return _words(node.child)
    return [node] if isinstance(node, ql.Term) else []


def _term_of(word: ql.Term | ql.Prefix, stem: str) -> str:
    """The bitmap term of a searched word whose lexeme is `stem` (or of the start of
    the lexemes a prefix finds)."""
    return f"{word.field}:{stem}" if word.field else stem


def _prefixes(node: ql.Node) -> list[ql.Prefix]:
    if isinstance(node, ql.And | ql.Or):
        return [p for c in node.children for p in _prefixes(c)]
    if isinstance(node, ql.Not):
        return _prefixes(node.child)
    return [node] if isinstance(node, ql.Prefix) else []


def _expands_to(prefix: ql.Prefix, term: str) -> bool:
    """Whether bitmap `term` is one of the lexemes `prefix` finds (in its field)."""
    start = _term_of(prefix, prefix.stem)
    if not term.startswith(start):
        return False
    return dense.field_of(term) is not None if prefix.field else dense.is_plain(term)


_STEMS = f"""
    SELECT array_agg(to_tsquery('{CONFIG}', w)::text ORDER BY n)
    FROM unnest(%s::text[]) WITH ORDINALITY u(w, n)
"""
_PRESENT = (
    "SELECT array_agg(term) FROM search_dense_term "
    "WHERE term = ANY(%s) OR term LIKE 'year=%%' "
    "OR EXISTS (SELECT 1 FROM unnest(%s::text[]) p WHERE starts_with(term, p))"
)


class _Bitmaps:
    """A query tree as a bitmap expression over search_dense_term.

    A prefix is the OR of the bitmaps of the lexemes it finds that have one, and
    of a bitmap made from the ids of the entries holding one of its other lexemes
    and none of those: found through the GIN index, they are few, as each of those
    lexemes is in fewer than SEARCH_PG_DENSE_MIN_DOCS entries."""

    def __init__(self, stems: dict[str, str], present: set[str]) -> None:
        self.stems, self.present, self.params = stems, present, []

    def term(self, term: str) -> str:
        if term not in self.present:
            return "(SELECT bits # bits FROM u)"  # a facet value no entry has
        self.params.append(term)
        return "(SELECT bits FROM search_dense_term WHERE term = %s)"

    def sql(self, node: ql.Node) -> str:
        if isinstance(node, ql.And | ql.Or):
            joiner = " & " if isinstance(node, ql.And) else " | "
            return "(" + joiner.join(self.sql(c) for c in node.children) + ")"
        if isinstance(node, ql.Not):
            return f"((SELECT bits FROM u) & ~{self.sql(node.child)})"
        if isinstance(node, ql.Term):
            return self.term(_term_of(node, self.stems[node.word]))
        if isinstance(node, ql.Prefix):
            return self.prefix(node)
        if isinstance(node, ql.Keyword):
            return self.term(f"{node.field}={node.value}")
        years = sorted(
            t
            for t in self.present
            if t.startswith("year=")
            and (node.low is None or int(t[5:]) >= node.low)
            and (node.high is None or int(t[5:]) <= node.high)
        )
        if not years:
            return "(SELECT bits # bits FROM u)"
        return "(" + " | ".join(self.term(t) for t in years) + ")"

    def prefix(self, node: ql.Prefix) -> str:
        common = sorted(t for t in self.present if _expands_to(node, t))
        lexemes = [dense.field_of(t)[1] if node.field else t for t in common]
        column = FIELD_VECTORS[node.field] if node.field else "search_vector"
        self.params.append(quote_lexeme(node.stem) + ":*")
        others = "to_tsquery('simple', %s)"
        if lexemes:
            self.params.append(" | ".join(quote_lexeme(lex) for lex in lexemes))
            others = f"({others} && !! %s::tsquery)"
        rest = (
            "(SELECT search_dense_set((SELECT bits # bits FROM u), "
            "coalesce(array_agg((e.id - (SELECT base FROM u))::int), '{}'), "
            "coalesce(array_agg(1), '{}')) "
            f"FROM search_entry e WHERE e.{column} @@ {others})"
        )
        return "(" + " | ".join([rest, *(self.term(t) for t in common)]) + ")"


def expression(cursor, tree: ql.Node, filters: dict[str, str]) -> tuple[str, list]:
    """The bitmap of `tree`'s matches under `filters`, as SQL over a CTE `u` (the
    universe: see DENSE_CTE), or ("", []) when bitmaps cannot answer it (then the
    ordinary path counts the matches)."""
    if not _eligible(tree):
        return "", []
    words = _words(tree)
    stems = _stems(cursor, [w.word for w in words]) if words else {}
    if stems is None:
        return "", []
    needed = {_term_of(w, stems[w.word]) for w in words}
    tokens = [f"{name}={value}" for name, value in filters.items()]
    starts = sorted({_term_of(p, p.stem) for p in _prefixes(tree)})
    cursor.execute(
        _PRESENT, [[dense.UNIVERSE, *needed, *tokens, *_keywords(tree)], starts]
    )
    present = set(cursor.fetchone()[0] or ())
    if dense.UNIVERSE not in present or not needed <= present:
        return "", []
    bitmaps = _Bitmaps(stems, present)
    sql = bitmaps.sql(tree)
    for token in tokens:
        sql = f"({sql} & {bitmaps.term(token)})"
    return sql, bitmaps.params


def _stems(cursor, words: list[str]) -> dict[str, str] | None:
    """{word: its one lexeme}, as the ordinary path's to_tsquery stems it; None if
    a word has none or several (`co-author`): the ordinary path answers those."""
    cursor.execute(_STEMS, [[quote_lexeme(w) for w in words]])
    stems = {}
    for word, query in zip(words, cursor.fetchone()[0], strict=True):
        found = _LEXEME.match(query)
        if not found or not dense.is_plain(found.group(1)):
            return None
        stems[word] = found.group(1)
    return stems


def _keywords(node: ql.Node) -> list[str]:
    if isinstance(node, ql.And | ql.Or):
        return [k for c in node.children for k in _keywords(c)]
    if isinstance(node, ql.Not):
        return _keywords(node.child)
    return [f"{node.field}={node.value}"] if isinstance(node, ql.Keyword) else []


# The universe, for NOT and empty bitmaps (prepended to a search statement's WITH).
DENSE_CTE = (
    f"u AS (SELECT bits, base FROM search_dense_term WHERE term = '{dense.UNIVERSE}')"
)


def facets_sql(bits: str, with_facets: bool) -> str:
    """A scalar subquery like postgres_rank._facets_sql, from the bitmap `bits`:
    [[total]] or [[total, [[token, count], ...]]] (see `unpack`)."""
    total = f"bit_count({bits})"
    if not with_facets:
        return f"SELECT json_build_array(json_build_array({total}))"
    return (
        f"SELECT json_build_array(json_build_array({total}, (SELECT "
        "json_agg(json_build_array(term, n)) FROM (SELECT d.term, "
        f"bit_count({bits} & d.bits) AS n FROM search_dense_term d "
        "WHERE strpos(d.term, '=') > 0) f WHERE n > 0)))"
    )


def unpack(groups, with_facets: bool) -> tuple[int, dict[str, dict[str, int]]]:
    total = groups[0][0]
    facets: dict[str, dict[str, int]] = {}
    if with_facets:
        for token, count in groups[0][1] or []:
            name, _, value = token.partition("=")
            facets.setdefault(name, {})[value] = count
    return total, facets
