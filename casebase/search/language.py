"""The query language: text typed into the search box becomes a small syntax tree.

Both backends compile the same tree, so they agree on what a query means, and no raw
user text ever reaches Whoosh's or PostgreSQL's own query parsers. The parser never
fails: whatever it cannot use it drops, and says so in `Parsed.notices`.

    words            stemmed, all must match        copyright training
    "a phrase"       exact words in order           "text and data mining"
    OR, AND, NOT, -  boolean operators              getty OR stability -patent
    ( )              grouping                       (copyright OR "database right") uk
    field:value      one field                      party:openai  court:"supreme court"
    year:a..b        a year or a range              year:2023  year:2020..2024  year:..2019
    prefix*          words starting with            infring*

A word also finds its equivalents (`ltd` and `limited`, `s` and `section`, `licence`
and `license`, `trademark` and "trade mark", `US` and "United States":
equivalents.py), except in a quoted phrase.
`&` between words means AND, the default. The value of a keyword field (type:, stage:,
outcome:) must be one of its values or their labels; any other is dropped with a
notice naming the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casebase.search import equivalents, keyword_values
from casebase.search.lexer import clean_text, lex
from casebase.search.tokens import WORD, words

# The tree lives in tree.py; its names are re-exported here for the backends.
from casebase.search.tree import (  # noqa: F401 (re-exported for the backends)
    And,
    CitationKey,
    Keyword,
    Leaf,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    YearRange,
    has_positive,
    leaves,
)

MAX_LEAVES = 24
MIN_PREFIX = 3

# field name typed -> canonical field
FIELD_ALIASES = {
    "title": "title",
    "party": "party",
    "parties": "party",
    "court": "court",
    "theory": "theory",
    "citation": "citation",
    "cite": "citation",
    "system": "system",
    "model": "system",
    "year": "year",
    "type": "type",
    "jurisdiction": "jurisdiction",
    "stage": "stage",
    "outcome": "outcome",
}
TEXT_FIELDS = ("title", "party", "court", "theory", "system", "jurisdiction")
KEYWORD_FIELDS = ("type", "stage", "outcome")
YEAR_MIN, YEAR_MAX = 1000, 2999
# Typed between two parties' names, any of these finds the others.
VERSUS = ("v", "vs", "versus")
# Typed between words, these mean AND (the default) and are dropped without a notice.
AMPERSANDS = ("&", "&&")


@dataclass
class Parsed:
    tree: Node | None
    notices: list[str] = field(default_factory=list)
    error: str = ""


# -- parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], notices: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notices = notices
        self.depth = 0
        self.count = 0
        self.negated = False  # parsing what NOT or - applies to

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def note(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def parse(self) -> Node | None:
        node = self.or_expr()
        while self.peek() is not None:  # a stray ")" ends or_expr early
            self.take()
            self.note("An unmatched closing bracket was ignored.")
            more = self.or_expr()
            node = _combine(And, [node, more])
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.take()
            parts.append(self.and_expr())
        if len(parts) > 1 and any(p is None for p in parts):
            self.note("OR needs something on each side; the empty side was ignored.")
        return _combine(Or, parts)

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        while True:
            token = self.peek()
            if token is None or token == ("op", "OR") or token[0] == "rparen":
                break
            if token == ("op", "AND"):
                self.take()
                if not parts or self.peek() in (None, ("op", "OR")):
                    self.note("AND needs something on each side; it was ignored.")
                continue
            parts.append(self.unary())
        return _combine(And, parts)

    def unary(self) -> Node | None:
        token = self.peek()
        if token and (token == ("op", "NOT") or token[0] == "neg"):
            self.take()
            if self.peek() is None or self.peek() in (("op", "OR"), ("op", "AND")):
                self.note("NOT needs a word after it; it was ignored.")
                return None
            negated, self.negated = self.negated, True
            child = self.unary()
            self.negated = negated
            return Not(child) if child is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        kind, value = self.take()
        if kind == "lparen":
            if self.depth >= 8:
                self.note("Brackets nested too deeply were flattened.")
                return None
            self.depth += 1
            node = self.or_expr()
            self.depth -= 1
            if self.peek() and self.peek()[0] == "rparen":
                self.take()
            else:
                self.note("A closing bracket was missing; one was added.")
            return node
        if kind == "rparen":
            self.note("An unmatched closing bracket was ignored.")
            return None
        if kind == "field":
            return self.fielded(value)
        if kind == "phrase":
            return self.leaf(_phrase(value, ""))
        if value.lower().rstrip(".") in VERSUS:
            # `Thaler vs Comptroller`: case names are written with `v`.
            return self.leaf(Or(tuple(Term(word, "") for word in VERSUS)))
        if value in AMPERSANDS:
            return None  # `Dow Jones & Company`: AND is the default
        section = self.section(value)
        if section is not None:
            return self.leaf(section)
        # A company form after another word, as in a name (equivalents.py).
        after_word = self.pos >= 2 and self.tokens[self.pos - 2][0] == "word"
        return self.leaf(
            self.several_words(after_word)
            or self.word(value, "", after_word=after_word)
        )

    def section(self, value: str) -> Node | None:
        """A section before its number (`section 50A`, `s 16`, `s.16`, `§ 16`,
        `§16`, `s16`), in every way it is written (equivalents.section); None for
        anything else, `s` or `section` without a number after it included."""
        found = tuple(words(value))
        if value.startswith(equivalents.SECTION_SIGNS):
            found = (equivalents.SECTIONS[0], *found)
        elif len(found) == 1 and equivalents.section_number(found[0]):
            found = (equivalents.SECTIONS[0], *equivalents.section_number(found[0]))
        if not found or found[0] not in equivalents.SECTION_WORDS:
            return None
        number = found[1:]
        token = self.peek()
        if not number and token is not None and token[0] == "word":
            number = tuple(words(token[1]))
            if number and number[0][0].isdigit():
                self.take()
        if not number or not number[0][0].isdigit():
            return None
        return equivalents.section(number)

    def several_words(self, after_word: bool = False) -> Node | None:
        """A form of several words with equivalents (`trade mark`, `text and data
        mining`), typed unquoted from the token just taken: its expansion, the tokens
        consumed; None when the words there are not such a form, or follow NOT
        (`-trade mark` leaves out `trade` only)."""
        if self.negated:
            return None
        start = self.pos - 1
        for n in range(equivalents.LONGEST, 1, -1):
            tokens = self.tokens[start : start + n]
            if len(tokens) < n or any(kind != "word" for kind, _ in tokens):
                continue
            typed = tuple(words(value) for _, value in tokens)
            if any(len(found) != 1 for found in typed):
                continue
            node = equivalents.expand(
                tuple(found[0] for found in typed), after_word=after_word
            )
            if isinstance(node, Or):
                self.pos = start + n
                return node
        return None

    def fielded(self, name: str) -> Node | None:
        canonical = FIELD_ALIASES.get(name.lower())
        token = self.peek()
        if token is None or token[0] not in ("word", "phrase"):
            self.note(f"“{name}:” needs a value after it; it was ignored.")
            return None
        kind, value = self.take()
        if canonical is None:
            self.note(
                f"There is no field “{name}”; its value was searched everywhere. "
                "See the search help for the fields."
            )
            return self.leaf(
                _phrase(value, "") if kind == "phrase" else self.word(value, "")
            )
        if canonical == "year":
            return self.leaf(self.year(value))
        if canonical == "citation":
            from casebase.search.citations import citation_key

            key = citation_key(value) if WORD.search(value) else ""
            if not key:
                self.note(
                    f"“citation:{value}” is not a citation (try "
                    'citation:"[2023] UKSC 49"); it was ignored.'
                )
                return None
            return self.leaf(CitationKey(key, value, tuple(words(value))))
        if canonical in KEYWORD_FIELDS:
            slug = re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")
            return self.leaf(self.keyword(canonical, value, slug) if slug else None)
        if kind == "phrase":
            return self.leaf(_phrase(value, canonical))
        # A field's value names something: `party:limited` also finds Ltd.
        return self.leaf(self.word(value, canonical, after_word=True))

    def keyword(self, name: str, value: str, slug: str) -> Keyword | None:
        found, notice = keyword_values.resolve(name, value, slug)
        if notice:
            self.note(notice)
        return Keyword(name, found) if found else None

    def year(self, value: str) -> YearRange | None:
        match = re.fullmatch(r"(\d{4})?(?:(\.\.|-)(\d{4})?)?", value)
        if not match or not (match.group(1) or match.group(3)):
            self.note(
                f"“year:{value}” is not a year or a range such as year:2020..2024; "
                "it was ignored."
            )
            return None
        low = int(match.group(1)) if match.group(1) else None
        high = int(match.group(3)) if match.group(3) else None
        if not match.group(2):
            high = low
        if low and high and low > high:
            low, high = high, low
        return YearRange(low, high)

    def word(
        self, value: str, field_name: str, *, after_word: bool = False
    ) -> Leaf | None:
        if value.endswith("*"):
            stem = "".join(words(value[:-1]))
            if len(stem) < MIN_PREFIX:
                self.note(
                    f"“{value}” is too short for a prefix search "
                    f"(at least {MIN_PREFIX} letters before *); it was searched as a word."
                )
                return _phrase(stem, field_name) if stem else None
            return Prefix(stem, field_name)
        if not words(value):
            self.note("Characters that are not letters or digits were ignored.")
            return None
        found = tuple(words(value))
        if len(found) > MAX_LEAVES:
            return _phrase(value, field_name)
        return equivalents.expand(
            found,
            field_name,
            joined=True,
            after_word=after_word,
            capitals=value.isupper(),
        )

    def leaf(self, node: Leaf | None) -> Leaf | None:
        if node is None:
            return None
        self.count += 1
        if self.count > MAX_LEAVES:
            self.note(f"Only the first {MAX_LEAVES} search terms were used.")
            return None
        return node


def _phrase(text: str, field_name: str) -> Term | Phrase | None:
    """Split on anything that is not a letter or digit: one word is a Term, several
    (`state-of-the-art`, a quoted phrase) are a Phrase."""
    found = tuple(words(text))
    if not found:
        return None
    if len(found) == 1:
        return Term(found[0], field_name)
    return Phrase(found[:MAX_LEAVES], field_name)


def _combine(kind: type[And] | type[Or], parts: list[Node | None]) -> Node | None:
    kept: list[Node] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, kind):
            kept.extend(part.children)
        else:
            kept.append(part)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(tuple(kept))


def parse(text: str) -> Parsed:
    """Parse `text` into a tree; never raises."""
    cleaned, notices = clean_text(text)
    if not cleaned:
        return Parsed(
            None, notices, "Type a word, a phrase or a citation to search for."
        )
    if cleaned.count('"') % 2:
        # A lone quotation mark: search the words rather than a phrase to the end.
        at = cleaned.rfind('"')
        cleaned = cleaned[:at] + " " + cleaned[at + 1 :]
        notices.append("An unmatched quotation mark was ignored.")
    parser = _Parser(lex(cleaned, notices), notices)
    tree = parser.parse()
    if tree is None:
        return Parsed(None, notices, "Nothing in that query could be searched for.")
    if not has_positive(tree):
        return Parsed(
            None,
            notices,
            "Say what to look for as well as what to leave out "
            "(for example: copyright -patent).",
        )
    return Parsed(tree, notices)
