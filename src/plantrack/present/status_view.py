"""Rich renderings of progress: the status table, one target's month by month, section counts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from plantrack.core.messages import Lang, msg
from plantrack.core.model import Plan, Section
from plantrack.core.progress import STATUSES, PlanProgress, TargetProgress
from plantrack.present.grid import Column, Grid
from plantrack.present.i18n import (
    elapsed_text,
    gap_text,
    goal_text,
    label,
    month_name,
    percent,
    plain,
    status_text,
    unbreakable_units,
    with_unit,
    words,
)

STATUS_STYLES = {
    "achieved": "bold green",
    "on_track": "green",
    "at_risk": "bold yellow",
    "off_track": "bold red",
    "missed": "bold reverse red",
    "no_data": "dim",
}
BAR_CELLS = 10
# Below this many columns the table drops its side borders, the bars and the expected
# value (the gap still says how far from it a target is), so that names stay readable.
WIDTH_FOR_BARS = 110


def figure(value: float | None, unit: str | None, lang: Lang) -> str:
    """A figure for display: rounded to two decimals, with its unit."""
    return "" if value is None else with_unit(round(value, 2), unit, lang)


def headline(progress: PlanProgress, lang: Lang) -> Text:
    text = Text(plain(progress.plan.info.label(lang)), style="bold")
    as_of = msg("headline.as_of", as_of=progress.as_of, elapsed=elapsed_text(progress.elapsed))
    text.append("\n" + words(as_of, lang))
    return text


def summary_line(counts: dict[str, int], lang: Lang, width: int = 160) -> Text:
    """Each status with its count, on as few lines of `width` cells as they fit, a status
    never parted from its count (rich would break '○ no data 77' at its spaces)."""
    chunks = [
        (f"{status_text(status, lang)} {counts[status]}", STATUS_STYLES[status])
        for status in STATUSES
    ]
    chunks.append((f"{label('status.stale', lang)} {counts['stale']}", "bold magenta"))
    text = Text()
    used = 0
    for chunk, style in chunks:
        size = cell_len(chunk)
        if used and used + 3 + size > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("   ")
            used += 3
        text.append(chunk, style=style)
        used += size
    return text


def status_view(
    progress: PlanProgress,
    rows: Sequence[TargetProgress],
    sections: Sequence[Section],
    counts: dict[str, int],
    lang: Lang,
    *,
    demo: bool = False,
    width: int = 160,
    unit: str | None = None,
) -> RenderableType:
    """Headline, the table grouped by section, and the counts per status; with `unit`, a
    line under the headline saying whose targets these are."""
    parts: list[RenderableType] = []
    if demo:
        parts.append(Text(label("demo.banner", lang), style="bold reverse yellow"))
    table = status_table(progress.plan, rows, sections, lang, bars=width >= WIDTH_FOR_BARS)
    parts.append(headline(progress, lang))
    if unit is not None:
        whose = msg("status.of_unit", unit=progress.plan.unit_label(unit, lang))
        parts.append(Text(plain(words(whose, lang)), style="bold"))
    parts += [table, summary_line(counts, lang, width)]
    return Group(*parts)


def status_table(
    plan: Plan,
    rows: Sequence[TargetProgress],
    sections: Sequence[Section],
    lang: Lang,
    *,
    bars: bool = True,
) -> Grid:
    """Rows grouped by section; `bars` False gives the compact layout for narrow terminals."""
    columns = [
        Column(label("col.name", lang), wrap=True, min_width=12, keep=4),
        Column(label("col.target", lang), justify="right", wrap=True, min_width=8, keep=2, drop=1),
        Column(label("col.actual", lang), justify="right", wrap=True, min_width=10, keep=2),
        *([Column(label("col.expected", lang), justify="right", drop=4)] if bars else []),
        Column(label("col.progress", lang), justify="left" if bars else "right", drop=2),
        Column(label("col.gap", lang), wrap=True, min_width=12, keep=1, drop=3),
        Column(label("col.status", lang), wrap=True, min_width=_status_width(lang), keep=3),
    ]
    units = unbreakable_units((target.unit for target in plan.targets), lang)
    grid = Grid(columns, units=units)
    for section in sections:
        section_rows = [row for row in rows if row.target.section == section.id]
        if section_rows:
            grid.add_heading(Text(plain(section.label(lang)), style="bold cyan"))
            for row in section_rows:
                grid.add_row(_status_cells(plan, row, lang, bars))
    return grid


def _status_width(lang: Lang) -> int:
    """Wide enough that a symbol never parts from its word ("● 正常推进"), and that the day a
    figure is due is never cut ("2024-01-31）")."""
    return max(
        *(cell_len(status_text(status, lang)) for status in STATUSES), cell_len("2024-01-31）")
    )


def _status_cells(plan: Plan, row: TargetProgress, lang: Lang, bars: bool) -> list[Text]:
    target = row.target
    name = Text(plain(target.label(lang)))
    if row.unit is not None:  # a unit's own share of a split target, not the district's
        share = msg("status.share_of", unit=plan.unit_label(row.unit, lang))
        name.append(plain(words(share, lang)), style="dim")
    if not row.counted:
        name.append(f" ({label('counted_not', lang)})", style="dim")
    actual = Text(figure(row.actual, target.unit, lang))
    if row.period is not None:
        month = figure_month(plan, row, lang)
        actual.append(f" ({month})", style="dim")
    goal = Text(goal_text(plan, target, lang))
    gap = Text(gap_text(row, lang))
    status = status_cell(row, lang)
    if not bars:
        return [name, goal, actual, percentage(row.progress), gap, status]
    expected = Text(figure(row.expected, target.unit, lang))
    return [name, goal, actual, expected, progress_bar(row.progress), gap, status]


def figure_month(plan: Plan, row: TargetProgress, lang: Lang) -> str:
    """The month a figure is for, as offices write it: 6月, or 1-2月 for the first report."""
    assert row.period is not None
    jan_feb = plan.calendar.jan_feb_combined and row.target.frequency == "monthly"
    return month_name(row.period, lang, jan_feb=jan_feb)


def status_cell(row: TargetProgress, lang: Lang) -> Text:
    """The status word with its symbol and colour, then 逾期未报 or 待报 (due date) after it."""
    status = Text(status_text(row.status, lang), style=STATUS_STYLES[row.status])
    if row.stale:
        status.append(f" {label('status.stale', lang)}", style="bold magenta")
    elif row.pending is not None:
        pending = words(msg("status.pending", date=row.pending.isoformat()), lang)
        status.append(f" {pending}", style="dim")
    return status


def percentage(progress: float | None) -> Text:
    return Text("") if progress is None else Text(percent(progress))


def progress_bar(progress: float | None) -> Text:
    if progress is None:
        return Text("")
    filled = round(max(0.0, min(progress, 1.0)) * BAR_CELLS)
    bar = Text("█" * filled, style="green" if progress >= 1 else "cyan")
    bar.append("░" * (BAR_CELLS - filled), style="dim")
    bar.append(f" {percent(progress)}")
    return bar
