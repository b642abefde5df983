"""The Whoosh index's analyzers, each one generator instead of a chain of filters.

Whoosh's StemmingAnalyzer is a tokenizer piped through a lowercase filter and a
stemming filter: three generator frames and a cache wrapper per token, most of the
writer's analysis time. `StemmedWords` yields its tokens in one loop: the words of
`casebase.search.tokens` (letters and digits, lower-cased, accents folded: what the
PostgreSQL backend, the query parser and the highlighter see too) and their Porter2
stems. `PlainWords` is the same without stemming: the citation field's analyzer until
citations were stemmed like every other word, kept so that an index written before
then still opens (its table of contents names the class) until it is rebuilt.

`WordPairs` feeds the `pairs` field: every two consecutive stemmed words of a text,
as one term ("identical model"). A two-word phrase is then a single term lookup
instead of reading word positions for every document that has both words, which
at 100,000 documents took hundreds of milliseconds for common words.

`StemmedText` and `WordPairsField` are the field types that use them when a document
is written: their `index()` gives the postings Whoosh's Positions and Existence
formats would give (the same terms, frequencies, weights and encoded positions)
from a list of stems, without a Token and a few generator frames per word, and a
document's `content` and `pairs` (the same text) are split and stemmed once. That
was about a third of a rebuild's sub-writer time. Indexes name these classes in
their table of contents: keep them importable under these names.
"""

from __future__ import annotations

from pickle import dumps

from whoosh import formats
from whoosh.analysis import Analyzer, Token
from whoosh.fields import TEXT, FieldType
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.system import pack_uint

from casebase.search.tokens import WORD, fold, words

MAX_CACHED_STEMS = 200_000
PAIR_SEPARATOR = " "  # never inside a token, so a pair cannot collide with a word
MAX_RECENT_TEXTS = 16  # more than the stemmed fields of one document

_stems: dict[str, str] = {}
_recent: dict[int, tuple[str, list[str]]] = {}


def stem_lowered(word: str) -> str:
    """Porter2 of an already lowercased token, cached (vocabularies are small)."""
    found = _stems.get(word)
    if found is None:
        found = porter2_stem(word)
        if len(_stems) < MAX_CACHED_STEMS:
            _stems[word] = found
    return found


def stemmed_words(text: str) -> list[str]:
    """The stems of `text`, in order, one per token."""
    return [stem_lowered(word) for word in words(text)]


def recent_stemmed_words(text: str) -> list[str]:
    """stemmed_words(text), remembered for the last few texts by identity: a
    document's `content` and `pairs` fields are one string (pickling the document
    for a sub-writer keeps them one), so it is stemmed once for both."""
    found = _recent.get(id(text))
    if found is not None and found[0] is text:
        return found[1]
    words = stemmed_words(text)
    if len(_recent) >= MAX_RECENT_TEXTS:
        _recent.clear()
    _recent[id(text)] = (text, words)  # the text is held, so its id is not reused
    return words


def pair(first: str, second: str) -> str:
    return first + PAIR_SEPARATOR + second


class StemmedWords(Analyzer):
    """RegexTokenizer() | LowercaseFilter() | StemFilter(porter2), in one loop."""

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = value
            t.text = stem_lowered(fold(value.lower()))
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        t.boost = 1.0
        t.stopped = False
        # Character offsets are into the folded text; nothing reads them (snippets
        # are marked by casebase.search.highlight).
        for pos, match in enumerate(WORD.finditer(fold(value.lower())), start_pos):
            word = match.group()
            if keeporiginal:
                t.original = word
            t.text = stem_lowered(word)
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


class PlainWords(Analyzer):
    """The words of casebase.search.tokens, not stemmed, with positions: the
    citation field of an index built before citations were stemmed (see the module
    docstring)."""

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(self, value, positions=False, start_pos=0, mode="", **kwargs):
        t = Token(positions, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        for pos, word in enumerate(words(value), start_pos):
            t.text = word
            if positions:
                t.pos = pos
            yield t


class WordPairs(Analyzer):
    """Each pair of consecutive stems of the text, once per distinct pair."""

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(self, value, mode="", **kwargs):
        t = Token(mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        words = stemmed_words(value)
        for text in dict.fromkeys(map(pair, words, words[1:])):
            t.text = text
            yield t


def _encoded_positions(positions: list[int]) -> bytes:
    """formats.Positions.encode: the count, then the pickled gaps between positions."""
    gaps = [b - a for a, b in zip([0, *positions[:-1]], positions, strict=True)]
    return pack_uint(len(gaps)) + dumps(gaps, 2)


class StemmedText(TEXT):
    """TEXT(analyzer=StemmedWords(), phrase=True): stemmed words with positions, the
    stems highlight.stem gives (Snowball English, no stop words)."""

    def __init__(
        self, *, stored: bool = False, scorable: bool = True, field_boost: float = 1.0
    ) -> None:
        super().__init__(
            analyzer=StemmedWords(), phrase=True, stored=stored, field_boost=field_boost
        )
        self.scorable = scorable  # TEXT takes no such argument

    def index(self, value, **kwargs):
        if not isinstance(value, str):  # a list of words, indexed as they are
            return super().index(value, **kwargs)
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(recent_stemmed_words(value)):
            found = positions.get(word)
            if found is None:
                positions[word] = [pos]
            else:
                found.append(pos)
        boost = self.format.field_boost
        return [
            (
                word.encode("utf-8"),
                len(found),
                len(found) * boost,
                _encoded_positions(found),
            )
            for word, found in positions.items()
        ]


class WordPairsField(FieldType):
    """Each pair of consecutive stems (WordPairs), existence only."""

    def __init__(self) -> None:
        super().__init__(formats.Existence(), WordPairs())

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        words = recent_stemmed_words(value)
        boost = self.format.field_boost
        return [
            (text.encode("utf-8"), 1, boost, b"")
            for text in dict.fromkeys(map(pair, words, words[1:]))
        ]
