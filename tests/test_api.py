"""The library API: the script in docs/api.md, and recording and importing without the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import plantrack
from plantrack.core.errors import EntryRefused, ImportRefused
from tests.conftest import REPO, SHIPPED_PLAN

JULY = date(2023, 7, 15)


def api_script() -> str:
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    block = re.search(r"## Off-track targets in ten lines.*?```python\n(.*?)```", text, re.DOTALL)
    assert block
    return block.group(1)


def test_the_script_in_the_docs_prints_the_off_track_targets(tmp_path: Path) -> None:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    plan = plantrack.load_plan(tmp_path / "targets.toml")
    ledger = tmp_path / "actuals.toml"
    plantrack.record(ledger, plan, "key-projects", 40, "2023-06", by="test", today=JULY)  # 75 due
    plantrack.record(ledger, plan, "rural-roads", 13, "2023-06", by="test", today=JULY)  # on pace
    script = api_script()
    assert len(script.strip().splitlines()) <= 10
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout == "key-projects 省市区重点项目: 26.7% done, 75 expected\n"


def test_evaluate_takes_a_month_and_today(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    progress = plantrack.evaluate(plan, (), today=date(2023, 9, 3))
    assert str(progress.as_of) == "2023-08"  # nothing recorded: the month before today
    assert plantrack.evaluate(plan, (), "2023-Q1").as_of == plantrack.Month(2023, 3)
    assert {result.status for result in progress.results} == {"no_data"}


def test_record_and_import_rows_write_the_ledger_the_cli_reads(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    ledger = tmp_path / "actuals.toml"
    done = plantrack.record(ledger, plan, "省市区重点项目", "70", "2023-06", by="王", today=JULY)
    assert (done.entry.target, done.entry.value, done.replaced) == ("key-projects", 70.0, None)
    imported = plantrack.import_rows(
        ledger,
        plan,
        [
            {"target": "rural-roads", "period": "2023-06", "value": 12.5},
            {"target": "key-projects", "period": "2023-06", "value": "75"},
        ],
        by="王",
        replace=True,
        today=JULY,
    )
    assert (imported.count, imported.revisions) == (2, 1)
    values = {(e.target, e.value) for e in plantrack.read_ledger(ledger)}
    assert values == {("key-projects", 70.0), ("rural-roads", 12.5), ("key-projects", 75.0)}


def test_problems_are_messages_in_either_language(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    ledger = tmp_path / "actuals.toml"
    with pytest.raises(EntryRefused) as refused:
        plantrack.record(ledger, plan, "key-projcts", 80, "2023-06", by="t", today=JULY)
    assert plantrack.describe(refused.value, "en").startswith(
        "target: unknown target 'key-projcts'; did you mean 'key-projects'"
    )
    assert plantrack.describe(refused.value, "zh").startswith("target: 没有指标“key-projcts”")
    with pytest.raises(ImportRefused) as import_refused:
        plantrack.import_rows(
            ledger, plan, [{"target": "rural-roads", "period": "2023-13"}], today=JULY
        )
    assert plantrack.describe(import_refused.value).splitlines() == [
        "row 1: column 'period': '2023-13' is not a period; write 2023-06 (a month), 2023-Q2 "
        "(a quarter: its last month) or 2023-H1 (a half year)",
        "row 1: column 'value': '' is not a number; write digits such as 1500, 1,500, 8.2 or -1.8",
        "problems found: 2; nothing was recorded",
    ]
    assert not ledger.exists()


@pytest.mark.parametrize("value", [True, float("nan"), float("inf")])
def test_a_value_that_is_not_a_figure_is_refused_from_python_too(
    tmp_path: Path, value: object
) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    ledger = tmp_path / "actuals.toml"
    with pytest.raises(EntryRefused):
        plantrack.record(ledger, plan, "key-projects", value, "2023-06", by="t", today=JULY)  # type: ignore[arg-type]
    with pytest.raises(ImportRefused):
        plantrack.import_rows(
            ledger,
            plan,
            [{"target": "key-projects", "period": "2023-06", "value": value}],
            today=JULY,
        )
    assert not ledger.exists()


def test_a_month_is_recorded_once_it_is_over(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    with pytest.raises(EntryRefused) as refused:
        plantrack.record(
            tmp_path / "a.toml", plan, "key-projects", 80, "2023-07", by="t", today=JULY
        )
    assert plantrack.describe(refused.value) == (
        "period: 2023-07 is not over; its figures can be recorded from 2023-08-01"
    )
    done = plantrack.record(
        tmp_path / "a.toml", plan, "key-projects", 80, "2023-07", by="t", today=date(2023, 8, 1)
    )
    assert str(done.entry.period) == "2023-07"


def test_figures_and_problems_are_frozen() -> None:
    import dataclasses

    from plantrack.core.messages import msg
    from plantrack.core.recording import Doubt, Problem, RowFigure, read_figure

    plan = plantrack.load_plan(SHIPPED_PLAN)
    figure = read_figure(
        plan, target_text="key-projects", period_text="2023-06", value_text="7", today=JULY
    )
    assert not isinstance(figure, list)
    problem = Problem("value", msg("value.too_large", text="1e999"))
    doubt = Doubt(figure.target, figure.period, problem.message)
    for value in (figure, problem, RowFigure(2, figure), doubt):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, dataclasses.fields(value)[0].name, None)


def test_import_rows_reads_rows_and_lines_one_at_a_time(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    ledger = tmp_path / "actuals.toml"
    taken: list[int] = []

    def rows():  # a generator: never a list, and read once
        for month in (3, 4, 5, 6):
            taken.append(month)
            yield {"target": "key-projects", "period": f"2023-{month:02d}", "value": month * 10}

    imported = plantrack.import_rows(
        ledger, plan, rows(), lines=iter([10, 20, 30, 40]), by="t", today=JULY
    )
    assert (imported.count, taken) == (4, [3, 4, 5, 6])
    with pytest.raises(ImportRefused) as refused:
        plantrack.import_rows(ledger, plan, rows(), lines=iter([10, 20, 30, 40]), today=JULY)
    assert plantrack.describe(refused.value).splitlines()[0].startswith("row 10: 'key-projects'")


def test_import_file_reads_a_csv_as_the_command_does(tmp_path: Path) -> None:
    plan = plantrack.load_plan(SHIPPED_PLAN)
    (tmp_path / "june.csv").write_text("指标,期间,数值\nkey-projects,2023-06,75\n", "utf-8")
    imported = plantrack.import_file(tmp_path / "a.toml", plan, tmp_path / "june.csv", today=JULY)
    assert (imported.count, imported.dry_run) == (1, False)
    assert [e.value for e in plantrack.read_ledger(tmp_path / "a.toml")] == [75.0]
