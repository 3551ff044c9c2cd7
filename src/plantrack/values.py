"""Reading a figure as a clerk types it: 1,500, 5.2%, full-width digits, done / not-started."""

from __future__ import annotations

import math
import re
import unicodedata

from plantrack.errors import InvalidValue
from plantrack.language import Lang, say

# Digits with optional thousands separators, an optional fraction and exponent.
# Python's float() alone would also take '1_000', 'nan' and 'infinity', which are not figures.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+")
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-"})

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


def parse_value(text: str, *, unit: str, milestone: bool = False, lang: Lang = "en") -> float:
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
            raise InvalidValue(
                say(
                    lang,
                    f"'{text}' is a percentage but this target is counted in {unit}; "
                    f"give the figure in {unit} without '%'",
                    f"“{text}”是百分数，但该指标以“{unit}”计；请填写以{unit}为单位的数字，不带“%”",
                )
            )
        number_text = number_text[:-1].strip()
    elif unit and unit != "%" and number_text.endswith(unit):
        number_text = number_text[: -len(unit)].strip()
    if not _NUMBER.fullmatch(number_text):
        raise InvalidValue(
            say(
                lang,
                f"'{text}' is not a number; {_number_hint(milestone, 'en')}",
                f"“{text}”不是数字；{_number_hint(milestone, 'zh')}",
            )
        )
    value = float(number_text.replace(",", ""))
    if not math.isfinite(value):
        raise InvalidValue(
            say(
                lang,
                f"'{text}' is too large to be a figure; check the number",
                f"“{text}”数值过大，不是有效数据；请核对",
            )
        )
    return value


def _number_hint(milestone: bool, lang: Lang) -> str:
    if milestone:
        return say(
            lang,
            "write the percent complete (0 to 100), 'done' or 'not-started'",
            "请填写完成百分比（0到100），或 done（已完成）、not-started（未开始）",
        )
    return say(
        lang,
        "write digits such as 1500, 1,500, 8.2 or -1.8",
        "请填写数字，如 1500、1,500、8.2 或 -1.8",
    )


def format_number(value: float) -> str:
    """Show a figure without float noise: 150 not 150.0, 8.2 not 8.200000000000001."""
    rounded = round(value, 6)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)
