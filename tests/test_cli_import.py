"""`plantrack import`: a month's figures from CSV, all or nothing, every bad row reported."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
GOOD = "target,period,value,source,note\nkey-projects,2023-06,75,发改局,\nrural-roads,2023-06,3.5,,首批\ngdp-growth,2023-Q2,5.2%,统计局,\n"


def recorded(tmp_path: Path) -> list[tuple[str, str, float]]:
    data = tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))
    return [(e["target"], e["period"], e["value"]) for e in data["entry"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_utf8_utf8_with_bom_and_gbk_are_read(
    cli: CliRun, small_plan: Path, tmp_path: Path, encoding: str
) -> None:
    (tmp_path / "june.csv").write_bytes(GOOD.encode(encoding))
    result = cli("import", "june.csv", "--by", "li", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "june.csv: 3 figures recorded, 0 of them revisions\n"
    assert recorded(tmp_path) == [
        ("key-projects", "2023-06", 75),
        ("rural-roads", "2023-06", 3.5),
        ("gdp-growth", "2023-06", 5.2),
    ]
    data = tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))
    assert data["entry"][0]["source"] == "发改局"
    assert data["entry"][1]["note"] == "首批"
    assert "note" not in data["entry"][0]
    assert {entry["by"] for entry in data["entry"]} == {"li"}


def test_encoding_can_be_forced(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_bytes(GOOD.encode("gbk"))
    result = cli("import", "june.csv", "--encoding", "utf-8", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == "june.csv: line 2: not valid utf-8 text; check --encoding\n"
    assert cli("import", "june.csv", "--encoding", "gbk", env=TODAY).exit_code == 0


def test_every_bad_row_is_reported_and_nothing_is_written(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    cli("record", "key-projects", "70", "-p", "2023-05", env=TODAY)
    before = ledger_bytes()
    (tmp_path / "june.csv").write_text(
        "target,period,value\n"
        "key-projects,2023-06,75\n"
        "key-projcts,2023-06,1\n"
        "rural-roads,2023-13,1\n"
        "key-projects,2023-06,76\n"
        "gdp-growth,2023-05,5\n"
        "key-projects,2023-05,71\n"
        "city-parlour,2023-06,101\n"
        "rural-roads,2023-06,5%\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ledger_bytes() == before
    assert result.stderr.splitlines() == [
        "june.csv: line 3: column 'target': unknown target 'key-projcts'; did you mean "
        "'key-projects' (重点项目)? 'plantrack targets' lists every target",
        "june.csv: line 4: column 'period': '2023-13' is not a period; write 2023-06 (a month), "
        "2023-Q2 (a quarter: its last month) or 2023-H1 (a half year)",
        "june.csv: line 5: column 'period': 'key-projects' 2023-06 is also on line 2; keep one "
        "row per target and month",
        "june.csv: line 6: column 'period': 'gdp-growth' is reported quarterly; give a quarter's "
        "last month (2023-03, -06, -09, -12) or a quarter such as 2023-Q2",
        "june.csv: line 7: 'key-projects' already has 70 个 for 2023-05, recorded "
        + result.stderr.split("recorded ")[1].split(" by")[0]
        + " by "
        + result.stderr.split(" by ")[1].split(";")[0]
        + "; add --replace to revise it",
        "june.csv: line 8: column 'value': 101 is above 100; a milestone is recorded as percent "
        "complete, 0 to 100 (or done)",
        "june.csv: line 9: column 'value': '5%' is a percentage but this target is counted in "
        "公里; give the figure in 公里 without '%'",
        "june.csv: 7 problems; nothing was recorded",
    ]


def test_an_unknown_or_missing_column(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,vlaue\nkey-projects,2023-06,1\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert ledger_bytes() is None
    assert result.stderr.splitlines() == [
        "june.csv: line 1: unknown column 'vlaue'; did you mean 'value'? (columns: target, period, value, source, note)",
        "june.csv: line 1: missing column 'value'; the header must name target, period and value",
        "june.csv: 2 problems; nothing was recorded",
    ]


def test_chinese_headers_and_blank_rows(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        "指标,期间,数值,备注\n重点项目,2023-06,75,\n,,,\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75)]


def test_dry_run_checks_and_writes_nothing(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text(GOOD, encoding="utf-8")
    result = cli("import", "june.csv", "--dry-run", env=TODAY)
    assert result.exit_code == 0
    assert (
        result.stdout
        == "june.csv: 3 figures checked, nothing written (--dry-run), 0 of them revisions\n"
    )
    assert ledger_bytes() is None


def test_replace_allows_revisions(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(GOOD, encoding="utf-8")
    cli("import", "june.csv", env=TODAY)
    refused = cli("import", "june.csv", env=TODAY)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == "june.csv: 3 problems; nothing was recorded"
    revised = cli("import", "june.csv", "--replace", env=TODAY)
    assert revised.exit_code == 0
    assert revised.stdout == "june.csv: 3 figures recorded, 3 of them revisions\n"
    assert len(recorded(tmp_path)) == 6


def test_a_row_with_too_many_cells(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nkey-projects,2023-06,1,500\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.stderr.splitlines()[0] == (
        "june.csv: line 2: 4 cells but the header has 3 columns; quote cells that contain commas"
    )


def test_an_empty_or_missing_file(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert cli("import", "empty.csv").stderr == (
        "empty.csv: the file is empty; its first line must be the header target,period,value\n"
    )
    assert cli("import", "nope.csv").stderr == "nope.csv: file not found; check the path\n"


def test_import_through_the_installed_command(
    run_process, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_bytes(GOOD.encode("gbk"))
    result = run_process("import", "june.csv", env=TODAY)
    assert result.returncode == 0, result.stderr
    assert len(recorded(tmp_path)) == 3


def test_a_folder_instead_of_a_file(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june").mkdir()
    result = cli("import", "june", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "june: is a folder; give the path of the CSV file\n",
    )


def test_import_problems_in_chinese(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nkey-projects,2023-06,1\nkey-projects,2023-06,2\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", "--lang", "zh", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "june.csv：第 3 行：“period”列：“key-projects”2023-06 与第 2 行重复；每个指标每月只保留一行",
        "june.csv：共 1 处问题；未录入任何数据",
    ]


def test_a_stray_quote_cannot_swallow_the_rows_below_it(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value,source\n"
        "rural-roads,2023-06,3.5,交通局\n"
        'key-projects,2023-06,75,"per 发改局\n'
        "gdp-growth,2023-Q2,5.2%,统计局\n"
        "energy-intensity,2023-06,-3,统计局\n"
        "city-parlour,2023-06,50,住建局\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        'june.csv: line 3: a quote (") opens a cell that never closes, so the rows below would '
        "become part of it; close the quote, or remove it\n"
    )
    assert ledger_bytes() is None


def test_text_after_a_closing_quote_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text(
        'target,period,value\nkey-projects,2023-06,75\n"rural-roads"x,2023-06,3\n',
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        'june.csv: line 3: text follows a closing quote ("); inside a quoted cell write a quote '
        'as two (""), or remove the stray one\n'
    )
    assert ledger_bytes() is None


@pytest.mark.parametrize("length", [10_001, 200_000])
def test_a_cell_longer_than_10000_characters_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes, length: int
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value,note\nkey-projects,2023-06,75,ok\n"
        f"rural-roads,2023-06,3,{'长' * length}\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "june.csv: line 3: a cell longer than 10,000 characters; shorten it "
        "(or close the quote that opened it)\n"
    )
    assert ledger_bytes() is None


def test_a_cell_of_10000_characters_is_taken(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        f"target,period,value,note\nkey-projects,2023-06,75,{'长' * 10_000}\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75)]


def test_a_quoted_cell_may_still_span_lines(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        'target,period,value,note\nkey-projects,2023-06,75,"第一批\n第二批"\nrural-roads,2023-06,3,\n',
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75), ("rural-roads", "2023-06", 3)]
