"""Per-term bitmaps for the PostgreSQL backend: exact totals and facet counts of broad
searches without reading their matches.

A broad search (`training`, in half the records) spends most of its time reading every
match's heap page to count it and its facet values. Here `search_dense_term`
(migration 0007) holds one `bit varying` per dense term, bit i set when the entry of
id `base + i` carries it (base: the lowest id at the last build, as a rebuild's new
entries take new ids): every lexeme of search_vector held by at least
SEARCH_PG_DENSE_MIN_DOCS entries, and likewise every lexeme of a field's own vector
(`court:appeal`, for `court:"appeal"`), every facet token (`type=dispute`,
`year=2023`), and '' for every entry (the universe, for NOT; its presence says the
bitmaps are built). A query made only of such terms, facets and years is counted with
bitwise AND/OR/NOT and bit_count: a few hundred row reads instead of tens of
thousands.

Exact at every commit: a rebuild recomputes every bitmap; index and delete set the
bits of the entries they change in the same transaction. A lexeme that becomes dense
after the last rebuild gets no bitmap until the next one: its searches take the
ordinary path (correct, just slower). Facet tokens and the universe always have one,
made when first seen, so a facet count is never missed.

All bitmaps have the same length (a multiple of GROWTH bits) so that they combine;
writers serialise on one transaction-level advisory lock (ADVISORY_KEY), under which
they extend every bitmap, create new ones and lock the rows they change in term order.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.conf import settings

from casebase.search import language as ql
from casebase.search.backends.postgres_query import CONFIG, FIELD_VECTORS, quote_lexeme

UNIVERSE = ""
GROWTH = 8192  # bits: the bitmaps grow in steps of 1 KB
ADVISORY_KEY = 0x5EA2C4D1  # pg_advisory_xact_lock key of the bitmap writers
_LEXEME = re.compile(r"^'([^'\\]+)'$")  # a tsquery of one plain lexeme


def is_facet(term: str) -> bool:
    """Facet tokens are `name=value`, field words `field:lexeme`; lexemes holding
    `=` or `:` (a citation key: `ecli:eu:c:2012:259`) get no bitmap, so the three
    kinds never share a row."""
    return "=" in term


def _field(term: str) -> tuple[str, str] | None:
    """(field, lexeme) of a field word's term, else None."""
    if is_facet(term) or ":" not in term:
        return None
    name, _, lexeme = term.partition(":")
    return name, lexeme


def _plain(lexeme: str) -> bool:
    return "=" not in lexeme and ":" not in lexeme


def _size(max_id: int) -> int:
    return (max_id // GROWTH + 1) * GROWTH


# An entry's bitmap terms are read from these columns (see _terms).
_ENTRY_COLUMNS = ", ".join(
    [
        "id",
        "tsvector_to_array(search_vector)",
        "facet_tokens",
        *(f"tsvector_to_array({column})" for column in FIELD_VECTORS.values()),
    ]
)


def _terms(lexemes, facet_tokens: str, *fields) -> set[str]:
    """The bitmap terms an entry can carry: its lexemes, its field vectors' lexemes
    (`fields`, in FIELD_VECTORS' order) as `field:lexeme`, facet tokens, the
    universe."""
    found = {lex for lex in lexemes or () if _plain(lex)}
    for name, field_lexemes in zip(FIELD_VECTORS, fields, strict=True):
        found.update(f"{name}:{lex}" for lex in field_lexemes or () if _plain(lex))
    found.update((facet_tokens or "").split())
    found.add(UNIVERSE)
    return found


def lock(cursor) -> None:
    """Serialise the bitmap writers until this transaction ends (see the module)."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_KEY])


# Building -----------------------------------------------------------------------


def build(cursor) -> int:
    """Recompute every bitmap from search_entry; returns how many there are."""
    lock(cursor)
    cursor.execute(f"SELECT {_ENTRY_COLUMNS} FROM search_entry")
    postings: dict[str, list[int]] = defaultdict(list)
    entries = cursor.fetchall()
    for id_, *columns in entries:
        for term in _terms(*columns):
            postings[term].append(id_)
    # No entries: the next ones take ids past the sequence's last value.
    cursor.execute(
        "SELECT coalesce(max(s.last_value), 0) FROM pg_sequences s "
        "WHERE (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))"
        "::regclass = pg_get_serial_sequence('search_entry', 'id')::regclass"
    )
    base = min((e[0] for e in entries), default=cursor.fetchone()[0])
    size = _size(max((e[0] for e in entries), default=base) - base)
    minimum = settings.SEARCH_PG_DENSE_MIN_DOCS
    cursor.execute("DELETE FROM search_dense_term")
    rows = [
        (term, base, _bits(ids, base, size))
        for term, ids in postings.items()
        if len(ids) >= minimum or is_facet(term) or term == UNIVERSE
    ]
    if not postings:  # the universe alone, empty, says "built"
        rows = [(UNIVERSE, base, "0" * size)]
    with cursor.copy("COPY search_dense_term (term, base, bits) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return len(rows)


def _bits(ids: list[int], base: int, size: int) -> str:
    bits = bytearray(b"0" * size)
    for id_ in ids:
        bits[id_ - base] = 49  # "1"
    return bits.decode()


# Upkeep -------------------------------------------------------------------------


def entry_terms(cursor, keys: list[str]) -> dict[int, set[str]]:
    """{id: bitmap terms} of the entries of `keys`, their rows locked so that no
    other writer changes them before this transaction's bitmaps are written."""
    cursor.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM search_entry "
        "WHERE key = ANY(%s) ORDER BY id FOR UPDATE",
        [keys],
    )
    return {id_: _terms(*columns) for id_, *columns in cursor.fetchall()}


def apply(cursor, before: dict[int, set[str]], after: dict[int, set[str]]) -> None:
    """Set the bits of the entries that changed (ids in `before` and `after`, as
    entry_terms read them around the change): a bitmap term's bit becomes whether
    the entry now carries it. Called under `lock`; nothing if never built."""
    changes: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for id_ in before.keys() | after.keys():
        old, new = before.get(id_, set()), after.get(id_, set())
        for term in old ^ new:
            changes[term].append((id_, int(term in new)))
    if not changes:
        return
    cursor.execute(
        "SELECT term, length(bits), base FROM search_dense_term "
        "WHERE term = ANY(%s) OR term = %s ORDER BY term FOR UPDATE",
        [sorted(changes), UNIVERSE],
    )
    found = {term: (length, base) for term, length, base in cursor.fetchall()}
    if UNIVERSE not in found:
        return  # never built (a rebuild builds them)
    size, base = found[UNIVERSE]
    ids = before.keys() | after.keys()
    if min(ids) < base:  # ids handed out again (a reset sequence): start afresh
        build(cursor)
        return
    needed = _size(max(ids) - base)
    if needed > size:
        cursor.execute(
            "UPDATE search_dense_term SET bits = bits || repeat('0', %s)::varbit",
            [needed - size],
        )
        size = needed
    missing = [t for t in changes if t not in found and is_facet(t)]
    if missing:  # a facet value first seen: its bitmap starts empty
        cursor.executemany(
            "INSERT INTO search_dense_term (term, base, bits) "
            "VALUES (%s, %s, repeat('0', %s)::varbit)",
            [(term, base, size) for term in sorted(missing)],
        )
    cursor.executemany(
        "UPDATE search_dense_term "
        "SET bits = search_dense_set(bits, %s::int[], %s::int[]) WHERE term = %s",
        [
            ([i - base for i, _ in sets], [v for _, v in sets], term)
            for term, sets in sorted(changes.items())
            if term in found or term in missing
        ],
    )


def stale(cursor) -> list[str]:
    """The bitmaps that differ from search_entry (a lexeme's from the GIN index, a
    facet token's from the facet tokens), and facet tokens without one: for
    check_search_index. Nothing when never built (then no search uses them)."""
    cursor.execute("SELECT term, base, bits::text FROM search_dense_term ORDER BY term")
    rows = cursor.fetchall()
    if len({(base, len(bits)) for _, base, bits in rows}) > 1:  # cannot combine
        return [term for term, _, _ in rows]
    wrong = [
        term
        for term, base, bits in rows
        if {base + i for i, bit in enumerate(bits) if bit == "1"}
        != holders(cursor, term)
    ]
    cursor.execute(
        "SELECT DISTINCT unnest(string_to_array(facet_tokens, ' ')) FROM search_entry"
    )
    built = {term for term, _, _ in rows}
    return wrong + sorted(t for (t,) in cursor.fetchall() if rows and t not in built)


def holders(cursor, term: str) -> set[int]:
    """The ids of the entries carrying `term`, read from search_entry itself."""
    if term == UNIVERSE:
        cursor.execute("SELECT id FROM search_entry")
    elif is_facet(term):
        cursor.execute(
            "SELECT id FROM search_entry "
            "WHERE string_to_array(facet_tokens, ' ') @> ARRAY[%s]",
            [term],
        )
    elif _field(term):
        name, lexeme = _field(term)
        column = FIELD_VECTORS.get(name)
        if column is None:  # not a field's (left by other code): no entry has it
            return set()
        cursor.execute(
            f"SELECT id FROM search_entry WHERE {column} @@ %s::tsquery",
            [quote_lexeme(lexeme)],
        )
    else:
        cursor.execute(
            "SELECT id FROM search_entry WHERE search_vector @@ %s::tsquery",
            [quote_lexeme(term)],
        )
    return {id_ for (id_,) in cursor.fetchall()}


# Searching ----------------------------------------------------------------------


def _eligible(node: ql.Node, negated: bool = False) -> bool:
    """Whether bitmaps could answer `node`: AND/OR/NOT of words and prefixes
    (unfielded or in a field of FIELD_VECTORS), keywords and year ranges (phrases
    and citations cannot). Not a year
    range under NOT: SQL's `NOT e.year >= 2020` leaves out the entries without a
    year, which a bitmap complement would count."""
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
    return _field(term) is not None if prefix.field else _plain(term)


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
        dense = sorted(t for t in self.present if _expands_to(node, t))
        lexemes = [_field(t)[1] if node.field else t for t in dense]
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
        return "(" + " | ".join([rest, *(self.term(t) for t in dense)]) + ")"


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
    cursor.execute(_PRESENT, [[UNIVERSE, *needed, *tokens, *_keywords(tree)], starts])
    present = set(cursor.fetchone()[0] or ())
    if UNIVERSE not in present or not needed <= present:
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
        if not found or not _plain(found.group(1)):
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
DENSE_CTE = f"u AS (SELECT bits, base FROM search_dense_term WHERE term = '{UNIVERSE}')"


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
