"""Rich renderings of progress: the status table, one target's month by month, section counts."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from plantrack.i18n import gap_text, goal_text, label, status_text, with_unit
from plantrack.model import Entry, Lang, Plan, Section
from plantrack.periods import Month
from plantrack.progress import (
    STATUSES,
    PlanProgress,
    TargetProgress,
    evaluate_target,
    expected_at,
    summarize,
)
from plantrack.render import history_table

STATUS_STYLES = {
    "achieved": "bold green",
    "on_track": "green",
    "at_risk": "bold yellow",
    "off_track": "bold red",
    "no_data": "dim",
}
BAR_CELLS = 10
# Below this many columns the table drops its side borders, the bars and the expected
# value (the gap still says how far from it a target is), so that names stay readable.
WIDTH_FOR_BARS = 110
SPARK = "▁▂▃▄▅▆▇█"


def figure(value: float | None, unit: str | None, lang: Lang) -> str:
    """A figure for display: rounded to two decimals, with its unit."""
    return "" if value is None else with_unit(round(value, 2), unit, lang)


def headline(progress: PlanProgress, lang: Lang) -> Text:
    info = progress.plan.info
    title = info.title_en if lang == "en" and info.title_en else info.title
    text = Text(title, style="bold")
    elapsed = f"{progress.elapsed:.1%}".replace(".0%", "%")
    if lang == "zh":
        text.append(f"\n截至 {progress.as_of}，序时进度 {elapsed}")
    else:
        text.append(f"\nAs of {progress.as_of}: {elapsed} of the year elapsed")
    return text


def summary_line(counts: dict[str, int], lang: Lang) -> Text:
    text = Text()
    for status in STATUSES:
        text.append(f"{status_text(status, lang)} {counts[status]}", style=STATUS_STYLES[status])
        text.append("   ")
    text.append(f"{label('stale', lang)} {counts['stale']}", style="bold magenta")
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
) -> RenderableType:
    """Headline, the table grouped by section, and the counts per status."""
    parts: list[RenderableType] = []
    if demo:
        parts.append(Text(label("demo", lang), style="bold reverse yellow"))
    table = status_table(rows, sections, lang, bars=width >= WIDTH_FOR_BARS)
    parts += [headline(progress, lang), table, summary_line(counts, lang)]
    return Group(*parts)


def status_table(
    rows: Sequence[TargetProgress], sections: Sequence[Section], lang: Lang, *, bars: bool = True
) -> Table:
    """Rows grouped by section; `bars` False gives the compact layout for narrow terminals."""
    table = Table(
        header_style="bold",
        show_edge=bars,
        pad_edge=False,
        box=box.HEAVY_HEAD if bars else box.SIMPLE_HEAD,
    )
    table.add_column(label("col.name", lang), min_width=14, overflow="fold")
    table.add_column(label("col.target", lang), justify="right", overflow="fold")
    table.add_column(label("col.actual", lang), justify="right", overflow="fold")
    if bars:
        table.add_column(label("col.expected", lang), justify="right", overflow="fold")
    table.add_column(label("col.progress", lang), no_wrap=True, justify="left" if bars else "right")
    table.add_column(label("col.gap", lang), overflow="fold")
    # Wide enough that a symbol never parts from its word ("● 正常推进").
    status_width = max(cell_len(status_text(status, lang)) for status in STATUSES)
    table.add_column(label("col.status", lang), min_width=status_width, no_wrap=True)
    for section in sections:
        section_rows = [row for row in rows if row.target.section == section.id]
        if not section_rows:
            continue
        table.add_row(Text(section.label(lang), style="bold cyan"))
        for position, row in enumerate(section_rows, 1):
            table.add_row(
                *_status_cells(row, lang, bars), end_section=position == len(section_rows)
            )
    return table


def _status_cells(row: TargetProgress, lang: Lang, bars: bool) -> list[RenderableType]:
    target = row.target
    name = Text(target.label(lang))
    if not row.counted:
        name.append(f" ({label('counted_not', lang)})", style="dim")
    actual = Text(figure(row.actual, target.unit, lang))
    if row.period is not None:
        month = f"{row.period.month}月" if lang == "zh" else calendar.month_abbr[row.period.month]
        actual.append(f" ({month})", style="dim")
    status = Text(status_text(row.status, lang), style=STATUS_STYLES[row.status])
    if row.stale:
        status.append(f" {label('stale', lang)}", style="bold magenta")
    gap = gap_text(target.kind, target.direction, row.gap, target.unit, lang)
    if not bars:
        return [name, goal_text(target, lang), actual, percentage(row.progress), gap, status]
    expected = figure(row.expected, target.unit, lang)
    return [
        name,
        goal_text(target, lang),
        actual,
        expected,
        progress_bar(row.progress),
        gap,
        status,
    ]


def percentage(progress: float | None) -> Text:
    return Text("") if progress is None else Text(f"{progress:.0%}")


def progress_bar(progress: float | None) -> Text:
    if progress is None:
        return Text("")
    filled = round(max(0.0, min(progress, 1.0)) * BAR_CELLS)
    bar = Text("█" * filled, style="green" if progress >= 1 else "cyan")
    bar.append("░" * (BAR_CELLS - filled), style="dim")
    bar.append(f" {progress:.0%}")
    return bar


def sparkline(values: Sequence[float | None], top: float) -> str:
    """One character per month, scaled to `top`; a gap where there is no value."""
    if top <= 0:
        return "".join(" " if value is None else SPARK[0] for value in values)
    cells = []
    for value in values:
        if value is None:
            cells.append(" ")
            continue
        level = round(max(0.0, min(value / top, 1.0)) * (len(SPARK) - 1))
        cells.append(SPARK[level])
    return "".join(cells)


def target_view(
    plan: Plan, progress: TargetProgress, entries: Sequence[Entry], as_of: Month, lang: Lang
) -> RenderableType:
    """One target: its definition, month by month, sparkline, forecast and verdict, history."""
    target = progress.target
    months = [Month(plan.year, month) for month in range(1, as_of.month + 1)]
    monthly = [evaluate_target(plan, target, entries, month) for month in months]
    expected = [expected_at(plan, target, month) for month in months]
    parts: list[RenderableType] = [
        _definition(plan, progress, lang),
        _month_table(monthly, expected, lang),
        _sparklines([row.actual for row in monthly], expected, lang),
        _verdict(progress, lang),
    ]
    if entries:
        parts.append(history_table(target, entries, lang))
    return Group(*parts)


def _definition(plan: Plan, progress: TargetProgress, lang: Lang) -> Table:
    target = progress.target
    section = plan.section(target.section)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        (label("col.name", lang), f"{target.label(lang)} ({target.id})"),
        (label("col.section", lang), section.label(lang) if section else target.section),
        (label("col.target", lang), goal_text(target, lang)),
        (label("col.kind", lang), f"{label(target.kind, lang)}, {label(target.frequency, lang)}"),
        (label("col.baseline", lang), figure(target.baseline, target.unit, lang)),
        (label("col.owner", lang), target.owner or ""),
        (label("col.status", lang), _status_words(progress, lang)),
        ("", target.quote or ""),
        ("", target.note or ""),
    ]
    for key, value in rows:
        if value:
            grid.add_row(key, value)
    return grid


def _status_words(progress: TargetProgress, lang: Lang) -> str:
    words = status_text(progress.status, lang)
    return f"{words} {label('stale', lang)}" if progress.stale else words


def _month_table(monthly: Sequence[TargetProgress], expected: Sequence[float], lang: Lang) -> Table:
    """Each month: the figure in force, what the schedule expects by then, the status then."""
    table = Table(header_style="bold")
    for key in ("col.month", "col.actual", "col.expected", "col.progress", "col.status"):
        table.add_column(label(key, lang), justify="right" if key != "col.status" else "left")
    for month, (row, due) in enumerate(zip(monthly, expected, strict=True), 1):
        unit = row.target.unit
        table.add_row(
            str(month),
            figure(row.actual, unit, lang),
            figure(due, unit, lang),
            progress_bar(row.progress),
            Text(status_text(row.status, lang), style=STATUS_STYLES[row.status]),
        )
    return table


def _sparklines(
    actual: Sequence[float | None], expected: Sequence[float | None], lang: Lang
) -> Text:
    top = max((abs(value) for value in (*actual, *expected) if value is not None), default=0.0)
    text = Text()
    text.append(f"{label('col.actual', lang):>8} {sparkline(actual, top)}\n", style="cyan")
    text.append(f"{label('col.expected', lang):>8} {sparkline(expected, top)}", style="dim")
    return text


def _verdict(progress: TargetProgress, lang: Lang) -> Text:
    target = progress.target
    if progress.forecast is None or target.target is None:
        return Text(label("forecast.none", lang), style="dim")
    meets = (
        progress.forecast >= target.target
        if target.direction == "up"
        else progress.forecast <= target.target
    )
    shown = figure(progress.forecast, target.unit, lang)
    verdict = label("forecast.likely" if meets else "forecast.unlikely", lang)
    style = "green" if meets else "bold red"
    return Text(f"{label('col.forecast', lang)}: {shown} — {verdict}", style=style)


def breakdown_rows(
    plan: Plan, results: Sequence[TargetProgress], lang: Lang
) -> list[tuple[str, str, dict[str, int]]]:
    """(kind, name, counts) per section and per owner, for the sections view."""
    rows: list[tuple[str, str, dict[str, int]]] = []
    for section in plan.sections:
        in_section = [r for r in results if r.target.section == section.id]
        if in_section:
            rows.append(("section", section.label(lang), summarize(in_section)))
    owners = sorted({r.target.owner for r in results if r.target.owner})
    for owner in owners:
        rows.append(("owner", owner, summarize(r for r in results if r.target.owner == owner)))
    return rows


def breakdown_table(rows: Sequence[tuple[str, str, dict[str, int]]], lang: Lang) -> Table:
    table = Table(header_style="bold")
    table.add_column("")
    for status in (*STATUSES, "stale"):
        table.add_column(
            label(status, lang), justify="right", style=STATUS_STYLES.get(status, "magenta")
        )
    previous_kind = None
    for kind, name, counts in rows:
        if previous_kind is not None and kind != previous_kind:
            table.add_section()
        previous_kind = kind
        table.add_row(name, *(str(counts[key]) for key in (*STATUSES, "stale")))
    return table
