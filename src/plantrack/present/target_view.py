"""Rich renderings of one target in detail (`show`) and of counts per section (`sections`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from plantrack.core.calendar import reports_in
from plantrack.core.entries import latest_notes
from plantrack.core.messages import Lang, msg
from plantrack.core.model import PROJECTS_SECTION, Calendar, Entry, Plan, Section, Target
from plantrack.core.progress import STATUSES, Breakdown, MonthPoint, TargetProgress, judged_at
from plantrack.present.i18n import (
    gap_text,
    goal_text,
    label,
    note_lines,
    plain,
    status_text,
    status_words,
    words,
)
from plantrack.present.status_view import STATUS_STYLES, figure, progress_bar
from plantrack.present.tables import history_table

SPARK = "▁▂▃▄▅▆▇█"


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
    plan: Plan,
    progress: TargetProgress,
    months: Sequence[MonthPoint],
    entries: Sequence[Entry],
    lang: Lang,
) -> RenderableType:
    """One target: its definition, month by month, sparkline, forecast and verdict, history."""
    parts: list[RenderableType] = [
        _definition(plan, progress, entries, lang),
        _month_table(months, plan.calendar, lang),
        _sparklines(
            [point.progress.actual for point in months], [point.expected for point in months], lang
        ),
        _verdict(plan, progress, lang),
    ]
    if entries:
        parts.append(history_table(progress.target, entries, lang, plan))
    return Group(*parts)


def _definition(
    plan: Plan, progress: TargetProgress, entries: Sequence[Entry], lang: Lang
) -> Table:
    target = progress.target
    section = plan.section(target.section)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    kind = f"{label(f'kind.{target.kind}', lang)}{label('list.separator', lang)}{label(f'frequency.{target.frequency}', lang)}"
    rows = [
        (label("col.name", lang), f"{target.label(lang)} ({target.id})"),
        (label("col.section", lang), _section_label(section, target, lang)),
        (label("col.target", lang), goal_text(plan, target, lang)),
        (label("col.kind", lang), kind),
        (label("col.baseline", lang), figure(target.baseline, target.unit, lang)),
        (label("col.owner", lang), plan.unit_label(target.owner, lang) if target.owner else ""),
        (label("col.status", lang), status_words(progress, lang)),
        ("", target.quote or ""),
        ("", target.note or ""),
    ]
    noted = latest_notes(entries)
    if noted is not None:
        rows += [
            (words(msg("notes.heading", name=name, period=noted.period), lang), text)
            for name, text in note_lines(noted, lang)
        ]
    for key, value in rows:
        if value:
            grid.add_row(key, Text(plain(value)))
    return grid


def _month_table(months: Sequence[MonthPoint], calendar: Calendar, lang: Lang) -> Table:
    """Each month: the figure in force, what the schedule expects by then, the status then;
    February is 1-2 where January and February are one report."""
    table = Table(header_style="bold")
    for key in ("col.month", "col.actual", "col.expected", "col.progress", "col.status"):
        table.add_column(label(key, lang), justify="right" if key != "col.status" else "left")
    for point in months:
        row = point.progress
        unit = row.target.unit
        if not reports_in(row.target, point.month, calendar):
            continue  # no figure is due for this month: a row would only say 'no data'
        jan_feb = calendar.jan_feb_combined and row.target.frequency == "monthly"
        first_report = jan_feb and point.month.month == 2
        table.add_row(
            "1-2" if first_report else str(point.month.month),
            figure(row.actual, unit, lang),
            figure(point.expected, unit, lang),
            progress_bar(row.progress),
            Text(status_text(row.status, lang), style=STATUS_STYLES[row.status]),
        )
    return table


def _sparklines(
    actual: Sequence[float | None], expected: Sequence[float | None], lang: Lang
) -> Text:
    top = max((abs(value) for value in (*actual, *expected) if value is not None), default=0.0)
    names = (label("col.actual", lang), label("col.expected", lang))
    width = max(8, *(cell_len(name) for name in names))  # CJK counts two cells, not one
    text = Text()
    for name, values, style, end in (
        (names[0], actual, "cyan", "\n"),
        (names[1], expected, "dim", ""),
    ):
        padding = " " * (width - cell_len(name))
        text.append(f"{padding}{name} {sparkline(values, top)}{end}", style=style)
    return text


def _verdict(plan: Plan, progress: TargetProgress, lang: Lang) -> Text:
    """The year's verdict once it is final; before that, the year-end forecast and whether it
    meets the target; or why there is none."""
    target = progress.target
    if progress.final:
        status = label(f"status.{progress.status}", lang)
        gap = gap_text(progress, lang)
        line = words(msg("verdict.line", status=status, gap=gap), lang) if gap else status
        return Text(line, style=STATUS_STYLES[progress.status])
    if progress.reason is not None:
        return Text(words(progress.reason, lang), style="dim")
    goal = progress.goal
    if progress.forecast is None or goal is None:
        return Text(label("forecast.none", lang), style="dim")
    sign = 1.0 if target.direction == "up" else -1.0
    meets = sign * progress.forecast >= sign * judged_at(plan, target, goal)
    shown = figure(progress.forecast, target.unit, lang)
    verdict = label("forecast.likely" if meets else "forecast.unlikely", lang)
    style = "green" if meets else "bold red"
    return Text(words(msg("forecast.line", forecast=shown, verdict=verdict), lang), style=style)


def breakdown_table(counts: Breakdown, lang: Lang, plan: Plan | None = None) -> Table:
    """Counts per status: a row per section, then a row per owner (a unit by its name)."""
    table = Table(header_style="bold")
    table.add_column("", overflow="fold")  # a long name wraps rather than ends in '…'
    keys = (*STATUSES, "stale")
    for key in keys:
        table.add_column(
            label(f"status.{key}", lang),
            justify="right",
            style=STATUS_STYLES.get(key, "magenta"),
        )
    for section, section_counts in counts.by_section:
        table.add_row(Text(plain(section.label(lang))), *(str(section_counts[key]) for key in keys))
    if counts.by_owner:
        table.add_section()
    for owner, owner_counts in counts.by_owner:
        name = owner if plan is None else plan.unit_label(owner, lang)
        table.add_row(Text(plain(name)), *(str(owner_counts[key]) for key in keys))
    return table


def _section_label(section: Section | None, target: Target, lang: Lang) -> str:
    """The section's name; a key project's is the register's (重点项目), not an id."""
    if section is not None:
        return section.label(lang)
    if target.section == PROJECTS_SECTION:
        return label("projects.report_heading", lang)
    return target.section
