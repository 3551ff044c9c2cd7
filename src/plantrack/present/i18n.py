"""Putting Messages into words in the reader's language, and the phrases tables and reports share.

Every text comes from the catalogue (present/catalogue.py) by its key; nothing here, or
anywhere else, chooses words with `if lang == "zh"`. Choosing the language itself is here
too: --lang, then PLANTRACK_LANG, then the locale.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from plantrack.core.messages import LANGS, Lang, Listing, Message, Quantity, msg
from plantrack.core.model import Target
from plantrack.core.periods import Month
from plantrack.core.values import format_number
from plantrack.present.catalogue import CATALOGUE

STATUS_SYMBOLS = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
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
    return template.format(**values)


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
        return display_path(value)
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, Month | date | int | str):
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


def with_unit(value: float, unit: str | None, lang: Lang) -> str:
    """150个 in Chinese, 150 个 in English; percentages stay 6%."""
    number = format_number(value)
    if not unit:
        return number
    key = "quantity.percent" if unit == "%" else "quantity"
    return label(key, lang).format(number=number, unit=unit)


def goal_text(target: Target, lang: Lang) -> str:
    """The goal as the report phrases it: 6%左右, 1—2个, 1500人以上 / about 6%, 1–2 个."""
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


def status_words(status: str, stale: bool, lang: Lang) -> str:
    """The status word, and 'overdue' after it when this month's figure has not come in."""
    text = status_text(status, lang)
    return f"{text} {label('status.stale', lang)}" if stale else text


def gap_text(target: Target, gap: float | None, lang: Lang) -> str:
    """The gap the way planning offices write it (docs/progress.md, 'Gap')."""
    if gap is None:
        return ""
    amount = format_number(round(abs(gap), 1))
    if round(abs(gap), 1) == 0:
        return label("gap.on_schedule", lang)
    above = gap > 0
    if target.kind == "growth":
        key = "gap.growth_above" if above else "gap.growth_below"
        return words(msg(key, amount=amount), lang)
    if target.kind == "level":
        key = "gap.level_above" if above else "gap.level_below"
        return words(msg(key, amount=with_unit_text(amount, target.unit, lang)), lang)
    ahead = above if target.direction == "up" else not above
    return words(msg("gap.ahead" if ahead else "gap.behind", amount=amount), lang)


def month_name(month: Month, lang: Lang) -> str:
    """6月 / Jun: the month of a figure beside it in a table."""
    return label(f"month.{month.month}", lang)


def elapsed_text(share: float) -> str:
    """The share of the year elapsed: 50%, 58.3%."""
    return f"{share:.1%}".replace(".0%", "%")


def status_names() -> dict[str, str]:
    """Each status's word in both languages (正常推进, on track), for --only to read."""
    from plantrack.core.progress import SUMMARY_KEYS

    return {label(f"status.{key}", lang): key for key in SUMMARY_KEYS for lang in LANGS}
