"""OSCOLA (4th edition) citations for judgments, legislation and pending disputes.

- A UK case: its name, the neutral citation, then the best report (the Law Reports,
  then WLR, then All ER, then a specialist series): `Vestergaard Frandsen A/S v
  Bestnet Europe Ltd [2013] UKSC 31, [2013] 1 WLR 1556`. With no neutral citation,
  the court follows in brackets unless the report shows it: `Faccenda Chicken Ltd v
  Fowler [1987] Ch 117 (CA)`.
- An EU case: case number, name, ECLI without its `ECLI:` prefix, then the European
  Court Reports where there is a report: `Case C-406/10 SAS Institute Inc v World
  Programming Ltd EU:C:2012:259`.
- Legislation: `Copyright, Designs and Patents Act 1988, s 16`; a statutory
  instrument with its SI number: `Copyright and Rights in Databases Regulations 1997,
  SI 1997/3032, reg 12`. No full stop after `s` or `reg`; ranges take an en dash.
- A pending dispute (OSCOLA has no rule for one): its caption, then court and claim
  number in brackets, as for an unreported case.
"""

import re

from casebase.citations import eu, neutral
from casebase.citations import reports as report_series

# Words casebase adds to tell apart judgments of the same name; not part of the name.
_DISAMBIGUATION = re.compile(
    r"\s*\((?:CJEU|ECJ|High Court|Court of Appeal|Supreme Court|House of Lords)\)\s*$"
)
# OSCOLA omits "and others" and "and another" from case names.
_OTHERS = re.compile(r"\s*(?:&|and)\s+(?:Ors|Anor|others|another)\.?(?=\s|$|;)", re.I)


def clean_case_name(name: str) -> str:
    """The case name as OSCOLA writes it, without casebase's disambiguating suffix."""
    name = _DISAMBIGUATION.sub("", " ".join((name or "").split()))
    return _OTHERS.sub("", name).strip()


def oscola_case(
    case_name: str, neutral_citation: str, reports: list[str], *, court: str = ""
) -> str:
    """The OSCOLA citation of a judgment. `court` (`CA`, `Ch`, `HL`) is used only
    where there is no neutral citation; an EU citation is formatted as an EU case."""
    name = clean_case_name(case_name)
    eu_parts = _eu_parts(neutral_citation)
    if eu_parts:
        return oscola_eu_case(name, *eu_parts, reports=reports)
    citation = neutral.normalise(neutral_citation or "")
    best = report_series.best_report(list(reports or []))
    if citation and neutral.parse(citation):
        return ", ".join(p for p in (f"{name} {citation}", best) if p).strip()
    if best:
        shown = _court_shown_by(best)
        suffix = f" ({court})" if court and court != shown else ""
        return f"{name} {best}{suffix}"
    return f"{name} {citation}".strip()


def oscola_eu_case(
    name: str, case_number: str, ecli: str = "", *, reports: list[str] | None = None
) -> str:
    """`Case C-406/10 SAS Institute Inc v World Programming Ltd EU:C:2012:259`, with
    the ECR report after a comma when there is one."""
    parsed = eu.parse_case(case_number)
    number = f"Case {parsed.canonical}" if parsed else case_number
    ecli_parsed = eu.parse_ecli(ecli) if ecli else None
    ecr = [
        r
        for r in (report_series.parse(c) for c in reports or [])
        if r and r.series.abbreviation == "ECR"
    ]
    head = " ".join(p for p in (number, clean_case_name(name)) if p)
    if ecli_parsed:
        head = f"{head} {ecli_parsed.oscola}"
        return f"{head}, {ecr[0].canonical}" if ecr else head
    return f"{head} {ecr[0].canonical}" if ecr else head


def _eu_parts(citation: str) -> tuple[str, str] | None:
    """(case number, ECLI) of a stored EU citation such as `Case C-406/10,
    ECLI:EU:C:2012:259`, or None when it is not an EU citation."""
    text = " ".join((citation or "").split())
    case = eu.CASE_NUMBER.search(text) or eu.OLD_CASE_NUMBER.search(text)
    ecli = eu.ECLI.search(text)
    if not case:
        return None
    return eu.case_from_match(case).canonical, (ecli[0] if ecli else "")


def _court_shown_by(report: str) -> str:
    """Appeal Cases report the House of Lords / Supreme Court; other series say nothing."""
    return "HL" if " AC " in f" {report} " else ""


_LABEL = re.compile(
    r"^(?P<unit>ss?|sections?|regs?|regulations?|r)\.?\s*(?P<rest>\d[\w()\s\-\u2013]*?)\s*(?:\(esp\..*|\(.*:.*)?$",
    re.I,
)


def provision_pinpoint(label: str, *, instrument: bool) -> str:
    """`s. 1(2)(c)` -> `s 1(2)(c)`; `s. 10(1)-(3)` -> `s 10(1)\u2013(3)`; `reg. 12` ->
    `reg 12`. A note after the number (`s. 27 (esp. s.27(2)-(3))`) is dropped."""
    match = _LABEL.match(" ".join((label or "").split()))
    if not match:
        return label.strip()
    rest = re.sub(r"\s*[-\u2013]\s*", "\u2013", match["rest"].strip())
    unit = match["unit"].lower()
    plural = (
        unit in {"ss", "sections", "regs", "regulations"}
        or "\u2013" in rest.split("(")[0]
    )
    if unit.startswith("r") or (instrument and not unit.startswith("s")):
        word = "regs" if plural else "reg"
    else:
        word = "ss" if plural else "s"
    return f"{word} {rest}"


def oscola_provision(
    statute_title: str, label: str, *, si_number: str = "", instrument: bool = False
) -> str:
    """`Copyright, Designs and Patents Act 1988, s 16`; `Copyright and Rights in
    Databases Regulations 1997, SI 1997/3032, reg 12`."""
    parts = [statute_title.strip()]
    if si_number:
        parts.append(si_number)
    if label:
        parts.append(
            provision_pinpoint(label, instrument=instrument or bool(si_number))
        )
    return ", ".join(parts)


def oscola_dispute(
    caption: str, court: str = "", case_number: str = "", *, number_label: str = "No"
) -> str:
    """A pending case: `Getty Images (US) Inc v Stability AI Ltd (High Court, Chancery
    Division (IP List), Claim No IL-2023-000007)` with `number_label="Claim No"`.
    A dispute with no proceedings is cited by its caption alone."""
    number = " ".join((case_number or "").split())
    inside = ", ".join(
        p
        for p in (
            " ".join((court or "").split()),
            f"{number_label} {number}" if number else "",
        )
        if p
    )
    caption = clean_case_name(caption)
    return f"{caption} ({inside})" if inside else caption


# OSCOLA's court abbreviations, for judgments cited without a neutral citation.
_COURT_WORDS = (
    ("House of Lords", "HL"),
    ("Privy Council", "PC"),
    ("Supreme Court", "SC"),
    ("Court of Appeal", "CA"),
    ("Patents", "Pat"),
    ("Chancery", "Ch"),
    ("Queen's Bench", "QB"),
    ("King's Bench", "KB"),
    ("Family", "Fam"),
    ("Commercial", "Comm"),
)
_TNA_CODES = {
    "UKHL": "HL",
    "UKPC": "PC",
    "UKSC": "SC",
    "EWCA-Civil": "CA",
    "EWCA-Criminal": "CA",
    "EWHC-Chancery": "Ch",
    "EWHC-Chancery-Patents": "Pat",
    "EWHC-QBD": "QB",
    "EWHC-KBD": "KB",
    "EWHC-Family": "Fam",
}


def court_abbreviation(*, tna_code: str = "", name: str = "") -> str:
    if tna_code in _TNA_CODES:
        return _TNA_CODES[tna_code]
    for words, abbreviation in _COURT_WORDS:
        if words.lower() in (name or "").lower().replace("\u2019", "'"):
            return abbreviation
    return ""


# The functions below take casebase's records (or anything with the same attributes),
# so the API and the pages share one formatter without this module importing Django.


def format_precedent(precedent) -> str:
    court = getattr(precedent, "court", None)
    return oscola_case(
        precedent.case_name,
        precedent.neutral_citation or "",
        list(precedent.law_report_citations or []),
        court=court_abbreviation(
            tna_code=getattr(court, "tna_code", "") or "",
            name=getattr(court, "name", "") or "",
        ),
    )


def format_provision(provision) -> str:
    statute = provision.statute
    si = statute.chapter_or_si if statute.legislation_type == "uksi" else ""
    return oscola_provision(
        statute.short_title,
        provision.label,
        si_number=si if si.startswith("SI ") else "",
        instrument=provision.unit == "regulation",
    )


_NO_NUMBER = {"", "none", "not found", "unknown", "n/a"}


def format_dispute(dispute, *, court=None) -> str:
    """`court` is the court the reader may see (a hidden court is left out)."""
    number = (dispute.case_number or "").strip()
    uk = bool(court and getattr(getattr(court, "jurisdiction", None), "is_uk", False))
    return oscola_dispute(
        dispute.title,
        court.name if court else "",
        "" if number.lower() in _NO_NUMBER else number,
        number_label="Claim No" if uk else "No",
    )
