"""PostgreSQL full-text search, for deployments where several app servers share one
database: the `search_entry` table (search/models.py), a stored weighted tsvector with
a GIN index, maintained by the same indexing code as the Whoosh index.

Text is tokenised in Python exactly as Whoosh tokenises it and stemmed by the
`casebase_english` configuration (Snowball English, no stop words), so both backends
match the same records. Every user value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from django.db import OperationalError, connection, transaction

from casebase.search import language as ql
from casebase.search import vocabulary
from casebase.search.backends.base import BackendResults, SearchBackend, SearchTimeout
from casebase.search.backends.postgres_rank import (
    count_and_facets,
    limited,
    ranked_ids,
)
from casebase.search.documents import SearchDocument
from casebase.search.highlight import highlight_terms, mark, snippet
from casebase.search.query import Hit, SearchQuery, SortOrder

CONFIG = "casebase_english"
LOCK_TIMEOUT_MS = 5000
_WORD = re.compile(r"\w+", re.UNICODE)
FIELD_VECTORS = {
    "title": "title_vector",
    "party": "party_vector",
    "system": "system_vector",
    "court": "court_vector",
    "theory": "theory_vector",
    "jurisdiction": "jurisdiction_vector",
}


def words(text: str) -> str:
    """Whoosh's tokenisation: runs of letters and digits, lower-cased."""
    return " ".join(_WORD.findall(text.lower()))


def quote_lexeme(text: str) -> str:
    """A tsquery literal for `text`, matched as one lexeme."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def facet_tokens(doc: SearchDocument) -> str:
    tokens = [f"type={doc.doc_type}"]
    tokens += [f"court={doc.f_court}"] if doc.f_court else []
    tokens += [f"jurisdiction={j}" for j in doc.f_jurisdiction]
    tokens += [f"theory={t}" for t in doc.f_theory]
    tokens += [f"stage={doc.stage}"] if doc.stage else []
    tokens += [f"outcome={doc.outcome}"] if doc.outcome else []
    tokens += [f"year={doc.year}"] if doc.year is not None else []
    return " ".join(tokens)


_VEC = f"to_tsvector('{CONFIG}', %s)"
_UPSERT = f"""
INSERT INTO search_entry (key, doc_type, object_id, title, url, citations,
    citation_keys, body, facet_tokens, year, date, date_display, digest, search_vector,
    title_vector, party_vector, system_vector, court_vector, theory_vector,
    jurisdiction_vector)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
    setweight(array_to_tsvector(%s::text[]), 'A')
    || setweight({_VEC}, 'A') || setweight(to_tsvector('simple', %s), 'A')
    || setweight({_VEC}, 'B') || setweight({_VEC}, 'C') || setweight({_VEC}, 'D'),
    {_VEC}, {_VEC}, {_VEC}, {_VEC}, {_VEC}, {_VEC})
ON CONFLICT (key) DO UPDATE SET doc_type = EXCLUDED.doc_type,
    object_id = EXCLUDED.object_id, title = EXCLUDED.title, url = EXCLUDED.url,
    citations = EXCLUDED.citations, citation_keys = EXCLUDED.citation_keys,
    body = EXCLUDED.body, facet_tokens = EXCLUDED.facet_tokens, year = EXCLUDED.year,
    date = EXCLUDED.date, date_display = EXCLUDED.date_display,
    digest = EXCLUDED.digest,
    search_vector = EXCLUDED.search_vector, title_vector = EXCLUDED.title_vector,
    party_vector = EXCLUDED.party_vector, system_vector = EXCLUDED.system_vector,
    court_vector = EXCLUDED.court_vector, theory_vector = EXCLUDED.theory_vector,
    jurisdiction_vector = EXCLUDED.jurisdiction_vector
"""


def _row(doc: SearchDocument) -> tuple:
    keys = doc.citation_keys
    return (
        doc.key,
        doc.doc_type,
        doc.object_id,
        doc.title,
        doc.url,
        json.dumps(list(doc.citations)),
        json.dumps(keys),
        doc.body,
        facet_tokens(doc),
        doc.year,
        doc.date,
        doc.date_display,
        doc.digest,
        keys,
        words(doc.title),
        " ".join(doc.citations),
        words(f"{doc.parties} {doc.systems}"),
        words(f"{doc.court} {doc.theory} {doc.jurisdiction}"),
        words(doc.body),
        words(doc.title),
        words(doc.parties),
        words(doc.systems),
        words(doc.court),
        words(doc.theory),
        words(doc.jurisdiction),
    )


class _Compiler:
    """A query tree as a SQL condition, plus the tsquery that ranks the matches."""

    def __init__(self) -> None:
        self.params: list = []
        self.rank_parts: list[tuple[str, list]] = []

    def tsquery(self, leaf: ql.Leaf) -> tuple[str, list]:
        if isinstance(leaf, ql.Term):
            return f"to_tsquery('{CONFIG}', %s)", [quote_lexeme(leaf.word)]
        if isinstance(leaf, ql.Phrase):
            # An exact phrase, in a field too: the field's own vector keeps positions.
            return f"phraseto_tsquery('{CONFIG}', %s)", [" ".join(leaf.words)]
        if isinstance(leaf, ql.Prefix):
            return "to_tsquery('simple', %s)", [quote_lexeme(leaf.stem) + ":*"]
        return "%s::tsquery", [quote_lexeme(leaf.key)]  # CitationKey

    def condition(self, node: ql.Node, positive: bool = True) -> str:
        if isinstance(node, ql.And | ql.Or):
            joiner = " AND " if isinstance(node, ql.And) else " OR "
            return (
                "("
                + joiner.join(self.condition(c, positive) for c in node.children)
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
        sql, params = self.tsquery(node)
        if positive:
            self.rank_parts.append((sql, params))
        self.params.extend(params)
        condition = f"e.search_vector @@ {sql}"
        field = getattr(node, "field", "")
        if field:
            self.params.extend(params)
            condition += f" AND e.{FIELD_VECTORS[field]} @@ {sql}"
        return f"({condition})"

    def words(self) -> tuple[str, list]:
        """The searched words (not those under NOT) as one tsquery."""
        if not self.rank_parts:
            return "", []
        sql = " || ".join(part for part, _ in self.rank_parts)
        return f"({sql})", [p for _, ps in self.rank_parts for p in ps]

    def rank(self) -> tuple[str, list]:
        sql, params = self.words()
        return (f"ts_rank(e.search_vector, {sql})", params) if sql else ("0", [])


def _filters(query: SearchQuery) -> tuple[str, list]:
    tokens = [f"{name}={value}" for name, value in query.filters.items()]
    if not tokens:
        return "TRUE", []
    return "string_to_array(e.facet_tokens, ' ') @> %s::text[]", [tokens]


_ORDER = {
    SortOrder.RELEVANCE: "rank DESC, date DESC NULLS LAST, id",
    SortOrder.NEWEST: "date DESC NULLS LAST, rank DESC, id",
    SortOrder.OLDEST: "date ASC NULLS LAST, rank DESC, id",
}


class PostgresBackend(SearchBackend):
    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(_UPSERT, [_row(doc) for doc in documents])
            vocabulary.remember(documents)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_entry WHERE key = ANY(%s)", [keys])

    def update(self, documents: list[SearchDocument], deleted: list[str]) -> None:
        with transaction.atomic():
            # A running rebuild holds the rows: rather than wait for it, give up and
            # let the indexer journal the keys, which the rebuild applies at its end.
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}")
            super().update(documents, deleted)

    def rebuild(self, batches: Iterable[list[SearchDocument]]) -> int:
        """One transaction: other connections read the old entries until it commits,
        and a rebuild that dies halfway is rolled back by PostgreSQL. DELETE, not
        TRUNCATE, whose exclusive lock would stall every search meanwhile."""
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")
            for batch in batches:
                if batch:
                    cursor.executemany(_UPSERT, [_row(doc) for doc in batch])
                    vocabulary.remember(batch)
                count += len(batch)
        return count

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_entry, search_word")

    def digests(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT key, digest FROM search_entry")
            return dict(cursor.fetchall())

    def suggest(self, word: str) -> str:
        return vocabulary.nearest(word)

    def search(self, query: SearchQuery, tree: ql.Node) -> BackendResults:
        if query.sort != SortOrder.RELEVANCE:
            return self._search_by_date(query, tree)
        compiler = _Compiler()
        where = compiler.condition(tree)
        filter_sql, filter_params = _filters(query)
        match, params = f"{where} AND {filter_sql}", [*compiler.params, *filter_params]
        wanted = query.offset + query.per_page
        with limited(connection, query.time_limit) as cursor:
            total, facet_counts = count_and_facets(
                cursor, match, params, query.with_facets
            )
            ranked = []
            if total:
                words = compiler.words()
                ranked = ranked_ids(cursor, match, params, words, wanted, total)
            hits = self._hits(cursor, ranked[query.offset :], tree)
        return BackendResults(hits, total, _facets(facet_counts))

    def _search_by_date(self, query: SearchQuery, tree: ql.Node) -> BackendResults:
        """Newest or oldest first: every match in date order (the date index)."""
        compiler = _Compiler()
        where = compiler.condition(tree)
        rank_sql, rank_params = compiler.rank()
        filter_sql, filter_params = _filters(query)
        facets_sql = (
            "(SELECT coalesce(json_object_agg(tok, n), '{}') FROM (SELECT tok, count(*) n "
            "FROM m, unnest(string_to_array(m.facet_tokens, ' ')) tok GROUP BY tok) f)"
            if query.with_facets
            else "'{}'::json"
        )
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT e.id, e.facet_tokens, e.date, {rank_sql} AS rank
                FROM search_entry e WHERE {where} AND {filter_sql}
            )
            SELECT (SELECT count(*) FROM m),
                (SELECT coalesce(json_agg(json_build_array(id, rank)), '[]') FROM (
                    SELECT id, rank FROM m ORDER BY {_ORDER[query.sort]}
                    LIMIT %s OFFSET %s) t),
                {facets_sql}
        """
        params = [*rank_params, *compiler.params, *filter_params]
        params += [query.per_page, query.offset]
        total, ranked, facet_counts = run_limited(
            connection, query.time_limit, sql, params
        )
        with connection.cursor() as cursor:
            hits = self._hits(cursor, _json(ranked), tree)
        return BackendResults(hits, total, _facets(facet_counts))

    def _hits(self, cursor, ranked: list, tree: ql.Node) -> list[Hit]:
        if not ranked:
            return []
        ids = [row[0] for row in ranked]
        cursor.execute(
            "SELECT id, key, doc_type, object_id, title, url, citations, body, date, "
            "date_display "
            "FROM search_entry WHERE id = ANY(%s)",
            [ids],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        terms = highlight_terms(tree)
        hits = []
        for entry_id, score in ranked:
            _, key, doc_type, object_id, title, url, citations, body, date, shown = (
                rows[entry_id]
            )
            hits.append(
                Hit(
                    key=key,
                    doc_type=doc_type,
                    object_id=object_id,
                    title=title,
                    url=url,
                    citations=tuple(_json(citations)),
                    snippet=snippet(body, terms),
                    title_marked=mark(title, terms, whole=True),
                    date=date,
                    date_display=shown,
                    score=float(score or 0),
                )
            )
        return hits


def run_limited(conn, seconds: float, sql: str, params: list) -> tuple:
    """The first row of `sql`, cancelled by PostgreSQL after `seconds` (SearchTimeout).
    SET LOCAL lasts until the savepoint ends, so the limit never leaks to other
    queries in the request."""
    try:
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            timeout_ms = max(1, int(seconds * 1000))
            cursor.execute(f"SET LOCAL statement_timeout = {timeout_ms}")
            cursor.execute(sql, params)
            row = cursor.fetchone()
            cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
            return row
    except OperationalError as exc:
        if "statement timeout" in str(exc) or "canceling statement" in str(exc):
            raise SearchTimeout from exc
        raise


def _facets(counts) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {}
    for token, count in _json(counts).items():
        name, _, value = token.partition("=")
        facets.setdefault(name, {})[value] = count
    return facets


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
