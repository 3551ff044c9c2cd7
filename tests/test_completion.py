"""Shell completion for bash, zsh and fish (issue #12, item 10), through the installed
plantrack as the shells call it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Lets --show-completion and --install-completion take the shell by name rather than detect
# the one running the tests.
BY_NAME = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _plantrack_completion plantrack"),
        ("zsh", "#compdef plantrack"),
        ("fish", "complete --command plantrack"),
    ],
)
def test_the_completion_script_for_each_shell(run_process, shell: str, marker: str) -> None:
    done = run_process("--show-completion", shell, env=BY_NAME)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout and "_PLANTRACK_COMPLETE" in done.stdout


def test_bash_completes_a_command(run_process) -> None:
    done = run_process(
        env={
            "_PLANTRACK_COMPLETE": "complete_bash",
            "COMP_WORDS": "plantrack sta",
            "COMP_CWORD": "1",
        }
    )
    assert done.returncode == 0 and done.stdout.split() == ["status"]


def test_zsh_completes_an_option(run_process) -> None:
    done = run_process(
        env={"_PLANTRACK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "plantrack record --pe"}
    )
    assert done.returncode == 0 and '"--period"' in done.stdout


def test_fish_completes_a_command_with_its_summary(run_process) -> None:
    done = run_process(
        env={
            "_PLANTRACK_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "plantrack rep",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert done.returncode == 0 and done.stdout.startswith("report\t")


def test_install_completion_for_bash_writes_the_script_and_sources_it(
    run_process, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = run_process("--install-completion", "bash", env={**BY_NAME, "HOME": str(home)})
    assert done.returncode == 0, done.stderr
    script = home / ".bash_completions" / "plantrack.sh"
    assert "_plantrack_completion" in script.read_text(encoding="utf-8")
    assert str(script.relative_to(home)) in (home / ".bashrc").read_text(encoding="utf-8")


def test_the_completion_options_are_in_the_help_in_chinese(run_process) -> None:
    done = run_process("--lang", "zh", "--help")
    assert "--install-completion  为当前 shell" in done.stdout
    assert "--show-completion" in done.stdout


@pytest.mark.parametrize(
    "case", ["a pipe for .bashrc", "a file for the scripts folder", "a folder for .bashrc"]
)
def test_install_completion_refuses_what_it_cannot_write_to(
    run_process, tmp_path: Path, case: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if case == "a pipe for .bashrc":
        os.mkfifo(home / ".bashrc")  # typer would wait on it for ever
    elif case == "a file for the scripts folder":
        (home / ".bash_completions").write_text("", encoding="utf-8")
    else:
        (home / ".bashrc").mkdir()
    done = run_process("--install-completion", "bash", env={**BY_NAME, "HOME": str(home)})
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and (
        ".bashrc" in done.stderr or ".bash_completions" in done.stderr
    )
