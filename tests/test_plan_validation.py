"""Every way a plan file can be wrong ends in one line per problem and exit status 1."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN, CliRun, dedent

HEADER = """
    [plan]
    title = "测试"
    year = 2023

    [[section]]
    id = "econ"
    name = "经济"
"""

GDP = """
    [[target]]
    id = "gdp"
    section = "econ"
    name = "GDP"
    kind = "growth"
    unit = "%"
    target = 6
"""


def problems_of(cli: CliRun, write: Callable[[str, str], Path], text: str) -> list[str]:
    write("targets.toml", text)
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_a_valid_plan_is_one_ok_line(cli: CliRun, small_plan: Path) -> None:
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout == "targets.toml: 7 targets in 2 sections, OK\n"
    assert result.stderr == ""


def test_a_growth_target_without_unit_names_file_target_field_and_fix(cli, write) -> None:
    text = HEADER + GDP.replace('    unit = "%"\n', "")
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'unit': required for kind 'growth'; add unit = \"%\""
    ]


def test_a_kind_without_its_target_number(cli, write) -> None:
    text = HEADER + GDP.replace("    target = 6\n", "")
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'target': required for kind 'growth'; "
        "add target = <the number the plan commits to>"
    ]


def test_unknown_keys_are_refused_with_did_you_mean(cli, write) -> None:
    text = HEADER.replace("year = 2023", "year = 2023\ntitel = 'x'") + GDP + "    tagz = []\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: [plan]: field 'titel': unknown field; did you mean 'title'?",
        "targets.toml: target 'gdp' (#1): field 'tagz': unknown field; did you mean 'tags'?",
    ]


def test_an_unknown_top_level_table_is_refused(cli, write) -> None:
    text = HEADER + GDP + "\n    [[targets]]\n    id = 'x'\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: unknown table or key 'targets'; did you mean 'target'?"
    ]


def test_duplicate_ids_are_refused(cli, write) -> None:
    text = HEADER + GDP + GDP
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#2): field 'id': 'gdp' is already the id of target #1; "
        "give each target its own id"
    ]


def test_a_section_that_does_not_exist(cli, write) -> None:
    text = HEADER + GDP.replace('section = "econ"', 'section = "ecno"')
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'section': no section 'ecno'; "
        "did you mean 'econ'? (sections: econ)"
    ]


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        (
            "[0.5, 1.0]",
            "has 2 values, not 12; list 12 cumulative fractions, such as [0.05, 0.1, ..., 1.0]",
        ),
        (
            "[0.1, 0.2, 0.3, 0.2, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 1.0]",
            "falls from 0.3 to 0.2 at month 4; each value is the share due by that month, so it never decreases",
        ),
        (
            "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.95]",
            "ends at 0.95, not 1.0; the whole target is due by December",
        ),
        (
            "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 1.5, 1.0]",
            "values must lie between 0 and 1; list 12 cumulative fractions, such as [0.05, 0.1, ..., 1.0]",
        ),
    ],
)
def test_a_schedule_must_be_12_non_decreasing_fractions_ending_at_1(
    cli, write, schedule: str, message: str
) -> None:
    text = (
        HEADER + GDP.replace('kind = "growth"', 'kind = "total"') + f"    schedule = {schedule}\n"
    )
    assert problems_of(cli, write, text) == [
        f"targets.toml: target 'gdp' (#1): field 'schedule': {message}"
    ]


def test_non_finite_numbers_are_refused(cli, write) -> None:
    text = HEADER + GDP.replace("target = 6", "target = nan") + "    baseline = inf\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'target': must be a finite number, not nan; write the real figure",
        "targets.toml: target 'gdp' (#1): field 'baseline': must be a finite number, not inf; write the real figure",
    ]


def test_a_number_in_quotes_is_refused(cli, write) -> None:
    text = HEADER + GDP.replace("target = 6", 'target = "6"')
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'target': must be a number, not the text \"6\"; "
        "write it without quotes"
    ]


def test_an_unknown_kind_gets_a_suggestion(cli, write) -> None:
    text = HEADER + GDP.replace('kind = "growth"', 'kind = "growht"')
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'kind': 'growht' is not allowed; did you mean "
        "'growth'? use one of 'growth', 'total', 'level', 'milestone', 'limit'"
    ]


def test_a_toml_syntax_error_reports_line_and_column(cli, write) -> None:
    text = HEADER + "    [[target]]\n    name = GDP\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: line 9, column 8: TOML syntax error: Invalid value; "
        'fix that line (text needs quotes, as in name = "GDP")'
    ]


def test_every_problem_in_the_file_is_reported_in_one_run(cli, write) -> None:
    text = (
        HEADER
        + GDP.replace('unit = "%"\n', "")
        + GDP.replace('id = "gdp"', 'id = "Bad Id"')
        .replace("target = 6", "target = -1")
        .replace('kind = "growth"', 'kind = "total"')
        + '    entry = "daily"\n'
    )
    lines = problems_of(cli, write, text)
    assert lines == [
        "targets.toml: target 'gdp' (#1): field 'unit': required for kind 'growth'; add unit = \"%\"",
        "targets.toml: target 'Bad Id' (#2): field 'id': 'Bad Id' is not a valid id; use lowercase "
        "ASCII letters, digits and '-' (kebab-case), such as 'gdp-growth'",
        "targets.toml: target 'Bad Id' (#2): field 'entry': 'daily' is not allowed; use one of 'ytd', 'increment'",
        "targets.toml: target 'Bad Id' (#2): field 'target': must be above 0 for kind 'total', got -1; "
        "a quantity to reach is positive (use kind 'level' for a rate)",
    ]


def test_required_fields_of_every_target_and_of_the_plan(cli, write) -> None:
    text = '[plan]\ntitle = "x"\n[[target]]\nname = "n"\n'
    assert problems_of(cli, write, text) == [
        "targets.toml: [plan]: field 'year': required; add year = 2023 (the plan year)",
        "targets.toml: target #1: field 'id': required; add id = \"gdp-growth\" (lowercase ASCII "
        'words joined by "-", unique and stable)',
        "targets.toml: target #1: field 'section': required; add section = \"<the id of one of "
        'the [[section]] tables>"',
        "targets.toml: target #1: field 'kind': required; add kind = \"total\" (one of growth, "
        "total, level, milestone)",
    ]


def test_a_missing_plan_table_and_no_targets(cli, write) -> None:
    assert problems_of(cli, write, "[defaults]\ntolerance = 0.2\n") == [
        "targets.toml: no [[target]] tables; declare at least one target (see docs/plan-format.md)",
        "targets.toml: [plan]: missing; add a [plan] table with title and year",
    ]


def test_a_single_bracket_target_table_is_explained(cli, write) -> None:
    text = HEADER + "    [target]\n    id = 'gdp'\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: 'target' must be written as [[target]] (double brackets), once per target",
    ]


def test_increment_entries_only_for_totals(cli, write) -> None:
    text = HEADER + GDP + '    entry = "increment"\n'
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'entry': 'increment' is only for kinds 'total' and 'limit', "
        "not 'growth'; remove entry or set kind = \"total\""
    ]


def test_due_before_the_plan_year_and_inside_it_for_a_total(cli, write) -> None:
    total = GDP.replace('kind = "growth"', 'kind = "total"')
    text = (
        HEADER
        + total
        + '    due = "2022-12"\n'
        + total.replace('"gdp"', '"gdp2"')
        + '    due = "2023-06"\n'
    )
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'due': 2022-12 is before the plan year 2023; "
        "give a month from 2023-01 on",
        "targets.toml: target 'gdp2' (#2): field 'due': a 'total' target is due at the end of the "
        "year; use a schedule to front-load it, or remove due",
    ]


def test_a_milestone_schedule_must_be_above_zero_at_its_due_month(cli, write) -> None:
    text = HEADER + dedent(
        """
        [[target]]
        id = "task"
        section = "econ"
        name = "任务"
        kind = "milestone"
        due = "2023-03"
        schedule = [0, 0, 0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1]
        """
    )
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'task' (#1): field 'schedule': is 0 at the due month 2023-03; the "
        "milestone must be partly due by then, so raise that month's share above 0"
    ]


def test_a_stretch_must_go_beyond_the_target(cli, write) -> None:
    text = HEADER + GDP + "    stretch = 4\n"
    assert problems_of(cli, write, text) == [
        "targets.toml: target 'gdp' (#1): field 'stretch': 4 is less ambitious than target 6 "
        "for direction 'up'; a stretch goes beyond the target"
    ]


def test_a_plan_that_is_not_utf8(cli, tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_bytes(dedent(SMALL_PLAN).encode("gbk"))
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "targets.toml: line 2: not UTF-8 text; save the file as UTF-8 "
        "(in a Windows editor: Save As, encoding UTF-8)\n"
    )


def test_milestone_defaults_are_filled_in(cli, small_plan: Path) -> None:
    import json

    result = cli("targets", "--json")
    parade = {t["id"]: t for t in json.loads(result.stdout)["targets"]}
    assert parade["city-parlour"]["target"] == 100
    assert parade["city-parlour"]["unit"] == "%"
    assert parade["key-projects"]["tolerance"] == 0.1
    assert parade["gdp-growth"]["tolerance"] == 0.5


LIMIT = """
    [[target]]
    id = "unemployment"
    section = "econ"
    name = "城镇调查失业率"
    kind = "limit"
    unit = "%"
    target = 5.5
"""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            'kind = "growth"\nqualifier = "at_most"',
            "field 'qualifier': \"at_most\" (以内) is a ceiling, but the direction is up; set kind = \"limit\" for a ceiling, or direction = \"down\"",
        ),
        (
            'kind = "growth"\nqualifier = "at_least"\ndirection = "down"',
            "field 'qualifier': \"at_least\" (以上) contradicts direction = \"down\"; a decline of X% or more is target = -X with direction = \"down\", or remove the qualifier",
        ),
        (
            'kind = "total"\ndirection = "down"',
            "field 'direction': a \"total\" cannot have direction = \"down\": a running total only grows; for a ceiling use kind = \"limit\"",
        ),
        (
            'kind = "limit"',
            "field 'direction': a limit must say whether it is a ceiling or a floor; add direction = \"down\" (a ceiling, 以内) or \"up\" (a floor, 以上), or a qualifier",
        ),
        (
            'kind = "limit"\nqualifier = "at_most"\ndirection = "up"',
            "field 'qualifier': \"at_most\" (以内) is a ceiling, but direction is up (a floor); set direction = \"down\", or remove direction",
        ),
        (
            'kind = "growth"\nband = 0.3',
            "field 'band': band is only for qualifier = \"about\" (左右); remove band",
        ),
        (
            'kind = "total"\naggregate = "average"',
            "field 'aggregate': aggregate = \"average\" is only for level and limit targets, not 'total'",
        ),
    ],
)  # fmt: skip
def test_a_bound_written_the_wrong_way_round_is_refused(
    cli, write, fields: str, message: str
) -> None:
    text = HEADER + GDP.replace('kind = "growth"', fields)
    assert problems_of(cli, write, text) == [f"targets.toml: target 'gdp' (#1): {message}"]


def test_a_limit_takes_its_direction_from_its_qualifier(cli, write) -> None:
    write("targets.toml", HEADER + LIMIT + '    qualifier = "at_most"\n')
    result = cli("targets", "--json")
    assert result.exit_code == 0, result.stderr
    [limit] = json.loads(result.stdout)["targets"]
    assert (limit["kind"], limit["direction"]) == ("limit", "down")


def test_a_decline_of_three_percent_or_more_stays_valid(cli, write) -> None:
    text = (
        HEADER
        + GDP.replace("target = 6", "target = -3")
        + '    qualifier = "at_least"\n    direction = "down"\n'
    )
    write("targets.toml", text)
    assert cli("validate").exit_code == 0


@pytest.mark.parametrize(
    ("follows", "message"),
    [
        (
            'follows = "gdpp"',
            "field 'follows': no target 'gdpp'; did you mean 'gdp'? give the id of a target of the plan",
        ),
        (
            'follows = "jobs"',
            "field 'follows': 'jobs' is in 万人 but this target is in %; a target and the one it follows need the same unit",
        ),
        (
            'follows = "income"',
            "field 'follows': the targets follow each other in a circle: income → income; break it",
        ),
    ],
)  # fmt: skip
def test_a_target_in_step_with_another_must_follow_one_that_fits(
    cli, write, follows: str, message: str
) -> None:
    income = (
        '\n    [[target]]\n    id = "income"\n    section = "econ"\n    name = "居民收入增长"\n'
        f'    kind = "growth"\n    unit = "%"\n    {follows}\n'
    )
    jobs = (
        '\n    [[target]]\n    id = "jobs"\n    section = "econ"\n    name = "新增就业"\n'
        '    kind = "total"\n    unit = "万人"\n    target = 1\n'
    )
    assert problems_of(cli, write, HEADER + GDP + jobs + income) == [
        f"targets.toml: target 'income' (#3): {message}"
    ]


def test_the_calendar_and_rules_tables_are_checked(cli, write) -> None:
    text = (
        HEADER.replace(
            "[[section]]",
            '[calendar]\nmonthly_due_day = 40\nannual_due = "13-01"\n\n[rules]\nmode = "pionts"\n\n[[section]]',
        )
        + GDP
    )
    assert problems_of(cli, write, text) == [
        "targets.toml: [rules]: field 'mode': 'pionts' is not allowed; did you mean 'points'? use one of 'tolerance', 'points'",
        "targets.toml: [calendar]: field 'monthly_due_day': must be at most 31, not 40",
        "targets.toml: [calendar]: field 'annual_due': '13-01' is not a day in the form MM-DD (such as 01-31)",
    ]  # fmt: skip


def test_the_plan_and_the_ledger_swapped_are_named_as_such(cli, small_plan, tmp_path) -> None:
    (tmp_path / "actuals.toml").write_text(
        '[[entry]]\ntarget = "key-projects"\nperiod = "2023-06"\nvalue = 1\n'
        'recorded_at = "x"\nby = "me"\n',
        encoding="utf-8",
    )
    plan = cli("--plan", "actuals.toml", "validate")
    assert plan.stderr == (
        "actuals.toml: this is a ledger ([[entry]] tables), not a plan; check --plan "
        "(or PLANTRACK_PLAN): it should name targets.toml\n"
    )
    ledger = cli("--ledger", "targets.toml", "status")
    assert ledger.stderr == (
        "targets.toml: this is a plan, not a ledger; check --ledger (or PLANTRACK_LEDGER): "
        "it should name actuals.toml\n"
    )


def test_tomllib_s_reasons_are_told_in_the_reader_s_language(cli, write) -> None:
    write("targets.toml", HEADER + '    [[target]]\n    name = "a\\q"\n')
    result = cli("--lang", "zh", "validate")
    assert result.stderr == (
        "targets.toml：第 9 行第 12 列：TOML 语法错误：字符串中有未转义的“\\”；"
        '请修改该行（文字要加引号，如 name = "GDP"）\n'
    )
