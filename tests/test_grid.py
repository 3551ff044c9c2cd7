"""The fast grid behind the status table: wrapping and alignment in terminal cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from plantrack.present.grid import Column, Grid, wrap_offsets, wrap_text
from tests.conftest import CliRun

words = st.text(alphabet=st.sampled_from("ab 地区生产总值增长 1.%-"), max_size=80)


@settings(max_examples=1000)
@given(words, st.integers(min_value=2, max_value=30))
def test_wrapped_lines_fit_and_lose_nothing(text: str, width: int) -> None:
    offsets = wrap_offsets(text, width)
    pieces = [
        text[start:end] for start, end in zip([0, *offsets], [*offsets, len(text)], strict=True)
    ]
    assert "".join(pieces) == text
    assert all(cell_len(piece.rstrip()) <= width for piece in pieces)


def test_wrapping_keeps_styles_and_breaks_at_spaces() -> None:
    text = Text("ahead of")
    text.append(" schedule", style="bold red")
    lines = wrap_text(text, 10)
    assert [line.plain for line in lines] == ["ahead of", "schedule"]
    assert lines[1].spans and lines[1].spans[0].style == "bold red"


def render(grid: Grid, width: int) -> list[str]:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(grid)
    return capture.get().splitlines()


def test_columns_align_with_chinese_text_and_shrink_to_fit() -> None:
    grid = Grid(
        [
            Column("指标", wrap=True, keep=2),
            Column("目标", justify="right"),
            Column("状态", wrap=True, keep=1),
        ]
    )
    grid.add_heading(Text("主要预期目标"))
    grid.add_row([Text("地区生产总值增长"), Text("约6%"), Text("● 正常推进")])
    grid.add_row([Text("GDP growth of the whole district"), Text("about 6%"), Text("● on track")])
    lines = render(grid, 40)
    assert all(cell_len(line) <= 40 for line in lines)
    assert lines[2] == "主要预期目标"
    goal_ends = {
        cell_len(line[: line.index("%") + 1]) for line in lines if "%" in line and "●" in line
    }
    assert len(goal_ends) == 1, "right-aligned goals end in the same cell"


OFFICE = Path(__file__).parents[1] / "examples" / "office" / "targets.toml"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "command", [("rank", "--projects", "--by", "lead"), ("rank", "urban-jobs"), ("status",)]
)
def test_no_line_of_a_grid_ends_in_spaces(cli: CliRun, lang: str, command: tuple[str, ...]) -> None:
    """A wrapped row's empty cells at the end of a line are not padded out to the edge: a
    mailed or pasted table carries no trailing spaces."""
    result = cli(
        "--plan", str(OFFICE), "--lang", lang, *command, "--demo",
        env={"PLANTRACK_TODAY": "2023-10-20", "COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 10
    assert [line for line in lines if line != line.rstrip(" ")] == []
