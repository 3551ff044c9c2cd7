"""`plantrack template`: the xlsx sheet a department fills in, and `import` reading it back."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from plantrack.present.i18n import label
from plantrack.present.workbook import TEMPLATE_COLUMNS
from plantrack.store.import_file import header_columns
from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
HEADER = ["编号", "指标", "计量单位", "期间", "年度目标", "上期数", "本期数", "进展情况", "存在问题", "下一步措施"]  # fmt: skip


def template(cli: CliRun, tmp_path: Path, *args: str, name: str = "t.xlsx") -> Workbook:
    result = cli("template", "-o", name, *args, env=TODAY)
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    return openpyxl.load_workbook(tmp_path / name)


def values(book: Workbook) -> list[list[object]]:
    sheet = book.worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def ids(book: Workbook) -> list[object]:
    return [row[0] for row in values(book)[2:]]


def test_an_owner_s_template(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    assert cli("record", "rural-roads", "4", "-p", "2023-05", env=TODAY).exit_code == 0
    result = cli(
        "template", "--owner", "交通局", "--period", "2023-06", "-o", "交通局.xlsx", "--lang", "zh",
        env=TODAY,
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "已写入 交通局.xlsx：2023-06 需填报的指标 1 项\n"
    book = openpyxl.load_workbook(tmp_path / "交通局.xlsx")
    assert book.sheetnames == ["2023-06"]
    assert book.properties.creator == "plantrack"
    sheet = book.active
    assert sheet is not None
    assert values(book) == [
        ["测试计划 2023-06 指标填报表（交通局）", *[None] * 9],
        HEADER,
        ["rural-roads", "四好农村路", "公里", "2023-06", "26公里", 4, None, None, None, None],
    ]
    assert sheet.freeze_panes == "A3"
    assert sheet["G2"].fill.fgColor.rgb == sheet["G3"].fill.fgColor.rgb == "FFFFF2CC"
    assert sheet["F2"].fill.fgColor.rgb != "FFFFF2CC"  # only 本期数 is to fill in
    [validation] = sheet.data_validations.dataValidation
    assert (validation.type, str(validation.sqref), validation.allow_blank) == (
        "decimal",
        "G3",
        True,
    )
    assert "5.2%" in (validation.prompt or "")


def test_every_target_due_in_the_period_by_its_frequency(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    june = template(cli, tmp_path, "--period", "2023-06")
    # Quarterly GDP growth reports in June; the annual targets only in December.
    assert ids(june) == ["gdp-growth", "key-projects", "rural-roads", "energy-intensity", "city-parlour"]  # fmt: skip
    may = template(cli, tmp_path, "--period", "2023-05", name="may.xlsx")
    assert ids(may) == ["key-projects", "rural-roads", "energy-intensity", "city-parlour"]
    december = template(cli, tmp_path, "--period", "2023-Q4", name="dec.xlsx")
    assert "reimbursement-ratio" in ids(december) and "new-energy-output" in ids(december)
    social = template(cli, tmp_path, "--period", "2023-06", "--section", "民生", name="s.xlsx")
    assert ids(social) == ["city-parlour"]


def test_the_previous_figure_is_that_of_the_previous_reporting_period(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    for args in (("gdp-growth", "4.5", "-p", "2023-03"), ("key-projects", "58", "-p", "2023-05"),
                 ("key-projects", "60", "-p", "2023-05", "--replace"),
                 ("key-projects", "40", "-p", "2023-04")):  # fmt: skip
        assert cli("record", *args, env=TODAY).exit_code == 0
    book = template(cli, tmp_path, "--period", "2023-06")
    previous = {row[0]: row[5] for row in values(book)[2:]}
    assert previous["gdp-growth"] == 4.5  # March, the quarter before
    assert previous["key-projects"] == 60  # May's figure in force
    assert previous["rural-roads"] is None
    sheet = book.active
    assert sheet is not None
    assert sheet["F3"].number_format == "#,##0.0"


def test_english_headers(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    book = template(cli, tmp_path, "--period", "2023-06", "--owner", "发改局", "--lang", "en")
    assert values(book)[:2] == [
        ["Test plan: figures of 发改局 for 2023-06", *[None] * 9],
        ["ID", "Name", "Unit of measure", "Period", "Annual target", "Previous figure", "Value",
         "Progress", "Problems", "Next steps"],
    ]  # fmt: skip
    assert values(book)[2][:5] == ["key-projects", "Key projects", "个", "2023-06", "150 个"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_knows_every_header_of_a_template(lang: str) -> None:
    header = [label(key, lang) for key in TEMPLATE_COLUMNS]  # type: ignore[arg-type]
    columns, problems = header_columns(header, delimited=False)
    assert problems == []
    assert columns == [
        "target", None, None, "period", None, None, "value", "progress_note", "problems", "measures",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filled_template_is_imported_and_status_shows_its_figures(
    cli: CliRun, small_plan: Path, tmp_path: Path, lang: str
) -> None:
    assert cli("record", "key-projects", "58", "-p", "2023-05", env=TODAY).exit_code == 0
    template(cli, tmp_path, "--period", "2023-06", "--lang", lang)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    rows = {sheet.cell(row, 1).value: row for row in range(3, sheet.max_row + 1)}
    sheet.cell(rows["key-projects"], 7).value = 75
    sheet.cell(rows["key-projects"], 8).value = "新开工12个"
    sheet.cell(rows["key-projects"], 9).value = "土地指标紧张"
    sheet.cell(rows["key-projects"], 10).value = "加快审批"
    sheet.cell(rows["rural-roads"], 7).value = 5.5
    sheet.cell(rows["gdp-growth"], 7).value = "5.2%"  # typed as text: read as 5.2
    sheet.cell(rows["city-parlour"], 8).value = "前期手续办理中"  # no figure: the row is skipped
    book.save(tmp_path / "t.xlsx")
    result = cli("import", "t.xlsx", "--by", "发改局", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "t.xlsx: 3 figures recorded, 0 of them revisions\n"
    entries = tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))["entry"]
    assert [(e["target"], e["period"], e["value"]) for e in entries[1:]] == [
        ("gdp-growth", "2023-06", 5.2),
        ("key-projects", "2023-06", 75),
        ("rural-roads", "2023-06", 5.5),
    ]
    status = json.loads(cli("status", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    actual = {row["id"]: (row["actual"], row["period"]) for row in status["targets"]}
    assert actual["key-projects"] == (75, "2023-06")
    assert actual["rural-roads"] == (5.5, "2023-06")
    assert actual["gdp-growth"] == (5.2, "2023-06")
    assert actual["city-parlour"] == (None, None)


def test_a_template_saved_as_csv_is_read_the_same_way(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "t.csv").write_text(
        ",".join(HEADER) + "\n"
        "key-projects,重点项目,个,2023-06,150个,58,75,进展顺利,,\n"
        "rural-roads,四好农村路,公里,2023-06,26公里,,,,,\n",
        encoding="utf-8-sig",
    )
    result = cli("import", "t.csv", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "t.csv: 1 figure recorded, 0 of them revisions\n"


def test_descriptive_columns_are_ignored_only_in_a_template(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "指标,计量单位,期间,数值\nkey-projects,个,2023-06,75\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("june.csv: line 1: unknown column '计量单位'")


def test_a_bad_figure_in_a_template_is_named_by_row_and_column(
    cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
) -> None:
    template(cli, tmp_path, "--period", "2023-06", "--owner", "发改局")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet["G3"] = "七十五"
    book.save(tmp_path / "t.xlsx")
    result = cli("import", "t.xlsx", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "t.xlsx (sheet '2023-06'): row 3: column 'value': '七十五' is not a number"
    )
    assert ledger_bytes() is None


def test_refusals(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    cases = {
        (): "-o: an xlsx workbook cannot go to standard output; give a file name with -o, such as -o template.xlsx",
        ("-o", "-"): "-o: an xlsx workbook cannot go to standard output; give a file name with -o, such as -o template.xlsx",
        ("-o", "t.xlsx", "--period", "June"): "--period: ",
        ("-o", "t.xlsx", "--period", "2022-06"): "--period: 2022-06 is outside the plan year 2023; give a month from 2023-01 to 2023-12",
        ("-o", "t.xlsx", "--owner", "nope"): "--owner: no target has owner 'nope'",
        ("-o", "t.xlsx", "--section", "nope"): "--section: ",
        ("-o", "t.xlsx", "--period", "2023-01"): "no target reports a figure for 2023-01 (quarterly targets report in March, June, September and December, annual ones in December); choose another --period or --section",
        ("-o", "t.xlsx", "--period", "2023-06", "--owner", "医保局"): "no target of 医保局 reports a figure for 2023-06 (quarterly targets report in March, June, September and December, annual ones in December); choose another --period",
        ("-o", "targets.toml", "--period", "2023-06"): "-o: targets.toml is the plan, the ledger or the mail settings",
    }  # fmt: skip
    for args, line in cases.items():
        result = cli("template", *args, env=TODAY)
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr.startswith(line), (args, result.stderr)
        assert len(result.stderr.splitlines()) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["targets.toml"]


def test_the_default_period_is_last_month_and_the_bytes_do_not_change(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    book = template(cli, tmp_path, name="one.xlsx")
    assert book.sheetnames == ["2023-06"]
    template(cli, tmp_path, name="two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


def test_the_installed_command_round_trip(run_process, small_plan: Path, tmp_path: Path) -> None:
    done = run_process("template", "--owner", "交通局", "-o", "t.xlsx", env=TODAY)
    assert (done.returncode, done.stderr) == (0, "Wrote t.xlsx: 1 line to report for 2023-06\n")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet["G3"] = 6
    book.save(tmp_path / "t.xlsx")
    done = run_process("import", "t.xlsx", env=TODAY)
    assert (done.returncode, done.stdout) == (
        0,
        "t.xlsx: 1 figure recorded, 0 of them revisions\n",
    )
