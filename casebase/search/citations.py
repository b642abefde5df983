"""Citation keys: one normal form per citation, so the forms people type meet the
forms stored.

Neutral citations are tidied by `casebase.citations.neutral.normalise`
(`(2023) uksc 49` -> `[2023] UKSC 49`); law-report citations (`[1969] RPC 41`) and EU
case numbers (`Case C-406/10`) are compared after bracket, case, dash and whitespace
normalisation. A key is only ever compared with keys made from stored citations, so
nothing here completes or guesses a citation.
"""

import re

from casebase.citations.neutral import normalise

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_YEAR_BRACKET = re.compile(r"^[\[\(\]]\s*(\d{4}(?:\s*-\s*\d{2,4})?)\s*[\]\)\[]\s*")
# A trailing note such as `(p.589)` or `(as cited by the CA)`, but not `(Ch)`.
_TRAILING_NOTE = re.compile(r"\s*\((?=[^)]*[\s.])[^)]*\)$")
_EU_CASE = re.compile(r"^(?:case\s+)?([ct])\s*-\s*(\d{1,4})\s*/\s*(\d{2,4})$")
_ECLI = re.compile(r"^ecli\s*:\s*(.+)$")

# Something that looks like a citation typed on its own: a bracketed year followed by
# a report or court and a number, an EU case number, or an ECLI.
_LOOKS_LIKE = re.compile(
    r"""^\s*(?:
        [\[\(\]]\s*\d{4}\s*[\]\)\[]\s*(?:\d+\s+)?[A-Za-z][A-Za-z .&]*\s*\d+(?:\s*\([A-Za-z0-9]+\))?
      | (?:case\s+)?[CTct]\s*[-\u2010-\u2015]\s*\d{1,4}\s*/\s*\d{2,4}
      | ECLI\s*:\s*\S+
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def looks_like_citation(text: str) -> bool:
    return bool(_LOOKS_LIKE.match(text or "")) and len(text) <= 120


def citation_key(text: str) -> str:
    """The comparison key of one citation, or "" when there is nothing to compare."""
    text = _DASHES.sub("-", " ".join((text or "").split()))
    if not text:
        return ""
    text = normalise(text)
    text = _TRAILING_NOTE.sub("", text).strip().lower()
    text = _YEAR_BRACKET.sub(lambda m: f"[{m.group(1).replace(' ', '')}] ", text)
    eu = _EU_CASE.match(text)
    if eu:
        return f"{eu.group(1)}-{eu.group(2)}/{eu.group(3)}"
    ecli = _ECLI.match(text)
    if ecli:
        return "ecli:" + re.sub(r"\s*:\s*", ":", ecli.group(1))
    text = re.sub(r"\s+", " ", text.replace(".", "")).strip()
    return text


def split_citations(stored: str) -> list[str]:
    """A stored field may hold several citations: `Case C-406/10, ECLI:EU:C:2012:259`."""
    return [part.strip() for part in (stored or "").split(",") if part.strip()]


def citation_keys(citations: list[str] | tuple[str, ...]) -> list[str]:
    keys: list[str] = []
    for citation in citations:
        for part in split_citations(citation):
            key = citation_key(part)
            if key and key not in keys:
                keys.append(key)
    return keys
