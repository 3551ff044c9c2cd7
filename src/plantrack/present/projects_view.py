"""The key projects as the office reports them: its sentence, the groups' figures, the projects
behind, and `projects --json` (docs/projects.md)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from plantrack.core.messages import Lang, Listing, Message, msg
from plantrack.core.model import Plan, Register
from plantrack.core.periods import Month
from plantrack.core.progress import STATUSES
from plantrack.core.projects import GroupBy, ProjectGroup, ProjectResult
from plantrack.present.grid import Column, Grid
from plantrack.present.i18n import label, plain, status_text, words
from plantrack.present.status_view import STATUS_STYLES
from plantrack.present.wrapping import wrap_cells


def one_decimal(value: float) -> str:
    """A figure with one decimal, halves rounded up as offices round: 629 → '629.0', 97.158
    → '97.2', 0.3 ÷ 1.6 × 100 → '18.8'. A share computed in floating point lands a hair off
    the exact half (18.749999999999996), so it is first rounded to 9 decimals, far below any
    figure an office reports and far above the error of the division."""
    near = Decimal(f"{value:.9f}")
    exact = near.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{abs(exact) if exact == 0 else exact:.1f}"  # -0.04 is 0.0, not -0.0


def sentence(group: ProjectGroup, as_of: Month, unit: str, lang: Lang) -> str:
    """The office's sentence over a group of projects, as the city's bureau writes it."""
    return words(sentence_message(group, as_of, unit, lang), lang)


def sentence_message(group: ProjectGroup, as_of: Month, unit: str, lang: Lang) -> Message:
    """The sentence as a Message, to be said inside another whole (a text value in a
    message is cut at 200 characters; a Message is not)."""
    # 1-10月 in Chinese, Jan–Oct in English: the month's number or its English name.
    month = str(as_of.month) if lang == "zh" else label(f"month.{as_of.month}", "en")
    months = msg("projects.month_one") if as_of.month == 1 else msg("projects.months", month=month)
    pace: Message | str = ""
    if group.gap_points is not None and group.completion is not None:
        points = one_decimal(abs(group.gap_points))
        key = (
            "projects.level_with_time"
            if points == "0.0"
            else "projects.ahead_of_time"
            if group.gap_points > 0
            else "projects.behind_time"
        )
        pace = msg(key, points=points)
    starts: Message | str = ""
    if group.planned_starts:
        assert group.start_rate is not None
        starts = msg(
            "projects.starts",
            planned=group.planned_starts,
            started=group.started,
            rate=one_decimal(group.start_rate * 100),
        )
    if not group.reported:  # no project has reported: no share of the plan to speak of
        unreported = msg(
            "projects.sentence_unreported",
            count=group.count,
            plan=one_decimal(group.annual_plan),
            unit=unit,
            months=months,
            starts=starts,
        )
        return unreported
    completion = "" if group.completion is None else one_decimal(group.completion * 100)
    text = msg(
        "projects.sentence",
        count=group.count,
        plan=one_decimal(group.annual_plan),
        unit=unit,
        months=months,
        completed=one_decimal(group.completed),
        completion=completion,
        pace=pace,
        starts=starts,
    )
    return text


def group_name(plan: Plan, by: GroupBy | None, key: str, lang: Lang) -> str:
    if key == "all":
        return label("projects.group_all", lang)
    if by == "lead":
        return plan.unit_label(key, lang) if key else label("projects.no_lead", lang)
    return label(f"projects.{by}.{key}", lang)


def projects_view(
    plan: Plan,
    register: Register,
    as_of: Month,
    groups: Sequence[ProjectGroup],
    results: Sequence[ProjectResult],
    by: GroupBy | None,
    lang: Lang,
    width: int | None = None,
) -> RenderableType:
    """The sentence, a row of figures per group with a legend of its starts, each group's
    count of projects per status, then the projects behind and what is late. With `width`,
    the sentence and the lines under the table are wrapped to it as the reports wrap theirs:
    never inside a number or between a number and its unit, and a long Chinese name breaks
    where it must, not before it."""
    unit = register.unit
    heading = msg("projects.heading", unit=unit, as_of=as_of)
    parts: list[RenderableType] = [
        Text(plain(words(heading, lang)), style="bold"),
        _wrapped("", plain(sentence(groups[0], as_of, unit, lang)), "", width, unit),
        _groups_grid(plan, groups, by, unit, lang),
    ]
    if any(group.planned_starts for group in groups):
        parts.append(_wrapped("", label("projects.starts_legend", lang), "dim", width, unit))
    parts.append(Text(label("projects.status_heading", lang), style="bold"))
    for group in groups:
        # Each status's symbol and word with its count: never parted by a line break.
        counted = [f"{status_text(status, lang)} {group.statuses[status]}" for status in STATUSES]
        name = group_name(plan, by, group.key, lang)
        lead = plain(words(msg("projects.status_line", group=name, counts=""), lang))
        counts = "  ".join(counted)
        parts.append(_wrapped(lead, counts, "bold", width, unit, keep=counted))
    behind = [result for result in results if result.behind]
    if behind:
        parts.append(Text(label("projects.behind_heading", lang), style="bold"))
        for result in behind:
            status = status_text(result.status, lang) + "  "
            reasons = plain(words(behind_line(plan, result, unit, lang), lang))
            parts.append(_wrapped(status, reasons, STATUS_STYLES[result.status], width, unit))
    return Group(*parts)


def _groups_grid(
    plan: Plan, groups: Sequence[ProjectGroup], by: GroupBy | None, unit: str, lang: Lang
) -> Grid:
    """A row per group: the office's figures, then its starts (started/due/planned) and
    start rate. At 80 columns the count of projects behind goes first (the status lines
    under the table have it), then in English the completed amount (its share stays): the
    starts and the gap to 时间进度 stay."""
    grid = Grid(
        [
            Column(label("projects.col.group", lang), wrap=True, min_width=14, keep=4),
            Column(label("projects.col.count", lang), justify="right", keep=3),
            Column(label("projects.col.plan", lang), justify="right", keep=2),
            Column(label("projects.col.completed", lang), justify="right", drop=3),
            Column(label("projects.col.completion", lang), justify="right", keep=3),
            Column(label("projects.col.gap", lang), justify="right", drop=2),
            Column(label("projects.col.starts", lang), justify="right"),
            Column(label("projects.col.start_rate", lang), justify="right", drop=1),
            Column(label("projects.col.behind", lang), justify="right", drop=4),
        ],
        units={unit},
    )
    for group in groups:
        lagging = group.statuses["at_risk"] + group.statuses["off_track"] + group.statuses["missed"]
        starts = f"{group.started}/{group.due_to_start}/{group.planned_starts}"
        grid.add_row(
            [
                Text(plain(group_name(plan, by, group.key, lang))),
                Text(str(group.count)),
                Text(f"{one_decimal(group.annual_plan)}"),
                # A group none of whose projects reported has no figure: "—", not 0.0.
                Text(one_decimal(group.completed) if group.reported else "—"),
                Text(_completion_text(group)),
                Text(_gap_text(group)),
                # A group without new projects has no starts to speak of.
                Text(starts if group.planned_starts or group.due_to_start else "—"),
                Text(
                    f"{one_decimal(group.start_rate * 100)}%"
                    if group.start_rate is not None
                    else "—"
                ),
                Text(str(lagging), style="bold red" if lagging else ""),
            ]
        )
    return grid


def _wrapped(
    lead: str,
    text: str,
    style: str,
    width: int | None,
    unit: str,
    keep: Sequence[str] = (),
) -> Text:
    """`lead` (styled) then `text`, wrapped to `width` when given, continuation lines
    indented by two cells; the phrases of `keep` are never broken. Without a `lead`, the
    style is the whole text's."""
    if width is None:
        line = Text(lead, style=style)
        line.append(text, style="" if lead else style)
        return line
    lines = wrap_cells(lead + text, width, indent=2 if lead else 0, units=[unit], keep=keep)
    shown = Text("\n".join(lines))
    shown.stylize(style, 0, len(lead.rstrip()) if lead else len(shown.plain))
    return shown


def _completion_text(group: ProjectGroup) -> str:
    """Completion as a percentage; "—" for a group none of whose projects reported (no 0%)."""
    if group.completion is None or not group.reported:
        return "—"
    return f"{one_decimal(group.completion * 100)}%"


def _gap_text(group: ProjectGroup) -> str:
    if group.gap_points is None or not group.reported:
        return "—"
    return _signed(group.gap_points)


def _signed(points: float) -> str:
    text = one_decimal(points)
    return text if text.startswith("-") else f"+{text}"


def projects_line(
    group: ProjectGroup, as_of: Month, unit: str, lang: Lang, width: int | None = None
) -> Text:
    """`status` of the whole plan ends with the office's sentence over the key projects."""
    said = msg("projects.status_summary", sentence=sentence_message(group, as_of, unit, lang))
    return _wrapped("", plain(words(said, lang)), "", width, unit)


def project_verdict(
    plan: Plan, result: ProjectResult, unit: str, lang: Lang, width: int | None = None
) -> Text:
    """One project's verdict under `show`: its status, and what is late when it is behind."""
    said = (
        behind_line(plan, result, unit, lang)
        if result.behind
        else msg("projects.verdict_line", name=result.project.label(lang), id=result.project.id)
    )
    status = status_text(result.status, lang) + "  "
    return _wrapped(status, plain(words(said, lang)), STATUS_STYLES[result.status], width, unit)


def behind_line(plan: Plan, result: ProjectResult, unit: str, lang: Lang) -> Message:
    """A project behind: its name, lead, and what is late (its start, milestones, investment)."""
    reasons: list[Message] = []
    if result.late_start_months:
        reasons.append(msg("projects.late_start", months=result.late_start_months))
    for name in result.late_milestones:
        reasons.append(msg("projects.late_milestone", name=name))
    investment = result.investment
    if investment.status in ("at_risk", "off_track", "missed") and investment.progress is not None:
        reasons.append(
            msg(
                "projects.late_investment",
                completed=one_decimal(result.completed),
                plan=one_decimal(result.project.annual_plan),
                unit=unit,
                progress=one_decimal(investment.progress * 100),
            )
        )
    elif investment.actual is None:
        reasons.append(msg("projects.no_investment"))
    lead = plan.unit_label(result.project.lead, lang) if result.project.lead else "—"
    return msg(
        "projects.behind_line",
        name=result.project.label(lang),
        id=result.project.id,
        lead=lead,
        reasons=Listing.of(reasons),
    )


def projects_json(
    as_of: Month, groups: Sequence[ProjectGroup], results: Sequence[ProjectResult]
) -> dict[str, Any]:
    """`projects --json`: full precision, shares as fractions (0.972, not 97.2)."""
    return {
        "as_of": str(as_of),
        "groups": [
            {
                "key": group.key,
                "count": group.count,
                "annual_plan": group.annual_plan,
                "completed": group.completed,
                "completion": group.completion,
                "gap_points": group.gap_points,
                "planned_starts": group.planned_starts,
                "due_to_start": group.due_to_start,
                "started": group.started,
                "start_rate": group.start_rate,
                "statuses": group.statuses,
                # false when no project of the group has an investment figure yet: its
                # completed 0 is then nothing reported, not nothing invested
                "reported": group.reported,
            }
            for group in groups
        ],
        "projects": [
            {
                "id": result.project.id,
                "name": result.project.name,
                "level": result.project.level,
                "type": result.project.type,
                "lead": result.project.lead,
                "annual_plan": result.project.annual_plan,
                "status": result.status,
                "completed": result.investment.actual,
                "progress": result.investment.progress,
                "gap": result.investment.gap,
                "investment_status": result.investment.status,
                "started": None if result.started is None else str(result.started),
                "late_start_months": result.late_start_months,
                "late_milestones": list(result.late_milestones),
            }
            for result in results
        ],
    }


def lead_ranking_view(
    as_of: Month,
    ranked: Sequence[tuple[ProjectGroup, int | None]],
    names: dict[str, str],
    unit: str,
    lang: Lang,
    width: int | None = None,
) -> RenderableType:
    """`rank --projects --by lead`: each lead unit's place, projects, plan, completion, gap.
    With `width`, the heading is wrapped to it as the projects' sentence is."""
    grid = Grid(
        [
            Column(label("col.rank", lang), justify="right", keep=5),
            Column(label("col.unit", lang), wrap=True, min_width=10, keep=4),
            Column(label("projects.col.count", lang), justify="right", keep=2),
            Column(label("projects.col.plan", lang), justify="right", keep=2),
            Column(label("projects.col.completion", lang), justify="right", keep=3),
            Column(label("projects.col.gap", lang), justify="right", drop=1),
        ],
        units={unit},
    )
    for group, place in ranked:
        grid.add_row(
            [
                Text("—" if place is None else str(place)),
                Text(plain(names[group.key])),
                Text(str(group.count)),
                Text(one_decimal(group.annual_plan)),
                Text(_completion_text(group)),
                Text(_gap_text(group)),
            ]
        )
    heading = msg("projects.lead_ranking", unit=unit, as_of=as_of)
    shown = _wrapped("", plain(words(heading, lang)), "", width, unit)
    shown.stylize("bold")
    return Group(shown, grid)
