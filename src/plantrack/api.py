"""The library API: what `import plantrack` offers, and what the command line itself calls.

This is the edge of the core: it reads files through the store, reads the clock and the
environment (PLANTRACK_TODAY, the login name), and passes plain values into the rules.
Results are the core's frozen types; problems are PlantrackErrors whose Messages
`describe` puts into words (docs/api.md).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, overload

from plantrack.core.calendar import Template, TemplateLine, reporting_template
from plantrack.core.entries import in_force_by_key, in_force_values
from plantrack.core.errors import (
    EntryRefused,
    ImportRefused,
    PlantrackError,
    UnknownSection,
    UsageProblem,
)
from plantrack.core.lookup import find_owner, find_sections
from plantrack.core.messages import Lang, Listing, Message, msg
from plantrack.core.model import Entry, Plan, Project, Register, Section, Target
from plantrack.core.periods import Month, parse_date
from plantrack.core.progress import Assessment, PlanProgress, as_of_month, default_as_of
from plantrack.core.progress import assess as assess_plan
from plantrack.core.progress import evaluate as evaluate_as_of
from plantrack.core.values import format_number
from plantrack.store import ledger as ledger_file
from plantrack.store import plan_file

if TYPE_CHECKING:
    from plantrack.core.projects import GroupBy, ProjectGroup, ProjectResult
    from plantrack.core.recording import CheckedFigures, Figure, LineProblems, Problem
    from plantrack.core.units import RankedUnit

# The recording rules and the demo figures are imported where they are used: `status` needs
# neither, and every command starts faster without them.

TODAY_VARIABLE = "PLANTRACK_TODAY"
DEMO_MONTH = 6  # `status --demo` without --as-of shows the plan at mid-year

__all__ = [
    "Imported",
    "Ranking",
    "Recorded",
    "Template",
    "TemplateLine",
    "Withdrawn",
    "assess",
    "describe",
    "evaluate",
    "import_file",
    "import_rows",
    "load_plan",
    "projects",
    "rank",
    "read_ledger",
    "record",
    "record_event",
    "resolve_today",
    "template",
    "withdraw",
    "withdraw_event",
]


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in a targets.toml, validated; PlanError lists every problem of the file."""
    return plan_file.load_plan(Path(path))


def read_ledger(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """Every entry of a ledger in file order; a ledger that does not exist yet has none.
    A folder (an existing one, or a path ending in '/') is a ledger of one file per unit,
    whose entries come in the order they were recorded (docs/collaboration.md)."""
    return ledger_file.read_entries(path)


def resolve_today(day: date | None = None) -> date:
    """The day the rules take as today: `day` if given, else PLANTRACK_TODAY (YYYY-MM-DD,
    for back-filling and tests), else the system date."""
    if day is not None:
        return day
    setting = os.environ.get(TODAY_VARIABLE, "")
    if not setting:
        return date.today()
    try:
        return parse_date(setting)
    except PlantrackError as error:
        raise UsageProblem(msg("env.today_invalid", problem=error.message)).at(
            TODAY_VARIABLE
        ) from None


def evaluate(
    plan: Plan,
    entries: Sequence[Entry],
    as_of: str | Month | None = None,
    *,
    today: date | None = None,
) -> PlanProgress:
    """Every target of the plan as of a month ("2023-06", "2023-Q2" or a Month); None means
    the latest month a monthly target reported, else the month before today. `today`
    decides which reports are late and whether the year's verdicts are final."""
    day = resolve_today(today)
    month = default_as_of(plan, entries, day) if as_of is None else as_of_month(plan, as_of)
    return evaluate_as_of(plan, _with_register(plan, entries), month, day)


def assess(
    plan: Plan,
    entries: Sequence[Entry],
    *,
    as_of: str | None = None,
    section: str | None = None,
    owner: str | None = None,
    demo: bool = False,
    today: date | None = None,
) -> Assessment:
    """The plan as of a month, narrowed to a section and an owner, as `status` shows it.
    With `demo`, the illustrative figures of `status --demo` stand in for the entries."""
    sections, chosen_owner = _narrowed(plan, section, owner)
    try:
        month = None if as_of is None else as_of_month(plan, as_of)
    except PlantrackError as error:
        raise error.at("--as-of") from None
    entries, month, day = _figures_assessed(plan, entries, month, resolve_today(today), demo)
    return assess_plan(plan, entries, month, sections, day, chosen_owner)


def _figures_assessed(
    plan: Plan, entries: Sequence[Entry], month: Month | None, day: date, demo: bool
) -> tuple[Sequence[Entry], Month, date]:
    """The figures, as-of month and day an assessment reads: with `demo`, the illustrative
    figures of `status --demo`, read on the day the month's reports were all in."""
    if demo:
        from plantrack.core.demo import demo_entries

        month, day = _demo_month_and_day(plan, month, day)
        entries = tuple(demo_entries(plan, month))
        if plan.register is not None:  # the key projects' part of a report has figures too
            from plantrack.core.demo import demo_project_entries

            entries += tuple(demo_project_entries(plan, plan.register, month))
    if month is None:
        month = default_as_of(plan, entries, day)
    # Demo figures are illustrative for every target alike: none is derived from a register.
    return (entries if demo else _with_register(plan, entries)), month, day


def _with_register(plan: Plan, entries: Sequence[Entry]) -> Sequence[Entry]:
    """The entries assessed: with a key-project register, the figures of the targets that
    take their actual from it (`from_projects`) are derived from it, not read from the ledger."""
    if plan.register is None:
        return entries
    from plantrack.core.projects import with_derived

    return with_derived(plan, plan.register, entries)


@dataclass(frozen=True)
class Ranking:
    """The units of a split target as of a month, best first (core/units.py rank_units)."""

    target: Target
    as_of: Month
    units: tuple[RankedUnit, ...]


def rank(
    plan: Plan,
    entries: Sequence[Entry],
    target: str,
    *,
    as_of: str | None = None,
    demo: bool = False,
    today: date | None = None,
) -> Ranking:
    """Rank the units of a split target (its id or name), as `plantrack rank` does. Refused
    at TARGET when the target is unknown or not split to units; at --as-of for a bad month."""
    from plantrack.core.lookup import resolve_target
    from plantrack.core.progress import Figures
    from plantrack.core.units import rank_units

    try:
        chosen = resolve_target(plan, target)
    except PlantrackError as error:
        raise error.at("TARGET") from None
    if plan.project_target(chosen.id) is not None:  # a project has no units of its own
        raise UsageProblem(msg("rank.project", id=chosen.id)).at("TARGET")
    if not chosen.split:
        split = [candidate.id for candidate in plan.targets if candidate.split]
        listed: object = Listing.of(split) if split else msg("rank.none_split")
        raise UsageProblem(msg("rank.not_split", id=chosen.id, targets=listed)).at("TARGET")
    try:
        month = None if as_of is None else as_of_month(plan, as_of)
    except PlantrackError as error:
        raise error.at("--as-of") from None
    entries, month, day = _figures_assessed(plan, entries, month, resolve_today(today), demo)
    ranked = rank_units(plan, chosen, Figures(plan, entries), month, day)
    return Ranking(chosen, month, ranked)


@dataclass(frozen=True)
class ProjectsAssessed:
    """The key projects as of a month: each project's result and the office's groups."""

    register: Register
    as_of: Month
    results: tuple[ProjectResult, ...]
    groups: tuple[ProjectGroup, ...]
    by: GroupBy | None = None


def projects(
    plan: Plan,
    register: Register,
    entries: Sequence[Entry],
    *,
    as_of: str | None = None,
    by: str | None = None,
    unit: str | None = None,
    demo: bool = False,
    today: date | None = None,
) -> ProjectsAssessed:
    """The key projects as `plantrack projects` shows them (docs/projects.md): as of a month
    (default: the latest month a project has a figure for, else as `status` chooses), with
    the group "all" first and, with `by` (level, type or lead), one group per value. With
    `unit` (a unit's id), only the projects it leads."""
    from plantrack.core.projects import GROUPINGS, judge_projects, project_groups

    if by is not None and by not in GROUPINGS:
        raise UsageProblem(msg("projects.bad_by", text=by)).at("--by")
    try:
        month = None if as_of is None else as_of_month(plan, as_of)
    except PlantrackError as error:
        raise error.at("--as-of") from None
    day = resolve_today(today)
    if demo:
        from plantrack.core.demo import demo_project_entries

        month, day = _demo_month_and_day(plan, month, day)
        entries = demo_project_entries(plan, register, month)
    if month is None:
        ids = {project.id for project in register.projects}
        reported = [
            entry.period
            for entry in entries
            if entry.target in ids and entry.period.year == plan.year and entry.event is None
        ]
        month = max(reported) if reported else default_as_of(plan, entries, day)
    grouping = next((choice for choice in GROUPINGS if choice == by), None)
    results = judge_projects(plan, register, entries, month, day)
    if unit is not None:
        results = tuple(result for result in results if result.project.lead == unit)
    groups = project_groups(plan, results, month, grouping)
    return ProjectsAssessed(register, month, results, groups, grouping)


def _narrowed(
    plan: Plan, section: str | None, owner: str | None
) -> tuple[list[Section], str | None]:
    """The sections and the owner a command is narrowed to, each refused at its option."""
    try:
        sections = find_sections(plan, section)
    except UnknownSection as error:
        raise error.at("--section") from None
    try:
        return sections, find_owner(plan, owner)
    except UnknownSection as error:
        raise error.at("--owner") from None


def template(
    plan: Plan,
    entries: Sequence[Entry],
    period: str | Month | None = None,
    *,
    section: str | None = None,
    owner: str | None = None,
    today: date | None = None,
) -> Template:
    """The targets that report a figure for `period` (default: last month), by their
    frequency, narrowed to a section and an owner, each with the figure in force for its
    previous reporting period. A period with nothing to report is refused."""
    from plantrack.core.periods import parse_period
    from plantrack.core.recording import default_period

    chosen_sections, chosen_owner = _narrowed(plan, section, owner)
    sections = {chosen.id for chosen in chosen_sections}
    try:
        if period is None:
            month = default_period(plan.year, resolve_today(today))
        else:
            month = period if isinstance(period, Month) else parse_period(period)
        if month.year != plan.year:
            raise UsageProblem(msg("period.outside_year", period=month, year=plan.year))
    except PlantrackError as error:
        raise error.at("--period") from None
    # The key projects' rows come with the whole plan, not with one section of it.
    chosen = reporting_template(
        plan, entries, month, sections, chosen_owner, with_projects=section is None
    )
    if not chosen.lines:
        if chosen_owner is None:
            raise UsageProblem(msg("template.none", period=month))
        if plan.units and not plan.owes(chosen_owner):  # it reports nothing, in any month
            raise UsageProblem(msg("template.owes_nothing", owner=chosen_owner)).at("--owner")
        raise UsageProblem(msg("template.none_owner", period=month, owner=chosen_owner))
    return chosen


def _demo_month_and_day(plan: Plan, month: Month | None, day: date) -> tuple[Month, date]:
    """The month a demo shows (the one asked, else mid-year) and the day it is read on."""
    month = month or Month(plan.year, DEMO_MONTH)
    return month, max(day, _demo_today(plan, month))


def _demo_today(plan: Plan, month: Month) -> date:
    """The demo is read on the day the as-of month's reports were all in: the 21st of the
    month after it (after the quarterly due day)."""
    after = month.plus(1)
    return date(after.year, after.month, 21)


def ledger_warnings(
    ledger: Path, entries: Sequence[Entry], progress: PlanProgress
) -> list[Message]:
    """What a reader of the assessment should know about the ledger: that it is empty, or
    holds entries for targets no longer in the plan."""
    warnings = []
    if not entries:
        warnings.append(msg("ledger.empty", file=ledger))
    if progress.ignored:
        warnings.append(
            msg(
                "ledger.orphans_ignored",
                file=ledger,
                count=sum(progress.ignored.values()),
                ids=", ".join(sorted(progress.ignored)),
            )
        )
    return warnings


# ── recording ────────────────────────────────────────────────────────────────


class FigureRefused(EntryRefused):
    """A figure breaks the recording rules; `parts` says which part (target, period, value)."""

    def __init__(self, parts: Sequence[Problem]) -> None:
        super().__init__(*(msg("at", where=part.part, problem=part.message) for part in parts))
        self.parts = tuple(parts)


@dataclass(frozen=True)
class Recorded:
    """A figure now in the ledger, and the entry it superseded, if any."""

    figure: Figure
    entry: Entry
    replaced: Entry | None
    # The entry is in the ledger, but its write may not survive a power cut (say so).
    not_durable: Message | None = None


def record(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    target: str,
    value: str | float,
    period: str | Month | None = None,
    *,
    by: str | None = None,
    source: str | None = None,
    note: str | None = None,
    progress_note: str | None = None,
    problems: str | None = None,
    measures: str | None = None,
    unit: str | None = None,
    replace: bool = False,
    force: bool = False,
    today: date | None = None,
) -> Recorded:
    """Record one figure for a target (its id or name) and period (default: last month),
    with the department's notes if given (进展情况 `progress_note`, 存在问题 `problems`,
    下一步措施 `measures`). With `unit` (an id or name of a unit of the target's split), the
    figure is that unit's own.

    Raises FigureRefused naming each bad part; EntryRefused when a figure is already
    recorded for that target and month and `replace` is False, or when the figure looks
    wrong (docs/recording.md, 'Plausibility') and `force` is False. The ledger is then
    unchanged.
    """
    from plantrack.core.recording import (
        Notes,
        district_unit_clash,
        plausibility_problems,
        read_figure,
        revision_problem,
    )

    day = resolve_today(today)
    _check_unit_given(unit)
    figure = read_figure(
        plan,
        target_text=target,
        period_text=period,
        value_text=value,
        today=day,
        source=source,
        note=note,
        notes=Notes.of(progress_note, problems, measures),
        unit_text=unit,
    )
    if isinstance(figure, list):
        raise FigureRefused(figure)
    who = who_records(by)
    with ledger_file.locked(ledger_path, plan=plan) as book:
        mine = book.entries_of(figure.target.id)
        existing = in_force_by_key(mine).get((figure.target.id, figure.unit, figure.period))
        typed = value.strip() if isinstance(value, str) else format_number(value)
        problem = revision_problem(figure, existing, replace)
        if problem:
            for_unit = "" if figure.unit is None else f" --unit {figure.unit}"
            command = (
                f"plantrack record {figure.target.id} {typed} --period {figure.period}"
                f"{for_unit} --replace"
            )
            raise EntryRefused(msg("record.revise", problem=problem, command=command))
        clash = district_unit_clash(figure, mine)
        if clash is not None:
            raise EntryRefused(clash)
        if not force:
            doubts = plausibility_problems(figure, in_force_values(mine, figure.unit))
            if doubts:
                raise EntryRefused(*(msg("plausible.refused", problem=doubt) for doubt in doubts))
        entry = figure.to_entry(now_utc(), who)
        book.append([entry])
    return Recorded(figure, entry, existing, book.not_durable)


def _check_unit_given(unit: str | None) -> None:
    """A --unit given blank names no unit: it is refused, not read as the district's."""
    if unit is not None and not unit.strip():
        from plantrack.core.recording import Problem

        raise FigureRefused([Problem("unit", msg("unit.empty"))])


@dataclass(frozen=True)
class EventRecorded:
    """A key project's start or milestone now in the ledger (docs/projects.md, 'Recording')."""

    entry: Entry
    project: Project
    replaced: Entry | None
    not_durable: Message | None = None


def record_event(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    project: str,
    period: str | Month | None = None,
    *,
    started: bool = False,
    milestone: str | None = None,
    by: str | None = None,
    note: str | None = None,
    replace: bool = False,
    today: date | None = None,
) -> EventRecorded:
    """Record that a key project (its id or name) started (开工) in a month, or reached one
    of its milestones: an entry without a value. Refused, naming the part, for a target of
    the plan, a continued project's start, an unknown milestone, and an event already
    recorded unless `replace`."""
    from plantrack.core.recording import (
        ProjectEvent,
        event_twice,
        read_event,
        read_target_and_period,
        recorded_event,
    )

    day = resolve_today(today)
    named = _project_named(plan, project)  # a target of the plan is refused before its month
    found = read_target_and_period(plan, target_text=named.id, period_text=period, today=day)
    if isinstance(found, list):
        raise FigureRefused(found)
    chosen, month, _ = found
    event = read_event(plan, chosen, month, started=started, milestone=milestone, note=note)
    if not isinstance(event, ProjectEvent):
        raise FigureRefused([event])
    who = who_records(by)
    with ledger_file.locked(ledger_path, plan=plan) as book:
        replaced = recorded_event(event, book.entries_of(chosen.id))
        if replaced is not None and not replace:
            raise EntryRefused(event_twice(event, replaced))
        entry = event.to_entry(now_utc(), who)
        book.append([entry])
    return EventRecorded(entry, _registered(plan, chosen.id), replaced, book.not_durable)


def withdraw_event(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    project: str,
    *,
    started: bool = False,
    milestone: str | None = None,
    by: str | None = None,
    note: str | None = None,
) -> EventRecorded:
    """Take back a key project's start or milestone recorded by mistake, whatever its month:
    the withdrawal is an entry of its own, and the project has not started (or not reached
    the milestone) until it is recorded again. `replaced` is the entry taken back."""
    from plantrack.core.recording import ProjectEvent, event_words, read_event, recorded_event

    chosen = _project_named(plan, project)
    # The event's month does not matter for what is taken back; the plan's month stands in.
    event = read_event(
        plan, chosen, Month(plan.year, 1), started=started, milestone=milestone, note=note
    )
    if not isinstance(event, ProjectEvent):
        raise FigureRefused([event])
    who = who_records(by)
    with ledger_file.locked(ledger_path, plan=plan) as book:
        in_force = recorded_event(event, book.entries_of(chosen.id))
        if in_force is None:
            what = event_words(event)
            raise EntryRefused(msg("project.event_nothing", id=chosen.id, what=what))
        # The event's entry, dated as the one it takes back, marked as its withdrawal.
        entry = dataclasses.replace(
            event.to_entry(now_utc(), who), period=in_force.period, withdrawn=True
        )
        book.append([entry])
    return EventRecorded(entry, _registered(plan, chosen.id), in_force, book.not_durable)


def _registered(plan: Plan, project_id: str) -> Project:
    """The register's project of an event read_event accepted (it takes only projects)."""
    registered = plan.register.project(project_id) if plan.register is not None else None
    assert registered is not None, "read_event takes only projects of the register"
    return registered


def _project_named(plan: Plan, text: str) -> Target:
    """The key project a start or milestone is for: among the projects first (a target of
    the same name does not make it ambiguous), then any target, which is refused at TARGET as
    no project (or as unknown)."""
    from plantrack.core.errors import UnknownTarget
    from plantrack.core.lookup import resolve_project, resolve_target
    from plantrack.core.recording import Problem

    project = resolve_project(plan, text)
    if project is not None:
        return project
    try:
        chosen = resolve_target(plan, text)
    except UnknownTarget as error:
        raise FigureRefused([Problem("target", error.message)]) from None
    raise FigureRefused([Problem("target", msg("project.only_projects", id=chosen.id))])


@dataclass(frozen=True)
class Withdrawn:
    """A withdrawal now in the ledger, the figure it took back, and the one in force again."""

    entry: Entry
    withdrawn: Entry
    restored: Entry | None
    not_durable: Message | None = None


def withdraw(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    target: str,
    period: str | Month | None = None,
    *,
    by: str | None = None,
    note: str | None = None,
    unit: str | None = None,
    today: date | None = None,
) -> Withdrawn:
    """Take back the figure in force for a target and period (with `unit`, that unit's own):
    the one before it, if any, is in force again. Nothing is deleted; the withdrawal is an
    entry of its own."""
    from plantrack.core.recording import read_target_and_period

    day = resolve_today(today)
    _check_unit_given(unit)
    found = read_target_and_period(
        plan, target_text=target, period_text=period, today=day, unit_text=unit
    )
    if isinstance(found, list):
        raise FigureRefused(found)
    chosen, month, of_unit = found
    who = who_records(by)
    with ledger_file.locked(ledger_path, plan=plan) as book:
        key = (chosen.id, of_unit, month)
        # Only this target's figures for this month decide what the withdrawal takes back.
        same = [
            entry for entry in book.entries_of(chosen.id) if (entry.unit, entry.period) == key[1:]
        ]
        in_force = in_force_by_key(same).get(key)
        if in_force is None:
            if of_unit is None:
                raise EntryRefused(msg("withdraw.nothing", id=chosen.id, period=month))
            nothing = msg("withdraw.nothing_unit", id=chosen.id, period=month, unit=of_unit)
            raise EntryRefused(nothing)
        entry = Entry(
            chosen.id, month, None, now_utc(), who, note=note.strip() if note else None,
            withdrawn=True, unit=of_unit,
        )  # fmt: skip
        book.append([entry])
    return Withdrawn(entry, in_force, in_force_by_key([*same, entry]).get(key), book.not_durable)


@dataclass(frozen=True)
class Imported:
    """What an import did: how many figures, how many of them revised an earlier one."""

    count: int
    revisions: int
    dry_run: bool
    not_durable: Message | None = None
    # Key projects' starts and milestones recorded (the `started` and `milestone` columns).
    started: int = 0
    milestones: int = 0


def import_rows(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    rows: Iterable[Mapping[str, object]],
    *,
    lines: Iterable[int] | None = None,
    source: Path | None = None,
    layout_problems: Iterable[tuple[int, Message]] = (),
    by: str | None = None,
    replace: bool = False,
    force: bool = False,
    dry_run: bool = False,
    today: date | None = None,
) -> Imported:
    """Record many figures at once, all or nothing.

    Each row maps target, period and value (and optionally source and note) to a cell.
    `lines` numbers the rows as their file does (default 1, 2, ...); `source` names that
    file in problems, and `layout_problems` are problems found in it before its rows (a bad
    header). Every problem is reported in one ImportRefused, by line, and nothing is written.
    Rows are read one at a time: an iterator of a million rows is never held as a list.
    """
    from plantrack.core.recording import LineProblems

    problems = LineProblems()
    for line, problem in layout_problems:
        problems.add(line, problem)
    numbered = zip(itertools.count(1) if lines is None else lines, rows, strict=False)
    return _record_rows(
        ledger_path, plan, numbered, problems, source, "import.at_line",
        by=by, replace=replace, force=force, dry_run=dry_run, today=today,
    )  # fmt: skip


def import_file(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    large: bool = False,
    by: str | None = None,
    replace: bool = False,
    force: bool = False,
    dry_run: bool = False,
    today: date | None = None,
) -> Imported:
    """Record the figures of a CSV or xlsx file, all or nothing, as `plantrack import` does.

    The file is read a row at a time. One over 50 MB is refused unless `large`; `encoding`
    forces a CSV's encoding, `sheet` names an xlsx file's sheet (default: the first).
    """
    from plantrack.store.import_file import open_import

    with open_import(Path(path), encoding=encoding, sheet=sheet, large=large) as table:
        return _record_rows(
            ledger_path, plan, table.rows, table.problems, table.source, table.at_line,
            by=by, replace=replace, force=force, dry_run=dry_run, today=today,
        )  # fmt: skip


def _record_rows(
    ledger_path: str | os.PathLike[str],
    plan: Plan,
    numbered: Iterable[tuple[int, Mapping[str, object]]],
    problems: LineProblems,
    source: object,
    at_line: str,
    *,
    by: str | None,
    replace: bool,
    force: bool,
    dry_run: bool,
    today: date | None,
) -> Imported:
    """Check every row (without the lock), then against the ledger (under it), then write."""
    from plantrack.core.recording import read_against_ledger, read_rows

    day = resolve_today(today)
    figures = read_rows(plan, numbered, day, problems)
    who = who_records(by)
    with ledger_file.locked(ledger_path, plan=plan) as book:
        revisions = read_against_ledger(
            figures, book.entries, problems, replace=replace, force=force
        )
        if problems:
            raise ImportRefused(*_import_problem_lines(problems, source, at_line))
        if not dry_run:
            book.append(_FigureEntries(figures, now_utc(), who))
    events = [event.event for _, event in figures.events]
    return Imported(
        len(figures), revisions, dry_run, book.not_durable,
        started=events.count("started"), milestones=events.count("milestone"),
    )  # fmt: skip


class _FigureEntries(Sequence[Entry]):
    """The ledger entries of checked figures, made one at a time as the ledger writes them."""

    def __init__(self, figures: CheckedFigures, recorded_at: str, by: str) -> None:
        self._figures, self._recorded_at, self._by = figures, recorded_at, by

    def __len__(self) -> int:
        return len(self._figures) + len(self._figures.events)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index >= len(self._figures):  # the projects' starts and milestones come last
            _, event = self._figures.events[index - len(self._figures)]
            return event.to_entry(self._recorded_at, self._by)
        return self._figures[index].figure.to_entry(self._recorded_at, self._by)


def _import_problem_lines(problems: LineProblems, source: object, at_line: str) -> list[Message]:
    """One line per problem shown, placed in the file (or sheet) named by `source`, if any."""
    shown = problems.shown()
    hidden = problems.count - len(shown)
    more = [msg("import.more_problems", hidden=hidden)] if hidden else []
    if source is None:
        lines = [msg("import.at_row", line=line, problem=problem) for line, problem in shown]
        return [*lines, *more, msg("import.refused_rows", count=problems.count)]
    lines = [msg(at_line, file=source, line=line, problem=problem) for line, problem in shown]
    return [*lines, *more, msg("import.refused", file=source, count=problems.count)]


def who_records(by: str | None) -> str:
    """Who is recording: `by`, else the login name."""
    import getpass

    if by is not None and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise UsageProblem(msg("record.no_login_name")).at("--by") from None


def now_utc() -> str:
    """The moment of recording, UTC, RFC 3339, as the ledger stores it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe(message: Message | PlantrackError, lang: Lang = "en") -> str:
    """The words of a Message (or of every problem of an error, one per line) in zh or en."""
    from plantrack.present.i18n import words

    if isinstance(message, PlantrackError):
        return "\n".join(words(problem, lang) for problem in message.problems)
    return words(message, lang)
