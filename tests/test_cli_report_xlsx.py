"""`plantrack report --format xlsx -o FILE.xlsx`: the report as a workbook for people in Excel,
read back with openpyxl cell by cell."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from plantrack.present.reports import STALE_COLOUR, STATUS_COLOURS
from plantrack.present.workbook import safe_sheet_names
from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
OWNERS = sorted(["交通局", "住建局", "发改局", "医保局"])


def xlsx_report(cli: CliRun, tmp_path: Path, *args: str, name: str = "june.xlsx") -> Workbook:
    result = cli("report", "--format", "xlsx", "-o", name, *args, env=TODAY)
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert result.stderr.endswith(f"{name}\n")
    return openpyxl.load_workbook(tmp_path / name)


def rows_of(sheet: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def row_of(sheet: Worksheet, target_id: str) -> int:
    """The row of the sheet whose ID column (B) holds the target."""
    return next(cell.row for cell in sheet["B"] if cell.value == target_id)


def argb(colour: str) -> str:
    return "FF" + colour.removeprefix("#").upper()


@pytest.mark.usefixtures("june_figures")
def test_a_summary_then_a_sheet_per_section_and_per_owner(cli: CliRun, tmp_path: Path) -> None:
    book = xlsx_report(cli, tmp_path)
    assert book.sheetnames == ["Summary", "Economy", "Social", *OWNERS]
    assert book.properties.creator == "plantrack"
    summary = book["Summary"]
    assert summary["A1"].value == "Test plan"
    assert summary["A2"].value == "As of 2023-06: 50% of the year elapsed"
    assert summary.freeze_panes == "A3"
    counts = {row[0]: row[1] for row in rows_of(summary)[3:11]}
    assert counts == {
        "achieved": 0, "on track": 2, "at risk": 1, "off track": 2, "missed": 0,
        "no data": 1, "overdue": 1, "Targets counted": 6,
    }  # fmt: skip
    assert all(isinstance(count, int) for count in counts.values())
    for row in summary.iter_rows(min_row=4, max_row=9, max_col=1):
        status = row[0].value.replace(" ", "_")  # type: ignore[union-attr]
        assert row[0].fill.fgColor.rgb == argb(STATUS_COLOURS[status])
    assert summary["A10"].fill.fgColor.rgb == argb(STALE_COLOUR)
    assert summary["A13"].value == "Needs attention (missed, off track, at risk, overdue)"
    assert summary["A14"].value == "Status" and summary["C14"].value == "Target"
    attention = [(row[0], row[1]) for row in rows_of(summary)[14:]]
    assert attention == [
        ("✖ off track", "gdp-growth"),
        ("✖ off track", "rural-roads"),
        ("▲ at risk overdue", "city-parlour"),
    ]


@pytest.mark.usefixtures("june_figures")
def test_section_sheets_hold_numbers_with_formats_and_status_colours(
    cli: CliRun, tmp_path: Path
) -> None:
    economy = xlsx_report(cli, tmp_path)["Economy"]
    assert rows_of(economy)[0] == [
        "Status", "ID", "Target", "Section", "Owner", "Goal", "Target value", "Actual",
        "Expected", "Unit", "Period", "Progress", "Gap", "Progress notes", "Problems",
        "Next measures",
    ]  # fmt: skip
    assert economy.freeze_panes == "A2"
    assert [row[1] for row in rows_of(economy)[1:]] == [
        "gdp-growth", "key-projects", "rural-roads", "energy-intensity", "new-energy-output",
    ]  # fmt: skip
    line = row_of(economy, "key-projects")
    status, _, name, section, owner, goal, target, actual, expected, unit, period, progress = (
        economy[line][:12]
    )
    assert (status.value, name.value, section.value, owner.value) == (
        "● on track", "Key projects", "Economy", "发改局",
    )  # fmt: skip
    assert status.fill.fgColor.rgb == argb(STATUS_COLOURS["on_track"])
    assert status.font.color.rgb == "FFFFFFFF"
    assert (goal.value, target.value, actual.value, expected.value) == ("150 个", 150, 70, 75)
    assert (target.number_format, actual.number_format) == ("#,##0", "#,##0")
    assert (unit.value, period.value) == ("个", "2023-06")
    assert progress.value == pytest.approx(70 / 150) and progress.number_format == "0.0%"
    gdp = economy[row_of(economy, "gdp-growth")]
    assert (gdp[7].value, gdp[7].number_format, gdp[9].value) == (4.4, "#,##0.0", "%")
    assert gdp[11].value is None  # a growth rate has no share done: an empty cell
    assert gdp[0].fill.fgColor.rgb == argb(STATUS_COLOURS["off_track"])
    assert gdp[12].value == "1.6 points below target"
    roads = economy[row_of(economy, "rural-roads")]
    assert (roads[7].value, roads[8].value) == (9, pytest.approx(13))
    later = economy[row_of(economy, "new-energy-output")]
    assert later[2].value == "New-energy output (not counted this year)"


@pytest.mark.usefixtures("june_figures")
def test_owner_sheets_hold_their_targets_only(cli: CliRun, tmp_path: Path) -> None:
    book = xlsx_report(cli, tmp_path)
    assert [row[1] for row in rows_of(book["交通局"])[1:]] == ["rural-roads"]
    assert [row[1] for row in rows_of(book["住建局"])[1:]] == ["city-parlour"]
    assert book["交通局"].freeze_panes == "A2"
    narrowed = xlsx_report(cli, tmp_path, "--owner", "交通局", name="roads.xlsx")
    assert narrowed.sheetnames == ["Summary", "Economy", "交通局"]


@pytest.mark.usefixtures("june_figures")
def test_chinese(cli: CliRun, tmp_path: Path) -> None:
    book = xlsx_report(cli, tmp_path, "--lang", "zh")
    assert book.sheetnames == ["汇总", "经济", "民生", *OWNERS]
    summary = book["汇总"]
    assert summary["A1"].value == "测试计划"
    assert summary["A5"].value == "正常推进" and summary["B5"].value == 2
    economy = book["经济"]
    assert rows_of(economy)[0][:4] == ["状态", "编号", "指标", "板块"]
    line = economy[row_of(economy, "key-projects")]
    assert (line[0].value, line[2].value, line[5].value) == ("● 正常推进", "重点项目", "150个")


def test_a_plan_without_owners_has_no_owner_sheets(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("owner")),
        encoding="utf-8",
    )
    book = xlsx_report(cli, tmp_path)
    assert book.sheetnames == ["Summary", "Economy", "Social"]
    summary = book["Summary"]
    assert summary["B10"].value == 5  # no figure yet, five of them overdue
    assert len(rows_of(summary)[14:]) == 5


def test_nothing_needs_attention(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    result = cli("report", "--format", "xlsx", "-o", "feb.xlsx", "--as-of", "2023-02",
                 env={"PLANTRACK_TODAY": "2023-03-10"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = openpyxl.load_workbook(tmp_path / "feb.xlsx")["Summary"]
    assert (summary["A13"].value, summary["A14"].value) == (
        "Needs attention (missed, off track, at risk, overdue)",
        "Nothing.",
    )


def test_text_that_looks_like_a_formula_is_never_one(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    text = small_plan.read_text(encoding="utf-8")
    for old, new in (
        ('name_en = "Key projects"', 'name_en = "=HYPERLINK(\\"http://x\\")"'),
        ('name_en = "Rural roads"', 'name_en = "  +1+1"'),
        ('name_en = "GDP growth"', 'name_en = "＝SUM(A1)"'),
        ('name_en = "Economy"', 'name_en = "@SUM(1)"'),
        ('owner = "交通局"', 'owner = "-2+3"'),
    ):
        assert old in text
        text = text.replace(old, new)
    small_plan.write_text(text, encoding="utf-8")
    cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    book = xlsx_report(cli, tmp_path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    risky = {
        cell.value
        for cell in cells
        if isinstance(cell.value, str) and cell.value.lstrip()[:1] in ("=", "+", "-", "@", "＝")
    }
    assert risky >= {'=HYPERLINK("http://x")', "  +1+1", "＝SUM(A1)", "@SUM(1)", "-2+3"}
    for cell in cells:
        if cell.value in risky:
            assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    assert "@SUM(1)" in book.sheetnames and "-2+3" in book.sheetnames


def test_sheet_names_are_made_safe_and_unique(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    long_name = "一二三四五六七八九十" * 4
    text = small_plan.read_text(encoding="utf-8")
    for old, new in (
        ('name_en = "Economy"', 'name_en = "Summary"'),
        ('name_en = "Social"', f'name_en = "{long_name}[1]:*?/\\\\"'),
        ('owner = "发改局"', 'owner = "summary"'),
        ('owner = "交通局"', 'owner = "History"'),
        ('owner = "住建局"', "owner = \"'quoted'\""),
    ):
        assert old in text
        text = text.replace(old, new)
    small_plan.write_text(text, encoding="utf-8")
    book = xlsx_report(cli, tmp_path)
    assert book.sheetnames == [
        "Summary",
        "Summary (2)",
        long_name[:31],
        "quoted",
        "History (2)",
        "summary (3)",
        "医保局",
    ]


@given(st.lists(st.text(min_size=0, max_size=40), max_size=8))
def test_safe_sheet_names_hold_to_excel_s_rules(names: list[str]) -> None:
    chosen = safe_sheet_names(names, reserved=["汇总"])
    assert len(chosen) == len(names)
    folded = [name.casefold() for name in chosen]
    assert len(set(folded)) == len(folded)
    assert "汇总" not in folded and "history" not in folded
    for name in chosen:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")


def test_column_widths_follow_the_display_width(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(
        text.replace('name = "重点项目"', 'name = "' + "很长的名字" * 20 + '"'), encoding="utf-8"
    )
    book = xlsx_report(cli, tmp_path, "--lang", "zh")
    economy = book["经济"]
    assert economy.column_dimensions["C"].width == 60  # capped
    assert economy.column_dimensions["B"].width == len("new-energy-output") + 2
    assert economy.column_dimensions["D"].width == 6  # 板块 and 经济: four cells, at least 6
    assert book["民生"].column_dimensions["C"].width == len("启动城市客厅项目建设") * 2 + 2
    # The title and the as-of line run on to the right rather than widen the first column.
    # The widest status in the attention list is a rural road's, with no figure yet.
    assert book["汇总"].column_dimensions["A"].width == cell_len("○ 未报送 逾期未报") + 2


@pytest.mark.usefixtures("june_figures")
def test_the_same_report_gives_the_same_bytes(cli: CliRun, tmp_path: Path) -> None:
    xlsx_report(cli, tmp_path, name="one.xlsx")
    xlsx_report(cli, tmp_path, name="two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_xlsx_needs_a_file(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    for output in ((), ("-o", "-")):
        result = cli("report", "--format", "xlsx", *output, env=TODAY)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            "-o: an xlsx workbook cannot go to standard output; give a file name with -o, "
            "such as -o report.xlsx\n"
        )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["targets.toml"]


def test_a_failed_write_leaves_nothing(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    result = cli("report", "--format", "xlsx", "-o", "nowhere/june.xlsx", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("-o: the folder nowhere does not exist")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["targets.toml"]


def test_the_installed_command_writes_the_workbook(
    run_process, june_figures: Path, tmp_path: Path
) -> None:
    done = run_process("report", "--format", "xlsx", "-o", "june.xlsx", env=TODAY)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "Wrote june.xlsx\n")
    assert openpyxl.load_workbook(tmp_path / "june.xlsx").sheetnames[0] == "Summary"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbook(run_process, june_figures: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None
    assert run_process("report", "--format", "xlsx", "-o", "june.xlsx", env=TODAY).returncode == 0
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path / "out"), str(tmp_path / "june.xlsx")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    converted = (tmp_path / "out" / "june.csv").read_text(encoding="utf-8")
    lines = converted.splitlines()
    assert lines[0].startswith("Test plan")
    assert '"on track",2' in converted or "on track,2" in converted
