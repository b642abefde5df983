"""Dates known to the day, month or year."""

import datetime as dt

import pytest

from casebase.core.dates import DatePrecision, format_partial_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-09-19", (dt.date(2023, 9, 19), DatePrecision.DAY, "")),
        (
            "2023-02 (early February 2023)",
            (dt.date(2023, 2, 1), "month", "early February 2023"),
        ),
        ("2026 (mid-year)", (dt.date(2026, 1, 1), DatePrecision.YEAR, "mid-year")),
        ("2020", (dt.date(2020, 1, 1), DatePrecision.YEAR, "")),
        (
            "1968-07-01 (heard 28 June and 1 July 1968)",
            (dt.date(1968, 7, 1), DatePrecision.DAY, "heard 28 June and 1 July 1968"),
        ),
        (None, (None, "", "")),
        ("last week", (None, "", "last week")),
        ("2023-13-40", (None, "", "2023-13-40")),
    ],
)
def test_parse_partial_date(text, expected):
    """Leading ISO dates are parsed with their precision; the rest is kept as a note."""
    assert parse_partial_date(text) == expected


def test_format_partial_date_never_shows_an_unknown_day():
    """Month and year precision print no day."""
    day = dt.date(2025, 11, 4)
    assert format_partial_date(day, DatePrecision.DAY) == "4 November 2025"
    assert format_partial_date(day, DatePrecision.MONTH) == "November 2025"
    assert format_partial_date(day, DatePrecision.YEAR) == "2025"
    assert format_partial_date(None, DatePrecision.DAY) == ""
