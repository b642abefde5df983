"""The values a keyword field (type:, stage:, outcome:) accepts: each stored value and
the label the page shows for it (`type:legislation` is type:provision), as slugs.

A value that is neither is read as the one value it is a plural or a slip of, with a
notice; otherwise it is dropped with a notice naming the values, rather than left to
find nothing without a word.
"""

import re
from functools import lru_cache

FIELDS = ("type", "stage", "outcome")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@lru_cache(maxsize=8)
def accepted(name: str) -> dict[str, str]:
    """Slug typed (`claimant_success`, `for_the_claimant`) -> the stored value."""
    from casebase.cases.models import Outcome, Stage
    from casebase.search.query import DocType

    choices = {"type": DocType, "stage": Stage, "outcome": Outcome}[name]
    found: dict[str, str] = {}
    for value, label in choices.choices:
        for typed in (value, str(label)):
            found.setdefault(slug(typed), value)
    return found


def _close(typed: str, value: str) -> bool:
    """A plural, or one slip (two in a long word), away from `value`."""
    from casebase.search.vocabulary import distance  # it needs the app registry

    if typed == value + "s":
        return True
    limit = 1 if len(value) <= 6 else 2
    return len(typed) >= 4 and distance(typed, value, limit) <= limit


def resolve(name: str, typed: str, typed_slug: str) -> tuple[str, str]:
    """The stored value `typed` (whose slug is `typed_slug`) stands for ("" if none)
    and a notice to show ("" if none)."""
    values = accepted(name)
    if typed_slug in values:
        return values[typed_slug], ""
    close = {values[v] for v in values if _close(typed_slug, v)}
    if len(close) == 1:
        value = close.pop()
        return value, f"“{name}:{typed}” was read as {name}:{value}."
    listed = ", ".join(sorted(set(values.values())))
    notice = f"There is no {name} “{typed}”; it was ignored. {name}: takes {listed}."
    for other in FIELDS:
        if other != name and typed_slug in accepted(other):
            return "", f"{notice} Did you mean {other}:{accepted(other)[typed_slug]}?"
    return "", notice
