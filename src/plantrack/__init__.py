"""plantrack: track a local government's annual plan targets month by month.

The library API (docs/api.md):

    import plantrack
    plan = plantrack.load_plan("targets.toml")
    entries = plantrack.read_ledger("actuals.toml")
    progress = plantrack.evaluate(plan, entries, "2023-06")
    for result in progress.results:
        print(result.target.id, result.status, result.progress)

The names are loaded on first use, so that the command line, which lives in this package
too, starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plantrack._version import __version__

if TYPE_CHECKING:
    from plantrack.api import (
        Imported,
        Recorded,
        describe,
        evaluate,
        import_file,
        import_rows,
        load_plan,
        read_ledger,
        record,
        withdraw,
    )
    from plantrack.core.errors import PlantrackError
    from plantrack.core.model import Entry, Plan, Target
    from plantrack.core.periods import Month
    from plantrack.core.progress import PlanProgress, TargetProgress

__all__ = [
    "Entry",
    "Imported",
    "Month",
    "Plan",
    "PlanProgress",
    "PlantrackError",
    "Recorded",
    "Target",
    "TargetProgress",
    "__version__",
    "describe",
    "evaluate",
    "import_file",
    "import_rows",
    "load_plan",
    "read_ledger",
    "record",
    "withdraw",
]

_HOMES = {
    "Imported": "plantrack.api",
    "Recorded": "plantrack.api",
    "describe": "plantrack.api",
    "evaluate": "plantrack.api",
    "import_file": "plantrack.api",
    "import_rows": "plantrack.api",
    "load_plan": "plantrack.api",
    "read_ledger": "plantrack.api",
    "record": "plantrack.api",
    "withdraw": "plantrack.api",
    "PlantrackError": "plantrack.core.errors",
    "Entry": "plantrack.core.model",
    "Plan": "plantrack.core.model",
    "Target": "plantrack.core.model",
    "Month": "plantrack.core.periods",
    "PlanProgress": "plantrack.core.progress",
    "TargetProgress": "plantrack.core.progress",
}


def __getattr__(name: str) -> Any:
    import importlib

    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'plantrack' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
