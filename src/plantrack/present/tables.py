"""Tables of the plan and of a target's entries, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from plantrack.core.entries import revisions
from plantrack.core.messages import Lang, msg
from plantrack.core.model import Entry, Plan, Section, Target
from plantrack.present.grid import Column, Grid
from plantrack.present.i18n import (
    goal_text,
    label,
    labelled_note,
    note_lines,
    plain,
    with_unit,
    words,
)


def plan_table(plan: Plan, sections: Sequence[Section], lang: Lang) -> RenderableType:
    """The plan's targets grouped by section: id, name, goal, baseline, kind, frequency; and
    the lead (owner) when any target has one, with the units it is split to."""
    title = plain(plan.info.label(lang))
    leads = any(target.owner for target in plan.targets)
    grid = Grid(
        [
            # Ids are what clerks copy into `record`: never broken across lines.
            Column(label("col.id", lang)),
            Column(label("col.name", lang), wrap=True, min_width=8, keep=2),
            # Narrowed after the lead: '1500人以上' is best read on one line.
            Column(
                label("col.target", lang), justify="right", wrap=True, min_width=8, keep=1, drop=1
            ),
            Column(label("col.baseline", lang), justify="right", drop=2),
            Column(label("col.kind", lang), drop=3),
            Column(label("col.frequency", lang), drop=4),
            *([Column(label("col.owner", lang), wrap=True, min_width=6, drop=5)] if leads else []),
        ]
    )
    for section in sections:
        targets = [target for target in plan.targets if target.section == section.id]
        if not targets:
            continue
        grid.add_heading(Text(plain(section.label(lang)), style="bold cyan"))
        for target in targets:
            grid.add_row(
                [
                    Text(target.id, style="dim"),
                    _name_cell(target, lang),
                    Text(goal_text(plan, target, lang)),
                    Text(_baseline_text(target, lang)),
                    Text(label(f"kind.{target.kind}", lang)),
                    Text(label(f"frequency.{target.frequency}", lang)),
                    *([_lead_cell(plan, target, lang)] if leads else []),
                ]
            )
    return Group(Text(title, style="bold"), grid)


def _lead_cell(plan: Plan, target: Target, lang: Lang) -> Text:
    """The lead's name, and the number of units the target is split to."""
    text = Text(plain(plan.unit_label(target.owner, lang)) if target.owner else "")
    if target.split:
        text.append(
            plain(words(msg("targets.split_to", count=len(target.split)), lang)), style="dim"
        )
    return text


def _name_cell(target: Target, lang: Lang) -> Text:
    text = Text(plain(target.label(lang)))
    if target.due is not None and target.kind != "milestone":
        text.append(f" (→{target.due})", style="dim")
    return text


def _baseline_text(target: Target, lang: Lang) -> str:
    if target.baseline is None:
        return ""
    return with_unit(target.baseline, target.unit, lang)


def _remarks(entry: Entry, lang: Lang) -> str:
    """The note, then each of the department's notes on a line of its own."""
    lines = [entry.note] if entry.note else []
    lines += [labelled_note(name, text, lang) for name, text in note_lines(entry, lang)]
    return "\n".join(lines)


def _entry_value(entry: Entry, target: Target, lang: Lang) -> str:
    """The figure with its unit; a project's start or milestone in words."""
    if entry.event == "started":
        return label("history.started", lang)
    if entry.event == "milestone":
        return words(msg("history.milestone", name=entry.milestone or ""), lang)
    return "" if entry.value is None else with_unit(entry.value, target.unit, lang)


def history_table(
    target: Target, entries: Sequence[Entry], lang: Lang, plan: Plan | None = None
) -> Table:
    """Every entry for one target, oldest first within each month; superseded ones marked;
    with a column of the unit whose own figure each is, when any is a unit's."""
    table = Table(title=Text(f"{plain(target.label(lang))} ({target.id})"), header_style="bold")
    with_units = any(entry.unit is not None for entry in entries)
    keys = ("col.period", *(("col.unit",) if with_units else ()), "col.value", "col.revision")
    for key in keys:
        table.add_column(
            label(key, lang), no_wrap=True, justify="right" if key == "col.value" else "left"
        )
    # When, and who: folded onto two lines in a narrow terminal rather than cut.
    table.add_column(label("col.recorded_at", lang), overflow="fold")
    table.add_column(label("col.by", lang), overflow="fold")
    # Sources and notes wrap onto more lines rather than end in '…': they are what a
    # department wrote, to be read whole.
    table.add_column(label("col.source", lang), overflow="fold", min_width=4)
    table.add_column(label("col.note", lang), overflow="fold", min_width=8)
    flagged = zip(entries, revisions(entries), strict=True)
    for entry, revision in sorted(flagged, key=lambda pair: pair[0].period):
        style = "" if revision in ("current", "withdrawal") else "dim strike"
        value = _entry_value(entry, target, lang)
        unit = entry.unit or ""
        if plan is not None and entry.unit is not None:
            unit = plan.unit_label(entry.unit, lang)
        table.add_row(
            str(entry.period),
            *((Text(plain(unit)),) if with_units else ()),
            Text(value, style=style),
            label(f"revision.{revision}", lang),
            Text(entry.recorded_at),
            Text(plain(entry.by)),
            Text(plain(entry.source or "")),
            Text(plain(_remarks(entry, lang))),
        )
    return table
