"""Small inline SVG charts for the HTML report and mail: the targets by status as one stacked
bar, and a target's figures month by month against the schedule (序时进度).

Plain strings, no scripts, no fonts, nothing fetched: a mail client shows them as they are.
Each chart says what it shows in words too (`<title>` and aria-label, in the reader's
language), and stays a few kilobytes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from plantrack.core.messages import Lang, Message, msg
from plantrack.core.progress import STATUSES, MonthPoint, TargetProgress
from plantrack.core.values import format_number
from plantrack.present.i18n import label, month_name, status_text, with_unit, words

STATUS_COLOURS = {
    "achieved": "#1b5e20",
    "on_track": "#2e7d32",
    "at_risk": "#b26a00",
    "off_track": "#c62828",
    "missed": "#7f0000",
    "no_data": "#757575",
}
STALE_COLOUR = "#6a1b9a"
SCHEDULE_COLOUR = "#757575"
GRID_COLOUR = "#e0e0e0"
LABEL_COLOUR = "#424242"

_Scale = Callable[[float], float]  # a value to its height in the chart

BAR_HEIGHT = 28
LABELLED_SHARE = 0.06  # a segment this share of the bar or wider shows its count inside

# The month chart's drawing area, in its own units (one unit a pixel at full size).
WIDTH, HEIGHT = 320, 124
LEFT, RIGHT, TOP, BOTTOM = 46, 306, 30, 98


def status_bar(counts: Mapping[str, int], lang: Lang) -> str:
    """One bar as wide as the page, a segment per status in its colour with its count."""
    total = sum(counts[status] for status in STATUSES)
    alt = _alt(
        msg(
            "chart.counts",
            counts=label("report.separator", lang).join(
                f"{status_text(status, lang)} {counts[status]}" for status in STATUSES
            ),
        ),
        lang,
    )
    parts = [
        f'<svg width="100%" height="{BAR_HEIGHT}" role="img" aria-label="{alt}"'
        ' style="display:block;margin:4px 0 8px 0">',
        f"<title>{alt}</title>",
    ]
    start = 0.0
    for status in STATUSES:
        count = counts[status]
        if not count:
            continue
        share = count / total * 100
        colour = STATUS_COLOURS[status]
        parts.append(
            f'<rect x="{start:.2f}%" width="{share:.2f}%" height="{BAR_HEIGHT}" fill="{colour}"'
            ' stroke="#fff" stroke-width="1"/>'
        )
        if share >= LABELLED_SHARE * 100:
            parts.append(
                f'<text x="{start + share / 2:.2f}%" y="{BAR_HEIGHT // 2 + 5}" fill="#fff"'
                f' font-size="14" font-weight="bold" text-anchor="middle">{count}</text>'
            )
        start += share
    parts.append("</svg>")
    return "".join(parts)


def month_chart(
    row: TargetProgress, points: Sequence[MonthPoint], lang: Lang, *, jan_feb: bool
) -> str:
    """A target's figures month by month (a line in its status colour, a dot per figure)
    against what the schedule expected by each month (a dashed grey line)."""
    target = row.target
    if jan_feb and len(points) > 1:
        points = points[1:]  # January is reported with February, as 1-2月
    figures = [_figure(point) for point in points]
    expected = [point.expected for point in points]
    values = [value for value in (*figures, *expected) if value is not None]
    zero = target.kind in ("total", "milestone")
    low, high = _scale(values, zero=zero)
    xs = _xs(len(points))

    def y(value: float) -> float:
        return BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP)

    colour = STATUS_COLOURS[row.status]
    alt = _month_alt(row, points, figures, lang, jan_feb=jan_feb)
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-label="{alt}" style="display:block;width:100%;max-width:400px;height:auto"'
        ' font-size="12">',
        f"<title>{alt}</title>",
        *_legend(colour, lang),
        *_axes(_rules(values, zero=zero), y),
        _line(
            xs, expected, y, f'stroke="{SCHEDULE_COLOUR}" stroke-width="1.5" stroke-dasharray="5 3"'
        ),
        _line(xs, figures, y, f'stroke="{colour}" stroke-width="2.5"'),
    ]
    parts += [
        f'<circle cx="{x:.1f}" cy="{y(value):.1f}" r="3" fill="{colour}"/>'
        for x, value in zip(xs, figures, strict=True)
        if value is not None
    ]
    parts += _month_labels(xs, points, lang, jan_feb=jan_feb)
    parts.append("</svg>")
    return "".join(parts)


def _figure(point: MonthPoint) -> float | None:
    """The figure reported for this month itself; None in a month with no report of its own."""
    result = point.progress
    return result.actual if result.period == point.month else None


def _scale(values: Sequence[float], *, zero: bool) -> tuple[float, float]:
    """The range drawn: from zero for totals and milestones, else around the values."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    if not zero:
        pad = (high - low) * 0.1
        low, high = low - pad, high + pad
    return low, high


def _xs(count: int) -> list[float]:
    if count <= 1:
        return [(LEFT + RIGHT) / 2] * count
    step = (RIGHT - LEFT) / (count - 1)
    return [LEFT + step * number for number in range(count)]


def _legend(colour: str, lang: Lang) -> list[str]:
    actual = html.escape(label("col.actual", lang))
    expected = html.escape(label("col.expected", lang))
    return [
        f'<line x1="{LEFT}" y1="10" x2="{LEFT + 18}" y2="10" stroke="{colour}" stroke-width="2.5"/>',
        f'<text x="{LEFT + 23}" y="14" fill="{LABEL_COLOUR}">{actual}</text>',
        f'<line x1="{LEFT + 96}" y1="10" x2="{LEFT + 114}" y2="10" stroke="{SCHEDULE_COLOUR}"'
        ' stroke-width="1.5" stroke-dasharray="5 3"/>',
        f'<text x="{LEFT + 119}" y="14" fill="{LABEL_COLOUR}">{expected}</text>',
    ]


def _rules(values: Sequence[float], *, zero: bool) -> list[float]:
    """Where to rule and label the chart: the highest and lowest value, and zero for a total
    or a milestone or when the values cross it."""
    if not values:
        return [0.0]
    low, high = min(values), max(values)
    if zero:
        return sorted({min(low, 0.0), 0.0, max(high, 0.0)})
    return sorted({low, high} | ({0.0} if low < 0 < high else set()))


def _axes(rules: Sequence[float], y: _Scale) -> list[str]:
    """A labelled rule across the chart at each value of `rules`."""
    parts = []
    for value in rules:
        at = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{at:.1f}" x2="{RIGHT}" y2="{at:.1f}" stroke="{GRID_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{LEFT - 5}" y="{at + 4:.1f}" fill="{LABEL_COLOUR}" text-anchor="end">'
            f"{_short(value)}</text>"
        )
    return parts


def _short(value: float) -> str:
    """An axis figure in at most about six characters: 1500, 22.5, 0.35, 1.2e+06."""
    for digits in (2, 1, 0):
        shown = format_number(round(value, digits))
        if len(shown) <= 6:
            return shown
    return f"{value:.2g}"


def _line(xs: Sequence[float], values: Sequence[float | None], y: _Scale, stroke: str) -> str:
    """A line through the values there are; nothing when fewer than two."""
    coordinates = [f"{x:.1f},{y(v):.1f}" for x, v in zip(xs, values, strict=True) if v is not None]
    if len(coordinates) < 2:
        return ""
    return f'<polyline points="{" ".join(coordinates)}" fill="none" {stroke}/>'


def _month_labels(
    xs: Sequence[float], points: Sequence[MonthPoint], lang: Lang, *, jan_feb: bool
) -> list[str]:
    """Month names under the axis: every month up to six, else every other and the last."""
    step = 1 if len(points) <= 6 else 2
    parts = []
    for number, (x, point) in enumerate(zip(xs, points, strict=True)):
        last = number == len(points) - 1
        if number % step and not last:
            continue
        if step > 1 and not last and number == len(points) - 2:
            continue  # leave room for the last month's name
        name = html.escape(month_name(point.month, lang, jan_feb=jan_feb))
        parts.append(
            f'<text x="{x:.1f}" y="{BOTTOM + 16}" fill="{LABEL_COLOUR}" text-anchor="middle">'
            f"{name}</text>"
        )
    return parts


def _month_alt(
    row: TargetProgress,
    points: Sequence[MonthPoint],
    figures: Sequence[float | None],
    lang: Lang,
    *,
    jan_feb: bool,
) -> str:
    """The chart in words: each month's figure and what the schedule expected."""
    unit = row.target.unit
    none = label("chart.none", lang)
    months = []
    for point, figure in zip(points, figures, strict=True):
        months.append(
            words(
                msg(
                    "chart.month",
                    month=month_name(point.month, lang, jan_feb=jan_feb),
                    actual=none if figure is None else with_unit(round(figure, 2), unit, lang),
                    expected=none
                    if point.expected is None
                    else with_unit(round(point.expected, 2), unit, lang),
                ),
                lang,
            )
        )
    text = msg(
        "chart.target",
        name=row.target.label(lang),
        months=label("chart.separator", lang).join(months),
    )
    return _alt(text, lang)


def _alt(message: Message, lang: Lang) -> str:
    """A chart's text alternative, escaped for an attribute and for <title>."""
    return html.escape(words(message, lang))
