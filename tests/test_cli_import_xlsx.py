"""`plantrack import FILE.xlsx`: a workbook as Excel and WPS save it, all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
TITLE = "2023年6月重点指标推进情况表"
HEADER = ["指标", "期间", "数值", "来源", "备注"]


def workbook(path: Path, *rows: list[object], title: str | None = TITLE, sheet: str = "6月"):
    """A workbook whose first sheet has a merged title row above the header (unless
    title=None), and then these rows."""
    book = openpyxl.Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    if title is not None:
        worksheet.append([title])
        worksheet.merge_cells("A1:E1")
        worksheet.append([])
    for row in rows:
        worksheet.append(row)
    book.save(path)
    return book


def recorded(tmp_path: Path) -> list[tuple[str, str, float, str | None, str | None]]:
    data = tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))
    return [
        (e["target"], e["period"], e["value"], e.get("source"), e.get("note"))
        for e in data["entry"]
    ]


def test_a_sheet_with_a_title_chinese_headers_dates_and_empty_columns(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    workbook(
        tmp_path / "june.xlsx",
        [*HEADER, None, None],
        ["key-projects", datetime(2023, 6, 1), 75.0, "发改局", None, None],
        ["四好农村路", date(2023, 6, 30), 3.5, None, "首批"],
        ["gdp-growth", "2023-Q2", "5.2%", "统计局", 20230630],
        [None, None, None, None, None, None],
        [],
    )
    result = cli("import", "june.xlsx", "--by", "li", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "june.xlsx: 3 figures recorded, 0 of them revisions\n"
    assert recorded(tmp_path) == [
        ("key-projects", "2023-06", 75, "发改局", None),
        ("rural-roads", "2023-06", 3.5, None, "首批"),
        ("gdp-growth", "2023-06", 5.2, "统计局", "20230630"),
    ]
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert "value = 75\n" in text  # a float cell of 75.0 is the whole number 75


def test_bad_rows_are_named_by_file_sheet_row_and_column(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    workbook(
        tmp_path / "june.xlsx",
        HEADER,
        ["key-projects", "2023-06", 75],
        ["key-projcts", "2023-06", 1],
        ["rural-roads", "2023-06", "三"],
        ["rural-roads", "2023-06", 2, None, None, "多余"],
    )
    result = cli("import", "june.xlsx", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert ledger_bytes() is None
    assert result.stderr.splitlines() == [
        "june.xlsx (sheet '6月'): row 5: column 'target': unknown target 'key-projcts'; did you "
        "mean 'key-projects' (重点项目)? 'plantrack targets' lists every target",
        "june.xlsx (sheet '6月'): row 6: column 'value': '三' is not a number; write digits "
        "such as 1500, 1,500, 8.2 or -1.8",
        "june.xlsx (sheet '6月'): row 7: cell F7 has a value but its column has no header; give "
        "the column a header, or clear the cell",
        "june.xlsx (sheet '6月'): problems found: 3; nothing was recorded",
    ]


def test_problems_in_chinese(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    workbook(tmp_path / "june.xlsx", HEADER, ["key-projects", "2023-06", "abc"])
    result = cli("import", "june.xlsx", "--lang", "zh", env=TODAY)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("june.xlsx（工作表“6月”）：第 4 行：“value（数值、本期数）”列：")
    assert lines[1] == "june.xlsx（工作表“6月”）：共 1 处问题；未录入任何数据"


def test_the_header_may_be_the_first_row(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    workbook(
        tmp_path / "june.xlsx",
        ["target", "period", "value"],
        ["key-projects", "2023-06", 75],
        title=None,
    )
    result = cli("import", "june.xlsx", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_sheet_is_chosen_by_name_and_an_unknown_one_lists_the_sheets(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    book = workbook(tmp_path / "june.xlsx", HEADER, ["key-projects", "2023-06", "abc"])
    second = book.create_sheet("汇总")
    second.append(HEADER)
    second.append(["key-projects", "2023-06", 75])
    book.save(tmp_path / "june.xlsx")
    refused = cli("import", "june.xlsx", "--sheet", "总表", env=TODAY)
    assert (refused.exit_code, refused.stderr) == (
        1,
        "--sheet: june.xlsx has no sheet '总表'; its sheets: 6月, 汇总\n",
    )
    assert ledger_bytes() is None
    result = cli("import", "june.xlsx", "--sheet", "汇总", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75, None, None)]


@pytest.mark.parametrize(
    "content", [b"target,period,value\nkey-projects,2023-06,75\n", b"PK\x03\x04broken", b""]
)
def test_a_file_that_is_not_an_xlsx_workbook_is_one_line(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes, content: bytes
) -> None:
    (tmp_path / "june.xlsx").write_bytes(content)
    result = cli("import", "june.xlsx", env=TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "june.xlsx: not a valid xlsx workbook (a CSV or .xls renamed, or a damaged file); "
        "open it in Excel or WPS and save it as .xlsx or CSV\n"
    )
    assert ledger_bytes() is None


def test_a_zip_that_is_no_workbook_is_one_line(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "june.xlsx", "w") as archive:
        archive.writestr("hello.txt", "你好")
    result = cli("import", "june.xlsx", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("june.xlsx: not a valid xlsx workbook")


def test_a_sheet_without_a_header(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    workbook(tmp_path / "june.xlsx", title=None)
    result = cli("import", "june.xlsx", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "june.xlsx (sheet '6月'): no header in the first 10 rows; one row must name the columns "
        "target, period and value (or 指标, 期间, 数值)\n",
    )


def test_a_header_with_a_misspelt_column_is_named(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    workbook(tmp_path / "june.xlsx", ["指标", "期间", "数据值"], ["key-projects", "2023-06", 1])
    result = cli("import", "june.xlsx", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "june.xlsx (sheet '6月'): row 3: unknown column '数据值'"
    )


def test_sheet_is_for_workbooks_and_encoding_for_csv(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text("target,period,value\n", encoding="utf-8")
    workbook(tmp_path / "june.xlsx", HEADER)
    assert cli("import", "june.csv", "--sheet", "6月", env=TODAY).stderr == (
        "--sheet: june.csv is a CSV file, which has no sheets; remove --sheet\n"
    )
    assert cli("import", "june.xlsx", "--encoding", "gbk", env=TODAY).stderr == (
        "--encoding: an xlsx workbook carries its own encoding; remove --encoding\n"
    )


def test_a_repeated_row_and_a_revision_are_refused_all_or_nothing(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    assert cli("record", "key-projects", "70", "-p", "2023-05", env=TODAY).exit_code == 0
    before = ledger_bytes()
    workbook(
        tmp_path / "june.xlsx",
        HEADER,
        ["key-projects", datetime(2023, 6, 1), 75],
        ["key-projects", "2023/6/1", 76],
        ["key-projects", "2023-05", 71],
    )
    result = cli("import", "june.xlsx", env=TODAY)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("june.xlsx (sheet '6月'): row 5: column 'period': 'key-projects'")
    assert "is also on line 4" in lines[0]
    assert lines[1].startswith("june.xlsx (sheet '6月'): row 6: 'key-projects' already has 70")
    assert ledger_bytes() == before


def test_import_xlsx_through_the_installed_command(
    run_process, small_plan: Path, tmp_path: Path
) -> None:
    workbook(tmp_path / "june.xlsx", HEADER, ["key-projects", datetime(2023, 6, 1), 75.0])
    result = run_process("import", "june.xlsx", env=TODAY)
    assert result.returncode == 0, result.stderr
    assert recorded(tmp_path) == [("key-projects", "2023-06", 75, None, None)]


def test_the_command_line_starts_without_openpyxl(run_process, small_plan: Path) -> None:
    import subprocess
    import sys

    code = "import sys; from plantrack.cli import app; print('openpyxl' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout == "False\n"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_imports(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    """The department's table as LibreOffice writes it (its own zip, styles and shared
    strings), with a title row and Chinese headers."""
    assert SOFFICE is not None
    source = tmp_path / "source"
    source.mkdir()
    workbook(
        source / "june.xlsx",
        HEADER,
        ["key-projects", datetime(2023, 6, 1), 75, "发改局", "首批开工"],
        ["四好农村路", "2023年6月", 3.5, None, None],
    )
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path),
         str(source / "june.xlsx")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    saved = openpyxl.load_workbook(tmp_path / "june.xlsx")
    assert saved.active is not None and saved.active["A1"].value == TITLE
    result = cli("import", "june.xlsx", "--by", "li", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert recorded(tmp_path) == [
        ("key-projects", "2023-06", 75, "发改局", "首批开工"),
        ("rural-roads", "2023-06", 3.5, None, None),
    ]
