"""PostgreSQL full-text search, for deployments where several app servers share one
database: the `search_entry` table (search/models.py), a stored weighted tsvector with
a GIN index, maintained by the same indexing code as the Whoosh index.

Text is tokenised in Python exactly as Whoosh tokenises it and stemmed by the
`casebase_english` configuration (Snowball English, no stop words), so both backends
match the same records. Every user value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection, transaction

from casebase.search import language as ql
from casebase.search import tokens, vocabulary, written
from casebase.search.backends.base import BackendResults, SearchBackend
from casebase.search.backends.postgres_rank import (
    date_page,
    limited,
    search_page,
)
from casebase.search.documents import SearchDocument
from casebase.search.highlight import highlight_terms, mark, snippet
from casebase.search.query import Hit, SearchQuery, SortOrder

CONFIG = "casebase_english"
LOCK_TIMEOUT_MS = 5000
FIELD_VECTORS = {
    "title": "title_vector",
    "party": "party_vector",
    "system": "system_vector",
    "court": "court_vector",
    "theory": "theory_vector",
    "jurisdiction": "jurisdiction_vector",
}


def words(text: str) -> str:
    """The words of casebase.search.tokens, as the Whoosh index holds them, for
    to_tsvector to stem: PostgreSQL never parses the raw text."""
    return " ".join(tokens.words(text))


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
# search_vector: weight A for the citation keys, the title and the citations' words,
# as written (so that a prefix reaches them: `uks*`) and stemmed (a word that only a
# citation holds: `cited`, as Whoosh has them in its content); B the parties and
# systems; C the court, theories and jurisdictions; D the text.
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
    array_to_tsvector(%s::text[]) || to_tsvector('simple', %s),
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


def _textual(node: ql.Node) -> bool:
    """Whether `node` is made only of unfielded words, phrases and prefixes: then it
    is one tsquery, answered by one scan of the GIN index."""
    if isinstance(node, ql.And | ql.Or):
        return all(_textual(c) for c in node.children)
    if isinstance(node, ql.Not):
        return _textual(node.child)
    if isinstance(node, ql.Keyword | ql.YearRange | ql.CitationKey):
        return False
    return not getattr(node, "field", "")


# A lexeme no entry carries (indexed text never holds control characters): a leaf
# whose tsquery is empty ("_") matches nothing, as `vector @@ ''` does, instead of
# being dropped from the tsquery around it.
_NEVER = "'\x01'::tsquery"


class _Compiler:
    """A query tree as a SQL condition, plus the tsquery that ranks the matches.

    Boolean combinations of unfielded leaves become one tsquery (`a | (b & !c)`), so
    PostgreSQL answers them with one GIN index scan and no recheck, instead of one
    `@@` per leaf, of which NOT can only be a filter reading every candidate's vector.
    Fielded leaves, citations, keywords and years stay SQL conditions around it."""

    def __init__(self) -> None:
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
        """A citation's key, or (`citation:` searches) its words as a phrase, in the
        citations alone (citation_vector, migration 0005)."""
        sql, params = self.tsquery(leaf)
        if leaf.words:
            sql = f"({sql} || phraseto_tsquery('simple', %s))"
            params = [*params, " ".join(leaf.words)]
        return sql, params

    def text(self, node: ql.Node, positive: bool, params: list) -> str:
        """A textual node (see _textual) as one tsquery expression."""
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
        if _textual(node):
            params: list = []
            sql = self.text(node, positive, params)
            self.params.extend(params)
            return f"(e.search_vector @@ {sql})"
        if isinstance(node, ql.And | ql.Or):
            joiner = " AND " if isinstance(node, ql.And) else " OR "
            textual = [c for c in node.children if _textual(c)]
            others = [c for c in node.children if not _textual(c)]
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


def _filters(query: SearchQuery) -> tuple[str, list]:
    tokens = [f"{name}={value}" for name, value in query.filters.items()]
    if not tokens:
        return "TRUE", []
    return "string_to_array(e.facet_tokens, ' ') @> %s::text[]", [tokens]


# Date orders; relevance with nothing to rank by is newest first.
_ORDER = {
    SortOrder.RELEVANCE: "date DESC NULLS LAST, rank DESC, id",
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
        if not connection.in_atomic_block:
            self._settle()
        return count

    def _settle(self) -> None:
        """After a rebuild (committed): merge the GIN indexes' pending lists, which
        every search would otherwise read whole, and refresh the planner's
        statistics, so that the first searches are planned on the new entries."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'search_entry'::regclass AND a.amname = 'gin'"
            )
            cursor.execute("ANALYZE search_entry")

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
        compiler = _Compiler()
        where = compiler.condition(tree)
        if query.sort != SortOrder.RELEVANCE or not compiler.rank_parts:
            # Nothing to rank by (`year:2023`, a filter alone): newest first.
            return self._search_by_date(query, tree)
        filter_sql, filter_params = _filters(query)
        match, params = f"{where} AND {filter_sql}", [*compiler.params, *filter_params]
        with limited(connection, query.time_limit) as cursor:
            total, facet_counts, rows = search_page(
                cursor,
                match,
                params,
                compiler.words(),
                compiler.words(compiler.title_parts),
                " ".join(written.name_words(tree)),
                query.offset,
                query.per_page,
                query.with_facets,
            )
        return BackendResults(_hits(rows, tree), total, facet_counts)

    def _search_by_date(self, query: SearchQuery, tree: ql.Node) -> BackendResults:
        """Newest or oldest first (newest when ranked by relevance with nothing to
        rank by): every match in date order."""
        compiler = _Compiler()
        where = compiler.condition(tree)
        rank = compiler.rank()
        filter_sql, filter_params = _filters(query)
        match, params = f"{where} AND {filter_sql}", [*compiler.params, *filter_params]
        with limited(connection, query.time_limit) as cursor:
            total, facet_counts, rows = date_page(
                cursor,
                match,
                params,
                rank,
                _ORDER[query.sort],
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
