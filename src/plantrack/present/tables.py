"""Tables of the plan and of a target's entries, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
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


@dataclass(frozen=True)
class _HistoryColumn:
    """A column of the history table: its header, its cells, and how it gives way."""

    header: str
    cells: list[Text]
    justify: Literal["left", "right"] = "left"
    whole: bool = False  # a period, a figure, a timestamp: never broken across lines
    min_width: int = 4  # how narrow a column that is not whole may be folded
    drop: int = 0  # when the table is too wide, the highest is left out first; 0: never

    @property
    def natural(self) -> int:
        """Its widest cell, header included."""
        return max(cell_len(self.header), *(cell.cell_len for cell in self.cells))

    def needs(self) -> int:
        """The cells it takes at its narrowest: all of its widest cell when it is whole, else
        its `min_width`, or its header's if wider (a header is never folded)."""
        if self.whole:
            return self.natural
        return min(self.natural, max(self.min_width, cell_len(self.header)))


@dataclass(frozen=True)
class _HistoryTable:
    """The entries of a target as a rich Table that fits the terminal: when it is too narrow
    for every column at its narrowest, the least important columns are left out (an empty
    source or note first), rather than a timestamp or a figure cut into pieces."""

    title: str
    columns: list[_HistoryColumn]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = self._shown(options.max_width)
        yield self._table(shown, self._widths(shown, options.max_width))

    def _shown(self, available: int) -> list[_HistoryColumn]:
        shown = list(self.columns)
        for column in sorted((c for c in self.columns if c.drop), key=lambda c: -c.drop):
            if sum(c.needs() for c in shown) + _borders(shown) <= available:
                break
            shown.remove(column)
        return shown

    @staticmethod
    def _widths(columns: list[_HistoryColumn], available: int) -> list[int]:
        """Each column's width, set here rather than left to rich, which would fold a
        timestamp or let the table run past the edge: natural widths when they fit; else
        the whole columns at theirs and the others from their narrowest up, a cell at a
        time, while there is room."""
        widths = [column.needs() for column in columns]
        room = available - _borders(columns) - sum(widths)
        while room > 0:
            growing = [n for n, column in enumerate(columns) if widths[n] < column.natural]
            if not growing:
                break
            for number in growing[:room]:
                widths[number] += 1
            room -= min(room, len(growing))
        return widths

    def _table(self, columns: list[_HistoryColumn], widths: list[int]) -> Table:
        table = Table(title=Text(self.title), header_style="bold")
        for column, width in zip(columns, widths, strict=True):
            table.add_column(
                column.header,
                justify=column.justify,
                no_wrap=column.whole,
                # What a department wrote wraps onto more lines rather than end in '…'.
                overflow="ellipsis" if column.whole else "fold",
                width=width,
            )
        for row in zip(*(column.cells for column in columns), strict=True):
            table.add_row(*row)
        return table


def _borders(columns: Sequence[object]) -> int:
    """The cells a table's borders take: a line and a space either side of each column."""
    return 3 * len(columns) + 1


def history_table(
    target: Target, entries: Sequence[Entry], lang: Lang, plan: Plan | None = None
) -> RenderableType:
    """Every entry for one target, oldest first within each month; superseded ones marked;
    with a column of the unit whose own figure each is, when any is a unit's. In a narrow
    terminal an empty source or note column goes first, then the revision when every entry
    is current, then the source, who recorded it and the revision; the period, the unit, the
    figure and when it was recorded are never broken, and a note folds."""
    flagged = zip(entries, revisions(entries), strict=True)
    rows = sorted(flagged, key=lambda pair: pair[0].period)
    struck = [revision not in ("current", "withdrawal") for _, revision in rows]
    with_units = any(entry.unit is not None for entry in entries)

    def unit_of(entry: Entry) -> str:
        if plan is not None and entry.unit is not None:
            return plan.unit_label(entry.unit, lang)
        return entry.unit or ""

    def column(key: str, cells: list[str], **how: Any) -> _HistoryColumn:
        return _HistoryColumn(label(key, lang), [Text(plain(cell)) for cell in cells], **how)

    sources = [entry.source or "" for entry, _ in rows]
    notes = [_remarks(entry, lang) for entry, _ in rows]
    revision_words = [label(f"revision.{revision}", lang) for _, revision in rows]
    all_current = all(revision == "current" for _, revision in rows)
    values = [
        Text(plain(_entry_value(entry, target, lang)), style="dim strike" if gone else "")
        for (entry, _), gone in zip(rows, struck, strict=True)
    ]
    columns = [
        column("col.period", [str(entry.period) for entry, _ in rows], whole=True),
        *([column("col.unit", [unit_of(e) for e, _ in rows], whole=True)] if with_units else []),
        _HistoryColumn(label("col.value", lang), values, justify="right", whole=True),
        column("col.revision", revision_words, whole=True, drop=4 if all_current else 1),
        column("col.recorded_at", [entry.recorded_at for entry, _ in rows], whole=True),
        column("col.by", [entry.by for entry, _ in rows], drop=2),
        column("col.source", sources, drop=6 if not any(sources) else 3),
        column("col.note", notes, min_width=8, drop=0 if any(notes) else 5),
    ]
    title = f"{plain(target.label(lang))} ({target.id})"
    return _HistoryTable(title, columns)
