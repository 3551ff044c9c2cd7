"""Reading a CSV import file (from Excel or a script) a row at a time."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from plantrack.core.errors import ImportRefused, UsageProblem
from plantrack.core.messages import Message, msg
from plantrack.core.recording import LineProblems
from plantrack.store.import_file import (
    LONGEST_CELL,
    Row,
    header_columns,
    is_template,
    lacks_a_needed_column,
    period_of_date,
    trimmed,
    unfilled,
)

# Excel on a Chinese system saves "ANSI" CSV as GBK; GB18030 reads GBK and more.
FALLBACK_ENCODING = "gb18030"
CHUNK_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t")  # in this order when a header has as many of two


def read_csv(
    stream: BinaryIO, path: Path, encoding: str | None, problems: LineProblems
) -> Iterator[Row]:
    """The data rows with their line numbers; problems of the file's layout go to `problems`.

    The file is decoded and parsed as it is read, so that a file of a million rows never
    sits in memory whole. An encoding Python does not know is a UsageProblem at --encoding.
    """
    text = io.TextIOWrapper(stream, encoding=_encoding(stream, path, encoding), newline="")
    records = _records(text, path)
    first = next(records, None)
    if first is None:
        raise ImportRefused(msg("import.empty", file=path))
    header_line, header = first
    columns, header_problems = header_columns(header)
    for problem in header_problems:
        problems.add(header_line, problem)
    if lacks_a_needed_column(columns):
        return
    template = is_template(header)
    for line, cells in records:
        cells = trimmed(cells)  # Excel ends rows with commas, and leaves empty rows at the end
        if not cells:
            continue
        if len(cells) > len(columns):
            problems.add(line, msg("import.too_many_cells", count=len(cells), columns=len(columns)))
            continue
        # Every column of the header, the empty cells Excel leaves off the end included: which
        # columns a row has says what kind of file it is (a file of starts has no value).
        named = {
            column: cell.strip()
            for column, cell in itertools.zip_longest(columns, cells, fillvalue="")
            if column
        }
        if template and unfilled(named):
            continue
        for dated in ("period", "started"):  # a start may be marked by its date
            if dated in named:
                named[dated] = period_of_date(named[dated])
        yield line, named


def _encoding(stream: BinaryIO, path: Path, encoding: str | None) -> str:
    """The encoding to read the file in: the one given, else UTF-8 (with or without a BOM),
    else GBK; checked over the whole file, in chunks, before a row is read."""
    if encoding is not None:
        try:
            # Only a text encoding: base64, hex, rot13 or zlib are codecs of Python's, but
            # they do not turn bytes into text.
            if not codecs.lookup(encoding)._is_text_encoding:
                raise LookupError(encoding)
        except LookupError:
            raise UsageProblem(msg("import.unknown_encoding", encoding=encoding)).at(
                "--encoding"
            ) from None
        line = _undecodable_line(stream, encoding)
        if line is not None:
            raise ImportRefused(msg("import.bad_encoding", file=path, line=line, encoding=encoding))
        return encoding
    for candidate in ("utf-8-sig", FALLBACK_ENCODING):
        if _undecodable_line(stream, candidate) is None:
            return candidate
    raise ImportRefused(msg("import.not_text", file=path))


def _undecodable_line(stream: BinaryIO, encoding: str) -> int | None:
    """The line of the first bytes that are not text in this encoding, if any."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    lines_before = 0
    chunk = b""
    try:
        while chunk := stream.read(CHUNK_BYTES):
            decoder.decode(chunk)
            lines_before += chunk.count(b"\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as problem:
        return lines_before + chunk[: max(problem.start, 0)].count(b"\n") + 1
    except UnicodeError:  # a codec that refuses the stream as a whole (UTF-16 without a BOM)
        return lines_before + 1
    finally:
        stream.seek(0)
    return None


def _records(text: io.TextIOWrapper, path: Path) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on (a quoted cell may span lines).

    Strict: a quote that never closes would otherwise take every row below it into one cell.
    """
    first = text.readline()
    if not first:
        return
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter(first), strict=True)
    next_line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            raise ImportRefused(_quoting_problem(path, next_line, str(problem))) from None
        if any(len(cell) > LONGEST_CELL for cell in cells):
            raise ImportRefused(_quoting_problem(path, next_line, "field larger"))
        yield next_line, cells
        next_line = reader.line_num + 1


def delimiter(header: str) -> str:
    """What separates the columns: of comma, semicolon (Excel in much of Europe) and tab, the
    one the header line has most of outside quotes; a comma when it has none."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    return max(DELIMITERS, key=unquoted.count)


def _quoting_problem(path: Path, line: int, reason: str) -> Message:
    """csv's own words say which way the quotes went wrong (they are English, and not shown)."""
    if "field larger" in reason:
        problem = msg("import.cell_too_long", limit=f"{LONGEST_CELL:,}")
    elif "unexpected end of data" in reason:
        problem = msg("import.unclosed_quote")
    else:
        problem = msg("import.text_after_quote")
    return msg("import.at_line", file=path, line=line, problem=problem)
