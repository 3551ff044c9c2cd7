"""Putting Messages into words in the reader's language, and the phrases tables and reports share.

Every text comes from the catalogue (present/catalogue.py) by its key; nothing here, or
anywhere else, chooses words with `if lang == "zh"`. Choosing the language itself is here
too: --lang, then PLANTRACK_LANG, then the locale.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.core.messages import LANGS, Lang, Listing, Message, Quantity, msg
from plantrack.core.model import Entry, Plan, Target
from plantrack.core.periods import Month
from plantrack.core.text import BIDI_OVERRIDES, C0_C1
from plantrack.core.values import format_number
from plantrack.present.catalogue import CATALOGUE

if TYPE_CHECKING:
    from plantrack.core.progress import TargetProgress

STATUS_SYMBOLS = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
    "missed": "✘",
    "no_data": "○",
}


def words(message: Message | str, lang: Lang) -> str:
    """The message in the reader's language, its values put into words too."""
    if isinstance(message, str):
        return label(message, lang)
    template = label(message.key, lang)
    if not message.params:
        return template
    values = {name: value_words(value, lang) for name, value in message.params.items()}
    if "|" in template:  # an English plural: {count:figure|figures}
        return _PLURALS.vformat(template, (), values)
    return template.format(**values)


class _Plurals(string.Formatter):
    """`{count:figure|figures}`: the first word when the value is 1, else the second, so that
    English says "1 figure" and "2 figures"; Chinese needs none."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if str(value).strip() == "1" else many
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


# What is escaped when user text is shown (core/text.py): the controls, and the overrides
# that make text read in another order than it is stored.
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_OVERRIDES}]")  # tab, LF kept
_CONTROLS_AND_BREAKS = re.compile(f"[{C0_C1}{BIDI_OVERRIDES}]")


QUOTED_AT_MOST = 200  # characters of a typed value that a one-line message quotes


def plain(text: str) -> str:
    """User text as it may be shown: every control character but tab and newline written
    out as an escape (\\x1b), so that a name or a note can neither drive the terminal nor
    hide what it says."""
    return _CONTROLS.sub(_escaped, text) if _CONTROLS.search(text) else text


def one_line(text: str) -> str:
    """User text inside a one-line message: line breaks and tabs are escaped too."""
    return _CONTROLS_AND_BREAKS.sub(_escaped, text) if _CONTROLS_AND_BREAKS.search(text) else text


_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    named = _NAMED_ESCAPES.get(match.group())
    if named is not None:
        return named
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def label(key: str, lang: Lang) -> str:
    """The catalogue's text for a key that takes no values."""
    entry = CATALOGUE[key]
    return entry.zh if lang == "zh" else entry.en


def value_words(value: object, lang: Lang) -> str:
    if isinstance(value, Message):
        return words(value, lang)
    if isinstance(value, Quantity):
        return with_unit(value.value, value.unit, lang)
    if isinstance(value, Listing):
        return label("list.separator", lang).join(value_words(item, lang) for item in value.items)
    if isinstance(value, Path):
        return one_line(display_path(value))
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, str):
        # What a user typed, quoted in a message: enough to recognise it, never a screenful.
        shown = value if len(value) <= QUOTED_AT_MOST else value[:QUOTED_AT_MOST] + "…"
        return one_line(shown)
    if isinstance(value, Month | date | int):
        return str(value)
    raise TypeError(f"a message value of type {type(value).__name__} has no words")


def display_path(path: Path) -> str:
    """How to name a file in a message: relative to the current folder when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if len(relative) <= len(str(path)) else str(path)


# ── the language ─────────────────────────────────────────────────────────────


def lang_from_locale(environ: Mapping[str, str]) -> Lang:
    """zh when the first locale variable set (LC_ALL, LC_MESSAGES, LANG) is zh_*, else en."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def parse_lang(text: str) -> Lang | None:
    normalized = text.strip().lower().replace("-", "_")
    for lang in LANGS:
        if normalized == lang or normalized.startswith(f"{lang}_"):
            return lang
    return None


def lenient_lang(option: str | None, environ: Mapping[str, str]) -> Lang:
    """The language to speak in, never failing: for help and for errors about the language
    itself. An unknown --lang or PLANTRACK_LANG falls through to the next source."""
    for candidate in (option, environ.get("PLANTRACK_LANG")):
        lang = parse_lang(candidate) if candidate else None
        if lang is not None:
            return lang
    return lang_from_locale(environ)


# ── phrases that tables, reports and mail share ──────────────────────────────


NOTE_KEYS = ("col.progress_note", "col.problems", "col.measures")


def note_lines(entry: Entry, lang: Lang) -> list[tuple[str, str]]:
    """The department's notes on a figure as (heading, text): 进展情况, 存在问题, 下一步措施."""
    return [
        (label(key, lang), text) for key, text in zip(NOTE_KEYS, entry.notes, strict=True) if text
    ]


def labelled_note(name: str, text: str, lang: Lang) -> str:
    """进展情况：… A department's note put in words whole: not as a message value, which
    quotes only the first QUOTED_AT_MOST characters of what was typed."""
    return label("notes.line", lang).format(name=name, text=text)


def with_unit(value: float, unit: str | None, lang: Lang) -> str:
    """150个 in Chinese, 150 个 in English; percentages stay 6%; nothing for a value that is
    not a finite number."""
    number = format_number(value)
    if not unit or not number:
        return number
    key = "quantity.percent" if unit == "%" else "quantity"
    return label(key, lang).format(number=number, unit=unit)


def goal_text(plan: Plan, target: Target, lang: Lang) -> str:
    """The goal as the report phrases it: 6%左右, 1—2个, 1500人以上 / about 6%, 1–2 个;
    同步于地区生产总值增长 / in step with GDP growth for a target that follows another."""
    if target.follows is not None:
        followed = plan.target(target.follows)
        name = followed.label(lang) if followed else target.follows
        key = "goal.follows" if target.offset == 0 else "goal.follows_offset"
        return words(msg(key, name=name, offset=f"{target.offset:+g}"), lang)
    if target.kind == "milestone" and target.target == 100:
        return label("milestone.done", lang)
    if target.target is None:
        return ""
    if target.stretch is not None:
        span = label("goal.range", lang).format(
            low=format_number(target.target), high=format_number(target.stretch)
        )
        return with_unit_text(span, target.unit, lang)
    amount = with_unit(target.target, target.unit, lang)
    if target.qualifier is None:
        return amount
    return label(f"qualifier.{target.qualifier}", lang).format(amount=amount)


def with_unit_text(number: str, unit: str | None, lang: Lang) -> str:
    """A number already written (a range such as 1—2) followed by its unit."""
    if not unit:
        return number
    key = "quantity.percent" if unit == "%" else "quantity"
    return label(key, lang).format(number=number, unit=unit)


def status_text(status: str, lang: Lang) -> str:
    """The status as a symbol and a word, so that it reads without colour too."""
    return f"{STATUS_SYMBOLS[status]} {label(f'status.{status}', lang)}"


def status_words(result: TargetProgress, lang: Lang) -> str:
    """The status word, then 'overdue' when a figure due has not come in, or when the
    figure waited for is due ('待报（2023-08-15）')."""
    text = status_text(result.status, lang)
    if result.stale:
        return f"{text} {label('status.stale', lang)}"
    if result.pending is not None:
        return f"{text} {words(msg('status.pending', date=result.pending.isoformat()), lang)}"
    return text


def one_decimal(value: float | Decimal) -> str:
    """A number to one decimal, rounded half away from zero as statistics are: 113.25 → 113.3.
    The decimal digits written are rounded, not the binary float nearest them."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not number.is_finite():
        return ""
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + 3)  # room for the largest figure
        quantum = number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{quantum:.1f}".replace("-0.0", "0.0")


def percent(fraction: float) -> str:
    """A share as a percentage with one decimal: 0.4667 → 46.7%, 0.0725 → 7.3%, 1 → 100.0%."""
    shown = one_decimal(Decimal(repr(fraction)) * 100)
    return f"{shown}%" if shown else ""


def gap_text(result: TargetProgress, lang: Lang) -> str:
    """The gap the way planning offices write it (docs/progress.md, 'Gap'); for a final
    total, milestone or level, the share of the target done."""
    target, gap = result.target, result.gap
    if (
        result.final
        and target.kind in ("total", "milestone", "level")
        and result.progress is not None
    ):
        return words(msg("gap.final_share", share=percent(result.progress)), lang)
    if gap is None:
        return ""
    amount = one_decimal(abs(gap))
    if target.kind == "limit":
        return _limit_gap_text(target, gap, amount, lang)
    if amount == "0.0":
        return label("gap.on_schedule", lang)
    amount = amount.removesuffix(".0")
    above = gap > 0
    if target.kind == "growth":
        key = "gap.growth_above" if above else "gap.growth_below"
        return words(msg(key, amount=points(amount, lang)), lang)
    if target.kind == "level":
        key = "gap.level_above" if above else "gap.level_below"
        return words(msg(key, amount=with_unit_text(amount, target.unit, lang)), lang)
    ahead = above if target.direction == "up" else not above
    return words(msg("gap.ahead" if ahead else "gap.behind", amount=points(amount, lang)), lang)


def points(amount: str, lang: Lang) -> str:
    """Percentage points: 17.5个百分点 / 17.5 points."""
    return with_unit_text(amount, label("unit.points", lang), lang)


def _limit_gap_text(target: Target, gap: float, amount: str, lang: Lang) -> str:
    """低于上限0.3个百分点 / 0.3 points under the ceiling; 超出上限, 高于下限, 低于下限; 达到上限."""
    ceiling = target.direction == "down"
    bound = "ceiling" if ceiling else "floor"
    if amount == "0.0":
        return label(f"gap.{bound}.at", lang)
    inside = gap <= 0 if ceiling else gap >= 0
    side = bound + (".inside" if inside else ".outside")
    shown = amount.removesuffix(".0")
    if target.unit == "%":
        return words(msg(f"gap.{side}", amount=points(shown, lang)), lang)
    return words(msg(f"gap.{side}", amount=with_unit_text(shown, target.unit, lang)), lang)


def month_name(month: Month, lang: Lang, *, jan_feb: bool = False) -> str:
    """6月 / Jun: the month of a figure beside it in a table; 1-2月 / Jan-Feb for February
    when the plan reports January and February together."""
    if jan_feb and month.month == 2:
        return label("month.jan_feb", lang)
    return label(f"month.{month.month}", lang)


def elapsed_text(share: float) -> str:
    """The share of the year elapsed: 50%, 58.3%."""
    return f"{share:.1%}".replace(".0%", "%")


def status_names() -> dict[str, str]:
    """Each status's word in both languages (正常推进, on track), for --only to read."""
    from plantrack.core.progress import SUMMARY_KEYS

    return {label(f"status.{key}", lang): key for key in SUMMARY_KEYS for lang in LANGS}


# What follows a goal's number and unit in Chinese: kept with them when a cell wraps, so that
# '1500人以上' never becomes '1500人以 / 上'.
GOAL_SUFFIXES = ("以上", "以内", "以下", "左右")


def unbreakable_units(units: Iterable[str | None], lang: Lang) -> set[str]:
    """The units of a table's figures, each also with the suffixes of a goal, and 'points'."""
    plain_units = {unit for unit in units if unit}
    kept = plain_units | {unit + suffix for unit in plain_units for suffix in GOAL_SUFFIXES}
    return kept | {label("unit.points", lang)}
