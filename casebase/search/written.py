"""A query tree read back as the words typed: the text of a "did you mean" query,
and the words of a query made of words alone, whose exact title ranks first.
Equivalents (equivalents.py) and `vs` come back as the word typed."""

from __future__ import annotations

from casebase.search import equivalents
from casebase.search.language import VERSUS
from casebase.search.tree import (
    And,
    CitationKey,
    Keyword,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    YearRange,
)


def name_words(tree: Node | None) -> tuple[str, ...]:
    """The words of a query made of words alone (a name or a title: `DABUS`, `Getty
    Images v Stability AI`), as typed (equivalents and `vs` set aside); () for any
    other query. A record whose title holds these words and no others is an exact
    match, ranked first."""
    found: list[str] = []
    for node in tree.children if isinstance(tree, And) else (tree,):
        if isinstance(node, Term) and node.field in ("", "title"):
            found.append(node.word)
        elif isinstance(node, Phrase) and node.field in ("", "title"):
            found.extend(node.words)
        elif isinstance(node, Or) and node.children == tuple(
            Term(word, "") for word in VERSUS
        ):
            found.append(VERSUS[0])
        elif isinstance(node, Or) and (typed := equivalents.typed_form(node)):
            if typed[1] not in ("", "title"):
                return ()
            found.extend(typed[0])
        else:
            return ()
    return tuple(found)


def corrected_text(tree: Node, corrections: dict[str, str]) -> str:
    """The query written back out with words replaced, for "did you mean"."""

    def write(node: Node) -> str:
        if isinstance(node, Term):
            word = corrections.get(node.word, node.word)
            return f"{node.field}:{word}" if node.field else word
        if isinstance(node, Phrase):
            inner = " ".join(corrections.get(w, w) for w in node.words)
            return f'{node.field}:"{inner}"' if node.field else f'"{inner}"'
        if isinstance(node, Prefix):
            return f"{node.field + ':' if node.field else ''}{node.stem}*"
        if isinstance(node, Keyword):
            return f"{node.field}:{node.value}"
        if isinstance(node, YearRange):
            if node.low == node.high:
                return f"year:{node.low}"
            return f"year:{node.low or ''}..{node.high or ''}"
        if isinstance(node, CitationKey):
            return f'citation:"{node.text}"'
        if isinstance(node, Not):
            return f"-{write(node.child)}"
        if isinstance(node, Or):
            if node.children == tuple(Term(word, "") for word in VERSUS):
                return "v"
            typed = equivalents.typed_form(node)
            if typed is not None:
                found, field_name, separator = typed
                text = separator.join(corrections.get(w, w) for w in found)
                return f"{field_name}:{text}" if field_name else text
            return "(" + " OR ".join(write(c) for c in node.children) + ")"
        return " ".join(write(c) for c in node.children)

    text = write(tree)
    bracketed = isinstance(tree, Or) and text.startswith("(") and text.endswith(")")
    return text[1:-1] if bracketed else text
