"""Units and splits: [[unit]] tables, lead and partners, targets split to towns, figures
recorded per unit, the roll-up of a split total, status --unit, rank and sections --by unit
(docs/plan-format.md 'Units and splits', docs/progress.md 'Targets split to units')."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from plantrack.core.model import Entry
from plantrack.core.periods import Month
from plantrack.core.progress import Figures, evaluate, evaluate_unit
from plantrack.core.units import rank_units
from plantrack.store.plan_file import load_plan
from tests.conftest import UNITS_PLAN, CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def record(cli: CliRun, *args: str) -> None:
    result = cli("record", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr


def status_of(cli: CliRun, target: str, *args: str) -> dict[str, object]:
    result = cli("status", "--json", "--as-of", "2023-06", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["targets"]
    found: dict[str, object] = next(row for row in rows if row["id"] == target)
    return found


# ── the plan ────────────────────────────────────────────────────────────────


@pytest.mark.usefixtures("units_plan")
def test_lead_owner_and_partners_are_resolved_to_unit_ids(cli: CliRun) -> None:
    result = cli("targets", "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    jobs = next(target for target in shown["targets"] if target["id"] == "urban-jobs")
    # lead = "区人社局" in the file: the unit's name, resolved to its id, and owner with it.
    assert (jobs["lead"], jobs["owner"], jobs["partners"]) == ("renshe", "renshe", ["jiaotong"])
    assert jobs["split"] == {"chengdong": 800, "chengxi": 600, "chishang": 100}
    rate = next(target for target in shown["targets"] if target["id"] == "unemployment")
    assert (rate["lead"], rate["owner"]) == ("renshe", "renshe")  # owner = "renshe" alone
    assert [unit["id"] for unit in shown["units"]] == [
        "renshe", "jiaotong", "chengdong", "chengxi", "chishang",
    ]  # fmt: skip


def replaced(old: str, new: str) -> str:
    assert old in UNITS_PLAN
    return UNITS_PLAN.replace(old, new, 1)


@pytest.mark.parametrize(
    ("plan", "line"),
    [
        (
            replaced('lead = "区人社局"', 'lead = "renshi"'),
            "targets.toml: target 'urban-jobs' (#1): field 'lead': 'renshi' is not a unit "
            "declared in [[unit]]; did you mean 'renshe'? or add it as a [[unit]]",
        ),
        (
            replaced('lead = "区人社局"', 'lead = "区人社局"\nowner = "jiaotong"'),
            "targets.toml: target 'urban-jobs' (#1): field 'lead': lead '区人社局' and owner "
            "'jiaotong' are not the same unit; they are one thing: give one, or the same unit "
            "in both",
        ),
        (
            replaced('partners = ["jiaotong"]', 'partners = ["jiaotng"]'),
            "targets.toml: target 'urban-jobs' (#1): field 'partners': 'jiaotng' is not a unit "
            "declared in [[unit]]; did you mean 'jiaotong'? or add it as a [[unit]]",
        ),
        (
            replaced("chishang = 100", "chishan = 100"),
            "targets.toml: target 'urban-jobs' (#1): field 'split': 'chishan' is not a unit "
            "declared in [[unit]]; did you mean 'chishang'? or add it as a [[unit]]",
        ),
        (
            replaced("chishang = 100", "chishang = -100"),
            "targets.toml: target 'urban-jobs' (#1): field 'split.chishang': must be above 0 for "
            "kind 'total', got -100; a quantity to reach is positive (use kind 'level' for a "
            "rate)",
        ),
        (
            replaced("chishang = 100", 'chishang = "100"'),
            "targets.toml: target 'urban-jobs' (#1): field 'split.chishang': must be a number, "
            'not the text "100"; write it without quotes',
        ),
        (
            replaced('id = "chishang"', 'id = "chengxi"'),
            "targets.toml: unit 'chengxi' (#5): field 'id': 'chengxi' is already the id or name "
            "of unit #4; give each unit its own id and name",
        ),
        (
            replaced('id = "chishang"\nname = "池上镇"', 'id = "chishang"\nname = "城西街道"'),
            "targets.toml: unit 'chishang' (#5): field 'name': '城西街道' is already the id or "
            "name of unit #4; give each unit its own id and name",
        ),
        (
            replaced('kind = "town"', 'kind = "village"'),
            "targets.toml: unit 'chengdong' (#3): field 'kind': 'village' is not allowed; use "
            "one of 'department', 'town', 'other'",
        ),
        (
            replaced('lead = "jiaotong"', 'lead = "jiaotong"\n[target.split]\nchengdong = 1')
            .replace('id = "rural-roads"', 'id = "rural-roads"\nfollows = "urban-jobs"')
            .replace("target = 26\n", ""),
            "targets.toml: target 'rural-roads' (#3): field 'split': a target that follows "
            "'urban-jobs' has no number of its own to split to units; remove [target.split]",
        ),
    ],
)
def test_a_bad_unit_field_is_one_line_naming_the_target_and_field(
    cli: CliRun, write: Callable[[str, str], Path], plan: str, line: str
) -> None:
    write("targets.toml", plan)
    result = cli("validate")
    assert result.exit_code == 1
    assert line in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr


def test_a_split_needs_units_and_a_kind_that_splits(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    no_units = UNITS_PLAN[: UNITS_PLAN.index("[[unit]]")] + UNITS_PLAN[
        UNITS_PLAN.index("[[target]]") :
    ].replace('lead = "区人社局"\npartners = ["jiaotong"]\n', "").replace('owner = "renshe"\n', "")
    write("targets.toml", no_units)
    lines = cli("validate").stderr.splitlines()
    assert (
        "targets.toml: target 'urban-jobs' (#1): field 'split': declare the units in [[unit]] "
        "tables before splitting a target to them"
    ) in lines
    growth = replaced('kind = "total"\nunit = "人"', 'kind = "growth"\nunit = "%"')
    write("targets.toml", growth)
    lines = cli("validate").stderr.splitlines()
    assert (
        "targets.toml: target 'urban-jobs' (#1): field 'split': only a total, level or limit "
        "that follows no other target can be split to units, and this one is a growth; "
        "remove [target.split]"
    ) in lines


def test_validate_warns_when_the_shares_of_a_total_fall_short(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("targets.toml", UNITS_PLAN)
    assert "shares" not in cli("validate").stdout  # 800 + 600 + 100 = 1500: no note
    write("targets.toml", replaced("chishang = 100", "chishang = 50"))
    result = cli("validate")
    assert result.exit_code == 0
    assert (
        "note: the shares of target urban-jobs add up to 1450 人, less than the district's "
        "target of 1500 人; the rest is left to no unit"
    ) in result.stdout.splitlines()


# ── recording per unit ──────────────────────────────────────────────────────


@pytest.mark.usefixtures("units_plan")
def test_a_unit_figure_is_recorded_with_its_unit(cli: CliRun, tmp_path: Path) -> None:
    result = cli("record", "urban-jobs", "120", "--unit", "城东街道", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Chengdong Subdistrict: Recorded urban-jobs (New urban jobs) 2023-06: 120 人"
    )
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert 'target = "urban-jobs"\nunit = "chengdong"\nperiod = "2023-06"\nvalue = 120' in text


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("urban-jobs", "120", "--unit", "baita"),
            "--unit: 'baita' is not a unit of the plan; the units' ids are in plantrack "
            "targets --json",
        ),
        (
            ("urban-jobs", "120", "--unit", "chengdng"),
            "--unit: 'chengdng' is not a unit of the plan; did you mean 'chengdong'? the units' "
            "ids are in plantrack targets --json",
        ),
        (
            ("urban-jobs", "120", "--unit", "renshe"),
            "--unit: target urban-jobs is not split to 'renshe'; the units it is split to: "
            "chengdong, chengxi, chishang",
        ),
        (
            ("urban-jobs", "120", "--unit", " "),
            "--unit: empty; give a unit's id or name (such as chengdong), or leave out --unit "
            "to record the district's figure",
        ),
        (
            ("rural-roads", "12", "--unit", "chengdong"),
            "--unit: target rural-roads is not split to units and takes the district's figure "
            "only; leave out --unit chengdong",
        ),
    ],
)
def test_a_unit_outside_the_split_is_refused_and_nothing_written(
    cli: CliRun,
    units_plan: Path,
    ledger_bytes: Callable[[], bytes | None],
    args: tuple[str, ...],
    line: str,
) -> None:
    result = cli("record", *args, "-p", "2023-06", env=TODAY)
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [line]
    assert ledger_bytes() is None


@pytest.mark.usefixtures("units_plan")
def test_district_and_unit_figures_of_one_period_are_refused_whichever_comes_second(
    cli: CliRun, ledger_bytes: Callable[[], bytes | None]
) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    before = ledger_bytes()
    district = cli("record", "urban-jobs", "700", "-p", "2023-06", env=TODAY)
    assert district.exit_code != 0
    assert district.stderr.splitlines() == [
        "target urban-jobs already has units' own figures for 2023-06 (such as chengdong), "
        "and its district figure is their sum; record per unit (--unit), or withdraw the "
        "units' figures first"
    ]
    assert ledger_bytes() == before
    # Another period is free: a district figure for May, then a unit's May figure clashes.
    record(cli, "urban-jobs", "500", "-p", "2023-05")
    before = ledger_bytes()
    unit = cli("record", "urban-jobs", "250", "--unit", "chengxi", "-p", "2023-05", env=TODAY)
    assert unit.exit_code != 0
    assert unit.stderr.splitlines() == [
        "target urban-jobs already has a district figure for 2023-05, so units' own figures "
        "for that period are refused; withdraw it first (plantrack record urban-jobs "
        "--withdraw --period 2023-05), then record per unit"
    ]
    assert ledger_bytes() == before


@pytest.mark.usefixtures("units_plan")
def test_levels_and_limits_keep_the_district_figure_beside_the_units(cli: CliRun) -> None:
    record(cli, "unemployment", "5.2", "-p", "2023-06")
    record(cli, "unemployment", "4.8", "--unit", "chengdong", "-p", "2023-06")
    row = status_of(cli, "unemployment")
    assert (row["actual"], row["status"]) == (5.2, "on_track")  # not summed, not replaced


@pytest.mark.usefixtures("units_plan")
def test_a_unit_figure_is_withdrawn_by_its_unit(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "urban-jobs", "200", "--unit", "chengxi", "-p", "2023-06")
    result = cli(
        "record", "urban-jobs", "--withdraw", "--unit", "chengxi", "-p", "2023-06", env=TODAY
    )
    assert result.exit_code == 0, result.stderr
    assert status_of(cli, "urban-jobs")["actual"] == 300


@pytest.mark.usefixtures("units_plan")
def test_an_import_takes_a_unit_column(
    cli: CliRun, write: Callable[[str, str], Path], ledger_bytes: Callable[[], bytes | None]
) -> None:
    write(
        "june.csv",
        """\
        target,unit,period,value
        urban-jobs,chengdong,2023-06,300
        urban-jobs,城西街道,2023-06,240
        rural-roads,,2023-06,12
        """,
    )
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert status_of(cli, "urban-jobs")["actual"] == 540
    write(
        "bad.csv",
        """\
        target,unit,period,value
        urban-jobs,chishang,2023-06,40
        urban-jobs,chishang,2023-06,45
        urban-jobs,,2023-05,400
        urban-jobs,chengdong,2023-05,100
        urban-jobs,chengdong,2023-06,310
        """,
    )
    before = ledger_bytes()
    refused = cli("import", "bad.csv", env=TODAY)
    assert refused.exit_code != 0
    lines = refused.stderr.splitlines()
    assert lines[:2] == [
        "bad.csv: line 3: column 'unit': 'urban-jobs (chishang)' 2023-06 is also on line 2; "
        "keep one row per target and month",
        "bad.csv: line 5: column 'unit': target urban-jobs has a district figure for 2023-05 "
        "on line 4, which this unit's figure clashes with; remove this row or that one",
    ]
    assert lines[2].startswith(
        "bad.csv: line 6: 'urban-jobs (chengdong)' already has 300 人 for 2023-06, recorded "
    )
    assert lines[3:] == ["bad.csv: problems found: 3; nothing was recorded"]
    assert ledger_bytes() == before


# ── the roll-up ─────────────────────────────────────────────────────────────


def entry(target: str, month: int, value: float, unit: str | None = None) -> Entry:
    return Entry(target, Month(2023, month), value, "2023-07-01T00:00:00Z", "test", unit=unit)


@pytest.fixture
def plan(units_plan: Path):  # type: ignore[no-untyped-def]
    return load_plan(units_plan)


def test_a_split_total_sums_each_units_latest_figure(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [
        entry("urban-jobs", 4, 200, "chengxi"),
        entry("urban-jobs", 5, 260, "chengdong"),
        entry("urban-jobs", 6, 300, "chengdong"),
        entry("urban-jobs", 3, 900),  # a district figure before the units reported: replaced
    ]
    result = evaluate(plan, entries, Month(2023, 6), date(2023, 7, 15)).result("urban-jobs")
    # chengdong's June 300 + chengxi's April 200 + chishang's nothing (0); period: June.
    assert (result.actual, result.period) == (500, Month(2023, 6))
    assert result.stale  # chishang has reported nothing, and April's figure is long due
    may = evaluate(plan, entries, Month(2023, 5), date(2023, 6, 10)).result("urban-jobs")
    assert (may.actual, may.period) == (460, Month(2023, 5))  # 260 + 200


def test_a_split_total_is_overdue_while_any_unit_is(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [
        entry("urban-jobs", 5, 300, "chengdong"),
        entry("urban-jobs", 5, 200, "chengxi"),
        entry("urban-jobs", 4, 40, "chishang"),  # April only: May is not late until 16 June
    ]
    as_of = Month(2023, 5)
    # May is due on 15 June: on the 15th nothing is late yet, on the 16th chishang is.
    assert not evaluate(plan, entries, as_of, date(2023, 6, 15)).result("urban-jobs").stale
    assert evaluate(plan, entries, as_of, date(2023, 6, 16)).result("urban-jobs").stale
    every = [*entries, entry("urban-jobs", 5, 50, "chishang")]
    assert evaluate(plan, every, as_of, date(2023, 6, 16)).result("urban-jobs").actual == 550
    assert not evaluate(plan, every, as_of, date(2023, 6, 16)).result("urban-jobs").stale


def test_without_unit_figures_the_district_figure_counts(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [entry("urban-jobs", 6, 700)]
    result = evaluate(plan, entries, Month(2023, 6), date(2023, 7, 15)).result("urban-jobs")
    assert (result.actual, result.stale) == (700, False)


def test_a_units_share_is_judged_against_its_own_target(plan) -> None:  # type: ignore[no-untyped-def]
    target = plan.target("urban-jobs")
    figures = Figures(plan, [entry("urban-jobs", 6, 380, "chengdong")])
    share = evaluate_unit(plan, target, "chengdong", figures, Month(2023, 6), date(2023, 7, 15))
    # 800 for the year, half of it due by June: 380 of 400 expected is on track, 47.5% done.
    assert (share.target.target, share.expected, share.progress) == (800, 400, 0.475)
    assert (share.status, share.unit) == ("on_track", "chengdong")


# ── rank ────────────────────────────────────────────────────────────────────


def test_rank_ties_share_a_place_and_the_next_skips(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [
        entry("urban-jobs", 6, 400, "chengdong"),  # 50%
        entry("urban-jobs", 6, 300, "chengxi"),  # 50%
        # chishang: no figure, last and unranked
    ]
    target = plan.target("urban-jobs")
    ranked = rank_units(plan, target, Figures(plan, entries), Month(2023, 6), date(2023, 7, 1))
    assert [(row.unit, row.rank) for row in ranked] == [
        ("chengdong", 1), ("chengxi", 1), ("chishang", None),
    ]  # fmt: skip
    three = [*entries, entry("urban-jobs", 6, 10, "chishang")]  # 10%: third, after a tie
    ranked = rank_units(plan, target, Figures(plan, three), Month(2023, 6), date(2023, 7, 1))
    assert [row.rank for row in ranked] == [1, 1, 3]


def test_rank_of_a_ceiling_puts_the_farthest_inside_first(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [entry("unemployment", 6, 5.4, "chengdong"), entry("unemployment", 6, 4.0, "chengxi")]
    target = plan.target("unemployment")
    ranked = rank_units(plan, target, Figures(plan, entries), Month(2023, 6), date(2023, 7, 1))
    # chengdong: 0.1 under its 5.5; chengxi: 1.0 under its 5.0, so chengxi is first.
    assert [(row.unit, row.rank) for row in ranked] == [("chengxi", 1), ("chengdong", 2)]


@pytest.mark.usefixtures("units_plan")
def test_rank_json_has_the_documented_shape(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "urban-jobs", "360", "--unit", "chengxi", "-p", "2023-06")
    result = cli("rank", "urban-jobs", "--json", "--as-of", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["target"], shown["as_of"]) == ("urban-jobs", "2023-06")
    assert [
        {key: row[key] for key in ("unit", "name", "target", "actual", "progress", "status", "rank")}
        for row in shown["units"]
    ] == [
        {"unit": "chengxi", "name": "城西街道", "target": 600, "actual": 360, "progress": 0.6,
         "status": "on_track", "rank": 1},
        {"unit": "chengdong", "name": "Chengdong Subdistrict", "target": 800, "actual": 300,
         "progress": 0.375, "status": "off_track", "rank": 2},
        {"unit": "chishang", "name": "池上镇", "target": 100, "actual": None, "progress": None,
         "status": "no_data", "rank": None},
    ]  # fmt: skip
    # The gap in the terms of the target's gap in status --json: points of the share due.
    assert shown["units"][0]["gap"] == pytest.approx(10.0)
    assert shown["units"][2]["gap"] is None


@pytest.mark.usefixtures("units_plan")
def test_rank_table_in_chinese_marks_the_unranked(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    result = cli("--lang", "zh", "rank", "urban-jobs", "--as-of", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "城镇新增就业（urban-jobs）各单位排名，截至 2023-06"
    assert any(line.split()[:2] == ["1", "城东街道"] for line in lines)
    assert any(line.split()[:2] == ["—", "城西街道"] for line in lines)


@pytest.mark.usefixtures("units_plan")
def test_rank_refuses_a_target_that_is_not_split(cli: CliRun) -> None:
    result = cli("rank", "rural-roads", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "TARGET: target rural-roads is not split to units, so there is nothing to rank; the "
        "targets split to units: urban-jobs, unemployment"
    ]


# ── per-unit views ──────────────────────────────────────────────────────────


@pytest.mark.usefixtures("units_plan")
def test_status_unit_shows_what_it_leads_and_its_shares_not_what_it_helps(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "rural-roads", "12", "-p", "2023-06")

    def shown(unit: str) -> list[tuple[str, object, object]]:
        result = cli("status", "--json", "--unit", unit, "--as-of", "2023-06", env=TODAY)
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)["targets"]
        assert all(
            row["lead"] == ("jiaotong" if row["id"] == "rural-roads" else "renshe") for row in rows
        )
        return [(row["id"], row["split_unit"], row["target"]) for row in rows]

    assert shown("renshe") == [("urban-jobs", None, 1500), ("unemployment", None, 5.5)]
    # jiaotong is a partner of urban-jobs: only rural-roads, which it leads, is its own.
    assert shown("区交通运输局") == [("rural-roads", None, 26)]
    assert shown("chengdong") == [
        ("urban-jobs", "chengdong", 800), ("unemployment", "chengdong", 5.5),
    ]  # fmt: skip
    text = cli("status", "--unit", "chengdong", "--as-of", "2023-06", env=TODAY).stdout
    assert "The targets of Chengdong Subdistrict" in text
    assert "(Chengdong Subdistrict's share)" in " ".join(text.split())


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("--unit", "nobody"),
            "--unit: the plan has no unit 'nobody'; its units: renshe (区人社局), jiaotong "
            "(区交通运输局), chengdong (城东街道), chengxi (城西街道), chishang (池上镇)",
        ),
        (
            ("--unit", "renshe", "--owner", "jiaotong"),
            "--unit: --owner and --unit name different units; use one of them",
        ),
    ],
)
@pytest.mark.usefixtures("units_plan")
def test_status_unit_refusals(cli: CliRun, args: tuple[str, ...], line: str) -> None:
    result = cli("status", *args, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [line]


def test_status_unit_on_a_plan_without_units(cli: CliRun, small_plan: Path) -> None:
    result = cli("status", "--unit", "renshe", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "--unit: this plan declares no units ([[unit]]); add [[unit]] tables to the plan "
        "file first (see docs/plan-format.md)"
    ]


@pytest.mark.usefixtures("units_plan")
def test_sections_by_unit_counts_what_each_unit_leads_and_its_shares(cli: CliRun) -> None:
    record(cli, "urban-jobs", "400", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "rural-roads", "12", "-p", "2023-06")
    result = cli("sections", "--by", "unit", "--json", "--as-of", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    units = {row["unit"]: row for row in json.loads(result.stdout)["units"]}
    assert list(units) == ["renshe", "jiaotong", "chengdong", "chengxi", "chishang"]
    assert (units["jiaotong"]["on_track"], units["jiaotong"]["no_data"]) == (1, 0)
    assert (units["chengdong"]["on_track"], units["chengdong"]["no_data"]) == (1, 1)
    assert (units["chishang"]["no_data"], units["chishang"]["stale"]) == (1, 1)
    assert units["renshe"]["name"] == "Human Resources Bureau"


def test_the_example_office_shows_a_town_on_demo_figures(cli: CliRun) -> None:
    plan = Path(__file__).parents[1] / "examples" / "office" / "targets.toml"
    result = cli("--plan", str(plan), "status", "--demo", "--unit", "chengdong", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["targets"]
    assert [(row["id"], row["split_unit"]) for row in rows] == [("urban-jobs", "chengdong")]
    assert rows[0]["actual"] is not None and rows[0]["actual"] == int(rows[0]["actual"])
    ranked = cli("--plan", str(plan), "rank", "urban-jobs", "--demo", "--json")
    assert ranked.exit_code == 0, ranked.stderr
    units = json.loads(ranked.stdout)["units"]
    assert len(units) == 10 and units[-1]["rank"] is None  # the last town has not reported
    assert [row["rank"] for row in units[:-1]] == sorted(row["rank"] for row in units[:-1])


def test_the_example_office_keeps_the_shipped_plans_targets() -> None:
    """examples/office is the shipped plan plus units, leads and a split: the targets, as the
    progress rules read them, must not drift from the shipped ones."""
    from dataclasses import replace

    root = Path(__file__).parents[1]
    shipped = load_plan(root / "targets.toml")
    office = load_plan(root / "examples" / "office" / "targets.toml")
    bare = [
        replace(target, owner=None, lead=None, partners=(), split=()) for target in office.targets
    ]
    assert bare == list(shipped.targets)
    assert (office.info, office.sections, office.calendar) == (
        shipped.info, shipped.sections, shipped.calendar,
    )  # fmt: skip
    jobs = office.target("urban-jobs")
    assert jobs is not None and jobs.owner == "renshe"
    assert sum(share.target for share in jobs.split) == jobs.target
    assert {unit.id for unit in office.units if unit.kind == "town"} == set(jobs.split_units)


def test_the_worked_example_of_a_split_total(plan) -> None:  # type: ignore[no-untyped-def]
    """docs/progress.md, 'a total split to towns': every number of the example."""
    entries = [
        entry("urban-jobs", 4, 200, "chengxi"),
        entry("urban-jobs", 5, 260, "chengdong"),
        entry("urban-jobs", 6, 300, "chengdong"),
    ]
    as_of, today = Month(2023, 6), date(2023, 7, 15)
    district = evaluate(plan, entries, as_of, today).result("urban-jobs")
    assert (district.actual, district.expected, district.status) == (500, 750, "off_track")
    assert round(district.progress or 0, 3) == 0.333 and round(district.gap or 0, 1) == -16.7
    assert district.stale
    target = plan.target("urban-jobs")
    figures = Figures(plan, entries)
    east = evaluate_unit(plan, target, "chengdong", figures, as_of, today)
    assert (east.expected, east.status, east.progress, east.gap) == (400, "off_track", 0.375, -12.5)
    west = evaluate_unit(plan, target, "chengxi", figures, as_of, today)
    assert (west.period, west.expected, west.status) == (Month(2023, 4), 200, "on_track")
    ranked = rank_units(plan, target, figures, as_of, today)
    assert [(row.unit, row.rank) for row in ranked] == [
        ("chengdong", 1), ("chengxi", 2), ("chishang", None),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.usefixtures("units_plan")
def test_a_towns_template_asks_for_its_shares_and_imports_back(
    cli: CliRun, tmp_path: Path, lang: str
) -> None:
    import openpyxl

    record(cli, "urban-jobs", "250", "--unit", "chengdong", "-p", "2023-05")
    made = cli(
        "--lang", lang, "template", "--owner", "chengdong", "--period", "2023-06", "-o", "t.xlsx",
        env=TODAY,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[2]]
    assert header[:2] == (["编号", "填报单位"] if lang == "zh" else ["ID", "Reporting unit"])
    town = "城东街道" if lang == "zh" else "Chengdong Subdistrict"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    # Its two shares, each with its own goal and its own previous figure: not rural-roads.
    assert [(row[0], row[1]) for row in rows] == [("urban-jobs", town), ("unemployment", town)]
    goal, previous = (
        header.index("年度目标" if lang == "zh" else "Annual target"),
        header.index("上期数" if lang == "zh" else "Previous figure"),
    )
    assert rows[0][goal] == ("800人" if lang == "zh" else "800 人") and rows[0][previous] == 250
    value = header.index("本期数" if lang == "zh" else "Value") + 1
    sheet.cell(3, value).value = 330
    sheet.cell(4, value).value = 5.1
    book.save(tmp_path / "t.xlsx")
    result = cli("import", "t.xlsx", env=TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    text = (tmp_path / "actuals.toml").read_text(encoding="utf-8")
    assert 'target = "urban-jobs"\nunit = "chengdong"\nperiod = "2023-06"\nvalue = 330' in text
    assert 'target = "unemployment"\nunit = "chengdong"\nperiod = "2023-06"\nvalue = 5.1' in text


@pytest.mark.usefixtures("units_plan")
def test_show_and_history_of_a_split_target_name_the_units(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "urban-jobs", "240", "--unit", "chengxi", "-p", "2023-06")
    shown = json.loads(cli("show", "urban-jobs", "--json", "--as-of", "2023-06", env=TODAY).stdout)
    assert shown["target"]["actual"] == 540
    assert [(row["unit"], row["rank"]) for row in shown["units"]] == [
        ("chengxi", 1), ("chengdong", 2), ("chishang", None),
    ]  # fmt: skip
    assert [entry["unit"] for entry in shown["entries"]] == ["chengdong", "chengxi"]
    text = cli("--lang", "zh", "show", "urban-jobs", "--as-of", "2023-06", env=TODAY).stdout
    assert "城镇新增就业（urban-jobs）各单位排名，截至 2023-06" in text
    history = cli("--lang", "zh", "history", "urban-jobs", env=TODAY).stdout
    rows = [line for line in history.splitlines() if "2023-06" in line]
    assert ["城东街道" in rows[0], "城西街道" in rows[1]] == [True, True]


@pytest.mark.usefixtures("units_plan")
def test_reports_name_the_units_behind_and_those_not_reported(cli: CliRun) -> None:
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "urban-jobs", "240", "--unit", "chengxi", "-p", "2023-06")
    text = cli("--lang", "zh", "report", "--as-of", "2023-06", env=TODAY).stdout
    assert (
        "    落后单位：城东街道（滞后）、城西街道（预警）；逾期未报单位：池上镇"
        in text.splitlines()
    )
    markdown = cli("report", "--format", "markdown", "--as-of", "2023-06", env=TODAY).stdout
    assert (
        "- Units behind: Chengdong Subdistrict (off track), 城西街道 (at risk); Units overdue: "
        "池上镇"
    ) in markdown.splitlines()
    html = cli("report", "--format", "html", "--as-of", "2023-06", env=TODAY).stdout
    assert "Units behind: Chengdong Subdistrict (off track), 城西街道 (at risk)" in html


@pytest.mark.usefixtures("units_plan")
def test_targets_shows_the_lead_and_the_split(cli: CliRun) -> None:
    result = cli("--lang", "zh", "targets", env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    jobs = next(line for line in result.stdout.splitlines() if line.startswith("urban-jobs"))
    assert jobs.split()[-1] == "区人社局（分解到3个单位）"
    roads = next(line for line in result.stdout.splitlines() if line.startswith("rural-roads"))
    assert roads.split()[-1] == "区交通运输局"


def test_a_district_figure_later_than_every_units_is_in_force(plan) -> None:  # type: ignore[no-untyped-def]
    entries = [entry("urban-jobs", 3, 700), entry("urban-jobs", 2, 10, "chishang")]
    result = evaluate(plan, entries, Month(2023, 3), date(2023, 4, 10)).result("urban-jobs")
    assert (result.actual, result.period) == (700, Month(2023, 3))
    february = evaluate(plan, entries, Month(2023, 2), date(2023, 4, 10)).result("urban-jobs")
    assert february.actual == 10  # in February, the units' figures were the latest


def test_district_increments_count_for_months_no_unit_reported(write, cli) -> None:  # type: ignore[no-untyped-def]
    increments = UNITS_PLAN.replace(
        'unit = "人"\ntarget = 1500\n', 'unit = "人"\ntarget = 1500\nentry = "increment"\n'
    )
    plan = load_plan(write("targets.toml", increments))
    entries = [
        entry("urban-jobs", 2, 40),
        entry("urban-jobs", 3, 50),
        entry("urban-jobs", 4, 30, "chengdong"),
        entry("urban-jobs", 4, 20, "chengxi"),
        entry("urban-jobs", 5, 10, "chishang"),
    ]
    result = evaluate(plan, entries, Month(2023, 5), date(2023, 6, 10)).result("urban-jobs")
    assert result.actual == 40 + 50 + 30 + 20 + 10


def test_a_town_reporting_early_leaves_the_district_pending_not_late(plan) -> None:  # type: ignore[no-untyped-def]
    may = [entry("urban-jobs", 5, value, unit) for unit, value in
           (("chengdong", 330), ("chengxi", 260), ("chishang", 45))]  # fmt: skip
    early = [*may, entry("urban-jobs", 6, 360, "chengdong")]
    result = evaluate(plan, early, Month(2023, 6), date(2023, 7, 5)).result("urban-jobs")
    assert not result.stale
    assert result.pending == date(2023, 7, 15)  # the other towns' June figures: 待报


def test_a_cap_on_a_running_total_split_to_towns_is_their_sum(write) -> None:  # type: ignore[no-untyped-def]
    land = UNITS_PLAN + (
        '\n[[target]]\nid = "land"\nsection = "main"\nname = "新增建设用地"\nkind = "limit"\n'
        'unit = "亩"\ntarget = 500\nqualifier = "at_most"\nentry = "increment"\n'
        "[target.split]\nchengdong = 300\nchengxi = 200\n"
    )
    plan = load_plan(write("targets.toml", land))
    entries = [entry("land", 5, 150, "chengdong"), entry("land", 6, 20, "chengxi")]
    result = evaluate(plan, entries, Month(2023, 6), date(2023, 7, 10)).result("land")
    assert (result.actual, result.status) == (170, "on_track")  # heading for 340 of 500


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            'partners = ["jiaotong"]',
            'partners = ["jiaotong", "区交通运输局"]',
            "targets.toml: target 'urban-jobs' (#1): field 'partners': unit 'jiaotong' is a "
            "partner twice",
        ),
        (
            'partners = ["jiaotong"]',
            'partners = ["renshe"]',
            "targets.toml: target 'urban-jobs' (#1): field 'partners': unit 'renshe' leads the "
            "target, so it is not also a partner",
        ),
        (
            "chengdong = 800\nchengxi = 600\nchishang = 100\n",
            "",
            "targets.toml: target 'urban-jobs' (#1): field 'split': [target.split] is empty; "
            "give each unit's target (such as chengdong = 800), or remove it",
        ),
    ],
)
def test_partners_and_splits_that_say_nothing_or_twice(
    cli: CliRun, write: Callable[[str, str], Path], old: str, new: str, line: str
) -> None:
    write("targets.toml", replaced(old, new))
    result = cli("validate")
    assert result.exit_code == 1
    assert line in result.stderr.splitlines(), result.stderr


def test_a_split_names_a_unit_by_its_english_name(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("targets.toml", replaced("chengdong = 800", '"Chengdong Subdistrict" = 800'))
    shown = json.loads(cli("targets", "--json").stdout)
    jobs = next(target for target in shown["targets"] if target["id"] == "urban-jobs")
    assert jobs["split"]["chengdong"] == 800


@pytest.mark.usefixtures("units_plan")
def test_status_of_a_unit_that_only_helps_says_it_has_nothing_of_its_own(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("targets.toml", UNITS_PLAN.replace('lead = "jiaotong"\n', ""))
    result = cli("status", "--unit", "jiaotong", env=TODAY)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "区交通运输局 has no targets of its own: it leads none and has no share of a split "
        "target (those it only contributes to as a partner do not count)"
    )


def test_a_goal_and_its_qualifier_stay_on_one_line(
    cli: CliRun, write: Callable[[str, str], Path]
) -> None:
    write("targets.toml", replaced("target = 1500\n", 'target = 1500\nqualifier = "at_least"\n'))
    record(cli, "urban-jobs", "300", "--unit", "chengdong", "-p", "2023-06")
    assert "800人以上" in cli("--lang", "zh", "rank", "urban-jobs", env=TODAY).stdout
    for args in (("rank", "urban-jobs"), ("status", "--unit", "chengdong")):
        for width in ("60", "80"):
            result = cli(
                "--lang", "zh", *args, "--as-of", "2023-06", env={**TODAY, "COLUMNS": width}
            )
            assert result.exit_code == 0, result.stderr
            assert not any(line.split()[:1] == ["上"] for line in result.stdout.splitlines())
