"""The status table on narrow and wide terminals."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from rich.console import Console

from plantrack.core.demo import demo_entries
from plantrack.core.periods import Month
from plantrack.core.progress import evaluate
from plantrack.present.status_view import status_view
from plantrack.store.plan_file import load_plan
from tests.conftest import SHIPPED_PLAN


def rendered(width: int, lang: str) -> str:
    plan = load_plan(SHIPPED_PLAN)
    progress = evaluate(plan, demo_entries(plan, Month(2023, 6)), Month(2023, 6), date(2023, 7, 21))
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        view = status_view(
            progress, progress.results, list(plan.sections), progress.summary(), lang, width=width
        )  # type: ignore[arg-type]
        console.print(view)
    return capture.get()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_no_line_is_wider_than_the_terminal(width: int, lang: str) -> None:
    assert max(cell_len(line) for line in rendered(width, lang).splitlines()) <= width


def test_a_narrow_terminal_gets_the_compact_layout() -> None:
    narrow, wide = rendered(80, "en"), rendered(140, "en")
    assert "Expected" not in narrow and "Expected" in wide
    assert "█" not in narrow and "█" in wide
    header = next(line for line in narrow.splitlines() if line.startswith("Target"))
    assert header.split() == ["Target", "Goal", "Actual", "Progress", "Gap", "Status"]
    wide_header = next(line for line in wide.splitlines() if line.startswith("Target"))
    assert wide_header.split() == [
        "Target", "Goal", "Actual", "Expected", "Progress", "Gap", "Status",
    ]  # fmt: skip


def test_names_are_not_cut_to_a_few_letters_at_80_columns() -> None:
    narrow = rendered(80, "en")
    assert "Fixed-asset" in narrow and "investment" in narrow
