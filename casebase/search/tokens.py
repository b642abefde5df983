"""How text becomes words, the same everywhere: in the Whoosh index, in the PostgreSQL
vectors (which are given these words, never the raw text), in a query and in the
highlighter. When these disagree, a backend misses what the other finds.

A word is a run of letters and digits. Anything else separates words, the full stop
and the underscore included, so `s.1202`, `s. 1202` and `s 1202` are the same two
words, as `U.S.` is `u s`, and PostgreSQL's parser (which splits at an underscore)
sees the words Whoosh sees. Accents and compatibility forms are folded away
(`Société` is `societe`, `x²` is `x 2`), so a lawyer need not type them.

A run of letters followed only by digits is two words, the letters and the number:
an AI system named `Qwen3`, `GPT4` or `Llama3` is then found by its name (`qwen`),
and `qwen3` typed is the phrase "qwen 3", which finds it as before (and `Qwen 3`,
`GPT-4` written apart). A run that mixes them otherwise stays one word (`50A`, `3d`,
`h2o`, `v1x`), and citations are compared by their own keys (citations.py).
"""

import re
import unicodedata

WORD = re.compile(
    r"""
    [^\W\d_]++                 # letters, never given back (one pass over a word)
    (?: (?![^\W_])              #   ending the run: a word of letters
      | (?=\d++(?![^\W_]))      #   followed only by digits: the letters (`qwen`)
    )
  | [^\W_]+                    # else the run of letters and digits (`3`, `50a`)
    """,
    re.VERBOSE,
)


def fold(text: str) -> str:
    """`text` without accents and in compatibility form (NFKD, combining marks
    dropped); ASCII text comes back as it is, at no cost."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased and folded, in order."""
    return WORD.findall(fold(text.lower()))
