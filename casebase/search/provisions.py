"""Provision references typed into the search box: `s 16 CDPA`, `CDPA 1988, s.16`,
`section 1(2) of the Patents Act 1977`, `reg 2 Trade Secrets Regulations 2018`.

Lawyers cite legislation in many shapes: the unit spelt out or abbreviated, the Act
by its short title (with or without its year or a parenthesis) or by its initials,
before or after the section. Each searchable provision carries one key naming its
Act, unit and number (`provision_key`); a reference typed on its own is turned into
the same key (`reference_keys`) and looked up like a citation: the provision comes
first, or the search page goes straight to it when only one record has the key.
A provision stored as `s. 1(2)(c)` carries a key for `s 1`, `s 1(2)` and `s 1(2)(c)`;
`s 1(2)` is looked up as itself first, then as `s 1` when nothing is stored that
precisely (`s 10(2)` finds a provision stored as `s. 10(1)-(3)`).

Only Acts and SIs that casebase holds are recognised, by their stored short titles
(read from the database when a query looks like a reference); initials are made from
those titles (`Copyright, Designs and Patents Act` -> `CDPA`), never from a list of
abbreviations kept here. A reference that fits two Acts (the same initials, no year)
is not guessed at: it is searched as words.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W_]+")
_PARENTHESIS = re.compile(r"\([^)]*\)")
# The unit and number, with any subsections: `s. 1(2)(c)`, `section 29A`, `reg 2`.
_REFERENCE = re.compile(
    r"""(?<![\w])(?P<unit>sections?|ss?|secs?|§§?|regulations?|regs?|r)
        \.?\s*(?P<number>\d+[a-z]*)(?P<parts>(?:\s*\([0-9a-z]+\))*)(?![\w(])""",
    re.IGNORECASE | re.VERBOSE,
)
_UNITS = {"s": "section", "ss": "section", "sec": "section", "secs": "section"}
_UNITS |= {"§": "section", "§§": "section"}
_UNITS |= {"section": "section", "sections": "section"}
_UNITS |= {"r": "regulation", "reg": "regulation", "regs": "regulation"}
_UNITS |= {"regulation": "regulation", "regulations": "regulation"}
_YEAR = re.compile(r"^\d{4}$")
_PART = re.compile(r"\(([0-9a-z]+)\)", re.IGNORECASE)
MAX_CHARS = 160


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def provision_key(short_title: str, unit: str, number: str, parts=()) -> str:
    """The key a provision is found by: its Act's short title, its unit (`section` or
    `regulation`, as stored), its number (`16`, `29A`) and any subsections."""
    where = number.lower() + "".join(f"({part.lower()})" for part in parts)
    return f"provision|{_normal(short_title)}|{unit}|{where}"


def provision_keys(short_title: str, unit: str, number: str, label: str) -> tuple:
    """The keys of a stored provision: its section or regulation, and each level of
    the subsections its label names right after the number (`s. 1(2)(c)`: `1`,
    `1(2)`, `1(2)(c)`; `s. 13 (esp. 13(2))` is section 13 only)."""
    found = re.search(
        rf"(?<![0-9a-z]){re.escape(number)}((?:\([0-9a-z]+\))*)", label, re.I
    )
    parts = _PART.findall(found.group(1)) if found else []
    return tuple(
        provision_key(short_title, unit, number, parts[:depth])
        for depth in range(len(parts) + 1)
    )


def _initials(title: str) -> str:
    """`Copyright, Designs and Patents Act` -> `cdpa`: the first letters of the
    capitalised words (`and`, `of`, `etc` are left out, as in the usual forms)."""
    return "".join(w[0] for w in _WORDS.findall(title) if w[0].isupper()).lower()


def _names(short_title: str) -> set[str]:
    """The forms a reader may type for the Act whose short title this is, each in
    `_normal` form: the title, without its year, without a parenthesis, and its
    initials, each with and without the year."""
    words = _WORDS.findall(short_title)
    year = words[-1] if words and _YEAR.match(words[-1]) else ""
    without_year = short_title.rsplit(year, 1)[0] if year else short_title
    forms = {without_year}
    # `Trade Secrets Regulations`, but not `Data Act` for the Data (Use and Access)
    # Act: two words are too common a name to stand for one Act.
    shorter = _PARENTHESIS.sub(" ", without_year)
    if len(_WORDS.findall(shorter)) >= 3:
        forms.add(shorter)
    names = set()
    for form in forms:
        for name in (_normal(form), _initials(form)):
            if len(name) < 2:
                continue
            names.add(name)
            if year:
                names.add(f"{name} {year}")
    return names


def _rest(text: str) -> str:
    """What is left of a reference once its unit and number are taken out: the
    Act's name, without an `of the` between them (punctuation is gone already)."""
    return re.sub(r"^(?:of )?(?:the )?", "", _normal(text))


def reference_keys(text: str, short_titles) -> tuple[str, ...]:
    """The keys that `text`, typed on its own, refers to, the most precise first and
    the section or regulation itself last; () when it is not a reference to exactly
    one provision of exactly one Act among `short_titles`."""
    text = (text or "").strip()
    if not text or len(text) > MAX_CHARS:
        return ()
    keys = set()
    # `reg 2 Trade Secrets Regulations 2018` has two unit-and-number shapes; the
    # one that leaves an Act's name beside it is the reference.
    for match in _REFERENCE.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        if _normal(before) and _normal(after):
            continue  # words on both sides: not a reference on its own
        name = _rest(before or after)
        acts = [title for title in short_titles if name and name in _names(title)]
        if len(acts) == 1:
            unit = _UNITS[match.group("unit").lower()]
            parts = _PART.findall(match.group("parts"))
            keys.add(
                tuple(
                    provision_key(acts[0], unit, match.group("number"), parts[:depth])
                    for depth in range(len(parts), -1, -1)
                )
            )
    return keys.pop() if len(keys) == 1 else ()


def looks_like_reference(text: str) -> bool:
    """Cheap test before the database is asked for the Acts' titles."""
    return bool(text) and len(text) <= MAX_CHARS and bool(_REFERENCE.search(text))
