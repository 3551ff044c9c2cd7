"""Who owes which overdue figures today: the units (or owners) a reminder goes to.

A unit owes the figures of `Plan.owes`: its own share of each target split to it, and the
district's figure of each unsplit target it leads. A figure is overdue by the rule `status`
uses (core/progress.py: `stale` and `report_due`), judged as of the month of today, so that
a reminder and the status table never disagree about what is late.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from plantrack.core.calendar import due_date
from plantrack.core.model import Entry, Plan, Target
from plantrack.core.periods import Month
from plantrack.core.progress import Figures, evaluate_target, evaluate_unit

Channel = Literal["email", "webhook"]  # how a reminder reached its unit


@dataclass(frozen=True)
class Overdue:
    """One figure a unit has not reported: the period due, its due day and how late it is.
    `own_share`: the unit's own figure of a split target (recorded with --unit)."""

    target: Target
    period: Month
    due: date
    days_late: int
    own_share: bool


@dataclass(frozen=True)
class Reminder:
    """A unit (its id; an owner's name in a plan without units) and its overdue figures, in
    plan order."""

    unit: str
    overdue: tuple[Overdue, ...]

    @property
    def days_late(self) -> int:
        """The most days any of its figures is late: what escalation is judged by."""
        return max(item.days_late for item in self.overdue)


def reminder_as_of(plan: Plan, today: date) -> Month | None:
    """The month the figures due by today are judged as of: today's month in the plan year,
    December after it; None before the plan year, when nothing can be due."""
    if today.year < plan.year:
        return None
    if today.year > plan.year:
        return Month(plan.year, 12)
    return Month.of(today)


def overdue_by_unit(plan: Plan, entries: Iterable[Entry], today: date) -> tuple[Reminder, ...]:
    """Each unit that owes an overdue figure today, in the plan's order of units (of owners'
    names, sorted, in a plan without units), with what it owes. A partner (配合单位) owes
    nothing, nor does the lead of a target split to units: each unit reports its own share."""
    as_of = reminder_as_of(plan, today)
    if as_of is None:
        return ()
    entries = entries if isinstance(entries, Sequence) else tuple(entries)
    figures = Figures(plan, entries)
    first_months = _projects_under_way(plan, entries)
    reminders = []
    for unit in plan.owners():
        overdue = tuple(
            item
            for target in plan.owes(unit)
            if (item := _overdue(plan, target, unit, figures, as_of, today)) is not None
            and item.period >= first_months.get(target.id, item.period)
        )
        if overdue:
            reminders.append(Reminder(unit, overdue))
    return tuple(reminders)


def _projects_under_way(plan: Plan, entries: Sequence[Entry]) -> dict[str, Month]:
    """For each new key project, the first month it owes an investment figure for: its
    planned start, or the month it started if that came earlier. A project planned to start
    in September is not chased for May's investment."""
    register = plan.register
    if register is None:
        return {}
    from plantrack.core.projects import project_events

    events = project_events(entry for entry in entries if entry.event is not None)
    first: dict[str, Month] = {}
    for project in register.projects:
        planned = project.start_month
        if project.type != "new" or planned is None:
            continue
        started = events[project.id].started if project.id in events else None
        first[project.id] = planned if started is None else min(planned, started)
    return first


def _overdue(
    plan: Plan, target: Target, unit: str, figures: Figures, as_of: Month, today: date
) -> Overdue | None:
    """The figure the unit owes for the target, when it is overdue: judged by the progress
    rules themselves, on the unit's own share or on the district's figure."""
    own_share = target.share(unit) is not None
    result = (
        evaluate_unit(plan, target, unit, figures, as_of, today)
        if own_share
        else evaluate_target(plan, target, figures, as_of, today)
    )
    if not result.stale or result.report_due is None:
        return None
    due = due_date(target, result.report_due, plan.calendar)
    return Overdue(target, result.report_due, due, (today - due).days, own_share)


@dataclass(frozen=True)
class Sent:
    """One [[reminder]] of the reminder log: a unit reminded on a day (local, as plantrack
    takes today), when (UTC), of which targets and periods, whether it was escalated, and
    the channels that reached it."""

    unit: str
    sent_at: str
    day: date
    targets: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    escalated: bool = False
    channels: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        reminder: Reminder,
        sent_at: str,
        day: date,
        escalated: bool,
        channels: Iterable[str],
    ) -> Sent:
        return cls(
            unit=reminder.unit,
            sent_at=sent_at,
            day=day,
            targets=tuple(item.target.id for item in reminder.overdue),
            periods=tuple(str(item.period) for item in reminder.overdue),
            escalated=escalated,
            channels=tuple(channels),
        )


def reminded_on(log: Iterable[Sent], day: date) -> dict[str, Sent]:
    """The units the log says were reminded on that day, each with its latest record: a
    unit is reminded once a day."""
    return {sent.unit: sent for sent in log if sent.day == day}
