"""Key projects (docs/projects.md): each project judged on its year's investment, its start
and its milestones, and the office's figures over all of them, as its monthly sentence says:
"444项重点项目年度投资计划647.4亿元，1-10月完成629.0亿元，占年度投资计划97.2%，超过时间进度
13.8个百分点；计划新开工255项，已开工206项，完成年度计划开工80.8%".

Pure: the plan, the register, the ledger's entries and today in; results out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from plantrack.core.calendar import due_date, final_period, report_period
from plantrack.core.messages import Message, msg
from plantrack.core.model import Entry, Plan, Project, Register, Target
from plantrack.core.periods import Month
from plantrack.core.progress import STATUSES, Figures, Status, TargetProgress, evaluate_target

GroupBy = Literal["level", "type", "lead"]
GROUPINGS: tuple[GroupBy, ...] = ("level", "type", "lead")
# Worst first, for a project's status: the worst of its investment, start and milestones.
_SEVERITY: dict[Status, int] = {"off_track": 2, "at_risk": 1}


@dataclass(frozen=True)
class Events:
    """What the ledger says happened to one project: the month it started (开工), if it has,
    and the month each milestone was reached."""

    started: Month | None = None
    milestones: dict[str, Month] = field(default_factory=dict)

    def up_to(self, month: Month) -> Events:
        """What had happened by the end of `month`, by the months the ledger now holds: a
        start corrected from April to May has not happened by April."""
        started = self.started if self.started is not None and self.started <= month else None
        reached = {name: when for name, when in self.milestones.items() if when <= month}
        return Events(started, reached)


def project_events(entries: Iterable[Entry]) -> dict[str, Events]:
    """The starts and milestones recorded for each project; a later record of the same
    event (a correction) replaces an earlier one, and a withdrawal takes it back."""
    started: dict[str, Month] = {}
    reached: dict[str, dict[str, Month]] = {}
    for entry in entries:
        if entry.event == "started":
            if entry.withdrawn:
                started.pop(entry.target, None)
            else:
                started[entry.target] = entry.period
        elif entry.event == "milestone" and entry.milestone is not None:
            mine = reached.setdefault(entry.target, {})
            if entry.withdrawn:
                mine.pop(entry.milestone, None)
            else:
                mine[entry.milestone] = entry.period
    ids = started.keys() | reached.keys()
    return {key: Events(started.get(key), reached.get(key, {})) for key in ids}


@dataclass(frozen=True)
class ProjectResult:
    """Where one project stands as of a month."""

    project: Project
    investment: TargetProgress  # the annual plan judged as a total
    status: Status
    started: Month | None  # the month it started, if it has by the as-of month
    late_start_months: int | None  # months past its planned start without a start
    late_milestones: tuple[str, ...]  # milestones past their due month, not reached

    @property
    def completed(self) -> float:
        """The year-to-date investment; 0 when nothing is reported."""
        return self.investment.actual or 0.0

    @property
    def behind(self) -> bool:
        return self.status in ("at_risk", "off_track", "missed")


def judge_projects(
    plan: Plan,
    register: Register,
    entries: Sequence[Entry],
    as_of: Month,
    today: date,
) -> tuple[ProjectResult, ...]:
    """Every project of the register as of the month, in the register's order."""
    figures = Figures(plan, entries)  # a start or milestone is no figure (core/entries.py)
    # The events as the ledger holds them now (corrections and withdrawals applied), then
    # those of months up to the as-of month: filtering the entries first would let a start
    # later corrected to a later month still count in the month it was first recorded for.
    events = project_events(entries)
    return tuple(
        judge_project(
            plan,
            register,
            project,
            figures,
            events.get(project.id, Events()).up_to(as_of),
            as_of,
            today,
        )
        for project in register.projects
    )


def judge_project(
    plan: Plan,
    register: Register,
    project: Project,
    figures: Figures,
    events: Events,
    as_of: Month,
    today: date,
) -> ProjectResult:
    """The rules of docs/projects.md: the investment as a total against the annual plan; a
    new project not started is late by the months from its planned start to the as-of month
    (at risk from 1, off track from [rules] start_late_red_months); a milestone not reached by
    the end of its due month is at risk from the month after. The worst of these is the
    project's status; its final status is achieved only when the plan is met and a new
    project has started."""
    as_target = project.as_target(register.unit)
    investment = evaluate_target(plan, as_target, figures, as_of, today)
    late = _late_start(project, events, as_of)
    late_milestones = tuple(
        milestone.name
        for milestone in project.milestone
        if milestone.due_month < as_of and milestone.name not in events.milestones
    )
    if investment.final or _year_closed_unreported(plan, as_target, investment, as_of, today):
        met = investment.status == "achieved"
        status: Status = (
            "achieved" if met and (project.type != "new" or events.started) else "missed"
        )
    else:
        status = investment.status
        if late is not None and late >= plan.rules.start_late_red_months:
            status = _worse(status, "off_track")
        elif late is not None and late >= 1:
            status = _worse(status, "at_risk")
        if late_milestones:
            status = _worse(status, "at_risk")
    return ProjectResult(project, investment, status, events.started, late, late_milestones)


def _year_closed_unreported(
    plan: Plan, target: Target, investment: TargetProgress, as_of: Month, today: date
) -> bool:
    """No investment figure at all once the year's last report was due: the annual plan is
    not met, so the project's final verdict is missed (a target of the plan without any
    figure stays no data; a project's verdict is the office's on its register)."""
    if investment.actual is not None:
        return False
    final = final_period(target, plan.year)
    if as_of < final:
        return False
    return due_date(target, report_period(target, final, plan.calendar), plan.calendar) < today


def _late_start(project: Project, events: Events, as_of: Month) -> int | None:
    """Months a new project's start is late: planned 03, as of 05, not started: 2."""
    planned = project.start_month
    if project.type != "new" or planned is None or events.started is not None:
        return None
    if planned > as_of:
        return None
    return (as_of.year - planned.year) * 12 + as_of.month - planned.month


def _worse(status: Status, other: Status) -> Status:
    return other if _SEVERITY.get(other, 0) > _SEVERITY.get(status, 0) else status


@dataclass(frozen=True)
class ProjectGroup:
    """The office's figures over a group of projects (all of them, a level, a type, a lead)."""

    key: str
    count: int
    annual_plan: float
    completed: float
    completion: float | None  # completed ÷ annual plan
    gap_points: float | None  # completion against the time elapsed (M/12), in points
    planned_starts: int  # new projects planned to start in the plan year
    due_to_start: int  # new projects planned to start at or before the as-of month
    started: int  # new projects started by the as-of month, early starts included
    start_rate: float | None  # started ÷ planned starts
    statuses: dict[str, int]
    reported: bool = True  # whether any project of the group has an investment figure


def project_groups(
    plan: Plan,
    results: Sequence[ProjectResult],
    as_of: Month,
    by: GroupBy | None = None,
) -> tuple[ProjectGroup, ...]:
    """The group "all" first, then, with `by`, one group per level, type or lead unit (in
    the order of the choices, or of the plan's units; projects without a lead last)."""
    groups = [_group("all", results, plan, as_of)]
    if by is None:
        return tuple(groups)
    key_of: Callable[[ProjectResult], str] = {
        "level": lambda result: result.project.level,
        "type": lambda result: result.project.type,
        "lead": lambda result: result.project.lead or "",
    }[by]
    order = {
        "level": ("province", "city", "district"),
        "type": ("new", "continued"),
        "lead": (*(unit.id for unit in plan.units), *sorted({key_of(r) for r in results})),
    }[by]
    for key in dict.fromkeys(order):
        members = [result for result in results if key_of(result) == key]
        if members:
            groups.append(_group(key, members, plan, as_of))
    return tuple(groups)


def _group(key: str, results: Sequence[ProjectResult], plan: Plan, as_of: Month) -> ProjectGroup:
    # fsum: 444 amounts in tenths add up to 647.4, not 647.4000000000001.
    annual = math.fsum(result.project.annual_plan for result in results)
    completed = math.fsum(result.completed for result in results)
    completion = completed / annual if annual else None
    elapsed = as_of.month / 12
    new = [result for result in results if result.project.type == "new"]
    planned = [r for r in new if r.project.start_month and r.project.start_month.year == plan.year]
    due = [r for r in planned if r.project.start_month and r.project.start_month <= as_of]
    # Of the year's planned starts, those started by the as-of month (early starts too): the
    # rate is a share of the same projects, never above 100%.
    started = [r for r in planned if r.started is not None]
    statuses: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for result in results:
        statuses[result.status] += 1
    return ProjectGroup(
        key=key,
        count=len(results),
        annual_plan=annual,
        completed=completed,
        completion=completion,
        gap_points=None if completion is None else (completion - elapsed) * 100,
        planned_starts=len(planned),
        due_to_start=len(due),
        started=len(started),
        start_rate=len(started) / len(planned) if planned else None,
        statuses=statuses,
        reported=any(result.investment.actual is not None for result in results),
    )


def register_notes(plan: Plan, entries: Sequence[Entry], file: object) -> list[Message]:
    """What `validate` notes of the ledger against the register: a start recorded for a
    project the register now calls continued, a milestone it no longer names (renamed, say),
    and figures recorded for a target whose actual the register gives. Each counts nowhere."""
    register = plan.register
    if register is None:
        return []
    notes: list[Message] = []
    events = project_events(entries)
    for project in register.projects:
        recorded = events.get(project.id)
        if recorded is None:
            continue
        if recorded.started is not None and project.type != "new":
            notes.append(
                msg(
                    "validate.start_of_continued", file=file, id=project.id, period=recorded.started
                )
            )
        names = {milestone.name for milestone in project.milestone}
        for name, month in recorded.milestones.items():
            if name not in names:
                notes.append(
                    msg(
                        "validate.unknown_milestone",
                        file=file, id=project.id, name=name, period=month,
                    )
                )  # fmt: skip
    derived = {target.id for target in plan.targets if plan.derives(target)}
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.target in derived and entry.value is not None:
            counts[entry.target] = counts.get(entry.target, 0) + 1
    for target_id, count in counts.items():
        notes.append(msg("validate.derived_figures", file=file, id=target_id, count=count))
    return notes


def derived_entries(plan: Plan, register: Register, entries: Sequence[Entry]) -> list[Entry]:
    """The figures of the plan's targets that take their actual from the register
    (`from_projects`), month by month: the projects in the register and the new projects
    started by then, for every month of the plan year (the register and the ledger's starts
    say them for any month, so they are never overdue: nobody reports them); the sum of each
    project's latest year-to-date investment, to the latest month a project has a figure (an
    investment not reported is overdue with the projects' leads). They stand in for the
    ledger's figures of those targets."""
    derived = [target for target in plan.targets if target.from_projects is not None]
    if not derived:
        return []
    ids = {project.id for project in register.projects}
    mine = [entry for entry in entries if entry.target in ids and entry.period.year == plan.year]
    invested_to = max((entry.period for entry in mine if entry.value is not None), default=None)
    figures = Figures(plan, mine)
    new = [project for project in register.projects if project.type == "new"]
    made: list[Entry] = []
    events = project_events(mine)
    for number in range(1, 13):
        month = Month(plan.year, number)
        started_by = [
            project.id
            for project in new
            if project.id in events and events[project.id].up_to(month).started
        ]
        values = {"count": float(len(register.projects)), "started": float(len(started_by))}
        if invested_to is not None and month <= invested_to:
            values["completed_investment"] = sum(
                invested[max(invested)]
                for project in register.projects
                if (invested := figures.up_to(project.id, month))
            )
        made += [
            Entry(target.id, month, values[target.from_projects], "", DERIVED_BY)
            for target in derived
            if target.from_projects in values
        ]
    return made


DERIVED_BY = "projects.toml"


def with_derived(plan: Plan, register: Register, entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """The entries an assessment reads when the plan has a register: the ledger's, but for
    the targets that take their actual from the register, whose figures are derived."""
    derived = {target.id for target in plan.targets if target.from_projects is not None}
    if not derived:
        return tuple(entries)
    kept = [entry for entry in entries if entry.target not in derived]
    return (*kept, *derived_entries(plan, register, entries))


def rank_groups(groups: Sequence[ProjectGroup]) -> list[tuple[ProjectGroup, int | None]]:
    """Groups ranked by completion, best first; ties share a rank and the next skips (1, 1,
    3). Unranked, last: a group none of whose projects reported investment (no figure is no
    0%), and the projects without a lead unit (no unit to rank)."""
    scored = sorted(
        (group for group in groups if _rankable(group)),
        key=lambda group: -(group.completion or 0.0),
    )
    ranked: list[tuple[ProjectGroup, int | None]] = []
    for position, group in enumerate(scored, 1):
        same = ranked and abs((ranked[-1][0].completion or 0.0) - (group.completion or 0.0)) < 1e-12
        ranked.append((group, ranked[-1][1] if same else position))
    ranked += [(group, None) for group in groups if not _rankable(group)]
    return ranked


def _rankable(group: ProjectGroup) -> bool:
    return group.completion is not None and group.reported and group.key != ""
