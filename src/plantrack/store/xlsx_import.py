"""Reading an xlsx import file (a workbook saved by Excel or WPS) a row at a time."""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from plantrack.core.errors import ImportRefused, UsageProblem
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.periods import Month
from plantrack.core.recording import LineProblems
from plantrack.core.values import format_number
from plantrack.store.import_file import (
    NOTES_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    Row,
    column_name,
    header_columns,
    is_template,
    lacks_a_needed_column,
    needed_columns,
    period_of_date,
    trimmed,
    unfilled,
)

# A sheet often has a title, a unit or a date in its first rows, above the header.
HEADER_SEARCH_ROWS = 10
KNOWN_COLUMNS = frozenset((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *NOTES_COLUMNS))

Cell = object  # what openpyxl gives for a cell: str, int, float, bool, datetime, time, None


def read_xlsx(
    stream: BinaryIO, path: Path, sheet: str | None, problems: LineProblems
) -> tuple[Message, Iterator[Row]]:
    """The name of the sheet read (for problems: file and sheet), and its data rows with the
    row numbers Excel shows. openpyxl reads the sheet as it goes (read-only mode)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, ParseError):
        raise ImportRefused(msg("import.not_xlsx", file=path)) from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise UsageProblem(
                msg("import.unknown_sheet", sheet=sheet, file=path, sheets=Listing.of(names))
            ).at("--sheet")
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    except BaseException:
        book.close()
        raise
    source = msg("import.sheet_of", file=path, sheet=worksheet.title)
    worksheet.reset_dimensions()  # some programs record the used range wrongly
    rows = ([_as_typed(cell) for cell in row] for row in worksheet.iter_rows(min_row=1))
    return source, _rows(rows, source, problems, book.close)


def _rows(
    rows: Iterator[Sequence[Cell]],
    source: Message,
    problems: LineProblems,
    close: Callable[[], None],
) -> Iterator[Row]:
    """The rows, the workbook closed once they are read (or given up)."""
    try:
        yield from _named_rows(rows, source, problems)
    finally:
        close()


def _named_rows(
    rows: Iterator[Sequence[Cell]], source: Message, problems: LineProblems
) -> Iterator[Row]:
    header_row, header = _header(rows, source)
    columns, header_problems = header_columns(header, delimited=False)
    for problem in header_problems:
        problems.add(header_row, problem)
    if lacks_a_needed_column(columns):
        return
    template = is_template(header)
    for number, cells in enumerate(rows, header_row + 1):
        values = trimmed(cells)  # empty rows and columns Excel keeps at the end
        if not values:
            continue
        if len(values) > len(columns):
            from openpyxl.utils import get_column_letter

            place = f"{get_column_letter(len(values))}{number}"
            problems.add(number, msg("import.cell_without_header", cell=place))
            continue
        # Every column of the header, empty cells as None: which columns a row has says
        # what kind of file it is (a file of starts has no value column), as in a CSV.
        named = {
            column: None if cell is None else _value(column, cell)
            for column, cell in itertools.zip_longest(columns, values)
            if column
        }
        if template and unfilled(named):
            continue
        yield number, named


def _header(rows: Iterator[Sequence[Cell]], source: Message) -> tuple[int, list[str]]:
    """The header row: of the first rows, the one that names the most columns plantrack
    knows (a title above it names none), the earliest of equals; a row of one cell only when
    there is no other, so that the problems of a misspelt header are named on that header."""
    best: tuple[tuple[int, int], int, list[str]] | None = None
    for number, cells in enumerate(rows, 1):
        texts = [_text(cell) for cell in trimmed(cells)]
        if texts:
            named = {column_name(text) for text in texts}
            score = (len(named & KNOWN_COLUMNS), min(len(texts), 2))
            if best is None or score > best[0]:
                best = (score, number, texts)
            # The rows after the header are the data: stop at the first row that has every
            # column needed (a file of starts needs no value), or they would be passed over.
            if all(name in named for name in needed_columns(list(named))):
                break
        if number == HEADER_SEARCH_ROWS:
            break
    if best is None:
        raise ImportRefused(msg("import.no_header", source=source, rows=HEADER_SEARCH_ROWS))
    return best[1], best[2]


def _as_typed(cell: Any) -> Cell:
    """A cell's value as the clerk typed it: Excel stores 5.2% as 0.052 in a cell formatted
    as a percentage, which is read back as the text '5.2%', so that the recording rules take
    it for a target in % and refuse it for one in 个."""
    value = cell.value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", None) or "")
    ):
        return f"{format_number(value * 100)}%"
    return value


def _value(column: str, cell: Cell) -> object:
    """A cell as the recording rules read it: a date in the period column is its month,
    a number stays a number (75.0 is 75), anything else is text."""
    if column in ("period", "started"):  # a start may be marked by its date
        if isinstance(cell, datetime | date):
            return Month(cell.year, cell.month)
        return period_of_date(_text(cell))
    if column == "value" and isinstance(cell, int | float) and not isinstance(cell, bool):
        return cell
    return _text(cell).strip()


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime) and cell.time() == time():
        return cell.date().isoformat()
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        return str(cell)
    return str(cell)
