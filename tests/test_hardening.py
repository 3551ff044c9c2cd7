"""Regression tests for the defects an attack run found around the ledger (issue #11): each
test names its item and fails on the code before the fix."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from plantrack.present.serialize import json_text
from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def strict_json(text: str) -> object:
    """JSON as every parser reads it: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# ── 3. a blank target is refused ────────────────────────────────────────────


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_3_a_blank_target_records_nothing(
    cli: CliRun, small_plan: Path, tmp_path: Path, typed: str
) -> None:
    result = cli("record", typed, "50", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("TARGET: empty")
    assert not (tmp_path / "actuals.toml").exists()


def test_3_a_csv_row_without_a_target_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text("target,period,value\n,2023-06,40\n", encoding="utf-8")
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert "line 2: column 'target': empty" in result.stderr
    assert not (tmp_path / "actuals.toml").exists()


# ── 4. values stay finite end to end ────────────────────────────────────────


@pytest.mark.parametrize("typed", ["1.7e308", "1e16", "-1e16", "1000000000000001"])
def test_4_a_figure_beyond_the_bound_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path, typed: str
) -> None:
    result = cli("record", "rural-roads", typed, "-p", "2023-06", "--force", env=TODAY)
    assert result.exit_code == 1
    assert "too large to be a figure (at most 1000000000000000 in size)" in result.stderr
    assert not (tmp_path / "actuals.toml").exists()


def test_4_the_bound_itself_is_recorded_and_every_view_stays_valid(
    cli: CliRun, small_plan: Path
) -> None:
    for period in ("2023-05", "2023-06"):
        result = cli("record", "rural-roads", "1e15", "-p", period, "--force", env=TODAY)
        assert result.exit_code == 0, result.stderr
    status = cli("status", "--json", env=TODAY)
    assert status.exit_code == 0
    roads = next(t for t in strict_json(status.stdout)["targets"] if t["id"] == "rural-roads")  # type: ignore[index]
    assert roads["actual"] >= 1e15 and math.isfinite(roads["progress"])
    for command in (
        ("status",),
        ("show", "rural-roads"),
        ("report",),
        ("report", "--format", "html"),
    ):
        assert cli(*command, env=TODAY).exit_code == 0, command


def test_4_an_imported_figure_beyond_the_bound_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nrural-roads,2023-06,1e308\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", "--force", env=TODAY)
    assert result.exit_code == 1
    assert "column 'value'" in result.stderr and "too large" in result.stderr


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("1e308", "must be at most 1000000000000000 in size, not 1e+308"),
        ("-2e15", "must be at most 1000000000000000 in size, not -2000000000000000"),
        ("5e-324", "must be 0 or at least 1e-09 in size, not 5e-324"),
    ],
)
def test_4_a_planned_target_beyond_the_bounds_is_refused(
    cli: CliRun, small_plan: Path, written: str, problem: str
) -> None:
    text = small_plan.read_text(encoding="utf-8").replace("target = 26\n", f"target = {written}\n")
    small_plan.write_text(text, encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert "target 'rural-roads'" in result.stderr and problem in result.stderr


def test_4_a_ledger_value_beyond_the_bound_is_named_not_a_traceback(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    for value in ("1.7e308", "1" + "0" * 400, "1" + "0" * 5000):
        (tmp_path / "actuals.toml").write_text(
            f'[[entry]]\ntarget = "rural-roads"\nperiod = "2023-06"\nvalue = {value}\n'
            'recorded_at = "2023-07-01T09:00:00+08:00"\nby = "wang"\n',
            encoding="utf-8",
        )
        result = cli("status", env=TODAY)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and "actuals.toml" in result.stderr


def test_4_json_never_carries_infinity_or_nan() -> None:
    data = {"progress": math.inf, "gap": [1.0, -math.inf, math.nan], "actual": 3.5}
    assert strict_json(json_text(data)) == {
        "progress": None,
        "gap": [1.0, None, None],
        "actual": 3.5,
    }
    assert strict_json(json_text(data, indent=2)) == strict_json(json_text(data))
