"""How alike two AI outputs are: the measures the workbench computes and shows.

Pure Python (no Django), so the figures can be recomputed anywhere. Every measure is a
number from 0 (nothing alike) to 1 (the same). Definitions, as shown to readers:

- **normalisation** (used by every measure except exact match): Unicode NFC, then
  case folding (`str.casefold`), then every run of whitespace becomes one space and the
  ends are trimmed.
- **tokens**: the maximal runs of Unicode word characters (`\\w+`) in the normalised
  text; punctuation and spaces separate tokens and are not tokens themselves.
- **exact match**: the two outputs are the same string, character for character, with
  nothing normalised (1 or 0).
- **edit similarity**: 1 - (Levenshtein distance between the normalised texts, in
  characters) / (length of the longer normalised text). Two empty texts score 1.
- **token Jaccard**: size of the intersection over size of the union of the two sets of
  tokens. Two outputs without tokens score 1.
- **longest common run**: the longest unbroken sequence of tokens found in both,
  divided by the number of tokens in the shorter output. If either has no tokens: 1
  when both have none, else 0.
- **n-gram overlap** (n = 3, word trigrams): Jaccard of the two sets of consecutive
  token triples. If neither has a trigram (both shorter than 3 tokens) it is 1 when
  the token lists are equal, else 0; if only one has none, 0.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import Levenshtein

NGRAM_N = 3
MEASURES_VERSION = 1

_TOKEN = re.compile(r"\w+")
# For the displayed diff: words, whitespace runs and single punctuation marks.
_DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def normalise(text: str) -> str:
    """NFC, case-folded, whitespace runs collapsed to one space, ends trimmed."""
    # str.split() with no argument splits on the same whitespace as `\s+`.
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def tokens(text: str) -> list[str]:
    """The word tokens of the normalised text."""
    return _TOKEN.findall(normalise(text))


def exact_match(a: str, b: str) -> float:
    return 1.0 if a == b else 0.0


def edit_similarity(a: str, b: str) -> float:
    na, nb = normalise(a), normalise(b)
    longest = max(len(na), len(nb))
    if longest == 0:
        return 1.0
    return 1.0 - Levenshtein.distance(na, nb) / longest


def _jaccard(left: set, right: set) -> float:
    union = left | right
    if not union:
        return 1.0
    return len(left & right) / len(union)


def token_jaccard(a: str, b: str) -> float:
    return _jaccard(set(tokens(a)), set(tokens(b)))


def longest_common_run(a: str, b: str) -> float:
    return _longest_run(tokens(a), tokens(b))


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def ngram_overlap(a: str, b: str, n: int = NGRAM_N) -> float:
    ta, tb = tokens(a), tokens(b)
    ga, gb = _ngrams(ta, n), _ngrams(tb, n)
    if not ga and not gb:
        return 1.0 if ta == tb else 0.0
    return _jaccard(ga, gb)


@dataclass(frozen=True)
class Measures:
    """The five measures for one pair of outputs."""

    exact_match: float
    edit_similarity: float
    token_jaccard: float
    longest_common_run: float
    ngram_overlap: float

    def as_dict(self) -> dict[str, float]:
        return {
            "exact_match": self.exact_match,
            "edit_similarity": self.edit_similarity,
            "token_jaccard": self.token_jaccard,
            "longest_common_run": self.longest_common_run,
            "ngram_overlap": self.ngram_overlap,
        }


class Prepared:
    """One output's normalised text, tokens and trigrams, worked out once and
    reused for every pair it is in (the same definitions as the functions above)."""

    __slots__ = ("text", "norm", "tokens", "token_set", "grams")

    def __init__(self, text: str):
        self.text = text
        self.norm = normalise(text)
        self.tokens = _TOKEN.findall(self.norm)
        self.token_set = set(self.tokens)
        self.grams = _ngrams(self.tokens, NGRAM_N)


def _longest_run(ta: list[str], tb: list[str]) -> float:
    if not ta or not tb:
        return 1.0 if ta == tb else 0.0
    if ta == tb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    match = matcher.find_longest_match(0, len(ta), 0, len(tb))
    return match.size / min(len(ta), len(tb))


def measure_prepared(a: Prepared, b: Prepared) -> Measures:
    """Every measure for a pair of prepared outputs."""
    longest = max(len(a.norm), len(b.norm))
    if a.norm == b.norm:
        edit = 1.0
    else:
        edit = 1.0 - Levenshtein.distance(a.norm, b.norm) / longest
    if a.grams or b.grams:
        grams = _jaccard(a.grams, b.grams)
    else:
        grams = 1.0 if a.tokens == b.tokens else 0.0
    return Measures(
        exact_match=1.0 if a.text == b.text else 0.0,
        edit_similarity=edit,
        token_jaccard=_jaccard(a.token_set, b.token_set),
        longest_common_run=_longest_run(a.tokens, b.tokens),
        ngram_overlap=grams,
    )


def measure(a: str, b: str) -> Measures:
    """Every measure for the pair (a, b); each is symmetric."""
    return measure_prepared(Prepared(a), Prepared(b))


def pairs(items: list) -> list[tuple]:
    """Every unordered pair of `items`, in their order."""
    return list(combinations(items, 2))


@dataclass(frozen=True)
class Segment:
    """A run of the displayed text and how it differs from the other side."""

    text: str
    kind: str  # "same", "removed" (only on the left), "added" (only on the right)


def word_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Word-level differences between the verbatim outputs, as segments for each
    side. Case and spacing count here: the display shows exactly what was output.
    The text is not escaped: the template escapes it."""
    ta, tb = _DIFF_TOKEN.findall(a), _DIFF_TOKEN.findall(b)
    left: list[Segment] = []
    right: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(Segment("".join(ta[i1:i2]), "same"))
            right.append(Segment("".join(tb[j1:j2]), "same"))
            continue
        if i2 > i1:
            left.append(Segment("".join(ta[i1:i2]), "removed"))
        if j2 > j1:
            right.append(Segment("".join(tb[j1:j2]), "added"))
    return _merge(left), _merge(right)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join runs of one kind, and fold a bare space between two changes into them,
    so that a changed phrase reads as one mark rather than one per word."""
    merged: list[Segment] = []
    for segment in segments:
        if (
            len(merged) >= 2
            and merged[-1].kind == "same"
            and not merged[-1].text.strip()
            and merged[-2].kind == segment.kind != "same"
        ):
            space = merged.pop()
            merged[-1] = Segment(
                merged[-1].text + space.text + segment.text, segment.kind
            )
        elif merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.kind)
        else:
            merged.append(segment)
    return merged
