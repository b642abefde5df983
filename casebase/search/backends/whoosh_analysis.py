"""The Whoosh index's analyzers, each one generator instead of a chain of filters.

Whoosh's StemmingAnalyzer is a tokenizer piped through a lowercase filter and a
stemming filter: three generator frames and a cache wrapper per token, most of the
writer's analysis time. `StemmedWords` yields exactly the same tokens (the same
regular expression, lowercasing and Porter2 stems, positions and character offsets),
so an index written with it is the one StemmingAnalyzer would write.

`WordPairs` feeds the `pairs` field: every two consecutive stemmed words of a text,
as one term ("identical model"). A two-word phrase is then a single term lookup
instead of reading word positions for every document that has both words, which
at 100,000 documents took hundreds of milliseconds for common words.
"""

from __future__ import annotations

from whoosh.analysis import Analyzer, Token
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter2 import stem as porter2_stem

MAX_CACHED_STEMS = 200_000
PAIR_SEPARATOR = " "  # never inside a token, so a pair cannot collide with a word

_stems: dict[str, str] = {}


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
    return [stem_lowered(m.group().lower()) for m in default_pattern.finditer(text)]


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
            t.text = stem_lowered(value.lower())
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
        for pos, match in enumerate(default_pattern.finditer(value), start_pos):
            word = match.group()
            if keeporiginal:
                t.original = word
            t.text = stem_lowered(word.lower())
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
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
