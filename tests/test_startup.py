"""Start-up: the console script builds only the command it runs (docs/performance.md), and
everything that needs them all (help, a misspelt command, completion) still has them all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REGISTERED = (
    "import os, sys, json; from plantrack.cli import app; "
    "from plantrack.cli.app import only_the_command_invoked; "
    "only_the_command_invoked(sys.argv[1:]); "
    "print(json.dumps([info.name or info.callback.__name__ for info in app.registered_commands]))"
)


def registered_after(*arguments: str, env: dict[str, str] | None = None) -> list[str]:
    """The commands left registered for a command line, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", REGISTERED, *arguments],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    names: list[str] = json.loads(done.stdout)
    return names


@pytest.mark.parametrize(
    "arguments",
    [
        ("status",),
        ("--lang", "zh", "status", "--json"),
        ("--plan", "targets.toml", "--ledger=ledger/", "status", "--help"),
    ],
)
def test_a_command_named_plainly_is_the_only_one_built(arguments: tuple[str, ...]) -> None:
    assert registered_after(*arguments) == ["status"]


@pytest.mark.parametrize(
    "arguments", [(), ("--help",), ("--version",), ("stauts",), ("--lang", "zh", "-h", "status")]
)
def test_help_a_misspelt_command_and_no_command_keep_them_all(
    arguments: tuple[str, ...],
) -> None:
    names = registered_after(*arguments)
    assert {"status", "record", "import", "projects", "remind"} <= set(names)


def test_completion_keeps_them_all() -> None:
    env = {**os.environ, "_PLANTRACK_COMPLETE": "bash_complete"}
    assert len(registered_after("status", env=env)) > 10


def test_the_installed_command_runs_and_refuses_as_before(
    run_process: Callable[..., subprocess.CompletedProcess[str]], small_plan: Path
) -> None:
    shown = run_process("--lang", "zh", "status", "--json", env={"PLANTRACK_TODAY": "2023-07-15"})
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["plan"]["year"] == 2023
    misspelt = run_process("stauts")
    assert misspelt.returncode == 2
    assert "did you mean 'status'?" in misspelt.stderr
    listed = run_process("--help")
    assert "projects" in listed.stdout and "remind" in listed.stdout
