"""Legislation references in running text, resolved to a statute and a provision.

Recognised shapes (`PROV` is `section 16`, `s.16`, `s 16(2)(c)`, `ss.22-23/27`,
`reg. 2`; `ACT` is a title or a known abbreviation):

- `PROV of [the] ACT`: `section 16 of the Copyright, Designs and Patents Act 1988`;
- `PROV ACT`: `s.16 CDPA 1988`, `ss.22-23 CDPA`;
- `ACT[,] PROV`: `CDPA 1988, s 16`, `TMA s.10`;
- a bare `PROV` after an Act named earlier in the same sentence: `... under the Patents
  Act 1977; ... failure to meet s.13(2)`. A bare reference straight after another
  name (`DMCA s.1202`, `Lanham Act s.43(a)`, `15 U.S.C. s.1119`) belongs to that
  other, unknown law and is left alone, as is one with no Act in its sentence.
"""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from casebase.citations.statutes import KNOWN_STATUTES, StatuteRef

_NUM = (
    r"\d{1,4}[A-Z]{0,3}(?:\(\w{1,4}\))*(?:\s*[-\u2013]\s*\(\w{1,4}\)(?:\(\w{1,4}\))*)?"
)
_ITEM = re.compile(_NUM)
PROVISION = re.compile(
    rf"""
    (?<![\w.])
    (?P<unit>(?i:sections?|regulations?|regs?|ss?|r))\.?\s*
    (?P<items>{_NUM}(?:\s*(?:[-\u2013/,&]|\band\b|\bto\b)\s*{_NUM})*)
    (?![\w(])
    """,
    re.VERBOSE,
)
_SECTION_UNITS = {"s", "ss", "section", "sections"}
_REGULATION_UNITS = {"r", "reg", "regs", "regulation", "regulations"}
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\[])|\n")
# A bare reference straight after some other law's name is that law's.
_FOREIGN_BEFORE = re.compile(r"(?:\b[A-Z][A-Z.]{1,}|\bAct|\bCode|\bU\.S\.C\.)\s*,?\s*$")
_YEAR = re.compile(r"(?:19|20)\d\d")
# How far back a bare reference looks for its sentence's Act: a sentence, not a text.
_CONTEXT = 600


@dataclass(frozen=True)
class StatuteMention:
    start: int
    end: int
    text: str
    statute: StatuteRef


@dataclass(frozen=True)
class ProvisionRef:
    """One section or regulation number of a reference: `ss.22-23` gives two."""

    start: int
    end: int
    text: str
    statute: StatuteRef
    number: str
    subsections: str = ""

    @property
    def url(self) -> str:
        return self.statute.provision_url(self.number)


class StatuteIndex:
    """The statutes a text may name, compiled once into one pattern."""

    def __init__(self, statutes: Iterable[StatuteRef] = KNOWN_STATUTES):
        self.by_name: dict[str, StatuteRef] = {}
        patterns: list[tuple[int, str]] = []
        for statute in statutes:
            names = [(statute.title, True)] + [
                (a, False) for a in statute.abbreviations
            ]
            for name, is_title in names:
                if _key(name) in self.by_name:
                    continue
                self.by_name[_key(name)] = statute
                words = r"\s+".join(re.escape(w) for w in name.split())
                # A title in any case; an abbreviation only as written (`TMA`, not `tma`).
                patterns.append((len(name), f"(?i:{words})" if is_title else words))
        alternatives = "|".join(p for _, p in sorted(patterns, reverse=True))
        self.pattern = (
            re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if patterns else None
        )

    def mentions(self, text: str) -> list[StatuteMention]:
        if not self.pattern:
            return []
        return [
            StatuteMention(m.start(), m.end(), m[0], self.by_name[_key(m[0])])
            for m in self.pattern.finditer(text)
        ]


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


_DEFAULT_INDEX: StatuteIndex | None = None


def default_index() -> StatuteIndex:
    global _DEFAULT_INDEX
    if _DEFAULT_INDEX is None:
        _DEFAULT_INDEX = StatuteIndex()
    return _DEFAULT_INDEX


def find_legislation(
    text: str, index: StatuteIndex | None = None
) -> list[StatuteMention | ProvisionRef]:
    """Statute names and the provisions they resolve, in order of position."""
    text = text or ""
    index = index or default_index()
    mentions = index.mentions(text)
    starts = [m.start for m in mentions]
    found: list[StatuteMention | ProvisionRef] = list(mentions)
    for match in PROVISION.finditer(text):
        # Mentions are in order and do not overlap: only the neighbours can clash.
        i = bisect.bisect_left(starts, match.end())
        if i and mentions[i - 1].end > match.start():
            continue
        statute = _statute_for(text, match, mentions[max(0, i - 8) : i + 1])
        if statute is None or not _unit_fits(match["unit"], statute):
            continue
        found.extend(_parts(text, match, statute))
    return sorted(found, key=lambda f: f.start)


def _statute_for(text, match, mentions) -> StatuteRef | None:
    after = re.match(r"\s+(?:of\s+(?:the\s+)?)?", text[match.end() :])
    if after:
        at = match.end() + after.end()
        for m in mentions:
            if m.start == at:
                return m.statute
    for m in reversed(mentions):
        if m.end <= match.start() and re.fullmatch(
            r"\s*,?\s*", text[m.end : match.start()]
        ):
            return m.statute
    window = max(0, match.start() - _CONTEXT)
    before = text[window : match.start()]
    if _FOREIGN_BEFORE.search(before[-40:]):
        return None
    boundaries = [b.end() for b in _SENTENCE_END.finditer(before)]
    sentence_start = window + (boundaries[-1] if boundaries else 0)
    earlier = [
        m for m in mentions if sentence_start <= m.start and m.end <= match.start()
    ]
    return earlier[-1].statute if earlier else None


def _unit_fits(unit: str, statute: StatuteRef) -> bool:
    unit = unit.lower()
    if statute.is_instrument:
        return unit in _REGULATION_UNITS
    return unit in _SECTION_UNITS


def _parts(text: str, match: re.Match[str], statute: StatuteRef) -> list[ProvisionRef]:
    parts = []
    offset = match.start("items")
    for number, item in enumerate(_ITEM.finditer(match["items"])):
        if number and _YEAR.fullmatch(item[0]):
            break
        start = match.start() if number == 0 else offset + item.start()
        end = offset + item.end()
        head = re.match(r"\d{1,4}[A-Z]{0,3}", item[0])[0]
        parts.append(
            ProvisionRef(
                start, end, text[start:end], statute, head, item[0][len(head) :].strip()
            )
        )
    return parts
