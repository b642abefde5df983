"""UK neutral citations: recognise, normalise, and map to a Find Case Law path.

The rules follow The National Archives' `neutral_citation_regex.yaml` (ds-caselaw-utils):
the path of `[2022] EAT 1` is `eat/2022/1`; of `[2025] EWHC 2863 (Ch)`, `ewhc/ch/2025/2863`.
The courts themselves are listed in `courts.py`.
"""

import re
from dataclasses import dataclass

from casebase.citations.courts import CODES, NeutralCourt, find_court

FIND_CASE_LAW = "https://caselaw.nationalarchives.gov.uk/"

_CODE_ALTERNATIVES = "|".join(
    sorted((re.escape(code) for code in CODES.values()), key=len, reverse=True)
)

# The tolerant shape, as real judgments write it: any bracket pair round the year
# (`(2022)`, `]2022]`), any case, missing or doubled spaces, `Civ.` with a stop, the
# sub-division bracketed or not, the division with stray spaces inside its brackets.
TOLERANT = re.compile(
    rf"""
    (?<![\w\]\)])
    [\[\(\]\{{]\s*(?P<year>(?:19|20)\d\d)\s*[\]\)\[\}}]
    \s*(?P<code>{_CODE_ALTERNATIVES})\.?
    (?:\s*(?P<sub_open>\()?\s*(?P<sub>Civil|Civ|Criminal|Crim)\.?\s*\)?)?
    \s*(?P<number>\d{{1,5}})\b
    (?:\s*\(\s*(?P<division>[A-Za-z][A-Za-z0-9 ]{{0,11}}?)\s*\))?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class NeutralCitation:
    year: int
    number: int
    court: NeutralCourt

    @property
    def canonical(self) -> str:
        return self.court.canonical(self.year, self.number)

    @property
    def path(self) -> str:
        return f"{self.court.path_prefix}/{self.year}/{self.number}"

    @property
    def find_case_law_url(self) -> str:
        return FIND_CASE_LAW + self.path if self.court.find_case_law else ""


def from_match(match: re.Match[str]) -> tuple[NeutralCitation | None, int]:
    """The citation a `TOLERANT` match stands for, and where it ends.

    A bracket after the number that is not a division of that court (`[2023] UKSC 49
    (20 December 2023)`) is left out of the citation rather than spoiling it.
    """
    code, sub, division = (
        match.group("code"),
        match.group("sub"),
        match.group("division"),
    )
    for div, end in ((division, match.end()), ("", match.end("number"))):
        court = find_court(code, sub or "", div or "")
        if court:
            return NeutralCitation(int(match["year"]), int(match["number"]), court), end
    return None, match.end()


def parse(text: str) -> NeutralCitation | None:
    """The neutral citation that `text` is (tolerating malformed forms), or None."""
    cleaned = " ".join((text or "").split())
    match = TOLERANT.fullmatch(cleaned)
    if not match:
        return None
    citation, end = from_match(match)
    return citation if citation and end == len(cleaned) else None


def normalise(text: str) -> str:
    """Tidy the common malformed forms: round or odd brackets, case, spacing.

    `(2023) uksc 49` and `]2023] UKSC 49` become `[2023] UKSC 49`. Text that is not
    shaped like a neutral citation comes back stripped but otherwise unchanged.
    """
    citation = parse(text)
    return citation.canonical if citation else " ".join((text or "").split())


def citation_path(citation: str) -> str:
    """The citation-shaped path (`uksc/2023/49`) of a neutral citation, or "" if it is
    not one. Courts Find Case Law does not publish get one too, for casebase's URLs."""
    parsed = parse(citation)
    return parsed.path if parsed else ""


def find_case_law_url(citation: str) -> str:
    """Find Case Law's address for the judgment, or "" for courts it does not publish
    (the House of Lords, Scotland, Northern Ireland)."""
    parsed = parse(citation)
    return parsed.find_case_law_url if parsed else ""
