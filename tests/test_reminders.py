"""Who owes which overdue figures (core/reminders.py), on the plan with units of conftest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plantrack.api import load_plan
from plantrack.core.model import Entry, Plan
from plantrack.core.periods import Month
from plantrack.core.progress import evaluate
from plantrack.core.reminders import Reminder, overdue_by_unit, reminder_as_of

JULY_16 = date(2023, 7, 16)  # the day after June's figures were due


def entry(target: str, month: int, value: float, unit: str | None = None) -> Entry:
    return Entry(target, Month(2023, month), value, "2023-07-01T00:00:00Z", "t", unit=unit)


def owed(reminders: tuple[Reminder, ...]) -> dict[str, list[tuple[str, str, int, bool]]]:
    """Each unit's overdue figures as (target, period, days late, own share)."""
    return {
        reminder.unit: [
            (item.target.id, str(item.period), item.days_late, item.own_share)
            for item in reminder.overdue
        ]
        for reminder in reminders
    }


def test_each_unit_owes_its_own_shares_and_the_targets_it_leads_unsplit(
    units_plan: Path,
) -> None:
    plan = load_plan(units_plan)
    assert owed(overdue_by_unit(plan, (), JULY_16)) == {
        "renshe": [("unemployment", "2023-06", 1, False)],
        "jiaotong": [("rural-roads", "2023-06", 1, False)],
        "chengdong": [("urban-jobs", "2023-06", 1, True), ("unemployment", "2023-06", 1, True)],
        "chengxi": [("urban-jobs", "2023-06", 1, True), ("unemployment", "2023-06", 1, True)],
        "chishang": [("urban-jobs", "2023-06", 1, True)],
    }  # renshe leads both split targets: the towns' jobs add up to the district's, so it
    # owes none of those; a rate does not add up, so it owes the district's unemployment rate


def test_a_unit_that_reported_its_own_figures_is_not_reminded(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    entries = (
        entry("urban-jobs", 6, 400, "chengdong"),
        entry("unemployment", 6, 5.1, "chengdong"),
        entry("unemployment", 6, 4.9, "chengxi"),
    )
    reminders = owed(overdue_by_unit(plan, entries, JULY_16))
    assert "chengdong" not in reminders
    assert reminders["chengxi"] == [("urban-jobs", "2023-06", 1, True)]


def test_the_districts_figure_does_not_stand_for_a_units_own_share(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    reminders = owed(overdue_by_unit(plan, (entry("unemployment", 6, 5.0),), JULY_16))
    assert ("unemployment", "2023-06", 1, True) in reminders["chengdong"]


def test_a_partner_owes_nothing_for_the_target_it_helps_with(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    # jiaotong is a partner (配合单位) of urban-jobs; once its own rural-roads is in, it is done
    reported = (entry("rural-roads", 6, 12), entry("unemployment", 6, 5.2))
    reminders = owed(overdue_by_unit(plan, reported, JULY_16))
    assert "jiaotong" not in reminders and "renshe" not in reminders


def test_a_figure_is_overdue_only_once_its_due_day_has_passed(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    on_the_due_day = owed(overdue_by_unit(plan, (), date(2023, 7, 15)))
    # June's figures are due by 15 July: on that day May's are the ones late, by 30 days
    assert on_the_due_day["jiaotong"] == [("rural-roads", "2023-05", 30, False)]
    reported_may = (entry("rural-roads", 5, 10),)
    assert "jiaotong" not in owed(overdue_by_unit(plan, reported_may, date(2023, 7, 15)))
    assert owed(overdue_by_unit(plan, reported_may, JULY_16))["jiaotong"] == [
        ("rural-roads", "2023-06", 1, False)
    ]


def test_the_due_day_and_the_most_days_late(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    [reminder] = [r for r in overdue_by_unit(plan, (), date(2023, 7, 22)) if r.unit == "chishang"]
    [item] = reminder.overdue
    assert (item.due, item.days_late, reminder.days_late) == (date(2023, 7, 15), 7, 7)


def test_january_and_february_are_one_report(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    reminders = owed(overdue_by_unit(plan, (), date(2023, 3, 16)))
    assert reminders["jiaotong"] == [("rural-roads", "2023-02", 1, False)]
    assert overdue_by_unit(plan, (), date(2023, 2, 20)) == ()  # nothing due before 15 March


def test_before_the_plan_year_nothing_is_due_and_after_it_december_is(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    assert reminder_as_of(plan, date(2022, 12, 31)) is None
    assert overdue_by_unit(plan, (), date(2022, 12, 31)) == ()
    assert reminder_as_of(plan, date(2024, 1, 20)) == Month(2023, 12)
    reminders = owed(overdue_by_unit(plan, (), date(2024, 1, 20)))
    assert reminders["jiaotong"] == [("rural-roads", "2023-12", 5, False)]


def test_a_plan_without_units_reminds_owners_by_name(small_plan: Path) -> None:
    plan = load_plan(small_plan)
    reminders = owed(overdue_by_unit(plan, (), JULY_16))
    # 医保局's target is annual: nothing of it is due before January
    assert list(reminders) == sorted(["交通局", "发改局", "住建局"])
    assert reminders["交通局"] == [("rural-roads", "2023-06", 1, False)]


def test_reminders_agree_with_what_status_calls_overdue(units_plan: Path) -> None:
    """The district's figures of unsplit targets: overdue for reminders exactly when the
    status table marks them overdue as of the same month."""
    plan: Plan = load_plan(units_plan)
    for today in (date(2023, 6, 16), JULY_16, date(2023, 8, 1)):
        for entries in ((), (entry("rural-roads", 5, 10),), (entry("rural-roads", 6, 12),)):
            progress = evaluate(plan, entries, Month.of(today), today)
            stale = {
                r.target.id for r in progress.results if r.stale and r.target.takes_district_figure
            }
            reminded = {
                item.target.id
                for reminder in overdue_by_unit(plan, entries, today)
                for item in reminder.overdue
                if not item.own_share
            }
            assert reminded == stale, (today, entries)
