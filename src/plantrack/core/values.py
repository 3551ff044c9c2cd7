"""Reading a figure as a clerk types it: 1,500, 5.2%, full-width digits, done / not-started."""

from __future__ import annotations

import math
import re
import unicodedata

from plantrack.core.errors import InvalidValue
from plantrack.core.messages import msg

# Digits with optional thousands separators, an optional fraction and exponent.
# Python's float() alone would also take '1_000', 'nan' and 'infinity', which are not figures.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-"})

# The largest figure plantrack records or plans, in absolute value: a thousand trillion of
# any unit is beyond every real plan, and sums of a ledger's figures stay far from float
# overflow, so every total, share and gap computed from them is a finite number.
LARGEST_FIGURE = 1e15
# The smallest non-zero target: progress divides by the target.
SMALLEST_TARGET = 1e-9

MILESTONE_WORDS = {
    "done": 100.0,
    "complete": 100.0,
    "completed": 100.0,
    "完成": 100.0,
    "已完成": 100.0,
    "not-started": 0.0,
    "未开始": 0.0,
    "未启动": 0.0,
}


def parse_value(text: str, *, unit: str, milestone: bool = False) -> float:
    """Turn the typed figure into a number for a target measured in `unit`.

    A trailing '%' is accepted only when the unit is '%', so that '5%' typed for a
    count of projects is caught rather than silently read as 5. A trailing unit that
    matches the target's own (26公里 for a target in 公里) is accepted too.
    """
    normalized = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()
    if milestone and normalized.lower() in MILESTONE_WORDS:
        return MILESTONE_WORDS[normalized.lower()]
    number_text = normalized
    if number_text.endswith("%"):
        if unit != "%":
            raise InvalidValue(msg("value.percent_for_unit", text=text, unit=unit))
        number_text = number_text[:-1].strip()
    elif unit and unit != "%" and number_text.endswith(unit):
        number_text = number_text[: -len(unit)].strip()
    if not _NUMBER.fullmatch(number_text):
        hint = msg("value.hint_milestone" if milestone else "value.hint_number")
        raise InvalidValue(msg("value.not_a_number", text=text, hint=hint))
    value = float(number_text.replace(",", ""))
    if not within_bounds(value):
        raise InvalidValue(msg("value.too_large", text=text, largest=format_number(LARGEST_FIGURE)))
    return value


def within_bounds(value: float) -> bool:
    """Whether a figure is one plantrack records: finite and at most LARGEST_FIGURE in size."""
    return math.isfinite(value) and abs(value) <= LARGEST_FIGURE


def format_number(value: float) -> str:
    """Show a figure without float noise: 150 not 150.0, 8.2 not 8.200000000000001;
    nothing for a value that is not a finite number (it cannot be shown as one)."""
    if not math.isfinite(value):
        return ""
    rounded = round(value, 6)
    if rounded == int(rounded) and abs(rounded) < 1e18:  # a forecast may pass LARGEST_FIGURE
        return str(int(rounded))
    return repr(rounded)
