"""`plantrack record`: what it accepts, what it prints, and every refusal leaves the ledger as it was."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def entries(tmp_path: Path) -> list[dict]:
    return tomllib.loads((tmp_path / "actuals.toml").read_text(encoding="utf-8"))["entry"]


def test_record_writes_an_entry_and_confirms_it(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    result = cli(
        "record", "key-projects", "75", "--period", "2023-06", "--source", "发改局", "--by", "wang",
        env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Recorded key-projects (Key projects) 2023-06: 75 个\n"
    [entry] = entries(tmp_path)
    assert entry["target"] == "key-projects"
    assert entry["period"] == "2023-06"
    assert entry["value"] == 75
    assert entry["by"] == "wang"
    assert entry["source"] == "发改局"
    assert entry["recorded_at"].endswith("Z") and entry["recorded_at"][10] == "T"


def test_the_confirmation_in_chinese(cli: CliRun, small_plan: Path) -> None:
    result = cli("record", "rural-roads", "3.5", "-p", "2023-06", "--lang", "zh", env=TODAY)
    assert result.stdout == "已记录 四好农村路（rural-roads）2023-06：3.5公里\n"


@pytest.mark.parametrize(
    ("typed", "target_id"),
    [
        ("key-projects", "key-projects"),
        ("重点项目", "key-projects"),
        ("KEY PROJECTS", "key-projects"),
        ("农村路", "rural-roads"),
        ("reimbursement", "reimbursement-ratio"),
    ],
)
def test_a_target_by_id_name_english_name_or_unique_part(
    cli: CliRun, small_plan: Path, tmp_path: Path, typed: str, target_id: str
) -> None:
    period = "2023-12" if target_id == "reimbursement-ratio" else "2023-06"
    result = cli("record", typed, "1", "--period", period, env={"PLANTRACK_TODAY": "2024-01-05"})
    assert result.exit_code == 0, result.stderr
    assert entries(tmp_path)[0]["target"] == target_id


@pytest.mark.parametrize(
    ("period", "recorded"),
    [
        ("2023-Q2", "2023-06"),
        ("2023-H1", "2023-06"),
        ("2023-6", "2023-06"),
        ("2023年3月", "2023-03"),
    ],
)
def test_period_forms(
    cli: CliRun, small_plan: Path, tmp_path: Path, period: str, recorded: str
) -> None:
    assert cli("record", "key-projects", "5", "--period", period, env=TODAY).exit_code == 0
    assert entries(tmp_path)[0]["period"] == recorded


def test_without_period_the_previous_month_is_used(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "5", env=TODAY).exit_code == 0
    assert entries(tmp_path)[0]["period"] == "2023-06"


def test_negative_numbers_are_values_not_options(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    result = cli("record", "energy-intensity", "-1.8", "--period", "2023-06", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert entries(tmp_path)[0]["value"] == -1.8


@pytest.mark.parametrize(
    ("target_id", "typed", "value"),
    [
        ("gdp-growth", "5.2%", 5.2),
        ("key-projects", "1,500", 1500),  # ten times the target: recorded with --force
        ("key-projects", "１５０", 150),
        ("rural-roads", "12.5公里", 12.5),
        ("city-parlour", "done", 100),
        ("city-parlour", "not-started", 0),
    ],
)
def test_value_forms(
    cli: CliRun, small_plan: Path, tmp_path: Path, target_id: str, typed: str, value: float
) -> None:
    result = cli("record", target_id, typed, "--period", "2023-06", "--force", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert entries(tmp_path)[0]["value"] == value


def test_replace_revises_and_keeps_the_old_entry(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    cli("record", "key-projects", "70", "--period", "2023-06", "--by", "wang", env=TODAY)
    result = cli("record", "key-projects", "75", "--period", "2023-06", "--replace", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Recorded key-projects (Key projects) 2023-06: 75 个, replacing 70 个 recorded "
    )
    assert result.stdout.endswith(" by wang\n")
    assert [entry["value"] for entry in entries(tmp_path)] == [70, 75]


def refused(cli: CliRun, ledger_bytes, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a record that must be refused; check exit 1, one stderr line, ledger unchanged."""
    before = ledger_bytes()
    result = cli("record", *args, env={**TODAY, **(env or {})})
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    assert ledger_bytes() == before
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def with_one_entry(cli: CliRun, small_plan: Path, ledger_bytes) -> None:
    cli("record", "key-projects", "70", "--period", "2023-06", "--by", "wang", env=TODAY)
    assert ledger_bytes() is not None


@pytest.mark.usefixtures("with_one_entry")
class TestRefusals:
    def test_unknown_target_with_did_you_mean(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "key-projcts", "5", "-p", "2023-06") == (
            "TARGET: unknown target 'key-projcts'; did you mean 'key-projects' (重点项目)? "
            "'plantrack targets' lists every target"
        )

    def test_a_name_that_matches_several_targets(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "gdp", "5", "-p", "2023-06") == (
            "TARGET: 'gdp' matches 2 targets: gdp-growth (地区生产总值增长), "
            "energy-intensity (单位GDP能耗下降); give the id or more of the name"
        )

    def test_a_percentage_for_a_target_not_in_percent(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "key-projects", "5%", "-p", "2023-05") == (
            "VALUE: '5%' is a percentage but this target is counted in 个; give the figure in 个 without '%'"
        )

    @pytest.mark.parametrize(
        ("period", "message"),
        [
            ("2022-12", "--period: 2022-12 is outside the plan year 2023; give a month from 2023-01 to 2023-12"),
            ("2023-08", "--period: 2023-08 is not over; its figures can be recorded from 2023-09-01"),
            ("2023-13", "--period: '2023-13' is not a period; write 2023-06 (a month), 2023-Q2 (a quarter: its last month) or 2023-H1 (a half year)"),
        ],
    )  # fmt: skip
    def test_periods_outside_the_year_in_the_future_or_malformed(
        self, cli, ledger_bytes, period, message
    ) -> None:
        assert refused(cli, ledger_bytes, "key-projects", "5", "--period", period) == message

    def test_a_month_a_quarterly_target_does_not_report(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "gdp-growth", "5", "-p", "2023-05") == (
            "--period: 'gdp-growth' is reported quarterly; give a quarter's last month "
            "(2023-03, -06, -09, -12) or a quarter such as 2023-Q2"
        )

    def test_a_month_an_annual_target_does_not_report(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "reimbursement-ratio", "58", "-p", "2023-06") == (
            "--period: 'reimbursement-ratio' is reported once a year; record it for 2023-12"
        )

    @pytest.mark.parametrize("value", ["nan", "inf", "abc", "1e999"])
    def test_a_value_that_is_not_a_finite_number(self, cli, ledger_bytes, value) -> None:
        assert refused(cli, ledger_bytes, "key-projects", value, "-p", "2023-05").startswith(
            f"VALUE: '{value}' is "
        )

    def test_a_negative_total(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "key-projects", "-5", "-p", "2023-05") == (
            "VALUE: -5 is negative, but the total of 'key-projects' cannot be; give the amount, 0 or more"
        )

    def test_a_negative_milestone_and_one_above_100(self, cli, ledger_bytes) -> None:
        assert refused(cli, ledger_bytes, "city-parlour", "-1", "-p", "2023-05") == (
            "VALUE: -1 is negative, but a milestone's percent complete cannot be; give 0 to 100"
        )
        assert refused(cli, ledger_bytes, "city-parlour", "101", "-p", "2023-05") == (
            "VALUE: 101 is above 100; a milestone is recorded as percent complete, 0 to 100 (or done)"
        )

    def test_a_second_entry_without_replace_shows_the_value_and_how_to_revise(
        self, cli, ledger_bytes
    ) -> None:
        line = refused(cli, ledger_bytes, "key-projects", "80", "-p", "2023-Q2")
        assert line.startswith("'key-projects' already has 70 个 for 2023-06, recorded ")
        assert line.endswith(
            " by wang; to revise it: plantrack record key-projects 80 --period 2023-06 --replace"
        )

    def test_no_period_when_last_month_is_outside_the_plan_year(self, cli, ledger_bytes) -> None:
        assert refused(
            cli, ledger_bytes, "key-projects", "5", env={"PLANTRACK_TODAY": "2024-03-02"}
        ) == (
            "--period: no period given, and last month (2024-02) is not in the plan year 2023; "
            "give one, such as 2023-12"
        )

    def test_a_bad_today_setting(self, cli, ledger_bytes) -> None:
        assert refused(
            cli, ledger_bytes, "key-projects", "5", env={"PLANTRACK_TODAY": "15.07.2023"}
        ) == (
            "PLANTRACK_TODAY: '15.07.2023' is not a date; write it as YYYY-MM-DD, such as 2023-07-03, or unset it"
        )

    def test_a_ledger_that_does_not_parse_is_never_written(
        self, cli, ledger_bytes, tmp_path
    ) -> None:
        ledger = tmp_path / "actuals.toml"
        ledger.write_bytes(ledger.read_bytes() + b"\n[[entry]]\ntarget = key-projects\n")
        assert refused(cli, ledger_bytes, "key-projects", "5", "-p", "2023-05") == (
            "actuals.toml: line 13, column 10: TOML syntax error: Invalid value; fix that line "
            '(text needs quotes, as in name = "GDP"); plantrack will not write to it until it parses'
        )


def test_several_problems_of_one_figure_are_all_reported(cli: CliRun, small_plan: Path) -> None:
    result = cli("record", "key-projects", "x", "--period", "2024-01", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "--period: 2024-01 is outside the plan year 2023; give a month from 2023-01 to 2023-12",
        "VALUE: 'x' is not a number; write digits such as 1500, 1,500, 8.2 or -1.8",
    ]


def test_ledger_option_and_environment(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    cli("record", "key-projects", "1", "-p", "2023-01", "--ledger", "a.toml", env=TODAY)
    cli("record", "key-projects", "2", "-p", "2023-01", env={**TODAY, "PLANTRACK_LEDGER": "b.toml"})
    assert (tmp_path / "a.toml").exists() and (tmp_path / "b.toml").exists()
    assert not (tmp_path / "actuals.toml").exists()


def test_a_ledger_in_a_missing_folder(cli: CliRun, small_plan: Path) -> None:
    result = cli(
        "record", "key-projects", "1", "-p", "2023-01", "--ledger", "no/such/a.toml", env=TODAY
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "no/such/a.toml: the folder no/such does not exist; create it or pass --ledger with a "
        "path in an existing folder\n"
    )


def test_refusals_in_chinese(cli: CliRun, small_plan: Path, ledger_bytes) -> None:
    zh = {**TODAY, "LANG": "zh_CN.UTF-8"}
    cli("record", "key-projects", "70", "-p", "2023-06", "--by", "wang", env=zh)
    before = ledger_bytes()
    cases = {
        ("key-projcts", "5"): "TARGET: 没有指标“key-projcts”；是否要找“key-projects”（重点项目）？"
        "plantrack targets 可列出全部指标",
        (
            "key-projects",
            "5%",
        ): "VALUE: “5%”是百分数，但该指标以“个”计；请填写以个为单位的数字，不带“%”",
        (
            "key-projects",
            "-5",
            "-p",
            "2023-05",
        ): "VALUE: -5 是负数，而“key-projects”的累计量不能为负；请填写 0 或以上的数量",
        ("gdp-growth", "5", "-p", "2023-05"): "--period: “gdp-growth”按季度报送；请填写季末月份"
        "（2023-03、-06、-09、-12）或季度，如 2023-Q2",
        (
            "key-projects",
            "5",
            "-p",
            "2023-08",
        ): "--period: 2023-08 还没有结束；该月的数据从 2023-09-01 起才能录入",
    }
    for args, message in cases.items():
        result = cli("record", *args, env=zh)
        assert (result.exit_code, result.stderr) == (1, message + "\n"), args
    duplicate = cli("record", "key-projects", "75", "-p", "2023-06", env=zh)
    assert duplicate.stderr.startswith("“key-projects”2023-06 已有数据 70个，由 wang 于 ")
    assert duplicate.stderr.endswith(
        "录入；如需更正：plantrack record key-projects 75 --period 2023-06 --replace\n"
    )
    assert ledger_bytes() == before


class TestWithdraw:
    def test_a_withdrawal_puts_the_figure_before_it_back_in_force(
        self, cli: CliRun, small_plan: Path, tmp_path: Path
    ) -> None:
        cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
        cli("record", "key-projects", "75", "-p", "2023-06", "--replace", env=TODAY)
        result = cli(
            "record", "key-projects", "-p", "2023-06", "--withdraw", "--by", "li", env=TODAY
        )
        assert result.exit_code == 0, result.stderr
        assert result.stdout == (
            "Withdrew 75 个 for key-projects (Key projects) 2023-06; 70 个 is in force again\n"
        )
        withdrawal = entries(tmp_path)[-1]
        assert (withdrawal["withdrawn"], "value" in withdrawal, withdrawal["by"]) == (
            True,
            False,
            "li",
        )
        export = cli("export", "--format", "json", env=TODAY).stdout
        assert '"value":70' in export.replace(" ", "")
        history = cli("history", "key-projects", "--json", env=TODAY).stdout
        assert [e["revision"] for e in json.loads(history)["entries"]] == [
            "current", "withdrawn", "withdrawal",
        ]  # fmt: skip
        again = cli("record", "key-projects", "-p", "2023-06", "--withdraw", env=TODAY)
        assert again.stdout == (
            "Withdrew 70 个 for key-projects (Key projects) 2023-06; that month has no figure now\n"
        )

    def test_nothing_to_withdraw_and_a_value_with_withdraw(
        self, cli: CliRun, small_plan: Path, ledger_bytes
    ) -> None:
        nothing = cli("record", "key-projects", "-p", "2023-06", "--withdraw", env=TODAY)
        assert (nothing.exit_code, nothing.stderr) == (
            1, "'key-projects' has no figure for 2023-06 to withdraw\n",
        )  # fmt: skip
        both = cli("record", "key-projects", "5", "-p", "2023-06", "--withdraw", env=TODAY)
        assert (both.exit_code, both.stderr) == (
            1,
            "--withdraw: a withdrawal takes no VALUE; remove it\n",
        )
        neither = cli("record", "key-projects", "-p", "2023-06", env=TODAY)
        assert (neither.exit_code, neither.stderr) == (
            2, "VALUE: missing; give the figure, or --withdraw to take one back\n",
        )  # fmt: skip
        replace = cli(
            "record", "key-projects", "-p", "2023-06", "--withdraw", "--replace", env=TODAY
        )
        assert replace.stderr == "--withdraw: a withdrawal takes no --replace; remove it\n"
        unknown = cli("record", "key-projcts", "-p", "2023-06", "--withdraw", env=TODAY)
        assert unknown.stderr.startswith("TARGET: unknown target 'key-projcts'")
        assert ledger_bytes() is None


class TestPlausibility:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("key-projects", "500", "-p", "2023-06"), "VALUE: 500 个 is more than 3 times the target of 150 个"),
            (("key-projects", "70.5", "-p", "2023-06"), "VALUE: 70.5 is not a whole number, but this target counts 个"),
            (("gdp-growth", "1500%", "-p", "2023-06"), "VALUE: 1500% is outside -100% to 1000%"),
            (("key-projects", "30", "-p", "2023-06"), "VALUE: 30 个 is below the 60 个 already recorded for 2023-05; a year-to-date total never falls"),
        ],
    )  # fmt: skip
    def test_an_implausible_figure_needs_force(
        self, cli: CliRun, small_plan: Path, ledger_bytes, args: tuple[str, ...], message: str
    ) -> None:
        assert cli("record", "key-projects", "60", "-p", "2023-05", env=TODAY).exit_code == 0
        before = ledger_bytes()
        refused = cli("record", *args, env=TODAY)
        assert (refused.exit_code, refused.stderr) == (
            1,
            f"{message}; if the figure is right, add --force\n",
        )
        assert ledger_bytes() == before
        assert cli("record", *args, "--force", env=TODAY).exit_code == 0

    def test_validate_warns_about_figures_already_in_the_ledger(
        self, cli: CliRun, small_plan: Path, tmp_path: Path
    ) -> None:
        cli("record", "key-projects", "80", "-p", "2023-05", env=TODAY)
        cli("record", "key-projects", "70", "-p", "2023-06", "--force", env=TODAY)
        result = cli("validate", env=TODAY)
        assert result.exit_code == 0
        assert result.stdout.splitlines()[-1] == (
            "actuals.toml: 'key-projects' 2023-06: 70 个 is below the 80 个 already recorded for "
            "2023-05; a year-to-date total never falls (a warning; if it is wrong, revise it with "
            "plantrack record --replace or take it back with --withdraw)"
        )

    def test_an_import_is_checked_row_by_row_against_the_rows_before(
        self, cli: CliRun, small_plan: Path, tmp_path: Path, ledger_bytes
    ) -> None:
        (tmp_path / "june.csv").write_text(
            "target,period,value\nkey-projects,2023-05,60\nkey-projects,2023-06,50\n",
            encoding="utf-8",
        )
        result = cli("import", "june.csv", env=TODAY)
        assert result.stderr.splitlines() == [
            "june.csv: line 3: column 'value': 50 个 is below the 60 个 already recorded for "
            "2023-05; a year-to-date total never falls; if the figure is right, add --force",
            "june.csv: problems found: 1; nothing was recorded",
        ]
        assert ledger_bytes() is None
        assert cli("import", "june.csv", "--force", env=TODAY).exit_code == 0


class TestPlausibilityBoundaries:
    @pytest.mark.parametrize(
        ("args", "accepted"),
        [
            (("key-projects", "450", "-p", "2023-06"), True),  # exactly 3 times: not beyond
            (("key-projects", "451", "-p", "2023-06"), False),
            (("gdp-growth", "1000", "-p", "2023-06"), True),
            (("gdp-growth", "-100", "-p", "2023-06"), True),
            (("gdp-growth", "-100.1", "-p", "2023-06"), False),
        ],
    )
    def test_the_lines_themselves_are_allowed(
        self, cli: CliRun, small_plan: Path, args: tuple[str, ...], accepted: bool
    ) -> None:
        assert (cli("record", *args, env=TODAY).exit_code == 0) is accepted

    def test_a_total_compared_with_the_nearest_months_either_side(
        self, cli: CliRun, small_plan: Path
    ) -> None:
        for month, value in (("02", "10"), ("03", "30"), ("06", "70")):
            assert (
                cli("record", "key-projects", value, "-p", f"2023-{month}", env=TODAY).exit_code
                == 0
            )
        assert (
            cli("record", "key-projects", "30", "-p", "2023-04", env=TODAY).exit_code == 0
        )  # = March
        assert (
            cli("record", "key-projects", "70", "-p", "2023-05", env=TODAY).exit_code == 0
        )  # = June
        falls = cli("record", "key-projects", "20", "-p", "2023-04", "--replace", env=TODAY)
        assert "below the 30 个 already recorded for 2023-03" in falls.stderr  # the nearest before

    def test_increments_are_questioned_where_they_cross_the_line(
        self, cli: CliRun, small_plan: Path
    ) -> None:
        # rural roads: 26 公里 in increments; 3 times is 78.
        assert cli("record", "rural-roads", "50", "-p", "2023-02", env=TODAY).exit_code == 0
        crossing = cli("record", "rural-roads", "30", "-p", "2023-03", env=TODAY)
        assert crossing.stderr.startswith(
            "VALUE: 80 公里 is more than 3 times the target of 26 公里"
        )
        assert cli("record", "rural-roads", "28", "-p", "2023-03", env=TODAY).exit_code == 0

    def test_figures_of_another_year_are_not_compared(
        self, cli: CliRun, small_plan: Path, tmp_path: Path
    ) -> None:
        (tmp_path / "actuals.toml").write_text(
            '[[entry]]\ntarget = "key-projects"\nperiod = "2022-12"\nvalue = 140\n'
            'recorded_at = "2023-01-10T00:00:00Z"\nby = "x"\n',
            encoding="utf-8",
        )
        assert cli("record", "key-projects", "10", "-p", "2023-02", env=TODAY).exit_code == 0


def test_validate_warns_about_figures_edited_in_by_hand(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "actuals.toml").write_text(
        '[[entry]]\ntarget = "key-projects"\nperiod = "2023-11"\nvalue = 100\n'
        'recorded_at = "2023-07-01T00:00:00Z"\nby = "x"\n\n'
        '[[entry]]\ntarget = "city-parlour"\nperiod = "2023-05"\nvalue = 200\n'
        'recorded_at = "2023-07-01T00:00:00Z"\nby = "x"\n',
        encoding="utf-8",
    )
    result = cli("validate", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-2:] == [
        "actuals.toml: 'key-projects' 2023-11: 2023-11 is not over; its figures can be recorded "
        "from 2023-12-01 (a warning; if it is wrong, revise it with plantrack record --replace or "
        "take it back with --withdraw)",
        "actuals.toml: 'city-parlour' 2023-05: 200 is above 100; a milestone is recorded as percent "
        "complete, 0 to 100 (or done) (a warning; if it is wrong, revise it with plantrack record "
        "--replace or take it back with --withdraw)",
    ]


def test_a_floor_in_its_own_unit_is_not_read_as_a_percentage(cli: CliRun, write) -> None:
    write(
        "targets.toml",
        """
        [plan]
        title = "t"
        year = 2023

        [[section]]
        id = "s"
        name = "s"

        [[target]]
        id = "grain"
        section = "s"
        name = "粮食产量"
        kind = "limit"
        unit = "万吨"
        target = 1100
        qualifier = "at_least"
        frequency = "annual"
        """,
    )
    result = cli("record", "grain", "1150", "-p", "2023-12", env={"PLANTRACK_TODAY": "2024-01-10"})
    assert result.exit_code == 0, result.stderr


def test_an_increment_on_the_line_is_not_questioned_the_next_is(
    cli: CliRun, small_plan: Path
) -> None:
    assert cli("record", "rural-roads", "78", "-p", "2023-02", env=TODAY).exit_code == 0  # 3 × 26
    crossing = cli("record", "rural-roads", "1", "-p", "2023-03", env=TODAY)
    assert crossing.stderr.startswith("VALUE: 79 公里 is more than 3 times the target of 26 公里")


def test_a_total_is_compared_with_the_nearest_later_month(cli: CliRun, small_plan: Path) -> None:
    for month, value in (("02", "10"), ("05", "30"), ("06", "70")):
        assert cli("record", "key-projects", value, "-p", f"2023-{month}", env=TODAY).exit_code == 0
    above = cli("record", "key-projects", "50", "-p", "2023-04", env=TODAY)
    assert above.stderr == (
        "VALUE: 50 个 is above the 30 个 already recorded for 2023-05; a year-to-date total never "
        "falls; if the figure is right, add --force\n"
    )
