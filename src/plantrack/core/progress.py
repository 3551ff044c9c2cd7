"""The progress rules (docs/progress.md): plan, entries and today in, one result per target out.

Let the plan year be Y and the as-of month m. s(k) is the target's schedule (schedule.py);
the reporting calendar (calendar.py) says which figures are due by today. Only entries of the
plan year with a period at most m count, for every rule here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from plantrack.core.calendar import (
    checked_period,
    due_date,
    final_period,
    next_due,
    report_period,
    reporting_months,
)
from plantrack.core.entries import entries_by_target, in_force_values, orphan_counts
from plantrack.core.errors import InvalidPeriod, UsageProblem
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.model import Entry, Plan, Section, Target
from plantrack.core.periods import Month, parse_period, previous_month
from plantrack.core.schedule import share_due, share_due_at_deadline

Status = Literal["achieved", "on_track", "at_risk", "off_track", "missed", "no_data"]
STATUSES: tuple[Status, ...] = ("achieved", "on_track", "at_risk", "off_track", "missed", "no_data")
SUMMARY_KEYS = (*STATUSES, "stale")
# Worst first: the order of the attention list of the reports.
ATTENTION: tuple[Status, ...] = ("missed", "off_track", "at_risk")

# Boundaries are inclusive; this keeps 57.25 >= 57.5 - 0.25 true despite binary floats.
_EPSILON = 1e-9

Values = Mapping[Month, float]


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
    report_due: Month | None  # the latest period whose figure is late when missing
    forecast: float | None
    counted: bool
    share_due: float | None
    final: bool = False  # the year (or the target's due month) is over and its figure is in
    goal: float | None = None  # the target for this figure: its own, or the followed figure
    pending: date | None = None  # the due day of a report not yet due (待报)
    reason: Message | None = None  # why a target with a figure has no status
    unit: str | None = None  # the unit whose own share of a split target this is


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


class Figures:
    """The values in force for each target of the plan year, month by month: the district's,
    and each unit's own for a target split to units."""

    def __init__(self, plan: Plan, entries: Iterable[Entry]) -> None:
        grouped = entries_by_target(entry for entry in entries if entry.period.year == plan.year)
        self._values = {target_id: in_force_values(group) for target_id, group in grouped.items()}
        self._units: dict[tuple[str, str], dict[Month, float]] = {}
        for target in plan.targets:
            if target.split and target.id in grouped:
                for unit in target.split_units:
                    values = in_force_values(grouped[target.id], unit)
                    if values:
                        self._units[target.id, unit] = values

    def up_to(self, target_id: str, as_of: Month, unit: str | None = None) -> dict[Month, float]:
        """The district's figures up to a month, or with `unit` that unit's own."""
        values = (
            self._values.get(target_id, {})
            if unit is None
            else self._units.get((target_id, unit), {})
        )
        return {month: value for month, value in values.items() if month <= as_of}

    def at(self, target_id: str, month: Month) -> float | None:
        return self._values.get(target_id, {}).get(month)

    def sources(self, target: Target, as_of: Month) -> list[dict[Month, float]]:
        """The figures a target's actual is made of, up to a month: for a target whose units'
        figures add up (Target.sums_units) once any unit has reported, each unit's own, then
        the district's (docs/progress.md, 'Targets split to units'); else the district's."""
        district = self.up_to(target.id, as_of)
        if target.sums_units:
            units = [self.up_to(target.id, as_of, unit) for unit in target.split_units]
            if any(units):
                return [*units, district]
        return [district]


def rolled_up(target: Target, sources: Sequence[Mapping[Month, float]]) -> dict[Month, float]:
    """The district's figures of a split total, month by month, from its units' own (the
    last source is the district's): the sum of each unit's latest year-to-date figure up to
    that month (a unit with none adds 0), unless a district figure is later than all of
    them; for figures entered as monthly increments, the month's increments of the units,
    or the district's own for a month no unit reported."""
    if len(sources) == 1:
        return dict(sources[0])
    *units, district = sources
    months = sorted({month for values in sources for month in values})
    if target.entry == "increment":
        return {
            month: sum(values.get(month, 0.0) for values in units)
            if any(month in values for values in units)
            else district[month]
            for month in months
        }
    # Each unit's figures in month order, walked once: a city's 200 units over 12 months is
    # 2,400 steps a target, not the 28,800 of looking back from every month.
    walks = [sorted(values.items()) for values in units]
    places = [0] * len(walks)
    latest_month: list[Month | None] = [None] * len(walks)
    latest_value = [0.0] * len(walks)
    rolled: dict[Month, float] = {}
    for month in months:
        for number, walk in enumerate(walks):
            place = places[number]
            while place < len(walk) and walk[place][0] <= month:
                latest_month[number], latest_value[number] = walk[place]
                place += 1
            places[number] = place
        reported = [period for period in latest_month if period is not None]
        if month in district and (not reported or month > max(reported)):
            rolled[month] = district[month]  # the district's own figure is the latest in force
        elif reported:
            rolled[month] = sum(latest_value)  # a unit that has not reported adds its 0.0
        else:
            rolled[month] = district[max(period for period in district if period <= month)]
    return rolled


def evaluate(plan: Plan, entries: Sequence[Entry], as_of: Month, today: date) -> PlanProgress:
    """Every target of the plan as of the month; entries for unknown targets are set aside."""
    figures = Figures(plan, entries)
    results = tuple(evaluate_target(plan, target, figures, as_of, today) for target in plan.targets)
    ignored = orphan_counts(entries, plan.recorded_ids)
    return PlanProgress(plan, as_of, results, ignored)


def evaluate_unit(
    plan: Plan, target: Target, unit: str, figures: Figures, as_of: Month, today: date
) -> TargetProgress:
    """One unit's own share of a split target, judged by the same rules against its own
    number (Target.for_unit) and its own figures."""
    return evaluate_target(plan, target.for_unit(unit), figures, as_of, today, unit=(target, unit))


def evaluate_target(
    plan: Plan,
    target: Target,
    figures: Figures,
    as_of: Month,
    today: date,
    unit: tuple[Target, str] | None = None,
) -> TargetProgress:
    """Apply every rule of docs/progress.md to one target (or, with `unit`, to the share of
    that split target that a unit has, `target` being the unit's view of it)."""
    sources = (
        [figures.up_to(target.id, as_of, unit[1])]
        if unit is not None
        else figures.sources(target, as_of)
    )
    in_force = rolled_up(target, sources)
    calendar = plan.calendar
    checked = checked_period(target, as_of, today, calendar)
    # A split total is overdue while any of its units has not reported the period due, unless
    # the district's own figure for it is in.
    reporters = sources if len(sources) == 1 else sources[:-1]
    stale = checked is not None and (
        any(not any(period >= checked for period in values) for values in reporters)
        and not (len(sources) > 1 and any(period >= checked for period in sources[-1]))
    )
    counted = plan.counted(target)
    figure = _actual(target, in_force)
    pending = None if stale else _pending(target, reporters, as_of, today, plan)
    empty = TargetProgress(
        target=target, actual=None, period=None, expected=None, slack=None, progress=None,
        gap=None, status="no_data", stale=stale, report_due=checked, forecast=None,
        counted=counted, share_due=None, pending=pending,
        unit=None if unit is None else unit[1],
    )  # fmt: skip
    if figure is None:
        return empty
    actual, period = figure
    goal = _goal(target, figures, period)
    if goal is None:  # only a target that follows another has no goal: its figure is missing
        reason = msg("follows.no_figure", id=target.follows, period=period)
        return _replace(empty, actual=actual, period=period, reason=reason)
    final = _is_final(plan, target, sources, as_of, today)
    share = share_due(target, plan.year, period.month)
    deadline_share = share_due_at_deadline(target, plan.year)
    aim = judged_at(plan, target, goal)
    expected = _expected(target, aim, share, deadline_share)
    slack = _slack(plan, target, expected)
    forecast = None if final else _forecast(target, aim, actual, share, deadline_share)
    return TargetProgress(
        target=target,
        actual=actual,
        period=period,
        expected=expected,
        slack=slack,
        progress=_progress(target, goal, actual),
        gap=_gap(target, goal, actual, expected),  # for a limit: to the bound that decides
        status=_status(plan, target, aim, actual, expected, slack, forecast, final),
        stale=stale,
        report_due=checked,
        forecast=forecast,
        counted=counted,
        share_due=share,
        final=final,
        goal=goal,
        pending=pending,
        unit=None if unit is None else unit[1],
    )


def _replace(result: TargetProgress, **changes: object) -> TargetProgress:
    return replace(result, **changes)  # type: ignore[arg-type]


def judged_at(plan: Plan, target: Target, goal: float) -> float:
    """The number a target is judged at: its goal, moved by its band on the unfavourable
    side for a '左右' target (6%左右 is judged at 5.5, a ceiling of 3%左右 at 3.5)."""
    return goal - _sign(target) * plan.band(target)


def expected_at(plan: Plan, target: Target, goal: float, month: Month) -> float:
    """What the schedule expects by the end of `month`, whatever has been reported."""
    share = share_due(target, plan.year, month.month)
    aim = judged_at(plan, target, goal)
    return _expected(target, aim, share, share_due_at_deadline(target, plan.year))


def _sign(target: Target) -> float:
    """Direction "down" is direction "up" applied to the negated numbers."""
    return 1.0 if target.direction == "up" else -1.0


def _actual(target: Target, in_force: Values) -> tuple[float, Month] | None:
    """The figure that counts and its period: the latest, the sum of increments, or the mean
    of the months reported (a yearly average such as the unemployment rate)."""
    if not in_force:
        return None
    latest = max(in_force)
    if target.entry == "increment":
        return sum(in_force.values()), latest
    if target.aggregate == "average":
        return sum(in_force.values()) / len(in_force), latest
    return in_force[latest], latest


def _goal(target: Target, figures: Figures, period: Month) -> float | None:
    """The target for a figure of this period: the plan's number, or, for a target that
    follows another, that target's figure for the same period plus the offset."""
    if target.follows is None:
        assert target.target is not None, "the plan loader fills in every target's number"
        return target.target
    followed = figures.at(target.follows, period)
    return None if followed is None else followed + target.offset


def _is_final(
    plan: Plan, target: Target, sources: Sequence[Values], as_of: Month, today: date
) -> bool:
    """Whether the verdict is final: the as-of month is at or past the target's final period,
    and that period's figure is in (from every unit, for a split total), or the day it was
    due has passed."""
    final = final_period(target, plan.year)
    if as_of < final:
        return False
    reporters = sources if len(sources) == 1 else sources[:-1]
    reported = all(any(period >= final for period in values) for values in reporters) or (
        len(sources) > 1 and any(period >= final for period in sources[-1])
    )
    due = due_date(target, report_period(target, final, plan.calendar), plan.calendar)
    return reported or due < today


def _pending(
    target: Target, reporters: Sequence[Values], as_of: Month, today: date, plan: Plan
) -> date | None:
    """The due day of the figure the reader waits for, when it is not late yet: the as-of
    month's own report (of any unit that has not sent it, for a split total), or, for a
    target with no figure at all, its next report."""
    latest = min((max(values, default=None) for values in reporters), key=_none_first)
    own = [
        Month(as_of.year, month)
        for month in reporting_months(target, plan.calendar)
        if month <= as_of.month
    ]
    if own and (latest is None or latest < own[-1]):
        due = due_date(target, own[-1], plan.calendar)
        if due >= today:
            return due
    if latest is None:
        return next_due(target, as_of, today, plan.calendar)
    return None


def _none_first(month: Month | None) -> tuple[int, int]:
    return (0, 0) if month is None else (month.year, month.month)


def _expected(target: Target, aim: float, share: float, deadline_share: float) -> float:
    if target.kind in ("growth", "limit"):
        return aim
    if target.kind == "total":
        return aim * share
    if target.kind == "level":
        if target.baseline is None:
            return aim
        return target.baseline + (aim - target.baseline) * share
    return aim * min(1.0, share / deadline_share)  # milestone: the goal is 100 unless given


def _slack(plan: Plan, target: Target, expected: float) -> float:
    tolerance = plan.tolerance(target)
    if target.kind in ("growth", "limit"):
        return tolerance
    base = target.baseline if target.kind == "level" and target.baseline is not None else 0.0
    return tolerance * abs(expected - base)


def _status(
    plan: Plan,
    target: Target,
    aim: float,
    actual: float,
    expected: float,
    slack: float,
    forecast: float | None,
    final: bool,
) -> Status:
    sign = _sign(target)
    meets = _at_least(sign * actual, sign * aim)
    if final:
        return "achieved" if meets else "missed"
    if target.kind == "limit":
        return _limit_status(target, aim, actual, slack, forecast, meets)
    if meets and target.kind != "growth":  # a rate of growth is only met on the year's figure
        return "achieved"
    points = _gap_points(plan, target, aim, actual, expected)
    if points is not None:  # its sign already says ahead or behind, whatever the direction
        return _status_by_points(plan, points)
    if _at_least(sign * actual, sign * expected - slack):
        return "on_track"
    if _at_least(sign * actual, sign * expected - 2 * slack):
        return "at_risk"
    return "off_track"


def _limit_status(
    target: Target, bound: float, actual: float, margin: float, forecast: float | None, within: bool
) -> Status:
    """Within the bound, on track; beyond it, off track; within it but closer than the
    margin, or heading beyond it by the year end, at risk."""
    if not within:
        return "off_track"
    sign = _sign(target)
    if not _at_least(sign * (actual - bound), margin):  # closer to the bound than the margin
        return "at_risk"
    if (
        forecast is not None
        and target.entry == "increment"
        and not _at_least(sign * forecast, sign * bound)
    ):
        return "at_risk"
    return "on_track"


def _gap_points(
    plan: Plan, target: Target, aim: float, actual: float, expected: float
) -> float | None:
    """With `[rules] mode = "points"`: how far the figure stands from 序时进度, in percentage
    points of the target (of the change planned, for a level with a baseline). None where
    the tolerance rules apply instead."""
    if plan.rules.mode != "points" or target.kind not in ("total", "milestone", "level"):
        return None
    if target.kind == "level":
        if target.baseline is None:
            return None
        return _ratio(actual - expected, aim - target.baseline, 100)
    return _ratio(actual - expected, aim, 100)


def _status_by_points(plan: Plan, points: float) -> Status:
    if _at_least(points, -plan.rules.at_risk_points):
        return "on_track"
    if _at_least(points, -plan.rules.off_track_points):
        return "at_risk"
    return "off_track"


def _at_least(value: float, threshold: float) -> bool:
    return value >= threshold - _EPSILON * max(1.0, abs(threshold))


def _progress(target: Target, goal: float, actual: float) -> float | None:
    """The share of the target done ('完成全年目标的X%'); growth and limits have none."""
    if target.kind in ("growth", "limit"):
        return None
    if target.kind == "level" and target.baseline is not None:
        return _ratio(actual - target.baseline, goal - target.baseline)
    return _ratio(actual, goal)


def _gap(target: Target, goal: float, actual: float, expected: float) -> float | None:
    """Percentage points of the target for total and milestone; points for growth; the
    unit for level, and for a limit, against the bound that decides (its band included)."""
    if target.kind == "growth":
        return actual - goal
    if target.kind in ("level", "limit"):
        return actual - expected
    return _ratio(actual - expected, goal, 100)


def _forecast(
    target: Target, aim: float, actual: float, share: float, deadline_share: float
) -> float | None:
    if target.kind == "total" or (target.kind == "limit" and target.entry == "increment"):
        return _ratio(actual, share)
    if target.kind == "level" and target.baseline is not None:
        change = _ratio(actual - target.baseline, share)
        return None if change is None else target.baseline + change
    if target.kind == "milestone":  # before its due month: a forecast after it is final
        pace = _ratio(actual, share / deadline_share)
        return None if pace is None else min(aim, pace)
    return actual


def _ratio(numerator: float, denominator: float, scale: float = 1.0) -> float | None:
    return None if denominator == 0 else numerator / denominator * scale


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
    expected: float | None


def series(
    plan: Plan, target: Target, entries: Iterable[Entry], as_of: Month, today: date
) -> tuple[MonthPoint, ...]:
    """The target month by month from January to the as-of month (for `show`)."""
    return _series(plan, target, Figures(plan, entries), as_of, today)


def series_of(
    plan: Plan, targets: Iterable[Target], entries: Iterable[Entry], as_of: Month, today: date
) -> dict[str, tuple[MonthPoint, ...]]:
    """`series` for several targets by id, the figures read once (the reports' charts)."""
    figures = Figures(plan, entries)
    return {target.id: _series(plan, target, figures, as_of, today) for target in targets}


def _series(
    plan: Plan, target: Target, figures: Figures, as_of: Month, today: date
) -> tuple[MonthPoint, ...]:
    points = []
    for month in (Month(plan.year, number) for number in range(1, as_of.month + 1)):
        result = evaluate_target(plan, target, figures, month, today)
        goal = result.goal if result.goal is not None else target.target
        expected = None if goal is None else expected_at(plan, target, goal, month)
        points.append(MonthPoint(month, result, expected))
    return tuple(points)


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


def unit_scope(
    plan: Plan,
    results: Iterable[TargetProgress],
    figures: Figures,
    unit: str,
    as_of: Month,
    today: date,
) -> list[TargetProgress]:
    """A unit's own targets among these results, in their order: the district's result of
    each target it leads, and its own share of each target split to it that it does not
    lead. A target it only contributes to as a partner is not its own."""
    rows = []
    for result in results:
        target = result.target
        if target.owner == unit:
            rows.append(result)
        elif target.share(unit) is not None:
            rows.append(evaluate_unit(plan, target, unit, figures, as_of, today))
    return rows


@dataclass(frozen=True)
class Assessment:
    """The progress of a plan as of a month, narrowed to the sections and owner asked about."""

    progress: PlanProgress
    sections: tuple[Section, ...]
    scope: tuple[TargetProgress, ...]  # what counts: the summary and --fail-on
    counts: dict[str, int]
    entries: tuple[Entry, ...]  # the figures assessed, for month-by-month series
    today: date

    def of_owner(self, owner: str) -> tuple[TargetProgress, ...]:
        """An owner's own targets within the scope: with units, what the unit leads and its
        shares of split targets (unit_scope); without, the targets naming it as owner."""
        plan = self.progress.plan
        if not plan.units:
            return tuple(select(self.scope, owner=owner))
        figures = Figures(plan, self.entries)
        return tuple(unit_scope(plan, self.scope, figures, owner, self.progress.as_of, self.today))


def assess(
    plan: Plan,
    entries: Sequence[Entry],
    as_of: Month,
    sections: Sequence[Section],
    today: date,
    owner: str | None = None,
) -> Assessment:
    progress = evaluate(plan, entries, as_of, today)
    in_sections = select(progress.results, sections={section.id for section in sections})
    whole = Assessment(
        progress, tuple(sections), tuple(in_sections), summarize(in_sections), tuple(entries),
        today,
    )  # fmt: skip
    if owner is None:
        return whole
    scope = whole.of_owner(owner)
    return replace(whole, scope=scope, counts=summarize(scope))


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
    """Whether any counted target is at or past the threshold, at-risk or off-track
    (--fail-on); a missed target is past both."""
    failing = {"off_track", "missed"}
    if threshold == "at-risk":
        failing.add("at_risk")
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
