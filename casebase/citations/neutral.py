"""UK neutral citations: recognise, normalise, and map to a Find Case Law path.

The rules follow The National Archives' `neutral_citation_regex.yaml` (ds-caselaw-utils):
the path of `[2022] EAT 1` is `eat/2022/1`; of `[2025] EWHC 2863 (Ch)`, `ewhc/ch/2025/2863`.
"""

import re

FIND_CASE_LAW = "https://caselaw.nationalarchives.gov.uk/"

_EWHC_DIVISIONS = "Admin|Admlty|Ch|Comm|Costs|Fam|IPEC|Pat|QB|KB|SCCO|TCC|Mercantile"

# (pattern, order of groups in the path)
_RULES: list[tuple[re.Pattern[str], tuple[int, ...]]] = [
    (re.compile(r"^\[(\d{4})\] (UKSC|UKPC|UKHL|UKIPTrib) (\d+)$"), (2, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (EWCA) (Civ|Crim) (\d+)$"), (2, 3, 1, 4)),
    (
        re.compile(rf"^\[(\d{{4}})\] (EWHC) (\d+) \(({_EWHC_DIVISIONS})\)$"),
        (2, 4, 1, 3),
    ),
    (re.compile(r"^\[(\d{4})\] (EWFC|EWCOP|EWCC|EWCR) (\d+)$"), (2, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (EWCOP) (\d+) \((T1|T2|T3)\)$"), (2, 4, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (UKUT) (\d+) \((AAC|IAC|LC|TCC)\)$"), (2, 4, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (EAT) (\d+)$"), (2, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (UKFTT) (\d+) \((TC|GRC|PC|HESC)\)$"), (2, 4, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (UKAIT) (\d+)$"), (2, 1, 3)),
    (re.compile(r"^\[(\d{4})\] (EWFC) (\d+) \((B)\)$"), (2, 4, 1, 3)),
]

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Tidy the common malformed forms: round or odd brackets, case, spacing.

    `(2023) uksc 49` and `]2023] UKSC 49` become `[2023] UKSC 49`. Text that is not
    shaped like a neutral citation comes back stripped but otherwise unchanged.
    """
    cleaned = _SPACES.sub(" ", text.strip())
    match = re.match(r"^[\[\(\]]\s*(\d{4})\s*[\]\)\[]\s*(.+)$", cleaned)
    if not match:
        return cleaned
    year, rest = match.groups()
    parts = rest.replace("(", " (").replace(" )", ")").split()
    words: list[str] = []
    for part in parts:
        if part.startswith("("):
            inner = part.strip("()")
            division = next(
                (
                    d
                    for d in _EWHC_DIVISIONS.split("|")
                    + [
                        "AAC",
                        "IAC",
                        "LC",
                        "TC",
                        "GRC",
                        "PC",
                        "HESC",
                        "T1",
                        "T2",
                        "T3",
                        "B",
                    ]
                    if d.lower() == inner.lower()
                ),
                inner,
            )
            words.append(f"({division})")
        elif part.lower() in {"civ", "crim"}:
            words.append(part.capitalize())
        else:
            words.append(part.upper())
    candidate = f"[{year}] " + " ".join(words)
    return candidate if citation_path(candidate) else cleaned


def citation_path(citation: str) -> str:
    """The Find Case Law path for a canonical neutral citation, or "" if it is not one."""
    for pattern, order in _RULES:
        match = pattern.match(citation.strip())
        if match:
            return "/".join(match.group(i).lower() for i in order)
    return ""


def find_case_law_url(citation: str) -> str:
    """Find Case Law's address for the judgment. House of Lords judgments predate it."""
    path = citation_path(citation)
    return FIND_CASE_LAW + path if path and not path.startswith("ukhl/") else ""
