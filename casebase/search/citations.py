"""Citation keys: one normal form per citation, so the forms people type meet the
forms stored.

Neutral citations are tidied by `casebase.citations.neutral.normalise`
(`(2023) uksc 49` -> `[2023] UKSC 49`, and `2023 UKSC 49` when nothing but brackets
is missing); law-report citations (`[1969] RPC 41`, `[2004] ECR I-10415`) and EU case
numbers (`Case C-406/10`, `C-05/08`, `C-406/2010`) are compared after bracket, case,
dash, zero and whitespace normalisation. A key is only ever compared with keys made
from stored citations, so nothing here completes or guesses a citation.

A pinpoint typed after a citation (`[2023] UKSC 49 at [73]`) is split off by
`strip_pinpoint`, so that the citation is looked up as if typed alone.
"""

import re

from casebase.citations import neutral
from casebase.citations.finder import find_citations

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_YEAR_BRACKET = re.compile(r"^[\[\(\]]\s*(\d{4}(?:\s*-\s*\d{2,4})?)\s*[\]\)\[]\s*")
# A trailing note such as `(p.589)` or `(as cited by the CA)`, but not `(Ch)`.
_TRAILING_NOTE = re.compile(r"\s*\((?=[^)]*[\s.])[^)]*\)$")
_EU_CASE = re.compile(r"^(?:case\s+)?([ct])\s*-?\s*(\d{1,4})\s*/\s*(\d{2,4})$")
_ECLI = re.compile(r"^ecli\s*:\s*(.+)$")
# The page of a European Court Reports citation: `I-10415`, also typed `I - 10415`.
_ECR_PAGE = re.compile(r"(\becr\s+i{1,2})\s*-\s*(\d)")

# Something that looks like a citation typed on its own: a bracketed year followed by
# a report or court and a number (an ECR page such as `I-10415` included), perhaps a
# note in brackets; an EU case number; an ECLI; a US docket number (`1:23-cv-00135-GBW`);
# or an England and Wales claim number (`IL-2023-000007`).
_LOOKS_LIKE = re.compile(
    r"""^\s*(?:
        [\[\(\]]\s*\d{4}\s*[\]\)\[]\s*(?:\d+\s+)?[A-Za-z][A-Za-z .&'\u2019]*\s*
        (?:[-\u2010-\u2015]\s*)?\d+(?:\s*\([^()]{1,60}\))?
      | (?:case\s+)?[CTct]\s*[-\u2010-\u2015]?\s*\d{1,4}\s*/\s*\d{2,4}
      | ECLI\s*:\s*\S+
      | \d{1,2}:\d{2}-[A-Za-z]{2,4}-\d{3,6}(?:-[A-Za-z]{2,4})?
      | [A-Za-z]{2}-\d{4}-\d{6}
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

# A neutral citation typed without the brackets round its year: `2023 UKSC 49`.
_BARE_NEUTRAL = re.compile(r"^((?:19|20)\d\d)\s+([A-Za-z].*)$")
# Court codes that are also English words count only when typed in capitals, so that
# `2020 eat 5` stays words.
_WORD_CODES = frozenset({"cat", "eat", "sac"})

# A pinpoint: paragraphs (`[73]`, `[73]-[75]`), named paragraphs or pages (`para 73`,
# `paras 73-75`, `p 47`, `pp 47-48`, `§ 12`), or bare page numbers after `at` or a
# comma (`at 47`, `, 47-48`); in round brackets only paragraphs (`(para 12)`), since a
# bracketed page (`(p.589)`) is how some reports are stored.
_N = r"\d{1,5}"
_AND = r"\s*(?:[-\u2010-\u2015]|to|and|&|,)\s*"
_PARAS = rf"\[{_N}\](?:{_AND}\[{_N}\])*"
_NUMBERS = rf"{_N}(?:{_AND}{_N})*"
_NAMED = rf"(?:paras?|paragraphs?|pp?|pages?|§§?|¶¶?)\.?\s*(?:{_PARAS}|{_NUMBERS})"
_PINPOINT = re.compile(
    rf"""(?:
        \s*,\s*(?:at\s+)?(?:{_PARAS}|{_NAMED}|{_NUMBERS})
      | \s+at\s+(?:{_PARAS}|{_NAMED}|{_NUMBERS})
      | \s+(?:{_PARAS}|{_NAMED})
      | \s*\(\s*(?:at\s+)?(?:{_PARAS}|(?:paras?|paragraphs?)\.?\s*{_NUMBERS})\s*\)
    )\s*[.;]?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_NOTE = re.compile(r"\s*\([^()]*\)\s*")


def _bracketed(text: str) -> str:
    """`2023 UKSC 49` as `[2023] UKSC 49`; "" unless the text is exactly a neutral
    citation whose year has lost its brackets."""
    match = _BARE_NEUTRAL.match(" ".join((text or "").split()))
    if not match:
        return ""
    code = match[2].split()[0]
    if code.lower() in _WORD_CODES and not code.isupper():
        return ""
    citation = neutral.parse(f"[{match[1]}] {match[2]}")
    return citation.canonical if citation else ""


def looks_like_citation(text: str) -> bool:
    if len(text or "") > 120:
        return False
    return bool(_LOOKS_LIKE.match(text or "") or _bracketed(text))


def _ends_with_citation(text: str) -> bool:
    """Whether `text` ends with a recognised citation (perhaps followed by a note in
    brackets, as in `[2023] UKSC 49 (Thaler)`)."""
    if _bracketed(text):
        return True
    found = find_citations(text)
    if not found:
        return False
    rest = text[found[-1].end :]
    return not rest.strip() or bool(_NOTE.fullmatch(rest))


def strip_pinpoint(text: str) -> tuple[str, str]:
    """`text` without the pinpoint that follows a citation at its end, and that
    pinpoint: `[2023] UKSC 49 at [73]` gives (`[2023] UKSC 49`, `at [73]`). Text that
    does not end with a recognised citation and a pinpoint comes back whole, with ""."""
    cleaned = " ".join((text or "").split())
    match = _PINPOINT.search(cleaned)
    if not match:
        return text, ""
    head = cleaned[: match.start()]
    if not _ends_with_citation(head):
        return text, ""
    return head, match[0].strip(" ,.;")


def pinpoint(text: str) -> str:
    """`text` if it is a pinpoint as strip_pinpoint returns one (`at [73]`, `paras
    73-75`, `47`), else "": what the record page may echo back from its URL, and
    nothing else (a link could otherwise make a trusted page say anything)."""
    cleaned = " ".join((text or "").split())
    if not cleaned or len(cleaned) > 60:
        return ""
    fits = any(_PINPOINT.fullmatch(lead + cleaned) for lead in (" ", ", "))
    return cleaned if fits else ""


def citation_key(text: str) -> str:
    """The comparison key of one citation, or "" when there is nothing to compare."""
    text = _DASHES.sub("-", " ".join((text or "").split()))
    if not text:
        return ""
    text = _bracketed(text) or neutral.normalise(text)
    text = _TRAILING_NOTE.sub("", text).strip().lower()
    text = _YEAR_BRACKET.sub(lambda m: f"[{m.group(1).replace(' ', '')}] ", text)
    eu = _EU_CASE.match(text)
    if eu:
        year = eu.group(3)
        if re.fullmatch(r"(?:19|20)\d\d", year):
            year = year[2:]
        return f"{eu.group(1)}-{int(eu.group(2))}/{year}"
    ecli = _ECLI.match(text)
    if ecli:
        return "ecli:" + re.sub(r"\s*:\s*", ":", ecli.group(1))
    text = _ECR_PAGE.sub(r"\1-\2", text)
    text = re.sub(r"\s+", " ", text.replace(".", "")).strip()
    return text


def split_citations(stored: str) -> list[str]:
    """A stored field may hold several citations: `Case C-406/10, ECLI:EU:C:2012:259`.
    It is split at its commas only when every part is a citation on its own, so that
    a provision's `Copyright, Designs and Patents Act 1988 s. 16` stays one (it gave
    the key `copyright`)."""
    parts = [part.strip() for part in (stored or "").split(",") if part.strip()]
    if len(parts) > 1 and all(looks_like_citation(part) for part in parts):
        return parts
    return [stored.strip()] if stored and stored.strip() else []


def citation_keys(citations: list[str] | tuple[str, ...]) -> list[str]:
    keys: list[str] = []
    for citation in citations:
        for part in split_citations(citation):
            key = citation_key(part)
            if key and key not in keys:
                keys.append(key)
    return keys
