"""Summaries for mail, chat and spreadsheets: plain text, Markdown, HTML, CSV and JSON.

Every format has the same order: a headline (plan, as-of month, share of the year elapsed,
counts per status), then what needs attention (off track, at risk, overdue, with the gap to
the expected value), then each section in full.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from plantrack.core.messages import Lang, msg
from plantrack.core.model import Entry, Section
from plantrack.core.progress import (
    ATTENTION,
    STATUSES,
    Assessment,
    PlanProgress,
    TargetProgress,
    summarize,
)
from plantrack.core.values import format_number
from plantrack.present.i18n import (
    elapsed_text,
    gap_text,
    goal_text,
    label,
    percent,
    plain,
    status_text,
    status_words,
    with_unit,
    words,
)
from plantrack.present.serialize import json_text, spreadsheet_safe, status_json
from plantrack.present.status_view import figure_month
from plantrack.present.wrapping import wrap_cells

FORMATS = ("text", "markdown", "html", "csv", "json")
TEXT_WIDTH = 80
STATUS_COLOURS = {
    "achieved": "#1b5e20",
    "on_track": "#2e7d32",
    "at_risk": "#b26a00",
    "off_track": "#c62828",
    "missed": "#7f0000",
    "no_data": "#757575",
}
STALE_COLOUR = "#6a1b9a"


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

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        rows: Sequence[TargetProgress],
        lang: Lang,
        subtitle: str | None = None,
    ) -> ReportInput:
        """A report of some rows of an assessment (all of its scope, or an owner's)."""
        return cls(
            assessment.progress, assessment.sections, rows, summarize(rows), lang,
            assessment.entries, assessment.today, subtitle,
        )  # fmt: skip

    @property
    def title(self) -> str:
        return self.progress.plan.info.label(self.lang)

    def attention(self) -> list[TargetProgress]:
        """Missed, then off track, then at risk, then overdue: counted targets only."""
        counted = [row for row in self.rows if row.counted]
        worst = [row for status in ATTENTION for row in counted if row.status == status]
        overdue = [row for row in counted if row.stale and row.status not in ATTENTION]
        return worst + overdue

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
        _name(row, report),
        goal_text(report.progress.plan, row.target, lang),
        _actual_text(row, report),
        _expected_text(row, report),
        _progress_text(row),
        _gap(row, report),
    )


def _name(row: TargetProgress, report: ReportInput) -> str:
    lang = report.lang
    name = row.target.label(lang)
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
    lines += [_as_of_line(report), _counts_line(report), "", _attention_heading(lang)]
    attention = [line for row in report.attention() for line in _text_block(row, report)]
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


def _text_block(row: TargetProgress, report: ReportInput) -> list[str]:
    """What the text report says about one target: its line (more lines may follow it)."""
    return [_text_line(row, report)]


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
        name=_name(row, report),
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
        f"## {_attention_heading(lang)}",
        "",
    ]
    attention = report.attention()
    out += _md_table(attention, report) if attention else [_nothing_needs_attention(lang)]
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

_PAGE = "font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;color:#212121;max-width:960px;margin:0 auto;padding:16px"
_TABLE = "border-collapse:collapse;width:100%;margin:8px 0 20px 0;font-size:14px"
_TH = "text-align:left;border-bottom:2px solid #424242;padding:6px 8px;background:#f5f5f5"
_TD = "border-bottom:1px solid #e0e0e0;padding:6px 8px;vertical-align:top"


def report_html(report: ReportInput) -> str:
    """One self-contained page with inline styles only: mail clients strip style sheets."""
    lang = report.lang
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{label("html.lang", lang)}">',
        f'<head><meta charset="utf-8"><title>{e(report.title)}</title></head>',
        f'<body style="{_PAGE}">',
        f'<h1 style="font-size:22px;margin:0 0 4px 0">{e(report.title)}</h1>',
    ]
    if report.subtitle:
        parts.append(f'<p style="margin:0 0 4px 0;font-weight:bold">{e(report.subtitle)}</p>')
    parts += [
        f'<p style="margin:0 0 12px 0;color:#424242">{e(_as_of_line(report))}</p>',
        _html_counts(report),
    ]
    parts.append(
        f'<h2 style="font-size:18px;margin:16px 0 4px 0">{e(_attention_heading(lang))}</h2>'
    )
    attention = report.attention()
    parts.append(
        _html_table(attention, report)
        if attention
        else f"<p>{e(_nothing_needs_attention(lang))}</p>"
    )
    for section, rows in report.by_section():
        parts.append(
            f'<h2 style="font-size:18px;margin:16px 0 4px 0">{e(section.label(lang))}</h2>'
        )
        parts.append(_html_table(rows, report))
    parts += ["</body>", "</html>"]
    return plain("\n".join(parts) + "\n")


def _html_counts(report: ReportInput) -> str:
    chips = []
    for key in (*STATUSES, "stale"):
        colour = STATUS_COLOURS.get(key, STALE_COLOUR)
        name = (
            status_text(key, report.lang) if key != "stale" else label("status.stale", report.lang)
        )
        chips.append(
            f'<span style="display:inline-block;margin:0 8px 6px 0;padding:4px 10px;border-radius:12px;'
            f'border:1px solid {colour};color:{colour};font-weight:bold">'
            f"{html.escape(name)} {report.counts[key]}</span>"
        )
    return f'<p style="margin:0">{"".join(chips)}</p>'


def _html_table(rows: Sequence[TargetProgress], report: ReportInput) -> str:
    lang = report.lang
    e = html.escape
    head = "".join(f'<th style="{_TH}">{e(label(key, lang))}</th>' for key in TABLE_COLUMNS)
    body = []
    for row in rows:
        colour = STATUS_COLOURS[row.status]
        status = f'<span style="color:{colour};font-weight:bold">{e(status_text(row.status, lang))}</span>'
        if row.stale:
            status += f' <span style="color:{STALE_COLOUR};font-weight:bold">{e(label("status.stale", lang))}</span>'
        # The status and the bar are drawn in HTML; the other cells are escaped text.
        _, name, goal, actual, expected, _, gap = (e(cell) for cell in _cells(row, report))
        cells = (status, name, goal, actual, expected, _html_bar(row), gap)
        body.append("<tr>" + "".join(f'<td style="{_TD}">{cell}</td>' for cell in cells) + "</tr>")
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _html_bar(row: TargetProgress) -> str:
    if row.progress is None:
        return ""
    width = round(max(0.0, min(row.progress, 1.0)) * 100)
    colour = STATUS_COLOURS[row.status]
    return (
        '<div style="width:100px;height:8px;background:#e0e0e0;border-radius:4px;display:inline-block;'
        f'vertical-align:middle"><div style="width:{width}%;height:8px;background:{colour};'
        f'border-radius:4px"></div></div> {percent(row.progress)}'
    )


# ── CSV and JSON ─────────────────────────────────────────────────────────────

CSV_COLUMNS = (
    "section", "id", "name", "owner", "kind", "unit", "target", "actual", "period", "expected",
    "progress", "gap", "status", "stale", "forecast", "counted",
)  # fmt: skip


def report_csv(report: ReportInput) -> str:
    """One row per target in section order, headers and words in the reader's language;
    numbers as numbers, text made formula-safe."""
    lang = report.lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(label(f"csv.{column}", lang) for column in CSV_COLUMNS)
    for _, rows in report.by_section():
        for row in rows:
            writer.writerow(_csv_cell(value, lang) for value in _csv_values(row, lang))
    return buffer.getvalue()


def _csv_values(row: TargetProgress, lang: Lang) -> tuple[object, ...]:
    target = row.target
    return (
        target.section, target.id, target.label(lang), target.owner,
        label(f"kind.{target.kind}", lang), target.unit, target.target, row.actual,
        None if row.period is None else str(row.period), row.expected, row.progress, row.gap,
        label(f"status.{row.status}", lang), row.stale, row.forecast, row.counted,
    )  # fmt: skip


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
