"""`plantrack history` and `plantrack export`: every revision, and the figures in force."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


@pytest.fixture
def revised(cli: CliRun, small_plan: Path) -> None:
    cli(
        "record",
        "key-projects",
        "70",
        "-p",
        "2023-05",
        "--by",
        "wang",
        "--source",
        "月报",
        env=TODAY,
    )
    cli(
        "record",
        "key-projects",
        "72",
        "-p",
        "2023-05",
        "--by",
        "li",
        "--replace",
        "--note",
        "=更正",
        env=TODAY,
    )
    cli("record", "key-projects", "80", "-p", "2023-06", "--by", "wang", env=TODAY)
    cli("record", "rural-roads", "-0" if False else "2", "-p", "2023-06", env=TODAY)


@pytest.mark.usefixtures("revised")
def test_history_lists_every_entry_with_superseded_marked(cli: CliRun) -> None:
    result = cli("history", "key-projects")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "2023-0" in line]
    assert len(lines) == 3
    assert (
        "70 个" in lines[0]
        and "superseded" in lines[0]
        and "wang" in lines[0]
        and "月报" in lines[0]
    )
    assert (
        "72 个" in lines[1] and "current" in lines[1] and "li" in lines[1] and "=更正" in lines[1]
    )
    assert "80 个" in lines[2] and "current" in lines[2]


OFFICE = Path(__file__).parents[1] / "examples" / "office"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_of_a_project_fits_80_columns(cli: CliRun, tmp_path: Path, lang: str) -> None:
    """A start and a milestone beside a figure: at 80 columns the table keeps its right
    edge, its headers and its timestamps whole, leaving out the empty source and note
    columns; at 120 it has room for them."""
    for name in ("targets.toml", "projects.toml"):
        shutil.copy(OFFICE / name, tmp_path / name)
    env = {"PLANTRACK_TODAY": "2023-10-20"}
    for args in (("--started", "-p", "2023-04"), ("--milestone", "一期征收完成", "-p", "2023-06")):
        assert cli("record", "proj-xiyejie", *args, env=env).exit_code == 0
    assert cli("record", "proj-xiyejie", "0.8", "-p", "2023-06", env=env).exit_code == 0
    headers = {"zh": ("录入时间", "来源"), "en": ("Recorded at", "Source")}[lang]
    for width in (80, 120):
        result = cli("--lang", lang, "history", "proj-xiyejie", env={**env, "COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        table = lines[1:]
        assert all(cell_len(line) <= width for line in lines)
        assert all(line[-1] in "┓┃┩│┘" for line in table), result.stdout
        assert len(table) == 3 + 3 + 1  # top, header, rule; three rows; bottom
        assert headers[0] in table[1]
        assert [len(STAMP.findall(line)) for line in table[3:6]] == [1, 1, 1]
        assert (headers[1] in table[1]) == (width == 120)


@pytest.mark.usefixtures("revised")
def test_history_json(cli: CliRun) -> None:
    data = json.loads(cli("history", "重点项目", "--json").stdout)
    assert data["target"] == "key-projects"
    assert [(e["value"], e["superseded"]) for e in data["entries"]] == [
        (70, True),
        (72, False),
        (80, False),
    ]
    assert data["entries"][0]["source"] == "月报"


def test_history_of_a_target_without_figures(cli: CliRun, small_plan: Path) -> None:
    result = cli("history", "key-projects")
    assert result.exit_code == 0
    assert result.stdout == (
        "No figures for key-projects yet; record one with: plantrack record key-projects VALUE --period YYYY-MM\n"
    )


@pytest.mark.usefixtures("revised")
def test_export_csv_has_the_latest_value_per_target_and_period(cli: CliRun) -> None:
    result = cli("export")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "target", "period", "value", "recorded_at", "by", "source", "note",
        "progress_note", "problems", "measures", "unit",
    ]  # fmt: skip
    assert [(r["target"], r["period"], r["value"], r["by"]) for r in rows] == [
        ("key-projects", "2023-05", "72", "li"),
        ("key-projects", "2023-06", "80", "wang"),
        ("rural-roads", "2023-06", "2", rows[2]["by"]),
    ]
    assert rows[0]["note"] == "'=更正"  # a spreadsheet must not run it as a formula


@pytest.mark.usefixtures("revised")
def test_export_json(cli: CliRun) -> None:
    data = json.loads(cli("export", "--format", "json").stdout)
    assert [(e["target"], e["period"], e["value"]) for e in data] == [
        ("key-projects", "2023-05", 72),
        ("key-projects", "2023-06", 80),
        ("rural-roads", "2023-06", 2),
    ]
    assert data[0]["note"] == "=更正"


def test_export_of_an_unknown_format(cli: CliRun, small_plan: Path) -> None:
    result = cli("export", "--format", "xml")
    assert result.exit_code == 1
    assert result.stderr == "--format: 'xml' is not csv, json or xlsx\n"


@pytest.mark.usefixtures("revised")
def test_validate_lists_entries_whose_target_left_the_plan(cli: CliRun, small_plan: Path) -> None:
    small_plan.write_text(
        small_plan.read_text(encoding="utf-8").replace('"rural-roads"', '"rural-road"'),
        encoding="utf-8",
    )
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "targets.toml: 7 targets in 2 sections, OK",
        "actuals.toml: 4 entries, OK",
        "actuals.toml: 1 entry for 'rural-roads', which is not in the plan; they are kept and "
        "ignored by status (restore the target in the plan, or record the figures again under the right id)",
    ]


def test_validate_stops_at_a_ledger_that_does_not_parse(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "actuals.toml").write_text(
        '[[entry]]\ntarget = "key-projects"\nperiod = "2023-06"\n', encoding="utf-8"
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "actuals.toml: entry #1 (line 1): field 'value' is missing; correct that entry by hand "
        "(see docs/recording.md)\n"
    )


@pytest.mark.usefixtures("revised")
def test_export_to_a_csv_file_has_a_bom_for_excel_and_stdout_has_none(
    cli: CliRun, tmp_path: Path
) -> None:
    result = cli("export", "-o", "figures.csv")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Wrote figures.csv\n")
    written = (tmp_path / "figures.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbftarget,period,value,")
    assert written.decode("utf-8-sig") == cli("export").stdout
    assert not cli("export", "-o", "-").stdout.startswith("\ufeff")
    assert cli("export", "-o", "-").stdout == cli("export").stdout


@pytest.mark.usefixtures("revised")
def test_export_to_a_json_file(cli: CliRun, tmp_path: Path) -> None:
    assert cli("export", "--format", "json", "-o", "figures.json").exit_code == 0
    data = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert data == json.loads(cli("export", "--format", "json").stdout)


@pytest.mark.usefixtures("revised")
def test_export_xlsx_has_the_script_columns_and_raw_values_in_any_language(
    cli: CliRun, tmp_path: Path
) -> None:
    import openpyxl

    for lang in ("zh", "en"):
        result = cli("export", "--format", "xlsx", "-o", f"figures.{lang}.xlsx", "--lang", lang)
        assert result.exit_code == 0, result.stderr
    chinese = (tmp_path / "figures.zh.xlsx").read_bytes()
    assert chinese == (tmp_path / "figures.en.xlsx").read_bytes()  # and no clock in it
    book = openpyxl.load_workbook(tmp_path / "figures.zh.xlsx")
    assert book.sheetnames == ["export"]
    sheet = book["export"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "target", "period", "value", "recorded_at", "by", "source", "note",
        "progress_note", "problems", "measures", "unit",
    ]  # fmt: skip
    assert [row[:3] for row in rows[1:]] == [
        ["key-projects", "2023-05", 72],
        ["key-projects", "2023-06", 80],
        ["rural-roads", "2023-06", 2],
    ]
    assert sheet["E2"].value == "li" and sheet["F2"].value is None
    note = sheet["G2"]  # '=更正': a note, never a formula
    assert (note.value, note.data_type, note.quotePrefix) == ("=更正", "s", True)
    assert sheet.freeze_panes == "A2"
    assert book.properties.creator == "plantrack"
    csv_rows = list(csv.reader(io.StringIO(cli("export").stdout)))
    assert len(csv_rows) == len(rows)


def test_export_xlsx_needs_a_file(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    for output in ((), ("-o", "-")):
        result = cli("export", "--format", "xlsx", *output)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            "-o: an xlsx workbook cannot go to standard output; give a file name with -o, "
            "such as -o figures.xlsx\n"
        )
    result = cli("export", "--format", "xlsx", "--lang", "zh")
    assert result.stderr == (
        "-o: xlsx 工作簿不能输出到屏幕或管道；请用 -o 给出文件名，如 -o figures.xlsx\n"
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "targets.toml"]


def test_export_refuses_to_write_over_the_ledger(cli: CliRun, small_plan: Path) -> None:
    cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    before = Path("actuals.toml").read_bytes()
    result = cli("export", "--format", "xlsx", "-o", "actuals.toml")
    assert result.exit_code == 1
    assert result.stderr.startswith("-o: actuals.toml is the plan, the ledger or the mail settings")
    assert Path("actuals.toml").read_bytes() == before
