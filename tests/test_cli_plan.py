"""`plantrack validate` and `plantrack targets`, in-process and as a real process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SHIPPED_PLAN, CliRun


def test_targets_shows_the_plan_grouped_by_section_in_english(
    cli: CliRun, small_plan: Path
) -> None:
    result = cli("--lang", "en", "targets")
    assert result.exit_code == 0
    out = result.stdout
    assert "Test plan" in out
    assert out.index("Economy") < out.index("GDP growth") < out.index("Social")
    assert out.index("Social") < out.index("Reimbursement ratio")
    assert "about 6%" in out
    assert "150 个" in out
    assert "quarterly" in out


def test_targets_in_chinese_uses_chinese_names_and_qualifiers(
    cli: CliRun, small_plan: Path
) -> None:
    result = cli("targets", "--lang", "zh")
    assert result.exit_code == 0
    assert "测试计划" in result.stdout
    assert "地区生产总值增长" in result.stdout
    assert "6%左右" in result.stdout
    assert "季报" in result.stdout


def test_language_follows_the_locale_variables_in_order(cli: CliRun, small_plan: Path) -> None:
    assert "季报" in cli("targets", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert (
        "quarterly" in cli("targets", env={"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}).stdout
    )
    assert "季报" in cli("targets", env={"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US"}).stdout
    assert "季报" in cli("targets", env={"PLANTRACK_LANG": "zh", "LANG": "en_US"}).stdout


def test_an_unknown_language_is_refused(cli: CliRun, small_plan: Path) -> None:
    result = cli("targets", env={"PLANTRACK_LANG": "fr"})
    assert result.exit_code == 1
    assert (
        result.stderr == "PLANTRACK_LANG: 'fr' is not a language plantrack speaks; use zh or en\n"
    )
    result = cli("--lang", "de", "targets")
    assert result.stderr == "--lang: 'de' is not a language plantrack speaks; use zh or en\n"


def test_targets_json_has_the_plan_sections_and_every_field(cli: CliRun, small_plan: Path) -> None:
    result = cli("targets", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["plan"] == {
        "title": "测试计划",
        "title_en": "Test plan",
        "year": 2023,
        "source": None,
    }
    assert [s["id"] for s in data["sections"]] == ["econ", "social"]
    gdp = data["targets"][0]
    assert set(gdp) >= {
        "id", "section", "name", "name_en", "kind", "unit", "target", "stretch", "qualifier",
        "direction", "baseline", "baseline_note", "tolerance", "frequency", "entry", "schedule",
        "due", "owner", "group", "tags", "quote", "note",
    }  # fmt: skip
    assert gdp["direction"] == "up"
    assert gdp["entry"] == "ytd"
    assert gdp["schedule"] == [month / 12 for month in range(1, 13)]
    assert gdp["due"] == "2023-12"
    output = next(t for t in data["targets"] if t["id"] == "new-energy-output")
    assert output["schedule"][-1] == 12 / 36
    assert output["counted"] is False


def test_targets_section_filter_by_id_or_name(cli: CliRun, small_plan: Path) -> None:
    by_id = json.loads(cli("targets", "--json", "--section", "social").stdout)
    by_name = json.loads(cli("targets", "--json", "--section", "民生").stdout)
    assert by_id == by_name
    assert {t["id"] for t in by_id["targets"]} == {"reimbursement-ratio", "city-parlour"}


def test_an_unknown_section_lists_the_sections(cli: CliRun, small_plan: Path) -> None:
    result = cli("targets", "--section", "health")
    assert result.exit_code == 1
    assert (
        result.stderr == "--section: no section 'health'; use one of econ (经济), social (民生)\n"
    )


def test_the_plan_is_found_in_a_parent_folder(cli: CliRun, small_plan: Path, monkeypatch) -> None:
    inner = small_plan.parent / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout == "../../targets.toml: 7 targets in 2 sections, OK\n"


def test_plan_option_and_environment_variable(cli: CliRun, tmp_path: Path) -> None:
    result = cli("validate", env={"PLANTRACK_PLAN": str(SHIPPED_PLAN)})
    assert result.exit_code == 0
    assert result.stdout.endswith("targets.toml: 78 targets in 6 sections, OK\n")
    result = cli("--plan", "missing.toml", "validate", env={"PLANTRACK_PLAN": str(SHIPPED_PLAN)})
    assert result.exit_code == 1
    assert result.stderr == "missing.toml: file not found; check the path\n"


def test_no_plan_anywhere_says_how_to_point_at_one(cli: CliRun, tmp_path: Path) -> None:
    result = cli("targets")
    assert result.exit_code == 1
    assert result.stderr == (
        f"targets.toml: not found in {tmp_path} or any parent folder; run plantrack where your "
        "plan is, or pass --plan PATH (or set PLANTRACK_PLAN)\n"
    )


def test_validate_in_chinese(cli: CliRun, small_plan: Path) -> None:
    result = cli("validate", "--lang", "zh")
    assert result.stdout == "targets.toml：2 个板块共 7 项目标，校验通过\n"


def test_the_installed_command_shows_the_shipped_plan(run_process, tmp_path: Path) -> None:
    result = run_process("--plan", str(SHIPPED_PLAN), "targets", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "Boshan District 2023" in result.stdout
    assert "GDP growth" in result.stdout
    assert "\x1b[" not in result.stdout  # a pipe gets no colour codes
    broken = run_process("--plan", str(tmp_path / "nope.toml"), "validate")
    assert broken.returncode == 1
    assert broken.stderr.endswith("nope.toml: file not found; check the path\n")
    assert "Traceback" not in broken.stderr


def test_version_and_help(cli: CliRun) -> None:
    assert cli("--version").stdout.startswith("plantrack ")
    help_text = cli("--help").stdout
    assert "validate" in help_text and "targets" in help_text
