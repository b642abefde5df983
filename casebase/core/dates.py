"""Dates known only to the day, the month or the year."""

import datetime as dt
import re

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d-])")


def parse_partial_date(text: str | None) -> tuple[dt.date | None, str, str]:
    """Split `2023-02 (early February 2023)` into (2023-02-01, "month", "early ...").

    Returns (None, "", text) when the text does not start with an ISO date, so
    that nothing is made up: the caller keeps the words as a note.
    """
    if not text:
        return None, "", ""
    match = _ISO_PREFIX.match(text)
    if not match:
        return None, "", text.strip()
    year, month, day = match.groups()
    rest = text[match.end() :].strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), DatePrecision.DAY, rest
        if month:
            return dt.date(int(year), int(month), 1), DatePrecision.MONTH, rest
        return dt.date(int(year), 1, 1), DatePrecision.YEAR, rest
    except ValueError:
        return None, "", text.strip()


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """`4 November 2025`, `November 2025` or `2025`, as the precision allows."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"
