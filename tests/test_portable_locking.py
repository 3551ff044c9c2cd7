"""The ledger (and the reminder log, locked the same way) works where fcntl does not exist
(Windows): their tests pass with fcntl removed.

plantrack never imports a POSIX-only module itself; it locks through filelock, which takes
flock on POSIX, LockFileEx on Windows, and a lock file of its own where neither exists. This
runs the ledger's tests, concurrent writers and SIGKILLed writers included, in a process, and
with plantrack processes, that cannot import fcntl.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO, WITHOUT_FCNTL, WITHOUT_FCNTL_MAIN

LEDGER_TESTS = (
    "tests/test_ledger.py",
    "tests/test_ledger_safety.py",
    "tests/test_cli_record.py",
    "tests/test_cli_import.py",
    "tests/test_reminder_log.py",
    "tests/test_ledger_folder.py",
)


def test_without_fcntl_filelock_falls_back_and_plantrack_still_records(tmp_path) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['fcntl'] = None; import filelock; "
         "print(filelock.FileLock.__name__)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert probe.stdout == "SoftFileLock\n"
    (tmp_path / "targets.toml").write_text(
        (REPO / "targets.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    env = {**os.environ, "PLANTRACK_TODAY": "2023-07-15", "LANG": "C.UTF-8"}
    recorded = subprocess.run(
        [sys.executable, "-c", WITHOUT_FCNTL_MAIN, "record", "key-projects", "70", "-p", "2023-06"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    assert "Recorded key-projects" in recorded.stdout
    assert "value = 70" in (tmp_path / "actuals.toml").read_text(encoding="utf-8")


def test_the_ledger_tests_pass_without_fcntl() -> None:
    env = {**os.environ, WITHOUT_FCNTL: "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *LEDGER_TESTS],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
