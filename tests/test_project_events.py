"""Key projects (docs/projects.md) beyond the register itself: starts and milestones taken
back, imported from a workbook of starts only, and what the other commands make of projects
and of targets whose actual the register gives (show, record, template, remind, validate,
report --owner, rank), with the office's rounding and counting of starts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from plantrack.core.model import Entry, Plan, Project, Register
from plantrack.core.periods import Month
from plantrack.core.projects import judge_projects, project_groups
from plantrack.present.projects_view import one_decimal
from plantrack.store.plan_file import load_plan
from tests.conftest import REGISTER, UNITS_PLAN, CliRun
from tests.test_projects import TODAY

DERIVED = (
    '\n[[target]]\nid = "key-projects"\nsection = "main"\nname = "重点项目"\nkind = "total"\n'
    'unit = "个"\ntarget = 2\nfrom_projects = "count"\n'
)


def projects_json(cli: CliRun, *args: str) -> dict[str, dict[str, object]]:
    result = cli("projects", "--json", "--as-of", "2023-06", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)["projects"]}


@pytest.mark.usefixtures("register_files")
def test_a_start_recorded_by_mistake_is_withdrawn_and_can_be_recorded_again(
    cli: CliRun, ledger_bytes: Callable[[], bytes | None]
) -> None:
    assert cli("record", "xiyejie", "--started", "-p", "2023-04", env=TODAY).exit_code == 0
    taken = cli("record", "xiyejie", "--started", "--withdraw", env=TODAY)
    assert taken.exit_code == 0, taken.stderr
    assert taken.stdout == "Withdrew the start of xiyejie (西冶街片区更新), recorded for 2023-04\n"
    row = projects_json(cli)["xiyejie"]
    assert (row["started"], row["late_start_months"]) == (None, 3)
    history = cli("history", "xiyejie", "--json", env=TODAY)
    revisions = [entry["revision"] for entry in json.loads(history.stdout)["entries"]]
    assert revisions == ["withdrawn", "withdrawal"]
    before = ledger_bytes()
    for args, line in (
        (
            ("xiyejie", "--started", "--withdraw"),
            "project xiyejie has no record of its start, so there is nothing to withdraw",
        ),
        (
            ("xiyejie", "--milestone", "主体封顶", "--withdraw"),
            "project xiyejie has no record of milestone '主体封顶', so there is nothing to "
            "withdraw",
        ),
        (
            ("xiyejie", "--started", "-p", "2023-05", "--unit", "chengdong"),
            "--unit: --unit is for a unit's own figure of a split target; a project's start or "
            "milestone is the project's own, so leave out --unit",
        ),
        (
            ("xiyejie", "--started", "--withdraw", "--replace"),
            "--withdraw: a withdrawal takes no --replace; remove it",
        ),
    ):
        refused = cli("record", *args, env=TODAY)
        assert refused.exit_code != 0
        assert refused.stderr.splitlines()[0].startswith(line), refused.stderr
    assert ledger_bytes() == before
    assert cli("record", "xiyejie", "--started", "-p", "2023-05", env=TODAY).exit_code == 0
    assert projects_json(cli)["xiyejie"]["started"] == "2023-05"


@pytest.mark.usefixtures("register_files")
def test_an_xlsx_of_starts_only_records_them(cli: CliRun, tmp_path: Path) -> None:
    """A workbook without a value column: its rows were once passed over as a header search."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "期间", "是否开工", "完成节点"])
    sheet.append(["xiyejie", "2023-04", "是", None])
    sheet.append(["xiyejie", "2023-05", None, "主体封顶"])
    book.save(tmp_path / "starts.xlsx")
    done = cli("import", "starts.xlsx", env=TODAY)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "starts.xlsx: 0 figures recorded, 0 of them revisions",
        "also recorded: project starts 1, milestones reached 1",
    ]
    row = projects_json(cli)["xiyejie"]
    assert (row["started"], row["late_milestones"]) == ("2023-04", [])
    again = cli("import", "starts.xlsx", "--replace", env=TODAY)
    assert again.stdout.splitlines()[0] == "starts.xlsx: 0 figures recorded, 0 of them revisions"


@pytest.mark.usefixtures("register_files")
def test_show_of_a_project_gives_its_verdict(cli: CliRun) -> None:
    assert cli("record", "xiyejie", "0.9", "-p", "2023-06", env=TODAY).exit_code == 0
    text = cli("--lang", "zh", "show", "xiyejie", env={**TODAY, "COLUMNS": "100"})
    assert text.exit_code == 0, text.stderr
    lines = text.stdout.splitlines()
    verdict = next(line for line in lines if line.startswith("✖ 滞后  "))
    assert "西冶街片区更新（xiyejie，牵头单位：" in verdict
    assert "应开工未开工，已逾期3个月" in "".join(lines)
    shown = json.loads(cli("show", "xiyejie", "--json", env=TODAY).stdout)
    assert shown["project"]["status"] == "off_track"
    assert shown["project"]["late_start_months"] == 3
    assert shown["target"]["actual"] == 0.9


@pytest.mark.usefixtures("register_files")
def test_a_target_derived_from_the_register_takes_no_figures_and_shows_the_registers(
    cli: CliRun,
    write: Callable[[str, str], Path],
    ledger_bytes: Callable[[], bytes | None],
    tmp_path: Path,
) -> None:
    write("targets.toml", UNITS_PLAN + DERIVED)
    before = ledger_bytes()
    refused = cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "TARGET: 'key-projects' takes its actual from the key-project register "
        '(from_projects = "count"), so no figure is recorded for it; record the projects\' '
        "investment, starts and milestones instead"
    ]
    write("k.csv", "target,period,value\nkey-projects,2023-06,70\n")
    assert cli("import", "k.csv", env=TODAY).exit_code == 1
    assert ledger_bytes() == before
    shown = json.loads(
        cli("show", "key-projects", "--json", "--as-of", "2023-06", env=TODAY).stdout
    )
    assert [month["actual"] for month in shown["months"]][-1] == 2  # the register's two projects
    made = cli("template", "-p", "2023-06", "-o", "t.xlsx", env=TODAY)
    assert made.exit_code == 0, made.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    ids = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "key-projects" not in ids and "xiyejie" in ids


@pytest.mark.usefixtures("register_files")
def test_validate_notes_events_and_figures_that_count_nowhere(
    cli: CliRun, write: Callable[[str, str], Path], register_files: Path
) -> None:
    assert cli("record", "xiyejie", "--started", "-p", "2023-04", env=TODAY).exit_code == 0
    assert (
        cli("record", "xiyejie", "--milestone", "主体封顶", "-p", "2023-05", env=TODAY).exit_code
        == 0
    )
    assert cli("record", "urban-jobs", "300", "-p", "2023-06", env=TODAY).exit_code == 0
    # The register changes under the ledger: the project is continued, its milestone renamed,
    # and a target now takes its actual from the register.
    register_files.write_text(
        REGISTER.replace('type = "new"', 'type = "continued"')
        .replace('planned_start = "2023-03"\n', "")
        .replace('name = "主体封顶"', 'name = "主体结构封顶"'),
        encoding="utf-8",
    )
    write(
        "targets.toml",
        UNITS_PLAN.replace('id = "urban-jobs"', 'id = "urban-jobs"\nfrom_projects = "count"', 1),
    )
    checked = cli("validate", env=TODAY)
    assert checked.exit_code == 0, checked.stderr
    notes = [line for line in checked.stdout.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: actuals.toml records the start of project xiyejie in 2023-04, but the register "
        "has it as continued; the start counts nowhere",
        "note: actuals.toml records milestone '主体封顶' of project xiyejie (2023-05), which the "
        "register no longer names (renamed?); it counts nowhere: record it again under the "
        "register's name with plantrack record xiyejie --milestone NAME",
        "note: actuals.toml holds 1 figure for 'urban-jobs', whose actual the key-project "
        "register gives (from_projects); they count nowhere",
    ]


def new_project(number: int, start: str) -> Project:
    return Project(
        id=f"p{number}", name=f"项目{number}", level="city", type="new", annual_plan=1.6,
        planned_start=start,
    )  # fmt: skip


def test_starts_are_counted_among_the_years_planned_starts(small_plan: Path) -> None:
    plan: Plan = load_plan(small_plan)
    register = Register(
        (new_project(1, "2023-03"), new_project(2, "2023-05"), new_project(3, "2023-09"))
    )

    def started(project: str, month: int) -> Entry:
        return Entry(project, Month(2023, month), None, "t", "test", event="started")

    # p3 started early (planned September); p2 has not started.
    entries = [started("p1", 3), started("p3", 4)]
    results = judge_projects(plan, register, entries, Month(2023, 6), date(2023, 7, 20))
    (everything,) = project_groups(plan, results, Month(2023, 6))
    assert (everything.planned_starts, everything.due_to_start, everything.started) == (3, 2, 2)
    assert everything.start_rate == pytest.approx(2 / 3)


def test_a_project_without_any_figure_misses_once_the_year_is_closed(small_plan: Path) -> None:
    plan: Plan = load_plan(small_plan)
    register = Register((new_project(1, "2023-03"),))
    december = Month(2023, 12)
    (pending,) = judge_projects(plan, register, [], december, date(2024, 1, 5))
    assert pending.status != "missed"  # December's figure is not due yet
    (closed,) = judge_projects(plan, register, [], december, date(2024, 2, 20))
    assert closed.status == "missed"


def test_halves_round_up_although_the_division_lands_below_them() -> None:
    assert 0.3 / 1.6 * 100 < 18.75  # floating point: 18.749999999999996
    assert one_decimal(0.3 / 1.6 * 100) == "18.8"
    assert [one_decimal(value) for value in (-0.04, 0.0, 2.25, 2.35)] == [
        "0.0",
        "0.0",
        "2.3",
        "2.4",
    ]


@pytest.mark.usefixtures("register_files")
def test_remind_leaves_a_new_project_alone_before_its_planned_start(
    cli: CliRun, write: Callable[[str, str], Path], register_files: Path
) -> None:
    write(
        "plantrack.toml",
        '[smtp]\nhost = "127.0.0.1"\nsender = "fgj@example.org"\n'
        '[units.jiaotong]\nto = ["jt@example.org"]\n',
    )
    register_files.write_text(
        REGISTER.replace('planned_start = "2023-03"', 'planned_start = "2023-09"').replace(
            'due = "2023-05"', 'due = "2023-10"'
        ),
        encoding="utf-8",
    )

    def chased(today: str) -> list[str]:
        shown = json.loads(
            cli("remind", "--dry-run", "--json", env={"PLANTRACK_TODAY": today}).stdout
        )
        return [item["id"] for reminder in shown["reminders"] for item in reminder["targets"]]

    assert "xiyejie" not in chased("2023-07-25")  # June's investment: it starts in September
    assert "xiyejie" in chased("2023-10-25")  # September's is owed
    assert (
        cli(
            "record", "xiyejie", "--started", "-p", "2023-05", env={"PLANTRACK_TODAY": "2023-07-25"}
        ).exit_code
        == 0
    )
    assert "xiyejie" in chased("2023-07-25")  # started early: June's investment is owed


@pytest.mark.usefixtures("register_files")
def test_an_owners_report_has_the_projects_it_leads(cli: CliRun) -> None:
    text = cli("--lang", "zh", "report", "--owner", "jiaotong", "--as-of", "2023-06", env=TODAY)
    assert text.exit_code == 0, text.stderr
    assert "1项重点项目年度投资计划3.0亿元" in text.stdout
    assert "能源枢纽" not in text.stdout  # led by renshe


@pytest.mark.usefixtures("register_files")
def test_the_late_start_worked_example_of_the_docs(cli: CliRun) -> None:
    """docs/projects.md, "Worked example: a late start", word for word."""
    shown = cli("--lang", "zh", "projects", "--as-of", "2023-06", env={**TODAY, "COLUMNS": "300"})
    line = next(line for line in shown.stdout.splitlines() if "xiyejie" in line)
    assert line == (
        "✖ 滞后  西冶街片区更新（xiyejie，牵头单位：区交通运输局）：应开工未开工，已逾期3个月、"
        "节点“主体封顶”逾期未完成、未报送完成投资额"
    )
    doc = (Path(__file__).parents[1] / "docs" / "projects.md").read_text(encoding="utf-8")
    assert line.removeprefix("✖ 滞后  ") in doc


@pytest.mark.usefixtures("register_files")
def test_a_register_gone_missing_is_said_plainly(
    cli: CliRun, register_files: Path, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    register_files.unlink()
    register_files.symlink_to(tmp_path / "moved" / "projects.toml")
    dangling = cli("projects", env=TODAY)
    assert dangling.exit_code == 1
    assert dangling.stderr == (
        f"projects.toml is a link to {tmp_path}/moved/projects.toml, which does not exist; "
        "restore that file or remove the link\n"
    )
    register_files.unlink()
    write("targets.toml", UNITS_PLAN.replace("[plan]\n", '[plan]\nprojects = "reg/p.toml"\n', 1))
    named = cli("--lang", "zh", "status", env=TODAY)
    assert named.exit_code == 1
    assert named.stderr == (
        "targets.toml 的 [plan] projects 指向 reg/p.toml，但该文件不存在；请检查路径（相对于计划"
        "文件所在的文件夹），或删去这一行\n"
    )
    write("reg/p.toml", '[[project]]\nid = "p-a" name = "x"\n')
    syntax = cli("--lang", "zh", "status", env=TODAY)
    assert syntax.stderr.startswith(
        "reg/p.toml：第 2 行第 12 列：TOML 语法错误：一条语句后面应当换行，同一行不能再写别的内容"
    )


@pytest.mark.usefixtures("register_files")
def test_full_width_yes_starts_a_project_and_a_misspelt_id_is_suggested(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("s.csv", "target,period,started\nxiyejie,２０２３-０４,ｙｅｓ\n")
    done = cli("import", "s.csv", env=TODAY)
    assert done.exit_code == 0, done.stderr
    assert projects_json(cli)["xiyejie"]["started"] == "2023-04"
    unknown = cli("record", "xiyejei", "1", "-p", "2023-06", env=TODAY)
    assert "did you mean 'xiyejie' (西冶街片区更新)?" in unknown.stderr


@pytest.mark.usefixtures("register_files")
def test_a_file_of_starts_skips_the_rows_that_report_none(
    cli: CliRun, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    write("s.csv", "target,period,started\nxiyejie,2023-04,\nxiyejie,2023-05,否\n")
    csv_done = cli("import", "s.csv", env=TODAY)
    assert csv_done.exit_code == 0
    assert csv_done.stdout == "s.csv: 0 figures recorded, 0 of them revisions\n"
    assert csv_done.stderr.startswith("note: s.csv has nothing to record")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["target", "period", "started"])
    sheet.append(["xiyejie", "2023-04", None])
    sheet.append(["xiyejie", "2023-05", "是"])
    book.save(tmp_path / "s.xlsx")
    xlsx_done = cli("import", "s.xlsx", env=TODAY)
    assert xlsx_done.exit_code == 0, xlsx_done.stderr
    assert projects_json(cli)["xiyejie"]["started"] == "2023-05"
    # A library caller's row without a value and without a start is still refused.
    from plantrack import api

    plan = api.load_plan(tmp_path / "targets.toml")
    with pytest.raises(api.ImportRefused):
        api.import_rows(
            tmp_path / "actuals.toml",
            plan,
            [{"target": "xiyejie", "period": "2023-06"}],
            today=date(2023, 7, 15),
        )


def test_status_of_the_whole_plan_ends_with_the_projects_sentence(cli: CliRun) -> None:
    office = str(Path(__file__).parents[1] / "examples" / "office" / "targets.toml")
    env = {**TODAY, "COLUMNS": "120"}
    shown = cli("--plan", office, "--lang", "zh", "status", "--demo", env=env)
    assert shown.exit_code == 0, shown.stderr
    tail = "".join(shown.stdout.splitlines()[-2:])
    assert tail.startswith("重点项目：20项重点项目年度投资计划36.4亿元，1-6月完成")
    assert tail.endswith("（详见 plantrack projects）")
    english = cli("--plan", office, "status", "--demo", env={**TODAY, "COLUMNS": "80"}).stdout
    assert "(see plantrack projects)" in english and "…" not in english
    narrowed = cli("--plan", office, "status", "--demo", "--section", "industry", env=env)
    assert "Key projects:" not in narrowed.stdout


@pytest.mark.usefixtures("register_files")
def test_rank_of_a_project_points_to_the_ranking_of_lead_units(cli: CliRun) -> None:
    refused = cli("rank", "xiyejie", env=TODAY)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "TARGET: xiyejie is a key project, which is not split to units; to rank the units that "
        "lead key projects, use plantrack rank --projects --by lead\n"
    )


@pytest.mark.usefixtures("register_files")
def test_a_count_from_the_register_is_never_overdue(
    cli: CliRun, write: Callable[[str, str], Path], register_files: Path, tmp_path: Path
) -> None:
    """Nobody reports it, so nobody can be late with it: the count stands for every month."""
    write("targets.toml", UNITS_PLAN + DERIVED)
    (tmp_path / "actuals.toml").unlink()
    late = {"PLANTRACK_TODAY": "2023-10-20"}

    def key_projects() -> dict[str, object]:
        shown = json.loads(cli("status", "--json", env=late).stdout)
        found: dict[str, object] = next(t for t in shown["targets"] if t["id"] == "key-projects")
        return found

    row = key_projects()
    assert (row["actual"], row["period"], row["stale"]) == (2, "2023-09", False)
    register_files.write_text('[projects]\nunit = "亿元"\n', encoding="utf-8")
    row = key_projects()
    assert (row["actual"], row["stale"]) == (0, False)


@pytest.mark.usefixtures("register_files")
def test_a_project_with_a_bad_field_is_still_checked_for_the_rest(
    cli: CliRun, register_files: Path
) -> None:
    register_files.write_text(
        REGISTER.replace('level = "district"', 'level = "county"')
        .replace('lead = "jiaotong"', 'lead = "jiaotng"')
        .replace(
            'due = "2023-05"',
            'due = "2023-05"\n\n[[project.milestone]]\nname = "主体封顶"\ndue = "2023-06"',
            1,
        ),
        encoding="utf-8",
    )
    result = cli("projects", env=TODAY)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(": field ")[1].split("'")[1] for line in lines] == [
        "level", "lead", "milestone",
    ]  # fmt: skip


@pytest.mark.usefixtures("register_files")
def test_a_file_of_empty_rows_says_it_recorded_nothing(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("s.csv", "target,period,started\nxiyejie,2023-04,\nxiyejie,2023-05,否\n")
    done = cli("--lang", "zh", "import", "s.csv", env=TODAY)
    assert done.exit_code == 0
    assert done.stderr.startswith("注意：s.csv 中没有要录入的数据")


def test_a_start_names_the_project_though_a_target_shares_its_name(
    cli: CliRun, tmp_path: Path
) -> None:
    """The example office has a target and a project both named 西冶街片区城市更新项目; only a
    project takes --started, so the name is the project's there."""
    import shutil

    office = Path(__file__).parents[1] / "examples" / "office"
    for name in ("targets.toml", "projects.toml"):
        shutil.copy(office / name, tmp_path / name)
    late = {"PLANTRACK_TODAY": "2023-10-20"}
    done = cli("record", "西冶街片区城市更新项目", "--started", "-p", "2023-04", env=late)
    assert done.stdout == "Recorded the start of proj-xiyejie (西冶街片区城市更新项目) in 2023-04\n"
    taken = cli("record", "西冶街", "--started", "--withdraw", env=late)
    assert taken.stdout == (
        "Withdrew the start of proj-xiyejie (西冶街片区城市更新项目), recorded for 2023-04\n"
    )
    # A target of the plan is refused as no project before its month is looked at.
    quarterly = cli("record", "gdp-growth", "--started", "-p", "2023-04", env=late)
    assert quarterly.stderr.startswith("TARGET: --started and --milestone are for projects")
    shown = cli("--lang", "zh", "show", "proj-xiyejie", env={**late, "COLUMNS": "120"})
    assert "重点项目" in shown.stdout and "key-projects" not in shown.stdout


@pytest.mark.usefixtures("register_files")
def test_a_start_needs_its_month(cli: CliRun, ledger_bytes: Callable[[], bytes | None]) -> None:
    before = ledger_bytes()
    refused = cli("record", "xiyejie", "--started", env=TODAY)
    assert (refused.exit_code, refused.stderr) == (
        2,
        "--period: give the month of the start or milestone with --period, such as -p 2023-04; "
        "it is not taken to be last month, which could date it wrongly\n",
    )
    assert ledger_bytes() == before


@pytest.mark.usefixtures("register_files")
def test_a_start_corrected_to_a_later_month_has_not_happened_before_it(cli: CliRun) -> None:
    """Corrections are read as the ledger holds them now, then cut at the as-of month: a
    start moved from April to May has not happened by April (nor counts in April's starts)."""
    assert cli("record", "xiyejie", "--started", "-p", "2023-04", env=TODAY).exit_code == 0
    moved = cli("record", "xiyejie", "--started", "-p", "2023-05", "--replace", env=TODAY)
    assert moved.exit_code == 0, moved.stderr

    def as_of(month: str) -> tuple[object, object, object]:
        shown = json.loads(cli("projects", "--json", "--as-of", month, env=TODAY).stdout)
        row = next(row for row in shown["projects"] if row["id"] == "xiyejie")
        return row["started"], row["late_start_months"], shown["groups"][0]["started"]

    assert as_of("2023-04") == (None, 1, 0)
    assert as_of("2023-05") == ("2023-05", None, 1)
