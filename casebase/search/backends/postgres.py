"""PostgreSQL full-text search, for deployments where several app servers share one
database: the `search_entry` table (search/models.py), a stored weighted tsvector with
a GIN index, maintained by the same indexing code as the Whoosh index.

Text is tokenised in Python exactly as Whoosh tokenises it and stemmed by the
`casebase_english` configuration (Snowball English, no stop words), so both backends
match the same records. Every user value reaches SQL as a bound parameter. Here: the
writes and the backend; a query tree becomes SQL in postgres_query.py, and is ranked
and paged by postgres_rank.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection, transaction

from casebase.search import language as ql
from casebase.search import tokens, vocabulary, written
from casebase.search.ahead import ahead
from casebase.search.backends import postgres_bitmaps as bitmaps
from casebase.search.backends import postgres_dense as dense
from casebase.search.backends.base import BackendResults, SearchBackend
from casebase.search.backends.postgres_query import (
    CONFIG,
    DATE_ORDER,
    Compiler,
    filters,
    word_pairs,
)
from casebase.search.backends.postgres_rank import (
    date_page,
    limited,
    search_page,
)
from casebase.search.documents import SearchDocument
from casebase.search.highlight import highlight_terms, mark, snippet
from casebase.search.query import Hit, SearchQuery, SortOrder

LOCK_TIMEOUT_MS = 5000


def words(text: str) -> str:
    """The words of casebase.search.tokens, as the Whoosh index holds them, for
    to_tsvector to stem: PostgreSQL never parses the raw text."""
    return " ".join(tokens.words(text))


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
# search_vector: weight A for the citation keys, the title and the citations' words,
# as written (so that a prefix reaches them: `uks*`) and stemmed (a word that only a
# citation holds: `cited`, as Whoosh has them in its content); B the parties and
# systems; C the court, theories and jurisdictions; D the text. citation_vector: the
# citation keys and the citations' words stemmed (`citation:patent` finds "Patents").
_UPSERT = f"""
INSERT INTO search_entry (key, doc_type, object_id, title, url, citations,
    citation_keys, body, facet_tokens, year, date, date_display, digest, search_vector,
    citation_vector, title_vector, party_vector, system_vector, court_vector,
    theory_vector, jurisdiction_vector)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
    setweight(array_to_tsvector(%s::text[]), 'A')
    || setweight({_VEC}, 'A') || setweight(to_tsvector('simple', %s), 'A')
    || setweight({_VEC}, 'A')
    || setweight({_VEC}, 'B') || setweight({_VEC}, 'C') || setweight({_VEC}, 'D'),
    array_to_tsvector(%s::text[]) || {_VEC},
    {_VEC}, {_VEC}, {_VEC}, {_VEC}, {_VEC}, {_VEC})
ON CONFLICT (key) DO UPDATE SET doc_type = EXCLUDED.doc_type,
    object_id = EXCLUDED.object_id, title = EXCLUDED.title, url = EXCLUDED.url,
    citations = EXCLUDED.citations, citation_keys = EXCLUDED.citation_keys,
    body = EXCLUDED.body, facet_tokens = EXCLUDED.facet_tokens, year = EXCLUDED.year,
    date = EXCLUDED.date, date_display = EXCLUDED.date_display,
    digest = EXCLUDED.digest,
    search_vector = EXCLUDED.search_vector,
    citation_vector = EXCLUDED.citation_vector, title_vector = EXCLUDED.title_vector,
    party_vector = EXCLUDED.party_vector, system_vector = EXCLUDED.system_vector,
    court_vector = EXCLUDED.court_vector, theory_vector = EXCLUDED.theory_vector,
    jurisdiction_vector = EXCLUDED.jurisdiction_vector
"""


def _row(doc: SearchDocument) -> tuple:
    keys = doc.citation_keys
    cited = words(" ".join(doc.citations))
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
        cited,
        cited,
        words(f"{doc.parties} {doc.systems}"),
        words(f"{doc.court} {doc.theory} {doc.jurisdiction}"),
        words(doc.body),
        keys,
        cited,
        words(doc.title),
        words(doc.parties),
        words(doc.systems),
        words(doc.court),
        words(doc.theory),
        words(doc.jurisdiction),
    )


class PostgresBackend(SearchBackend):
    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        keys = [doc.key for doc in documents]
        with transaction.atomic(), connection.cursor() as cursor:
            dense.lock(cursor)
            before = dense.entry_terms(cursor, keys)
            cursor.executemany(_UPSERT, [_row(doc) for doc in documents])
            dense.apply(cursor, before, dense.entry_terms(cursor, keys))
            vocabulary.remember(documents)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            with transaction.atomic(), connection.cursor() as cursor:
                dense.lock(cursor)
                before = dense.entry_terms(cursor, keys)
                cursor.execute("DELETE FROM search_entry WHERE key = ANY(%s)", [keys])
                dense.apply(cursor, before, {})

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
        TRUNCATE, whose exclusive lock would stall every search meanwhile. The
        term bitmaps are recomputed at the end, in the same transaction. Each batch
        of documents is built while the one before is stored (see ahead.py)."""
        count = 0
        batches = ahead(batches)
        with transaction.atomic(), connection.cursor() as cursor:
            dense.lock(cursor)
            cursor.execute("DELETE FROM search_entry")
            replaced = cursor.rowcount
            for batch in batches:
                if batch:
                    cursor.executemany(_UPSERT, [_row(doc) for doc in batch])
                    vocabulary.remember(batch)
                count += len(batch)
            dense.build(cursor)
        if not connection.in_atomic_block:
            self._settle(vacuum=replaced > 0)
        return count

    def _settle(self, vacuum: bool) -> None:
        """After a rebuild (committed): merge the GIN indexes' pending lists, which
        every search would otherwise read whole, and refresh the planner's
        statistics, so that the first searches are planned on the new entries.

        A rebuild that replaced entries left as many dead rows (and bitmaps), which
        every search reads past until they are vacuumed: at 100,000 entries, after two
        rebuilds, p95 was 69 ms until then, 20 ms after. Autovacuum would get to them in a minute or
        so, if it is on; a rebuild vacuums them at once (a few seconds)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'search_entry'::regclass AND a.amname = 'gin'"
            )
            if vacuum:
                cursor.execute("VACUUM (ANALYZE) search_entry, search_dense_term")
            else:
                cursor.execute("ANALYZE search_entry")

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            dense.lock(cursor)
            cursor.execute("TRUNCATE search_entry, search_word")
            dense.build(cursor)

    def digests(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT key, digest FROM search_entry")
            return dict(cursor.fetchall())

    def suggest(self, word: str) -> str:
        return vocabulary.nearest(word)

    def search(self, query: SearchQuery, tree: ql.Node) -> BackendResults:
        filter_sql, filter_params = filters(query)
        with limited(connection, query.time_limit) as cursor:
            compiler = Compiler(word_pairs(cursor, tree))
            where = compiler.condition(tree)
            match = f"{where} AND {filter_sql}"
            params = [*compiler.params, *filter_params]
            if query.sort != SortOrder.RELEVANCE or not compiler.rank_parts:
                # Nothing to rank by (`year:2023`, a filter alone): newest first;
                # or newest or oldest first as asked. Every match in date order.
                total, facet_counts, rows = date_page(
                    cursor,
                    match,
                    params,
                    compiler.rank(),
                    DATE_ORDER[query.sort],
                    query.offset,
                    query.per_page,
                    query.with_facets,
                )
            else:
                total, facet_counts, rows = search_page(
                    cursor,
                    match,
                    params,
                    bitmaps.expression(cursor, tree, query.filters),
                    compiler.words(),
                    compiler.words(compiler.title_parts),
                    " ".join(written.name_words(tree)),
                    query.offset,
                    query.per_page,
                    query.with_facets,
                )
        return BackendResults(_hits(rows, tree), total, facet_counts)


def _hits(rows: list, tree: ql.Node) -> list[Hit]:
    """Hits from rows of HIT_COLUMNS, in their order."""
    terms = highlight_terms(tree)
    hits = []
    for row in rows:
        _, score, key, doc_type, object_id, title, url, citations, body, date, shown = (
            row
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
    """The first row of `sql`, cancelled by PostgreSQL after `seconds` (SearchTimeout)."""
    with limited(conn, seconds) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
