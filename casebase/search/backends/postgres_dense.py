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
bitmaps are built). A query made only of such terms, prefixes, facets and years is
counted with bitwise AND/OR/NOT and bit_count: a few hundred row reads instead of
tens of thousands (postgres_bitmaps.py). This module builds and keeps them.

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

from collections import defaultdict

from django.conf import settings

from casebase.search.backends.postgres_query import FIELD_VECTORS, quote_lexeme

UNIVERSE = ""
GROWTH = 8192  # bits: the bitmaps grow in steps of 1 KB
ADVISORY_KEY = 0x5EA2C4D1  # pg_advisory_xact_lock key of the bitmap writers


def is_facet(term: str) -> bool:
    """Facet tokens are `name=value`, field words `field:lexeme`; lexemes holding
    `=` or `:` (a citation key: `ecli:eu:c:2012:259`) get no bitmap, so the three
    kinds never share a row."""
    return "=" in term


def field_of(term: str) -> tuple[str, str] | None:
    """(field, lexeme) of a field word's term, else None."""
    if is_facet(term) or ":" not in term:
        return None
    name, _, lexeme = term.partition(":")
    return name, lexeme


def is_plain(lexeme: str) -> bool:
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
    found = {lex for lex in lexemes or () if is_plain(lex)}
    for name, field_lexemes in zip(FIELD_VECTORS, fields, strict=True):
        found.update(f"{name}:{lex}" for lex in field_lexemes or () if is_plain(lex))
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
    elif field_of(term):
        name, lexeme = field_of(term)
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
