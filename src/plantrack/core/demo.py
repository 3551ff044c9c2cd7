"""Illustrative figures for `status --demo`: a full table for a new user, never written to disk."""

from __future__ import annotations

from plantrack.core.model import Entry, Plan, Register, Target
from plantrack.core.periods import Month
from plantrack.core.schedule import share_due, share_due_at_deadline

DEMO_BY = "demo"
DEMO_SOURCE = "演示数据 / illustrative"
# How far each target runs from its schedule, cycling through the targets so that every
# status appears: well ahead, on track, at risk, off track, and already complete.
PACES = (1.08, 0.97, 0.85, 0.65, 1.0)
GROWTH_POINTS = (1.2, -0.3, -0.8, -2.0, 0.5)
COMPLETE = 4
LIMIT_MARGINS = (0.1, 0.02, 0.0, -0.05, 0.2)  # shares of the bound inside it (negative: beyond)
SKIP_EVERY = 9  # every ninth target has no figures, to show 'no data'
UNITS_FOR_A_LATE_ONE = 5  # a split to this many units or more leaves its last one unreported
# Each target's pace is nudged by up to 3% either way, the same every run, so that targets
# of one pace do not all show the same share done: real figures never line up like that.
NUDGE_STEPS = 13
NUDGE_PER_STEP = 0.005


def demo_entries(plan: Plan, as_of: Month) -> list[Entry]:
    """Figures for every reporting month up to `as_of`, following each target's schedule."""
    entries: list[Entry] = []
    for number, target in enumerate(plan.targets):
        if number % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        pace = number % len(PACES)
        nudge = 1 + ((number * 7919) % NUDGE_STEPS - NUDGE_STEPS // 2) * NUDGE_PER_STEP
        # A split total is the sum of its units' figures: the district's would clash with them.
        if target.takes_district_figure:
            entries += _figures(plan, target, as_of, pace, nudge)
        for place, unit in enumerate(target.split_units):
            if len(target.split) >= UNITS_FOR_A_LATE_ONE and place == len(target.split) - 1:
                continue  # the last of many units has not reported: 'no data' in `rank`
            unit_pace = (number + place * 2) % len(PACES)
            unit_nudge = 1 + ((place * 104729) % NUDGE_STEPS - NUDGE_STEPS // 2) * NUDGE_PER_STEP
            mine = target.for_unit(unit)
            entries += _figures(plan, mine, as_of, unit_pace, unit_nudge, unit=unit)
    return entries


def _figures(
    plan: Plan,
    target: Target,
    as_of: Month,
    pace: int,
    nudge: float,
    unit: str | None = None,
) -> list[Entry]:
    """One target's (or one unit's share's) figures for every reporting month to `as_of`."""
    return [
        Entry(
            target.id,
            Month(plan.year, month),
            _as_reported(target, _value(plan, target, month, pace, nudge)),
            "",
            DEMO_BY,
            DEMO_SOURCE,
            unit=unit,
        )
        for month in range(1, as_of.month + 1)
        if _reports_in(target, month)
    ]


def _as_reported(target: Target, value: float) -> float:
    """A figure as a department writes it: whole firms and projects, a milestone in whole
    percent, anything else to one decimal (22.2万平方米, 950.6亩)."""
    if target.is_count or target.kind == "milestone":
        return float(round(value))
    return round(value, 1)


def _reports_in(target: Target, month: int) -> bool:
    if target.frequency == "quarterly":
        return month % 3 == 0
    if target.frequency == "annual":
        return month == 12
    return True


def _goal(plan: Plan, target: Target) -> float:
    if target.follows is not None:
        followed = plan.target(target.follows)
        return (followed.target or 0.0 if followed else 0.0) + target.offset
    return target.target or 0.0


def _value(plan: Plan, target: Target, month: int, pace: int, nudge: float = 1.0) -> float:
    goal = _goal(plan, target)
    sign = 1.0 if target.direction == "up" else -1.0
    if target.kind == "limit":
        # Ceilings kept with room, at the bound, and one broken; floors the mirror image.
        return goal + sign * LIMIT_MARGINS[pace] * max(abs(goal), 1.0)
    if pace == COMPLETE and target.kind != "growth":
        return goal  # a target already reached
    share = share_due(target, plan.year, month)
    if target.kind == "growth":
        return goal + sign * GROWTH_POINTS[pace]
    if target.kind == "milestone":
        due_share = min(1.0, share / share_due_at_deadline(target, plan.year))
        return min(goal, goal * due_share * PACES[pace] * nudge)
    if target.kind == "level" and target.baseline is not None:
        change = (goal - target.baseline) * share
        return target.baseline + change * PACES[pace] if change else goal - sign * (1 - PACES[pace])
    if target.kind == "level":
        return goal * (1 + sign * (PACES[pace] - 1) / 4)
    if target.entry == "increment":
        previous = share_due(target, plan.year, month - 1) if month > 1 else 0.0
        return goal * (share - previous) * PACES[pace] * nudge
    return goal * share * PACES[pace] * nudge


def demo_project_entries(plan: Plan, register: Register, as_of: Month) -> list[Entry]:
    """Illustrative figures for the key projects (`projects --demo`): each project's investment
    month by month at one of the paces above, in tenths of its unit (0.8亿元); new projects
    started in their planned month, but every fourth of them not yet (a late start)."""
    entries: list[Entry] = []
    new = 0
    for number, project in enumerate(register.projects):
        target = project.as_target(register.unit)
        pace = number % len(PACES)
        start = project.start_month
        if project.type == "new" and start is not None:
            new += 1
            if new % 4 == 0 or start > as_of:
                continue  # not started: no investment either
            entries.append(
                Entry(project.id, start, None, "", DEMO_BY, DEMO_SOURCE, event="started")
            )
        for month in range(1, as_of.month + 1):
            if start is not None and month < start.month and start.year == plan.year:
                continue
            value = round(_value(plan, target, month, pace), 1)
            entries.append(
                Entry(project.id, Month(plan.year, month), value, "", DEMO_BY, DEMO_SOURCE)
            )
    return entries
