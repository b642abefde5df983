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

Two kinds depend on where the word stands. A company form (`limited`, `inc`) finds
the others only after another word, as in a name (`Faccenda Chicken Limited`): typed
alone or first, `limited` and `incorporated` are ordinary words, and expanded they
brought in every company. A section (`section`, `s`, `ss`, `sec`, `§`) finds the
others only before a number, and then as a phrase with it (`section 50A` finds
`s. 50A`): `s` alone is the possessive of every name ("owner's").

Places are written in full or abbreviated (`United States`, `USA`, `U.S.`; `United
Kingdom`, `UK`, `U.K.`; `European Union`, `EU`), each form finding the others. `US`
also finds them, but only typed in capitals, and is never searched for: the index
holds words lower-cased, where `us` is the pronoun of "let us" and "to us".
"""

from __future__ import annotations

import re

from casebase.search.tree import And, Node, Or, Phrase, Term

# Each form of a group finds the others.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("incorporated", "inc"),
    ("corporation", "corp"),
    ("company", "co"),
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
    ("united states", "usa", "u s"),
    ("united kingdom", "uk", "u k"),
    ("european union", "eu"),
)
# Typed, the first also finds the others, but not the other way round.
ONE_WAY: tuple[tuple[str, ...], ...] = (
    ("limited", "ltd"),
    ("authorization", "authorisation"),
    # "AI" is in most records: `artificial intelligence` must not find them all.
    ("ai", "artificial intelligence"),
    # The pronoun `us` otherwise: see CAPITALISED.
    ("us", "united states", "usa", "u s"),
)
# Expanded only when typed in capitals (`US`, not `us`), never searched for.
CAPITALISED = frozenset({("us",)})
# Expanded only after another word (see the module docstring).
COMPANY_FORMS = frozenset(
    {"incorporated", "inc", "corporation", "corp", "company", "co", "limited"}
)
# Typed for `section`, never a word of its own in the index.
SECTION_SIGNS = ("§", "§§")
# A section before a number: the words that write it, and the forms searched for, as
# a phrase with the number (plurals are the same stems).
SECTION_WORDS = frozenset({"section", "sections", "s", "ss", "sec", "secs"})
SECTIONS = ("section", "s", "ss", "sec")
_JOINED_SECTION = re.compile(r"(?:sections?|ss?|secs?|§§?)(\d[0-9a-z]*)")


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
# Words of the law that "did you mean" never changes, though a record may not hold
# them (`section` is not `selection`, `corp` not `copy`). The spellings of GROUPS
# are corrected as usual (`judgement` to the `judgment` the records hold).
KNOWN = SECTION_WORDS | COMPANY_FORMS


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


def expand(
    typed: tuple[str, ...],
    field: str = "",
    *,
    joined: bool = False,
    after_word: bool = False,
    capitals: bool = False,
) -> Node:
    """What `typed` (lower-case words) searches for: the words as typed (a phrase when
    `joined`, as in `trade-mark`, else all of them), OR each equivalent form. A
    company form is expanded only `after_word` (another word before it), a
    CAPITALISED form only when it was typed in `capitals`."""
    if len(typed) == 1:
        original: Node = Term(typed[0], field)
    elif joined:
        original = Phrase(typed, field)
    else:
        original = And(tuple(Term(word, field) for word in typed))
    form = _form(typed)
    if (
        form is None
        or (form[0] in COMPANY_FORMS and not after_word)
        or (form in CAPITALISED and not capitals)
    ):
        return original
    others = [
        Term(words[0], field) if len(words) == 1 else Phrase(words, field)
        for words in EQUIVALENTS[form]
    ]
    return Or((original, *others))


def typed_form(node: Node) -> tuple[tuple[str, ...], str, str] | None:
    """The words typed that `node` is the expansion of, their field and the separator
    to write them back with (" ", or "-" for a joined form); None when `node` is not
    an expansion. A CAPITALISED form comes back in capitals, as it must be typed."""
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
    if joined and typed[0] == SECTIONS[0] and node == section(typed[1:], field):
        return typed, field, " "
    if node != expand(typed, field, joined=joined, after_word=True, capitals=True):
        return None
    if typed in CAPITALISED:
        typed = tuple(word.upper() for word in typed)
    return typed, field, "-" if joined else " "


def section(number: tuple[str, ...], field: str = "") -> Node:
    """A section before `number` (its words: `16`, or `16 1` for `16(1)`), in each of
    the ways it is written, as a phrase with the number."""
    return Or(tuple(Phrase((form, *number), field) for form in SECTIONS))


def section_number(typed: str) -> tuple[str, ...] | None:
    """The number words of `s16`, `§16`, `section16`, or None."""
    match = _JOINED_SECTION.fullmatch(typed.lower())
    return (match[1],) if match else None
