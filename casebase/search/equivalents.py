"""Words a lawyer uses interchangeably: a query word also finds its equivalents.

Applied to the words of a query, never to the index, so changing these lists needs no
rebuild, and both backends see the same tree. A word typed in a quoted phrase is not
expanded: a phrase is exact. A form of several words is searched as a phrase; typed
unquoted, it still finds records holding its words anywhere, as before, and also its
equivalents.

A form whose stem is broader than the word is only ever expanded *from*: `limited` is
stemmed to `limit`, so if `ltd` also searched for `limited` it would find every
"limitation"; `authorization` is stemmed to `author`. `organisation` is left out: it is
the label of every organisation party.
"""

from __future__ import annotations

from casebase.search.tree import And, Node, Or, Phrase, Term

# Each form of a group finds the others.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("incorporated", "inc"),
    ("corporation", "corp"),
    ("company", "co"),
    ("section", "s", "ss"),
    ("licence", "license"),
    ("defence", "defense"),
    ("judgment", "judgement"),
    ("offence", "offense"),
    ("favour", "favor"),
    ("colour", "color"),
    ("programme", "program"),
    ("trademark", "trade mark"),
    ("tdm", "text and data mining"),
    ("llm", "large language model"),
)
# Typed, the first also finds the others, but not the other way round.
ONE_WAY: tuple[tuple[str, ...], ...] = (
    ("limited", "ltd"),
    ("authorization", "authorisation"),
    # `sec` typed alone is as likely the SEC as a section.
    ("section", "sec"),
    ("s", "sec"),
    ("ss", "sec"),
    # "AI" is in most records: `artificial intelligence` must not find them all.
    ("ai", "artificial intelligence"),
)
# Typed for `section`, never a word of its own in the index.
SECTION_SIGNS = ("§", "§§")


def _table() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    pairs = [(a, b) for group in GROUPS for a in group for b in group if a != b]
    pairs += [(group[0], other) for group in ONE_WAY for other in group[1:]]
    for typed, other in pairs:
        found = table.setdefault(tuple(typed.split()), [])
        if tuple(other.split()) not in found:
            found.append(tuple(other.split()))
    return {typed: tuple(others) for typed, others in table.items()}


EQUIVALENTS = _table()
LONGEST = max(len(typed) for typed in EQUIVALENTS)


def _form(typed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The form in the table that `typed` (lower-case words) is, a plural last word
    (`trade marks`) included."""
    if typed in EQUIVALENTS:
        return typed
    if len(typed) > 1 and typed[-1].endswith("s"):
        singular = (*typed[:-1], typed[-1][:-1])
        if singular in EQUIVALENTS:
            return singular
    return None


def expand(typed: tuple[str, ...], field: str = "", *, joined: bool = False) -> Node:
    """What `typed` (lower-case words) searches for: the words as typed (a phrase when
    `joined`, as in `trade-mark`, else all of them), OR each equivalent form."""
    if len(typed) == 1:
        original: Node = Term(typed[0], field)
    elif joined:
        original = Phrase(typed, field)
    else:
        original = And(tuple(Term(word, field) for word in typed))
    form = _form(typed)
    if form is None:
        return original
    others = [
        Term(words[0], field) if len(words) == 1 else Phrase(words, field)
        for words in EQUIVALENTS[form]
    ]
    return Or((original, *others))


def typed_form(node: Node) -> tuple[tuple[str, ...], str, str] | None:
    """The words typed that `node` is the expansion of, their field and the separator
    to write them back with (" ", or "-" for a joined form); None when `node` is not
    an expansion."""
    if not isinstance(node, Or) or not node.children:
        return None
    first = node.children[0]
    if isinstance(first, Term):
        typed, field, joined = (first.word,), first.field, False
    elif isinstance(first, Phrase):
        typed, field, joined = first.words, first.field, True
    elif isinstance(first, And) and all(isinstance(c, Term) for c in first.children):
        typed = tuple(c.word for c in first.children)
        field, joined = first.children[0].field, False
    else:
        return None
    if expand(typed, field, joined=joined) != node:
        return None
    return typed, field, "-" if joined else " "
