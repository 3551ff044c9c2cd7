"""The views of units: `rank` (the units of a split target, best first) as a table and as
JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from plantrack.core.messages import Lang, msg
from plantrack.core.model import Plan, Target
from plantrack.core.periods import Month
from plantrack.core.units import RankedUnit
from plantrack.present.grid import Column, Grid
from plantrack.present.i18n import gap_text, goal_text, label, plain, unbreakable_units, words
from plantrack.present.status_view import figure, figure_month, percentage, status_cell

# The circular's mark for a unit without a place ("—" where a unit has no figure).
NO_RANK = "—"


def rank_view(
    plan: Plan, target: Target, as_of: Month, ranked: Sequence[RankedUnit], lang: Lang
) -> RenderableType:
    """A heading naming the target and month, then one row per unit, best first."""
    heading = msg("rank.heading", name=target.label(lang), id=target.id, as_of=as_of)
    grid = Grid(
        [
            Column(label("col.rank", lang), justify="right", keep=5),
            Column(label("col.unit", lang), wrap=True, min_width=8, keep=4),
            Column(label("col.target", lang), justify="right", wrap=True, min_width=8, keep=2),
            Column(label("col.actual", lang), justify="right", wrap=True, min_width=10, keep=3),
            Column(label("col.progress", lang), justify="right", drop=2),
            Column(label("col.gap", lang), wrap=True, min_width=12, keep=1, drop=3),
            Column(label("col.status", lang), wrap=True, min_width=10, keep=3),
        ],
        units=unbreakable_units([target.unit], lang),
    )
    for row in ranked:
        result = row.result
        actual = Text(figure(result.actual, target.unit, lang))
        if result.period is not None:
            actual.append(f" ({figure_month(plan, result, lang)})", style="dim")
        grid.add_row(
            [
                Text(NO_RANK if row.rank is None else str(row.rank)),
                Text(plain(plan.unit_label(row.unit, lang))),
                Text(goal_text(plan, result.target, lang)),
                actual,
                percentage(result.progress),
                Text(gap_text(result, lang)),
                status_cell(result, lang),
            ]
        )
    return Group(Text(plain(words(heading, lang)), style="bold"), grid)


def rank_json(
    plan: Plan, target: Target, as_of: Month, ranked: Sequence[RankedUnit], lang: Lang
) -> dict[str, Any]:
    """`rank --json`: {"target", "as_of", "units": [{"unit", "name", "target", "actual",
    "progress", "gap", "status", "rank"}]}, plus each unit's period and whether it is late."""
    return {
        "target": target.id,
        "as_of": str(as_of),
        "units": [
            {
                "unit": row.unit,
                "name": plan.unit_label(row.unit, lang),
                "target": row.result.target.target,
                "actual": row.result.actual,
                "progress": row.result.progress,
                "gap": row.result.gap,
                "status": row.result.status,
                "rank": row.rank,
                "period": None if row.result.period is None else str(row.result.period),
                "stale": row.result.stale,
            }
            for row in ranked
        ],
    }
