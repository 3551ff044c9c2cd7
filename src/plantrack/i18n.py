"""Words shown to readers in Chinese and English, and choosing the language from the locale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from plantrack.model import Entry, Lang, Target
from plantrack.values import format_number

if TYPE_CHECKING:
    from plantrack.recording import Figure

LANGS: tuple[Lang, ...] = ("zh", "en")

# The planning office's own words for each status (issue #4), then English.
LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("已完成", "achieved"),
    "on_track": ("正常推进", "on track"),
    "at_risk": ("预警", "at risk"),
    "off_track": ("滞后", "off track"),
    "no_data": ("未报送", "no data"),
    "stale": ("逾期未报", "overdue"),
    "growth": ("增速", "growth"),
    "total": ("累计量", "total"),
    "level": ("水平值", "level"),
    "milestone": ("节点任务", "milestone"),
    "monthly": ("月报", "monthly"),
    "quarterly": ("季报", "quarterly"),
    "annual": ("年报", "annual"),
    "col.id": ("编号", "ID"),
    "col.name": ("指标", "Target"),
    "col.target": ("目标", "Goal"),
    "col.baseline": ("上年基数", "Baseline"),
    "col.kind": ("类型", "Kind"),
    "col.frequency": ("报送频率", "Reported"),
    "col.owner": ("责任单位", "Owner"),
    "col.section": ("板块", "Section"),
    "col.actual": ("实际", "Actual"),
    "col.period": ("期间", "Period"),
    "col.expected": ("序时要求", "Expected"),
    "col.progress": ("完成进度", "Progress"),
    "col.status": ("状态", "Status"),
    "col.gap": ("差距", "Gap"),
    "col.forecast": ("年底预计", "Year-end forecast"),
    "col.value": ("数值", "Value"),
    "col.recorded_at": ("录入时间", "Recorded at"),
    "col.by": ("录入人", "By"),
    "col.source": ("来源", "Source"),
    "col.note": ("备注", "Note"),
    "col.revision": ("版本", "Revision"),
    "milestone.done": ("完成", "complete"),
    "superseded": ("已被更正", "superseded"),
    "current": ("现行", "current"),
    "elapsed": ("序时进度", "of the year elapsed"),
    "as_of": ("截至", "as of"),
    "counted_not": ("不计入本年汇总", "not counted this year"),
    "forecast.likely": ("预计年底可完成目标", "likely to meet the target by year end"),
    "forecast.unlikely": ("预计年底难以完成目标", "unlikely to meet the target by year end"),
    "forecast.none": ("数据不足，无法预计", "not enough data to forecast"),
    "col.month": ("月份", "Month"),
    "summary": ("汇总", "Summary"),
    "total_targets": ("目标数", "Targets"),
    "demo": (
        "演示数据：以下数字为示意，并非真实报送数据",
        "DEMO: illustrative figures, not reported data",
    ),
}

QUALIFIERS: dict[str, tuple[str, str]] = {
    "about": ("左右", "about"),
    "at_least": ("以上", "at least"),
    "at_most": ("以内", "at most"),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


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


def with_unit(value: float, unit: str | None, lang: Lang) -> str:
    """150个 in Chinese, 150 个 in English; percentages stay 6%."""
    number = format_number(value)
    if not unit:
        return number
    if unit == "%" or lang == "zh":
        return f"{number}{unit}"
    return f"{number} {unit}"


def goal_text(target: Target, lang: Lang) -> str:
    """The goal as the report phrases it: 6%左右, 1—2个, 1500人以上 / about 6%, 1–2 个."""
    if target.kind == "milestone" and target.target == 100:
        return label("milestone.done", lang)
    if target.target is None:
        return ""
    if target.stretch is not None:
        number = (
            f"{format_number(target.target)}—{format_number(target.stretch)}"
            if lang == "zh"
            else f"{format_number(target.target)}–{format_number(target.stretch)}"
        )
        unit = target.unit or ""
        return f"{number}{unit}" if lang == "zh" or unit == "%" else f"{number} {unit}".strip()
    amount = with_unit(target.target, target.unit, lang)
    if target.qualifier is None:
        return amount
    zh, en = QUALIFIERS[target.qualifier]
    return f"{amount}{zh}" if lang == "zh" else f"{en} {amount}"


STATUS_SYMBOLS = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
    "no_data": "○",
}


def status_text(status: str, lang: Lang) -> str:
    """The status as a symbol and a word, so that it reads without colour too."""
    return f"{STATUS_SYMBOLS[status]} {label(status, lang)}"


def status_words(status: str, stale: bool, lang: Lang) -> str:
    """The status word, and 'overdue' after it when this month's figure has not come in."""
    words = status_text(status, lang)
    return f"{words} {label('stale', lang)}" if stale else words


def gap_text(kind: str, direction: str, gap: float | None, unit: str | None, lang: Lang) -> str:
    """The gap the way planning offices write it (docs/progress.md, 'Gap')."""
    if gap is None:
        return ""
    amount = format_number(round(abs(gap), 1))
    if round(abs(gap), 1) == 0:
        return "与序时持平" if lang == "zh" else "on schedule"
    if kind == "growth":
        above = gap > 0
        if lang == "zh":
            return f"{'高于' if above else '低于'}目标{amount}个百分点"
        return f"{amount} points {'above' if above else 'below'} target"
    if kind == "level":
        above = gap > 0
        shown = (
            f"{amount}{unit or ''}"
            if lang == "zh" or unit == "%"
            else f"{amount} {unit or ''}".strip()
        )
        if lang == "zh":
            return f"{'高于' if above else '低于'}序时要求{shown}"
        return f"{shown} {'above' if above else 'below'} expected"
    ahead = gap > 0 if direction == "up" else gap < 0
    if lang == "zh":
        return f"{'超' if ahead else '落后'}序时进度{amount}个百分点"
    return f"{'ahead of' if ahead else 'behind'} schedule by {amount} points"


def recorded_line(figure: Figure, replaced: Entry | None, lang: Lang) -> str:
    """The one line `record` prints: target, period, value with unit, what it replaced."""
    target = figure.target
    value = with_unit(figure.value, target.unit, lang)
    if lang == "zh":
        line = f"已记录 {target.name}（{target.id}）{figure.period}：{value}"
        if replaced is not None:
            old = with_unit(replaced.value, target.unit, lang)
            line += f"，替换原值 {old}（{replaced.recorded_at} {replaced.by} 录入）"
        return line
    line = f"Recorded {target.id} ({target.label(lang)}) {figure.period}: {value}"
    if replaced is not None:
        old = with_unit(replaced.value, target.unit, lang)
        line += f", replacing {old} recorded {replaced.recorded_at} by {replaced.by}"
    return line
