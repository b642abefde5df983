"""Snippets with the matched words marked, the same for every backend.

Marks are MARK_START/MARK_END control characters, turned into <mark> only after the
text has been escaped (query.marked_to_html), so indexed text can never inject HTML.
Words are casebase.search.tokens' and stems Porter2's, as in both indexes, so a word
is marked exactly when it would match.
"""

import itertools
from functools import lru_cache

from whoosh.lang.porter2 import stem as porter2_stem

from casebase.search import language as ql
from casebase.search.query import MARK_END, MARK_START
from casebase.search.tokens import WORD, words

SNIPPET_CHARS = 240
LEAD_CHARS = 70


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem both indexes hold for one word as written (Snowball English, no
    stop words): lower-cased, accents folded, Porter2."""
    found = words(word)
    return porter2_stem(found[0]) if found else word


def highlight_terms(node: ql.Node) -> frozenset[str]:
    """The stemmed words to mark: those the query looks for (not those it excludes)."""
    words: set[str] = set()
    for leaf, positive in ql.leaves(node):
        if not positive:
            continue
        if isinstance(leaf, ql.Term):
            words.add(stem(leaf.word))
        elif isinstance(leaf, ql.Phrase):
            words.update(stem(w) for w in leaf.words)
    return frozenset(words)


def _matches(text: str, terms: frozenset[str]):
    """The spans of the tokens of `text` whose stems are in `terms`, found lazily:
    a snippet stops reading a long text at the end of its window."""
    for m in WORD.finditer(text):
        if stem(m.group()) in terms:
            yield m.span()


def mark(text: str, terms: frozenset[str], *, whole: bool = False) -> str:
    """`text` (all of it, or a window around the first match) with matched words
    marked; "" if none match."""
    if not text or not terms:
        return ""
    found = _matches(text, terms)
    first = next(found, None)
    if first is None:
        return ""
    start, end = 0, len(text)
    if not whole and len(text) > SNIPPET_CHARS:
        start = max(0, first[0] - LEAD_CHARS)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first[0] else start
        end = min(len(text), start + SNIPPET_CHARS)
        space = text.rfind(" ", first[1], end)
        end = space if end < len(text) and space > 0 else end
    out, cursor = [], start
    for a, b in itertools.chain([first], found):
        if b > end:
            break  # spans come in order: every later one ends further on
        out += [text[cursor:a], MARK_START, text[a:b], MARK_END]
        cursor = b
    out.append(text[cursor:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def snippet(body: str, terms: frozenset[str]) -> str:
    marked = mark(body, terms)
    if marked:
        return marked
    return body[:SNIPPET_CHARS] + ("…" if len(body) > SNIPPET_CHARS else "")
