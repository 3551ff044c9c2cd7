"""Plain dictionaries for --json output: the shapes other tools rely on (docs/cli.md)."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

from plantrack.core.entries import in_force_by_key, revisions
from plantrack.core.messages import Lang
from plantrack.core.model import TARGET_FIELDS, Entry, Plan, Section, Target
from plantrack.core.progress import Breakdown, MonthPoint, PlanProgress, TargetProgress
from plantrack.core.schedule import effective_schedule
from plantrack.core.text import BIDI_CHARACTERS
from plantrack.core.values import format_number
from plantrack.present.i18n import plain


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON that every parser reads: a value that is not a finite number is null, never the
    `Infinity` or `NaN` that Python's encoder writes by default."""
    import json

    separators = None if indent is not None else (",", ":")
    try:
        text = json.dumps(
            data, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
        )
    except ValueError:  # rare: walk the data only when a value is not finite
        text = json.dumps(_finite(data), ensure_ascii=False, indent=indent, separators=separators)
    # Control characters are escaped by json itself; the bidirectional overrides are not, and
    # would reorder what a terminal shows. They can stand only inside strings: escaped there.
    return BIDI_CHARACTERS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _finite(data: Any) -> Any:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def plan_info_json(plan: Plan) -> dict[str, Any]:
    info = plan.info
    return {
        "title": info.title,
        "title_en": info.title_en,
        "year": info.year,
        "source": info.source,
    }


def section_json(section: Section) -> dict[str, Any]:
    return {"id": section.id, "name": section.name, "name_en": section.name_en}


def target_json(plan: Plan, target: Target) -> dict[str, Any]:
    """Every field of the schema with the defaults filled in, plus `counted`."""
    fields = {name: getattr(target, name) for name in TARGET_FIELDS}
    fields["tolerance"] = plan.tolerance(target)
    fields["schedule"] = list(effective_schedule(target, plan.year))
    fields["due"] = target.due or f"{plan.year}-12"
    fields["tags"] = list(target.tags)
    fields["partners"] = list(target.partners)
    # As the plan file writes it: unit id → the unit's own target.
    fields["split"] = {share.unit: share.target for share in target.split}
    fields["counted"] = plan.counted(target)
    return fields


def plan_json(plan: Plan, sections: Sequence[Section]) -> dict[str, Any]:
    section_ids = {section.id for section in sections}
    return {
        "plan": plan_info_json(plan),
        "sections": [section_json(section) for section in sections],
        "units": [
            {"id": unit.id, "name": unit.name, "name_en": unit.name_en, "kind": unit.kind}
            for unit in plan.units
        ],
        "targets": [
            target_json(plan, target) for target in plan.targets if target.section in section_ids
        ],
    }


# Cells starting with these are run as formulas by spreadsheets (CSV injection), also after
# leading blanks or line breaks, and in their full-width forms (＝ ＋ － ＠), which some
# spreadsheets read as the ASCII ones.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_FULL_WIDTH = str.maketrans("＝＋－＠", "=+-@")
# `unit` comes last: scripts that read the columns before it by position keep working.
EXPORT_COLUMNS = (
    "target", "period", "value", "recorded_at", "by", "source", "note", "progress_note",
    "problems", "measures", "unit",
)  # fmt: skip


def spreadsheet_safe(text: str) -> str:
    """A text cell as a spreadsheet must show it: control characters escaped, and a leading
    ' when the cell could be run as a formula."""
    text = plain(text)
    return f"'{text}" if formula_like(text) else text


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could run the text as a formula (an xlsx cell of it is stored as
    a string with a quote prefix instead)."""
    if text.startswith(_FORMULA_STARTS):
        return True
    return text.lstrip(" \u3000\u00a0").translate(_FULL_WIDTH).startswith(_FORMULA_STARTS)


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "target": entry.target,
        "period": str(entry.period),
        "value": entry.value,
        "recorded_at": entry.recorded_at,
        "by": entry.by,
        "source": entry.source,
        "note": entry.note,
        "withdrawn": entry.withdrawn,
        "progress_note": entry.progress_note,
        "problems": entry.problems,
        "measures": entry.measures,
        "unit": entry.unit,
    }


def current_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entry in force for each target and period, by target then period."""
    latest = in_force_by_key(entries)
    return [latest[key] for key in sorted(latest, key=lambda key: (key[0], key[2], key[1] or ""))]


def export_csv(entries: Iterable[Entry]) -> str:
    """The current figures as CSV, numbers as numbers and text cells safe for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for entry in current_entries(entries):
        row = entry_json(entry)
        writer.writerow(
            format_number(cell)
            if isinstance(cell, float)
            else spreadsheet_safe(cell)
            if isinstance(cell, str)
            else ""
            for cell in (row[column] for column in EXPORT_COLUMNS)
        )
    return buffer.getvalue()


def progress_json(result: TargetProgress, lang: Lang) -> dict[str, Any]:
    """One target's row of `status --json`: floats unrounded, null where a value does not exist."""
    target = result.target
    return {
        "id": target.id,
        "name": target.label(lang),
        "section": target.section,
        "owner": target.owner,
        "lead": target.lead,
        "partners": list(target.partners),
        # Set on a unit's own share of a split target (status --unit): the unit's id.
        "split_unit": result.unit,
        "kind": target.kind,
        "unit": target.unit,
        "target": target.target,
        "actual": result.actual,
        "period": None if result.period is None else str(result.period),
        "expected": result.expected,
        "progress": result.progress,
        "status": result.status,
        "stale": result.stale,
        "forecast": result.forecast,
        "counted": result.counted,
        "gap": result.gap,
        "final": result.final,
        "pending": None if result.pending is None else result.pending.isoformat(),
    }


def status_json(
    progress: PlanProgress, rows: Sequence[TargetProgress], counts: dict[str, int], lang: Lang
) -> dict[str, Any]:
    info = progress.plan.info
    return {
        "plan": {"title": info.title, "title_en": info.title_en, "year": info.year},
        "as_of": str(progress.as_of),
        "elapsed": progress.elapsed,
        "targets": [progress_json(row, lang) for row in rows],
        "summary": counts,
    }


def sections_json(
    as_of: str, counts: Breakdown, summary: dict[str, int], lang: Lang
) -> dict[str, Any]:
    """`sections --json`: counts per status for each section and owner, and in all."""
    return {
        "as_of": as_of,
        "sections": [
            {"id": section.id, "name": section.label(lang), **section_counts}
            for section, section_counts in counts.by_section
        ],
        "owners": [{"owner": owner, **owner_counts} for owner, owner_counts in counts.by_owner],
        "summary": summary,
    }


def show_json(
    as_of: str,
    result: TargetProgress,
    months: Sequence[MonthPoint],
    entries: Sequence[Entry],
    lang: Lang,
) -> dict[str, Any]:
    """`show --json`: the target's row, its row as of each month, and its entries."""
    return {
        "as_of": as_of,
        "target": progress_json(result, lang),
        "months": [progress_json(point.progress, lang) for point in months],
        "entries": [entry_json(entry) for entry in entries],
    }


def history_json(target: Target, entries: Sequence[Entry]) -> dict[str, Any]:
    """`history --json`: every entry of the target, superseded ones flagged."""
    return {
        "target": target.id,
        "entries": [
            {**entry_json(entry), "superseded": revision != "current", "revision": revision}
            for entry, revision in zip(entries, revisions(entries), strict=True)
        ],
    }


def units_json(
    plan: Plan,
    as_of: str,
    per_unit: Sequence[tuple[str, dict[str, int]]],
    summary: dict[str, int],
    lang: Lang,
) -> dict[str, Any]:
    """`sections --by unit --json`: counts per status for each unit over what it leads and
    its shares of split targets, and the plan's in all."""
    return {
        "as_of": as_of,
        "units": [
            {"unit": unit, "name": plan.unit_label(unit, lang), **counts}
            for unit, counts in per_unit
        ],
        "summary": summary,
    }
