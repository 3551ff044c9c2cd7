"""Rich tables for the terminal: the only module that draws."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from plantrack.entries import superseded_flags
from plantrack.i18n import goal_text, label, with_unit
from plantrack.model import Entry, Lang, Plan, Section, Target


def plan_table(plan: Plan, sections: Sequence[Section], lang: Lang) -> Table:
    """The plan's targets grouped by section: name, goal, baseline, kind, frequency."""
    table = Table(
        title=plan.info.title_en if lang == "en" and plan.info.title_en else plan.info.title,
        title_style="bold",
        header_style="bold",
        show_lines=False,
        expand=False,
    )
    table.add_column(label("col.id", lang), style="dim", no_wrap=True)
    table.add_column(label("col.name", lang), ratio=3)
    table.add_column(label("col.target", lang), justify="right")
    table.add_column(label("col.baseline", lang), justify="right")
    table.add_column(label("col.kind", lang))
    table.add_column(label("col.frequency", lang))
    for section in sections:
        targets = [target for target in plan.targets if target.section == section.id]
        if not targets:
            continue
        table.add_row(Text(section.label(lang), style="bold cyan"), end_section=False)
        for position, target in enumerate(targets, 1):
            table.add_row(
                target.id,
                _name_cell(target, lang),
                goal_text(target, lang),
                _baseline_text(target, lang),
                label(target.kind, lang),
                label(target.frequency, lang),
                end_section=position == len(targets),
            )
    return table


def _name_cell(target: Target, lang: Lang) -> Text:
    text = Text(target.label(lang))
    if target.due is not None and target.kind != "milestone":
        text.append(f" (→{target.due})", style="dim")
    return text


def _baseline_text(target: Target, lang: Lang) -> str:
    if target.baseline is None:
        return ""
    return with_unit(target.baseline, target.unit, lang)


def history_table(target: Target, entries: Sequence[Entry], lang: Lang) -> Table:
    """Every entry for one target, oldest first within each month; superseded ones marked."""
    table = Table(title=f"{target.label(lang)} ({target.id})", header_style="bold")
    for key in ("col.period", "col.value", "col.revision", "col.recorded_at", "col.by"):
        table.add_column(
            label(key, lang), no_wrap=True, justify="right" if key == "col.value" else "left"
        )
    table.add_column(label("col.source", lang))
    table.add_column(label("col.note", lang))
    flagged = zip(entries, superseded_flags(entries), strict=True)
    for entry, superseded in sorted(flagged, key=lambda pair: pair[0].period):
        current = not superseded
        style = "" if current else "dim strike"
        table.add_row(
            str(entry.period),
            Text(with_unit(entry.value, target.unit, lang), style=style),
            label("current" if current else "superseded", lang),
            entry.recorded_at,
            entry.by,
            entry.source or "",
            entry.note or "",
        )
    return table
