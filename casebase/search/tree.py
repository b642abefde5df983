"""The query tree both backends compile (see language.py for the syntax)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    word: str
    field: str = ""


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str = ""


@dataclass(frozen=True)
class Prefix:
    stem: str
    field: str = ""


@dataclass(frozen=True)
class Keyword:
    """An exact value of a keyword field (type, stage, outcome)."""

    field: str
    value: str


@dataclass(frozen=True)
class YearRange:
    low: int | None
    high: int | None


@dataclass(frozen=True)
class CitationKey:
    """A citation, as its normalised key (see casebase.search.citations). `words`,
    set for a `citation:` search, are also matched as a phrase within the records'
    citations, so that part of a citation finds every citation holding it
    (`citation:UKSC`, `citation:"[2023] UKSC"`); a citation typed alone leaves them
    empty and matches its key only."""

    key: str
    text: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Term | Phrase | Prefix | Keyword | YearRange | CitationKey | And | Or | Not
Leaf = Term | Phrase | Prefix | Keyword | YearRange | CitationKey


def leaves(node: Node | None, *, positive: bool = True) -> list[tuple[Leaf, bool]]:
    """Every leaf with whether it counts for (True) or against (False) a match."""
    if node is None:
        return []
    if isinstance(node, And | Or):
        return [pair for c in node.children for pair in leaves(c, positive=positive)]
    if isinstance(node, Not):
        return leaves(node.child, positive=not positive)
    return [(node, positive)]


def has_positive(node: Node | None) -> bool:
    return any(positive for _, positive in leaves(node))
