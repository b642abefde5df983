"""The UK courts and tribunals that issue neutral citations, and how each is written.

England and Wales and the UK-wide courts follow The National Archives' registry
(ds-caselaw-utils `court_names.yaml` and `neutral_citation_regex.yaml`): each entry's
`param` is its Find Case Law path, and `[2022] EAT 1` lives at `eat/2022/1`. The
House of Lords, the Competition Appeal Tribunal and the Scottish and Northern Irish
courts issue neutral citations too, but Find Case Law does not publish them; they get
an internal path (for casebase's own citation-shaped URLs) and no Find Case Law URL.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NeutralCourt:
    """One way a neutral citation can be written: `[year] CODE [SUB] number [(DIV)]`."""

    code: str
    name: str
    # `Civ` in `EWCA Civ 1`, or `Civ` in `SAC (Civ) 1` (then `sub_in_brackets`).
    sub: str = ""
    # `Ch` in `EWHC 1 (Ch)`: the division written after the number.
    division: str = ""
    find_case_law: bool = True
    sub_in_brackets: bool = False
    example: str = ""

    @property
    def path_prefix(self) -> str:
        parts = [self.code, self.sub, self.division]
        return "/".join(p.lower() for p in parts if p)

    def canonical(self, year: int, number: int) -> str:
        middle = self.code
        if self.sub:
            middle += f" ({self.sub})" if self.sub_in_brackets else f" {self.sub}"
        text = f"[{year}] {middle} {number}"
        return f"{text} ({self.division})" if self.division else text


def _ewhc(division: str, name: str, example: str) -> NeutralCourt:
    return NeutralCourt("EWHC", name, division=division, example=example)


# The examples are TNA's own (`ncn_examples`), or for the courts TNA does not list,
# citations of the documented form.
COURTS: tuple[NeutralCourt, ...] = (
    NeutralCourt("UKSC", "United Kingdom Supreme Court", example="[2013] UKSC 42"),
    NeutralCourt("UKPC", "Privy Council", example="[2011] UKPC 25"),
    NeutralCourt(
        "UKHL", "House of Lords", find_case_law=False, example="[2007] UKHL 21"
    ),
    NeutralCourt(
        "EWCA",
        "Court of Appeal (Civil Division)",
        sub="Civ",
        example="[2008] EWCA Civ 649",
    ),
    NeutralCourt(
        "EWCA",
        "Court of Appeal (Criminal Division)",
        sub="Crim",
        example="[2014] EWCA Crim 420",
    ),
    _ewhc("Admin", "High Court (Administrative Court)", "[2009] EWHC 995 (Admin)"),
    _ewhc("Admlty", "High Court (Admiralty Court)", "[2018] EWHC 82 (Admlty)"),
    _ewhc("Ch", "High Court (Chancery Division)", "[2016] EWHC 2142 (Ch)"),
    _ewhc("Comm", "High Court (Commercial Court)", "[2011] EWHC 68 (Comm)"),
    _ewhc("Costs", "High Court (Costs)", ""),
    _ewhc("Fam", "High Court (Family Division)", "[2013] EWHC 3158 (Fam)"),
    _ewhc(
        "IPEC",
        "High Court (Intellectual Property Enterprise Court)",
        "[2014] EWHC 349 (IPEC)",
    ),
    _ewhc("Pat", "High Court (Patents Court)", "[2015] EWHC 3163 (Pat)"),
    _ewhc("QB", "High Court (Queen's Bench Division)", "[2019] EWHC 2488 (QB)"),
    _ewhc("KB", "High Court (King's Bench Division)", "[2024] EWHC 285 (KB)"),
    _ewhc("SCCO", "High Court (Senior Courts Costs Office)", "[2022] EWHC 3349 (SCCO)"),
    _ewhc(
        "TCC",
        "High Court (Technology and Construction Court)",
        "[2014] EWHC 1800 (TCC)",
    ),
    _ewhc(
        "Mercantile", "High Court (Mercantile Court)", "[2014] EWHC 1195 (Mercantile)"
    ),
    NeutralCourt("EWCR", "Crown Court", example="[2025] EWCR 3"),
    NeutralCourt("EWCC", "County Court", example="[2025] EWCC 26"),
    NeutralCourt("EWFC", "Family Court", example="[2024] EWFC 141"),
    NeutralCourt(
        "EWFC",
        "Family Court (district and circuit judges)",
        division="B",
        example="[2025] EWFC 79 (B)",
    ),
    NeutralCourt("EWCOP", "Court of Protection", example="[2016] EWCOP 11"),
    NeutralCourt(
        "EWCOP",
        "Court of Protection (Tier 1)",
        division="T1",
        example="[2024] EWCOP 51 (T1)",
    ),
    NeutralCourt(
        "EWCOP",
        "Court of Protection (Tier 2)",
        division="T2",
        example="[2023] EWCOP 75 (T2)",
    ),
    NeutralCourt(
        "EWCOP",
        "Court of Protection (Tier 3)",
        division="T3",
        example="[2024] EWCOP 44 (T3)",
    ),
    NeutralCourt(
        "UKIPTrib", "Investigatory Powers Tribunal", example="[2023] UKIPTrib 11"
    ),
    NeutralCourt("EAT", "Employment Appeal Tribunal", example="[2024] EAT 100"),
    NeutralCourt(
        "UKUT",
        "Upper Tribunal (Administrative Appeals Chamber)",
        division="AAC",
        example="[2024] UKUT 326 (AAC)",
    ),
    NeutralCourt(
        "UKUT",
        "Upper Tribunal (Immigration and Asylum Chamber)",
        division="IAC",
        example="[2016] UKUT 562 (IAC)",
    ),
    NeutralCourt(
        "UKUT",
        "Upper Tribunal (Lands Chamber)",
        division="LC",
        example="[2017] UKUT 135 (LC)",
    ),
    NeutralCourt(
        "UKUT",
        "Upper Tribunal (Tax and Chancery Chamber)",
        division="TCC",
        example="[2017] UKUT 504 (TCC)",
    ),
    NeutralCourt("UKAIT", "Asylum and Immigration Tribunal", example="[2009] UKAIT 10"),
    NeutralCourt(
        "UKFTT",
        "First-tier Tribunal (Tax Chamber)",
        division="TC",
        example="[2022] UKFTT 159 (TC)",
    ),
    NeutralCourt(
        "UKFTT",
        "First-tier Tribunal (General Regulatory Chamber)",
        division="GRC",
        example="[2024] UKFTT 1069 (GRC)",
    ),
    NeutralCourt(
        "UKFTT",
        "First-tier Tribunal (Property Chamber)",
        division="PC",
        example="[2025] UKFTT 1077 (PC)",
    ),
    NeutralCourt(
        "UKFTT",
        "First-tier Tribunal (Health, Education and Social Care)",
        division="HESC",
        example="[2025] UKFTT 1104 (HESC)",
    ),
    NeutralCourt(
        "CAT",
        "Competition Appeal Tribunal",
        find_case_law=False,
        example="[2023] CAT 12",
    ),
    # Scotland.
    NeutralCourt(
        "CSIH",
        "Court of Session (Inner House)",
        find_case_law=False,
        example="[2019] CSIH 12",
    ),
    NeutralCourt(
        "CSOH",
        "Court of Session (Outer House)",
        find_case_law=False,
        example="[2023] CSOH 45",
    ),
    NeutralCourt(
        "HCJAC",
        "High Court of Justiciary (Appeal Court)",
        find_case_law=False,
        example="[2020] HCJAC 5",
    ),
    NeutralCourt(
        "HCJ", "High Court of Justiciary", find_case_law=False, example="[2018] HCJ 4"
    ),
    NeutralCourt(
        "SAC",
        "Sheriff Appeal Court (Civil)",
        sub="Civ",
        sub_in_brackets=True,
        find_case_law=False,
        example="[2017] SAC (Civ) 1",
    ),
    NeutralCourt(
        "SAC",
        "Sheriff Appeal Court (Criminal)",
        sub="Crim",
        sub_in_brackets=True,
        find_case_law=False,
        example="[2016] SAC (Crim) 3",
    ),
    # Northern Ireland.
    NeutralCourt(
        "NICA",
        "Court of Appeal in Northern Ireland",
        find_case_law=False,
        example="[2019] NICA 45",
    ),
    NeutralCourt(
        "NIQB",
        "High Court of Northern Ireland (Queen's Bench)",
        find_case_law=False,
        example="[2020] NIQB 12",
    ),
    NeutralCourt(
        "NIKB",
        "High Court of Northern Ireland (King's Bench)",
        find_case_law=False,
        example="[2023] NIKB 5",
    ),
    NeutralCourt(
        "NICh",
        "High Court of Northern Ireland (Chancery)",
        find_case_law=False,
        example="[2021] NICh 3",
    ),
    NeutralCourt(
        "NIFam",
        "High Court of Northern Ireland (Family)",
        find_case_law=False,
        example="[2021] NIFam 4",
    ),
    NeutralCourt(
        "NICC",
        "Crown Court in Northern Ireland",
        find_case_law=False,
        example="[2019] NICC 1",
    ),
    NeutralCourt(
        "NIMaster",
        "High Court of Northern Ireland (Master)",
        find_case_law=False,
        example="[2019] NIMaster 10",
    ),
)

CODES: dict[str, str] = {c.code.lower(): c.code for c in COURTS}

# Ways real judgments write a division or sub-division, mapped to the canonical form.
ALIASES: dict[str, str] = {
    "chancery": "Ch",
    "chd": "Ch",
    "patents": "Pat",
    "patent": "Pat",
    "qbd": "QB",
    "kbd": "KB",
    "admiralty": "Admlty",
    "civil": "Civ",
    "criminal": "Crim",
    "comm ct": "Comm",
    "ipec": "IPEC",
}


def find_court(code: str, sub: str = "", division: str = "") -> NeutralCourt | None:
    """The court written `code` / `sub` / `division`, compared without regard to case."""
    code, sub, division = (
        (code or "").lower(),
        _alias(sub).lower(),
        _alias(division).lower(),
    )
    for court in COURTS:
        if (
            court.code.lower() == code
            and court.sub.lower() == sub
            and court.division.lower() == division
        ):
            return court
    return None


def _alias(text: str) -> str:
    text = " ".join((text or "").replace(".", " ").split())
    return ALIASES.get(text.lower(), text)
