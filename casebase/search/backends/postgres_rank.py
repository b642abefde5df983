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

from django.db import OperationalError, transaction

from casebase.search.backends.base import SearchTimeout

MAX_SCORED = 400

FACETS_SQL = (
    "(SELECT coalesce(json_object_agg(tok, n), '{}') FROM (SELECT tok, count(*) n "
    "FROM m, unnest(string_to_array(m.facet_tokens, ' ')) tok GROUP BY tok) f)"
)


@contextlib.contextmanager
def limited(conn, seconds: float):
    """A cursor whose statements PostgreSQL cancels after `seconds` in all
    (SearchTimeout). SET LOCAL lasts until the savepoint ends, so the limit never
    leaks to other queries in the request."""
    try:
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            timeout_ms = max(1, int(seconds * 1000))
            cursor.execute(f"SET LOCAL statement_timeout = {timeout_ms}")
            yield cursor
            cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
    except OperationalError as exc:
        if "statement timeout" in str(exc) or "canceling statement" in str(exc):
            raise SearchTimeout from exc
        raise


def count_and_facets(cursor, match: str, params: list, with_facets: bool):
    """(total, facet counts as JSON) over every match; no vector is read."""
    cursor.execute(
        f"""WITH m AS MATERIALIZED (SELECT e.facet_tokens FROM search_entry e
            WHERE {match})
        SELECT (SELECT count(*) FROM m), {FACETS_SQL if with_facets else "'{}'"}""",
        params,
    )
    return cursor.fetchone()


def ranked_ids(
    cursor, match: str, params: list, words: tuple[str, list], wanted: int, total: int
) -> list[tuple[int, float]]:
    """The best `wanted` of `total` matches as (entry id, rank), best first. `words`
    is the tsquery of the searched words (SQL and parameters), or ("", [])."""
    words_sql, rank_params = words
    rank_sql = f"ts_rank(e.search_vector, {words_sql})" if words_sql else "0"
    budget = max(MAX_SCORED, wanted)  # deep pages widen the bound
    if total <= budget:  # few enough to rank them all, in one statement
        tier = (
            f"coalesce(e.title_vector @@ {words_sql}, false)::int" if words_sql else "0"
        )
        cursor.execute(
            f"SELECT e.id, {rank_sql}, e.date, {tier} FROM search_entry e "
            f"WHERE {match}",
            [*rank_params, *rank_params, *params],
        )
        rows = cursor.fetchall()
        return _best(rows, {row[0]: row[3] for row in rows}, wanted)
    candidates: dict[int, int] = {}  # id -> tier
    if rank_params:
        cursor.execute(
            f"SELECT e.id FROM search_entry e WHERE {match} "
            f"AND e.title_vector @@ ({words_sql}) LIMIT %s",
            [*params, *rank_params, budget],
        )
        candidates = {row[0]: 1 for row in cursor.fetchall()}
    if len(candidates) < budget:
        cursor.execute(
            f"SELECT e.id FROM search_entry e WHERE {match} "
            "AND NOT (e.id = ANY(%s)) LIMIT %s",
            [*params, list(candidates), budget - len(candidates)],
        )
        candidates.update((row[0], 0) for row in cursor.fetchall())
    if not candidates:
        return []
    cursor.execute(
        f"SELECT e.id, {rank_sql}, e.date FROM search_entry e WHERE e.id = ANY(%s)",
        [*rank_params, list(candidates)],
    )
    return _best(cursor.fetchall(), candidates, wanted)


def _best(rows: list, tiers: dict[int, int], wanted: int) -> list[tuple[int, float]]:
    """Rows of (id, rank, date, ...) in ranking order: title matches first, then by
    rank, then newest; the first `wanted` as (id, rank)."""
    rows = sorted(
        rows,
        key=lambda r: (
            -tiers[r[0]],
            -(r[1] or 0.0),
            -(r[2].toordinal() if r[2] else 0),
            r[0],
        ),
    )
    return [(row[0], row[1]) for row in rows[:wanted]]
