"""Find every case citation in running text, with its span and canonical form."""

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum

from casebase.citations import eu, neutral, reports


class Kind(StrEnum):
    NEUTRAL = "neutral"
    REPORT = "report"
    EU_CASE = "eu_case"
    ECLI = "ecli"


@dataclass(frozen=True)
class Found:
    """One citation as it stands in the text (`text[start:end]`) and as it is written
    canonically. `url` is its public address outside casebase, when it has one."""

    kind: Kind
    start: int
    end: int
    text: str
    canonical: str
    url: str = ""


def _neutral(text: str) -> list[Found]:
    found = []
    for match in neutral.TOLERANT.finditer(text):
        citation, end = neutral.from_match(match)
        if citation:
            found.append(
                Found(
                    Kind.NEUTRAL,
                    match.start(),
                    end,
                    text[match.start() : end],
                    citation.canonical,
                    citation.find_case_law_url,
                )
            )
    return found


def _reports(text: str) -> list[Found]:
    found = []
    for match in reports.TOLERANT.finditer(text):
        citation = reports.from_match(match)
        if citation:
            found.append(
                Found(
                    Kind.REPORT,
                    match.start(),
                    match.end(),
                    match[0],
                    citation.canonical,
                )
            )
    return found


def _eu(text: str) -> list[Found]:
    found = []
    for pattern in (eu.CASE_NUMBER, eu.OLD_CASE_NUMBER):
        for match in pattern.finditer(text):
            case = eu.case_from_match(match)
            # The link covers the number, not the word `Case` before it.
            start = (
                match.start("court")
                if "court" in match.groupdict()
                else match.start("number")
            )
            found.append(
                Found(
                    Kind.EU_CASE,
                    start,
                    match.end(),
                    text[start : match.end()],
                    case.canonical,
                    case.curia_url,
                )
            )
    for match in eu.ECLI.finditer(text):
        ecli = eu.ecli_from_match(match)
        if ecli:
            found.append(
                Found(
                    Kind.ECLI,
                    match.start(),
                    match.end(),
                    match[0],
                    ecli.canonical,
                    ecli.eur_lex_url,
                )
            )
    return found


class SpanSet:
    """Spans that do not overlap, with a check in logarithmic time (a long text can
    hold thousands of citations; comparing each with all the others would be slow)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Keep the span unless it overlaps one already kept; say whether it was kept."""
        i = bisect.bisect_left(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False
        if i < len(self.starts) and self.starts[i] < end:
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def find_citations(text: str) -> list[Found]:
    """Every neutral citation, law report, EU case number and ECLI in `text`, in order.

    Where two readings overlap, the one found first in this order wins: neutral
    citation, report, EU case number, ECLI.
    """
    text = text or ""
    kept = SpanSet()
    chosen = [
        c
        for c in _neutral(text) + _reports(text) + _eu(text)
        if kept.add(c.start, c.end)
    ]
    return sorted(chosen, key=lambda f: f.start)


def normalise_citation(text: str) -> str:
    """Any one citation in its canonical form (`(2022) EWCA civ 123` ->
    `[2022] EWCA Civ 123`, `[2000] 164 JP 485` -> `(2000) 164 JP 485`); text that is
    not exactly one citation comes back with its spacing tidied."""
    cleaned = " ".join((text or "").split())
    found = find_citations(cleaned)
    if len(found) == 1 and found[0].start == 0:
        rest = cleaned[found[0].end :].strip()
        if not rest or re.fullmatch(r"\([^()]*\)", rest):
            return found[0].canonical
    return cleaned
