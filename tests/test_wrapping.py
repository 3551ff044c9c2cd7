"""Wrapping the text report: never inside a number, between a number and its unit, or
between a label and its count; never wider than the width but for one unbreakable piece."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from plantrack import api
from plantrack.core.messages import Lang
from plantrack.present.i18n import plain
from plantrack.present.reports import ReportInput, report_text, text_lines
from plantrack.present.wrapping import wrap_cells
from tests.conftest import SHIPPED_PLAN, CliRun

INDENT = "    "
STATUS_WORDS = {
    "zh": ("已完成", "正常推进", "预警", "滞后", "未完成", "未报送", "逾期未报"),
    "en": ("achieved", "on track", "at risk", "off track", "missed", "no data", "overdue"),
}
POINTS = {"zh": "个百分点", "en": "points"}


@cache
def shipped_report(lang: Lang, month: int) -> ReportInput:
    """The shipped plan with the demo figures of `status --demo`, as of a month."""
    plan = api.load_plan(SHIPPED_PLAN)
    assessment = api.assess(
        plan, (), as_of=f"{plan.year}-{month:02d}", demo=True, today=date(plan.year + 1, 2, 1)
    )
    return ReportInput.of(assessment, assessment.scope, lang)


@cache
def must_stay_whole(lang: Lang) -> re.Pattern[str]:
    """A number (17.5, -2%, 2023-06) with the unit after it, or a status word with its count."""
    plan = api.load_plan(SHIPPED_PLAN)
    units = sorted({t.unit for t in plan.targets if t.unit} | {POINTS[lang]}, key=len)[::-1]
    unit = "|".join(re.escape(u) for u in units)
    number = rf"-?\d+(?:[.\-—–]\d+)*%?(?: ?(?:{unit}))?"
    counts = "|".join(rf"(?:[✔●▲✖✘○] )?{re.escape(word)} \d+" for word in STATUS_WORDS[lang])
    return re.compile(rf"{counts}|{number}")


def spans_of_pieces(line: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Where each wrapped piece of `line` lies in it; fails if the pieces lose or change text."""
    spans, cursor = [], 0
    for number, piece in enumerate(pieces):
        text = piece.removeprefix(INDENT) if number else piece
        while cursor < len(line) and line[cursor] == " " and not text.startswith(" "):
            cursor += 1
        assert line.startswith(text, cursor), (line, pieces)
        spans.append((cursor, cursor + len(text)))
        cursor += len(text)
    assert line[cursor:].strip() == "", (line, pieces)
    return spans


def logical_groups(wrapped: list[str]) -> list[list[str]]:
    """The output's lines grouped by the report line they came from (continuations indented)."""
    groups: list[list[str]] = []
    for line in wrapped:
        if line.startswith(INDENT) and groups:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(min_value=40, max_value=120),
    lang=st.sampled_from(["zh", "en"]),
    month=st.sampled_from([2, 6, 12]),
)
def test_no_number_unit_or_count_is_split(width: int, lang: Lang, month: int) -> None:
    report = shipped_report(lang, month)
    lines = [plain(line) for line in text_lines(report)]
    groups = logical_groups(report_text(report, width).splitlines())
    assert len(groups) == len(lines)
    whole = must_stay_whole(lang)
    for line, pieces in zip(lines, groups, strict=True):
        spans = spans_of_pieces(line, pieces)
        for match in whole.finditer(line):
            inside = [s for s in spans if s[0] <= match.start() and match.end() <= s[1]]
            assert inside, f"{match.group()!r} split at width {width}: {pieces}"
        for piece in pieces:
            assert cell_len(piece) <= width or " " not in piece.strip(), (width, piece)


def test_the_lines_the_issue_names_are_whole() -> None:
    out = report_text(shipped_report("zh", 6))
    # The issue's 17.5 is 18.3 since the demo figures vary by target; 16.7 is as it was.
    assert "落后序时进度18.3个百分点" in out
    assert "落后序时进度16.7个百分点" in out
    assert "○ 未报送 31" in out


def test_at_the_width_the_issue_names_every_line_fits() -> None:
    for lang in ("zh", "en"):
        for line in report_text(shipped_report(lang, 6)).splitlines():
            assert cell_len(line) <= 80


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        # the number and its unit move down together
        ("落后序时进度17.5个百分点", 20, ["落后序时进度", "    17.5个百分点"]),
        ("落后序时进度17.5个百分点", 14, ["落后序时进度", "    17.5个百分点"]),
        # a label and its count
        ("计入：○ 未报送 13", 14, ["计入：", "    ○ 未报送 13"]),
        # after a pause when the line is still half full, not inside the next phrase
        ("目标68万平方米，完成32.5%，落后", 30, ["目标68万平方米，完成32.5%，", "    落后"]),
        (
            "一二三四五六七八，九十一二三四五六七八九十",
            30,
            ["一二三四五六七八，", "    九十一二三四五六七八九十"],
        ),
        # an English comma only when it leaves three quarters of the line full
        (
            "one two three four, five six seven eight",
            30,
            ["one two three four, five six", "    seven eight"],
        ),
        (
            "one two three four five, six seven eight",
            30,
            ["one two three four five,", "    six seven eight"],
        ),
        # no line starts with a closing mark
        ("一二三四五六），目标", 14, ["一二三四五", "    六），目标"]),
        # nor ends with an opening one
        ("一二三四五（6月）", 12, ["一二三四五", "    （6月）"]),
        # English: at spaces; a number stays with the word after it
        ("behind schedule by 17.5 points", 26, ["behind schedule", "    by 17.5 points"]),
        # a word longer than any line is cut; a number never is
        ("x" * 12, 8, ["x" * 8, "    xxxx"]),
        ("1234567890123", 8, ["1234567890123"]),
        # leading space of the line itself is kept
        ("  进展情况：正常", 40, ["  进展情况：正常"]),
        ("", 40, [""]),
    ],
)
def test_wrap_examples(line: str, width: int, expected: list[str]) -> None:
    keep = ["○ 未报送"]
    assert wrap_cells(line, width, 4, units={"个百分点", "万平方米"}, keep=keep) == expected


OFFICE = SHIPPED_PLAN.parent / "examples" / "office" / "targets.toml"


@pytest.mark.parametrize("command", [("projects",), ("status", "--unit", "gongxin")])
def test_english_project_lines_fill_the_width(cli: CliRun, command: tuple[str, ...]) -> None:
    """The office's sentence and the lines of the projects behind, in English at 80 columns:
    a comma may end a line early, but not more than a quarter of it early (at half, the
    sentence broke into lines of 50 cells)."""
    result = cli(
        "--plan", str(OFFICE), "--lang", "en", *command, "--demo",
        env={"PLANTRACK_TODAY": "2023-10-20", "COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith("Key projects ("))
    table = next(n for n in range(heading, len(lines)) if lines[n].startswith("Group "))
    paragraphs = [lines[heading + 1 : table]]
    for line in lines[lines.index("Projects behind") + 1 :]:
        if line.startswith("  "):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    assert len(paragraphs) > 2 and any(len(paragraph) > 1 for paragraph in paragraphs)
    short = [line for paragraph in paragraphs for line in paragraph[:-1] if cell_len(line) < 60]
    assert short == []
    assert all(cell_len(line) <= 80 for paragraph in paragraphs for line in paragraph)
