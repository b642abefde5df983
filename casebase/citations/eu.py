"""EU case numbers (`C-406/10`, `T-344/99`, pre-1989 `Case 240/83`) and ECLIs."""

import re
from dataclasses import dataclass

_DASH = r"[-\u2010-\u2015\u2212]"

CASE_NUMBER = re.compile(
    rf"""
    (?<![\w/-])
    (?:(?P<word>(?:Joined\s+)?Cases?)\s+)?
    (?P<court>[CTF])\s*{_DASH}\s*(?P<number>\d{{1,4}})\s*/\s*(?P<year>\d{{2}}(?:\d{{2}})?)
    (?P<appeal>\s?P)?
    (?![\w/])
    """,
    re.VERBOSE,
)
# Before 1989 there was one court and no prefix; only `Case 240/83` is unambiguous.
OLD_CASE_NUMBER = re.compile(
    r"(?<![\w/])(?P<word>Case)\s+(?P<number>\d{1,4})/(?P<year>\d{2})(?![\w/])"
)

# `ECLI:EU:C:2012:259`; OSCOLA writes the same identifier without `ECLI:`.
ECLI = re.compile(
    r"(?<![\w:])(?P<prefix>ECLI\s*:\s*)?(?P<country>EU|[A-Z]{2})\s*:\s*(?P<court>[A-Z0-9.]{1,7})"
    r"\s*:\s*(?P<year>(?:19|20)\d\d)\s*:\s*(?P<ordinal>[A-Z0-9.]{1,25})(?![\w:])"
)


@dataclass(frozen=True)
class EUCase:
    court: str
    number: int
    year: str
    appeal: bool = False

    @property
    def canonical(self) -> str:
        prefix = f"{self.court}-" if self.court else ""
        return f"{prefix}{self.number}/{self.year}{' P' if self.appeal else ''}"

    @property
    def curia_url(self) -> str:
        number = self.canonical.replace(" ", "")
        return f"https://curia.europa.eu/juris/liste.jsf?num={number}&language=en"


@dataclass(frozen=True)
class Ecli:
    country: str
    court: str
    year: int
    ordinal: str

    @property
    def canonical(self) -> str:
        return f"ECLI:{self.country}:{self.court}:{self.year}:{self.ordinal}"

    @property
    def oscola(self) -> str:
        """OSCOLA writes an EU ECLI without its `ECLI:` prefix: `EU:C:2012:259`."""
        return self.canonical.removeprefix("ECLI:")

    @property
    def eur_lex_url(self) -> str:
        if self.country != "EU":
            return ""
        return (
            f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=ecli:{self.canonical}"
        )


def case_from_match(match: re.Match[str]) -> EUCase:
    groups = match.groupdict()
    return EUCase(
        court=(groups.get("court") or "").upper(),
        number=int(groups["number"]),
        year=groups["year"],
        appeal=bool(groups.get("appeal")),
    )


def ecli_from_match(match: re.Match[str]) -> Ecli | None:
    # Without `ECLI:` only the EU form is distinctive enough to accept (`EU:C:2012:259`).
    if not match["prefix"] and match["country"] != "EU":
        return None
    return Ecli(match["country"], match["court"], int(match["year"]), match["ordinal"])


def parse_case(text: str) -> EUCase | None:
    cleaned = " ".join((text or "").split())
    match = CASE_NUMBER.fullmatch(cleaned) or OLD_CASE_NUMBER.fullmatch(cleaned)
    return case_from_match(match) if match else None


def parse_ecli(text: str) -> Ecli | None:
    match = ECLI.fullmatch(" ".join((text or "").split()))
    return ecli_from_match(match) if match else None
