"""Reading an import file (CSV from Excel or a script) into rows of named cells."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from plantrack.core.errors import ImportRefused, UsageProblem
from plantrack.core.messages import Listing, Message, msg
from plantrack.store.toml_files import read_source

REQUIRED_COLUMNS = ("target", "period", "value")
OPTIONAL_COLUMNS = ("source", "note")
# Headers a Chinese spreadsheet is likely to carry, mapped to the column they mean.
COLUMN_ALIASES = {
    "指标": "target",
    "目标": "target",
    "期间": "period",
    "月份": "period",
    "数值": "value",
    "数据": "value",
    "来源": "source",
    "备注": "note",
}
# Excel on a Chinese system saves "ANSI" CSV as GBK; GB18030 reads GBK and more.
FALLBACK_ENCODING = "gb18030"
# Longer than any real note; a longer cell is a quote left open, swallowing the rows below.
LONGEST_CELL = 10_000


Row = tuple[int, dict[str, str]]


def read_csv(path: Path, encoding: str | None) -> tuple[list[Row], list[tuple[int, Message]]]:
    """The data rows with their line numbers, and (line, problem) for the file's layout.

    An encoding Python does not know is a UsageProblem, for the caller to place at its option.
    """
    records = _records(_decode(path, encoding), path)
    if not records:
        raise ImportRefused(msg("import.empty", file=path))
    header_line, header = records[0]
    columns, header_problems = _columns(header)
    problems = [(header_line, problem) for problem in header_problems]
    if any(name not in columns for name in REQUIRED_COLUMNS):
        return [], problems  # without a needed column every row would be reported too
    rows: list[Row] = []
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty rows at the end
        if len(cells) > len(header):
            problems.append(
                (line, msg("import.too_many_cells", count=len(cells), columns=len(header)))
            )
            continue
        named = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        rows.append((line, named))
    return rows, problems


def _decode(path: Path, encoding: str | None) -> str:
    raw, _ = read_source(path, ImportRefused, is_folder="import.is_folder")
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise UsageProblem(msg("import.unknown_encoding", encoding=encoding)) from None
        except UnicodeDecodeError as problem:
            line = raw[: problem.start].count(b"\n") + 1
            raise ImportRefused(
                msg("import.bad_encoding", file=path, line=line, encoding=encoding)
            ) from None
    for candidate in ("utf-8-sig", FALLBACK_ENCODING):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(msg("import.not_text", file=path))


def _records(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """CSV records with the line each starts on (a quoted cell may span lines).

    Strict: a quote that never closes would otherwise take every row below it into one cell.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    next_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return records
        except csv.Error as problem:
            raise ImportRefused(_quoting_problem(path, next_line, str(problem))) from None
        if any(len(cell) > LONGEST_CELL for cell in cells):
            raise ImportRefused(_quoting_problem(path, next_line, "field larger"))
        records.append((next_line, cells))
        next_line = reader.line_num + 1


def _quoting_problem(path: Path, line: int, reason: str) -> Message:
    """csv's own words say which way the quotes went wrong (they are English, and not shown)."""
    if "field larger" in reason:
        problem = msg("import.cell_too_long", limit=f"{LONGEST_CELL:,}")
    elif "unexpected end of data" in reason:
        problem = msg("import.unclosed_quote")
    else:
        problem = msg("import.text_after_quote")
    return msg("import.at_line", file=path, line=line, problem=problem)


def _columns(header: list[str]) -> tuple[list[str | None], list[Message]]:
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    columns: list[str | None] = []
    problems: list[Message] = []
    for cell in header:
        name = cell.strip().lower()
        name = COLUMN_ALIASES.get(name, name)
        if name in known:
            if name in columns:
                problems.append(msg("import.column_twice", name=name))
            columns.append(name)
            continue
        columns.append(None)
        close = difflib.get_close_matches(name, known, n=1)
        hint: object = msg("hint.did_you_mean_then", word=close[0]) if close else ""
        problems.append(
            msg("import.unknown_column", name=cell.strip(), hint=hint, columns=Listing.of(known))
        )
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            problems.append(msg("import.missing_column", name=name))
    return columns, problems
