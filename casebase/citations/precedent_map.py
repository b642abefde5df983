"""The precedent map: a judgment's cited and citing cases on a time axis, as SVG.

Server-rendered, no script: earlier judgments it treats sit below the axis line, later
judgments that treat it above, each a link coloured by the treatment. Every piece of
text is escaped here, so the markup is safe to put in a page as it is.
"""

import datetime as dt
from dataclasses import dataclass
from html import escape

POSITIVE = ("followed", "applied", "affirmed")
NEUTRAL = ("considered",)
CAUTION = ("distinguished", "doubted")
NEGATIVE = ("departed_from", "overruled", "reversed")

CATEGORIES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # (key, label, treatments, colour); colours keep 4.5:1 contrast on white.
    ("positive", "Followed, applied or affirmed", POSITIVE, "#1b6e2a"),
    ("neutral", "Considered", NEUTRAL, "#4a5a66"),
    ("caution", "Distinguished or doubted", CAUTION, "#8a5200"),
    ("negative", "Departed from, overruled or reversed", NEGATIVE, "#b3261e"),
)

WIDTH = 760
MARGIN_X = 70
LANE_HEIGHT = 36
GAP = 56  # from the axis to the first lane of nodes
LABEL_CHAR_WIDTH = 6.4


def category(treatment: str) -> tuple[str, str, str]:
    """(key, label, colour) of a treatment's category."""
    for key, label, treatments, colour in CATEGORIES:
        if treatment in treatments:
            return key, label, colour
    return "neutral", "Considered", "#4a5a66"


@dataclass(frozen=True)
class MapNode:
    case_name: str
    citation: str
    date: dt.date
    url: str
    treatment: str = ""
    treatment_label: str = ""
    # "cites": an earlier judgment the subject treats; "cited_by": a later one.
    direction: str = "cites"

    @property
    def label(self) -> str:
        return self.citation or self.case_name[:28]


def _fraction(date: dt.date) -> float:
    return date.year + (date.timetuple().tm_yday - 1) / 366


def _lanes(xs: list[tuple[float, MapNode]]) -> list[tuple[float, int, MapNode]]:
    """Give each node the first lane where its label does not run into the last one."""
    ends: list[float] = []
    placed = []
    for x, node in sorted(xs, key=lambda pair: pair[0]):
        half = len(node.label) * LABEL_CHAR_WIDTH / 2 + 8
        lane = next((i for i, end in enumerate(ends) if end < x - half), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = x + half
        placed.append((x, lane, node))
    return placed


def render_map(
    subject: MapNode, nodes: list[MapNode], *, dom_id: str = "precedent-map"
) -> str:
    """The SVG markup of the map, or "" when there is nothing to draw."""
    if not nodes:
        return ""
    dates = [_fraction(n.date) for n in nodes] + [_fraction(subject.date)]
    low, high = min(dates), max(dates)
    if high - low < 2:
        low, high = low - 1, high + 1
    low, high = low - 0.3, high + 0.3

    def x_of(date: dt.date) -> float:
        return MARGIN_X + (_fraction(date) - low) / (high - low) * (
            WIDTH - 2 * MARGIN_X
        )

    above = _lanes([(x_of(n.date), n) for n in nodes if n.direction == "cited_by"])
    below = _lanes([(x_of(n.date), n) for n in nodes if n.direction != "cited_by"])
    lanes_above = max((lane for _, lane, _ in above), default=-1) + 1
    lanes_below = max((lane for _, lane, _ in below), default=-1) + 1
    axis_y = 40 + max(lanes_above, 1) * LANE_HEIGHT + GAP
    height = axis_y + GAP + max(lanes_below, 1) * LANE_HEIGHT + 24
    sx = x_of(subject.date)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="precedent-map" id="{escape(dom_id)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="group" '
        f'aria-labelledby="{escape(dom_id)}-title" aria-describedby="{escape(dom_id)}-desc">',
        f'<title id="{escape(dom_id)}-title">Precedent map of {escape(subject.case_name)}</title>',
        f'<desc id="{escape(dom_id)}-desc">Judgments that cite it are above the line, '
        "judgments it cites below, placed by date and coloured by treatment. "
        "The same information follows as a table.</desc>",
        '<text x="8" y="18" font-size="12" class="map-band">Cited by (later)</text>',
        f'<text x="8" y="{height - 6:.0f}" font-size="12" class="map-band">'
        "Cites (earlier)</text>",
    ]
    parts += _axis(low, high, axis_y, x_of)
    for rows, sign in ((above, -1), (below, 1)):
        for x, lane, node in rows:
            y = axis_y + sign * (GAP + lane * LANE_HEIGHT)
            parts.append(_node(node, x, y, sx, axis_y))
    parts.append(
        f'<g class="map-subject"><circle cx="{sx:.1f}" cy="{axis_y}" r="9" fill="#1d3557" '
        f'stroke="#fff" stroke-width="2"/>'
        f'<text x="{sx:.1f}" y="{axis_y - 14}" text-anchor="middle" font-weight="bold" '
        f'font-size="12">{escape(subject.label)}</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _axis(low: float, high: float, y: float, x_of) -> list[str]:
    parts = [
        f'<line x1="{MARGIN_X - 20}" y1="{y}" x2="{WIDTH - MARGIN_X + 20}" y2="{y}" '
        'stroke="#8a939b" stroke-width="1.5"/>'
    ]
    first, last = int(low) + 1, int(high)
    step = max(1, round((last - first + 1) / 8))
    for year in range(first, last + 1, step):
        x = x_of(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 4}" stroke="#8a939b"/>'
            f'<text x="{x:.1f}" y="{y + 18}" text-anchor="middle" font-size="11" '
            f'fill="#4a5a66">{year}</text>'
        )
    return parts


def _node(node: MapNode, x: float, y: float, sx: float, axis_y: float) -> str:
    key, _, colour = category(node.treatment)
    dash = ' stroke-dasharray="5 3"' if key == "negative" else ""
    name = f"{node.case_name} {node.citation}".strip()
    verb = node.treatment_label.lower() or "treated"
    tooltip = (
        f"{name} ({node.date.year}): {verb} by this judgment"
        if node.direction == "cites"
        else f"{name} ({node.date.year}): {verb} this judgment"
    )
    label_y = y - 12 if y < axis_y else y + 20
    return (
        f'<path d="M{sx:.1f},{axis_y} L{x:.1f},{y:.1f}" fill="none" stroke="{colour}" '
        f'stroke-width="1.6" opacity="0.7"{dash}/>'
        f'<a href="{escape(node.url)}" class="map-node map-{key}">'
        f"<title>{escape(tooltip)}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
        f'<text x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="11" '
        f'fill="{colour}">{escape(node.label)}</text></a>'
    )
