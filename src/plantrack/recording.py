"""The recording rules: turning what a clerk typed into a figure the ledger may accept.

Pure: the plan, the typed text and today's date in; a Figure or the problems out. The
ledger module decides nothing; the CLI and the importer phrase where each problem is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plantrack.errors import InvalidPeriod, InvalidValue, UnknownTarget
from plantrack.i18n import with_unit
from plantrack.language import Lang, say
from plantrack.lookup import resolve_target
from plantrack.model import Entry, Plan, Target
from plantrack.periods import Month, parse_period, previous_month
from plantrack.values import format_number, parse_value


@dataclass(frozen=True)
class Problem:
    """Why one part of a figure is refused; `field` is target, period, value or entry."""

    field: str
    message: str


@dataclass(frozen=True)
class Figure:
    """A checked figure for one target and month, not yet in the ledger."""

    target: Target
    period: Month
    value: float
    source: str | None = None
    note: str | None = None

    def to_entry(self, recorded_at: str, by: str) -> Entry:
        return Entry(
            target=self.target.id,
            period=self.period,
            value=self.value,
            recorded_at=recorded_at,
            by=by,
            source=self.source,
            note=self.note,
        )


def read_figure(
    plan: Plan,
    *,
    target_text: str,
    period_text: str | None,
    value_text: str,
    today: date,
    source: str | None = None,
    note: str | None = None,
    lang: Lang = "en",
) -> Figure | list[Problem]:
    """Check every part of the figure, returning all the problems found."""
    problems: list[Problem] = []
    try:
        target: Target | None = resolve_target(plan, target_text, lang)
    except UnknownTarget as error:
        target = None
        problems.append(Problem("target", error.message))
    period = _read_period(plan, target, period_text, today, problems, lang)
    value = _read_value(target, value_text, problems, lang) if target is not None else None
    if problems or target is None or period is None or value is None:
        return problems
    return Figure(target, period, value, _blank_to_none(source), _blank_to_none(note))


def _read_period(
    plan: Plan,
    target: Target | None,
    text: str | None,
    today: date,
    problems: list[Problem],
    lang: Lang,
) -> Month | None:
    try:
        if text is None:
            period = default_period(plan.year, today, lang)
        else:
            period = parse_period(text, lang)
    except InvalidPeriod as error:
        problems.append(Problem("period", error.message))
        return None
    problem = period_problem(plan.year, target, period, today, lang)
    if problem:
        problems.append(Problem("period", problem))
        return None
    return period


def default_period(plan_year: int, today: date, lang: Lang = "en") -> Month:
    """The month before today, when it lies in the plan year."""
    last_month = previous_month(today)
    if last_month.year != plan_year:
        raise InvalidPeriod(
            say(
                lang,
                f"no period given, and last month ({last_month}) is not in the plan year "
                f"{plan_year}; give one, such as {plan_year}-12",
                f"未指定期间，而上个月（{last_month}）不在计划年度 {plan_year} 内；"
                f"请指定期间，如 {plan_year}-12",
            )
        )
    return last_month


def period_problem(
    plan_year: int, target: Target | None, period: Month, today: date, lang: Lang = "en"
) -> str | None:
    """Why a figure may not be recorded for this month, if it may not."""
    if period.year != plan_year:
        return say(
            lang,
            f"{period} is outside the plan year {plan_year}; "
            f"give a month from {plan_year}-01 to {plan_year}-12",
            f"{period} 不在计划年度 {plan_year} 内；请填写 {plan_year}-01 至 {plan_year}-12 之间的月份",
        )
    this_month = Month.of(today)
    if period > this_month:
        return say(
            lang,
            f"{period} is in the future (today is {today.isoformat()}); "
            f"record figures for months up to {this_month}",
            f"{period} 尚未到来（今天是 {today.isoformat()}）；只能录入 {this_month} 及以前的月份",
        )
    if target is None:
        return None
    if target.frequency == "quarterly" and period.month % 3 != 0:
        quarter = f"{period.year}-Q{(period.month + 2) // 3}"
        return say(
            lang,
            f"'{target.id}' is reported quarterly; give a quarter's last month "
            f"({period.year}-03, -06, -09, -12) or a quarter such as {quarter}",
            f"“{target.id}”按季度报送；请填写季末月份（{period.year}-03、-06、-09、-12）"
            f"或季度，如 {quarter}",
        )
    if target.frequency == "annual" and period.month != 12:
        return say(
            lang,
            f"'{target.id}' is reported once a year; record it for {period.year}-12",
            f"“{target.id}”按年度报送；请录入为 {period.year}-12",
        )
    return None


def _read_value(target: Target, text: str, problems: list[Problem], lang: Lang) -> float | None:
    milestone = target.kind == "milestone"
    try:
        value = parse_value(text, unit=target.unit or "", milestone=milestone, lang=lang)
    except InvalidValue as error:
        problems.append(Problem("value", error.message))
        return None
    shown = format_number(value)
    if value < 0 and target.kind in ("total", "milestone"):
        if milestone:
            message = say(
                lang,
                f"{shown} is negative, but a milestone's percent complete cannot be; give 0 to 100",
                f"{shown} 是负数，而节点任务的完成百分比不能为负；请填写 0 到 100",
            )
        else:
            message = say(
                lang,
                f"{shown} is negative, but the total of '{target.id}' cannot be; "
                "give the amount, 0 or more",
                f"{shown} 是负数，而“{target.id}”的累计量不能为负；请填写 0 或以上的数量",
            )
        problems.append(Problem("value", message))
        return None
    if milestone and value > 100:
        message = say(
            lang,
            f"{shown} is above 100; a milestone is recorded as percent complete, 0 to 100 (or done)",
            f"{shown} 超过 100；节点任务按完成百分比录入，0 到 100（或 done）",
        )
        problems.append(Problem("value", message))
        return None
    return value


def revision_problem(
    figure: Figure, existing: Entry | None, replace: bool, lang: Lang = "en"
) -> str | None:
    """An existing figure for the same target and month needs an explicit --replace."""
    if existing is None or replace:
        return None
    old = with_unit(existing.value, figure.target.unit, lang)
    same = existing.value == figure.value
    return say(
        lang,
        f"'{figure.target.id}' already has {old} for {figure.period}"
        f"{' (the same value)' if same else ''}, recorded {existing.recorded_at} by {existing.by}",
        f"“{figure.target.id}”{figure.period} 已有数据 {old}{'（数值相同）' if same else ''}，"
        f"由 {existing.by} 于 {existing.recorded_at} 录入",
    )


def _blank_to_none(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


@dataclass(frozen=True)
class RowFigure:
    """A figure read from one line of an import file."""

    line: int
    figure: Figure


def read_rows(
    plan: Plan, rows: list[tuple[int, dict[str, str]]], today: date, lang: Lang = "en"
) -> tuple[list[RowFigure], list[tuple[int, Problem]]]:
    """Check each (line, cells) row as `record` would, and that no target and month repeats."""
    figures: list[RowFigure] = []
    problems: list[tuple[int, Problem]] = []
    first_line: dict[tuple[str, Month], int] = {}
    for line, cells in rows:
        result = read_figure(
            plan,
            target_text=cells.get("target", ""),
            period_text=cells.get("period", ""),
            value_text=cells.get("value", ""),
            today=today,
            source=cells.get("source"),
            note=cells.get("note"),
            lang=lang,
        )
        if isinstance(result, list):
            problems.extend((line, problem) for problem in result)
            continue
        key = (result.target.id, result.period)
        if key in first_line:
            problems.append(
                (
                    line,
                    Problem(
                        "period",
                        say(
                            lang,
                            f"'{result.target.id}' {result.period} is also on line "
                            f"{first_line[key]}; keep one row per target and month",
                            f"“{result.target.id}”{result.period} 与第 {first_line[key]} 行重复；"
                            "每个指标每月只保留一行",
                        ),
                    ),
                )
            )
            continue
        first_line[key] = line
        figures.append(RowFigure(line, result))
    return figures, problems
