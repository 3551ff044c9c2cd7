"""Opening an import file, CSV or xlsx, as rows of named cells read one at a time."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TypeVar

from plantrack.core.errors import ImportRefused, UsageProblem
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.recording import LineProblems
from plantrack.store.files import NotPlainFile, open_regular, opening_problem

REQUIRED_COLUMNS = ("target", "period", "value")
# `unit`: the unit (town, department) whose own figure the row is, for a split target.
# `started` and `milestone`: a key project's start (是, or the month) and a milestone reached.
OPTIONAL_COLUMNS = ("source", "note", "unit", "started", "milestone")
# A department's notes on the figure (进展情况、存在问题、下一步措施: the last three columns of a
# reporting template), stored with it in the ledger.
NOTES_COLUMNS = ("progress_note", "problems", "measures")
# Headers a Chinese spreadsheet is likely to carry, and those of a reporting template
# (`plantrack template`, in Chinese and English), mapped to the column they mean.
COLUMN_ALIASES = {
    "指标": "target",
    "目标": "target",
    "编号": "target",
    "id": "target",
    "期间": "period",
    "月份": "period",
    "数值": "value",
    "数据": "value",
    "本期数": "value",
    "来源": "source",
    "备注": "note",
    "进展情况": "progress_note",
    "progress": "progress_note",
    "存在问题": "problems",
    "下一步措施": "measures",
    "next steps": "measures",
    "填报单位": "unit",
    "报送单位": "unit",
    "reporting unit": "unit",
    "开工": "started",
    "已开工": "started",
    "是否开工": "started",
    "开工月份": "started",
    "节点": "milestone",
    "完成节点": "milestone",
    "里程碑": "milestone",
}
# A template names its target by id (编号) and describes it in columns a figure does not
# need: in a header with an id column, these are recognised and ignored. 计量单位 is the unit
# of measure (个, 亿元), never a responsible unit; so is a template's "unit" column (templates
# of earlier versions headed it so), while elsewhere `unit` names the reporting unit.
ID_HEADERS = frozenset({"编号", "id"})
TEMPLATE_DESCRIPTIONS = frozenset(
    {
        "指标",
        "name",
        "计量单位",
        "unit",
        "unit of measure",
        "年度目标",
        "annual target",
        "上期数",
        "previous figure",
    }
)
# A month's figures fit in a few MB; a file beyond this is more likely a mistake (the wrong
# export, a whole database) than an import, and takes minutes. --large reads it all the same.
LARGEST_FILE_MB = 50
# Longer than any real note; a longer cell is a quote left open, swallowing the rows below.
LONGEST_CELL = 10_000

# .xls (Excel 97) is no zip: it is refused as not an xlsx workbook, with how to save one.
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")

Row = tuple[int, Mapping[str, object]]
T = TypeVar("T")


@dataclass
class ImportTable:
    """An import file being read: its rows, one at a time, as (line, cells by column), and
    the problems of its layout, complete once the rows have all been read. `source` names
    the file (and the sheet) in problems, `at_line` is the key that places one on a line."""

    rows: Iterator[Row]
    problems: LineProblems
    source: object
    at_line: str = "import.at_line"


@contextlib.contextmanager
def open_import(
    path: Path, *, encoding: str | None = None, sheet: str | None = None, large: bool = False
) -> Iterator[ImportTable]:
    """The file's rows (an xlsx workbook by its suffix, else CSV); every failure to open it
    is one line. `sheet` is for a workbook, `encoding` for CSV."""
    problems = LineProblems()
    with _open(path) as stream:
        _check_size(stream, path, large)
        if path.suffix.lower() in XLSX_SUFFIXES:
            from plantrack.store.xlsx_import import read_xlsx

            if encoding is not None:
                raise UsageProblem(msg("import.encoding_for_xlsx")).at("--encoding")
            source, rows = read_xlsx(stream, path, sheet, problems)
            yield ImportTable(rows, problems, source, "import.at_sheet_row")
            return
        from plantrack.store.csv_import import read_csv

        if sheet is not None:
            raise UsageProblem(msg("import.sheet_for_csv", file=path)).at("--sheet")
        yield ImportTable(read_csv(stream, path, encoding, problems), problems, path)


@contextlib.contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = open_regular(path)  # closed below, after the rows are read
    except (OSError, NotPlainFile) as problem:
        raise ImportRefused(opening_problem(problem, path, is_folder="import.is_folder")) from None
    with stream:
        yield stream


def _check_size(stream: BinaryIO, path: Path, large: bool) -> None:
    size = os.fstat(stream.fileno()).st_size
    if size > LARGEST_FILE_MB * 1024 * 1024 and not large:
        megabytes = f"{size / 1024 / 1024:,.0f}"
        raise ImportRefused(
            msg("import.too_large", file=path, size=megabytes, limit=LARGEST_FILE_MB)
        )


def header_columns(
    header: Sequence[str], *, delimited: bool = True
) -> tuple[list[str | None], list[Message]]:
    """The column each header cell names (None for one plantrack does not know), and the
    problems of the header: unknown, repeated or missing columns, one line per cause.

    Empty cells at the end are no columns: Excel saves `target,period,value,,` when cells to
    the right were once used. A `delimited` header (CSV) of one cell is one problem: its
    columns are separated by something plantrack does not take.
    """
    header = trimmed(header)
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *NOTES_COLUMNS)
    template = is_template(header)
    if delimited and len(header) == 1 and column_name(header[0]) not in known:
        # One cell: the columns are separated by something else (| or spaces), or not at all.
        return [None], [msg("import.one_column", header=header[0].strip())]
    columns: list[str | None] = []
    problems: list[Message] = []
    suggested: set[str] = set()
    for cell in header:
        if template and cell.strip().lower() in TEMPLATE_DESCRIPTIONS:
            columns.append(None)
            continue
        name = column_name(cell)
        if name in known:
            if name in columns:
                problems.append(msg("import.column_twice", name=name))
            columns.append(name)
            continue
        columns.append(None)
        close = difflib.get_close_matches(name, known, n=1)
        suggested.update(close)
        hint: object = msg("hint.did_you_mean_then", word=close[0]) if close else ""
        problems.append(
            msg("import.unknown_column", name=cell.strip(), hint=hint, columns=Listing.of(known))
        )
    for name in needed_columns(columns):
        if name not in columns and name not in suggested:  # else said once, as a did-you-mean
            problems.append(msg("import.missing_column", name=name))
    return columns, problems


def needed_columns(columns: Sequence[str | None]) -> tuple[str, ...]:
    """target, period and value; a file of key projects' starts or milestones needs no value."""
    if "value" not in columns and ("started" in columns or "milestone" in columns):
        return ("target", "period")
    return REQUIRED_COLUMNS


def is_template(header: Sequence[str]) -> bool:
    """Whether a header is a reporting template's: it names the target by id (编号)."""
    return any(cell.strip().lower() in ID_HEADERS for cell in header)


def unfilled(cells: Mapping[str, object]) -> bool:
    """A template's row without a figure, start or milestone: the department has none for
    it, and it is skipped."""
    return all(_is_empty(cells.get(column)) for column in ("value", "started", "milestone"))


def column_name(cell: str) -> str:
    """The column a header cell names, Chinese headers read as theirs."""
    name = cell.strip().lower()
    return COLUMN_ALIASES.get(name, name)


def trimmed(cells: Sequence[T]) -> list[T]:
    """The cells without the empty ones at the end."""
    end = len(cells)
    while end and _is_empty(cells[end - 1]):
        end -= 1
    return list(cells[:end])


def _is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# How Excel writes a date in a CSV: 2023/6/1, 2023-06-01, 2023.6.1, with a time of 0:00 if
# the cell held one, or 2023年6月1日. Months alone (2023/06, 2023年6月) the period rules read.
_DATE = re.compile(
    r"(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
    r"|年(?P<month_zh>\d{1,2})月(?P<day_zh>\d{1,2})日)"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)


def period_of_date(text: str) -> str:
    """A date in the period column as the month it lies in (2023/6/1: 2023-06); any other
    text as it is, for the period rules to read or refuse."""
    found = _DATE.fullmatch(text.strip())
    if found is None:
        return text
    year = int(found["year"])
    month = int(found["month"] or found["month_zh"])
    day = int(found["day"] or found["day_zh"])
    try:
        date(year, month, day)
    except ValueError:
        return text  # 2023/6/31 is no day: refused as the period it is not
    return f"{year:04d}-{month:02d}"


def lacks_a_needed_column(columns: Sequence[str | None]) -> bool:
    """Without a needed column every row would be reported too."""
    return any(name not in columns for name in needed_columns(columns))
