"""Summaries for mail, chat and spreadsheets: plain text, Markdown, HTML, CSV and JSON (the
xlsx workbook is built in present/workbook.py from the same ReportInput).

Every format has the same order: a headline (plan, as-of month, share of the year elapsed,
counts per status), then what needs attention (off track, at risk, overdue, with the gap to
the expected value), then each section in full.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from plantrack.core.entries import entries_by_target, latest_notes
from plantrack.core.messages import Lang, Listing, msg
from plantrack.core.model import Entry, Section
from plantrack.core.progress import (
    ATTENTION,
    STATUSES,
    Assessment,
    Figures,
    MonthPoint,
    PlanProgress,
    TargetProgress,
    evaluate_unit,
    series_of,
    summarize,
)
from plantrack.core.projects import judge_projects, project_groups
from plantrack.core.values import format_number
from plantrack.present.charts import STALE_COLOUR, STATUS_COLOURS, month_chart, status_bar
from plantrack.present.i18n import (
    elapsed_text,
    gap_text,
    goal_text,
    label,
    labelled_note,
    note_lines,
    percent,
    plain,
    status_text,
    status_words,
    with_unit,
    words,
)
from plantrack.present.projects_view import behind_line, sentence
from plantrack.present.serialize import json_text, spreadsheet_safe, status_json
from plantrack.present.status_view import figure_month
from plantrack.present.wrapping import unbreakable, wrap_cells

FORMATS = ("text", "markdown", "html", "csv", "json", "xlsx")  # xlsx: present/workbook.py
TEXT_WIDTH = 80
# Charts in one HTML report: each is about 2 KB, and a mail over 10 MB is refused by many
# servers; a plan with thousands of targets behind would otherwise send one per target.
CHART_LIMIT = 100
# Targets whose progress notes (进展情况、存在问题、下一步措施) the reports print.
NOTED = ("at_risk", "off_track", "missed")


@dataclass(frozen=True)
class BehindProject:
    """A project behind, as a report lists it: its status (marked as the attention list of
    targets marks theirs, ✖ 滞后 or ▲ 预警), then its name, lead and what is late."""

    status: str
    marker: str  # the status's symbol and word, in the report's language
    line: str

    @property
    def marked(self) -> str:
        return f"{self.marker}  {self.line}"


@dataclass(frozen=True)
class ProjectPart:
    """What a report says of the key projects: the office's sentence and the projects behind."""

    sentence: str
    behind: list[BehindProject]


@dataclass(frozen=True)
class ReportInput:
    """What a report covers: the progress, the sections and rows chosen, their counts."""

    progress: PlanProgress
    sections: Sequence[Section]
    rows: Sequence[TargetProgress]
    counts: dict[str, int]
    lang: Lang
    entries: Sequence[Entry]  # the figures assessed: the charts draw them month by month
    today: date
    subtitle: str | None = None  # such as the owner a per-owner mail is for
    owner: str | None = None  # the owner (unit) a per-owner report is for: its projects only

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        rows: Sequence[TargetProgress],
        lang: Lang,
        subtitle: str | None = None,
        owner: str | None = None,
    ) -> ReportInput:
        """A report of some rows of an assessment (all of its scope, or an owner's)."""
        return cls(
            assessment.progress, assessment.sections, rows, summarize(rows), lang,
            assessment.entries, assessment.today, subtitle, owner,
        )  # fmt: skip

    @functools.cached_property
    def projects(self) -> ProjectPart | None:
        """The key projects, when the plan has a register (of the owner's, for an owner's
        report): the office's sentence, then the projects behind (docs/projects.md)."""
        plan = self.progress.plan
        register = plan.register
        if register is None:
            return None
        as_of = self.progress.as_of
        results = judge_projects(plan, register, self.entries, as_of, self.today)
        if self.owner is not None:
            results = tuple(result for result in results if result.project.lead == self.owner)
        if not results:
            return None
        (everything,) = project_groups(plan, results, as_of)
        behind = [
            BehindProject(
                result.status,
                status_text(result.status, self.lang),
                words(behind_line(plan, result, register.unit, self.lang), self.lang),
            )
            for result in results
            if result.behind
        ]
        return ProjectPart(sentence(everything, as_of, register.unit, self.lang), behind)

    @property
    def title(self) -> str:
        return self.progress.plan.info.label(self.lang)

    def attention(self) -> list[TargetProgress]:
        """Missed, then off track, then at risk, then overdue: counted targets only."""
        counted = [row for row in self.rows if row.counted]
        worst = [row for status in ATTENTION for row in counted if row.status == status]
        overdue = [row for row in counted if row.stale and row.status not in ATTENTION]
        return worst + overdue

    @functools.cached_property
    def _notes(self) -> dict[tuple[str, str | None], Entry]:
        noted = {(row.target.id, row.unit) for row in self.rows if row.status in NOTED}
        ids = {target for target, _ in noted}
        mine = entries_by_target(entry for entry in self.entries if entry.target in ids)
        found = {(target, unit): latest_notes(mine.get(target, []), unit) for target, unit in noted}
        return {key: entry for key, entry in found.items() if entry is not None}

    def notes(self, row: TargetProgress) -> Entry | None:
        """The department's latest notes on a target at risk, off track or missed (a unit's
        own, on its share): under it in the attention list, the leader reads why, and what
        is being done."""
        return self._notes.get((row.target.id, row.unit)) if row.status in NOTED else None

    def remarks(self, row: TargetProgress) -> list[str]:
        """What the attention list says under a target: for a split target, which units lag
        and which have not reported (the circular names them); then the notes."""
        lines = self._units_lagging(row)
        noted = self.notes(row)
        if noted is not None:
            lines += _note_texts(noted, self.lang)
        return lines

    @functools.cached_property
    def _figures(self) -> Figures:
        return Figures(self.progress.plan, self.entries)

    def _units_lagging(self, row: TargetProgress) -> list[str]:
        target = row.target
        if row.unit is not None or not target.split or not (row.status in NOTED or row.stale):
            return []
        plan, as_of = self.progress.plan, self.progress.as_of
        shares = [
            evaluate_unit(plan, target, unit, self._figures, as_of, self.today)
            for unit in target.split_units
        ]
        lang = self.lang
        behind = [
            msg(
                "report.unit_status",
                unit=plan.unit_label(unit, lang),
                status=label(f"status.{share.status}", lang),
            )
            for unit, share in zip(target.split_units, shares, strict=True)
            if share.status in NOTED and not share.stale  # an overdue one is listed as such
        ]
        late = [
            plan.unit_label(unit, lang)
            for unit, share in zip(target.split_units, shares, strict=True)
            if share.stale or share.status == "no_data"
        ]
        parts = []
        if behind:
            parts.append(words(msg("report.units_behind", units=Listing.of(behind)), lang))
        if late:
            parts.append(words(msg("report.units_late", units=Listing.of(late)), lang))
        return [label("report.units_separator", lang).join(parts)] if parts else []

    def by_section(self) -> Iterator[tuple[Section, list[TargetProgress]]]:
        for section in self.sections:
            rows = [row for row in self.rows if row.target.section == section.id]
            if rows:
                yield section, rows


def render_report(report: ReportInput, report_format: str) -> str:
    renderers = {
        "text": report_text,
        "markdown": report_markdown,
        "html": report_html,
        "csv": report_csv,
        "json": report_json,
    }
    return renderers[report_format](report)


# ── pieces shared by the formats ─────────────────────────────────────────────


def _as_of_line(report: ReportInput) -> str:
    elapsed = elapsed_text(report.progress.elapsed)
    return words(msg("headline.as_of", as_of=report.progress.as_of, elapsed=elapsed), report.lang)


def _counts_line(report: ReportInput) -> str:
    counts, lang = report.counts, report.lang
    *parts, stale = _count_labels(report)
    total = sum(counts[status] for status in STATUSES)
    line = msg(
        "report.counts",
        total=total,
        counts=label("report.separator", lang).join(parts),
        stale=stale,
    )
    return words(line, lang)


def _count_labels(report: ReportInput) -> list[str]:
    """Each status with its count ('○ 未报送 13'), then the overdue ones ('逾期未报 4')."""
    counts, lang = report.counts, report.lang
    parts = [f"{status_text(status, lang)} {counts[status]}" for status in STATUSES]
    return [*parts, f"{label('status.stale', lang)} {counts['stale']}"]


def _attention_heading(lang: Lang) -> str:
    return label("report.attention", lang)


def _nothing_needs_attention(lang: Lang) -> str:
    return label("report.nothing", lang)


def _actual_text(row: TargetProgress, report: ReportInput) -> str:
    lang = report.lang
    if row.actual is None or row.period is None:
        return label("status.no_data", lang)
    value = with_unit(round(row.actual, 2), row.target.unit, lang)
    plan = report.progress.plan
    month = figure_month(plan, row, lang)
    period: object = row.period
    if month == label("month.jan_feb", lang):
        period = msg("report.jan_feb_period", year=row.period.year)
    return words(msg("report.actual", value=value, period=period, month=month), lang)


def _expected_text(row: TargetProgress, report: ReportInput) -> str:
    lang = report.lang
    return "" if row.expected is None else with_unit(round(row.expected, 2), row.target.unit, lang)


def _progress_text(row: TargetProgress) -> str:
    return "" if row.progress is None else percent(row.progress)


def _gap(row: TargetProgress, report: ReportInput) -> str:
    lang = report.lang
    return gap_text(row, lang)


# The columns of the Markdown and HTML tables, and their cells as text.
TABLE_COLUMNS = (
    "col.status", "col.name", "col.target", "col.actual", "col.expected", "col.progress", "col.gap",
)  # fmt: skip


def _cells(row: TargetProgress, report: ReportInput) -> tuple[str, ...]:
    lang = report.lang
    return (
        status_words(row, lang),
        report_name(row, report),
        goal_text(report.progress.plan, row.target, lang),
        _actual_text(row, report),
        _expected_text(row, report),
        _progress_text(row),
        _gap(row, report),
    )


def report_name(row: TargetProgress, report: ReportInput) -> str:
    """The target's name, marked when it is a unit's own share or not counted this year."""
    lang = report.lang
    name = row.target.label(lang)
    if row.unit is not None:
        unit = report.progress.plan.unit_label(row.unit, lang)
        name += words(msg("status.share_of", unit=unit), lang)
    return name if row.counted else f"{name} ({label('counted_not', lang)})"


# ── plain text ────────────────────────────────────────────────────────────────


def report_text(report: ReportInput, width: int = TEXT_WIDTH) -> str:
    """Plain text for any mailer: no ANSI codes, lines wrapped to `width` terminal cells,
    never inside a number, between a number and its unit or between a label and its count."""
    units, keep = _unbreakable(report)
    # A name or a note may hold control characters: shown escaped, never sent to a terminal
    # or a mail reader raw (CSV escapes each cell, JSON escapes them itself). Escaped before
    # wrapping, so that the escapes count towards the width.
    wrapped = [
        piece
        for line in text_lines(report)
        for piece in wrap_cells(plain(line), width, indent=4, units=units, keep=keep)
    ]
    return plain("\n".join(wrapped) + "\n")


def text_lines(report: ReportInput) -> list[str]:
    """The lines of the text report before wrapping: the headline, what needs attention,
    then each section."""
    lang = report.lang
    lines = [report.title]
    if report.subtitle:
        lines.append(report.subtitle)
    lines += [_as_of_line(report), _counts_line(report)]
    part = report.projects
    if part is not None:
        lines += ["", label("projects.report_heading", lang), part.sentence]
        lines += [f"    {project.marked}" for project in part.behind]
    lines += ["", _attention_heading(lang)]
    attention = [
        line for row in report.attention() for line in _text_block(row, report, notes=True)
    ]
    lines += attention or [_nothing_needs_attention(lang)]
    for section, rows in report.by_section():
        lines += ["", words(msg("report.section", name=section.label(lang)), lang)]
        lines += [line for row in rows for line in _text_block(row, report)]
    return lines


def _unbreakable(report: ReportInput) -> tuple[set[str], list[str]]:
    """What wrapping keeps together: the units of the plan's figures and of gaps, each
    status's symbol and word, and each count with its label."""
    lang = report.lang
    units = {target.unit for target in report.progress.plan.targets if target.unit}
    units.add(label("unit.points", lang))
    keep = [status_text(status, lang) for status in STATUSES] + _count_labels(report)
    return units, keep


def _text_block(row: TargetProgress, report: ReportInput, *, notes: bool = False) -> list[str]:
    """What the text report says about one target: its line, then, in the attention list,
    the department's notes on it, each on a line of its own."""
    lines = [_text_line(row, report)]
    if notes:
        lines += [f"    {text}" for text in report.remarks(row)]
    return lines


def _note_texts(entry: Entry, lang: Lang) -> list[str]:
    """进展情况（2023-06）：… each note as one line, whole."""
    return [
        labelled_note(
            words(msg("notes.heading", name=name, period=entry.period), lang),
            " ".join(text.split()),
            lang,
        )
        for name, text in note_lines(entry, lang)
    ]


def _text_line(row: TargetProgress, report: ReportInput) -> str:
    lang = report.lang
    goal = goal_text(report.progress.plan, row.target, lang)
    details = [words(msg("report.goal", goal=goal), lang)]
    if row.actual is not None:  # 'no data' is already the status word
        details.insert(0, _actual_text(row, report))
    if row.progress is not None and not row.final:  # a final gap already says the share done
        details.append(words(msg("report.done", progress=_progress_text(row)), lang))
    if row.gap is not None:
        details.append(_gap(row, report))
    line = msg(
        "report.line",
        status=status_words(row, lang),
        name=report_name(row, report),
        details=label("report.separator", lang).join(details),
    )
    return words(line, lang)


# ── Markdown ─────────────────────────────────────────────────────────────────


def report_markdown(report: ReportInput) -> str:
    lang = report.lang
    out = [f"# {_md(report.title)}", ""]
    if report.subtitle:
        out += [f"**{_md(report.subtitle)}**", ""]
    out += [f"**{_md(_as_of_line(report))}**", ""]
    keys = (*STATUSES, "stale")
    out += [
        "| " + " | ".join(label(f"status.{key}", lang) for key in keys) + " |",
        "|" + "---:|" * len(keys),
        "| " + " | ".join(str(report.counts[key]) for key in keys) + " |",
        "",
    ]
    part = report.projects
    if part is not None:
        out += [f"## {_md(label('projects.report_heading', lang))}", "", _md(part.sentence), ""]
        out += [f"- {_md(project.marked)}" for project in part.behind]
        out += [""] if part.behind else []
    out += [f"## {_attention_heading(lang)}", ""]
    attention = report.attention()
    out += _md_table(attention, report) if attention else [_nothing_needs_attention(lang)]
    for row in attention:
        remarks = report.remarks(row)
        if remarks:
            out += ["", f"**{_md(report_name(row, report))}**", ""]
            out += [f"- {_md(text)}" for text in remarks]
    for section, rows in report.by_section():
        out += ["", f"## {_md(section.label(lang))}", "", *_md_table(rows, report)]
    return plain("\n".join(out) + "\n")


def _md_table(rows: Sequence[TargetProgress], report: ReportInput) -> list[str]:
    lang = report.lang
    lines = [
        "| " + " | ".join(label(key, lang) for key in TABLE_COLUMNS) + " |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(_md(cell) for cell in _cells(row, report)) + " |")
    return lines


def _md(text: str) -> str:
    """Escape what Markdown would read as table borders or markup; a line break becomes a
    space, so that a name cannot start a heading or end a table row."""
    text = " ".join(text.splitlines())
    for character in "\\|*_`[]<>#":
        text = text.replace(character, f"\\{character}")
    return text


# ── HTML ─────────────────────────────────────────────────────────────────────

_PAGE = "font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;color:#212121;max-width:960px;margin:0 auto;padding:16px;overflow-wrap:break-word"
_TABLE = "border-collapse:collapse;width:100%;margin:8px 0 20px 0;font-size:14px"
_TH = "text-align:left;border-bottom:2px solid #424242;padding:6px 8px;background:#f5f5f5"
_TD = "border-bottom:1px solid #e0e0e0;padding:6px 8px;vertical-align:top"
_TD_OPEN = "padding:6px 8px 2px 8px;vertical-align:top"  # a row with its chart below it
_H2 = "font-size:18px;margin:20px 0 4px 0"
_BREAKS_INSIDE = re.compile(r"[^0-9.%+]")  # where a browser may break a line
# Hidden where the table shows its header; the phone layout shows it before each value.
_CELL_LABEL = "display:none;mso-hide:all"

# Narrow screens: each target a card with the column names beside the values. The only
# style block; a mail client that drops it shows the table its inline styles draw.
_PHONE_STYLE = (
    # a phone on its side or a small tablet: the table, tighter
    "@media (max-width:760px){"
    "table.pt{font-size:13px!important}"
    "table.pt td,table.pt th{padding-left:4px!important;padding-right:4px!important;"
    "white-space:normal!important}"
    "table.pt .pt-b{width:56px!important}}"
    "@media (max-width:600px){"
    "body{padding:12px 10px!important}"
    "table.pt,table.pt thead,table.pt tbody,table.pt tr,table.pt td"
    "{display:block!important;width:auto!important}"
    "table.pt thead,table.pt td.pt-e{display:none!important}"
    "table.pt tbody{border:1px solid #d6d6d6;border-left-width:5px;border-radius:8px;"
    "margin:0 0 12px 0;padding:8px 12px}"
    "table.pt td{border:0!important;padding:2px 0!important}"
    "table.pt td.pt-n{font-weight:bold;font-size:16px}"
    "table.pt td.pt-f{display:flex!important;white-space:normal!important}"
    "table.pt .pt-l{display:block!important;flex:0 0 5.5em;color:#616161}"
    "table.pt .pt-b{width:100px!important}"
    "table.pt td.pt-c{padding-top:8px!important}"
    + "".join(
        f"table.pt tbody.s-{status}{{border-left-color:{colour}}}"
        for status, colour in STATUS_COLOURS.items()
    )
    + "}"
)


def report_html(report: ReportInput) -> str:
    """One self-contained page: inline styles for the desktop table (mail clients may strip
    style blocks), one media query that turns each target into a card on a phone, and
    inline SVG charts; no scripts, fonts, images or links to fetch."""
    lang = report.lang
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{label("html.lang", lang)}">',
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(report.title)}</title><style>{_PHONE_STYLE}</style></head>",
        f'<body style="{_PAGE}">',
        f'<h1 style="font-size:22px;margin:0 0 4px 0">{e(report.title)}</h1>',
    ]
    if report.subtitle:
        parts.append(f'<p style="margin:0 0 4px 0;font-weight:bold">{e(report.subtitle)}</p>')
    parts += [
        f'<p style="margin:0 0 8px 0;color:#424242">{e(_as_of_line(report))}</p>',
        status_bar(report.counts, lang),
        _html_counts(report),
    ]
    part = report.projects
    if part is not None:
        parts.append(f'<h2 style="{_H2}">{e(label("projects.report_heading", lang))}</h2>')
        parts.append(f'<p style="margin:0 0 8px 0">{e(part.sentence)}</p>')
        parts += [
            f'<p style="margin:0 0 4px 12px;color:#424242">'
            f'<span style="color:{STATUS_COLOURS[project.status]};font-weight:bold">'
            f"{e(project.marker)}</span>  {e(project.line)}</p>"
            for project in part.behind
        ]
    parts.append(f'<h2 style="{_H2}">{e(_attention_heading(lang))}</h2>')
    attention = report.attention()
    units, _ = _unbreakable(report)
    if attention:
        months = _attention_months(report, attention[:CHART_LIMIT])
        blocks = [
            _html_target(row, report, units, months.get(row.target.id), notes=True)
            for row in attention
        ]
        parts.append(_html_table(blocks, lang))
        if len(attention) > CHART_LIMIT:
            limited = words(msg("report.charts_limited", limit=CHART_LIMIT), lang)
            parts.append(f'<p style="color:#616161">{e(limited)}</p>')
    else:
        parts.append(f"<p>{e(_nothing_needs_attention(lang))}</p>")
    for section, rows in report.by_section():
        parts.append(f'<h2 style="{_H2}">{e(section.label(lang))}</h2>')
        parts.append(_html_table([_html_target(row, report, units) for row in rows], lang))
    parts += ["</body>", "</html>"]
    return plain("\n".join(parts) + "\n")


def _attention_months(
    report: ReportInput, rows: Sequence[TargetProgress]
) -> dict[str, tuple[MonthPoint, ...]]:
    """Each target month by month, as `show` has it, for its chart."""
    progress = report.progress
    targets = [row.target for row in rows]
    return series_of(progress.plan, targets, report.entries, progress.as_of, report.today)


def _html_counts(report: ReportInput) -> str:
    chips = []
    for key in (*STATUSES, "stale"):
        colour = STATUS_COLOURS.get(key, STALE_COLOUR)
        name = (
            status_text(key, report.lang) if key != "stale" else label("status.stale", report.lang)
        )
        chips.append(
            f'<span style="display:inline-block;margin:0 6px 6px 0;padding:3px 9px;border-radius:12px;'
            f'border:1px solid {colour};color:{colour};font-weight:bold;white-space:nowrap">'
            f"{html.escape(name)} {report.counts[key]}</span>"
        )
    return f'<p style="margin:0">{"".join(chips)}</p>'


def _html_table(blocks: Sequence[str], lang: Lang) -> str:
    """A table of targets, each target its own <tbody>: a card on a phone."""
    head = "".join(
        f'<th style="{_TH}">{html.escape(label(key, lang))}</th>' for key in TABLE_COLUMNS
    )
    return (
        f'<table class="pt" style="{_TABLE}"><thead><tr>{head}</tr></thead>\n'
        + "\n".join(blocks)
        + "</table>"
    )


def _html_target(
    row: TargetProgress,
    report: ReportInput,
    units: Collection[str],
    months: Sequence[MonthPoint] | None = None,
    *,
    notes: bool = False,
) -> str:
    """Everything the HTML report shows of one target: its row and, in the attention list,
    its chart month by month; more rows about it can follow in the same <tbody>."""
    lang = report.lang
    e = html.escape
    colour = STATUS_COLOURS[row.status]
    status = (
        f'<span style="color:{colour};font-weight:bold">{e(status_text(row.status, lang))}</span>'
    )
    if row.stale:
        status += f' <span style="color:{STALE_COLOUR};font-weight:bold">{e(label("status.stale", lang))}</span>'
    # The status and the bar are drawn in HTML; the other cells are escaped text, their
    # figures kept on one line with their units.
    _, name, *figures = _cells(row, report)
    goal, actual, expected, _, gap = (_html_figures(text, units) for text in figures)
    name = e(name)
    # A chart of a target with no figure yet would be an empty frame: the status says it all.
    charted = months is not None and any(point.progress.actual is not None for point in months)
    remarks = report.remarks(row) if notes else []
    style = _TD_OPEN if charted or remarks else _TD
    cells = [f'<td style="{style}">{status}</td>', f'<td class="pt-n" style="{style}">{name}</td>']
    labelled = zip(TABLE_COLUMNS[2:], (goal, actual, expected, _html_bar(row), gap), strict=True)
    for key, value in labelled:
        if value:
            tag = f'<span class="pt-l" style="{_CELL_LABEL}">{e(label(key, lang))}</span>'
            # Figures stay on one line in the table; the name and the gap wrap instead.
            nowrap = ";white-space:nowrap" if key in ("col.target", "col.expected") else ""
            cells.append(f'<td class="pt-f" style="{style}{nowrap}">{tag}<span>{value}</span></td>')
        else:
            cells.append(f'<td class="pt-e" style="{style}"></td>')
    rows = ["<tr>" + "".join(cells) + "</tr>"]
    if remarks:
        lines = "".join(f'<div style="margin:0 0 2px 0">{e(text)}</div>' for text in remarks)
        rows.append(
            f'<tr><td class="pt-e" style="{_TD_OPEN}"></td>'
            f'<td class="pt-c" colspan="{len(TABLE_COLUMNS) - 1}" '
            f'style="{_TD_OPEN};color:#424242">{lines}</td></tr>'
        )
    if charted:
        assert months is not None
        jan_feb = (
            report.progress.plan.calendar.jan_feb_combined and row.target.frequency == "monthly"
        )
        chart = month_chart(row, months, lang, jan_feb=jan_feb)
        rows.append(
            f'<tr><td class="pt-e" style="{_TD}"></td>'
            f'<td class="pt-c" colspan="{len(TABLE_COLUMNS) - 1}" style="{_TD};padding-bottom:12px">'
            f"{chart}</td></tr>"
        )
    return f'<tbody class="s-{row.status}">{"".join(rows)}</tbody>'


def _html_figures(text: str, units: Collection[str]) -> str:
    """Escaped text in which a browser never breaks a number from its unit."""
    parts, position = [], 0
    for start, end in unbreakable(text, units):
        piece = text[start:end]
        if _BREAKS_INSIDE.search(piece):  # 17.5个百分点, 2023-06, 68 万平方米; not 32.5%
            parts.append(html.escape(text[position:start]))
            parts.append(f'<span style="white-space:nowrap">{html.escape(piece)}</span>')
            position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def _html_bar(row: TargetProgress) -> str:
    if row.progress is None:
        return ""
    width = round(max(0.0, min(row.progress, 1.0)) * 100)
    colour = STATUS_COLOURS[row.status]
    return (
        '<span class="pt-b" style="display:inline-block;width:100px;height:8px;background:#e0e0e0;'
        f'border-radius:4px;vertical-align:middle"><span style="display:block;width:{width}%;'
        f'height:8px;background:{colour};border-radius:4px"></span></span> {percent(row.progress)}'
    )


# ── CSV and JSON ─────────────────────────────────────────────────────────────

CSV_COLUMNS = (
    "section", "id", "name", "owner", "kind", "unit", "target", "actual", "period", "expected",
    "progress", "gap", "status", "stale", "forecast", "counted", "progress_note", "problems",
    "measures",
)  # fmt: skip


def report_csv(report: ReportInput) -> str:
    """One row per target in section order, for people in Excel: headers and words in the
    reader's language, progress as a percentage (46.7%), other numbers as numbers, text made
    formula-safe. Scripts read `status --json` or `export`, whose keys never change."""
    lang = report.lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(label(f"csv.{column}", lang) for column in CSV_COLUMNS)
    for _, rows in report.by_section():
        for row in rows:
            writer.writerow(_csv_cell(value, lang) for value in _csv_values(row, report))
    return buffer.getvalue()


def _csv_values(row: TargetProgress, report: ReportInput) -> tuple[object, ...]:
    """A target's cells as a reader of the report wants them: the section's name, figures
    rounded as the tables show them (the gap to one decimal), and its latest notes when it
    is at risk, off track or missed."""
    lang, target = report.lang, row.target
    noted = report.notes(row)
    notes = (None, None, None) if noted is None else noted.notes
    return (
        _section_label(report, target.section), target.id, report_name(row, report),
        report.progress.plan.unit_label(target.owner, lang) if target.owner else None,
        label(f"kind.{target.kind}", lang), target.unit, target.target, row.actual,
        None if row.period is None else str(row.period), _rounded(row.expected, 2),
        None if row.progress is None else percent(row.progress), _rounded(row.gap, 1),
        label(f"status.{row.status}", lang), row.stale, _rounded(row.forecast, 2), row.counted,
        *notes,
    )  # fmt: skip


def _rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _section_label(report: ReportInput, section_id: str) -> str:
    section = report.progress.plan.section(section_id)
    return section.label(report.lang) if section is not None else section_id


def _csv_cell(value: object, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("csv.true" if value else "csv.false", lang)
    if isinstance(value, float):
        return format_number(value)
    return spreadsheet_safe(str(value))


def report_json(report: ReportInput) -> str:
    data = status_json(report.progress, report.rows, report.counts, report.lang)
    return json_text(data, indent=2) + "\n"
