"""Time from filing to the first decision and to the final resolution.

Date precision (stated on the page): a date known to the day is used as it is; a date
known only to the month is taken as the 15th of that month (the middle, so the error
is at most about half a month either way); a date known only to the year is left out,
because half a year of uncertainty is larger than many of the intervals measured.
A pair whose adjusted dates would run backwards (both in the same month) counts as 0.
"""

import datetime as dt

from django.db.models import QuerySet

from casebase.analytics.stats import spread
from casebase.analytics.tables import Chart, Column, Figure
from casebase.cases.models import Dispute
from casebase.core.dates import DatePrecision

MID_MONTH = 15


def usable_date(value: dt.date | None, precision: str) -> dt.date | None:
    """The date to measure from, or None when it is missing or known only to a year."""
    if value is None:
        return None
    if precision == DatePrecision.DAY:
        return value
    if precision == DatePrecision.MONTH:
        return value.replace(day=MID_MONTH)
    return None


def intervals(
    disputes: QuerySet[Dispute], end_field: str, end_precision: str
) -> tuple[list[int], int]:
    """Days from filing to `end_field` for every dispute with both dates, and how
    many with both dates were left out for a year-only date."""
    days, left_out = [], 0
    rows = disputes.filter(
        filed_date__isnull=False, **{f"{end_field}__isnull": False}
    ).values_list("filed_date", "filed_date_precision", end_field, end_precision)
    for filed, filed_precision, end, precision in rows.iterator(chunk_size=2000):
        start = usable_date(filed, filed_precision)
        finish = usable_date(end, precision)
        if start is None or finish is None:
            left_out += 1
            continue
        days.append(max(0, (finish - start).days))
    return days, left_out


MEASURES = (
    ("Filing to first decision", "first_decision_date", "first_decision_precision"),
    ("Filing to final resolution", "resolved_date", "resolved_precision"),
)


def timing_figure(disputes: QuerySet[Dispute]) -> Figure:
    rows = []
    for label, end_field, end_precision in MEASURES:
        days, left_out = intervals(disputes, end_field, end_precision)
        s = spread(days)
        if s is None:
            rows.append((label, 0, left_out, None, None, None, None, None, None))
        else:
            rows.append(
                (
                    label,
                    s.n,
                    left_out,
                    s.minimum,
                    s.q1,
                    s.median,
                    s.q3,
                    s.maximum,
                    s.iqr,
                )
            )
    return Figure(
        key="timing",
        title="Time to first decision and to final resolution",
        caption="Days from filing: median, quartiles, minimum and maximum, with the "
        "number of disputes measured",
        columns=(
            Column("interval", "Interval", "label"),
            Column("n", "Disputes measured (n)"),
            Column("left_out_year_only", "Left out (date known only to the year)"),
            Column("min_days", "Minimum (days)", "days"),
            Column("q1_days", "Lower quartile (days)", "days"),
            Column("median_days", "Median (days)", "days"),
            Column("q3_days", "Upper quartile (days)", "days"),
            Column("max_days", "Maximum (days)", "days"),
            Column("iqr_days", "Interquartile range (days)", "days"),
        ),
        rows=rows,
        chart=Chart("box", unit="days"),
        notes=(
            "Only disputes with both a filing date and the later date are measured; "
            "disputes still open have no resolution date and are not in the second "
            "row.",
            "Dates known to the day are used as they are; dates known only to the "
            "month are taken as the 15th; dates known only to the year are left out "
            "(counted in the third column).",
            "Quartiles interpolate between ranked values; with n under 5 they say "
            "little.",
        ),
    )
