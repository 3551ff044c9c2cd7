"""The recording rules: turning what a clerk typed into a figure the ledger may accept.

Pure: the plan, the typed text and today's date in; a Figure or the problems out. The ledger
decides nothing; the library API (plantrack.api) holds the lock and appends, and the command
line says where each problem is (an argument, or a line and column of an import file).
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from plantrack.core.entries import entries_by_target, in_force_by_key, in_force_values
from plantrack.core.errors import InvalidPeriod, InvalidValue, UnknownTarget
from plantrack.core.lookup import resolve_target
from plantrack.core.messages import Listing, Message, Quantity, msg
from plantrack.core.model import Entry, Plan, Target
from plantrack.core.periods import Month, parse_period, previous_month
from plantrack.core.values import LARGEST_FIGURE, format_number, parse_value, within_bounds

# The parts of a figure, as a problem names them: `record`'s TARGET, --period and VALUE, and
# the columns of an import file.
FigurePart = str  # "target" | "period" | "value" | "unit"


@dataclass(frozen=True)
class Problem:
    """Why one part of a figure is refused; `part` is target, period or value."""

    part: FigurePart
    message: Message


@dataclass(frozen=True)
class Figure:
    """A checked figure for one target and month, not yet in the ledger."""

    target: Target
    period: Month
    value: float
    source: str | None = None
    note: str | None = None
    notes: Notes | None = None  # 进展情况、存在问题、下一步措施, when reported
    unit: str | None = None  # the unit whose own figure this is, for a split target

    @property
    def judged(self) -> Target:
        """The target this figure is checked against: the unit's own share, or the target."""
        return self.target if self.unit is None else self.target.for_unit(self.unit)

    def to_entry(self, recorded_at: str, by: str) -> Entry:
        notes = self.notes or Notes()
        return Entry(
            target=self.target.id,
            period=self.period,
            value=self.value,
            recorded_at=recorded_at,
            by=by,
            source=self.source,
            note=self.note,
            progress_note=notes.progress,
            problems=notes.problems,
            measures=notes.measures,
            unit=self.unit,
        )


@dataclass(frozen=True)
class Notes:
    """What a department writes beside its figure: progress, problems and next measures."""

    progress: str | None = None
    problems: str | None = None
    measures: str | None = None

    @classmethod
    def of(cls, progress: object, problems: object, measures: object) -> Notes | None:
        """The notes typed or read from cells; None when all three are blank."""
        notes = cls(
            *(_blank_to_none(_optional_text(text)) for text in (progress, problems, measures))
        )
        return notes if notes != cls() else None


def read_target_and_period(
    plan: Plan,
    *,
    target_text: str,
    period_text: str | Month | None,
    today: date,
    unit_text: str | None = None,
) -> tuple[Target, Month, str | None] | list[Problem]:
    """The target, period and unit of a withdrawal, or the problems of any."""
    problems: list[Problem] = []
    target, period = _read_target_and_period(plan, target_text, period_text, today, problems)
    unit = _read_unit(plan, target, unit_text, problems)
    if target is None or period is None or problems:
        return problems
    return target, period, unit


def read_figure(
    plan: Plan,
    *,
    target_text: str,
    period_text: str | Month | None,
    value_text: str | float,
    today: date,
    source: str | None = None,
    note: str | None = None,
    notes: Notes | None = None,
    unit_text: str | None = None,
) -> Figure | list[Problem]:
    """Check every part of the figure, returning all the problems found."""
    problems: list[Problem] = []
    target, period = _read_target_and_period(plan, target_text, period_text, today, problems)
    if target is not None and plan.derives(target):  # its figures would be ignored
        how = target.from_projects or ""
        problems.append(Problem("target", msg("record.derived", id=target.id, how=how)))
        return problems
    unit = _read_unit(plan, target, unit_text, problems)
    value = _read_value(target, value_text, problems) if target is not None else None
    if problems or target is None or period is None or value is None:
        return problems
    return Figure(target, period, value, _blank_to_none(source), _blank_to_none(note), notes, unit)


def _read_unit(
    plan: Plan, target: Target | None, text: str | None, problems: list[Problem]
) -> str | None:
    """The unit whose own figure this is: one of the target's split (docs/recording.md,
    "Figures of units")."""
    typed = _blank_to_none(text)
    if typed is None:
        return None
    unit = plan.resolve_unit(typed)
    if unit is None:
        if not plan.units:
            problems.append(Problem("unit", msg("record.no_units", unit=typed)))
        else:
            names = [name for known in plan.units for name in (known.id, known.name)]
            suggestion = difflib.get_close_matches(typed, names, n=1)
            hint: object = msg("hint.did_you_mean_then", word=suggestion[0]) if suggestion else ""
            problems.append(Problem("unit", msg("record.unknown_unit", unit=typed, hint=hint)))
        return None
    if target is None:
        return unit
    if not target.split:
        problems.append(Problem("unit", msg("record.not_split", id=target.id, unit=unit)))
        return None
    if target.share(unit) is None:
        split = Listing.of(target.split_units)
        problems.append(
            Problem("unit", msg("record.unit_not_in_split", id=target.id, unit=unit, units=split))
        )
        return None
    return unit


def _read_target_and_period(
    plan: Plan,
    target_text: str,
    period_text: str | Month | None,
    today: date,
    problems: list[Problem],
) -> tuple[Target | None, Month | None]:
    """The target and the period typed, each None with its problem added when it is bad; the
    period is checked against the target even when the target is unknown."""
    try:
        target: Target | None = resolve_target(plan, target_text)
    except UnknownTarget as error:
        target = None
        problems.append(Problem("target", error.message))
    return target, _read_period(plan, target, period_text, today, problems)


def _read_period(
    plan: Plan,
    target: Target | None,
    text: str | Month | None,
    today: date,
    problems: list[Problem],
) -> Month | None:
    try:
        if text is None:
            period = default_period(plan.year, today)
        elif isinstance(text, Month):
            period = text
        else:
            period = parse_period(text)
    except InvalidPeriod as error:
        problems.append(Problem("period", error.message))
        return None
    problem = period_problem(plan.year, target, period, today)
    if problem:
        problems.append(Problem("period", problem))
        return None
    return period


def default_period(plan_year: int, today: date) -> Month:
    """The month before today, when it lies in the plan year."""
    last_month = previous_month(today)
    if last_month.year != plan_year:
        raise InvalidPeriod(msg("period.no_default", last=last_month, year=plan_year))
    return last_month


def period_problem(
    plan_year: int, target: Target | None, period: Month, today: date
) -> Message | None:
    """Why a figure may not be recorded for this month, if it may not."""
    if period.year != plan_year:
        return msg("period.outside_year", period=period, year=plan_year)
    this_month = Month.of(today)
    if period >= this_month:  # a month's figure exists once the month is over
        first_day = period.plus(1)
        return msg("period.not_over", period=period, day=f"{first_day}-01")
    if target is None:
        return None
    if target.frequency == "quarterly" and period.month % 3 != 0:
        quarter = f"{period.year}-Q{(period.month + 2) // 3}"
        return msg("period.quarterly", id=target.id, year=period.year, quarter=quarter)
    if target.frequency == "annual" and period.month != 12:
        return msg("period.annual", id=target.id, year=period.year)
    return None


def _read_value(target: Target, typed: str | float, problems: list[Problem]) -> float | None:
    try:
        value = _number(typed, target)
    except InvalidValue as error:
        problems.append(Problem("value", error.message))
        return None
    problem = value_problem(target, value)
    if problem is not None:
        problems.append(Problem("value", problem))
        return None
    return value


def value_problem(target: Target, value: float) -> Message | None:
    """Why a number cannot be a figure of this target: a negative total or percent complete,
    a milestone beyond 100."""
    milestone = target.kind == "milestone"
    if value < 0 and target.kind in ("total", "milestone"):
        key = "value.negative_milestone" if milestone else "value.negative_total"
        return msg(key, value=value, id=target.id)
    if milestone and value > 100:
        return msg("value.milestone_above_100", value=value)
    return None


def _number(typed: str | float, target: Target) -> float:
    if isinstance(typed, str):
        return parse_value(typed, unit=target.unit or "", milestone=target.kind == "milestone")
    if isinstance(typed, bool) or not math.isfinite(typed):
        raise InvalidValue(
            msg("value.not_a_number", text=str(typed), hint=msg("value.hint_number"))
        )
    if not within_bounds(typed):
        raise InvalidValue(
            msg("value.too_large", text=format_number(typed), largest=format_number(LARGEST_FIGURE))
        )
    return float(typed)


def revision_problem(figure: Figure, existing: Entry | None, replace: bool) -> Message | None:
    """An existing figure for the same target and month needs an explicit --replace."""
    if existing is None or replace:
        return None
    same: object = msg("record.same_value") if existing.value == figure.value else ""
    return msg(
        "record.exists",
        id=figure.target.id if figure.unit is None else f"{figure.target.id} ({figure.unit})",
        old=Quantity(existing.amount, figure.target.unit),
        period=figure.period,
        same=same,
        at=existing.recorded_at,
        by=existing.by,
    )


# How far a figure may stray before it is questioned (docs/recording.md, 'Plausibility').
TIMES_THE_TARGET = 3
PERCENT_RANGE = (-100.0, 1000.0)


def plausibility_problems(figure: Figure, in_force: Mapping[Month, float]) -> list[Message]:
    """Why a figure looks wrong though it is a valid number: `record` and `import` refuse it
    unless --force, and `validate` warns about it. `in_force` holds the target's figures in
    force, by month; only those of the figure's own year count."""
    target, value = figure.judged, figure.value
    others = {
        month: other
        for month, other in in_force.items()
        if month != figure.period and month.year == figure.period.year
    }
    problems: list[Message] = []
    if target.kind == "total" and target.target is not None:
        problems += _total_problems(figure, target.target, others)
    low, high = PERCENT_RANGE
    in_percent = target.unit == "%" and target.kind in ("growth", "level", "limit")
    if in_percent and not low <= value <= high:
        problems.append(msg("plausible.percent_range", value=value, low=low, high=high))
    if target.is_count and value != int(value):
        problems.append(msg("plausible.fraction", value=value, unit=target.unit or ""))
    return problems


def _total_problems(figure: Figure, goal: float, others: Mapping[Month, float]) -> list[Message]:
    """A total far beyond its target, or a year-to-date total that falls from one month to
    the next (whichever of the two months was recorded last)."""
    target, value, period = figure.target, figure.value, figure.period
    unit = target.unit
    problems: list[Message] = []
    earlier = {month: other for month, other in others.items() if month < period}
    running = value + sum(earlier.values()) if target.entry == "increment" else value
    # Questioned once: the figure that takes the total beyond the line, not each one after it
    # (a year-to-date figure is the whole total, so nothing stood before it).
    if running > TIMES_THE_TARGET * goal >= running - value:
        problems.append(
            msg(
                "plausible.over_target",
                value=Quantity(running, unit),
                target=Quantity(goal, unit),
                times=TIMES_THE_TARGET,
            )
        )
    if target.entry != "ytd":
        return problems
    if earlier and value < earlier[max(earlier)]:
        last = max(earlier)
        problems.append(
            msg(
                "plausible.total_falls",
                value=Quantity(value, unit),
                earlier=Quantity(earlier[last], unit),
                period=last,
            )
        )
    later = [month for month in others if month > period]
    if later and value > others[min(later)]:
        first = min(later)
        problems.append(
            msg(
                "plausible.total_above_later",
                value=Quantity(value, unit),
                later=Quantity(others[first], unit),
                period=first,
            )
        )
    return problems


def _blank_to_none(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


@dataclass(frozen=True)
class RowFigure:
    """A figure read from one row of an import."""

    line: int
    figure: Figure


class LineProblems:
    """The problems of an import by line, in line order, as they are found.

    Only the first SHOWN lines are kept (the rest are counted), so that a file of a million
    bad rows is refused in as little memory as a file of ten.
    """

    SHOWN = 1000

    def __init__(self) -> None:
        self.count = 0
        self._kept: list[tuple[int, int, Message]] = []

    def add(self, line: int, problem: Message) -> None:
        self._kept.append((line, self.count, problem))
        self.count += 1
        if len(self._kept) > 2 * self.SHOWN:
            self._kept = self._sorted()[: self.SHOWN]

    def shown(self) -> list[tuple[int, Message]]:
        """The first SHOWN problems by line (those of one line in the order found)."""
        return [(line, problem) for line, _, problem in self._sorted()[: self.SHOWN]]

    def _sorted(self) -> list[tuple[int, int, Message]]:
        return sorted(self._kept, key=lambda kept: kept[:2])

    def __bool__(self) -> bool:
        return self.count > 0


MONTHS = 12


class CheckedFigures(Sequence[RowFigure]):
    """The figures of an import that passed `record`'s checks, kept compactly by column.

    Every one lies in the plan's year (period_problem sees to that), so a figure is a target's
    place in the plan and a month: a million rows take tens of MB rather than a GB of objects.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        # The plan's targets, then the key projects of its register, which record as targets.
        self.targets = (*plan.targets, *plan.project_targets)
        self.place = {target.id: number for number, target in enumerate(self.targets)}
        self._lines = array("q")
        self._targets = array("q")
        self._months = array("b")
        self._values = array("d")
        self._sources: list[str | None] = []
        self._notes: list[str | None] = []
        self._reports: list[Notes | None] = []
        self._units: list[str | None] = []
        self._texts: dict[str, str] = {}  # a source repeated on every row is kept once
        # Key projects' starts and milestones (few: one a project and milestone at most).
        self.events: list[tuple[int, ProjectEvent]] = []

    def append(self, line: int, figure: Figure) -> None:
        self._units.append(figure.unit)
        self._lines.append(line)
        self._targets.append(self.place[figure.target.id])
        self._months.append(figure.period.month)
        self._values.append(figure.value)
        self._sources.append(self._shared(figure.source))
        self._notes.append(self._shared(figure.note))
        self._reports.append(figure.notes)

    def _shared(self, text: str | None) -> str | None:
        if text is None:
            return None
        kept = self._texts.get(text)
        if kept is not None:
            return kept
        if len(self._texts) < 10_000:
            self._texts[text] = text
        return text

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> RowFigure: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RowFigure]: ...
    def __getitem__(self, index: int | slice) -> RowFigure | Sequence[RowFigure]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self)))]
        figure = Figure(
            self.targets[self._targets[index]],
            Month(self.plan.year, self._months[index]),
            self._values[index],
            self._sources[index],
            self._notes[index],
            self._reports[index],
            self._units[index],
        )
        return RowFigure(self._lines[index], figure)


def read_rows(
    plan: Plan,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    today: date,
    problems: LineProblems,
) -> CheckedFigures:
    """Check each (line, cells) row as `record` would, and that no target and month repeats;
    the problems go to `problems`, each naming its column."""
    figures = CheckedFigures(plan)
    first_line = array("q", bytes(8 * MONTHS * len(figures.targets)))  # 0: not seen yet
    split_rows: dict[tuple[str, Month], dict[str | None, int]] = {}
    first_event_line: dict[tuple[str, str, str | None], int] = {}
    for line, cells in rows:
        if "value" not in cells and _event_columns(cells) and not _has_event(cells):
            # A file of starts and milestones (no value column): a row with neither, or 否,
            # records nothing, as a template's row without a figure.
            continue
        if _has_event(cells):
            read = _read_event_row(plan, cells, today, line, first_event_line)
            for problem in read.problems:
                problems.add(line, _in_column(problem))
            figures.events += [(line, event) for event in read.events]
            if not read.has_figure:
                continue
        result = read_figure(
            plan,
            target_text=_cell_text(cells.get("target")),
            period_text=_cell_period(cells.get("period")),
            value_text=_cell_value(cells.get("value")),
            today=today,
            source=_optional_text(cells.get("source")),
            note=_optional_text(cells.get("note")),
            notes=Notes.of(
                cells.get("progress_note"), cells.get("problems"), cells.get("measures")
            ),
            unit_text=_optional_text(cells.get("unit")),
        )
        if isinstance(result, list):
            for problem in result:
                problems.add(line, _in_column(problem))
            continue
        key = figures.place[result.target.id] * MONTHS + result.period.month - 1
        if result.target.split:  # a split target's rows: one per unit, or the district's
            clash = _split_clash(result, line, split_rows)
            if clash is not None:
                problems.add(line, _in_column(clash))
                continue
        elif first_line[key]:
            repeated = msg(
                "import.duplicate_row",
                id=result.target.id,
                period=result.period,
                line=first_line[key],
            )
            problems.add(line, _in_column(Problem("period", repeated)))
            continue
        first_line[key] = line
        figures.append(line, result)
    return figures


@dataclass(frozen=True)
class _EventRow:
    events: list[ProjectEvent]
    problems: list[Problem]
    has_figure: bool  # the row has a value too, read as a figure after its events


def _read_event_row(
    plan: Plan,
    cells: Mapping[str, object],
    today: date,
    line: int,
    first_line: dict[tuple[str, str, str | None], int],
) -> _EventRow:
    """The start and milestone of an import row, checked as `record --started` and
    `--milestone` check them, and against the rows above; the row's value, if any, is read as
    a figure afterwards (whose own problems name a bad target or period)."""
    has_figure = _blank_to_none(_cell_text(cells.get("value"))) is not None
    found = read_target_and_period(
        plan,
        target_text=_cell_text(cells.get("target")),
        period_text=_cell_period(cells.get("period")),
        today=today,
    )
    if isinstance(found, list):
        return _EventRow([], [] if has_figure else found, has_figure)
    project, period, _ = found
    events, problems = _row_events(plan, project, period, cells, today)
    kept: list[ProjectEvent] = []
    for event in events:
        if event.key in first_line:
            problems.append(
                Problem(
                    event.event,
                    msg(
                        "import.duplicate_event",
                        id=project.id,
                        what=event_words(event),
                        line=first_line[event.key],
                    ),
                )
            )
            continue
        first_line[event.key] = line
        kept.append(event)
    return _EventRow(kept, problems, has_figure)


def _split_clash(
    figure: Figure, line: int, seen: dict[tuple[str, Month], dict[str | None, int]]
) -> Problem | None:
    """Why a row of a split target clashes with a row above: the same unit (or the district)
    twice, or a district figure and units' figures for one period of a total."""
    rows = seen.setdefault((figure.target.id, figure.period), {})
    if figure.unit in rows:
        repeated = msg(
            "import.duplicate_row",
            id=figure.target.id if figure.unit is None else f"{figure.target.id} ({figure.unit})",
            period=figure.period,
            line=rows[figure.unit],
        )
        return Problem("period" if figure.unit is None else "unit", repeated)
    if figure.target.sums_units:
        other = next(
            (found for unit, found in rows.items() if (unit is None) != (figure.unit is None)), None
        )
        if other is not None:
            key = (
                "import.district_and_units" if figure.unit is None else "import.units_and_district"
            )
            return Problem("unit", msg(key, id=figure.target.id, period=figure.period, line=other))
    rows[figure.unit] = line
    return None


def district_unit_clash(figure: Figure, entries: Iterable[Entry]) -> Message | None:
    """A district figure and units' figures for the same period of a split total are refused
    together, whichever comes second (docs/recording.md, 'Figures of units')."""
    if not figure.target.sums_units:
        return None
    for (target, unit, period), entry in in_force_by_key(entries).items():
        if target != figure.target.id or period != figure.period or entry.value is None:
            continue
        if figure.unit is None and unit is not None:
            return msg("record.district_after_units", id=target, period=period, unit=unit)
        if figure.unit is not None and unit is None:
            return msg("record.units_after_district", id=target, period=period)
    return None


def _in_column(problem: Problem) -> Message:
    return in_column(problem.part, problem.message)


def in_column(column: str, problem: Message) -> Message:
    """A problem placed in an import's column, named as the file may head it: 'started' in
    English, “started（开工）” in Chinese, whose templates head it 开工."""
    return msg("import.in_column", column=msg(f"import.column.{column}"), problem=problem)


def read_against_ledger(
    figures: CheckedFigures,
    entries: Iterable[Entry],
    problems: LineProblems,
    *,
    replace: bool,
    force: bool,
) -> int:
    """Check the figures against the ledger and the rows above them (revisions need
    `replace`, plausibility `force`); the number of them that revise a figure in force."""
    plan = figures.plan
    ledger = tuple(entries)
    latest = in_force_by_key(ledger)
    # The plausibility rules look only at the figure's own year: the plan's year.
    in_year = array("d", [math.nan]) * (MONTHS * len(figures.targets))
    grouped = entries_by_target(ledger)
    for target_id, group in grouped.items():
        place = figures.place.get(target_id)
        if place is None:
            continue
        for month, value in in_force_values(group).items():
            if month.year == plan.year:
                in_year[place * MONTHS + month.month - 1] = value
    revisions = 0
    # A start or milestone recorded already is corrected only with --replace; it is no
    # figure, so the count of revised figures says nothing of it.
    for line, event in figures.events if not replace else ():
        earlier = recorded_event(event, grouped.get(event.project.id, ()))
        if earlier is not None:
            twice = event_twice(event, earlier)
            problems.add(line, in_column(event.event, twice))
    for row in figures:
        figure = row.figure
        existing = latest.get((figure.target.id, figure.unit, figure.period))
        revisions += existing is not None
        problem = revision_problem(figure, existing, replace)
        if problem:
            problems.add(row.line, msg("import.revise", problem=problem))
        if figure.target.split:  # few rows: their checks read the ledger's entries directly
            split_entries = grouped.get(figure.target.id, [])
            clash = district_unit_clash(figure, split_entries)
            if clash is not None:
                problems.add(row.line, clash)  # --replace cannot help: say what to do instead
            if not force:
                values = in_force_values(split_entries, figure.unit)
                for doubt in plausibility_problems(figure, values):
                    problems.add(row.line, msg("import.plausible", problem=doubt))
            continue
        start = figures.place[figure.target.id] * MONTHS
        if not force:
            mine = {
                Month(plan.year, number + 1): in_year[start + number]
                for number in range(MONTHS)
                if not math.isnan(in_year[start + number])
            }
            for doubt in plausibility_problems(figure, mine):
                problems.add(row.line, msg("import.plausible", problem=doubt))
        in_year[start + figure.period.month - 1] = figure.value  # later rows see this one
    return revisions


def _cell_text(cell: object) -> str:
    return "" if cell is None else str(cell)


def _cell_period(cell: object) -> str | Month:
    return cell if isinstance(cell, Month) else _cell_text(cell)


def _cell_value(cell: object) -> str | float:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    return _cell_text(cell)


def _optional_text(cell: object) -> str | None:
    return None if cell is None else str(cell)


# A key project's start or milestone (docs/projects.md, "Recording"): what `record --started`
# and `--milestone` write, and an import's `started` and `milestone` columns.
STARTED_WORDS = frozenset(
    {"是", "已开工", "开工", "√", "✓", "✔", "x", "yes", "y", "true", "1", "started"}
)
NOT_STARTED_WORDS = frozenset({"否", "未开工", "no", "n", "false", "0", "-", "—", "无"})


@dataclass(frozen=True)
class ProjectEvent:
    """A key project's start (开工) in a month, or a milestone it reached: checked, not yet
    in the ledger. An entry without a value."""

    project: Target
    period: Month
    event: str  # "started" | "milestone"
    milestone: str | None = None
    note: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        """What may be recorded once per project: its start, and each milestone."""
        return (self.project.id, self.event, self.milestone)

    def to_entry(self, recorded_at: str, by: str) -> Entry:
        return Entry(
            self.project.id, self.period, None, recorded_at, by, note=self.note,
            event=self.event, milestone=self.milestone,
        )  # fmt: skip


def read_event(
    plan: Plan,
    project: Target,
    period: Month,
    *,
    started: bool,
    milestone: str | None,
    note: str | None = None,
    in_columns: bool = False,
) -> ProjectEvent | Problem:
    """The start or milestone of a key project, or why it cannot be recorded: the target is
    no project, a continued project has no start to record, the milestone is not one of the
    project's. `in_columns` words the problem for an import's columns, not record's options."""
    registered = None if plan.register is None else plan.register.project(project.id)
    part = "started" if started else "milestone"
    # For `record` the project named is what is wrong; in an import, the column filled in.
    wrong_project = part if in_columns else "target"
    if registered is None:
        key = "import.event_not_project" if in_columns else "project.only_projects"
        return Problem(wrong_project, msg(key, id=project.id))
    if started:
        if registered.type != "new":
            key = "import.started_not_new" if in_columns else "project.not_new"
            return Problem(wrong_project, msg(key, id=project.id))
        return ProjectEvent(project, period, "started", note=_blank_to_none(note))
    typed = (milestone or "").strip()
    names = [step.name for step in registered.milestone]
    if typed not in names:
        close = difflib.get_close_matches(typed, names, n=1)
        hint: object = msg("hint.did_you_mean_then", word=close[0]) if close else ""
        listed: object = Listing.of(names) if names else msg("project.no_milestones")
        problem = msg(
            "project.unknown_milestone",
            id=project.id, name=milestone or "", hint=hint, milestones=listed,
        )  # fmt: skip
        return Problem(part, problem)
    return ProjectEvent(project, period, "milestone", typed, _blank_to_none(note))


def recorded_event(event: ProjectEvent, entries: Iterable[Entry]) -> Entry | None:
    """The entry that records this start or milestone now, if any: the latest, unless a
    withdrawal came after it."""
    in_force: Entry | None = None
    for entry in entries:
        if (entry.target, entry.event, entry.milestone) == event.key:
            in_force = None if entry.withdrawn else entry
    return in_force


def event_twice(event: ProjectEvent, earlier: Entry) -> Message:
    """A start or milestone recorded already: say when and by whom, and how to correct it."""
    return msg(
        "project.event_twice",
        id=event.project.id,
        what=event_words(event),
        period=earlier.period,
        by=earlier.by,
        at=earlier.recorded_at,
    )


def event_words(event: ProjectEvent) -> Message:
    """'its start' or 'milestone NAME', as messages about an event name it."""
    if event.event == "started":
        return msg("project.what_started")
    return msg("project.what_milestone", name=event.milestone or "")


def _row_events(
    plan: Plan, project: Target, period: Month, cells: Mapping[str, object], today: date
) -> tuple[list[ProjectEvent], list[Problem]]:
    """The start and the milestone a row reports in its `started` and `milestone` columns."""
    problems: list[Problem] = []
    events: list[ProjectEvent] = []
    note = _optional_text(cells.get("note"))
    started = _started(cells.get("started"), problems)
    if isinstance(started, Month):
        refusal = period_problem(plan.year, None, started, today)
        if refusal is not None:
            problems.append(Problem("started", refusal))
            started = None
    if started is not None:
        month = started if isinstance(started, Month) else period
        read = read_event(
            plan, project, month, started=True, milestone=None, note=note, in_columns=True
        )
        _sort_into(read, events, problems)
    milestone = _blank_to_none(_optional_text(cells.get("milestone")))
    if milestone is not None:
        read = read_event(
            plan, project, period, started=False, milestone=milestone, note=note, in_columns=True
        )
        _sort_into(read, events, problems)
    return events, problems


def _sort_into(
    read: ProjectEvent | Problem, events: list[ProjectEvent], problems: list[Problem]
) -> None:
    if isinstance(read, ProjectEvent):
        events.append(read)
    else:
        problems.append(read)


def _event_columns(cells: Mapping[str, object]) -> bool:
    return "started" in cells or "milestone" in cells


def _has_event(cells: Mapping[str, object]) -> bool:
    return any(
        _blank_to_none(_optional_text(cells.get(column))) is not None
        for column in ("started", "milestone")
    )


def _started(cell: object, problems: list[Problem]) -> bool | Month | None:
    """A `started` cell: None when empty or no (未开工), True when yes (the row's month is the
    start), or the month it names (a date or YYYY-MM)."""
    if isinstance(cell, Month):
        return cell
    # Full-width ｙｅｓ and １ (typed with a Chinese input method) read as yes and 1.
    text = unicodedata.normalize("NFKC", _optional_text(cell) or "")
    lowered = text.strip().lower()
    if not lowered or lowered in NOT_STARTED_WORDS:
        return None
    if lowered in STARTED_WORDS:
        return True
    try:
        return parse_period(text)  # a date the import file read turned into its month already
    except InvalidPeriod:
        problems.append(Problem("started", msg("import.started_value", text=text.strip())))
        return None


@dataclass(frozen=True)
class Doubt:
    """A figure in force in the ledger that looks wrong, and why (for `validate`)."""

    target: Target
    period: Month
    problem: Message
    unit: str | None = None


def ledger_doubts(plan: Plan, entries: Iterable[Entry], today: date) -> list[Doubt]:
    """Every figure in force that `record` would have refused or questioned: one edited into
    the ledger by hand, or recorded with --force."""
    doubts: list[Doubt] = []
    for target_id, group in entries_by_target(entries).items():
        target = plan.target(target_id)
        if target is None:
            continue  # `validate` lists entries for targets not in the plan on their own
        for unit in (None, *target.split_units):
            values = in_force_values(group, unit)
            for month in sorted(values):
                refusal = period_problem(plan.year, target, month, today) or value_problem(
                    target, values[month]
                )
                figure = Figure(target, month, values[month], unit=unit)
                problems = [refusal] if refusal else plausibility_problems(figure, values)
                doubts += [Doubt(target, month, problem, unit) for problem in problems]
    return doubts
