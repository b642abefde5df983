"""The text typed into the search box, cleaned and cut into tokens for the parser
(language.py): brackets, a minus, `field:`, quoted phrases, operators and words.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 500

_TOKEN = re.compile(
    r"""
    (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<neg>-(?=["\w(]))
  | (?:(?P<field>[A-Za-z]+):(?=\S))
  | "(?P<phrase>[^"]*)(?P<closed>"?)
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)


def clean_text(text: str) -> tuple[str, list[str]]:
    """Drop control characters and cap the length; say what was done."""
    notices = []
    text = unicodedata.normalize("NFKC", text or "")
    cleaned = "".join(
        ch if ch.isprintable() or ch == " " else " " for ch in text
    ).strip()
    if len(cleaned) > MAX_QUERY_CHARS:
        cleaned = cleaned[:MAX_QUERY_CHARS]
        notices.append(
            f"Your query was shortened to its first {MAX_QUERY_CHARS} characters."
        )
    return " ".join(cleaned.split()), notices


def lex(text: str, notices: list[str]) -> list[tuple[str, str]]:
    """The tokens of cleaned `text` as (kind, text): brackets, a leading minus, a
    field name, a phrase, an operator (AND, OR, NOT) or a word."""
    out: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if match.group("phrase") is not None:
            if not match.group("closed"):
                notices.append("A closing quotation mark was missing; one was added.")
            out.append(("phrase", match.group("phrase")))
        elif match.group("field") is not None:
            out.append(("field", match.group("field")))
        elif kind == "word":
            word = match.group("word")
            out.append(("op", word) if word in {"AND", "OR", "NOT"} else ("word", word))
        else:
            out.append((kind, match.group(0)))
    return out
