"""`plantrack status`, `show` and `sections`: the table, the JSON contract, filters and exit statuses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from plantrack.core.periods import Month
from plantrack.core.progress import evaluate
from plantrack.present.i18n import label
from plantrack.present.status_view import status_view
from plantrack.store.ledger import read_entries
from plantrack.store.plan_file import load_plan
from tests.conftest import SHIPPED_PLAN, CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def status_json(cli: CliRun, *args: str) -> dict:
    result = cli("status", "--json", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.usefixtures("june_figures")
class TestJson:
    def test_the_contract(self, cli: CliRun) -> None:
        data = status_json(cli)
        assert set(data) == {"plan", "as_of", "elapsed", "targets", "summary"}
        assert data["plan"] == {"title": "测试计划", "title_en": "Test plan", "year": 2023}
        assert data["as_of"] == "2023-06"  # the latest month a monthly target reported
        assert data["elapsed"] == 0.5
        ids = [t["id"] for t in data["targets"]]
        assert ids == ["gdp-growth", "key-projects", "rural-roads", "reimbursement-ratio",
                       "energy-intensity", "city-parlour", "new-energy-output"]  # fmt: skip
        for row in data["targets"]:
            assert set(row) >= {"id", "name", "section", "owner", "kind", "unit", "target", "actual",
                                "period", "expected", "progress", "status", "stale", "forecast", "counted"}  # fmt: skip

    def test_values_by_hand(self, cli: CliRun) -> None:
        rows = {t["id"]: t for t in status_json(cli)["targets"]}
        projects = rows["key-projects"]
        assert projects["name"] == "Key projects"
        assert projects["owner"] == "发改局"
        assert (projects["actual"], projects["period"], projects["expected"]) == (70, "2023-06", 75)
        assert projects["progress"] == pytest.approx(70 / 150)  # a fraction, unrounded
        assert projects["forecast"] == pytest.approx(140)
        assert (projects["status"], projects["stale"], projects["counted"]) == (
            "on_track",
            False,
            True,
        )
        roads = rows["rural-roads"]  # increments 4 + 5 = 9 against 13 due by June
        assert (roads["actual"], roads["expected"], roads["status"]) == (9, 13, "off_track")
        gdp = rows["gdp-growth"]
        # 6%左右 is judged at 5.5 in the year: 4.4 is more than twice the 0.5 slack below it
        assert (gdp["expected"], gdp["progress"], gdp["status"]) == (5.5, None, "off_track")
        assert rows["energy-intensity"]["status"] == "on_track"
        assert rows["city-parlour"]["status"] == "at_risk"
        ratio = rows["reimbursement-ratio"]
        assert (ratio["actual"], ratio["status"], ratio["stale"]) == (None, "no_data", False)
        assert rows["new-energy-output"]["counted"] is False

    def test_summary(self, cli: CliRun) -> None:
        assert status_json(cli)["summary"] == {
            "achieved": 0, "on_track": 2, "at_risk": 1, "off_track": 2, "missed": 0, "no_data": 1,
            "stale": 1,
        }  # fmt: skip

    def test_names_in_chinese(self, cli: CliRun) -> None:
        assert status_json(cli, "--lang", "zh")["targets"][0]["name"] == "地区生产总值增长"

    def test_section_and_owner_narrow_rows_and_summary(self, cli: CliRun) -> None:
        social = status_json(cli, "--section", "social")
        assert [t["id"] for t in social["targets"]] == ["reimbursement-ratio", "city-parlour"]
        assert social["summary"]["at_risk"] == 1 and social["summary"]["off_track"] == 0
        owner = status_json(cli, "--owner", "交通局")
        assert [t["id"] for t in owner["targets"]] == ["rural-roads"]
        assert owner["summary"]["off_track"] == 1

    def test_only_narrows_rows_but_not_the_summary(self, cli: CliRun) -> None:
        data = status_json(cli, "--only", "off-track,at_risk")
        assert [t["id"] for t in data["targets"]] == ["gdp-growth", "rural-roads", "city-parlour"]
        assert data["summary"]["on_track"] == 2

    def test_as_of_an_earlier_month_ignores_later_figures(self, cli: CliRun) -> None:
        rows = {t["id"]: t for t in status_json(cli, "--as-of", "2023-05")["targets"]}
        assert rows["key-projects"]["status"] == "no_data"
        assert rows["key-projects"]["stale"] is True
        assert rows["rural-roads"]["actual"] == 4


@pytest.mark.usefixtures("june_figures")
class TestFailOn:
    def test_at_risk_exits_3(self, cli: CliRun) -> None:
        assert cli("status", "--fail-on", "at-risk", env=TODAY).exit_code == 3

    def test_off_track_exits_3_only_for_off_track(self, cli: CliRun) -> None:
        assert cli("status", "--fail-on", "off-track", env=TODAY).exit_code == 3
        assert (
            cli("status", "--fail-on", "off-track", "--section", "social", env=TODAY).exit_code == 0
        )
        assert (
            cli("status", "--fail-on", "at-risk", "--section", "social", env=TODAY).exit_code == 3
        )

    def test_without_fail_on_the_exit_is_0(self, cli: CliRun) -> None:
        result = cli("status", env=TODAY)
        assert result.exit_code == 0  # though two targets are off track:
        assert "✖ off track" in row(result.stdout, "Rural roads")

    def test_an_unknown_threshold(self, cli: CliRun) -> None:
        result = cli("status", "--fail-on", "red", env=TODAY)
        assert result.exit_code == 1
        assert result.stderr == "--fail-on: 'red' is not at-risk or off-track\n"


def test_a_target_due_later_does_not_fail(cli: CliRun, small_plan: Path) -> None:
    cli("record", "new-energy-output", "1", "-p", "2023-12", env={"PLANTRACK_TODAY": "2024-01-05"})
    result = cli(
        "status",
        "--fail-on",
        "off-track",
        "--section",
        "econ",
        "--json",
        env={"PLANTRACK_TODAY": "2024-01-05"},
    )
    output = next(t for t in json.loads(result.stdout)["targets"] if t["id"] == "new-energy-output")
    assert output["status"] == "off_track"
    assert result.exit_code == 0


def test_an_empty_ledger_shows_every_target_and_how_to_record(
    cli: CliRun, small_plan: Path
) -> None:
    result = cli("status", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.count("○ no data") == 7 + 1  # seven rows and the footer
    assert result.stderr == (
        "actuals.toml: no figures recorded yet; record one with: plantrack record TARGET VALUE "
        "--period YYYY-MM (or see a sample: plantrack status --demo)\n"
    )
    assert "As of 2023-06: 50% of the year elapsed" in result.stdout


@pytest.mark.usefixtures("june_figures")
def test_entries_for_removed_targets_get_one_warning(cli: CliRun, small_plan: Path) -> None:
    small_plan.write_text(
        small_plan.read_text(encoding="utf-8").replace('"rural-roads"', '"roads"'), encoding="utf-8"
    )
    result = cli("status", env=TODAY)
    assert result.exit_code == 0
    assert result.stderr == (
        "actuals.toml: 2 entries for targets not in the plan are ignored (rural-roads); "
        "plantrack validate lists them\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2024-01"), "--as-of: 2024-01 is outside the plan year 2023; give a month from 2023-01 to 2023-12"),
        (("--only", "late"), "--only: 'late' is not a status; use one or more of achieved, on-track, at-risk, off-track, missed, no-data, stale, joined by commas"),
        (("--owner", "教育局"), "--owner: no target has owner '教育局'; owners: 交通局, 住建局, 医保局, 发改局"),
    ],
)  # fmt: skip
def test_bad_options(cli: CliRun, small_plan: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("status", *args, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"


@pytest.mark.usefixtures("june_figures")
class TestTable:
    def test_grouped_by_section_with_words_that_read_without_colour(self, cli: CliRun) -> None:
        out = cli("status", env=TODAY).stdout
        assert "\x1b[" not in out  # not a terminal: no ANSI codes
        assert (
            out.index("Economy")
            < out.index("Key projects")
            < out.index("Social")
            < out.index("City parlour")
        )
        assert "✖ off track" in row(out, "Rural roads")
        assert "▲ at risk" in row(out, "City parlour")
        assert "● on track" in row(out, "Key projects")
        # key projects: 70 of 150 against 75 due; GDP 4.4 against 6
        assert "behind schedule by 3.3 points" in " ".join(rows(out, "Key projects"))
        assert "1.6 points below target" in " ".join(rows(out, "GDP growth"))
        assert "○ no data" in row(out, "Reimbursement ratio")
        assert out.splitlines()[-1] == (
            "✔ achieved 0   ● on track 2   ▲ at risk 1   ✖ off track 2   ✘ missed 0   ○ no data 1   "
            "overdue 1"
        )

    def test_chinese_labels(self, cli: CliRun) -> None:
        out = cli("status", "--lang", "zh", env=TODAY).stdout
        assert "● 正常推进" in row(out, "重点项目")
        assert "▲ 预警" in row(out, "启动城市客厅项目建设")
        assert "✖ 滞后" in row(out, "四好农村路")
        assert "○ 未报送" in row(out, "门诊慢特病报销比例")
        assert "落后序时进度3.3个百分点" in out
        assert "低于目标1.6个百分点" in out
        assert "截至 2023-06，序时进度 50%" in out

    def test_overdue_is_marked_once_the_due_day_has_passed(self, cli: CliRun) -> None:
        before = cli("status", "--as-of", "2023-07", env=TODAY).stdout  # on 15 July
        assert "due 2023-08-15" in row(before, "Key projects")  # July's figure: not late yet
        assert "overdue" not in row(before, "Key projects")
        after = cli("status", "--as-of", "2023-07", env={"PLANTRACK_TODAY": "2023-08-16"}).stdout
        assert "overdue" in row(after, "Key projects")  # monthly: July's figure is missing
        assert "overdue" not in " ".join(rows(after, "GDP growth"))  # quarterly: Q2 is in


def rows(out: str, name: str) -> list[str]:
    """The lines of the table row that starts with `name`: the row's first line and the
    lines that continue its wrapped cells, up to the next row or heading."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(name))
    found = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" ") and not line.startswith("("):
            break
        found.append(line)
    return found


def row(out: str, name: str) -> str:
    """The first line of the row of a target: where its status word stands."""
    return rows(out, name)[0]


def render(small_plan: Path, lang: str, colour: bool) -> str:
    plan = load_plan(small_plan)
    entries = read_entries(small_plan.parent / "actuals.toml")
    progress = evaluate(plan, entries, Month(2023, 6), date(2023, 7, 15))
    console = Console(
        width=140, record=True, force_terminal=colour, color_system="truecolor" if colour else None
    )
    with console.capture() as capture:
        console.print(
            status_view(progress, progress.results, list(plan.sections), progress.summary(), lang)
        )  # type: ignore[arg-type]
    return capture.get()


@pytest.mark.usefixtures("june_figures")
def test_rendering_with_colour_and_aligned_cjk(small_plan: Path) -> None:
    coloured = render(small_plan, "zh", colour=True)
    assert "\x1b[" in coloured
    assert "\x1b[1;31m" in coloured  # off track in bold red
    plain = render(small_plan, "zh", colour=False)
    assert "\x1b[" not in plain
    status_columns = {
        cell_len(line[: min(line.index(s) for s in "●▲✖○✔" if s in line)])
        for line in plain.splitlines()
        if any(s in line for s in "●▲✖○✔") and line[0] not in "●▲✖○✔"  # rows, not the counts
    }
    assert len(status_columns) == 1, "the status column starts at the same cell in every row"
    assert label("status.off_track", "zh") in row(plain, "四好农村路")


@pytest.mark.usefixtures("june_figures")
def test_no_color_is_honoured(run_process, small_plan: Path) -> None:
    result = run_process(
        "status", env={**TODAY, "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm"}
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout


def test_demo_shows_a_labelled_table_and_writes_nothing(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    result = cli("status", "--demo", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.startswith("DEMO: illustrative figures, not reported data")
    statuses = {line.split("  ")[-1].strip() for line in result.stdout.splitlines()[5:-1]}
    assert statuses - {"Economy", "Social", ""} == {
        "● on track", "▲ at risk", "✔ achieved", "○ no data due 2024-01-31",
    }  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.toml"]


def test_demo_on_the_shipped_plan_shows_every_status(cli: CliRun) -> None:
    data = json.loads(
        cli("--plan", str(SHIPPED_PLAN), "status", "--demo", "--json", env=TODAY).stdout
    )
    # mid-year: nothing is final yet, so nothing is missed
    assert all(
        count > 0 for key, count in data["summary"].items() if key not in ("stale", "missed")
    )


@pytest.mark.usefixtures("june_figures")
class TestShow:
    def test_month_by_month_forecast_and_history(self, cli: CliRun) -> None:
        result = cli("show", "key-projects", env=TODAY)
        assert result.exit_code == 0
        out = result.stdout
        assert "Key projects (key-projects)" in out
        assert "Year-end forecast: 140 个 — unlikely to meet the target by year end" in out
        assert "current" in out  # the history of entries
        assert "62.5 个" in out  # expected by May, 150 × 5/12, shown though May has no figure

    def test_json(self, cli: CliRun) -> None:
        data = json.loads(cli("show", "农村路", "--json", env=TODAY).stdout)
        assert data["target"]["id"] == "rural-roads"
        assert [m["actual"] for m in data["months"]] == [None, None, None, None, 4, 9]
        assert len(data["entries"]) == 2

    def test_an_unknown_target(self, cli: CliRun) -> None:
        result = cli("show", "nothing-like-it", env=TODAY)
        assert result.exit_code == 1
        assert (
            result.stderr
            == "TARGET: unknown target 'nothing-like-it'; 'plantrack targets' lists every target\n"
        )


@pytest.mark.usefixtures("june_figures")
def test_sections_counts_per_section_and_owner(cli: CliRun) -> None:
    data = json.loads(cli("sections", "--json", env=TODAY).stdout)
    econ = next(s for s in data["sections"] if s["id"] == "econ")
    assert (econ["on_track"], econ["off_track"]) == (2, 2)
    owners = {o["owner"]: o for o in data["owners"]}
    assert owners["交通局"]["off_track"] == 1
    assert owners["住建局"]["at_risk"] == 1
    table = cli("sections", "--lang", "zh", env=TODAY).stdout
    cells = {
        line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:-1]]
        for line in table.splitlines()
        if line.startswith("│")
    }
    # 已完成, 正常推进, 预警, 滞后, 未完成, 未报送, 逾期未报
    assert cells["经济"] == ["0", "2", "0", "2", "0", "0", "0"]
    assert cells["交通局"] == ["0", "0", "0", "1", "0", "0", "0"]
    assert cells["住建局"] == ["0", "0", "1", "0", "0", "0", "1"]


def test_status_through_the_installed_command(run_process, june_figures: Path) -> None:
    result = run_process("status", "--fail-on", "off-track", env={**TODAY, "COLUMNS": "150"})
    assert result.returncode == 3
    assert "Key projects" in result.stdout
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("word", ["滞后", "off track", "off_track", "预警", "at-risk"])
def test_fail_on_takes_the_status_words_that_only_takes(
    cli: CliRun, small_plan: Path, word: str
) -> None:
    assert cli("record", "rural-roads", "3", "-p", "2023-06", env=TODAY).exit_code == 0
    assert cli("status", "--fail-on", word, env=TODAY).exit_code == 3
    refused = cli("status", "--fail-on", "正常推进", env=TODAY)
    assert refused.exit_code == 1 and refused.stderr.startswith("--fail-on:")
