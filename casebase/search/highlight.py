"""Snippets with the matched words marked, the same for every backend.

Marks are MARK_START/MARK_END control characters, turned into <mark> only after the
text has been escaped (query.marked_to_html), so indexed text can never inject HTML.
Words are casebase.search.tokens' and stems Porter2's, as in both indexes, so a word
is marked exactly when it would match. A phrase's words are marked only where the
whole phrase stands, in order: never one of its words (`of`, `and`) on its own.
"""

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.lang.porter2 import stem as porter2_stem

from casebase.search import language as ql
from casebase.search.query import MARK_END, MARK_START
from casebase.search.tokens import WORD, words

SNIPPET_CHARS = 240
LEAD_CHARS = 70

# A provision's legislation.gov.uk path (`ukpga/1988/48`), which ends its indexed
# text (documents.provision_from_parts) so that it can be searched: never shown.
_LEGISLATION_PATH = re.compile(
    r"(?:ukpga|uksi|ukla|ukdsi|asp|ssi|wsi|nisi|nisr|nia|anaw|asc|mwa|apni|aep"
    r"|eur|eudr|eudn)/\d{4}/\d+"
)

Span = tuple[int, int]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem both indexes hold for one word as written (Snowball English, no
    stop words): lower-cased, accents folded, Porter2."""
    found = words(word)
    return porter2_stem(found[0]) if found else word


class Terms(frozenset):
    """What to mark: every stem the query looks for (a frozenset, as callers have
    always used it), with the phrases kept apart so that a phrase's words are marked
    only where the whole phrase stands."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    def __new__(
        cls, single: Iterable[str] = (), phrases: Iterable[tuple[str, ...]] = ()
    ):
        single, phrases = frozenset(single), tuple(dict.fromkeys(phrases))
        self = super().__new__(cls, single.union(*phrases))
        self.words, self.phrases = single, phrases
        return self


def highlight_terms(node: ql.Node) -> Terms:
    """The stemmed words and phrases to mark: those the query looks for (not those
    it excludes)."""
    single: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for leaf, positive in ql.leaves(node):
        if not positive:
            continue
        if isinstance(leaf, ql.Term):
            single.add(stem(leaf.word))
        elif isinstance(leaf, ql.Phrase):
            phrases.append(tuple(stem(w) for w in leaf.words))
    return Terms(single, phrases)


def _matches(text: str, terms: frozenset[str]) -> Iterator[Span]:
    """The spans of the tokens of `text` whose stems are in `terms`, found lazily:
    a snippet stops reading a long text at the end of its window."""
    for m in WORD.finditer(text):
        if stem(m.group()) in terms:
            yield m.span()


def _phrase_matches(
    text: str,
    single: frozenset[str],
    phrases: tuple[tuple[str, ...], ...],
    *,
    whole: bool,
) -> tuple[Span | None, list[Span]]:
    """The first token of the first phrase found (None if no phrase is in `text`),
    and the spans to mark, in order: each occurrence of a phrase (one span where its
    words are only spaces apart, else one per word) and single words wherever they
    are. Unless the `whole` text is
    wanted, reading stops a window's length after the first phrase found."""
    spans: list[Span] = []
    stems: list[str] = []
    marked: set[int] = set()
    joined: set[int] = set()  # i: token i and i + 1 are in one phrase, space apart
    first, stop = None, len(text)
    for m in WORD.finditer(text):
        if m.start() > stop:
            break
        i, word = len(stems), stem(m.group())
        spans.append(m.span())
        stems.append(word)
        if word in single:
            marked.add(i)
        for phrase in phrases:
            n = len(phrase)
            if (
                word == phrase[-1]
                and i + 1 >= n
                and tuple(stems[i + 1 - n :]) == phrase
            ):
                marked.update(range(i + 1 - n, i + 1))
                joined.update(
                    j
                    for j in range(i + 1 - n, i)
                    if text[spans[j][1] : spans[j + 1][0]].isspace()
                )
                if first is None:
                    first = i + 1 - n
                    stop = stop if whole else spans[first][0] + SNIPPET_CHARS
    merged: list[Span] = []
    for i in sorted(marked):
        if i - 1 in joined and merged:
            merged[-1] = (merged[-1][0], spans[i][1])
        else:
            merged.append(spans[i])
    return None if first is None else spans[first], merged


def _spans(
    text: str, terms: frozenset[str], whole: bool
) -> tuple[Span | None, Iterator[Span]]:
    """Where the window goes (None if nothing matches) and the spans to mark."""
    phrases = getattr(terms, "phrases", ())
    if not phrases:
        found = _matches(text, getattr(terms, "words", terms))
        first = next(found, None)
        return first, itertools.chain([first] if first else [], found)
    first, spans = _phrase_matches(text, terms.words, phrases, whole=whole)
    # A passage with the phrase in it, else the first single word marked.
    return first or (spans[0] if spans else None), iter(spans)


def mark(text: str, terms: frozenset[str], *, whole: bool = False) -> str:
    """`text` (all of it, or a window around the first phrase found, else the first
    match) with matched words marked; "" if none match.

    `terms` is highlight_terms' Terms; a plain set of stems marks each of them
    wherever it stands."""
    if not text or not terms:
        return ""
    anchor, spans = _spans(text, terms, whole)
    if anchor is None:
        return ""
    start, end = 0, len(text)
    if not whole and len(text) > SNIPPET_CHARS:
        start = max(0, anchor[0] - LEAD_CHARS)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < anchor[0] else start
        end = min(len(text), start + SNIPPET_CHARS)
        space = text.rfind(" ", anchor[1], end)
        end = space if end < len(text) and space > 0 else end
    out, cursor = [], start
    for a, b in spans:
        if a < start:
            continue
        if b > end:
            break  # spans come in order: every later one ends further on
        out += [text[cursor:a], MARK_START, text[a:b], MARK_END]
        cursor = b
    out.append(text[cursor:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def snippet(body: str, terms: frozenset[str]) -> str:
    """A passage of `body` with the matches marked, else the start of `body`."""
    head, _, last = body.rpartition(" ")
    if _LEGISLATION_PATH.fullmatch(last):
        body = head
    marked = mark(body, terms)
    if marked:
        return marked
    return body[:SNIPPET_CHARS] + ("…" if len(body) > SNIPPET_CHARS else "")
