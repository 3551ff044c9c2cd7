"""The reporting calendar: which periods a target reports, and by which day each is due.

A monthly figure for month M is due by day `monthly_due_day` of month M+1 (default 15), a
quarterly one by `quarterly_due_day` of the month after the quarter (default 20), an annual
one by `annual_due` of the next year (default 01-31). With `jan_feb_combined` (the default)
there is no January report: the first monthly report is the 1-2月 figure, recorded for
February. A figure is late only once its due day has passed.
"""

from __future__ import annotations

import calendar as days
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from plantrack.core.entries import in_force_by_key
from plantrack.core.model import Calendar, Entry, Plan, Target
from plantrack.core.periods import Month


def reporting_months(target: Target, calendar: Calendar) -> tuple[int, ...]:
    """The months of the year the target reports for."""
    return _months(target.frequency, calendar)


def _months(frequency: str, calendar: Calendar) -> tuple[int, ...]:
    if frequency == "annual":
        return (12,)
    if frequency == "quarterly":
        return (3, 6, 9, 12)
    return tuple(range(2 if calendar.jan_feb_combined else 1, 13))


def due_date(target: Target, period: Month, calendar: Calendar) -> date:
    """The last day on which the figure for `period`, one of the target's reporting periods,
    is on time."""
    return _due_dates(target.frequency, period.year, calendar)[period.month]


@functools.cache
def _due_dates(frequency: str, year: int, calendar: Calendar) -> dict[int, date]:
    """Each reporting month of the year and its due day: the same for every target of a
    frequency, so worked out once per command rather than once per target."""
    months = _months(frequency, calendar)
    return {month: _due_date(frequency, Month(year, month), calendar) for month in months}


def _due_date(frequency: str, period: Month, calendar: Calendar) -> date:
    if frequency == "annual":
        month, day = (int(part) for part in calendar.annual_due.split("-"))
        return _clamped(period.year + 1, month, day)
    day = calendar.quarterly_due_day if frequency == "quarterly" else calendar.monthly_due_day
    after = period.plus(1)
    return _clamped(after.year, after.month, day)


def _clamped(year: int, month: int, day: int) -> date:
    """The day in that month, or its last day (a due day of 31 in a month of 30)."""
    return date(year, month, min(day, days.monthrange(year, month)[1]))


def checked_period(target: Target, as_of: Month, today: date, calendar: Calendar) -> Month | None:
    """The latest period up to the as-of month whose figure is late if missing: its due day
    has passed. None when no report has fallen due yet."""
    passed = [
        month
        for month, due in _due_dates(target.frequency, as_of.year, calendar).items()
        if month <= as_of.month and due < today
    ]
    return Month(as_of.year, max(passed)) if passed else None


def next_due(target: Target, after: Month, today: date, calendar: Calendar) -> date | None:
    """The due day of the next report not yet due, for a period after `after` in its year:
    shown as '待报' so that a reader knows when the figure is expected."""
    for month in reporting_months(target, calendar):
        if month <= after.month:
            continue
        due = due_date(target, Month(after.year, month), calendar)
        if due >= today:
            return due
    return None


def final_period(target: Target, plan_year: int) -> Month:
    """The period whose figure settles the target: its due month if set, else December of the
    plan year. A goal due after the plan year is never settled within it: the as-of month
    always lies in the plan year."""
    return target.due_month or Month(plan_year, 12)


def report_period(target: Target, period: Month, calendar: Calendar) -> Month:
    """The reporting period a month's figure belongs to: the month itself, its quarter's end,
    or December."""
    later = [month for month in reporting_months(target, calendar) if month >= period.month]
    return Month(period.year, min(later))  # every frequency reports for December


def reports_in(target: Target, period: Month, calendar: Calendar) -> bool:
    """Whether the target reports a figure for this month: every month (but January when
    January and February are reported together), the last month of a quarter, December."""
    return period.month in reporting_months(target, calendar)


def previous_report(target: Target, period: Month, calendar: Calendar) -> Month | None:
    """The target's reporting period before this one in the same year, if any: May for June
    (monthly), March for June (quarterly), none for an annual target."""
    earlier = [month for month in reporting_months(target, calendar) if month < period.month]
    return Month(period.year, max(earlier)) if earlier else None


@dataclass(frozen=True)
class TemplateLine:
    """A target that reports for the period (with `unit`, that unit's own share of it), and
    its figure for the period before, if any."""

    target: Target
    previous: float | None
    unit: str | None = None
    # A key project (its investment), whose row also takes its start and milestones.
    project: bool = False


@dataclass(frozen=True)
class Template:
    """What a reporting template asks for: the targets that report a figure for the period,
    of one owner (None: every owner) in the sections chosen."""

    period: Month
    owner: str | None
    lines: tuple[TemplateLine, ...]


def reporting_template(
    plan: Plan,
    entries: Iterable[Entry],
    period: Month,
    sections: Collection[str],
    owner: str | None,
    with_projects: bool = False,
) -> Template:
    """The targets of these sections (and of this owner) that report for `period` by their
    frequency, in plan order, each with the figure in force for its previous period. With
    units, an owner's lines are what it reports (Plan.owes): its own shares, and the
    district figures of what it leads; without an owner, every unit's share too. Then, with
    `with_projects`, the key projects of the register (of those the owner leads), monthly."""
    in_force = in_force_by_key(entries)
    lines = []
    for target in plan.targets:
        if target.section not in sections or not reports_in(target, period, plan.calendar):
            continue
        if plan.derives(target):  # its actual comes from the key-project register
            continue
        before = previous_report(target, period, plan.calendar)
        for unit in _reporters(plan, target, owner):
            entry = None if before is None else in_force.get((target.id, unit, before))
            lines.append(TemplateLine(target, None if entry is None else entry.value, unit))
    projects = plan.project_targets if with_projects else ()
    for project in projects:
        if owner is not None and project.owner != owner:
            continue
        before = previous_report(project, period, plan.calendar)
        entry = None if before is None else in_force.get((project.id, None, before))
        lines.append(TemplateLine(project, None if entry is None else entry.value, project=True))
    return Template(period, owner, tuple(lines))


def _reporters(plan: Plan, target: Target, owner: str | None) -> list[str | None]:
    """Who reports a figure of the target in a template: None for the district's figure, a
    unit's id for that unit's own."""
    if not plan.units:
        return [None] if owner is None or target.owner == owner else []
    if owner is not None:
        if target.share(owner) is not None:
            return [owner]
        return [None] if target.owner == owner and target.takes_district_figure else []
    district: list[str | None] = [None] if target.takes_district_figure else []
    return [*district, *target.split_units]
