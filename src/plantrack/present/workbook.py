"""xlsx workbooks: the export of the figures in force for scripts.

openpyxl is imported inside the functions that build a workbook, so that the command line
starts without it. A workbook is built in memory and returned as bytes: the command writes
the whole file or nothing. The bytes are the same for the same input (no clock in them), so
that a workbook can be compared, cached and tested.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len

from plantrack.core.model import Entry
from plantrack.core.values import format_number
from plantrack.present.i18n import plain
from plantrack.present.serialize import EXPORT_COLUMNS, current_entries, entry_json, formula_like

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

CREATOR = "plantrack"
MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The sheet an export is on: part of the export's contract with scripts, like its columns.
EXPORT_SHEET = "export"
WIDEST_COLUMN = 60  # in the width of a Latin character; a Chinese character counts two
NARROWEST_COLUMN = 6
# Zip entries carry a time; the earliest a zip can hold stands for 'no time'.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NO_TIME = datetime(2000, 1, 1)


class SheetWriter:
    """Cells written into one worksheet, text made safe, the width of each column measured."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        self._widths: dict[int, int] = {}

    def text(self, row: int, column: int, text: str) -> Cell | MergedCell:
        """A text cell that a spreadsheet shows and never runs as a formula: stored as a
        string (never 'f'), with the quote prefix when it starts like one, and control
        characters written out (XML cannot hold them)."""
        shown = plain(text)
        cell = self.worksheet.cell(row=row, column=column)
        cell.value = shown
        cell.data_type = "s"
        if formula_like(shown):
            cell.quotePrefix = True
        self._measure(column, max((cell_len(line) for line in shown.splitlines()), default=0))
        return cell

    def number(self, row: int, column: int, value: float, number_format: str) -> Cell | MergedCell:
        cell = self.worksheet.cell(row=row, column=column)
        cell.value = value
        cell.number_format = number_format
        self._measure(column, len(format_number(value)) + 2)
        return cell

    def _measure(self, column: int, width: int) -> None:
        self._widths[column] = max(self._widths.get(column, 0), width)

    def set_widths(self) -> None:
        from openpyxl.utils import get_column_letter

        for column, width in self._widths.items():
            fitted = min(WIDEST_COLUMN, max(NARROWEST_COLUMN, width + 2))
            self.worksheet.column_dimensions[get_column_letter(column)].width = fitted


def figure_format(value: float, places: int) -> str:
    """A number format that shows the figure's decimals (at most `places`), with thousands
    separators: 150 as 150, 4.4 as 4.4, 1234.5 as 1,234.5."""
    text = format_number(round(value, places))
    decimals = len(text.partition(".")[2]) if "e" not in text else places
    return "#,##0" + ("." + "0" * decimals if decimals else "")


# ── the export ───────────────────────────────────────────────────────────────


def export_workbook(entries: Iterable[Entry]) -> bytes:
    """The figures in force as `export` writes them in CSV: the same English columns and raw
    values (numbers as numbers), on one sheet, for scripts and for Excel alike."""
    from openpyxl import Workbook

    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = EXPORT_SHEET
    sheet = SheetWriter(worksheet)
    for column, name in enumerate(EXPORT_COLUMNS, 1):
        sheet.text(1, column, name)
    latest = ""
    for number, entry in enumerate(current_entries(entries), 2):
        row = entry_json(entry)
        latest = max(latest, entry.recorded_at)
        for column, name in enumerate(EXPORT_COLUMNS, 1):
            value = row[name]
            if isinstance(value, float):
                sheet.number(number, column, value, "General")
            elif isinstance(value, str):
                sheet.text(number, column, value)
    worksheet.freeze_panes = "A2"
    sheet.set_widths()
    return saved(book, _recorded_time(latest))


def _recorded_time(recorded_at: str) -> datetime:
    try:
        return datetime.strptime(recorded_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return NO_TIME


# ── sheet names and saving ───────────────────────────────────────────────────

SHEET_NAME_LIMIT = 31  # Excel's, in UTF-16 code units
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
# Excel keeps this name for itself (the change history of a shared workbook).
_RESERVED_SHEET_NAMES = ("history",)


def safe_sheet_names(names: Sequence[str], reserved: Sequence[str] = ()) -> list[str]:
    """Sheet names Excel accepts for these names, in order: none of []:*?/\\, no apostrophe
    at either end, at most 31 characters, and none equal to another or to a reserved name
    without regard to case or width (a repeated name gets ' (2)', ' (3)', ...)."""
    taken = {_folded(name) for name in (*reserved, *_RESERVED_SHEET_NAMES)}
    chosen: list[str] = []
    for name in names:
        base = _NOT_IN_SHEET_NAMES.sub("_", name).strip().strip("'").strip() or "_"
        candidate = _cut(base, SHEET_NAME_LIMIT)
        number = 2
        while _folded(candidate) in taken:
            suffix = f" ({number})"
            candidate = _cut(base, SHEET_NAME_LIMIT - len(suffix)).rstrip("' ") + suffix
            number += 1
        taken.add(_folded(candidate))
        chosen.append(candidate)
    return chosen


def _folded(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", name).casefold()


def _cut(text: str, limit: int) -> str:
    """The longest start of the text within `limit` UTF-16 code units, whole characters."""
    used = 0
    for position, character in enumerate(text):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > limit:
            return text[:position]
    return text


def saved(book: Workbook, stamp: datetime) -> bytes:
    """The workbook as the bytes of an xlsx file, made by plantrack at `stamp`: openpyxl's
    own clock (the modified time, the time of each zip entry) is replaced, so that the same
    workbook always gives the same bytes."""
    book.properties.creator = CREATOR
    book.properties.lastModifiedBy = CREATOR
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_clock(buffer.getvalue(), stamp)


def _without_clock(data: bytes, stamp: datetime) -> bytes:
    written = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + written, content)
            entry = zipfile.ZipInfo(item.filename, ZIP_TIME)
            entry.external_attr = item.external_attr
            target.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
