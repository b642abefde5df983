"""A figure as data: one table (columns and rows of plain values) and how to chart it.

The same `Figure` feeds the SVG chart, the accessible HTML table beside it and the CSV
and JSON downloads, so the four can never disagree.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Column:
    """`key` names the column in CSV and JSON; `kind` says how a cell is shown."""

    key: str
    label: str
    kind: str = "int"  # label | int | text | percent | days | date | amount


@dataclass(frozen=True)
class Chart:
    """How the chart draws the table: `kind` is bars, grouped, stacked, heatmap or
    box; `series` are the column keys it plots; `faint` marks rows drawn faintly."""

    kind: str
    series: tuple[str, ...] = ()
    unit: str = ""
    text_column: str = ""
    faint_column: str = ""
    # Legend words for the series, when the column labels are not the best ones.
    legend: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    caption: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    chart: Chart | None = None
    notes: tuple[str, ...] = ()
    totals: tuple[Any, ...] | None = field(default=None)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column key (the JSON download)."""
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list[Any]:
        index = self.column(key)
        return [row[index] for row in self.rows]

    def display_rows(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """Rows as the HTML table shows them: the row header, then (text, numeric)."""
        shown = []
        for row in self.rows:
            cells = [
                (show(value, c.kind), c.kind not in ("label", "text"))
                for value, c in zip(row, self.columns, strict=True)
            ]
            shown.append((cells[0][0], cells[1:]))
        return shown

    def display_totals(self) -> list[str]:
        if self.totals is None:
            return []
        return [show(value, "int") for value in self.totals]

    @property
    def side_by_side(self) -> bool:
        """A table narrow enough to sit beside its chart on a wide screen."""
        return len(self.columns) <= 3

    @property
    def is_empty(self) -> bool:
        return not self.rows


def show(value: Any, kind: str) -> str:
    """A cell as the HTML table shows it."""
    if value is None or value == "":
        return "–"
    if kind == "percent":
        return f"{value:.0f}%"
    if kind == "days":
        return f"{value:,.0f}"
    if kind == "amount" and isinstance(value, Decimal):
        return f"{value:,.2f}".removesuffix(".00")
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
