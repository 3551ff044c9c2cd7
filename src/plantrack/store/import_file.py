"""Opening an import file, CSV or xlsx, as rows of named cells read one at a time."""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from plantrack.core.errors import ImportRefused
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.recording import LineProblems
from plantrack.store.files import os_reason

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
# A month's figures fit in a few MB; a file beyond this is more likely a mistake (the wrong
# export, a whole database) than an import, and takes minutes. --large reads it all the same.
LARGEST_FILE_MB = 50
# Longer than any real note; a longer cell is a quote left open, swallowing the rows below.
LONGEST_CELL = 10_000

Row = tuple[int, dict[str, object]]


@dataclass
class ImportTable:
    """An import file being read: its rows, one at a time, as (line, cells by column), and
    the problems of its layout, complete once the rows have all been read."""

    rows: Iterator[Row]
    problems: LineProblems


@contextlib.contextmanager
def open_import(
    path: Path, *, encoding: str | None = None, sheet: str | None = None, large: bool = False
) -> Iterator[ImportTable]:
    """The file's rows (xlsx by its suffix, else CSV); every failure to open it is one line."""
    from plantrack.store.csv_import import read_csv

    problems = LineProblems()
    with _open(path) as stream:
        _check_size(stream, path, large)
        yield ImportTable(read_csv(stream, path, encoding, problems), problems)


@contextlib.contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = open(path, "rb")  # noqa: SIM115  # closed below, after the rows are read
    except FileNotFoundError:
        raise ImportRefused(msg("file.not_found", file=path)) from None
    except IsADirectoryError:
        raise ImportRefused(msg("import.is_folder", file=path)) from None
    except OSError as problem:
        raise ImportRefused(msg("file.unreadable", file=path, reason=os_reason(problem))) from None
    with stream:
        yield stream


def _check_size(stream: BinaryIO, path: Path, large: bool) -> None:
    size = os.fstat(stream.fileno()).st_size
    if size > LARGEST_FILE_MB * 1024 * 1024 and not large:
        megabytes = f"{size / 1024 / 1024:,.0f}"
        raise ImportRefused(
            msg("import.too_large", file=path, size=megabytes, limit=LARGEST_FILE_MB)
        )


def header_columns(header: Sequence[str]) -> tuple[list[str | None], list[Message]]:
    """The column each header cell names (None for one plantrack does not know), and the
    problems of the header: unknown, repeated or missing columns."""
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


def lacks_a_needed_column(columns: Sequence[str | None]) -> bool:
    """Without a needed column every row would be reported too."""
    return any(name not in columns for name in REQUIRED_COLUMNS)
