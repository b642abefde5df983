"""Server-rendered SVG charts of a `Figure`. No script, no library: every label and
number is escaped into the markup here, and the table beside each chart holds the
same numbers for screen readers (the SVG says so in its description)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from casebase.analytics.tables import Figure, show


@dataclass(frozen=True)
class Frame:
    """The drawing's width and the room for row labels on its left (SVG units)."""

    width: int = 640
    label: int = 200

    @property
    def max_label(self) -> int:
        # About 7 units a character at the label size.
        return max(8, (self.label - 12) // 7)


WIDE = Frame()
NARROW = Frame(width=460, label=170)
VALUE_WIDTH = 96
ROW = 26
BAR = 16
TOP = 8
COLOURS = ("#1f5f8b", "#c26d00", "#3f7f35", "#8a3b7a", "#5e5e5e")


def _label(fr: Frame, text: str, y: float) -> str:
    """A row label, shortened to fit; the full text is its tooltip."""
    full = str(text)
    limit = fr.max_label
    short = full if len(full) <= limit else full[: limit - 1] + "…"
    x, anchor = fr.label - 8, "end"
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" class="chart-label">'
        "<title>{}</title>{}</text>",
        _n(x),
        _n(y),
        anchor,
        full,
        short,
    )


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg(fr: Frame, figure: Figure, height: float, parts: Iterable[str]) -> SafeString:
    key = escape(figure.key)
    body = "".join(parts)
    return mark_safe(  # noqa: S308 - every part is built with format_html/escape
        f'<svg class="chart" viewBox="0 0 {fr.width} {_n(height)}" role="img" '
        f'aria-labelledby="chart-{key}-title chart-{key}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-{key}-title">{escape(figure.title)}</title>'
        f'<desc id="chart-{key}-desc">A chart of the table “{escape(figure.caption)}”'
        f", which gives the same numbers.</desc>{body}</svg>"
    )


def _legend(fr: Frame, labels: list[str], y: float) -> list[str]:
    parts, x = [], fr.label
    for index, label in enumerate(labels):
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" class="chart-legend">{}</text>',
                _n(x),
                _n(y),
                COLOURS[index % len(COLOURS)],
                _n(x + 16),
                _n(y + 10),
                label,
            )
        )
        x += 24 + 7 * len(label)
    return parts


def bars(figure: Figure, fr: Frame = WIDE) -> SafeString:
    chart = figure.chart
    values = figure.values(chart.series[0])
    texts = figure.values(chart.text_column) if chart.text_column else None
    faint = figure.values(chart.faint_column) if chart.faint_column else None
    top = 100.0 if chart.unit == "%" else max([v or 0 for v in values] + [1])
    span = fr.width - fr.label - VALUE_WIDTH - 8
    parts = []
    for i, row in enumerate(figure.rows):
        y = TOP + i * ROW
        value = values[i]
        parts.append(_label(fr, row[0], y + BAR - 3))
        if chart.unit == "%":
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-track"/>',
                    fr.label,
                    _n(y),
                    _n(span),
                    BAR,
                )
            )
        width = span * (value or 0) / top
        opacity = "0.35" if faint and faint[i] else "1"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                'fill-opacity="{}"/>',
                fr.label,
                _n(y),
                _n(width),
                BAR,
                COLOURS[0],
                opacity,
            )
        )
        words = show(value, "percent" if chart.unit == "%" else "int")
        if texts:
            words = f"{texts[i]}" if value is None else f"{words} ({texts[i]})"
            words += " *" if faint and faint[i] else ""
        x = fr.label + (span if chart.unit == "%" else width) + 6
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                _n(x),
                _n(y + BAR - 3),
                words,
            )
        )
    height = TOP * 2 + len(figure.rows) * ROW
    if faint:
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-note">{}</text>',
                fr.label,
                _n(height + 4),
                "* small sample, drawn faintly",
            )
        )
        height += 14
    return _svg(fr, figure, height, parts)


def _series_labels(figure: Figure) -> list[str]:
    if figure.chart.legend:
        return list(figure.chart.legend)
    return [figure.columns[figure.column(key)].label for key in figure.chart.series]


def grouped(figure: Figure, fr: Frame = WIDE, limit: int = 15) -> SafeString:
    series = figure.chart.series
    rows = figure.rows[:limit]
    columns = [figure.column(key) for key in series]
    top = max([row[c] for row in rows for c in columns] + [1])
    span = fr.width - fr.label - 40
    step = ROW + 8
    parts = _legend(fr, _series_labels(figure), TOP)
    for i, row in enumerate(rows):
        y = TOP + 24 + i * step
        parts.append(_label(fr, row[0], y + 14))
        for j, c in enumerate(columns):
            width = span * row[c] / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="12" fill="{}"/>'
                    '<text x="{}" y="{}" class="chart-value small">{}</text>',
                    fr.label,
                    _n(y + j * 13),
                    _n(width),
                    COLOURS[j],
                    _n(fr.label + width + 4),
                    _n(y + j * 13 + 10),
                    row[c],
                )
            )
    return _svg(fr, figure, TOP * 2 + 24 + len(rows) * step, parts)


def stacked(figure: Figure, fr: Frame = WIDE) -> SafeString:
    series = figure.chart.series
    columns = [figure.column(key) for key in series]
    top = max([sum(row[c] for c in columns) for row in figure.rows] + [1])
    span = fr.width - fr.label - 40
    parts = _legend(fr, _series_labels(figure), TOP)
    for i, row in enumerate(figure.rows):
        y = TOP + 24 + i * ROW
        parts.append(_label(fr, row[0], y + BAR - 3))
        x = float(fr.label)
        for j, c in enumerate(columns):
            width = span * row[c] / top
            if row[c]:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {}</title></rect>",
                        _n(x),
                        _n(y),
                        _n(width),
                        BAR,
                        COLOURS[j],
                        figure.columns[c].label,
                        row[c],
                    )
                )
                if width >= 14:
                    parts.append(
                        format_html(
                            '<text x="{}" y="{}" class="chart-inbar">{}</text>',
                            _n(x + width / 2),
                            _n(y + BAR - 4),
                            row[c],
                        )
                    )
            x += width
        total = sum(row[c] for c in columns)
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                _n(x + 6),
                _n(y + BAR - 3),
                total,
            )
        )
    return _svg(fr, figure, TOP * 2 + 24 + len(figure.rows) * ROW, parts)


def heatmap(figure: Figure, fr: Frame = WIDE) -> SafeString:
    """Series down the side, table rows (years) across: one shaded, numbered cell
    per count."""
    columns = [figure.column(key) for key in figure.chart.series]
    labels = _series_labels(figure)
    years = [row[0] for row in figure.rows]
    top = max([row[c] for row in figure.rows for c in columns] + [1])
    cell = min(56.0, (fr.width - fr.label - 8) / max(len(years), 1))
    parts = []
    for k, year in enumerate(years):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="chart-legend">{}</text>',
                _n(fr.label + k * cell + cell / 2),
                TOP + 10,
                year,
            )
        )
    for i, (label, c) in enumerate(zip(labels, columns, strict=True)):
        y = TOP + 18 + i * ROW
        parts.append(_label(fr, label, y + BAR - 2))
        for k, row in enumerate(figure.rows):
            value = row[c]
            shade = 0.08 + 0.92 * value / top if value else 0.0
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                    'fill-opacity="{}" class="chart-cell"/>'
                    '<text x="{}" y="{}" text-anchor="middle" class="{}">{}</text>',
                    _n(fr.label + k * cell + 1),
                    _n(y),
                    _n(cell - 2),
                    ROW - 4,
                    COLOURS[0],
                    f"{shade:.2f}",
                    _n(fr.label + k * cell + cell / 2),
                    _n(y + BAR),
                    "chart-inbar" if shade > 0.5 else "chart-value",
                    value if value else "·",
                )
            )
    return _svg(fr, figure, TOP * 2 + 18 + len(labels) * ROW, parts)


def _ticks(top: float) -> list[int]:
    for step in (30, 90, 180, 365, 730, 1461):
        if top / step <= 7:
            return list(range(0, int(top) + step, step))
    return [0, int(top)]


def box(figure: Figure, fr: Frame = WIDE) -> SafeString:
    """A box plot per row: whiskers from minimum to maximum, the box from the lower
    to the upper quartile, a bar at the median."""
    at = {c.key: i for i, c in enumerate(figure.columns)}
    measured = [row for row in figure.rows if row[at["n"]]]
    top = max([row[at["max_days"]] for row in measured] + [1])
    ticks = _ticks(top)
    top = max(ticks[-1], 1)
    span = fr.width - fr.label - 24
    step = 44

    def x(value: float) -> float:
        return fr.label + span * value / top

    parts = []
    for i, row in enumerate(figure.rows):
        y = TOP + i * step
        parts.append(_label(fr, row[0], y + 14))
        if not row[at["n"]]:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-note">{}</text>',
                    fr.label,
                    y + 14,
                    "no disputes measured",
                )
            )
            continue
        low, q1, median, q3, high = (
            row[at[k]]
            for k in ("min_days", "q1_days", "median_days", "q3_days", "max_days")
        )
        mid = y + 10
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-whisker"/>'
                '<rect x="{}" y="{}" width="{}" height="20" fill="{}" '
                'fill-opacity="0.35" stroke="{}"/>'
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-median"/>'
                '<text x="{}" y="{}" class="chart-value small">{}</text>',
                _n(x(low)),
                _n(x(high)),
                _n(mid),
                _n(mid),
                _n(x(q1)),
                _n(y),
                _n(max(x(q3) - x(q1), 1)),
                COLOURS[0],
                COLOURS[0],
                _n(x(median)),
                _n(x(median)),
                _n(y - 2),
                _n(y + 22),
                fr.label,
                _n(y + 36),
                f"median {show(median, 'days')} days, n = {row[at['n']]}",
            )
        )
    axis_y = TOP + len(figure.rows) * step + 4
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-axis"/>',
            fr.label,
            _n(x(top)),
            _n(axis_y),
            _n(axis_y),
        )
    )
    for tick in ticks:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="chart-legend">{}</text>',
                _n(x(tick)),
                _n(axis_y + 14),
                f"{tick:,}",
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="end" class="chart-note">days</text>',
            _n(x(top)),
            _n(axis_y + 28),
        )
    )
    return _svg(fr, figure, axis_y + 34, parts)


RENDERERS = {
    "bars": bars,
    "grouped": grouped,
    "stacked": stacked,
    "heatmap": heatmap,
    "box": box,
}


def render(figure: Figure, *, narrow: bool = False) -> SafeString:
    """The figure's chart, or an empty string when it has none or no rows. A narrow
    chart sits beside its table, so it is drawn at about the size it is shown."""
    if figure.chart is None or figure.is_empty:
        return mark_safe("")
    return RENDERERS[figure.chart.kind](figure, NARROW if narrow else WIDE)
