"""`plantrack import`: a month's figures from CSV, all or nothing, every bad row reported."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from plantrack.store.ledger import read_entries
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
        "june.csv: problems found: 7; nothing was recorded",
    ]


def test_a_missing_column_is_named_once(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text("target,value,备注\nkey-projects,1,x\n", encoding="utf-8")
    result = cli("import", "june.csv", env=TODAY)
    assert result.stderr.splitlines() == [
        "june.csv: line 1: missing column 'period'; the header must name target, period and value "
        "(a file of key projects' starts or milestones may have started or milestone instead of "
        "value)",
        "june.csv: problems found: 1; nothing was recorded",
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
        "june.csv: line 1: unknown column 'vlaue'; did you mean 'value'? (columns: target, period, value, source, note, unit, started, milestone, progress_note, problems, measures)",
        "june.csv: problems found: 1; nothing was recorded",
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
    assert refused.stderr.splitlines()[-1] == "june.csv: problems found: 3; nothing was recorded"
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
        "june.csv：第 3 行：“period（期间、月份）”列：“key-projects”2023-06 与第 2 行重复；每个指标每月只保留一行",
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


def sparse_file(path: Path, header: str, size: int) -> Path:
    """A file of `size` bytes that takes no room on the disk: the header, then zero bytes."""
    with path.open("wb") as stream:
        stream.write(header.encode("utf-8"))
        stream.truncate(size)
    return path


def test_a_file_over_50_mb_is_refused_without_large(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    sparse_file(tmp_path / "dump.csv", "target,period,value\n", 50 * 1024 * 1024 + 1)
    result = cli("import", "dump.csv", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "dump.csv: 50 MB is more than the 50 MB an import reads; split the file, "
        "or add --large if it is meant\n"
    )
    assert ledger_bytes() is None


def test_large_reads_a_file_over_50_mb(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    sparse_file(tmp_path / "dump.csv", "target,period,value\n", 60 * 1024 * 1024)
    result = cli("import", "dump.csv", "--large", env=TODAY)
    assert result.exit_code == 1
    # read past the size check: its zero bytes make one cell far too long
    assert result.stderr.startswith("dump.csv: line 2: a cell longer than 10,000 characters")
    assert ledger_bytes() is None


def test_a_file_of_exactly_50_mb_is_read(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    row = "key-projects,2023-06,75,"
    text = "target,period,value,note\n" + row
    path = tmp_path / "june.csv"
    path.write_text(text + " " * (50 * 1024 * 1024 - len(text.encode()) - 1) + "\n")
    result = cli("import", "june.csv", "--dry-run", env=TODAY)
    assert result.exit_code == 1  # the padding is one long cell, but the file was read
    assert "line 2: a cell longer than" in result.stderr


def test_a_thousand_problems_are_shown_and_the_rest_counted(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    rows = "".join(f"key-projects,June {n},{n}\n" for n in range(1, 1502))
    (tmp_path / "june.csv").write_text("target,period,value\n" + rows, encoding="utf-8")
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1002
    assert lines[0].startswith("june.csv: line 2: column 'period': 'June 1' is not a period")
    assert lines[999].startswith("june.csv: line 1001: column 'period': 'June 1000' is not")
    assert lines[1000] == "... and 501 more problems not shown; fix those above and import again"
    assert lines[1001] == "june.csv: problems found: 1501; nothing was recorded"
    assert ledger_bytes() is None


def test_problems_found_before_and_under_the_lock_come_in_line_order(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    # plausibility (checked under the ledger's lock) on odd lines, bad periods on even ones
    rows = "".join(
        f"key-projects,2023-{n % 12 + 1:02d},{10_000 + n}\n" if n % 2 else f"rural-roads,x{n},1\n"
        for n in range(2400)
    )
    (tmp_path / "june.csv").write_text("target,period,value\n" + rows, encoding="utf-8")
    result = cli("import", "june.csv", "--replace", env={"PLANTRACK_TODAY": "2024-01-15"})
    lines = result.stderr.splitlines()
    numbers = [int(line.split("line ")[1].split(":")[0]) for line in lines[:1000]]
    assert numbers == sorted(numbers)
    assert numbers[:4] == [2, 3, 4, 5]
    # 1,200 bad periods, 1,194 repeated months and the 6 months of key-projects implausible
    assert lines[-1] == "june.csv: problems found: 2400; nothing was recorded"
    assert "more than 3 times" in lines[1]


def test_an_import_of_many_rows_is_written_and_cached_whole(cli: CliRun, tmp_path: Path) -> None:
    from tests.conftest import numbered_plan

    (tmp_path / "targets.toml").write_text(numbered_plan(99), encoding="utf-8")
    rows = "".join(
        f"t{n:02d},2023-{month:02d},{month},统计局,{'第' + str(n) if n % 7 else ''}\n"
        for n in range(1, 100)
        for month in range(1, 13)
    )
    (tmp_path / "year.csv").write_text("target,period,value,source,note\n" + rows, "utf-8")
    result = cli("import", "year.csv", env={"PLANTRACK_TODAY": "2024-01-15"})
    assert result.stdout == "year.csv: 1188 figures recorded, 0 of them revisions\n"
    from plantrack.store import cache
    from plantrack.store.ledger import parse_ledger, read_entries

    ledger = tmp_path / "actuals.toml"
    parsed = parse_ledger(ledger.read_bytes(), ledger)
    assert read_entries(ledger) == parsed  # through the cache written with the ledger
    assert cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes()))
    assert [(e.target, e.period.month, e.value, e.note) for e in parsed[:2]] == [
        ("t01", 1, 1.0, "第1"),
        ("t01", 2, 2.0, "第1"),
    ]
    assert [e.note for e in parsed if e.target == "t98"] == [None] * 12


def test_trailing_empty_columns_and_cells_are_ignored(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value,,\nkey-projects,2023-06,75,,\nrural-roads,2023-06,3.5\n,,,,\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75), ("rural-roads", "2023-06", 3.5)]


def test_a_row_with_trailing_commas_under_a_plain_header(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nkey-projects,2023-06,75,,,\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    "period", ["2023/6/1", "2023-06-01", "2023/06", "2023/6/30", "2023-06-15 00:00", "2023年6月1日"]
)
def test_dates_as_excel_saves_them_count_as_their_month(
    cli: CliRun, small_plan: Path, tmp_path: Path, period: str
) -> None:
    (tmp_path / "june.csv").write_text(
        f"target,period,value\nkey-projects,{period},75\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75)]


def test_a_date_that_is_no_date_is_still_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nkey-projects,2023/6/31,75\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "june.csv: line 2: column 'period': '2023/6/31' is not a period"
    )


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_semicolon_or_tab_separated_file_imports(
    cli: CliRun, small_plan: Path, tmp_path: Path, delimiter: str
) -> None:
    text = GOOD.replace(",", delimiter)
    (tmp_path / "june.csv").write_text(text, encoding="utf-8")
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(tmp_path) == [
        ("key-projects", "2023-06", 75),
        ("rural-roads", "2023-06", 3.5),
        ("gdp-growth", "2023-06", 5.2),
    ]


def test_a_semicolon_file_keeps_commas_inside_its_cells(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "指标;期间;数值;备注\nkey-projects;2023-06;75;一批,二批\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    data = tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))
    assert data["entry"][0]["note"] == "一批,二批"


def test_a_header_that_is_one_column_is_one_problem(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    (tmp_path / "june.csv").write_text(
        "target|period|value\nkey-projects|2023-06|75\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "june.csv: line 1: the header 'target|period|value' is one column; separate the columns "
        "target, period and value with commas, semicolons or tabs",
        "june.csv: problems found: 1; nothing was recorded",
    ]
    assert ledger_bytes() is None


def test_the_rows_of_a_split_target_are_recorded_each_for_its_unit(
    cli: CliRun, units_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,unit,period,value\nurban-jobs,chengdong,2023-06,120\n"
        "urban-jobs,城西街道,2023-06,90\nrural-roads,,2023-06,5\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env={"PLANTRACK_TODAY": "2023-07-15"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "june.csv: 3 figures recorded, 0 of them revisions\n"
    recorded = [(e.target, e.unit, e.value) for e in read_entries(tmp_path / "actuals.toml")]
    assert recorded == [
        ("urban-jobs", "chengdong", 120.0),
        ("urban-jobs", "chengxi", 90.0),
        ("rural-roads", None, 5.0),
    ]
