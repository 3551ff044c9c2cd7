"""The shipped targets.toml holds the whole Boshan 2023 plan, faithfully to the report."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from plantrack.core.model import Entry, Plan, Target
from plantrack.core.periods import Month
from plantrack.core.progress import evaluate
from plantrack.store.plan_file import load_plan
from tests.conftest import REPORT, SHIPPED_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SHIPPED_PLAN)


def part_two() -> str:
    text = REPORT.read_text(encoding="utf-8")
    return text[text.index("二、2023年国民经济和社会发展计划安排") :]


# (figure, unit, phrase of part 二 the figure comes from): every quantified commitment.
FIGURES_OF_PART_TWO = [
    (6, "%", "地区生产总值增长6%左右"),
    (5, "%", "一般公共预算收入增长5%"),
    (10, "%", "固定资产投资增长10%以上"),
    (0, "%", "社会消费品零售总额、外贸进出口和实际使用外资保持稳定增长"),
    (6, "%", "城乡居民人均可支配收入增长6%左右"),
    (150, "个", "重点项目150个"),
    (160, "个", "重点技改项目160个"),
    (10, "家", "培育工业互联网示范企业10家"),
    (3, "家", "选树数字化转型示范企业3家"),
    (20, "家", "带动20家企业开展数字化"),
    (2, "家", "瞪羚”企业2家以上"),
    (5, "家", "中小企业5家以上"),
    (3, "家", "创建省级以上创新平台3家"),
    (10, "家", "新增高新技术企业10家"),
    (10, "个", "培育高水平科技项目10个"),
    (2, "家", "力争2家企业进入上市辅导期"),
    (2, "家", "2家企业进入上市预辅导"),
    (25, "家", "25家企业入选上市后备资源库"),
    (50, "亿元", "新能源产业产值达到50亿元"),
    (7, "个", "预制食品7个产业园区建成投用"),
    (68, "万平方米", "建成标准厂房68万平方米"),
    (30, "个", "入驻项目30个以上"),
    (8, "个", "8个数字化引领项目"),
    (7, "个", "7个产业优化项目"),
    (1, "个", "力争培育1—2个优势特色产业集群"),
    (26, "公里", "新改建“四好农村路”26公里"),
    (30, "%", "涉农贷款发放额度同比增长30%以上"),
    (2, "处", "实现2—3处乡村振兴片区突破发展"),
    (3000, "亩", "计划恢复耕地3000亩以上"),
    (2, "个", "争创3A级以上旅游景区2个"),
    (3, "个", "争取省级文旅示范点3个以上"),
    (300, "场", "组织文化进基层演出300场以上"),
    (13, "个", "13个片区老旧小区改造工程"),
    (560, "栋", "改造560栋楼"),
    (149, "万平方米", "面积149万平方米"),
    (2.1, "万户", "惠及群众2.1万户"),
    (20, "公里", "自来水管网改造提升工程20公里"),
    (10, "万平方米", "新增供热面积10万平方米"),
    (10, "公里", "新建燃气管网10公里"),
    (3000, "户", "新增天然气入户3000户"),
    (45.8, "公里", "完成雨污分流工程45.8公里"),
    (43, "公里", "43公里道路提升工程"),
    (24, "个", "公园游园24个"),
    (55, "万平方米", "改扩绿地55万平方米"),
    (10, "个", "打造智慧物业示范小区10个"),
    (5, "条", "5条美丽幸福河湖创建"),
    (2000, "亩", "新增造林2000亩"),
    (100, "%", "土壤安全利用率保持100%"),
    (90, "%", "普惠性幼儿园覆盖率达到90%以上"),
    (60, "%", "公办园在园幼儿占比达到60%以上"),
    (4, "处", "新建4处智慧型预防接种门诊"),
    (60, "%", "由55%以上提高到60%以上"),
    (160, "家", "规范化建设160家基层医保服务站点"),
    (10, "处", "新建“五以七进”示范点10处"),
    (15, "处", "新建长者食堂15处"),
    (6000, "场", "举办各类文化活动6000余场"),
    (1500, "人", "新增城镇就业1500人以上"),
    (1000, "人", "引进大学生等青年人才1000人"),
    (1, "家", "新增省级博士后创新实践基地1家"),
]


# Sizes of things, not commitments: (target whose note holds it, phrase, figure); the phrase is
# in that note and the figure is no target's.
SIZES_IN_NOTES = [
    ("cultural-activities", "辐射23家分馆", 23),
    ("cultural-activities", "290个村级基层综合性文化服务中心", 290),
    ("key-projects", "450亿元", 450),
    ("industrial-parks-in-use", "9个特色产业园区", 9),
]

# Certifications, titles and batch approvals (issue #10): annual, with the batch month as the
# schedule where it is known (None: not known, no schedule).
BATCH_TARGETS: dict[str, int | None] = {
    "high-tech-firms": 12,
    "gazelle-firms": 12,
    "specialized-smes": 5,
    "innovation-platforms": None,
    "grade-3a-scenic-spots": None,
    "tourism-demo-sites": None,
    "postdoc-bases": None,
    "beautiful-rivers": None,
    "industrial-parks-in-use": None,
    "heating-area": 11,
}

# The other counts judged once a year: selections, recognitions, year-end assessments, and
# small counts of events whose month the plan does not set.
OTHER_ANNUAL_COUNTS = (
    "industrial-internet-demo-firms",
    "digital-transformation-demo-firms",
    "high-level-tech-projects",
    "listing-tutoring-firms",
    "listing-pre-tutoring-firms",
    "agri-industry-clusters",
    "rural-revitalization-zones",
)

# The limits: (id, direction, bound, unit, baseline).
LIMITS = [
    ("no-large-scale-return-to-poverty", "down", 0, "次", None),
    ("xilongjiao-section-water-class", "down", 2, "类", 2),
    ("soil-safe-use-rate", "up", 100, "%", 100),
    ("air-quality-good-days-rate", "up", 66.7, "%", 66.6),
]

KIND_COUNTS = {"growth": 8, "total": 47, "level": 5, "milestone": 14, "limit": 4}


def test_the_shipped_plan_validates_with_at_least_60_targets(plan: Plan) -> None:
    assert plan.year == 2023
    assert len(plan.targets) >= 60
    assert {section.id for section in plan.sections} == {target.section for target in plan.targets}


@pytest.mark.parametrize(("figure", "unit", "phrase"), FIGURES_OF_PART_TWO)
def test_each_figure_of_part_two_is_the_target_of_some_target(
    plan: Plan, figure: float, unit: str, phrase: str
) -> None:
    assert phrase in part_two(), "the phrase must be quoted from part 二 of the report"
    matches = [
        target
        for target in plan.targets
        if target.target == figure and target.unit == unit and phrase in (target.quote or "")
    ]
    assert matches, f"no target of {figure}{unit} quoting '{phrase}'"


def test_every_quote_is_verbatim_from_part_two(plan: Plan) -> None:
    text = part_two()
    misquoted = [target.id for target in plan.targets if target.quote not in text]
    assert misquoted == []


def test_every_target_has_both_names_and_a_quote(plan: Plan) -> None:
    assert all(target.name and target.name_en and target.quote for target in plan.targets)


def target(plan: Plan, target_id: str) -> Target:
    found = plan.target(target_id)
    assert found is not None, target_id
    return found


def test_qualifiers_follow_the_reports_words(plan: Plan) -> None:
    assert target(plan, "gdp-growth").qualifier == "about"  # 左右
    assert target(plan, "fixed-asset-investment-growth").qualifier == "at_least"  # 以上
    assert target(plan, "cultural-activities").qualifier == "at_least"  # 余
    assert target(plan, "budget-revenue-growth").qualifier is None


def test_stable_growth_is_growth_of_at_least_zero(plan: Plan) -> None:
    stable = [t for t in plan.targets if t.group == "stable-growth"]
    assert {t.id for t in stable} == {
        "retail-sales-growth",
        "foreign-trade-growth",
        "foreign-investment-growth",
    }
    assert all((t.kind, t.target, t.qualifier) == ("growth", 0, "at_least") for t in stable)


def test_ranges_are_target_and_stretch(plan: Plan) -> None:
    clusters = target(plan, "agri-industry-clusters")
    zones = target(plan, "rural-revitalization-zones")
    assert (clusters.target, clusters.stretch) == (1, 2)
    assert (zones.target, zones.stretch) == (2, 3)


def test_one_sentence_with_four_numbers_is_four_grouped_targets(plan: Plan) -> None:
    group = sorted((t.unit, t.target) for t in plan.targets if t.group == "old-communities")
    assert group == [("万平方米", 149), ("万户", 2.1), ("个", 13), ("栋", 560)]


def test_the_five_year_target_is_due_in_2025_and_not_counted(plan: Plan) -> None:
    output = target(plan, "new-energy-output")
    assert output.due == "2025-12"
    assert not plan.counted(output)
    assert [t.id for t in plan.targets if not plan.counted(t)] == ["new-energy-output"]


def test_tasks_without_a_number_are_milestones(plan: Plan) -> None:
    assert target(plan, "combined-sewers-cleared").kind == "milestone"
    assert target(plan, "city-parlour-start").kind == "milestone"
    milestones = [t for t in plan.targets if t.kind == "milestone"]
    assert all(t.target == 100 and t.unit == "%" for t in milestones)


def test_frequencies_follow_how_the_figures_are_published(plan: Plan) -> None:
    for quarterly in ("gdp-growth", "income-growth", "agri-loan-growth"):
        assert target(plan, quarterly).frequency == "quarterly", quarterly
    for monthly in (
        "budget-revenue-growth",
        "fixed-asset-investment-growth",
        "retail-sales-growth",
        "foreign-trade-growth",
        "key-projects",
        "tech-upgrade-projects",
        "rural-roads",
        "road-upgrades",
        "urban-jobs",
    ):
        assert target(plan, monthly).frequency == "monthly", monthly
    for annual in (
        "inclusive-kindergarten-coverage",
        "outpatient-reimbursement-ratio",
        "listing-reserve-firms",
        *OTHER_ANNUAL_COUNTS,
    ):
        assert target(plan, annual).frequency == "annual", annual


@pytest.mark.parametrize(("target_id", "batch_month"), BATCH_TARGETS.items())
def test_certifications_and_batches_are_annual_with_their_batch_month(
    plan: Plan, target_id: str, batch_month: int | None
) -> None:
    batch = target(plan, target_id)
    assert batch.frequency == "annual"
    if batch_month is None:
        assert batch.schedule is None, "no month is known, so no schedule"
    else:
        shares = [0.0] * (batch_month - 1) + [1.0] * (13 - batch_month)
        assert batch.schedule is not None and list(batch.schedule) == shares


def test_only_known_batch_months_and_no_work_counts_have_a_schedule(plan: Plan) -> None:
    scheduled = {t.id for t in plan.targets if t.schedule is not None}
    assert scheduled == {key for key, month in BATCH_TARGETS.items() if month is not None}


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [
            Entry(
                target=target_id,
                period=Month(2023, 12),
                value=0.0,
                recorded_at="2024-01-10T09:00:00+08:00",
                by="test",
            )
            for target_id in BATCH_TARGETS
        ],
    ],
    ids=["nothing recorded", "0 recorded"],
)
def test_as_of_june_no_batch_target_is_behind_or_overdue(plan: Plan, entries: list[Entry]) -> None:
    for today in (date(2023, 7, 20), date(2024, 2, 1)):
        results = evaluate(plan, entries, Month(2023, 6), today=today).results
        for result in results:
            if result.target.id in BATCH_TARGETS:
                assert result.status not in ("at_risk", "off_track", "missed"), result.target.id
                assert not result.stale, result.target.id


def test_baselines_are_the_2022_figures_of_part_one(plan: Plan) -> None:
    assert target(plan, "gdp-growth").baseline == 2.5
    assert target(plan, "key-projects").baseline == 135
    assert target(plan, "rural-roads").baseline == 25
    assert target(plan, "urban-jobs").baseline == 1616
    assert target(plan, "air-quality-good-days-rate").baseline == 66.6
    ratio = target(plan, "outpatient-reimbursement-ratio")
    assert (ratio.kind, ratio.baseline, ratio.target) == ("level", 55, 60)


def test_listing_reserve_firms_is_a_level_from_22_to_25(plan: Plan) -> None:
    pool = target(plan, "listing-reserve-firms")
    assert (pool.kind, pool.baseline, pool.target, pool.unit) == ("level", 22, 25, "家")
    assert "22家企业进入上市企业后备资源库" in (pool.baseline_note or "")


@pytest.mark.parametrize(("target_id", "direction", "bound", "unit", "baseline"), LIMITS)
def test_ceilings_and_floors_are_limits(
    plan: Plan,
    target_id: str,
    direction: str,
    bound: float,
    unit: str,
    baseline: float | None,
) -> None:
    limit = target(plan, target_id)
    assert (limit.kind, limit.direction, limit.target, limit.unit) == (
        "limit",
        direction,
        bound,
        unit,
    )
    assert limit.baseline == baseline
    assert limit.frequency == "annual"


def test_the_air_quality_floor_is_above_2022(plan: Plan) -> None:
    air = target(plan, "air-quality-good-days-rate")
    assert air.target is not None and air.baseline is not None
    assert 66.6 < air.target <= 67  # better than 2022's 66.6%, by the least the rate can show
    assert "优良率66.6%" in (air.baseline_note or "")


def test_no_large_scale_return_to_poverty_is_a_ceiling_of_zero(plan: Plan) -> None:
    poverty = target(plan, "no-large-scale-return-to-poverty")
    assert (poverty.kind, poverty.direction, poverty.target) == ("limit", "down", 0)
    assert "不发生规模性返贫" in (poverty.quote or "")


def test_no_bound_is_written_the_wrong_way_round(plan: Plan) -> None:
    for t in plan.targets:
        assert not (t.qualifier == "at_most" and t.direction == "up"), t.id
        assert not (t.qualifier == "at_least" and t.direction == "down" and (t.target or 0) > 0), (
            t.id
        )
        assert not (t.kind in ("total", "milestone") and t.direction == "down"), t.id


def test_no_relative_target_average_or_own_band_without_the_reports_words(plan: Plan) -> None:
    # The report gives income its own 6%左右 (no '同步'), and no rate judged as a yearly mean.
    assert all(t.follows is None for t in plan.targets)
    assert all(t.aggregate == "latest" for t in plan.targets)
    assert all(t.band is None for t in plan.targets)


def test_no_owner_is_invented(plan: Plan) -> None:
    assert all(t.owner is None for t in plan.targets)


@pytest.mark.parametrize(("target_id", "phrase", "figure"), SIZES_IN_NOTES)
def test_sizes_of_other_things_are_notes_not_targets(
    plan: Plan, target_id: str, phrase: str, figure: float
) -> None:
    assert phrase in part_two()
    assert phrase in (target(plan, target_id).note or "")
    assert not any(t.target == figure for t in plan.targets)


def test_the_culture_network_sizes_are_not_targets(plan: Plan) -> None:
    assert plan.target("culture-centre-branches") is None
    assert plan.target("village-culture-centres") is None
    assert not any("辐射23家分馆" in (t.quote or "") for t in plan.targets)


def test_coverage_document_names_every_target(plan: Plan) -> None:
    coverage = (SHIPPED_PLAN.parent / "docs" / "plan-coverage.md").read_text(encoding="utf-8")
    missing = [t.id for t in plan.targets if f"`{t.id}`" not in coverage]
    assert missing == []


def test_kinds_are_all_used(plan: Plan) -> None:
    assert set(Counter(t.kind for t in plan.targets)) == {
        "growth",
        "total",
        "level",
        "milestone",
        "limit",
    }


def test_the_coverage_document_states_the_counts_by_kind(plan: Plan) -> None:
    assert Counter(t.kind for t in plan.targets) == KIND_COUNTS
    coverage = (SHIPPED_PLAN.parent / "docs" / "plan-coverage.md").read_text(encoding="utf-8")
    assert f"**{len(plan.targets)} targets**" in coverage
