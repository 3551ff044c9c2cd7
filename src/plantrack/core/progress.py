"""The progress rules (docs/progress.md): plan and entries in, one result per target out.

Let the plan year be Y and the as-of month m. s(k) is the target's schedule (schedule.py).
Only entries of the plan year with a period at most m count, for every rule here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from plantrack.core.entries import entries_by_target, orphan_counts
from plantrack.core.errors import InvalidPeriod, UsageProblem
from plantrack.core.messages import Listing, msg
from plantrack.core.model import Entry, Plan, Section, Target
from plantrack.core.periods import Month, parse_period, previous_month
from plantrack.core.schedule import share_due, share_due_at_deadline

Status = Literal["achieved", "on_track", "at_risk", "off_track", "no_data"]
STATUSES: tuple[Status, ...] = ("achieved", "on_track", "at_risk", "off_track", "no_data")
SUMMARY_KEYS = (*STATUSES, "stale")

# Boundaries are inclusive; this keeps 57.25 >= 57.5 - 0.25 true despite binary floats.
_EPSILON = 1e-9


@dataclass(frozen=True)
class TargetProgress:
    """Where one target stands as of a month; None where a value does not exist."""

    target: Target
    actual: float | None
    period: Month | None
    expected: float | None
    slack: float | None
    progress: float | None
    gap: float | None
    status: Status
    stale: bool
    report_due: Month | None
    forecast: float | None
    counted: bool
    share_due: float | None


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    as_of: Month
    results: tuple[TargetProgress, ...]
    ignored: dict[str, int] = field(default_factory=dict)

    @property
    def elapsed(self) -> float:
        """The share of the year gone by at the end of the as-of month."""
        return self.as_of.month / 12

    def summary(self) -> dict[str, int]:
        return summarize(self.results)

    def result(self, target_id: str) -> TargetProgress:
        """The result of one target of the plan, by id."""
        return next(result for result in self.results if result.target.id == target_id)


def summarize(results: Iterable[TargetProgress]) -> dict[str, int]:
    """Counts per status, and of overdue targets, over the counted targets only."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    for result in results:
        if result.counted:
            counts[result.status] += 1
            counts["stale"] += result.stale
    return counts


def evaluate(plan: Plan, entries: Sequence[Entry], as_of: Month) -> PlanProgress:
    """Every target of the plan as of the month; entries for unknown targets are set aside."""
    grouped = entries_by_target(entries)
    results = tuple(
        evaluate_target(plan, target, grouped.get(target.id, ()), as_of) for target in plan.targets
    )
    ignored = orphan_counts(entries, {target.id for target in plan.targets})
    return PlanProgress(plan, as_of, results, ignored)


def evaluate_target(
    plan: Plan, target: Target, entries: Iterable[Entry], as_of: Month
) -> TargetProgress:
    """Apply every rule of docs/progress.md to one target."""
    in_force = _in_force(entries, plan.year, as_of)
    report_due = _report_due(target, as_of)
    stale = report_due is not None and not any(period >= report_due for period in in_force)
    counted = plan.counted(target)
    figure = _actual(target, in_force)
    if figure is None:
        return TargetProgress(
            target=target,
            actual=None,
            period=None,
            expected=None,
            slack=None,
            progress=None,
            gap=None,
            status="no_data",
            stale=stale,
            report_due=report_due,
            forecast=None,
            counted=counted,
            share_due=None,
        )
    actual, period = figure
    share = share_due(target, plan.year, period.month)
    deadline_share = share_due_at_deadline(target, plan.year)
    goal = target.goal
    expected = _expected(target, goal, share, deadline_share)
    slack = _slack(plan, target, expected)
    return TargetProgress(
        target=target,
        actual=actual,
        period=period,
        expected=expected,
        slack=slack,
        progress=_progress(target, goal, actual),
        gap=_gap(target, goal, actual, expected),
        status=_status(target, goal, actual, period, expected, slack),
        stale=stale,
        report_due=report_due,
        forecast=_forecast(target, goal, actual, share, deadline_share),
        counted=counted,
        share_due=share,
    )


def expected_at(plan: Plan, target: Target, month: Month) -> float:
    """What the schedule expects by the end of `month`, whatever has been reported."""
    share = share_due(target, plan.year, month.month)
    return _expected(target, target.goal, share, share_due_at_deadline(target, plan.year))


def _in_force(entries: Iterable[Entry], year: int, as_of: Month) -> dict[Month, float]:
    """The value in force for each month of the plan year up to the as-of month."""
    values: dict[Month, float] = {}
    for entry in entries:
        if entry.period.year == year and entry.period <= as_of:
            values[entry.period] = entry.value  # a later entry supersedes an earlier one
    return values


def _actual(target: Target, in_force: dict[Month, float]) -> tuple[float, Month] | None:
    """The figure that counts and its period: the latest, or the sum of increments."""
    if not in_force:
        return None
    latest = max(in_force)
    if target.entry == "increment":
        return sum(in_force.values()), latest
    return in_force[latest], latest


def _expected(target: Target, goal: float, share: float, deadline_share: float) -> float:
    if target.kind == "growth":
        return goal
    if target.kind == "total":
        return goal * share
    if target.kind == "level":
        if target.baseline is None:
            return goal
        return target.baseline + (goal - target.baseline) * share
    return goal * min(1.0, share / deadline_share)  # milestone: goal is 100 unless given


def _slack(plan: Plan, target: Target, expected: float) -> float:
    tolerance = plan.tolerance(target)
    if target.kind == "growth":
        return tolerance
    base = target.baseline if target.kind == "level" and target.baseline is not None else 0.0
    return tolerance * abs(expected - base)


def _status(
    target: Target, goal: float, actual: float, period: Month, expected: float, slack: float
) -> Status:
    # Direction "down" is direction "up" applied to the negated numbers.
    sign = 1.0 if target.direction == "up" else -1.0
    signed_actual, signed_goal, signed_expected = sign * actual, sign * goal, sign * expected
    if _at_least(signed_actual, signed_goal) and (target.kind != "growth" or period.month == 12):
        return "achieved"
    if _at_least(signed_actual, signed_expected - slack):
        return "on_track"
    if _at_least(signed_actual, signed_expected - 2 * slack):
        return "at_risk"
    return "off_track"


def _at_least(value: float, threshold: float) -> bool:
    return value >= threshold - _EPSILON * max(1.0, abs(threshold))


def _progress(target: Target, goal: float, actual: float) -> float | None:
    """The share of the target done ('完成全年目标的X%'); growth has none."""
    if target.kind == "growth":
        return None
    if target.kind == "level" and target.baseline is not None:
        return _ratio(actual - target.baseline, goal - target.baseline)
    return _ratio(actual, goal)


def _gap(target: Target, goal: float, actual: float, expected: float) -> float | None:
    """Percentage points of the target for total and milestone; points for growth; unit for level."""
    if target.kind == "growth":
        return actual - goal
    if target.kind == "level":
        return actual - expected
    ratio = _ratio(actual - expected, goal)
    return None if ratio is None else ratio * 100


def _forecast(
    target: Target, goal: float, actual: float, share: float, deadline_share: float
) -> float | None:
    if target.kind == "total":
        return _ratio(actual, share)
    if target.kind == "level" and target.baseline is not None:
        change = _ratio(actual - target.baseline, share)
        return None if change is None else target.baseline + change
    if target.kind == "milestone":
        pace = _ratio(actual, min(1.0, share / deadline_share))
        return None if pace is None else min(goal, pace)
    return actual


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _report_due(target: Target, as_of: Month) -> Month | None:
    """The last period that should have been reported by the as-of month."""
    if target.frequency == "monthly":
        return as_of
    if target.frequency == "quarterly":
        last_quarter_end = as_of.month // 3 * 3
        return Month(as_of.year, last_quarter_end) if last_quarter_end else None
    return as_of if as_of.month == 12 else None


def default_as_of(plan: Plan, entries: Sequence[Entry], today: date) -> Month:
    """The latest month a monthly target reported; else the latest of any; else from today."""
    targets = {target.id: target for target in plan.targets}
    periods = [e.period for e in entries if e.target in targets and e.period.year == plan.year]
    monthly = [
        e.period
        for e in entries
        if e.target in targets
        and targets[e.target].frequency == "monthly"
        and e.period.year == plan.year
    ]
    if monthly:
        return max(monthly)
    if periods:
        return max(periods)
    if today.year == plan.year:
        return max(Month(plan.year, 1), previous_month(today))
    return Month(plan.year, 12) if today.year > plan.year else Month(plan.year, 1)


def as_of_month(plan: Plan, text: str | Month) -> Month:
    """The month a user asked to assess (2023-06, 2023-Q2, 2023-H1), in the plan year."""
    month = text if isinstance(text, Month) else parse_period(text)
    if month.year != plan.year:
        raise InvalidPeriod(msg("period.outside_year", period=month, year=plan.year))
    return month


@dataclass(frozen=True)
class MonthPoint:
    """One month of a target's year: where it stood then, and what the schedule expected."""

    month: Month
    progress: TargetProgress
    expected: float


def series(
    plan: Plan, target: Target, entries: Iterable[Entry], as_of: Month
) -> tuple[MonthPoint, ...]:
    """The target month by month from January to the as-of month (for `show`)."""
    mine = [entry for entry in entries if entry.target == target.id]
    return tuple(
        MonthPoint(
            month, evaluate_target(plan, target, mine, month), expected_at(plan, target, month)
        )
        for month in (Month(plan.year, number) for number in range(1, as_of.month + 1))
    )


def select(
    results: Iterable[TargetProgress],
    *,
    sections: Collection[str] | None = None,
    owner: str | None = None,
    statuses: Collection[str] | None = None,
) -> list[TargetProgress]:
    """Narrow the results to sections, an owner, and statuses ('stale' selects overdue ones)."""
    chosen = []
    for result in results:
        if sections is not None and result.target.section not in sections:
            continue
        if owner is not None and result.target.owner != owner:
            continue
        if statuses is not None and not (
            result.status in statuses or ("stale" in statuses and result.stale)
        ):
            continue
        chosen.append(result)
    return chosen


@dataclass(frozen=True)
class Assessment:
    """The progress of a plan as of a month, narrowed to the sections and owner asked about."""

    progress: PlanProgress
    sections: tuple[Section, ...]
    scope: tuple[TargetProgress, ...]  # what counts: the summary and --fail-on
    counts: dict[str, int]


def assess(
    plan: Plan,
    entries: Sequence[Entry],
    as_of: Month,
    sections: Sequence[Section],
    owner: str | None = None,
) -> Assessment:
    progress = evaluate(plan, entries, as_of)
    scope = select(progress.results, sections={section.id for section in sections}, owner=owner)
    return Assessment(progress, tuple(sections), tuple(scope), summarize(scope))


@dataclass(frozen=True)
class Breakdown:
    """Counts per status for each section (that has targets) and each owner."""

    by_section: tuple[tuple[Section, dict[str, int]], ...]
    by_owner: tuple[tuple[str, dict[str, int]], ...]


def breakdown(plan: Plan, results: Sequence[TargetProgress]) -> Breakdown:
    by_section = tuple(
        (section, summarize(r for r in results if r.target.section == section.id))
        for section in plan.sections
        if any(r.target.section == section.id for r in results)
    )
    owners = sorted({r.target.owner for r in results if r.target.owner})
    by_owner = tuple(
        (owner, summarize(r for r in results if r.target.owner == owner)) for owner in owners
    )
    return Breakdown(by_section, by_owner)


def fails(results: Iterable[TargetProgress], threshold: str) -> bool:
    """Whether any counted target is at or past the threshold, at-risk or off-track (--fail-on)."""
    failing = {"off_track"} if threshold == "off-track" else {"off_track", "at_risk"}
    return any(result.counted and result.status in failing for result in results)


def statuses_named(text: str, names: Mapping[str, str]) -> set[str]:
    """The statuses a comma-separated list names (for --only): by key (on_track, on-track),
    'overdue' for stale, or by any word in `names` (the statuses' words in both languages)."""
    words = {key: key for key in SUMMARY_KEYS}
    words.update({key.replace("_", "-"): key for key in SUMMARY_KEYS})
    words["overdue"] = "stale"
    words.update({name.casefold(): key for name, key in names.items()})
    chosen = set()
    for word in text.split(","):
        key = words.get(word.strip().casefold())
        if key is None:
            allowed = Listing.of(key.replace("_", "-") for key in SUMMARY_KEYS)
            raise UsageProblem(msg("status.bad_only", word=word.strip(), allowed=allowed))
        chosen.add(key)
    return chosen
