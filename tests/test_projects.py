"""Key projects (docs/projects.md): the register, each project's verdict (investment, late
start, milestones), the office's figures and its sentence, reproduced word for word."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from plantrack.core.model import Entry, Milestone, Plan, Project, Register
from plantrack.core.periods import Month
from plantrack.core.projects import judge_projects, project_groups
from plantrack.present.projects_view import one_decimal, sentence
from plantrack.store.plan_file import load_plan
from tests.conftest import REGISTER, UNITS_PLAN, CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def figure(project: str, month: int, value: float) -> Entry:
    return Entry(project, Month(2023, month), value, "2023-11-05T00:00:00Z", "test")


def started(project: str, month: int) -> Entry:
    return Entry(project, Month(2023, month), None, "2023-11-05T00:00:00Z", "test", event="started")


def spread(total_tenths: int, count: int) -> list[float]:
    """`count` amounts in tenths of 亿元 adding up to exactly total_tenths / 10."""
    each, extra = divmod(total_tenths, count)
    return [(each + (1 if number < extra else 0)) / 10 for number in range(count)]


@pytest.fixture
def plan(small_plan: Path) -> Plan:
    return load_plan(small_plan)


def test_the_citys_sentence_word_for_word(plan: Plan) -> None:
    """A city's bureau, January to October: "444项重点项目年度投资计划647.4亿元，1-10月完成
    629.0亿元，占年度投资计划97.2%，超过时间进度13.8个百分点；计划新开工255项，已开工206项，
    完成年度计划开工80.8%"."""
    plans = spread(6474, 444)
    done = spread(6290, 444)
    projects = tuple(
        Project(
            id=f"p{number:03d}",
            name=f"项目{number}",
            level="city",
            type="new" if number < 255 else "continued",
            annual_plan=plans[number],
            planned_start=f"2023-{number % 12 + 1:02d}" if number < 255 else None,
        )
        for number in range(444)
    )
    register = Register(projects)
    entries = [figure(project.id, 10, done[number]) for number, project in enumerate(projects)]
    entries += [started(f"p{number:03d}", min(number % 12 + 1, 10)) for number in range(206)]
    as_of = Month(2023, 10)
    results = judge_projects(plan, register, entries, as_of, date(2023, 11, 20))
    (everything,) = project_groups(plan, results, as_of)
    assert (everything.count, everything.planned_starts, everything.started) == (444, 255, 206)
    assert sentence(everything, as_of, register.unit, "zh") == (
        "444项重点项目年度投资计划647.4亿元，1-10月完成629.0亿元，占年度投资计划97.2%，"
        "超过时间进度13.8个百分点；计划新开工255项，已开工206项，完成年度计划开工80.8%"
    )
    assert sentence(everything, as_of, register.unit, "en") == (
        "444 key projects, annual investment plan 647.4 亿元: 629.0 亿元 completed in Jan–Oct, "
        "97.2% of the annual plan, 13.8 points ahead of the time schedule; 255 new starts "
        "planned, 206 started, 80.8% of the year's planned starts"
    )


def test_one_decimal_rounds_halves_up_as_offices_do() -> None:
    assert [one_decimal(value) for value in (629, 97.25, 13.85, 0.04, -23.75)] == [
        "629.0", "97.3", "13.9", "0.0", "-23.8",
    ]  # fmt: skip


def project(**fields: object) -> Project:
    defaults: dict[str, object] = {
        "id": "xiyejie", "name": "西冶街片区更新", "level": "district", "type": "new",
        "annual_plan": 12.0, "planned_start": "2023-03",
    }  # fmt: skip
    return Project(**{**defaults, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("as_of", "events", "status", "late"),
    [
        (3, [], "on_track", 0),  # due this month: not late yet
        (4, [], "at_risk", 1),
        (5, [], "at_risk", 2),  # planned 03, as of 05: 2 months late
        (6, [], "off_track", 3),  # [rules] start_late_red_months = 3: 红灯
        (6, [started("xiyejie", 5)], "on_track", None),
        (6, [started("xiyejie", 2)], "on_track", None),  # an early start counts
    ],
)
def test_a_new_project_not_started_is_late_by_the_months_since_its_planned_start(
    plan: Plan, as_of: int, events: list[Entry], status: str, late: int | None
) -> None:
    register = Register((project(),))
    # Investment on schedule (12 × m/12), so the start alone decides.
    entries = [figure("xiyejie", as_of, float(as_of)), *events]
    (result,) = judge_projects(plan, register, entries, Month(2023, as_of), date(2023, 12, 1))
    assert (result.status, result.late_start_months) == (status, late)


def test_a_milestone_not_reached_is_at_risk_from_the_month_after(plan: Plan) -> None:
    register = Register((project(milestone=(Milestone("主体封顶", "2023-05"),)),))
    base = [started("xiyejie", 3)]

    def judged(month: int, entries: list[Entry]) -> tuple[str, tuple[str, ...]]:
        entries = [*entries, figure("xiyejie", month, float(month))]
        (result,) = judge_projects(plan, register, entries, Month(2023, month), date(2023, 12, 1))
        return result.status, result.late_milestones

    assert judged(5, base) == ("on_track", ())  # due by the end of May
    assert judged(6, base) == ("at_risk", ("主体封顶",))
    reached = Entry(
        "xiyejie", Month(2023, 5), None, "t", "test", event="milestone", milestone="主体封顶"
    )
    assert judged(6, [*base, reached]) == ("on_track", ())


def test_the_final_verdict_needs_the_plan_met_and_a_new_project_started(plan: Plan) -> None:
    register = Register((project(),))
    december = Month(2023, 12)
    met_not_started = [figure("xiyejie", 12, 12.5)]
    (result,) = judge_projects(plan, register, met_not_started, december, date(2024, 2, 1))
    assert result.status == "missed"
    both = [*met_not_started, started("xiyejie", 4)]
    (result,) = judge_projects(plan, register, both, december, date(2024, 2, 1))
    assert result.status == "achieved"


@pytest.mark.usefixtures("register_files")
def test_projects_json_has_the_documented_shape(cli: CliRun) -> None:
    result = cli("projects", "--json", "--by", "level", env=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["as_of"] == "2023-06"
    assert [group["key"] for group in shown["groups"]] == ["all", "city", "district"]
    everything = shown["groups"][0]
    assert set(everything) == {
        "key", "count", "annual_plan", "completed", "completion", "gap_points",
        "planned_starts", "due_to_start", "started", "start_rate", "statuses", "reported",
    }  # fmt: skip
    # energy-hub (city) has a figure, xiyejie (district) none: that group has not reported.
    assert [group["reported"] for group in shown["groups"]] == [True, True, False]
    assert (everything["count"], everything["annual_plan"], everything["completed"]) == (2, 8, 2.1)
    assert everything["completion"] == pytest.approx(2.1 / 8)
    assert everything["gap_points"] == pytest.approx((2.1 / 8 - 0.5) * 100)
    assert (everything["planned_starts"], everything["due_to_start"], everything["started"]) == (
        1, 1, 0,
    )  # fmt: skip
    assert everything["statuses"]["off_track"] == 1 and everything["statuses"]["at_risk"] == 1
    rows = {row["id"]: row for row in shown["projects"]}
    assert rows["xiyejie"]["late_start_months"] == 3 and rows["xiyejie"]["status"] == "off_track"
    assert rows["xiyejie"]["late_milestones"] == ["主体封顶"]
    assert rows["energy-hub"]["lead"] == "renshe"  # named by the unit's name, resolved
    assert rows["energy-hub"]["progress"] == pytest.approx(0.42)


@pytest.mark.usefixtures("register_files")
def test_projects_in_chinese_opens_with_the_sentence(cli: CliRun) -> None:
    result = cli("--lang", "zh", "projects", env={**TODAY, "COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "2项重点项目年度投资计划8.0亿元，1-6月完成2.1亿元，占年度投资计划26.3%，落后时间进度"
        "23.8个百分点；计划新开工1项，已开工0项，完成年度计划开工0.0%"
    )
    assert any(
        "西冶街片区更新（xiyejie，牵头单位：区交通运输局）：应开工未开工，已逾期3个月" in line
        for line in lines
    )


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            'level = "district"',
            'level = "county"',
            "projects.toml: project 'xiyejie' (#1): field 'level': 'county' is not allowed; "
            "did you mean 'city'? use one of 'province', 'city', 'district'",
        ),
        (
            'planned_start = "2023-03"\n',
            "",
            "projects.toml: project 'xiyejie' (#1): field 'planned_start': a new project needs "
            'its planned start month, such as planned_start = "2023-03"',
        ),
        (
            'id = "energy-hub"',
            'id = "urban-jobs"',
            "projects.toml: project 'urban-jobs' (#2): field 'id': 'urban-jobs' is already the "
            "id of a target of the plan; projects and targets share one id space, so choose "
            "another id",
        ),
        (
            'lead = "jiaotong"',
            'lead = "jiaotng"',
            "projects.toml: project 'xiyejie' (#1): field 'lead': 'jiaotng' is not a unit "
            "declared in [[unit]]; did you mean 'jiaotong'? or add it as a [[unit]]",
        ),
        (
            "annual_plan = 3.0",
            "annual_plan = 30.0",
            "projects.toml: project 'xiyejie' (#1): field 'annual_plan': the annual plan 30 "
            "is more than the total investment 12; check both",
        ),
        (
            'planned_start = "2023-03"',
            'planned_start = "2022-11"',
            "projects.toml: project 'xiyejie' (#1): field 'planned_start': a new project's "
            "planned start 2022-11 is outside the plan year 2023; give a month of 2023 (a project "
            'carried over from an earlier year is type = "continued", and one starting in a later '
            "year belongs to that year's register)",
        ),
        (
            'planned_start = "2023-03"',
            "planned_start = 2023-03-01",
            "projects.toml: project 'xiyejie' (#1): field 'planned_start': must be text in "
            'quotes, not the unquoted date 2023-03-01; write planned_start = "..."',
        ),
        (
            'due = "2023-05"',
            'due = "Sept"',
            "projects.toml: project 'xiyejie' (#1), milestone #1: field 'due': 'Sept' is not a "
            'month; write it as YYYY-MM, such as "2025-12"',
        ),
        (
            'due = "2023-05"',
            "",
            "projects.toml: project 'xiyejie' (#1), milestone #1: field 'due': required; add "
            'due = "2023-09" (the month it is due)',
        ),
        (
            'due = "2023-05"',
            'due = "2022-05"',
            "projects.toml: project 'xiyejie' (#1): field 'milestone': milestone '主体封顶' is "
            "due 2022-05, before the plan year 2023, so it could never be met; give it a month "
            "of the plan year or remove it",
        ),
        (
            "[[project.milestone]]",
            "[project.milestone]",
            "projects.toml: project 'xiyejie' (#1): field 'milestone': write each milestone as "
            "a [[project.milestone]] table (two brackets) after its [[project]]",
        ),
        (
            'name = "能源枢纽"',
            'name = "   "',
            "projects.toml: project 'energy-hub' (#2): field 'name': is only blank space; "
            "write the text",
        ),
        (
            "annual_plan = 5.0",
            "annual_plan = 1e-320",
            "projects.toml: project 'energy-hub' (#2): field 'annual_plan': must be 0 or at "
            "least 1e-09 in size, not 1e-320; check the number and its unit",
        ),
        (
            'planned_start = "2023-03"',
            'planned_start = "2023-03"\nplanned_completion = "2023-01"',
            "projects.toml: project 'xiyejie' (#1): field 'planned_completion': planned "
            "completion 2023-01 comes before the planned start 2023-03; check both months",
        ),
    ],
)
def test_a_bad_register_is_one_line_per_problem(
    cli: CliRun, register_files: Path, old: str, new: str, line: str
) -> None:
    register_files.write_text(REGISTER.replace(old, new, 1), encoding="utf-8")
    result = cli("projects", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [line]


def test_projects_without_a_register_says_where_to_put_one(cli: CliRun, small_plan: Path) -> None:
    result = cli("projects", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "no key-project register projects.toml; create projects.toml beside "
        'the plan (see docs/projects.md), or name it with projects = "FILE" in [plan]'
    ]


def test_targets_derived_from_the_register(small_plan: Path) -> None:
    from dataclasses import replace

    from plantrack.core.progress import evaluate
    from plantrack.core.projects import with_derived

    plan = load_plan(small_plan)
    key = plan.target("key-projects")
    assert key is not None
    counted = replace(key, from_projects="started", target=2.0)
    plan = replace(plan, targets=tuple(counted if t.id == key.id else t for t in plan.targets))
    register = Register((project(), project(id="energy-hub", planned_start="2023-05")))
    entries = [
        Entry("key-projects", Month(2023, 6), 99, "t", "clerk"),  # the ledger's: set aside
        started("xiyejie", 3),
        started("energy-hub", 6),
        figure("xiyejie", 6, 4.0),
    ]
    assessed = with_derived(plan, register, entries)
    june = evaluate(plan, assessed, Month(2023, 6), date(2023, 7, 20)).result("key-projects")
    assert (june.actual, june.status) == (2, "achieved")
    may = evaluate(plan, assessed, Month(2023, 5), date(2023, 7, 20)).result("key-projects")
    assert may.actual == 1  # energy-hub started in June


@pytest.mark.usefixtures("register_files")
def test_a_project_is_recorded_as_a_target_is(cli: CliRun, tmp_path: Path) -> None:
    result = cli("record", "西冶街片区更新", "0.8", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Recorded xiyejie (西冶街片区更新) 2023-06: 0.8 亿元\n"
    doubt = cli("record", "energy-hub", "20", "-p", "2023-06", "--replace", env=TODAY)
    assert doubt.exit_code == 1  # more than 3 times its annual plan of 5: the guard applies
    assert doubt.stderr.splitlines() == [
        "VALUE: 20 亿元 is more than 3 times the target of 5 亿元; if the figure is right, "
        "add --force"
    ]
    shown = json.loads(cli("projects", "--json", env=TODAY).stdout)
    rows = {row["id"]: row for row in shown["projects"]}
    assert rows["xiyejie"]["completed"] == 0.8
    # The ledger's figures for projects are not 'targets not in the plan'.
    assert "not in the plan" not in cli("status", env=TODAY).stderr


@pytest.mark.usefixtures("register_files")
def test_a_target_counts_the_registers_projects(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    plan = UNITS_PLAN + (
        '\n[[target]]\nid = "key-projects"\nsection = "main"\nname = "重点项目"\nkind = "total"\n'
        'unit = "个"\ntarget = 2\nfrom_projects = "count"\n'
    )
    write("targets.toml", plan)
    row = next(
        row
        for row in json.loads(cli("status", "--json", "--as-of", "2023-06", env=TODAY).stdout)[
            "targets"
        ]
        if row["id"] == "key-projects"
    )
    assert (row["actual"], row["status"]) == (2, "achieved")  # both projects of the register


@pytest.mark.usefixtures("register_files")
def test_reports_open_their_project_part_with_the_sentence(cli: CliRun) -> None:
    sentence_zh = (
        "2项重点项目年度投资计划8.0亿元，1-6月完成2.1亿元，占年度投资计划26.3%，落后时间进度"
        "23.8个百分点；计划新开工1项，已开工0项，完成年度计划开工0.0%"
    )
    text = cli("--lang", "zh", "report", "--as-of", "2023-06", env={**TODAY, "COLUMNS": "80"})
    lines = text.stdout.splitlines()
    start = lines.index("重点项目")
    assert "".join(line.strip() for line in lines[start + 1 : start + 4]).startswith(sentence_zh)
    markdown = cli(
        "--lang", "zh", "report", "--format", "markdown", "--as-of", "2023-06", env=TODAY
    )
    assert f"\n## 重点项目\n\n{sentence_zh}\n" in markdown.stdout
    html = cli("--lang", "zh", "report", "--format", "html", "--as-of", "2023-06", env=TODAY)
    assert sentence_zh in html.stdout
    english = cli("report", "--as-of", "2023-06", env={**TODAY, "COLUMNS": "200"}).stdout
    assert "Key projects" in english.splitlines()


def test_the_example_offices_register_on_demo_figures(cli: CliRun) -> None:
    office = Path(__file__).parents[1] / "examples" / "office" / "targets.toml"
    result = cli("--plan", str(office), "projects", "--demo", "--json", env=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    everything = shown["groups"][0]
    assert (everything["key"], everything["count"], everything["planned_starts"]) == ("all", 20, 12)
    assert 0 < everything["started"] < everything["planned_starts"]  # some starts are late
    late = [row for row in shown["projects"] if row["late_start_months"]]
    assert late and all(row["status"] in ("at_risk", "off_track") for row in late)
    assert all(
        row["completed"] == round(row["completed"], 1)
        for row in shown["projects"]
        if row["completed"]
    )
    text = cli("--plan", str(office), "--lang", "zh", "projects", "--demo", env=TODAY).stdout
    assert text.splitlines()[0] == "演示数据：以下数字为示意，并非真实报送数据"
    assert "20项重点项目年度投资计划36.4亿元，1-6月完成" in text


@pytest.mark.usefixtures("register_files")
def test_a_start_and_a_milestone_are_recorded_and_count(
    cli: CliRun, tmp_path: Path, ledger_bytes: Callable[[], bytes | None]
) -> None:
    def projects() -> dict[str, dict[str, object]]:
        shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
        return {row["id"]: row for row in shown["projects"]}

    assert projects()["xiyejie"]["late_start_months"] == 3
    done = cli("--lang", "zh", "record", "xiyejie", "--started", "-p", "2023-04", env=TODAY)
    assert done.stdout == "已记录 西冶街片区更新（xiyejie）2023-04 开工\n"
    reached = cli("record", "xiyejie", "--milestone", "主体封顶", "-p", "2023-05", env=TODAY)
    assert reached.stdout == (
        "Recorded milestone '主体封顶' of xiyejie (西冶街片区更新) reached in 2023-05\n"
    )
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert 'target = "xiyejie"\nperiod = "2023-04"\nevent = "started"\nrecorded_at' in text
    for _ in range(2):  # parsed, then from the cache: the same
        row = projects()["xiyejie"]
        assert (row["started"], row["late_start_months"], row["late_milestones"]) == (
            "2023-04", None, [],
        )  # fmt: skip
    before = ledger_bytes()
    for args, line in (
        (
            ("xiyejie", "--started", "-p", "2023-05"),
            "project xiyejie already has its start recorded (2023-04, by ",
        ),
        (
            ("xiyejie", "--milestone", "主体", "-p", "2023-05"),
            "--milestone: project xiyejie has no milestone '主体'; did you mean '主体封顶'? its "
            "milestones: 主体封顶",
        ),
        (
            ("energy-hub", "--started", "-p", "2023-05"),
            "TARGET: project energy-hub is continued and has started already; --started is for "
            "new projects",
        ),
        (
            ("urban-jobs", "--started", "-p", "2023-05"),
            "TARGET: --started and --milestone are for projects of the key-project register, "
            "and 'urban-jobs' is a target of the plan; record its figure instead",
        ),
        (
            ("xiyejie", "3", "--started"),
            "VALUE: --started and --milestone record an event, without a value; leave out the "
            "value, or record it separately",
        ),
    ):
        refused = cli("record", *args, env=TODAY)
        assert refused.exit_code != 0
        assert len(refused.stderr.splitlines()) == 1 and refused.stderr.startswith(line)
    assert ledger_bytes() == before
    corrected = cli("record", "xiyejie", "--started", "-p", "2023-05", "--replace", env=TODAY)
    assert corrected.exit_code == 0
    assert projects()["xiyejie"]["started"] == "2023-05"


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('event = "opened"', "event is 'opened'; it must be one of started, milestone"),
        (
            'event = "milestone"',
            'an entry with event = "milestone" needs milestone (the name), and no other entry '
            "has one",
        ),
        ('event = "started"\nvalue = 3', 'an event (event = "started") has no value'),
    ],
)
def test_a_hand_written_event_that_breaks_the_format_is_refused(
    cli: CliRun, register_files: Path, tmp_path: Path, table: str, problem: str
) -> None:
    (tmp_path / "actuals.toml").write_text(
        f'[[entry]]\ntarget = "xiyejie"\nperiod = "2023-04"\n{table}\n'
        'recorded_at = "2023-05-01T00:00:00Z"\nby = "王芳"\n',
        encoding="utf-8",
    )
    result = cli("projects", env=TODAY)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"actuals.toml: entry #1 (line 1): {problem}")


@pytest.mark.usefixtures("register_files")
def test_rank_projects_by_lead_has_the_documented_shape(cli: CliRun) -> None:
    result = cli("rank", "--projects", "--by", "lead", "--json", "--as-of", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["as_of"], shown["by"]) == ("2023-06", "lead")
    assert [(group["key"], group["name"], group["rank"]) for group in shown["groups"]] == [
        ("renshe", "Human Resources Bureau", 1),
        ("jiaotong", "区交通运输局", None),  # no investment reported: unranked, not 0%
    ]
    assert set(shown["groups"][0]) == {"key", "name", "completion", "gap_points", "rank"}
    assert shown["groups"][0]["completion"] == pytest.approx(2.1 / 5)
    assert (shown["groups"][1]["completion"], shown["groups"][1]["gap_points"]) == (None, None)
    assert cli("record", "xiyejie", "0.3", "-p", "2023-06", env=TODAY).exit_code == 0
    again = json.loads(
        cli("rank", "--projects", "--by", "lead", "--json", "--as-of", "2023-06", env=TODAY).stdout
    )
    assert [(group["key"], group["rank"]) for group in again["groups"]] == [
        ("renshe", 1), ("jiaotong", 2),
    ]  # fmt: skip
    assert again["groups"][1]["gap_points"] == pytest.approx(0.3 / 3 * 100 - 50)


def test_ranked_groups_share_a_place_on_a_tie() -> None:
    from plantrack.core.projects import ProjectGroup, rank_groups

    def group(key: str, completion: float | None) -> ProjectGroup:
        return ProjectGroup(key, 1, 1.0, completion or 0.0, completion, None, 0, 0, 0, None, {})

    ranked = rank_groups([group("a", 0.5), group("b", 0.9), group("c", 0.5), group("d", None)])
    assert [(item.key, place) for item, place in ranked] == [
        ("b", 1), ("a", 2), ("c", 2), ("d", None),
    ]  # fmt: skip


@pytest.mark.usefixtures("register_files")
def test_the_workbook_summary_carries_the_sentence(cli: CliRun, tmp_path: Path) -> None:
    import openpyxl

    result = cli(
        "--lang",
        "zh",
        "report",
        "--format",
        "xlsx",
        "-o",
        "r.xlsx",
        "--as-of",
        "2023-06",
        env=TODAY,
    )
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(values_only=True)]
    start = cells.index("重点项目")
    assert str(cells[start + 1]).startswith("2项重点项目年度投资计划8.0亿元，1-6月完成2.1亿元")


@pytest.mark.usefixtures("register_files")
def test_a_register_without_investment_says_it_is_not_reported(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "actuals.toml").unlink()
    text = cli("--lang", "zh", "projects", "--as-of", "2023-06", env={**TODAY, "COLUMNS": "200"})
    assert text.stdout.splitlines()[1] == (
        "2项重点项目年度投资计划8.0亿元，1-6月完成投资尚未报送；计划新开工1项，已开工0项，"
        "完成年度计划开工0.0%"
    )


@pytest.mark.usefixtures("register_files")
def test_rank_by_goes_with_projects_only(cli: CliRun) -> None:
    result = cli("rank", "urban-jobs", "--by", "foo", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "--by: --by goes with --projects only (the lead units of the key projects ranked)"
    ]


@pytest.mark.usefixtures("register_files")
def test_a_start_in_the_ledger_is_no_figure_for_validate_or_import(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    assert cli("record", "xiyejie", "--started", "-p", "2023-04", env=TODAY).exit_code == 0
    checked = cli("validate", env=TODAY)
    assert checked.exit_code == 0, checked.stderr
    assert "not in the plan" not in checked.stdout + checked.stderr
    write("june.csv", "target,period,value\nxiyejie,2023-06,0.9\n")
    imported = cli("import", "june.csv", env=TODAY)
    assert imported.exit_code == 0, imported.stderr
    shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    row = next(row for row in shown["projects"] if row["id"] == "xiyejie")
    assert (row["completed"], row["started"]) == (0.9, "2023-04")


@pytest.mark.usefixtures("register_files")
def test_an_import_records_starts_and_milestones_beside_investment(
    cli: CliRun, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write(
        "june.csv",
        "指标,月份,数值,开工,节点\n"
        "xiyejie,2023-06,0.9,2023/4/12,主体封顶\n"  # a start marked by its date: April
        "energy-hub,2023-05,1.8,,\n",
    )
    done = cli("--lang", "zh", "import", "june.csv", env=TODAY)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "june.csv：2 条数据已导入，其中更正 0 条",
        "另录入重点项目开工 1 项、节点 1 个",
    ]
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert 'target = "xiyejie"\nperiod = "2023-04"\nevent = "started"\n' in text
    assert 'period = "2023-06"\nevent = "milestone"\nmilestone = "主体封顶"\n' in text
    shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    row = next(row for row in shown["projects"] if row["id"] == "xiyejie")
    assert (row["completed"], row["started"], row["late_milestones"]) == (0.9, "2023-04", [])
    # A file of starts only needs no value column; "是" starts the project in the row's month.
    write("starts.csv", "target,period,started\nxiyejie,2023-05,是\n")
    again = cli("import", "starts.csv", env=TODAY)
    assert again.exit_code == 1
    assert again.stderr.splitlines()[0].startswith(
        "starts.csv: line 2: column 'started': project xiyejie already has its start recorded "
        "(2023-04, by "
    )
    moved = cli("import", "starts.csv", "--replace", env=TODAY)
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.splitlines()[1] == "also recorded: project starts 1, milestones reached 0"
    shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    assert next(r for r in shown["projects"] if r["id"] == "xiyejie")["started"] == "2023-05"


@pytest.mark.usefixtures("register_files")
def test_an_import_refuses_every_wrong_start_and_milestone_and_writes_nothing(
    cli: CliRun, write: Callable[[str, str], Path], ledger_bytes: Callable[[], bytes | None]
) -> None:
    write(
        "bad.csv",
        "target,period,value,started,milestone\n"
        "energy-hub,2023-06,,是,\n"
        "urban-jobs,2023-06,,,封顶\n"
        "xiyejie,2023-06,,maybe,主体\n"
        "xiyejie,2023-05,,2023-09,\n"
        "xiyejie,2023-06,,是,\n"
        "xiyejie,2023-06,,yes,\n",
    )
    before = ledger_bytes()
    result = cli("import", "bad.csv", "--dry-run", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad.csv: line 2: column 'started': project energy-hub is continued and has started "
        "already; the started column is for new projects, so leave it empty",
        "bad.csv: line 3: column 'milestone': the started and milestone columns are for "
        "projects of the key-project register, and 'urban-jobs' is a target of the plan; leave "
        "them empty on its row",
        "bad.csv: line 4: column 'started': 'maybe' does not say whether the project started; "
        "write 是 (yes) or the month it started (such as 2023-04), or leave it empty",
        "bad.csv: line 4: column 'milestone': project xiyejie has no milestone '主体'; did you "
        "mean '主体封顶'? its milestones: 主体封顶",
        "bad.csv: line 5: column 'started': 2023-09 is not over; its figures can be recorded "
        "from 2023-10-01",
        "bad.csv: line 7: column 'started': project xiyejie: its start is also on line 6; keep "
        "one row",
        "bad.csv: problems found: 6; nothing was recorded",
    ]
    assert ledger_bytes() == before


@pytest.mark.usefixtures("register_files")
def test_an_xlsx_import_takes_a_ticked_start_and_a_date_cell(cli: CliRun, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["编号", "月份", "本期数", "是否开工", "完成节点"])
    sheet.append(["xiyejie", datetime(2023, 6, 30), None, datetime(2023, 3, 20), None])
    sheet.append(["xiyejie", "2023-06", None, None, "主体封顶"])
    sheet.append(["energy-hub", "2023-06", None, None, None])  # nothing to report: skipped
    book.save(tmp_path / "june.xlsx")
    done = cli("import", "june.xlsx", "--dry-run", env=TODAY)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == (
        "also checked: project starts 1, milestones reached 1; nothing written (--dry-run)"
    )
    assert cli("import", "june.xlsx", env=TODAY).exit_code == 0
    shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    row = next(row for row in shown["projects"] if row["id"] == "xiyejie")
    assert row["started"] == "2023-03" and row["late_milestones"] == []


@pytest.mark.usefixtures("register_files")
def test_remind_chases_a_lead_unit_for_its_projects_without_a_figure(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write(
        "plantrack.toml",
        '[smtp]\nhost = "127.0.0.1"\nsender = "fgj@example.org"\n'
        '[units.jiaotong]\nto = ["jt@example.org"]\n[units.renshe]\nto = ["rs@example.org"]\n',
    )
    late = {"PLANTRACK_TODAY": "2023-07-25"}

    def owed() -> dict[str, list[tuple[str, str]]]:
        shown = json.loads(cli("remind", "--dry-run", "--json", env=late).stdout)
        return {
            reminder["unit"]: [(item["id"], item["command"]) for item in reminder["targets"]]
            for reminder in shown["reminders"]
        }

    before = owed()
    # xiyejie (led by jiaotong) has no June figure; energy-hub (renshe) has one.
    assert ("xiyejie", "plantrack record xiyejie <VALUE> -p 2023-06") in before["jiaotong"]
    assert all(target != "energy-hub" for target, _ in before.get("renshe", []))
    # A start is no figure: it does not stop the reminder.
    assert cli("record", "xiyejie", "--started", "-p", "2023-04", env=late).exit_code == 0
    assert any(target == "xiyejie" for target, _ in owed()["jiaotong"])
    assert cli("record", "xiyejie", "0.6", "-p", "2023-06", env=late).exit_code == 0
    assert all(target != "xiyejie" for target, _ in owed().get("jiaotong", []))


@pytest.mark.usefixtures("register_files")
def test_status_of_a_unit_lists_the_projects_it_leads(cli: CliRun) -> None:
    env = {**TODAY, "COLUMNS": "100"}
    shown = json.loads(
        cli("status", "--unit", "jiaotong", "--json", "--as-of", "2023-06", env=env).stdout
    )
    assert [row["id"] for row in shown["projects"]["projects"]] == ["xiyejie"]
    assert shown["projects"]["groups"][0]["count"] == 1
    assert shown["projects"]["projects"][0]["late_start_months"] == 3
    text = cli("--lang", "zh", "status", "--unit", "jiaotong", "--as-of", "2023-06", env=env)
    lines = text.stdout.splitlines()
    assert lines[lines.index("重点项目（金额单位：亿元），截至 2023-06") + 1].startswith(
        "1项重点项目年度投资计划3.0亿元，1-6月完成投资尚未报送；计划新开工1项，已开工0项"
    )
    assert next(line for line in lines if line.startswith("全部")).split() == [
        "全部", "1", "3.0", "—", "—", "—", "0/1/1", "0.0%", "1",
    ]  # fmt: skip
    assert any(line.startswith("✖ 滞后  西冶街片区更新（xiyejie，牵头单位：") for line in lines)
    assert all(len(line) <= 100 for line in lines)
    # Another unit's projects are not in its status; one that leads none gets no project part.
    other = json.loads(
        cli("status", "--unit", "renshe", "--json", "--as-of", "2023-06", env=env).stdout
    )
    assert [row["id"] for row in other["projects"]["projects"]] == ["energy-hub"]
    plain_status = json.loads(cli("status", "--json", env=env).stdout)
    assert "projects" not in plain_status  # the contract of status --json is unchanged


@pytest.mark.usefixtures("register_files")
def test_projects_of_one_unit(cli: CliRun) -> None:
    shown = json.loads(cli("projects", "--unit", "区人社局", "--json", env=TODAY).stdout)
    assert [row["id"] for row in shown["projects"]] == ["energy-hub"]
    assert shown["groups"][0]["annual_plan"] == 5.0
    refused = cli("projects", "--unit", "chengdong", env=TODAY)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "--unit: Chengdong Subdistrict leads no project of the key-project register; leave out "
        "--unit to see them all"
    ]


@pytest.mark.usefixtures("register_files")
def test_a_units_template_has_its_projects_with_start_and_milestone_columns_and_imports_back(
    cli: CliRun, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    made = cli(
        "--lang",
        "zh",
        "template",
        "--owner",
        "jiaotong",
        "-p",
        "2023-06",
        "-o",
        "t.xlsx",
        env=TODAY,
    )
    assert made.exit_code == 0, made.stderr
    book = load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    header = list(rows[0])
    assert header[header.index("本期数") + 1 : header.index("本期数") + 3] == ["开工", "完成节点"]
    project_row = next(number for number, row in enumerate(rows, 2) if row[0] == "xiyejie")
    assert all(row[0] != "energy-hub" for row in rows)  # led by another unit
    value = header.index("本期数") + 1
    sheet.cell(project_row, value, 0.7)
    sheet.cell(project_row, value + 1, "是")
    sheet.cell(project_row, value + 2, "主体封顶")
    book.save(tmp_path / "t.xlsx")
    imported = cli("import", "t.xlsx", env=TODAY)
    assert imported.exit_code == 0, imported.stderr
    shown = json.loads(cli("projects", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    row = next(row for row in shown["projects"] if row["id"] == "xiyejie")
    assert (row["completed"], row["started"], row["late_milestones"]) == (0.7, "2023-06", [])


@pytest.mark.usefixtures("register_files")
def test_an_xlsx_file_must_be_named_xlsx(cli: CliRun, tmp_path: Path) -> None:
    for args in (("template", "-o", "t.csv"), ("report", "--format", "xlsx", "-o", "r.xls")):
        refused = cli(*args, env=TODAY)
        assert refused.exit_code == 1
        (line,) = refused.stderr.splitlines()
        assert line.startswith(f"-o: {args[-1]} would hold an xlsx workbook, and its name must end")
        assert not (tmp_path / args[-1]).exists()


@pytest.mark.usefixtures("register_files")
def test_reports_mark_each_project_behind_with_its_status(cli: CliRun) -> None:
    """As the attention list marks its targets: ✖ 滞后 for a start three months late, ▲ 预警
    for investment below the schedule, in the text and Markdown reports (and the HTML one)."""
    env = {**TODAY, "COLUMNS": "200"}
    text = cli("--lang", "zh", "report", "--as-of", "2023-06", env=env).stdout.splitlines()
    assert any(line.startswith("    ✖ 滞后  西冶街片区更新（xiyejie，牵头单位：") for line in text)
    assert any(line.startswith("    ▲ 预警  能源枢纽（energy-hub，") for line in text)
    markdown = cli("report", "--format", "markdown", "--as-of", "2023-06", env=env).stdout
    assert "\n- ✖ off track  西冶街片区更新 (xiyejie, lead 区交通运输局): " in markdown
    assert "\n- ▲ at risk  能源枢纽 (energy-hub, lead Human Resources Bureau): " in markdown
    html = cli("report", "--format", "html", "--as-of", "2023-06", env=env).stdout
    assert 'font-weight:bold">✖ off track</span>  西冶街片区更新 (xiyejie,' in html


OFFICE_PLAN = Path(__file__).parents[1] / "examples" / "office" / "targets.toml"
# The example office on demo figures as of 2023-06: 12 new starts planned, 10 due by June, 7
# started (58.3%); 3 achieved, 5 on track, 6 at risk, 4 off track, 2 without a figure.
FIGURES = {
    "zh": (
        "开工",
        "开工率",
        "全部：✔ 已完成 3  ● 正常推进 5  ▲ 预警 6  ✖ 滞后 4  ✘ 未完成 0  ○ 未报送 2",
    ),
    "en": (
        "Starts",
        "Start rate",
        "All: ✔ achieved 3  ● on track 5  ▲ at risk 6  ✖ off track 4  ✘ missed 0  ○ no data 2",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 120])
def test_each_groups_starts_and_statuses_are_shown_at_any_width(
    cli: CliRun, lang: str, width: int
) -> None:
    """Started/due/planned and the start rate are columns that stay at 80 columns; each
    group's count of projects per status is a line under the table."""
    from rich.cells import cell_len

    starts, rate, statuses = FIGURES[lang]
    env = {"PLANTRACK_TODAY": "2023-10-20", "COLUMNS": str(width)}
    for by in ((), ("--by", "lead")):
        args = ("--plan", str(OFFICE_PLAN), "--lang", lang, "projects", "--demo", *by)
        result = cli(*args, env=env)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        header = next(n for n, line in enumerate(lines) if line.startswith(("分组", "Group")))
        headers = [cell.strip() for cell in lines[header].split("  ") if cell.strip()]
        assert starts in headers and rate in headers
        everything = lines[header + 2].split()
        assert everything[0] in ("全部", "All")
        assert "7/10/12" in everything and "58.3%" in everything
        # A line per group under the table, wrapped with its continuation indented.
        joined = " ".join(line.strip() for line in lines)
        assert statuses.replace("  ", " ") in " ".join(joined.split())
        if by:
            assert "区住房和城乡建设局：" in joined or "District Housing and Urban-Rural" in joined
            assert "1/3/4" in joined and "25.0%" in joined  # its started/due/planned and rate
