"""The Whoosh index layout and the compilation of query trees into Whoosh queries.

Stemming is Snowball English (Porter2) with no stop words, the same as the PostgreSQL
backend's `casebase_english` configuration, so both backends agree on what a word is.
The layout is lean on purpose (every posting costs indexing time in pure Python):
`content` holds the text once, the fielded searches have their own short fields, and
facets are single-token ID/KEYWORD fields counted with bitmaps (whoosh_facets.py).
"""

from __future__ import annotations

import datetime as dt

from whoosh import columns
from whoosh import query as wq
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from casebase.search import language as ql
from casebase.search.backends.whoosh_analysis import StemmedText, WordPairsField
from casebase.search.documents import SearchDocument
from casebase.search.highlight import stem

# Relevance: a citation or title match outranks a match in the text.
BOOST_CITATION = 4.0
BOOST_TITLE = 3.0
# Where the two-word phrases of `content` are looked up (whoosh_sets.py).
PAIRS_FIELD = "pairs"


def _filter_text() -> TEXT:
    # Positions are kept so that `court:"supreme court"` is an exact phrase; the
    # fields are short, so they cost little indexing time.
    return StemmedText(scorable=False)


SCHEMA = Schema(
    key=ID(unique=True, stored=True),
    object_id=STORED,
    url=STORED,
    digest=STORED,
    citations_display=STORED,
    body_text=STORED,
    date=STORED,
    date_display=STORED,
    title=StemmedText(stored=True, field_boost=BOOST_TITLE),
    # Stemmed like every other word search (`citation:patent` finds "Patents"), with
    # positions, so that part of a citation is matched as a phrase.
    citation=StemmedText(field_boost=BOOST_CITATION),
    citation_key=KEYWORD(commas=True, lowercase=False),
    content=StemmedText(),
    # Each two consecutive words of `content` as one term; whether a document has
    # it is all that is kept (no frequency, no positions, no length).
    pairs=WordPairsField(),
    # Fielded searches only filter (no lengths); a quoted value in them is an exact
    # phrase within that field.
    party=_filter_text(),
    system=_filter_text(),
    court=_filter_text(),
    jurisdiction=_filter_text(),
    theory=_filter_text(),
    f_type=ID(stored=True),
    f_court=ID(),
    f_jurisdiction=KEYWORD(),
    f_theory=KEYWORD(),
    f_stage=ID(),
    f_outcome=ID(),
    f_year=ID(),
    date_desc=COLUMN(columns.NumericColumn("i")),
    date_asc=COLUMN(columns.NumericColumn("i")),
    # The order of records of the same date (or none), as PostgreSQL sorts them.
    same_date_order=COLUMN(columns.VarBytesColumn()),
)

FACET_FIELDS = {
    "type": "f_type",
    "jurisdiction": "f_jurisdiction",
    "court": "f_court",
    "theory": "f_theory",
    "stage": "f_stage",
    "outcome": "f_outcome",
    "year": "f_year",
}
NO_DATE_ASC = 99991231


def phrase_fields(schema) -> frozenset[str]:
    """The fields of an opened index whose postings keep word positions."""
    return frozenset(
        name
        for name in TEXT_FIELD.values()
        if name in schema and schema[name].format.supports("positions")
    )


def date_number(value: dt.date | None, missing: int = 0) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else missing


def number_date(value: int | None) -> dt.date | None:
    if not value or value >= NO_DATE_ASC:
        return None
    return dt.date(value // 10000, value // 100 % 100, value % 100)


def same_date_order(doc: SearchDocument) -> bytes:
    """The title, then the key, as UTF-8 bytes: byte order is code point order, the
    order of PostgreSQL's `title COLLATE "C", key COLLATE "C"` (a title holds no NUL,
    so a title that begins another sorts first, as there)."""
    return f"{doc.title}\x00{doc.key}".encode()


def to_fields(doc: SearchDocument) -> dict:
    """One document as Whoosh fields (empty fields are left out). `content` holds the
    citations' words too, stemmed like the rest (PostgreSQL's search_vector does)."""
    content = " ".join(
        filter(
            None,
            [
                " ".join(doc.citations),
                doc.body,
                doc.parties,
                doc.systems,
                doc.court,
                doc.jurisdiction,
                doc.theory,
            ],
        )
    )
    fields = {
        "key": doc.key,
        "object_id": doc.object_id,
        "url": doc.url,
        "digest": doc.digest,
        "citations_display": list(doc.citations),
        "body_text": doc.body,
        "date": date_number(doc.date),
        "date_display": doc.date_display,
        "title": doc.title,
        "citation": " ".join(doc.citations),
        "citation_key": ",".join(doc.citation_keys),
        "content": content,
        "pairs": content,
        "party": doc.parties,
        "system": doc.systems,
        "court": doc.court,
        "jurisdiction": doc.jurisdiction,
        "theory": doc.theory,
        "f_type": doc.doc_type,
        "f_court": doc.f_court,
        "f_jurisdiction": " ".join(doc.f_jurisdiction),
        "f_theory": " ".join(doc.f_theory),
        "f_stage": doc.stage,
        "f_outcome": doc.outcome,
        "f_year": str(doc.year) if doc.year is not None else "",
        "date_desc": date_number(doc.date),
        "date_asc": date_number(doc.date, NO_DATE_ASC),
        "same_date_order": same_date_order(doc),
    }
    return {name: value for name, value in fields.items() if value not in ("", None)}


# -- compiling a query tree -------------------------------------------------------------------

# Whoosh picks a "preloaded" OR for segments under 5,000 documents, which reads every
# posting up front and is many times slower here; the union-tree OR is always used.
_Or = wq.compound.DefaultOr

TEXT_FIELD = {
    "title": "title",
    "party": "party",
    "system": "system",
    "court": "court",
    "theory": "theory",
    "jurisdiction": "jurisdiction",
}


def compile_tree(
    node: ql.Node, years: list[int], positions: frozenset[str] | None = None
) -> wq.Query:
    """`years` are the years present in the index, so a range becomes a short OR.
    `positions` names the fields whose postings keep positions (all of them unless
    told; an index built before fielded phrases existed lacks some), and a fielded
    phrase in any other field falls back to all of its words."""
    if isinstance(node, ql.Term):
        s = stem(node.word)
        if node.field:
            return wq.Term(TEXT_FIELD[node.field], s)
        return _Or(
            [
                wq.Term("citation", s),
                wq.Term("title", s),
                wq.Term("content", s),
            ]
        )
    if isinstance(node, ql.Phrase):
        stems = [stem(w) for w in node.words]
        name = TEXT_FIELD.get(node.field, "")
        if name and (positions is None or name in positions):
            return wq.Phrase(name, stems)
        if name:
            return wq.And([wq.Term(name, t) for t in stems])
        return _Or(
            [
                wq.Phrase("citation", stems),
                wq.Phrase("title", stems),
                wq.Phrase("content", stems),
            ]
        )
    if isinstance(node, ql.Prefix):
        if node.field:
            return wq.Prefix(TEXT_FIELD[node.field], node.stem)
        return _Or(
            [
                wq.Prefix("citation", node.stem),
                wq.Prefix("title", node.stem),
                wq.Prefix("content", node.stem),
            ]
        )
    if isinstance(node, ql.Keyword):
        return wq.Term(FACET_FIELDS[node.field], node.value)
    if isinstance(node, ql.YearRange):
        low = node.low if node.low is not None else -1
        high = node.high if node.high is not None else 10**6
        wanted = [wq.Term("f_year", str(y)) for y in years if low <= y <= high]
        return _Or(wanted) if wanted else wq.NullQuery
    if isinstance(node, ql.CitationKey):
        key = wq.Term("citation_key", node.key)
        if not node.words:
            return key
        stems = [stem(w) for w in node.words]
        within = (
            wq.Phrase("citation", stems)
            if len(stems) > 1
            else wq.Term("citation", stems[0])
        )
        return _Or([key, within])
    if isinstance(node, ql.Not):
        return wq.Not(compile_tree(node.child, years, positions))
    if isinstance(node, ql.And):
        return wq.And([compile_tree(c, years, positions) for c in node.children])
    return _Or([compile_tree(c, years, positions) for c in node.children])
