"""Law-report citations (`[2008] 1 AC 1`, `(2020) 71 EHRR 2`, `[2004] ECR I-10415`).

Each series carries its rank in OSCOLA's order of authority: the Law Reports first
(AC, QB, KB, Ch, Fam), then the Weekly Law Reports and the All England Law Reports, then
specialist series (those of the Incorporated Council of Law Reporting before others,
as JustCite and the Practice Direction on citation order them).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    abbreviation: str
    name: str
    rank: int
    # Series whose volumes are numbered independently of the year cite it in round
    # brackets: `(2020) 71 EHRR 2`. The rest use square brackets.
    round_year: bool = False


LAW_REPORTS, WLR, ALL_ER, ICLR_SPECIALIST, SPECIALIST, EU_OFFICIAL = 1, 2, 3, 4, 5, 6

SERIES: tuple[Series, ...] = (
    Series("AC", "Law Reports, Appeal Cases", LAW_REPORTS),
    Series("QB", "Law Reports, Queen's Bench", LAW_REPORTS),
    Series("KB", "Law Reports, King's Bench", LAW_REPORTS),
    Series("Ch", "Law Reports, Chancery", LAW_REPORTS),
    Series("Fam", "Law Reports, Family", LAW_REPORTS),
    Series("P", "Law Reports, Probate", LAW_REPORTS),
    Series("WLR", "Weekly Law Reports", WLR),
    Series("All ER (Comm)", "All England Law Reports (Commercial Cases)", ALL_ER),
    Series("All ER (EC)", "All England Law Reports (European Cases)", ALL_ER),
    Series("All ER", "All England Law Reports", ALL_ER),
    Series("Bus LR", "Business Law Reports", ICLR_SPECIALIST),
    Series("ICR", "Industrial Cases Reports", ICLR_SPECIALIST),
    Series("PTSR", "Public and Third Sector Law Reports", ICLR_SPECIALIST),
    Series("RPC", "Reports of Patent, Design and Trade Mark Cases", SPECIALIST),
    Series("FSR", "Fleet Street Reports", SPECIALIST),
    Series("ECDR", "European Copyright and Design Reports", SPECIALIST),
    Series("EMLR", "Entertainment and Media Law Reports", SPECIALIST),
    Series("IRLR", "Industrial Relations Law Reports", SPECIALIST),
    Series("CMLR", "Common Market Law Reports", SPECIALIST),
    Series("ETMR", "European Trade Mark Reports", SPECIALIST),
    Series("Lloyd's Rep", "Lloyd's Law Reports", SPECIALIST),
    Series("BCLC", "Butterworths Company Law Cases", SPECIALIST),
    Series("BCC", "British Company Law Cases", SPECIALIST),
    Series("CLC", "Commercial Law Cases", SPECIALIST),
    Series("FLR", "Family Law Reports", SPECIALIST),
    Series("BLR", "Building Law Reports", SPECIALIST),
    Series("STC", "Simon's Tax Cases", SPECIALIST),
    Series("UKHRR", "UK Human Rights Reports", SPECIALIST),
    Series("EHRR", "European Human Rights Reports", SPECIALIST, round_year=True),
    Series("BHRC", "Butterworths Human Rights Cases", SPECIALIST, round_year=True),
    Series("Cr App R", "Criminal Appeal Reports", SPECIALIST, round_year=True),
    Series("JP", "Justice of the Peace Reports", SPECIALIST, round_year=True),
    Series("BMLR", "Butterworths Medico-Legal Reports", SPECIALIST, round_year=True),
    Series(
        "P & CR",
        "Property, Planning and Compensation Reports",
        SPECIALIST,
        round_year=True,
    ),
    Series("HLR", "Housing Law Reports", SPECIALIST, round_year=True),
    Series("ECR", "European Court Reports", EU_OFFICIAL),
)

_BY_KEY = {re.sub(r"[\s.]", "", s.abbreviation).lower(): s for s in SERIES}


def _series_pattern(abbreviation: str) -> str:
    # Spaces and stops inside an abbreviation are optional: `Bus LR`, `BusLR`, `Bus. L.R.`.
    parts = [re.escape(ch) for ch in abbreviation.replace(" ", "")]
    return r"\.?\s*".join(parts) + r"\.?"


_SERIES_ALTERNATIVES = "|".join(
    _series_pattern(s.abbreviation)
    for s in sorted(SERIES, key=lambda s: len(s.abbreviation), reverse=True)
)

TOLERANT = re.compile(
    rf"""
    (?<![\w\]\)])
    [\[\(\]]\s*(?P<year>(?:18|19|20)\d\d)\s*[\]\)\[]
    \s*(?:(?P<volume>\d{{1,3}})\s+)?
    (?P<series>{_SERIES_ALTERNATIVES})
    \s+(?P<page>(?:(?P<ecr_volume>II|I)\s*[-\u2010-\u2015]\s*)?\d{{1,5}})\b
    (?!\s*/)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class ReportCitation:
    year: int
    volume: str
    series: Series
    page: str

    @property
    def canonical(self) -> str:
        year = f"({self.year})" if self.series.round_year else f"[{self.year}]"
        volume = f" {self.volume}" if self.volume else ""
        return f"{year}{volume} {self.series.abbreviation} {self.page}"

    @property
    def rank(self) -> int:
        return self.series.rank


def from_match(match: re.Match[str]) -> ReportCitation | None:
    series = _BY_KEY.get(re.sub(r"[\s.]", "", match["series"]).lower())
    if series is None:
        return None
    # A one-letter series (`P`) is only accepted as written, so that `[1990] p 12`
    # in running text is not taken for a Probate report.
    if len(series.abbreviation) == 1 and match["series"] != series.abbreviation:
        return None
    page = re.sub(r"\s+", "", re.sub(r"[\u2010-\u2015]", "-", match["page"]))
    if match["ecr_volume"]:
        page = f"{match['ecr_volume'].upper()}-{page.split('-')[-1]}"
    return ReportCitation(
        int(match["year"]),
        str(int(match["volume"])) if match["volume"] else "",
        series,
        page,
    )


def parse(text: str) -> ReportCitation | None:
    """The report citation that `text` is, or None. A trailing note in brackets
    (`[2007] RPC 25 (p.589)`) is allowed and dropped."""
    cleaned = " ".join((text or "").split())
    match = TOLERANT.match(cleaned)
    if not match:
        return None
    rest = cleaned[match.end() :].strip()
    if rest and not re.fullmatch(r"\([^()]*\)", rest):
        return None
    return from_match(match)


def best_report(citations: list[str]) -> str:
    """The most authoritative of `citations` per OSCOLA, as written canonically
    (the first one given wins a tie); "" when none is a recognised report."""
    parsed = [p for p in (parse(c) for c in citations) if p]
    if not parsed:
        return ""
    return min(enumerate(parsed), key=lambda pair: (pair[1].rank, pair[0]))[1].canonical
