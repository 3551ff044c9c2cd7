"""The schedule s(k): the cumulative share of a target due by month k of the plan year."""

from __future__ import annotations

from plantrack.core.model import Target


def share_due(target: Target, plan_year: int, month: int) -> float:
    """s(month): the target's own schedule, else an even spread up to its due month.

    A target due after the plan year (a five-year goal) spreads evenly over every month
    from January of the plan year to its due month, so in December of the plan year
    only part of it is due.
    """
    if target.schedule is not None:
        return target.schedule[month - 1]
    due = target.due_month
    if due is not None and due.year > plan_year:
        return month / ((due.year - plan_year) * 12 + due.month)
    return month / 12


def share_due_at_deadline(target: Target, plan_year: int) -> float:
    """s(due month): what the schedule reaches at the deadline (1 unless due mid-year)."""
    due = target.due_month
    if due is None or due.year != plan_year:
        return 1.0
    return share_due(target, plan_year, due.month)


def effective_schedule(target: Target, plan_year: int) -> tuple[float, ...]:
    """s(1) to s(12), with the default filled in."""
    return tuple(share_due(target, plan_year, month) for month in range(1, 13))
