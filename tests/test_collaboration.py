"""The workflow of docs/collaboration.md with real git and the installed plantrack: units
record their own figures in a shared ledger folder, push, and git merges without conflicts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import UNITS_PLAN

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
RunProcess = Callable[..., subprocess.CompletedProcess[str]]


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git as a clerk runs it, with no settings of this machine's user or system."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.gov.cn",
        "GIT_COMMITTER_NAME": "clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.gov.cn",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    if check:
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done


def plantrack(run_process: RunProcess, clone: Path, *args: str) -> str:
    done = run_process("--ledger", "ledger/", *args, cwd=clone, env=TODAY)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The shared repository, as the office sets it up: the plan, an empty ledger folder and
    the .gitignore lines of docs/collaboration.md."""
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    office = clone(tmp_path, bare, "office")
    (office / "targets.toml").write_text(UNITS_PLAN, encoding="utf-8")
    (office / "ledger").mkdir()
    (office / "ledger" / ".gitkeep").write_text("", encoding="utf-8")
    (office / ".gitignore").write_text("ledger/.plantrack.lock\nledger/.*.tmp-*\n", "utf-8")
    git(office, "add", "targets.toml", "ledger", ".gitignore")
    git(office, "commit", "-q", "-m", "2023 plan")
    git(office, "push", "-q", "origin", "main")
    return bare


def clone(tmp_path: Path, origin: Path, name: str) -> Path:
    git(tmp_path, "clone", "-q", str(origin), name)
    return tmp_path / name


def commit_and_push(clone: Path, unit: str, message: str) -> subprocess.CompletedProcess[str]:
    assert git(clone, "status", "--porcelain").stdout.split() == ["??", f"ledger/{unit}.toml"], (
        "the lock is ignored; only the unit's own file is new"
    )
    git(clone, "add", f"ledger/{unit}.toml")
    git(clone, "commit", "-q", "-m", message)
    return git(clone, "push", "-q", "origin", "main", check=False)


def test_two_units_push_their_own_files_and_git_merges_without_conflicts(
    run_process: RunProcess, tmp_path: Path, origin: Path
) -> None:
    chengdong = clone(tmp_path, origin, "chengdong")
    chengxi = clone(tmp_path, origin, "chengxi")  # cloned before 城东 pushes

    plantrack(run_process, chengdong, "record", "urban-jobs", "120", "--unit", "chengdong",
              "-p", "2023-06")  # fmt: skip
    assert commit_and_push(chengdong, "chengdong", "城东街道 2023-06").returncode == 0

    plantrack(run_process, chengxi, "record", "urban-jobs", "90", "--unit", "chengxi",
              "-p", "2023-06")  # fmt: skip
    rejected = commit_and_push(chengxi, "chengxi", "城西街道 2023-06")
    assert rejected.returncode != 0, "城东 pushed first: 城西 must pull"
    pulled = git(chengxi, "pull", "-q", "--no-rebase", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(chengxi, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert git(chengxi, "rev-list", "--merges", "HEAD").stdout.strip(), "a real merge"
    assert git(chengxi, "push", "-q", "origin", "main").returncode == 0

    # The office has recorded a figure of its own meanwhile: its pull is a merge too.
    office = tmp_path / "office"
    plantrack(run_process, office, "record", "rural-roads", "5", "-p", "2023-06")
    git(office, "add", "ledger/jiaotong.toml")
    git(office, "commit", "-q", "-m", "交通局 2023-06, entered by the office")
    merged = git(office, "pull", "-q", "--no-rebase", "origin", "main", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(office, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert sorted(path.name for path in (office / "ledger").glob("*.toml")) == [
        "chengdong.toml", "chengxi.toml", "jiaotong.toml",
    ]  # fmt: skip

    shown = json.loads(plantrack(run_process, office, "status", "--json"))
    actual = {row["id"]: row["actual"] for row in shown["targets"]}
    assert actual["urban-jobs"] == 120 + 90
    assert actual["rural-roads"] == 5
    assert "3 entries in 3 files, OK" in plantrack(run_process, office, "validate")


def test_two_clerks_of_one_unit_keep_both_sides_of_a_conflict(
    run_process: RunProcess, tmp_path: Path, origin: Path
) -> None:
    """docs/collaboration.md, 'Two people of one unit': the conflict is both entries added at
    the end of the unit's file; with both kept, each figure is in force for its month."""
    first, second = clone(tmp_path, origin, "wang"), clone(tmp_path, origin, "li")
    plantrack(run_process, first, "record", "urban-jobs", "100", "--unit", "chengdong",
              "-p", "2023-05", "--by", "wang")  # fmt: skip
    assert commit_and_push(first, "chengdong", "城东 2023-05").returncode == 0
    plantrack(run_process, second, "record", "urban-jobs", "120", "--unit", "chengdong",
              "-p", "2023-06", "--by", "li")  # fmt: skip
    assert commit_and_push(second, "chengdong", "城东 2023-06").returncode != 0
    conflict = git(second, "pull", "-q", "--no-rebase", "origin", "main", check=False)
    assert conflict.returncode != 0
    assert git(second, "diff", "--name-only", "--diff-filter=U").stdout == "ledger/chengdong.toml\n"
    # The resolution docs/collaboration.md gives: the version pulled, then what this side
    # appended after the version both started from.
    recipe = (
        "f=ledger/chengdong.toml; { git show :3:$f; "
        "git show :2:$f | tail -c +$(( $(git show :1:$f | wc -c) + 1 )); } > $f"
    )
    assert shutil.which("sh") is not None
    subprocess.run(["sh", "-c", recipe], cwd=second, check=True)
    assert "2 entries in 1 file, OK" in plantrack(run_process, second, "validate")
    git(second, "add", "ledger/chengdong.toml")
    git(second, "commit", "-q", "--no-edit")
    assert git(second, "push", "-q", "origin", "main").returncode == 0
    history = json.loads(plantrack(run_process, second, "history", "urban-jobs", "--json"))
    assert sorted((row["period"], row["value"], row["by"]) for row in history["entries"]) == [
        ("2023-05", 100, "wang"),
        ("2023-06", 120, "li"),
    ]
