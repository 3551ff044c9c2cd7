"""The documentation matches the code: the command reference, the plan fields, the README."""

from __future__ import annotations

import re
import subprocess
import sys

import typer.main

from plantrack.cli import app
from plantrack.core.model import TARGET_FIELDS
from tests.conftest import REPO


def test_the_command_reference_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_every_command_and_option_is_in_the_reference() -> None:
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"## plantrack {name}" in reference
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-"):
                    assert f"`{option}`" in reference, (name, option)


def test_every_plan_field_is_documented() -> None:
    plan_format = (REPO / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for field in TARGET_FIELDS:
        assert f"| `{field}` |" in plan_format, field


def test_the_readme_starts_with_exactly_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert first_block
    commands = [line for line in first_block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("plantrack status")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip\" install -q -e '.[test]'" in ci
    assert "-m pytest" in ci and 'ruff" check' in ci
