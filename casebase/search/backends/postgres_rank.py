"""Bounded relevance ranking for the PostgreSQL backend.

`ORDER BY ts_rank(...) LIMIT 20` must rank every match, reading each one's stored
tsvector: at 100,000 entries a common word costs hundreds of milliseconds. Here the
count and the facets are computed over every match (neither reads a vector), and
ts_rank only over a bounded set of candidates, in the order the search promises:
entries whose title carries a searched word first (found through the GIN index on
`title_vector`), then other matches, at most MAX_SCORED in all. A narrow query is
ranked exactly; a broad one among its best candidates.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import OperationalError, transaction

from casebase.search.backends import postgres_bitmaps as bitmaps
from casebase.search.backends.base import SearchTimeout

MAX_SCORED = 400

# Planner settings for search statements (SET LOCAL: see `limited`).
# The cost model prices `vector @@ query` as one cheap operator call, not the reading
# of a TOASTed vector it is, so it picks a sequential scan over the whole table for any
# common word (35 ms against 8 ms at 10,000 entries); the GIN indexes are always the
# better way in. JIT compiling would cost more than these statements run.
# The matches are materialised (ids and facet columns, about 10 MB at 100,000):
# work_mem keeps them in memory rather than a temporary file.
# No parallel workers: gathered in no set order, they made the candidates of a broad
# search, and so its first page, differ from one run of the same search to the next;
# and a search counted from bitmaps reads its matches only as far as the candidates go.
PLANNER = (
    "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '24MB'; "
    "SET LOCAL max_parallel_workers_per_gather = 0"
)
# Released savepoints keep SET LOCAL values until the transaction ends: put them back.
RESET = (
    "SET LOCAL statement_timeout TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT; "
    "SET LOCAL jit TO DEFAULT; SET LOCAL work_mem TO DEFAULT; "
    "SET LOCAL max_parallel_workers_per_gather TO DEFAULT"
)

# Facet values (generated columns, migration 0004) and the names they count for.
FACET_COLUMNS = (
    ("type", "e.doc_type"),
    ("court", "e.facet_court"),
    ("stage", "e.facet_stage"),
    ("outcome", "e.facet_outcome"),
    ("year", "e.year"),
    ("theory", "e.facet_theories"),
    ("jurisdiction", "e.facet_jurisdictions"),
)
_MULTI = {"theory", "jurisdiction"}  # several `name=value` tokens in one column


class LimitedCursor:
    """A cursor that runs each statement after `prefix` (SET LOCAL statements) in the
    same round trip, and reads the statement's own result."""

    def __init__(self, cursor, prefix: str) -> None:
        self.cursor = cursor
        self.prefix = prefix

    def execute(self, sql: str, params: list | tuple = ()) -> None:
        self.cursor.execute(self.prefix + sql, params)
        while self.cursor.description is None and self.cursor.nextset():
            pass  # past the SETs' empty results

    def fetchone(self):
        return self.cursor.fetchone()

    def fetchall(self):
        return self.cursor.fetchall()


@contextlib.contextmanager
def limited(conn, seconds: float):
    """A cursor whose statements PostgreSQL cancels after `seconds` (SearchTimeout),
    planned with PLANNER. The settings never leak to other queries: in autocommit
    mode each statement is sent with its SET LOCALs as one multi-statement query,
    which PostgreSQL runs as one implicit transaction (no BEGIN, COMMIT or RESET
    round trips); inside a transaction they are set in a savepoint and put back."""
    settings = (
        f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}; {PLANNER}; "
    )
    try:
        if conn.in_atomic_block:
            with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
                cursor.execute(settings)
                yield LimitedCursor(cursor, "")
                cursor.execute(RESET)
        else:
            with conn.cursor() as cursor:
                yield LimitedCursor(cursor, settings)
    except OperationalError as exc:
        if "statement timeout" in str(exc) or "canceling statement" in str(exc):
            raise SearchTimeout from exc
        raise


def _tally(groups) -> tuple[int, dict[str, dict[str, int]]]:
    """(total, facets) from GROUPING SETS rows: each facet column's value, the
    GROUPING() bits (bit `last - i` clear when column i is grouped by), the count."""
    last = len(FACET_COLUMNS) - 1
    total, facets = 0, {}
    for row in groups:
        grouping, count = row[-2], row[-1]
        for i, (name, _) in enumerate(FACET_COLUMNS):
            if grouping >> (last - i) & 1:
                continue  # not grouped by in this row's set
            if name == "type":
                total += count  # every entry has one type
            value = row[i]
            if value is None or value == "":
                continue
            counts = facets.setdefault(name, {})
            if name in _MULTI:  # "theory=a theory=b"
                for token in value.split():
                    key = token.partition("=")[2]
                    counts[key] = counts.get(key, 0) + count
            else:
                counts[str(value)] = counts.get(str(value), 0) + count
    return total, facets


# Title matches of a party or an AI system, whose record is a name and a line, come
# after title matches of judgments, disputes, legislation and evidence (issue: a
# search for `Getty` put the party "Getty Images" above the Getty judgment).
STUB_TYPES = ("party", "system")
# A title of exactly the words typed (as a set of stems: `DABUS`, `Claude Code`)
# comes first, whatever the record (two parameters: the words, twice).
_TIER = (
    "CASE WHEN %s <> '' AND strip(e.title_vector) = "
    "strip(to_tsvector('casebase_english', %s)) THEN 3 "
    "WHEN e.doc_type IN ("
    + ", ".join(f"'{t}'" for t in STUB_TYPES)
    + ") THEN 1 ELSE 2 END"
)

HIT_COLUMNS = (
    "e.id, r.rank, e.key, e.doc_type, e.object_id, e.title, e.url, e.citations, "
    "e.body, e.date, e.date_display"
)


def search_page(
    cursor,
    match: str,
    params: list,
    bitmap: tuple[str, list],
    words: tuple[str, list],
    title_words: tuple[str, list],
    name: str,
    offset: int,
    limit: int,
    with_facets: bool,
) -> tuple[int, dict[str, dict[str, int]], list[tuple]]:
    """(total, facets, rows of HIT_COLUMNS for the page), in one statement that
    evaluates `match` once: the matches are materialised (ids and facet columns, no
    vector), counted and faceted, and the page is ranked among bounded candidates
    taken from them. A phrase, whose every candidate's vector is read to check the
    word order, is checked once, not once for the count and again for the ranking.

    Facets: one hashed GROUP BY GROUPING SETS over the facet columns (one pass, one
    small hash table per facet; no vector read, no string split); the total is the
    sum of the document types' counts, as every entry has one.

    Ranking: the candidates are the matches whose title carries a searched word
    (`title_words`: GIN index on title_vector), then other matches, at most
    MAX_SCORED (or as deep as the page) in all; only they are ranked (ts_rank reads
    their vectors): title matches first (a title of exactly the `name` typed, then
    those of judgments, disputes, legislation and evidence, then those of parties and
    AI systems), then by rank, then newest. When there are no more matches than
    that, every match is a candidate and the ranking is exact.

    With a `bitmap` of the matches (postgres_bitmaps.expression), the total and
    facets are counted from it, and `m` is read only as far as `rest` needs (a
    CTE is evaluated on demand): the same candidates in the same order, without
    reading every match."""
    words_sql, rank_params = words
    title_sql, title_params = title_words
    budget = max(MAX_SCORED, offset + limit)
    rank_sql = f"ts_rank(e.search_vector, {words_sql})" if words_sql else "0"
    if title_sql:
        # The match again, but only over the title matches (few, GIN index): cheaper
        # than a semi-join against every match.
        titled = (
            f"SELECT e.id, {_TIER} AS tier FROM search_entry e WHERE {match} "
            f"AND e.title_vector @@ {title_sql} ORDER BY tier DESC LIMIT %s"
        )
        titled_params = [name, name, *params, *title_params, budget]
    else:
        titled, titled_params = "SELECT NULL::bigint AS id, 0 AS tier LIMIT 0", []
    bitmap_sql, bitmap_params = bitmap
    if bitmap_sql:
        dense_with = (
            f"{bitmaps.DENSE_CTE}, x AS MATERIALIZED (SELECT {bitmap_sql} AS bits),"
        )
        counts = bitmaps.facets_sql("(SELECT bits FROM x)", with_facets)
    else:
        dense_with, counts = "", _facets_sql(with_facets)
    sql = f"""
        WITH {dense_with}
        m AS MATERIALIZED (SELECT e.id, {_M_COLUMNS} FROM search_entry e WHERE {match}),
        titled AS MATERIALIZED ({titled}),
        rest AS MATERIALIZED (
            SELECT id FROM m WHERE id NOT IN (SELECT id FROM titled)
            LIMIT %s - (SELECT count(*) FROM titled)
        ),
        r AS (
            SELECT e.id, {rank_sql} AS rank, c.tier, e.date FROM (
                SELECT id, tier FROM titled UNION ALL SELECT id, 0 FROM rest
            ) c JOIN search_entry e ON e.id = c.id
            ORDER BY c.tier DESC, rank DESC, e.date DESC NULLS LAST, e.id
            LIMIT %s OFFSET %s
        )
        SELECT ({counts}), (
            SELECT json_agg(json_build_array({HIT_COLUMNS})
                ORDER BY r.tier DESC, r.rank DESC, r.date DESC NULLS LAST, r.id)
            FROM r JOIN search_entry e ON e.id = r.id
        )
    """
    cursor.execute(
        sql,
        [
            *bitmap_params,
            *params,
            *titled_params,
            budget,
            *rank_params,
            limit,
            offset,
        ],
    )
    row = cursor.fetchone()
    if bitmap_sql and row[0][0][0] is None:
        # A rebuild committed since the bitmaps were looked up, and dropped one:
        # count the matches themselves.
        return search_page(
            cursor,
            match,
            params,
            ("", []),
            words,
            title_words,
            name,
            offset,
            limit,
            with_facets,
        )
    return _unpack(row, with_facets, bool(bitmap_sql))


def date_page(
    cursor,
    match: str,
    params: list,
    rank: tuple[str, list],
    order: str,
    offset: int,
    limit: int,
    with_facets: bool,
) -> tuple[int, dict[str, dict[str, int]], list[tuple]]:
    """As `search_page`, for a date order (`order`, over the date, title and key),
    in one statement that evaluates `match` once; every match is ranked, for the
    hits' scores."""
    rank_sql, rank_params = rank
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT e.id, e.date, e.title, e.key, {rank_sql} AS rank, {_M_COLUMNS}
            FROM search_entry e WHERE {match}
        ),
        r AS (
            SELECT id, row_number() OVER (ORDER BY {order}) AS n, rank FROM m
            ORDER BY n LIMIT %s OFFSET %s
        )
        SELECT ({_facets_sql(with_facets)}), (
            SELECT json_agg(json_build_array({HIT_COLUMNS}) ORDER BY r.n)
            FROM r JOIN search_entry e ON e.id = r.id
        )
    """
    cursor.execute(sql, [*rank_params, *params, limit, offset])
    return _unpack(cursor.fetchone(), with_facets)


# The facet columns as the materialised matches `m` carry them.
_M_COLUMNS = ", ".join(column for _, column in FACET_COLUMNS)
_M_NAMES = ", ".join(column.removeprefix("e.") for _, column in FACET_COLUMNS)


def _facets_sql(with_facets: bool) -> str:
    """A scalar subquery over `m`: the GROUPING SETS rows as one JSON array (see
    `_tally`), or the count alone as [[count]]."""
    if not with_facets:
        return "SELECT json_build_array(json_build_array(count(*))) FROM m"
    # Two sets of a few low-cardinality columns each: two small hash tables per
    # match rather than seven (a third less time at 50,000 matches).
    names = _M_NAMES.split(", ")
    sets = f"({', '.join(names[:4])}), ({', '.join(names[4:])})"
    return (
        f"SELECT json_agg(json_build_array({_M_NAMES}, g, n)) FROM ("
        f"SELECT {_M_NAMES}, GROUPING({_M_NAMES}) AS g, count(*) AS n FROM m "
        f"GROUP BY GROUPING SETS ({sets})) f"
    )


def _unpack(row: tuple, with_facets: bool, from_bitmap: bool = False):
    """(total, facets, hit rows) from the (facets JSON, hits JSON) row."""
    groups, hits = row
    if from_bitmap:
        total, facets = bitmaps.unpack(groups, with_facets)
    elif with_facets:
        total, facets = _tally(groups or [])
    else:
        total, facets = groups[0][0], {}
    rows = [
        (*hit[:9], dt.date.fromisoformat(hit[9]) if hit[9] else None, hit[10])
        for hit in hits or []
    ]
    return total, facets, rows
