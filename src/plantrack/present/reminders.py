"""The words of a reminder: its subject, the text a unit reads (in mail and in the group chat),
the `plantrack record` line for each figure it owes, and the --json shape of a run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from plantrack.core.messages import Lang, Listing, msg
from plantrack.core.model import Plan
from plantrack.core.reminders import Overdue, Reminder
from plantrack.present.i18n import label, month_name, words


def subject(plan: Plan, reminder: Reminder, lang: Lang) -> str:
    """【催报】城东街道：2项指标数据逾期未报 / Reminder: 2 figures overdue from Chengdong."""
    unit = plan.unit_label(reminder.unit, lang)
    count = len(reminder.overdue)
    if count == 1:
        return words(msg("remind.subject_one", unit=unit), lang)
    return words(msg("remind.subject", unit=unit, count=count), lang)


def record_command(item: Overdue, unit: str, lang: Lang) -> str:
    """The line that records the figure owed: with --unit for a unit's own share."""
    for_unit = f" --unit {unit}" if item.own_share else ""
    value = label("remind.value", lang)
    return f"plantrack record {item.target.id} {value}{for_unit} -p {item.period}"


def overdue_lines(plan: Plan, reminder: Reminder, lang: Lang) -> list[str]:
    """Each figure owed, numbered, with its period, due day and days late, and under it the
    line that records it."""
    lines = []
    for number, item in enumerate(reminder.overdue, 1):
        jan_feb = plan.calendar.jan_feb_combined and item.target.frequency == "monthly"
        period = msg(
            "remind.period",
            period=item.period,
            month=month_name(item.period, lang, jan_feb=jan_feb),
        )
        late = (
            msg("remind.day_late")
            if item.days_late == 1
            else msg("remind.days_late", days=item.days_late)
        )
        line = msg(
            "remind.item",
            number=number,
            name=item.target.label(lang),
            id=item.target.id,
            period=period,
            due=item.due.isoformat(),
            late=late,
        )
        lines.append(words(line, lang))
        lines.append("   " + record_command(item, reminder.unit, lang))
    return lines


def escalation_line(days: int, copied_to: Sequence[str], lang: Lang) -> str:
    return words(msg("remind.escalated", days=days, addresses=Listing.of(copied_to)), lang)


def body(
    plan: Plan,
    reminder: Reminder,
    today: date,
    copied_to: Sequence[str],
    escalate_after_days: int,
    lang: Lang,
) -> str:
    """The text a unit reads in its mail: who it is for, what is overdue and how to record
    it, whom the reminder is copied to once escalated, and who sent it."""
    unit = plan.unit_label(reminder.unit, lang)
    lines = [
        words(msg("remind.greeting", unit=unit), lang),
        "",
        words(msg("remind.intro", today=today.isoformat()), lang),
        "",
        *overdue_lines(plan, reminder, lang),
    ]
    if copied_to:
        lines += ["", escalation_line(escalate_after_days, copied_to, lang)]
    lines += ["", words(msg("remind.footer", title=plan.info.label(lang)), lang)]
    return "\n".join(lines) + "\n"


def group_text(
    plan: Plan,
    reminder: Reminder,
    copied_to: Sequence[str],
    escalate_after_days: int,
    lang: Lang,
) -> str:
    """What the group chat reads of one unit's reminder: its subject line, then the same
    list of overdue figures as the mail."""
    lines = [subject(plan, reminder, lang), *overdue_lines(plan, reminder, lang)]
    if copied_to:
        lines.append(escalation_line(escalate_after_days, copied_to, lang))
    return "\n".join(lines)


def reminder_json(
    plan: Plan,
    reminder: Reminder,
    *,
    to: Sequence[str],
    cc: Sequence[str],
    escalated: bool,
    channels: Sequence[str],
    lang: Lang,
) -> dict[str, Any]:
    return {
        "unit": reminder.unit,
        "name": plan.unit_label(reminder.unit, lang),
        "to": list(to),
        "cc": list(cc),
        "escalated": escalated,
        "channels": list(channels),
        "targets": [
            {
                "id": item.target.id,
                "period": str(item.period),
                "due": item.due.isoformat(),
                "days_late": item.days_late,
                "own_share": item.own_share,
                "command": record_command(item, reminder.unit, lang),
            }
            for item in reminder.overdue
        ],
    }
