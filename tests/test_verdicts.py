"""Verdicts an office would sign (docs/progress.md): final verdicts at the year end, limits,
'左右' bands, targets in step with another, yearly averages, percentage-point rules, the
reporting calendar, and published outcomes reproduced."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from plantrack.core.model import Calendar, Defaults, Entry, Plan, PlanInfo, Rules, Section, Target
from plantrack.core.periods import Month
from plantrack.core.progress import Figures, evaluate, evaluate_target
from plantrack.present.i18n import gap_text, one_decimal, percent
from tests.conftest import CliRun, dedent

YEAR = 2023
LATER = date(2024, 3, 1)  # every report of the year is in or overdue; verdicts are final


DEFAULT_RULES, DEFAULT_CALENDAR = Rules(), Calendar()


def make_plan(
    *targets: Target, rules: Rules = DEFAULT_RULES, calendar: Calendar = DEFAULT_CALENDAR
) -> Plan:
    return Plan(
        info=PlanInfo(title="t", year=YEAR),
        defaults=Defaults(),
        rules=rules,
        calendar=calendar,
        sections=(Section(id="s", name="s"),),
        targets=targets,
    )


def target(**fields: object) -> Target:
    base: dict[str, object] = {"id": "x", "section": "s", "name": "x"}
    base.update(fields)
    return Target(**base)  # type: ignore[arg-type]


def entry(month: int, value: float, target_id: str = "x") -> Entry:
    return Entry(target_id, Month(YEAR, month), value, "2023-01-01T00:00:00Z", "t")


def judge(t: Target, entries: list[Entry], month: int, today: date = LATER, **plan_fields: object):
    plan = make_plan(t, **plan_fields)  # type: ignore[arg-type]
    return evaluate_target(plan, t, Figures(plan, entries), Month(YEAR, month), today)


# ── final verdicts, reproduced from published outcomes ───────────────────────

LICHENG = """
    [plan]
    title = "荔城区2022年国民经济和社会发展计划"
    year = 2022

    [[section]]
    id = "main"
    name = "主要指标"

    [[target]]
    id = "gdp"
    section = "main"
    name = "地区生产总值"
    kind = "total"
    unit = "亿元"
    target = 710

    [[target]]
    id = "primary"
    section = "main"
    name = "第一产业增加值"
    kind = "total"
    unit = "亿元"
    target = 18

    [[target]]
    id = "secondary"
    section = "main"
    name = "第二产业增加值"
    kind = "total"
    unit = "亿元"
    target = 362

    [[target]]
    id = "tertiary"
    section = "main"
    name = "第三产业增加值"
    kind = "total"
    unit = "亿元"
    target = 330

    [[target]]
    id = "farm-output"
    section = "main"
    name = "农林牧渔业总产值"
    kind = "total"
    unit = "亿元"
    target = 33.5

    [[target]]
    id = "fixed-assets"
    section = "main"
    name = "固定资产投资"
    kind = "total"
    unit = "亿元"
    target = 385
"""
LICHENG_DECEMBER = {
    "gdp": "635", "primary": "18", "secondary": "323", "tertiary": "294",
    "farm-output": "33", "fixed-assets": "300",
}  # fmt: skip
# The district's report on 2022 (April 2023): progress, and 'GDP, secondary and tertiary
# 未达预期目标'; primary met its 18亿元.
LICHENG_PROGRESS = {
    "gdp": "89.4%", "primary": "100.0%", "secondary": "89.2%", "tertiary": "89.1%",
    "farm-output": "98.5%", "fixed-assets": "77.9%",
}  # fmt: skip
REPORT_DAY = {"PLANTRACK_TODAY": "2023-04-21"}


@pytest.fixture
def licheng(cli: CliRun, write) -> Path:
    plan = write("targets.toml", LICHENG)
    rows = "".join(f"{tid},2022-12,{value}\n" for tid, value in LICHENG_DECEMBER.items())
    write("december.csv", "target,period,value\n" + rows)
    result = cli("import", "december.csv", env=REPORT_DAY)
    assert result.exit_code == 0, result.stderr
    return plan


def test_licheng_2022_ends_with_one_target_met_and_five_missed(cli: CliRun, licheng: Path) -> None:
    data = json.loads(cli("status", "--json", env=REPORT_DAY).stdout)
    statuses = {row["id"]: (row["status"], row["final"]) for row in data["targets"]}
    assert statuses == {
        "gdp": ("missed", True), "primary": ("achieved", True), "secondary": ("missed", True),
        "tertiary": ("missed", True), "farm-output": ("missed", True),
        "fixed-assets": ("missed", True),
    }  # fmt: skip
    assert (data["summary"]["achieved"], data["summary"]["missed"]) == (1, 5)
    assert sum(data["summary"][key] for key in ("on_track", "at_risk", "off_track")) == 0


def test_licheng_2022_in_the_office_s_words(cli: CliRun, licheng: Path) -> None:
    out = cli("--lang", "zh", "status", env={**REPORT_DAY, "COLUMNS": "160"}).stdout
    for target_id, shown in LICHENG_PROGRESS.items():
        name = {"gdp": "地区生产总值", "primary": "第一产业增加值", "secondary": "第二产业增加值",
                "tertiary": "第三产业增加值", "farm-output": "农林牧渔业总产值",
                "fixed-assets": "固定资产投资"}[target_id]  # fmt: skip
        row = next(line for line in out.splitlines() if line.startswith(name))
        assert f"完成年度目标的{shown}" in row, row
        assert ("✔ 已完成" if target_id == "primary" else "✘ 未完成") in row, row
    assert out.splitlines()[-1].startswith(
        "✔ 已完成 1   ● 正常推进 0   ▲ 预警 0   ✖ 滞后 0   ✘ 未完成 5"
    )


def test_a_final_verdict_shows_no_forecast(cli: CliRun, licheng: Path) -> None:
    for lang, words in (("zh", ("预计",)), ("en", ("forecast", "Forecast"))):
        out = cli("--lang", lang, "show", "gdp", env=REPORT_DAY).stdout
        assert not any(word in out for word in words), out
    assert (
        "未完成：完成年度目标的89.4%" in cli("--lang", "zh", "show", "gdp", env=REPORT_DAY).stdout
    )


def test_missed_leads_the_report_and_fails_the_off_track_alert(cli: CliRun, licheng: Path) -> None:
    only = json.loads(cli("status", "--only", "missed", "--json", env=REPORT_DAY).stdout)
    assert [row["id"] for row in only["targets"]] == [
        "gdp", "secondary", "tertiary", "farm-output", "fixed-assets",
    ]  # fmt: skip
    assert cli("status", "--fail-on", "off-track", env=REPORT_DAY).exit_code == 3
    text = cli("report", env=REPORT_DAY).stdout
    attention = text[text.index("Needs attention") : text.index("== ")]
    assert attention.splitlines()[1].startswith("✘ missed  地区生产总值: 635 亿元")


def test_shandong_2023_new_urban_jobs(cli: CliRun, write) -> None:
    write(
        "targets.toml",
        """
        [plan]
        title = "山东省2023年国民经济和社会发展计划"
        year = 2023

        [[section]]
        id = "jobs"
        name = "就业"

        [[target]]
        id = "new-urban-jobs"
        section = "jobs"
        name = "城镇新增就业"
        kind = "total"
        unit = "万人"
        target = 110
        qualifier = "at_least"
        """,
    )
    env = {"PLANTRACK_TODAY": "2024-01-25"}
    assert cli("record", "new-urban-jobs", "124.5", "-p", "2023-12", env=env).exit_code == 0
    row = json.loads(cli("status", "--json", env=env).stdout)["targets"][0]
    assert (row["status"], row["final"]) == ("achieved", True)
    assert row["progress"] == pytest.approx(124.5 / 110)
    assert "完成年度目标的113.2%" in cli("--lang", "zh", "status", env=env).stdout


def test_december_is_final_once_its_figure_is_in_or_its_due_day_has_passed() -> None:
    total = target(kind="total", unit="个", target=150)
    # As of December with November's figure: in-year while December's figure may still come.
    waiting = judge(total, [entry(11, 120)], 12, today=date(2024, 1, 10))
    assert (waiting.final, waiting.status) == (False, "at_risk")  # 120 of 137.5 due by November
    assert waiting.pending == date(2024, 1, 15)
    late = judge(total, [entry(11, 120)], 12, today=date(2024, 1, 16))
    assert (late.final, late.status, late.stale) == (True, "missed", True)
    reported = judge(total, [entry(11, 120), entry(12, 150)], 12, today=date(2024, 1, 3))
    assert (reported.final, reported.status) == (True, "achieved")
    nothing = judge(total, [], 12)
    assert (nothing.status, nothing.final) == ("no_data", False)


# ── limits ───────────────────────────────────────────────────────────────────

UNEMPLOYMENT = target(kind="limit", unit="%", target=5.5, direction="down", qualifier="at_most")
GRAIN = target(kind="limit", unit="万吨", target=1100, direction="up", qualifier="at_least")
LAND = target(kind="limit", unit="亩", target=500, direction="down", entry="increment")


@pytest.mark.parametrize(
    ("limit", "value", "status"),
    [
        (UNEMPLOYMENT, 5.5, "on_track"),  # on the ceiling is within it
        (UNEMPLOYMENT, 5.9, "off_track"),  # no slack: 5.9 is beyond 5.5以内
        (UNEMPLOYMENT, 7.2, "off_track"),
        (GRAIN, 1100, "on_track"),
        (GRAIN, 1000, "off_track"),
    ],
)
def test_a_limit_is_on_track_within_its_bound_and_off_track_beyond(
    limit: Target, value: float, status: str
) -> None:
    result = judge(limit, [entry(6, value)], 6)
    assert (result.expected, result.status, result.progress) == (limit.target, status, None)
    final = judge(limit, [entry(12, value)], 12)
    assert final.status == ("achieved" if status == "on_track" else "missed")


def test_a_limit_s_margin_warns_before_the_bound() -> None:
    careful = target(kind="limit", unit="%", target=5.5, direction="down", tolerance=0.3)
    assert judge(careful, [entry(6, 5.2)], 6).status == "on_track"  # 0.3 under: not closer
    assert judge(careful, [entry(6, 5.3)], 6).status == "at_risk"
    assert judge(careful, [entry(6, 5.6)], 6).status == "off_track"


def test_a_cap_on_a_running_total_is_at_risk_when_heading_beyond_it() -> None:
    # 400 亩 by June against a cap of 500: within, but at this pace 800 by December.
    result = judge(LAND, [entry(3, 150), entry(6, 250)], 6)
    assert (result.actual, result.forecast, result.status) == (400, 800, "at_risk")
    assert judge(LAND, [entry(6, 200)], 6).status == "on_track"  # 400 by December
    assert judge(LAND, [entry(6, 520)], 6).status == "off_track"


@pytest.mark.parametrize(
    ("limit", "value", "words"),
    [
        (UNEMPLOYMENT, 5.2, "低于上限0.3个百分点"),
        (UNEMPLOYMENT, 5.9, "超出上限0.4个百分点"),
        (GRAIN, 1150, "高于下限50万吨"),
        (GRAIN, 1000, "低于下限100万吨"),
    ],
)
def test_a_limit_s_gap_is_worded_against_its_bound(limit: Target, value: float, words: str) -> None:
    assert gap_text(judge(limit, [entry(6, value)], 6), "zh") == words


# ── 左右: the band ───────────────────────────────────────────────────────────

GDP = target(kind="growth", unit="%", target=6, qualifier="about", frequency="quarterly")
CPI = target(kind="limit", unit="%", target=3, qualifier="about", direction="down")


def test_about_is_met_within_the_band_and_judged_at_it_in_the_year() -> None:
    assert judge(GDP, [entry(12, 5.5)], 12).status == "achieved"
    assert judge(GDP, [entry(12, 5.4)], 12).status == "missed"
    assert judge(GDP, [entry(12, 6.8)], 12).status == "achieved"  # better is always met
    in_year = judge(GDP, [entry(6, 5.0)], 6)
    assert (in_year.expected, in_year.status) == (5.5, "on_track")  # 5.5 with 0.5 slack
    assert judge(GDP, [entry(6, 4.9)], 6).status == "at_risk"


def test_about_loosens_a_ceiling_on_its_unfavourable_side_only() -> None:
    assert judge(CPI, [entry(12, 3.5)], 12).status == "achieved"
    assert judge(CPI, [entry(12, 3.6)], 12).status == "missed"
    assert judge(CPI, [entry(12, 0)], 12).status == "achieved"
    own_band = target(kind="growth", unit="%", target=6, qualifier="about", band=0.2)
    assert judge(own_band, [entry(12, 5.7)], 12).status == "missed"


# ── targets in step with another ─────────────────────────────────────────────

INCOME = target(id="income", kind="growth", unit="%", follows="gdp", frequency="quarterly")
GDP_PLAIN = target(id="gdp", kind="growth", unit="%", target=6, frequency="quarterly")


def test_a_target_in_step_with_another_takes_its_figure_each_period() -> None:
    plan = make_plan(GDP_PLAIN, INCOME)
    entries = [entry(6, 5.2, "gdp"), entry(6, 5.0, "income"), entry(9, 5.4, "income")]
    june = evaluate(plan, entries, Month(YEAR, 6), LATER).result("income")
    assert (june.goal, june.expected, june.status) == (5.2, 5.2, "on_track")  # 5.0 ≥ 5.2 − 0.5
    september = evaluate(plan, entries, Month(YEAR, 9), LATER).result("income")
    assert (september.status, september.goal) == ("no_data", None)  # no GDP figure for Q3
    assert september.reason is not None and september.reason.key == "follows.no_figure"
    ahead = target(
        id="income", kind="growth", unit="%", follows="gdp", offset=0.5, frequency="quarterly"
    )  # 0.5 points faster than GDP: 5.7, so 5.0 is more than the slack short
    plan = make_plan(GDP_PLAIN, ahead)
    assert evaluate(plan, entries, Month(YEAR, 6), LATER).result("income").status == "at_risk"


def test_in_step_shows_in_the_table(cli: CliRun, write) -> None:
    write(
        "targets.toml",
        """
        [plan]
        title = "t"
        year = 2023

        [[section]]
        id = "s"
        name = "经济"

        [[target]]
        id = "gdp-growth"
        section = "s"
        name = "地区生产总值增长"
        name_en = "GDP growth"
        kind = "growth"
        unit = "%"
        target = 6

        [[target]]
        id = "income-growth"
        section = "s"
        name = "居民收入增长"
        kind = "growth"
        unit = "%"
        follows = "gdp-growth"
        """,
    )
    assert "同步于地区生产总值增长" in cli("--lang", "zh", "targets").stdout
    assert "in step with GDP growth" in cli("--lang", "en", "status").stdout


# ── yearly averages and the points rule ──────────────────────────────────────


def test_a_yearly_average_is_the_mean_of_the_months_reported() -> None:
    surveyed = target(kind="limit", unit="%", target=5.5, direction="down", aggregate="average")
    result = judge(surveyed, [entry(2, 5.0), entry(3, 5.6), entry(4, 5.7)], 4)
    assert result.actual == pytest.approx(5.433, abs=1e-3)  # within 5.5, though April is not
    assert result.status == "on_track"


def test_the_points_rule_of_an_office() -> None:
    points = Rules(mode="points", at_risk_points=10, off_track_points=30)
    ratio = target(kind="level", unit="%", target=60, baseline=55)
    # June: E = 57.5; 56 is (56 − 57.5) / (60 − 55) × 100 = −30 points: at risk at 10/30.
    at_risk = judge(ratio, [entry(6, 56)], 6, rules=points)
    assert (at_risk.expected, at_risk.status) == (57.5, "at_risk")
    assert judge(ratio, [entry(6, 55.9)], 6, rules=points).status == "off_track"
    assert judge(ratio, [entry(6, 57.0)], 6, rules=points).status == "on_track"  # −10
    projects = target(kind="total", unit="个", target=150)
    # 60 of 75 due: (60 − 75) / 150 × 100 = −10 points, on track; with tolerances, off track.
    assert judge(projects, [entry(6, 60)], 6, rules=points).status == "on_track"
    assert judge(projects, [entry(6, 60)], 6).status == "at_risk"


# ── the reporting calendar ───────────────────────────────────────────────────

MONTHLY = target(kind="total", unit="个", target=150)
QUARTERLY = target(kind="growth", unit="%", target=6, frequency="quarterly")
ANNUAL = target(kind="level", unit="%", target=60, frequency="annual")


@pytest.mark.parametrize(
    ("t", "before", "month", "today", "stale"),
    [
        (MONTHLY, 5, 6, date(2023, 7, 15), False),  # June's figure is due by 15 July
        (MONTHLY, 5, 6, date(2023, 7, 16), True),
        (QUARTERLY, 3, 6, date(2023, 7, 20), False),  # Q2's by 20 July
        (QUARTERLY, 3, 6, date(2023, 7, 21), True),
        (ANNUAL, None, 12, date(2024, 1, 31), False),  # the year's by 31 January
        (ANNUAL, None, 12, date(2024, 2, 1), True),
        (MONTHLY, None, 1, date(2023, 2, 20), False),  # no January report: 1-2月 in March
        (MONTHLY, None, 2, date(2023, 3, 16), True),
    ],
)
def test_a_figure_is_overdue_only_once_its_due_day_has_passed(
    t: Target, before: int | None, month: int, today: date, stale: bool
) -> None:
    entries = [] if before is None else [entry(before, 1)]  # the report before is in
    assert judge(t, entries, month, today=today).stale is stale


def test_the_office_sets_its_own_days() -> None:
    own = Calendar(monthly_due_day=25, jan_feb_combined=False)
    may = [entry(5, 60)]
    assert judge(MONTHLY, may, 6, today=date(2023, 7, 20), calendar=own).stale is False
    assert judge(MONTHLY, [], 1, today=date(2023, 2, 26), calendar=own).stale is True


def test_a_month_before_its_reporting_day_is_waited_for_not_overdue(cli: CliRun, write) -> None:
    write(
        "targets.toml",
        dedent(
            """
            [plan]
            title = "t"
            year = 2023

            [[section]]
            id = "s"
            name = "s"
            """
        )
        + "".join(
            f'\n[[target]]\nid = "t{n}"\nsection = "s"\nname = "目标{n}"\nkind = "total"\n'
            f'unit = "个"\ntarget = 100\n'
            for n in range(1, 4)
        ),
    )
    july = {"PLANTRACK_TODAY": "2023-08-03"}
    for n in range(1, 4):
        assert cli("record", f"t{n}", str(50 + n), "-p", "2023-06", env=july).exit_code == 0
    assert cli("record", "t1", "60", "-p", "2023-07", env=july).exit_code == 0
    data = json.loads(cli("status", "--json", env=july).stdout)
    assert data["as_of"] == "2023-07"
    assert data["summary"]["stale"] == 0  # July's figures are due by 15 August
    assert [row["pending"] for row in data["targets"]] == [None, "2023-08-15", "2023-08-15"]


def test_jan_feb_is_shown_as_one_report(cli: CliRun, small_plan: Path) -> None:
    env = {"PLANTRACK_TODAY": "2023-03-10"}
    assert cli("record", "key-projects", "20", "-p", "2023-02", env=env).exit_code == 0
    assert "20个 (1-2月)" in cli("--lang", "zh", "status", env=env).stdout


# ── numbers to one decimal ───────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("value", "shown"),
    [(113.25, "113.3"), (0.05, "0.1"), (-0.05, "-0.1"), (32.45, "32.5"), (100, "100.0")],
)
def test_one_decimal_rounds_half_away_from_zero(value: float, shown: str) -> None:
    assert one_decimal(value) == shown


def test_progress_is_shown_to_one_decimal() -> None:
    assert percent(70 / 150) == "46.7%"
    assert percent(1) == "100.0%"


def test_show_expects_a_left_target_at_its_band_month_by_month() -> None:
    from plantrack.core.progress import series

    monthly_gdp = target(kind="growth", unit="%", target=6, qualifier="about")
    points = series(make_plan(monthly_gdp), monthly_gdp, [entry(5, 5.8)], Month(YEAR, 6), LATER)
    assert [point.expected for point in points] == [5.5] * 6


def test_a_figure_is_awaited_on_its_due_day_itself() -> None:
    on_the_day = judge(MONTHLY, [entry(5, 60)], 6, today=date(2023, 7, 15))
    assert (on_the_day.stale, on_the_day.pending) == (False, date(2023, 7, 15))


def test_points_behind_make_a_total_at_risk() -> None:
    points = Rules(mode="points", at_risk_points=10, off_track_points=30)
    projects = target(kind="total", unit="个", target=150)
    # 40 of 75 due: (40 − 75) / 150 × 100 = −23.3 points.
    assert judge(projects, [entry(6, 40)], 6, rules=points).status == "at_risk"
    assert judge(projects, [entry(6, 25)], 6, rules=points).status == "off_track"  # −33.3


def test_a_ceiling_reported_as_a_level_forecasts_its_figure() -> None:
    assert judge(UNEMPLOYMENT, [entry(6, 5.0)], 6).forecast == 5.0


def test_a_left_ceiling_reads_its_gap_against_the_band() -> None:
    assert gap_text(judge(CPI, [entry(6, 3.5)], 6), "zh") == "与上限持平"
    assert gap_text(judge(CPI, [entry(6, 3.6)], 6), "en") == "0.1 points over the ceiling"


@pytest.mark.parametrize(
    ("frequency", "months"),
    [("monthly", tuple(range(2, 13))), ("quarterly", (3, 6, 9, 12)), ("annual", (12,))],
)
def test_the_months_each_frequency_reports(frequency: str, months: tuple[int, ...]) -> None:
    from plantrack.core.calendar import reporting_months

    assert reporting_months(target(kind="total", frequency=frequency), Calendar()) == months
    every = Calendar(jan_feb_combined=False)
    assert reporting_months(target(kind="total"), every) == tuple(range(1, 13))


def test_the_next_report_is_awaited_up_to_its_due_day() -> None:
    from plantrack.core.calendar import next_due

    annual = target(kind="total", frequency="annual")
    assert next_due(annual, Month(YEAR, 6), date(2024, 1, 31), Calendar()) == date(2024, 1, 31)
    assert next_due(annual, Month(YEAR, 6), date(2024, 2, 1), Calendar()) is None


def test_one_decimal_reads_the_digits_written() -> None:
    assert percent(0.0725) == "7.3%"  # 0.0725 × 100 is 7.249999... in binary floats
    assert percent(1.131818) == "113.2%"
    assert one_decimal(1e30) == "1000000000000000000000000000000.0"  # no error, however large
    assert percent(float("inf")) == ""
