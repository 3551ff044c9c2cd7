"""xlsx workbooks: the report for people in Excel, the reporting template a department fills
in, and the export of the figures in force for scripts.

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

from plantrack.core.messages import Lang, msg
from plantrack.core.model import Entry, Plan
from plantrack.core.periods import Month
from plantrack.core.progress import STATUSES, Figures, TargetProgress, unit_scope
from plantrack.core.values import format_number
from plantrack.present.charts import STALE_COLOUR, STATUS_COLOURS
from plantrack.present.i18n import (
    elapsed_text,
    gap_text,
    goal_text,
    label,
    plain,
    status_words,
    words,
)
from plantrack.present.reports import ReportInput, report_name
from plantrack.present.serialize import EXPORT_COLUMNS, current_entries, entry_json, formula_like

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

    from plantrack.core.calendar import Template

CREATOR = "plantrack"
MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The sheet an export is on: part of the export's contract with scripts, like its columns.
EXPORT_SHEET = "export"
WIDEST_COLUMN = 60  # in the width of a Latin character; a Chinese character counts two
NARROWEST_COLUMN = 6
# Zip entries carry a time; the earliest a zip can hold stands for 'no time'.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NO_TIME = datetime(2000, 1, 1)
HEADER_FILL = "FFF5F5F5"  # the header cells of the HTML report's tables
WHITE = "FFFFFFFF"
PERCENT_FORMAT = "0.0%"


class SheetWriter:
    """Cells written into one worksheet, text made safe, the width of each column measured."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        self._widths: dict[int, int] = {}

    def text(self, row: int, column: int, text: str, *, measure: bool = True) -> Cell | MergedCell:
        """A text cell that a spreadsheet shows and never runs as a formula: stored as a
        string (never 'f'), with the quote prefix when it starts like one, and control
        characters written out (XML cannot hold them). A title is not `measure`d: it runs
        on over the empty cells to its right rather than widening its column."""
        shown = plain(text)
        cell = self.worksheet.cell(row=row, column=column)
        if not shown:
            return cell  # an empty cell, not an empty text
        cell.value = shown
        cell.data_type = "s"
        if formula_like(shown):
            cell.quotePrefix = True
        if measure:
            self._measure(column, max((cell_len(line) for line in shown.splitlines()), default=0))
        return cell

    def number(self, row: int, column: int, value: float, number_format: str) -> Cell | MergedCell:
        cell = self.worksheet.cell(row=row, column=column)
        cell.value = value
        cell.number_format = number_format
        self._measure(column, len(format_number(value)) + 2)
        return cell

    def header(self, row: int, keys: Sequence[str], lang: Lang) -> None:
        """A table's header row: bold on grey, a line below."""
        from openpyxl.styles import Border, Font, PatternFill, Side

        for column, key in enumerate(keys, 1):
            cell = self.text(row, column, label(key, lang))
            cell.font = Font(bold=True)
            cell.fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
            cell.border = Border(bottom=Side(style="medium", color="FF424242"))

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


def argb(colour: str) -> str:
    """#c62828 as openpyxl's opaque FFC62828."""
    return "FF" + colour.removeprefix("#").upper()


def filled(cell: Cell | MergedCell, colour: str) -> None:
    """A cell in a status colour: white bold words on it, as the HTML report's chips read."""
    from openpyxl.styles import Font, PatternFill

    cell.fill = PatternFill(fill_type="solid", fgColor=argb(colour))
    cell.font = Font(bold=True, color=WHITE)


# ── the report ───────────────────────────────────────────────────────────────

# The columns of every table of targets: the summary's attention list, and each section's and
# owner's sheet. The goal as the plan writes it (6%左右), then the figures as numbers, the unit
# in a column of its own.
TARGET_COLUMNS = (
    "col.status", "col.id", "col.name", "col.section", "col.owner", "col.target",
    "xlsx.col.target_value", "col.actual", "col.expected", "xlsx.col.unit", "col.period",
    "col.progress", "col.gap", "col.progress_note", "col.problems", "col.measures",
)  # fmt: skip


def report_workbook(report: ReportInput) -> bytes:
    """The report as a workbook: a summary sheet (title, as-of line, the count of each status,
    what needs attention), then a sheet for each section, then one for each owner when the
    plan names owners. Every word in the reader's language."""
    from openpyxl import Workbook

    lang = report.lang
    summary_name = label("xlsx.summary", lang)
    tables = [(section.label(lang), rows) for section, rows in report.by_section()]
    tables += _owner_tables(report)
    names = safe_sheet_names([name for name, _ in tables], reserved=[summary_name])
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = summary_name
    _write_summary(SheetWriter(summary), report)
    for name, (_, rows) in zip(names, tables, strict=True):
        sheet = SheetWriter(book.create_sheet(name))
        _write_targets(sheet, 1, rows, report)
        sheet.worksheet.freeze_panes = "A2"
        sheet.worksheet.auto_filter.ref = sheet.worksheet.dimensions
        sheet.set_widths()
    return saved(book, _first_day_after(report.progress.as_of))


def _owner_tables(report: ReportInput) -> list[tuple[str, list[TargetProgress]]]:
    """Each owner's targets, in section order, for the owners of the plan that have any."""
    in_order = [row for _, rows in report.by_section() for row in rows]
    plan = report.progress.plan
    tables = []
    figures = Figures(plan, report.entries) if plan.units else None
    for owner in plan.owners():
        if figures is not None:  # what the unit leads, and its own shares of split targets
            as_of = report.progress.as_of
            rows = unit_scope(plan, in_order, figures, owner, as_of, report.today)
        else:
            rows = [row for row in in_order if row.target.owner == owner]
        if rows:
            tables.append((plan.unit_label(owner, report.lang), rows))
    return tables


def _write_summary(sheet: SheetWriter, report: ReportInput) -> None:
    from openpyxl.styles import Font

    lang = report.lang
    sheet.text(1, 1, report.title, measure=False).font = Font(bold=True, size=14)
    row = 2
    if report.subtitle:
        sheet.text(row, 1, report.subtitle, measure=False).font = Font(bold=True)
        row += 1
    elapsed = elapsed_text(report.progress.elapsed)
    as_of = msg("headline.as_of", as_of=report.progress.as_of, elapsed=elapsed)
    sheet.text(row, 1, words(as_of, lang), measure=False)
    sheet.worksheet.freeze_panes = f"A{row + 1}"
    row += 2
    for key in (*STATUSES, "stale"):
        filled(sheet.text(row, 1, label(f"status.{key}", lang)), _colour(key))
        sheet.number(row, 2, report.counts[key], "0")
        row += 1
    sheet.text(row, 1, label("xlsx.counted", lang)).font = Font(bold=True)
    sheet.number(row, 2, sum(report.counts[key] for key in STATUSES), "0").font = Font(bold=True)
    row += 2
    part = report.projects
    if part is not None:  # the office's sentence on the key projects, then those behind
        projects = sheet.text(row, 1, label("projects.report_heading", lang), measure=False)
        projects.font = Font(bold=True, size=12)
        for line in (part.sentence, *(project.marked for project in part.behind)):
            row += 1
            sheet.text(row, 1, line, measure=False)
        row += 2
    heading = sheet.text(row, 1, label("report.attention", lang), measure=False)
    heading.font = Font(bold=True, size=12)
    attention = report.attention()
    if attention:
        _write_targets(sheet, row + 1, attention, report)
    else:
        sheet.text(row + 1, 1, label("report.nothing", lang), measure=False)
    sheet.set_widths()


def _colour(key: str) -> str:
    return STATUS_COLOURS.get(key, STALE_COLOUR)


def _write_targets(
    sheet: SheetWriter, first_row: int, rows: Sequence[TargetProgress], report: ReportInput
) -> None:
    """A table of targets from `first_row`: its header, then one row per target."""
    sheet.header(first_row, TARGET_COLUMNS, report.lang)
    for number, row in enumerate(rows, first_row + 1):
        _write_target(sheet, number, row, report)


def _write_target(
    sheet: SheetWriter, number: int, row: TargetProgress, report: ReportInput
) -> None:
    lang, target, plan = report.lang, row.target, report.progress.plan
    filled(sheet.text(number, 1, status_words(row, lang)), STATUS_COLOURS[row.status])
    sheet.text(number, 2, target.id)
    name = report_name(row, report)
    sheet.text(number, 3, name)
    sheet.text(number, 4, _section_name(plan, target.section, lang))
    sheet.text(number, 5, plan.unit_label(target.owner, lang) if target.owner else "")
    sheet.text(number, 6, goal_text(plan, target, lang))
    figures = ((7, target.target, 4), (8, row.actual, 4), (9, row.expected, 2))
    for column, value, places in figures:
        if value is not None:
            sheet.number(number, column, value, figure_format(value, places))
    sheet.text(number, 10, target.unit or "")
    sheet.text(number, 11, "" if row.period is None else str(row.period))
    if row.progress is not None:
        sheet.number(number, 12, row.progress, PERCENT_FORMAT)
    sheet.text(number, 13, gap_text(row, lang))
    # The department's latest notes, for a target at risk, off track or missed.
    noted = report.notes(row)
    if noted is not None:
        for column, text in enumerate(noted.notes, 14):
            if text:
                sheet.text(number, column, text)


def _section_name(plan: Plan, section_id: str, lang: Lang) -> str:
    section = plan.section(section_id)
    return section.label(lang) if section is not None else section_id


def _first_day_after(month: Month) -> datetime:
    """When a month's report is made, as far as a workbook says: the day after the month."""
    after = month.plus(1)
    return datetime(after.year, after.month, 1)


# ── the reporting template ───────────────────────────────────────────────────

# The columns of a template, in order. `import` reads a filled template back by these headers
# (store/import_file.py knows them in both languages; tests/test_cli_template.py keeps the
# two in step): the id, the period and the figure; the notes; the rest it ignores.
TEMPLATE_COLUMNS = (
    "template.col.id", "template.col.name", "template.col.unit", "template.col.period",
    "template.col.goal", "template.col.previous", "template.col.value",
    "template.col.progress_note", "template.col.problems", "template.col.measures",
)  # fmt: skip
# With units, the reporting unit (填报单位) follows the id: `import` reads it as `unit`.
UNIT_COLUMN = "template.col.reporting_unit"
# With key projects, their start (是, or the month) and a milestone reached follow the value:
# `import` reads them as `started` and `milestone` (docs/projects.md).
PROJECT_COLUMNS = ("template.col.started", "template.col.milestone")
TEMPLATE_HEADER_ROW = 2  # below the title
NOTES_WIDTH = 30
TO_FILL = "FFFFF2CC"  # the light yellow of a cell to fill in


def template_workbook(plan: Plan, template: Template, lang: Lang) -> bytes:
    """The sheet a department fills in: a title, a frozen header, one row per target due in
    the period with its id, name, unit, period, goal and previous figure, and the column
    本期数 (this period's figure) highlighted, empty, taking numbers only."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = str(template.period)
    sheet = SheetWriter(worksheet)
    title = (
        msg("template.title", plan=plan.info.label(lang), period=template.period)
        if template.owner is None
        else msg(
            "template.title_owner",
            plan=plan.info.label(lang),
            period=template.period,
            owner=plan.unit_label(template.owner, lang),
        )
    )
    sheet.text(1, 1, words(title, lang), measure=False).font = Font(bold=True, size=14)
    with_units = any(line.unit is not None for line in template.lines)
    columns: tuple[str, ...] = (
        (TEMPLATE_COLUMNS[0], UNIT_COLUMN, *TEMPLATE_COLUMNS[1:])
        if with_units
        else TEMPLATE_COLUMNS
    )
    if any(line.project for line in template.lines):  # a start and a milestone beside a value
        after_value = columns.index("template.col.value") + 1
        columns = (*columns[:after_value], *PROJECT_COLUMNS, *columns[after_value:])
    place = {key: number for number, key in enumerate(columns, 1)}
    value_column = place["template.col.value"]
    sheet.header(TEMPLATE_HEADER_ROW, columns, lang)
    to_fill = PatternFill(fill_type="solid", fgColor=TO_FILL)
    worksheet.cell(TEMPLATE_HEADER_ROW, value_column).fill = to_fill
    for number, line in enumerate(template.lines, TEMPLATE_HEADER_ROW + 1):
        # A unit's line has the unit's own target: its share, not the district's.
        target = line.target if line.unit is None else line.target.for_unit(line.unit)
        sheet.text(number, place["template.col.id"], target.id)
        if line.unit is not None:
            sheet.text(number, place[UNIT_COLUMN], plan.unit_label(line.unit, lang))
        sheet.text(number, place["template.col.name"], target.label(lang))
        sheet.text(number, place["template.col.unit"], target.unit or "")
        sheet.text(number, place["template.col.period"], str(template.period))
        sheet.text(number, place["template.col.goal"], goal_text(plan, target, lang))
        if line.previous is not None:
            previous_format = figure_format(line.previous, 4)
            sheet.number(number, place["template.col.previous"], line.previous, previous_format)
        worksheet.cell(number, value_column).fill = to_fill
        if line.project:
            for key in PROJECT_COLUMNS:
                worksheet.cell(number, place[key]).fill = to_fill
        for column in range(value_column + 1, len(columns) + 1):
            worksheet.cell(number, column).alignment = Alignment(wrap_text=True, vertical="top")
    last = TEMPLATE_HEADER_ROW + len(template.lines)
    _numbers_only(worksheet, f"{_letter(value_column)}{TEMPLATE_HEADER_ROW + 1}:"
                  f"{_letter(value_column)}{last}", lang)  # fmt: skip
    worksheet.freeze_panes = f"A{TEMPLATE_HEADER_ROW + 1}"
    sheet.set_widths()
    for column in range(value_column + 1, len(columns) + 1):
        dimension = worksheet.column_dimensions[_letter(column)]
        dimension.width = max(dimension.width or 0, NOTES_WIDTH)
    return saved(book, _first_day_after(template.period))


def _numbers_only(worksheet: Worksheet, cells: str, lang: Lang) -> None:
    """Excel's data validation: a decimal number, or nothing; a note says how to write a
    percentage (5.2, not 5.2%, which Excel would store as 0.052)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=label("template.value_error_title", lang),
        error=label("template.value_error", lang),
        showInputMessage=True,
        promptTitle=label("template.value_prompt_title", lang),
        prompt=label("template.value_prompt", lang),
    )
    validation.add(cells)
    worksheet.add_data_validation(validation)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


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
