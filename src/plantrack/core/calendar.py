"""The reporting calendar: which periods a target reports, and by which day each is due.

A monthly figure for month M is due by day `monthly_due_day` of month M+1 (default 15), a
quarterly one by `quarterly_due_day` of the month after the quarter (default 20), an annual
one by `annual_due` of the next year (default 01-31). With `jan_feb_combined` (the default)
there is no January report: the first monthly report is the 1-2月 figure, recorded for
February. A figure is late only once its due day has passed.
"""

from __future__ import annotations

import calendar as days
from datetime import date

from plantrack.core.model import Calendar, Target
from plantrack.core.periods import Month


def reporting_months(target: Target, calendar: Calendar) -> tuple[int, ...]:
    """The months of the year the target reports for."""
    if target.frequency == "annual":
        return (12,)
    if target.frequency == "quarterly":
        return (3, 6, 9, 12)
    first = 2 if calendar.jan_feb_combined else 1
    return tuple(range(first, 13))


def due_date(target: Target, period: Month, calendar: Calendar) -> date:
    """The last day on which the figure for `period` is on time."""
    if target.frequency == "annual":
        month, day = (int(part) for part in calendar.annual_due.split("-"))
        return _clamped(period.year + 1, month, day)
    day = (
        calendar.quarterly_due_day if target.frequency == "quarterly" else calendar.monthly_due_day
    )
    after = period.plus(1)
    return _clamped(after.year, after.month, day)


def _clamped(year: int, month: int, day: int) -> date:
    """The day in that month, or its last day (a due day of 31 in a month of 30)."""
    return date(year, month, min(day, days.monthrange(year, month)[1]))


def checked_period(target: Target, as_of: Month, today: date, calendar: Calendar) -> Month | None:
    """The latest period up to the as-of month whose figure is late if missing: its due day
    has passed. None when no report has fallen due yet."""
    passed = [
        Month(as_of.year, month)
        for month in reporting_months(target, calendar)
        if month <= as_of.month and due_date(target, Month(as_of.year, month), calendar) < today
    ]
    return max(passed, default=None)


def next_due(
    target: Target, after: Month | None, as_of: Month, today: date, calendar: Calendar
) -> date | None:
    """The due day of the next report not yet due, after `after` and up to the year's end:
    shown as '待报' so that a reader knows when the figure is expected."""
    for month in reporting_months(target, calendar):
        period = Month(as_of.year, month)
        if after is not None and period <= after:
            continue
        due = due_date(target, period, calendar)
        if due >= today:
            return due
    return None


def final_period(target: Target, plan_year: int) -> Month | None:
    """The period whose figure settles the target: its due month if set, else December of the
    plan year; None for a goal due after the plan year."""
    due = target.due_month
    if due is None:
        return Month(plan_year, 12)
    if due.year > plan_year:
        return None
    return due


def report_period(target: Target, period: Month, calendar: Calendar) -> Month:
    """The reporting period a month's figure belongs to: the month itself, its quarter's end,
    or December."""
    later = [month for month in reporting_months(target, calendar) if month >= period.month]
    return Month(period.year, min(later, default=12))
