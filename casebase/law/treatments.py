"""The editorial rule for a treatment (an Authority row) an editor sets, in one place
for the admin form and the API: a reason in a few words, the paragraph of the later
judgment where the treatment is (in canonical form, and held in its imported text
where that text is imported), and no judgment treating itself.

The reason and pinpoint are required only of a row the editor adds or changes
(`stated`): a reference row without them does not block an unrelated edit that
leaves it as it was. Each check raises django's `ValidationError` with the words the
editor reads."""

import re

from django.core.exceptions import ValidationError

from casebase.law.models import DocumentKind, JudgmentParagraph
from casebase.law.models.precedents import PARAGRAPH_NUMBER

PINPOINT = re.compile(
    r"^\s*(?:paras?\.?\s*)?\[?(\d{1,4})\]?(?:\s*(?:-|–|to)\s*\[?(\d{1,4})\]?)?\s*$",
    re.IGNORECASE,
)
REASON_MIN_LENGTH = 10
REASON_MISSING = "Say why the later judgment treats it so."
PINPOINT_MISSING = "Give the paragraph of the later judgment where the treatment is."
CITES_ITSELF = "A judgment cannot cite itself."


def clean_pinpoint(value: str) -> str:
    """`12`, `[12]`, `para 12`, `[12]-[14]` -> `[12]` or `[12]-[14]`."""
    match = PINPOINT.match(value or "")
    if not match:
        raise ValidationError(
            "Give the paragraph of the later judgment: [12], or a range: [12]-[14]."
        )
    first, last = match[1], match[2]
    if last and int(last) < int(first):
        raise ValidationError("A range of paragraphs runs upwards: [12]-[14].")
    return f"[{first}]-[{last}]" if last and last != first else f"[{first}]"


def stated_reason(value: str | None, *, current: str, stated: bool) -> str:
    """The reason, its whitespace collapsed; required (at least 10 characters) when
    the editor adds or changes the row. `current` is the row's stored reason ("" for
    a new row): an unchanged row keeps it as it is."""
    reason = " ".join((value or "").split())
    if not stated and reason == current:
        return current
    if not reason:
        raise ValidationError(REASON_MISSING)
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            "Give the reason in a few words (at least 10 characters)."
        )
    return reason


def stated_pinpoint(value: str | None, *, current: str, stated: bool) -> str:
    """The pinpoint in canonical form (`clean_pinpoint`); required when the editor
    adds or changes the row. An unchanged row keeps its stored pinpoint."""
    value = (value or "").strip()
    if not stated and value == current:
        return value
    if not value:
        raise ValidationError(PINPOINT_MISSING)
    return clean_pinpoint(value)


def check_paragraph_held(citing, pinpoint: str | None) -> None:
    """Where the later judgment's text is imported, its pinpoint must exist."""
    if citing is None or citing.pk is None or not pinpoint:
        return
    numbers = set(
        JudgmentParagraph.objects.filter(
            document__precedent=citing, document__kind=DocumentKind.JUDGMENT
        )
        .exclude(number="")
        .values_list("number", flat=True)
    )
    first = PARAGRAPH_NUMBER.search(pinpoint)
    if numbers and first and first[0] not in numbers:
        raise ValidationError(
            f"{citing.primary_citation or citing.case_name} has no paragraph "
            f"[{first[0]}] in its imported text."
        )


def cites_itself(citing, cited) -> bool:
    """Whether the row would have a judgment treat itself (the database only
    refuses it; the editor is told `CITES_ITSELF`)."""
    return citing is not None and cited is not None and citing.pk == cited.pk
