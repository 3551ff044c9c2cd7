"""The progress rules of docs/progress.md, each checked against numbers computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from plantrack.core.model import Defaults, Entry, Plan, PlanInfo, Section, Target
from plantrack.core.periods import Month
from plantrack.core.progress import Figures, default_as_of, evaluate, evaluate_target, summarize

YEAR = 2023
# Long after the plan year: every report of 2023 is due, and December's verdicts are final.
LATER = date(2024, 3, 1)


def make_plan(*targets: Target) -> Plan:
    return Plan(
        info=PlanInfo(title="t", year=YEAR),
        defaults=Defaults(),
        sections=(Section(id="s", name="s"),),
        targets=targets,
    )


def target(**fields: object) -> Target:
    base: dict[str, object] = {"id": "x", "section": "s", "name": "x"}
    base.update(fields)
    return Target(**base)  # type: ignore[arg-type]


def entry(month: int, value: float, target_id: str = "x", year: int = YEAR) -> Entry:
    return Entry(target_id, Month(year, month), value, "2023-01-01T00:00:00Z", "t")


def assess(t: Target, entries: list[Entry], month: int, today: date = LATER):
    plan = make_plan(t)
    return evaluate_target(plan, t, Figures(plan, entries), Month(YEAR, month), today)


TOTAL = target(kind="total", unit="个", target=150)


class TestTotal:
    def test_june_figures_by_hand(self) -> None:
        result = assess(TOTAL, [entry(6, 70)], 6)
        assert result.actual == 70
        assert result.period == Month(YEAR, 6)
        assert result.expected == 75  # 150 × 6/12
        assert result.slack == pytest.approx(7.5)  # 0.10 × |75 − 0|
        assert result.progress == pytest.approx(70 / 150)
        assert result.gap == pytest.approx((70 - 75) / 150 * 100)  # −3.33 points of the target
        assert result.forecast == pytest.approx(140)  # 70 / 0.5
        assert result.status == "on_track"

    @pytest.mark.parametrize(
        ("actual", "status"),
        [
            (150, "achieved"),
            (76, "on_track"),
            (67.5, "on_track"),
            (67.4, "at_risk"),
            (60, "at_risk"),
            (59.9, "off_track"),
        ],
    )
    def test_status_boundaries_are_inclusive(self, actual: float, status: str) -> None:
        assert assess(TOTAL, [entry(6, actual)], 6).status == status

    def test_a_total_reached_early_is_achieved(self) -> None:
        assert assess(TOTAL, [entry(3, 151)], 3).status == "achieved"

    def test_the_latest_revision_counts_and_later_months_do_not(self) -> None:
        entries = [entry(5, 50), entry(6, 60), entry(6, 72), entry(7, 140)]
        result = assess(TOTAL, entries, 6)
        assert (result.actual, result.period) == (72, Month(YEAR, 6))

    def test_the_latest_period_is_used_even_when_earlier_than_the_as_of_month(self) -> None:
        result = assess(TOTAL, [entry(4, 50)], 6)
        assert result.period == Month(YEAR, 4)
        assert result.expected == 50  # expected at p = April, not at June
        assert result.stale  # June was due and not reported

    def test_entries_of_another_year_are_ignored(self) -> None:
        assert assess(TOTAL, [entry(6, 70, year=2022)], 6).status == "no_data"


class TestIncrement:
    ROADS = target(kind="total", unit="公里", target=26, entry="increment")

    def test_period_amounts_are_summed(self) -> None:
        entries = [entry(4, 3), entry(5, 4), entry(6, 5), entry(5, 6)]  # May revised to 6
        result = assess(self.ROADS, entries, 6)
        assert result.actual == 14  # 3 + 6 + 5
        assert result.expected == pytest.approx(13)  # 26 × 6/12
        assert result.status == "on_track"
        assert result.forecast == pytest.approx(28)

    def test_only_periods_up_to_the_as_of_month(self) -> None:
        result = assess(self.ROADS, [entry(4, 3), entry(5, 6), entry(6, 5)], 5)
        assert result.actual == 9
        assert result.expected == pytest.approx(26 * 5 / 12)  # 10.83
        assert result.status == "at_risk"  # 9 < 10.83 − 1.08, but ≥ 10.83 − 2.17


class TestGrowth:
    GDP = target(kind="growth", unit="%", target=6, frequency="quarterly")

    @pytest.mark.parametrize(
        ("actual", "status"),
        [(5.6, "on_track"), (5.5, "on_track"), (5.0, "at_risk"), (4.9, "off_track")],
    )
    def test_tolerance_is_in_points(self, actual: float, status: str) -> None:
        result = assess(self.GDP, [entry(6, actual)], 6)
        assert result.expected == 6
        assert result.status == status
        assert result.progress is None
        assert result.gap == pytest.approx(actual - 6)

    def test_achieved_only_on_the_years_figure(self) -> None:
        assert assess(self.GDP, [entry(6, 6.5)], 6).status == "on_track"
        december = assess(self.GDP, [entry(12, 6.5)], 12)
        assert (december.status, december.final, december.forecast) == ("achieved", True, None)

    def test_quarterly_overdue_rule(self) -> None:
        assert not assess(self.GDP, [], 2).stale  # nothing due before March
        assert assess(self.GDP, [], 3).stale
        assert not assess(self.GDP, [entry(6, 5.8)], 8).stale  # Q2 is the last due by August
        assert assess(self.GDP, [entry(6, 5.8)], 9).stale  # Q3 is due in September
        assert assess(self.GDP, [entry(6, 5.8)], 9).report_due == Month(YEAR, 9)


class TestDirectionDown:
    INTENSITY = target(kind="growth", unit="%", target=-3, direction="down")

    @pytest.mark.parametrize(
        ("actual", "status"),
        [
            (-2.6, "on_track"),
            (-2.5, "on_track"),
            (-2.2, "at_risk"),
            (-2.0, "at_risk"),
            (-1.8, "off_track"),
        ],
    )
    def test_mirrored_thresholds(self, actual: float, status: str) -> None:
        assert assess(self.INTENSITY, [entry(6, actual)], 6).status == status

    def test_achieved_when_at_or_below_target_in_december(self) -> None:
        assert assess(self.INTENSITY, [entry(12, -3.2)], 12).status == "achieved"

    def test_a_level_that_must_fall_from_its_baseline(self) -> None:
        pm25 = target(kind="level", unit="μg/m³", target=35, baseline=40, direction="down")
        result = assess(pm25, [entry(6, 37.7)], 6)
        assert result.expected == pytest.approx(37.5)  # 40 + (35 − 40) × 0.5
        assert result.slack == pytest.approx(0.25)
        assert result.status == "on_track"  # 37.7 ≤ 37.75
        assert assess(pm25, [entry(6, 37.9)], 6).status == "at_risk"  # ≤ 38.0
        assert assess(pm25, [entry(6, 38.1)], 6).status == "off_track"
        assert assess(pm25, [entry(6, 35)], 6).status == "achieved"
        assert result.progress == pytest.approx((37.7 - 40) / (35 - 40))


class TestLevel:
    RATIO = target(kind="level", unit="%", target=60, baseline=55)

    def test_the_worked_example_of_the_issue(self) -> None:
        result = assess(self.RATIO, [entry(6, 57.25)], 6)
        assert result.expected == pytest.approx(57.5)  # 55 + 5 × 0.5
        assert result.slack == pytest.approx(0.25)  # 0.10 × |57.5 − 55|
        assert result.status == "on_track"
        assert result.progress == pytest.approx(2.25 / 5)
        assert result.forecast == pytest.approx(59.5)  # 55 + 2.25 / 0.5
        assert result.gap == pytest.approx(-0.25)

    @pytest.mark.parametrize(
        ("actual", "status"), [(57.0, "at_risk"), (56.9, "off_track"), (60, "achieved")]
    )
    def test_thresholds(self, actual: float, status: str) -> None:
        assert assess(self.RATIO, [entry(6, actual)], 6).status == status

    def test_without_baseline_the_target_is_expected_all_year(self) -> None:
        coverage = target(kind="level", unit="%", target=90)
        result = assess(coverage, [entry(3, 85)], 3)
        assert result.expected == 90
        assert result.slack == pytest.approx(9)
        assert result.status == "on_track"
        assert result.progress == pytest.approx(85 / 90)
        assert result.forecast == 85
        assert assess(coverage, [entry(3, 80)], 3).status == "at_risk"
        assert assess(coverage, [entry(3, 71)], 3).status == "off_track"

    def test_a_level_held_at_its_baseline(self) -> None:
        soil = target(kind="level", unit="%", target=100, baseline=100)
        held = assess(soil, [entry(6, 100)], 6)
        assert (held.status, held.progress) == ("achieved", None)  # progress divides by T − B = 0
        dropped = assess(soil, [entry(6, 99.9)], 6)
        assert dropped.status == "off_track"  # no slack: the change due is 0
        assert dropped.forecast == pytest.approx(99.8)  # 100 + (99.9 − 100) / 0.5
        assert assess(soil, [entry(12, 99.9)], 12).status == "missed"


class TestMilestone:
    PARLOUR = target(kind="milestone", due="2023-06", target=100, unit="%")

    def test_expected_reaches_100_at_the_due_month(self) -> None:
        result = assess(self.PARLOUR, [entry(3, 40)], 3)
        assert result.expected == pytest.approx(50)  # 100 × min(1, 0.25 / 0.5)
        assert result.slack == pytest.approx(5)
        assert result.status == "at_risk"  # 40 < 45 but ≥ 40
        assert result.progress == pytest.approx(0.4)
        assert result.forecast == pytest.approx(80)  # min(100, 40 / 0.5)
        assert assess(self.PARLOUR, [entry(5, 90)], 5).status == "on_track"  # 83.3 due
        june = assess(self.PARLOUR, [entry(6, 90)], 6)  # the due month: the verdict is final
        assert (june.expected, june.final, june.status) == (100, True, "missed")
        assert assess(self.PARLOUR, [entry(6, 100)], 6).status == "achieved"
        assert assess(self.PARLOUR, [entry(8, 100)], 8).status == "achieved"

    def test_default_due_month_is_december(self) -> None:
        task = target(kind="milestone", target=100, unit="%")
        assert assess(task, [entry(6, 50)], 6).expected == pytest.approx(50)

    def test_a_milestone_due_after_the_plan_year(self) -> None:
        task = target(kind="milestone", target=100, unit="%", due="2024-12")
        result = assess(task, [entry(12, 50)], 12)
        assert result.expected == pytest.approx(50)  # spread over 24 months
        assert result.status == "on_track"
        assert not result.counted


class TestCustomSchedule:
    ROADS = target(
        kind="total", unit="公里", target=26,
        schedule=(0, 0, 0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95, 1, 1),
    )  # fmt: skip

    def test_nothing_due_yet_means_no_forecast(self) -> None:
        result = assess(self.ROADS, [entry(2, 0)], 2)
        assert (result.expected, result.slack, result.forecast) == (0, 0, None)
        assert result.status == "on_track"

    def test_may(self) -> None:
        result = assess(self.ROADS, [entry(5, 7)], 5)
        assert result.expected == pytest.approx(7.8)  # 26 × 0.3
        assert result.status == "at_risk"  # 7 < 7.02, ≥ 6.24
        assert result.forecast == pytest.approx(7 / 0.3)


def test_a_five_year_goal_is_listed_but_not_counted() -> None:
    output = target(kind="level", unit="亿元", target=50, due="2025-12", frequency="annual")
    jobs = target(id="jobs", kind="total", unit="人", target=1500)
    plan = make_plan(output, jobs)
    progress = evaluate(plan, [entry(12, 20), entry(12, 700, "jobs")], Month(YEAR, 12), LATER)
    assert [r.counted for r in progress.results] == [False, True]
    assert progress.summary() == {
        "achieved": 0, "on_track": 0, "at_risk": 0, "off_track": 0, "missed": 1, "no_data": 0,
        "stale": 0,
    }  # fmt: skip


def test_entries_for_targets_not_in_the_plan_are_set_aside() -> None:
    progress = evaluate(
        make_plan(TOTAL), [entry(6, 1, "gone"), entry(6, 1, "gone")], Month(YEAR, 6), LATER
    )
    assert progress.ignored == {"gone": 2}


def test_summary_counts_overdue_targets() -> None:
    plan = make_plan(TOTAL, target(id="y", kind="total", unit="个", target=10))
    progress = evaluate(plan, [entry(5, 60)], Month(YEAR, 6), LATER)
    counts = summarize(progress.results)
    assert counts["stale"] == 2 and counts["no_data"] == 1 and counts["on_track"] == 1


class TestDefaultAsOf:
    GDP = target(id="gdp", kind="growth", unit="%", target=6, frequency="quarterly")

    def plan(self) -> Plan:
        return make_plan(TOTAL, self.GDP)

    def test_the_latest_monthly_figure_sets_it(self) -> None:
        entries = [entry(5, 1), entry(9, 5.5, "gdp"), entry(7, 2)]
        assert default_as_of(self.plan(), entries, date(2023, 11, 1)) == Month(YEAR, 7)

    def test_quarterly_figures_alone(self) -> None:
        assert default_as_of(self.plan(), [entry(6, 5.5, "gdp")], date(2023, 11, 1)) == Month(
            YEAR, 6
        )

    @pytest.mark.parametrize(
        ("today", "month"),
        [
            (date(2023, 7, 15), Month(YEAR, 6)),
            (date(2023, 1, 10), Month(YEAR, 1)),
            (date(2024, 3, 1), Month(YEAR, 12)),
            (date(2022, 12, 1), Month(YEAR, 1)),
        ],
    )
    def test_an_empty_ledger_uses_today(self, today: date, month: Month) -> None:
        assert default_as_of(self.plan(), [], today) == month

    def test_figures_of_other_years_and_unknown_targets_do_not_set_it(self) -> None:
        entries = [
            entry(5, 1),
            entry(11, 2, year=2022),
            entry(12, 1, "retired"),
            entry(12, 1, year=2024),
        ]
        assert default_as_of(self.plan(), entries, date(2024, 3, 1)) == Month(YEAR, 5)

    def test_without_monthly_figures_other_years_and_unknown_targets_do_not_count(self) -> None:
        entries = [entry(6, 5.5, "gdp"), entry(12, 1, "retired"), entry(12, 5.1, "gdp", year=2022)]
        assert default_as_of(self.plan(), entries, date(2024, 3, 1)) == Month(YEAR, 6)

    def test_the_latest_of_several_quarterly_figures(self) -> None:
        entries = [entry(9, 5.8, "gdp"), entry(3, 5.2, "gdp"), entry(6, 5.5, "gdp")]
        assert default_as_of(self.plan(), entries, date(2024, 3, 1)) == Month(YEAR, 9)


class TestBoundariesInBinaryFloats:
    """A figure exactly on a boundary meets it, though the threshold is computed in floats."""

    def test_a_small_total(self) -> None:
        # 14 × 7/12 = 8.1667 expected, slack 0.8167: the threshold is 7.35, which floats make
        # 7.350000000000001.
        fourteen = target(kind="total", unit="个", target=14)
        assert assess(fourteen, [entry(7, 7.35)], 7).status == "on_track"
        assert assess(fourteen, [entry(7, 7.34)], 7).status == "at_risk"

    def test_a_large_total_scales_the_allowance(self) -> None:
        # 1e8 × 5/12 × 0.9 = 37,500,000 exactly; floats make it 37500000.00000001, an error
        # larger than 1e-9 but within 1e-9 of the threshold's size.
        large = target(kind="total", unit="元", target=100_000_000)
        assert assess(large, [entry(5, 37_500_000)], 5).status == "on_track"
        assert assess(large, [entry(5, 37_499_999)], 5).status == "at_risk"


def test_an_annual_target_is_overdue_in_december_without_its_figure() -> None:
    annual = target(kind="level", unit="%", target=60, baseline=55, frequency="annual")
    assert assess(annual, [], 11).stale is False
    december = assess(annual, [], 12)
    assert (december.stale, december.report_due) == (True, Month(YEAR, 12))
    assert assess(annual, [entry(12, 60)], 12).stale is False


def test_a_targets_own_tolerance_replaces_the_default() -> None:
    strict = target(kind="total", unit="个", target=150, tolerance=0.02)
    # 70 of 75 due: within the default 10% (on track), outside 2% and 4% (off track)
    assert assess(TOTAL, [entry(6, 70)], 6).status == "on_track"
    assert assess(strict, [entry(6, 70)], 6).status == "off_track"
    assert assess(strict, [entry(6, 73.5)], 6).status == "on_track"


def test_a_milestone_ahead_of_schedule_forecasts_no_more_than_complete() -> None:
    milestone = target(kind="milestone", unit="%", target=100, due="2023-06")
    ahead = assess(milestone, [entry(3, 80)], 3)  # 50% due by March, 80% done
    assert ahead.forecast == 100


def test_a_milestone_due_mid_year_is_spread_over_the_whole_year() -> None:
    from plantrack.core.schedule import effective_schedule, share_due

    milestone = target(kind="milestone", unit="%", target=100, due="2023-06")
    assert share_due(milestone, YEAR, 3) == 3 / 12
    assert effective_schedule(milestone, YEAR)[-1] == 1.0
    assert assess(milestone, [entry(3, 50)], 3).expected == 50  # (3/12) / (6/12) of it


def test_the_breakdown_leaves_out_sections_without_targets() -> None:
    from plantrack.core.progress import breakdown

    plan = Plan(
        info=PlanInfo(title="t", year=YEAR),
        sections=(Section(id="empty", name="空"), Section(id="s", name="s")),
        targets=(TOTAL,),
    )
    counts = breakdown(plan, evaluate(plan, [entry(6, 70)], Month(YEAR, 6), LATER).results)
    assert [section.id for section, _ in counts.by_section] == ["s"]


def test_selecting_stale_gives_the_overdue_targets_whatever_their_status() -> None:
    from plantrack.core.progress import select

    plan = make_plan(TOTAL, target(id="y", kind="total", unit="个", target=10))
    results = evaluate(plan, [entry(5, 60), entry(6, 5, "y")], Month(YEAR, 6), LATER).results
    assert [r.target.id for r in select(results, statuses={"stale"})] == ["x"]
    assert [r.target.id for r in select(results, statuses={"on_track"})] == ["x", "y"]


def test_results_are_frozen() -> None:
    """The library hands results out; no caller may change what another one reads."""
    import dataclasses

    from plantrack.core.progress import assess, breakdown, series

    plan = make_plan(TOTAL)
    progress = evaluate(plan, [entry(6, 70)], Month(YEAR, 6), LATER)
    assessment = assess(plan, [entry(6, 70)], Month(YEAR, 6), plan.sections, LATER)
    frozen = [
        progress,
        progress.results[0],
        assessment,
        breakdown(plan, progress.results),
        series(plan, TOTAL, [entry(6, 70)], Month(YEAR, 6), LATER)[0],
    ]
    for value in frozen:
        field = dataclasses.fields(value)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, None)


def test_a_milestone_past_its_due_month_is_judged_and_not_forecast() -> None:
    milestone = target(kind="milestone", unit="%", target=100, due="2023-06")
    # A figure after the due month settles it, even before June's figure was due.
    late = assess(milestone, [entry(7, 60)], 7, today=date(2023, 7, 10))
    assert (late.final, late.status, late.expected, late.forecast) == (True, "missed", 100, None)
