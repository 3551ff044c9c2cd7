"""Progress notes (进展情况、存在问题、下一步措施): recorded with a figure, imported from the
columns a department's table has, kept in the ledger, shown by show, history and export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from plantrack.store import cache
from plantrack.store.ledger import parse_ledger, read_entries
from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
NOTES = (
    "--progress",
    "已完成路基8公里",
    "--problems",
    "雨季影响施工",
    "--measures",
    "增加施工班组",
)


def test_record_keeps_the_three_notes_in_the_ledger(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    result = cli("record", "rural-roads", "12", "-p", "2023-06", *NOTES, env=TODAY)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert 'progress_note = "已完成路基8公里"' in text
    assert 'problems = "雨季影响施工"' in text and 'measures = "增加施工班组"' in text
    (entry,) = read_entries(tmp_path / "actuals.toml")
    assert (entry.progress_note, entry.problems, entry.measures) == (
        "已完成路基8公里", "雨季影响施工", "增加施工班组",
    )  # fmt: skip


def test_blank_notes_are_not_written(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    result = cli(
        "record", "rural-roads", "12", "-p", "2023-06", "--progress", "  ", "--problems", "",
        env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert "progress_note" not in text and "problems" not in text


def test_show_prints_the_latest_notes_with_their_month(cli: CliRun, small_plan: Path) -> None:
    assert cli("record", "rural-roads", "12", "-p", "2023-06", *NOTES, env=TODAY).exit_code == 0
    shown = cli("--lang", "zh", "show", "rural-roads", env=TODAY).stdout
    for line in (
        "进展情况（2023-06）",
        "已完成路基8公里",
        "存在问题（2023-06）",
        "下一步措施（2023-06）",
    ):
        assert line in shown
    english = cli("show", "rural-roads", env=TODAY).stdout
    assert "Progress notes (2023-06)" in english and "Next measures (2023-06)" in english


def test_notes_of_an_earlier_month_are_not_shown_as_current(cli: CliRun, small_plan: Path) -> None:
    assert cli("record", "rural-roads", "6", "-p", "2023-05", *NOTES, env=TODAY).exit_code == 0
    assert cli("record", "rural-roads", "12", "-p", "2023-06", env=TODAY).exit_code == 0
    shown = cli("--lang", "zh", "show", "rural-roads", env=TODAY).stdout
    assert "进展情况（" not in shown
    assert "进展情况：已完成路基8公里" in shown, "still in the history below"


def test_history_export_and_json_carry_the_notes(cli: CliRun, small_plan: Path) -> None:
    assert cli("record", "rural-roads", "12", "-p", "2023-06", *NOTES, env=TODAY).exit_code == 0
    history = cli("--lang", "zh", "history", "rural-roads", env={**TODAY, "COLUMNS": "200"})
    assert "进展情况：已完成路基8公里" in history.stdout
    assert "下一步措施：增加施工班组" in history.stdout
    (row,) = json.loads(cli("history", "rural-roads", "--json", env=TODAY).stdout)["entries"]
    assert row["progress_note"] == "已完成路基8公里" and row["measures"] == "增加施工班组"
    exported = list(csv.DictReader(io.StringIO(cli("export", env=TODAY).stdout)))
    assert exported[0]["problems"] == "雨季影响施工"


def test_an_import_takes_the_notes_under_their_chinese_headers(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "指标,期间,数值,进展情况,存在问题,下一步措施\n"
        "key-projects,2023-06,70,开工70个,土地手续慢,专班推进\n"
        "rural-roads,2023-06,12,,,\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 0, result.stderr
    projects, roads = read_entries(tmp_path / "actuals.toml")
    assert (projects.progress_note, projects.problems, projects.measures) == (
        "开工70个", "土地手续慢", "专班推进",
    )  # fmt: skip
    assert not roads.has_notes


def test_an_import_takes_the_english_column_names(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value,progress_note,problems,measures\nkey-projects,2023-06,70,a,b,c\n",
        encoding="utf-8",
    )
    assert cli("import", "june.csv", env=TODAY).exit_code == 0
    (entry,) = read_entries(tmp_path / "actuals.toml")
    assert (entry.progress_note, entry.problems, entry.measures) == ("a", "b", "c")


def test_a_withdrawal_takes_no_notes(cli: CliRun, small_plan: Path) -> None:
    assert cli("record", "rural-roads", "12", "-p", "2023-06", env=TODAY).exit_code == 0
    result = cli(
        "record", "rural-roads", "-p", "2023-06", "--withdraw", "--problems", "x", env=TODAY
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("--withdraw:") and "--problems" in result.stderr


def test_the_cache_keeps_the_notes(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    assert cli("record", "rural-roads", "12", "-p", "2023-06", *NOTES, env=TODAY).exit_code == 0
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    ledger = tmp_path / "actuals.toml"
    assert cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes()))
    assert read_entries(ledger) == parse_ledger(ledger.read_bytes(), ledger)


def test_a_note_that_is_not_text_is_refused_by_the_ledger(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "actuals.toml").write_text(
        '[[entry]]\ntarget = "rural-roads"\nperiod = "2023-06"\nvalue = 12\n'
        'recorded_at = "x"\nby = "me"\nproblems = 5\n',
        encoding="utf-8",
    )
    result = cli("status", env=TODAY)
    assert result.exit_code == 1 and "'problems'" in result.stderr


# ── the reports print the notes of targets at risk, off track or missed ─────


@pytest.fixture
def noted(cli: CliRun, small_plan: Path) -> None:
    """rural-roads off track with notes; key-projects on track with notes of its own."""
    assert cli("record", "rural-roads", "6", "-p", "2023-06", *NOTES, env=TODAY).exit_code == 0
    on_track = ("--progress", "开工70个，进展顺利")
    assert cli("record", "key-projects", "70", "-p", "2023-06", *on_track, env=TODAY).exit_code == 0


def report(cli: CliRun, *args: str) -> str:
    result = cli("--lang", "zh", "report", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_text_report_prints_the_notes_under_the_target(cli: CliRun, noted: None) -> None:
    lines = report(cli).splitlines()
    first = next(n for n, line in enumerate(lines) if "四好农村路" in line)
    block = lines[first : first + 6]
    assert "    进展情况（2023-06）：已完成路基8公里" in block
    assert "    存在问题（2023-06）：雨季影响施工" in block
    assert "    下一步措施（2023-06）：增加施工班组" in block
    assert "进展顺利" not in "\n".join(lines), "an on-track target's notes are not news"


def test_markdown_html_and_xlsx_print_the_notes(cli: CliRun, noted: None, tmp_path: Path) -> None:
    markdown = report(cli, "--format", "markdown")
    assert "- 存在问题（2023-06）：雨季影响施工" in markdown
    page = report(cli, "--format", "html")
    block = page[page.index('<tbody class="s-off_track">') :]
    block = block[: block.index("</tbody>")]
    assert "下一步措施（2023-06）：增加施工班组" in block
    assert "进展顺利" not in markdown + page
    assert (
        cli("--lang", "zh", "report", "--format", "xlsx", "-o", "r.xlsx", env=TODAY).exit_code == 0
    )
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if "rural-roads" in row]
    assert rows and rows[0][-3:] == ("已完成路基8公里", "雨季影响施工", "增加施工班组")


def test_the_csv_report_carries_the_notes_and_rounds_as_the_tables(
    cli: CliRun, noted: None
) -> None:
    rows = list(csv.DictReader(io.StringIO(report(cli, "--format", "csv").lstrip("\ufeff"))))
    roads = next(row for row in rows if row["编号"] == "rural-roads")
    assert (roads["进展情况"], roads["存在问题"], roads["下一步措施"]) == (
        "已完成路基8公里", "雨季影响施工", "增加施工班组",
    )  # fmt: skip
    assert roads["板块"] == "经济", "the section's name, not its id"
    assert re.fullmatch(r"-?\d+(\.\d)?", roads["差距"]), roads["差距"]
    projects = next(row for row in rows if row["编号"] == "key-projects")
    assert projects["进展情况"] == "", "an on-track target's notes are not news"


def test_a_long_note_reaches_the_reports_and_history_whole(cli: CliRun, small_plan: Path) -> None:
    """A refusal quotes at most 200 characters of what was typed; a department's note is
    not a quotation and is printed whole."""
    problems = "征地拆迁进度滞后，" * 40  # 360 characters
    recorded = cli("record", "rural-roads", "6", "-p", "2023-06", "--problems", problems, env=TODAY)
    assert recorded.exit_code == 0, recorded.stderr
    assert f"- 存在问题（2023-06）：{problems}" in report(cli, "--format", "markdown")
    assert "…" not in report(cli, "--format", "html")
    shown = cli("--lang", "zh", "history", "rural-roads", env={**TODAY, "COLUMNS": "200"}).stdout
    folded = "".join(char for char in shown if char not in "│ \n")  # the cell's lines joined
    assert f"存在问题：{problems}" in folded
