"""The Acts and statutory instruments the legislation finder knows without a database.

Each identity (type, year, number) is taken from the checked reference data
(`legal_facts.json`: its six statutes) or from legislation.gov.uk links in The
National Archives' enriched judgment (`[2025] EWCA Civ 673`: the Human Rights Act,
the Freedom of Information Act, the Senior Courts Act). The Django layer adds every
statute casebase holds, so an editor's new statute is recognised by its short title.
"""

from dataclasses import dataclass, field

PRIMARY_TYPES = {"ukpga", "asp", "nia", "asc", "anaw", "ukla"}


@dataclass(frozen=True)
class StatuteRef:
    title: str
    legislation_type: str
    year: int
    number: int
    # Short forms lawyers write: `CDPA`, `CDPA 1988`, `TMA 1994`.
    abbreviations: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.legislation_type}/{self.year}/{self.number}"

    @property
    def is_instrument(self) -> bool:
        return self.legislation_type not in PRIMARY_TYPES

    @property
    def unit(self) -> str:
        """What its parts are called in legislation.gov.uk URIs."""
        return "regulation" if self.is_instrument else "section"

    @property
    def legislation_url(self) -> str:
        return f"https://www.legislation.gov.uk/{self.path}/contents"

    def provision_url(self, number: str) -> str:
        return f"https://www.legislation.gov.uk/{self.path}/{self.unit}/{number}"

    @property
    def si_number(self) -> str:
        """`SI 1997/3032` for a UK statutory instrument, "" otherwise."""
        return (
            f"SI {self.year}/{self.number}" if self.legislation_type == "uksi" else ""
        )


KNOWN_STATUTES: tuple[StatuteRef, ...] = (
    StatuteRef(
        "Copyright, Designs and Patents Act 1988",
        "ukpga",
        1988,
        48,
        ("CDPA 1988", "CDPA", "CDPA88"),
    ),
    StatuteRef("Patents Act 1977", "ukpga", 1977, 37, ("PA 1977",)),
    StatuteRef("Trade Marks Act 1994", "ukpga", 1994, 26, ("TMA 1994", "TMA")),
    StatuteRef("Computer Misuse Act 1990", "ukpga", 1990, 18, ("CMA 1990",)),
    StatuteRef(
        "Data (Use and Access) Act 2025", "ukpga", 2025, 18, ("DUAA 2025", "DUAA")
    ),
    StatuteRef(
        "Copyright and Rights in Databases Regulations 1997",
        "uksi",
        1997,
        3032,
        ("Database Regulations 1997",),
    ),
    StatuteRef(
        "Trade Secrets (Enforcement, etc.) Regulations 2018",
        "uksi",
        2018,
        597,
        ("Trade Secrets Regulations 2018", "Trade Secrets Regulations"),
    ),
    StatuteRef("Human Rights Act 1998", "ukpga", 1998, 42, ("HRA 1998",)),
    StatuteRef("Freedom of Information Act 2000", "ukpga", 2000, 36, ("FOIA 2000",)),
    StatuteRef("Senior Courts Act 1981", "ukpga", 1981, 54, ("SCA 1981",)),
)
