"""Units (牵头单位, towns and departments) and targets split to them: what is a unit's own,
how its share of a split target stands, and how the units of one target rank
(docs/progress.md, 'Targets split to units').
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from plantrack.core.messages import Message, msg
from plantrack.core.model import Entry, Plan, Target
from plantrack.core.periods import Month
from plantrack.core.progress import (
    Figures,
    PlanProgress,
    TargetProgress,
    evaluate_unit,
    summarize,
    unit_scope,
)
from plantrack.core.values import format_number

# A sum of shares this close to the target is equal to it (0.1 + 0.2 is not 0.3 in floats).
_EPSILON = 1e-9


def split_warnings(plan: Plan) -> list[Message]:
    """What `validate` says, without failing, about the splits: a total whose shares add up
    to less than the district's target leaves part of it to nobody."""
    warnings = []
    for target in plan.targets:
        if target.kind != "total" or not target.split or target.target is None:
            continue
        shares = sum(share.target for share in target.split)
        if shares < target.target - _EPSILON * max(1.0, abs(target.target)):
            warnings.append(
                msg(
                    "validate.split_short",
                    id=target.id,
                    shares=format_number(shares),
                    target=format_number(target.target),
                    unit=target.unit or "",
                )
            )
    return warnings


def unit_orphans(plan: Plan, entries: Iterable[Entry]) -> dict[tuple[str, str], int]:
    """How many entries are a unit's own figure for a target not split to that unit (a unit
    dropped from the split, or an entry edited by hand): they count nowhere."""
    counts: dict[tuple[str, str], int] = {}
    for entry in entries:
        if entry.unit is None:
            continue
        target = plan.target(entry.target)
        if target is not None and target.share(entry.unit) is None:
            key = (entry.target, entry.unit)
            counts[key] = counts.get(key, 0) + 1
    return counts


def counts_by_unit(
    plan: Plan, progress: PlanProgress, figures: Figures, today: date
) -> tuple[tuple[str, dict[str, int]], ...]:
    """Counts per status for each unit over what it leads and its shares (sections --by unit),
    for the units that have any, in the plan's order."""
    counted = []
    for unit in plan.units:
        rows = unit_scope(plan, progress.results, figures, unit.id, progress.as_of, today)
        if rows:
            counted.append((unit.id, summarize(rows)))
    return tuple(counted)


@dataclass(frozen=True)
class RankedUnit:
    """One unit's row of `rank`: its own share judged, and its place (None: no figure)."""

    unit: str
    result: TargetProgress
    rank: int | None


def rank_units(
    plan: Plan, target: Target, figures: Figures, as_of: Month, today: date
) -> tuple[RankedUnit, ...]:
    """The units of a split target, best first (docs/progress.md, 'Ranking units'): by
    progress for a total or level, by the signed distance to the bound for a limit (inside
    and farthest first). Ties share a rank and the next rank skips (1, 1, 3); units without
    a figure come last, unranked, in the order of the split."""
    results = [
        evaluate_unit(plan, target, unit, figures, as_of, today) for unit in target.split_units
    ]
    scored = [(result, score) for result in results if (score := _score(result)) is not None]
    scored.sort(key=lambda pair: -pair[1])  # stable: equal scores keep the split's order
    ranked: list[RankedUnit] = []
    previous: float | None = None
    place = 0
    for position, (result, score) in enumerate(scored, 1):
        if previous is None or not _same(score, previous):
            place = position
        previous = score
        assert result.unit is not None
        ranked.append(RankedUnit(result.unit, result, place))
    unranked = [
        RankedUnit(result.unit, result, None)
        for result in results
        if _score(result) is None and result.unit is not None
    ]
    return (*ranked, *unranked)


def _score(result: TargetProgress) -> float | None:
    """Higher is better. A level whose direction is down and that has no baseline measures
    progress as actual ÷ target, where lower is better: its score is the negated ratio."""
    target = result.target
    if result.actual is None:
        return None
    if target.kind == "limit":
        if result.gap is None:
            return None
        return result.gap if target.direction == "up" else -result.gap
    if result.progress is None:
        return None
    if target.direction == "down" and target.baseline is None:
        return -result.progress
    return result.progress


def _same(one: float, other: float) -> bool:
    return abs(one - other) <= _EPSILON * max(1.0, abs(one), abs(other))
