"""A ledger folder: one file per unit, merged by recorded_at when read, each figure written to
the file it belongs in, one lock for the folder (docs/collaboration.md)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from plantrack.core.errors import LedgerError
from plantrack.core.model import Entry
from plantrack.core.periods import Month
from plantrack.store import cache, files
from plantrack.store.ledger import HEADER, is_folder_ledger, locked, read_entries
from plantrack.store.ledger_folder import LOCK_NAME, home_file, recorded_order
from plantrack.store.plan_file import load_plan
from tests.conftest import (
    PLANTRACK_VARIABLES,
    SMALL_PLAN,
    UNITS_PLAN,
    WITHOUT_FCNTL,
    CliRun,
    dedent,
    english,
    plantrack_command,
)

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
FOLDER = ("--ledger", "ledger/")


def entry_text(
    target: str,
    value: float | None,
    recorded_at: str,
    unit: str | None = None,
    period: str = "2023-06",
) -> str:
    """One [[entry]] table as a clerk would write it by hand."""
    lines = ["[[entry]]", f'target = "{target}"']
    if unit is not None:
        lines.append(f'unit = "{unit}"')
    lines.append(f'period = "{period}"')
    lines.append("withdrawn = true" if value is None else f"value = {value}")
    lines += [f'recorded_at = "{recorded_at}"', 'by = "clerk"', ""]
    return "\n".join(lines)


@pytest.fixture
def folder(units_plan: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ledger"
    path.mkdir()
    return path


def write_file(folder: Path, name: str, *entries: str) -> Path:
    path = folder / name
    path.write_text(HEADER + "\n" + "\n".join(entries), encoding="utf-8")
    return path


def status(cli: CliRun, *extra: str) -> dict[str, dict]:
    result = cli("status", "--json", *FOLDER, *extra, env=TODAY)
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)["targets"]}


def record(cli: CliRun, *args: str) -> None:
    result = cli("record", *args, *FOLDER, env=TODAY)
    assert result.exit_code == 0, result.stderr


def entries_in(path: Path) -> list[tuple[str, str | None, float | None]]:
    return [(e.target, e.unit, e.value) for e in read_entries(path)]


# ── which paths are folders ─────────────────────────────────────────────────


def test_a_folder_is_an_existing_folder_or_a_path_ending_in_a_separator(tmp_path: Path) -> None:
    (tmp_path / "there").mkdir()
    assert is_folder_ledger(tmp_path / "there")
    assert is_folder_ledger(f"{tmp_path}/new/")
    assert not is_folder_ledger(tmp_path / "new")
    assert not is_folder_ledger(tmp_path / "actuals.toml")


# ── reading ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("later_file", ["chengdong.toml", "zz-old.toml"])
def test_a_later_recorded_at_supersedes_across_files(
    cli: CliRun, folder: Path, later_file: str
) -> None:
    """Whichever file holds it, and whatever the files' order by name, the figure recorded
    last is in force."""
    early_file = "zz-old.toml" if later_file == "chengdong.toml" else "chengdong.toml"
    write_file(
        folder, early_file, entry_text("urban-jobs", 80, "2023-07-03T08:00:00Z", "chengdong")
    )
    write_file(
        folder, later_file, entry_text("urban-jobs", 100, "2023-07-05T08:00:00Z", "chengdong")
    )
    assert status(cli)["urban-jobs"]["actual"] == 100
    history = cli("history", "urban-jobs", "--json", *FOLDER, env=TODAY)
    assert [row["value"] for row in json.loads(history.stdout)["entries"]] == [80, 100]


def test_entries_of_one_second_keep_their_order_in_their_file(cli: CliRun, folder: Path) -> None:
    same = "2023-07-05T08:00:00Z"
    write_file(
        folder,
        "chengdong.toml",
        entry_text("urban-jobs", 100, same, "chengdong"),
        entry_text("urban-jobs", 90, same, "chengdong"),
    )
    assert status(cli)["urban-jobs"]["actual"] == 90


def test_times_written_by_hand_with_an_offset_are_compared_as_moments(
    cli: CliRun, folder: Path
) -> None:
    # 10:00 in Beijing is 02:00 UTC: before the 03:00 UTC figure in the other file.
    write_file(folder, "a.toml", entry_text("urban-jobs", 70, "2023-07-05T03:00:00Z", "chengdong"))
    write_file(
        folder, "b.toml", entry_text("urban-jobs", 60, "2023-07-05T10:00:00+08:00", "chengdong")
    )
    assert status(cli)["urban-jobs"]["actual"] == 70


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2023-07-05T03:00:00Z", "2023-07-05T03:00:00Z"),
        ("2023-07-05T10:00:00+08:00", "2023-07-05T02:00:00Z"),
        ("2023-07-05T03:00:00", "2023-07-05T03:00:00Z"),  # no zone: UTC
        ("2023-07-05", "2023-07-05T00:00:00Z"),
        ("2023-07-05T03:00:00.5Z", "2023-07-05T03:00:00Z500000"),
        ("yesterday", ""),
        ("", ""),
    ],
)
def test_the_order_of_recorded_at(text: str, key: str) -> None:
    assert recorded_order(text) == key


def test_a_fraction_sorts_between_its_second_and_the_next() -> None:
    keys = ["2023-07-05T03:00:01Z", "2023-07-05T03:00:00.5Z", "2023-07-05T03:00:00Z", "x"]
    assert sorted(keys, key=recorded_order) == [
        "x",
        "2023-07-05T03:00:00Z",
        "2023-07-05T03:00:00.5Z",
        "2023-07-05T03:00:01Z",
    ]


def test_a_withdrawal_takes_back_a_figure_in_another_file(cli: CliRun, folder: Path) -> None:
    """A district figure of rural-roads recorded before the plan named its lead lives in
    _plan.toml; its withdrawal now goes to the lead's file, and still takes it back."""
    write_file(folder, "_plan.toml", entry_text("rural-roads", 5, "2023-07-03T08:00:00Z"))
    assert status(cli)["rural-roads"]["actual"] == 5
    record(cli, "rural-roads", "-p", "2023-06", "--withdraw")
    assert entries_in(folder / "jiaotong.toml") == [("rural-roads", None, None)]
    assert status(cli)["rural-roads"]["actual"] is None
    history = cli("history", "rural-roads", "--json", *FOLDER, env=TODAY)
    revisions = [row["revision"] for row in json.loads(history.stdout)["entries"]]
    assert revisions == ["withdrawn", "withdrawal"]


def test_every_ledger_file_is_read_and_nothing_else(cli: CliRun, folder: Path) -> None:
    write_file(
        folder, "chengdong.toml", entry_text("urban-jobs", 100, "2023-07-05T08:00:00Z", "chengdong")
    )
    write_file(
        folder, "chengxi.toml", entry_text("urban-jobs", 50, "2023-07-05T08:00:00Z", "chengxi")
    )
    # Not ledger files: hidden (the lock, temporary files), other suffixes, subfolders.
    (folder / ".hidden.toml").write_text("not = [toml", encoding="utf-8")
    (folder / ".chengdong.toml.tmp-abc").write_text("half", encoding="utf-8")
    (folder / LOCK_NAME).write_text("", encoding="utf-8")
    (folder / "README.md").write_text("# ledger", encoding="utf-8")
    (folder / ".gitkeep").write_text("", encoding="utf-8")
    (folder / "old").mkdir()
    write_file(
        folder / "old",
        "chengdong.toml",
        entry_text("urban-jobs", 999, "2024-01-01T00:00:00Z", "chengdong"),
    )
    (folder / "archive.toml").mkdir()
    assert status(cli)["urban-jobs"]["actual"] == 150
    validated = cli("validate", *FOLDER, env=TODAY)
    assert "ledger: 2 entries in 2 files, OK" in validated.stdout


def test_a_file_that_is_not_a_ledger_is_refused_by_its_own_name(cli: CliRun, folder: Path) -> None:
    write_file(
        folder, "chengdong.toml", entry_text("urban-jobs", 100, "2023-07-05T08:00:00Z", "chengdong")
    )
    (folder / "chengxi.toml").write_text('[[entry]]\ntarget = "urban-jobs"\nvalue = \n', "utf-8")
    result = cli("status", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("ledger/chengxi.toml: line 3, column 9: TOML syntax error")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_plan_put_in_the_folder_is_named(cli: CliRun, folder: Path) -> None:
    (folder / "targets.toml").write_text(UNITS_PLAN, encoding="utf-8")
    result = cli("status", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "ledger/targets.toml: this is a plan, not a ledger; check --ledger (or PLANTRACK_LEDGER): "
        "it should name actuals.toml\n"
    )


def test_a_missing_folder_has_no_entries_and_is_not_made_by_a_reader(
    cli: CliRun, units_plan: Path, tmp_path: Path
) -> None:
    result = cli("status", *FOLDER, env=TODAY)
    assert result.exit_code == 0
    assert "ledger: no figures recorded yet" in result.stderr
    assert not (tmp_path / "ledger").exists()


# ── writing ─────────────────────────────────────────────────────────────────


def test_each_figure_goes_to_the_file_it_belongs_in(
    cli: CliRun, units_plan: Path, tmp_path: Path
) -> None:
    record(cli, "urban-jobs", "120", "--unit", "chengdong", "-p", "2023-06")
    record(cli, "urban-jobs", "90", "--unit", "城西街道", "-p", "2023-06")  # a unit by its name
    record(cli, "rural-roads", "5", "-p", "2023-06")  # a district figure: the lead's file
    record(cli, "unemployment", "5.1", "-p", "2023-06")  # led by renshe, owner written as id
    folder = tmp_path / "ledger"
    assert sorted(snapshot(folder)) == [
        "chengdong.toml", "chengxi.toml", "jiaotong.toml", "renshe.toml",
    ]  # fmt: skip
    assert entries_in(folder / "chengdong.toml") == [("urban-jobs", "chengdong", 120.0)]
    assert entries_in(folder / "chengxi.toml") == [("urban-jobs", "chengxi", 90.0)]
    # Stored in the lead's file, the district's figure keeps no unit field: the file is only
    # where it is stored.
    assert entries_in(folder / "jiaotong.toml") == [("rural-roads", None, 5.0)]
    assert "unit" not in (folder / "jiaotong.toml").read_text(encoding="utf-8")
    assert (folder / "chengdong.toml").read_text(encoding="utf-8").startswith(HEADER)
    assert status(cli)["urban-jobs"]["actual"] == 210


def test_without_units_every_figure_goes_to_the_plan_file(
    cli: CliRun, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("targets.toml", SMALL_PLAN)
    record(cli, "key-projects", "70", "-p", "2023-06")  # owner 发改局 is no declared unit
    record(cli, "rural-roads", "4", "-p", "2023-06")
    folder = tmp_path / "ledger"
    assert sorted(snapshot(folder)) == ["_plan.toml"]
    assert [e[0] for e in entries_in(folder / "_plan.toml")] == ["key-projects", "rural-roads"]


def test_home_file(units_plan: Path) -> None:
    plan = load_plan(units_plan)
    figure = Entry("urban-jobs", Month(2023, 6), 1.0, "t", "me")
    assert home_file(figure, plan) == "renshe.toml"  # the lead, given by name in the plan
    assert home_file(
        Entry("urban-jobs", Month(2023, 6), 1.0, "t", "me", unit="chishang"), plan
    ) == ("chishang.toml")
    assert home_file(Entry("gone", Month(2023, 6), 1.0, "t", "me"), plan) == "_plan.toml"
    assert home_file(figure, None) == "_plan.toml"
    with pytest.raises(ValueError):
        home_file(Entry("x", Month(2023, 6), 1.0, "t", "me", unit="../etc"), plan)


def test_a_write_copies_a_files_bytes_and_touches_no_other_file(cli: CliRun, folder: Path) -> None:
    hand = "# 城东街道的台账\n" + entry_text(
        "urban-jobs", 100, "2023-06-03T08:00:00Z", "chengdong", "2023-05"
    )
    (folder / "chengdong.toml").write_text(hand, encoding="utf-8")
    other = write_file(
        folder, "chengxi.toml", entry_text("urban-jobs", 50, "2023-07-05T08:00:00Z", "chengxi")
    )
    before = other.read_bytes()
    record(cli, "urban-jobs", "120", "--unit", "chengdong", "-p", "2023-06")
    assert (folder / "chengdong.toml").read_text(encoding="utf-8").startswith(hand)
    assert other.read_bytes() == before


def test_the_folder_is_made_by_the_first_write_only_with_a_trailing_separator(
    cli: CliRun, units_plan: Path, tmp_path: Path
) -> None:
    result = cli("record", "rural-roads", "5", "-p", "2023-06", "--ledger", "book", env=TODAY)
    assert result.exit_code == 0
    assert (tmp_path / "book").is_file(), "no separator: a ledger file"
    result = cli("record", "rural-roads", "5", "-p", "2023-06", "--ledger", "shelf/", env=TODAY)
    assert result.exit_code == 0
    assert (tmp_path / "shelf" / "jiaotong.toml").is_file()


def test_plantrack_ledger_may_name_a_folder(cli: CliRun, folder: Path) -> None:
    env = {**TODAY, "PLANTRACK_LEDGER": "ledger"}
    assert cli("record", "rural-roads", "5", "-p", "2023-06", env=env).exit_code == 0
    assert entries_in(folder / "jiaotong.toml") == [("rural-roads", None, 5.0)]
    shown = json.loads(cli("status", "--json", env=env).stdout)
    assert next(row for row in shown["targets"] if row["id"] == "rural-roads")["actual"] == 5


def test_an_import_writes_each_units_file(cli: CliRun, folder: Path, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_text(
        "target,unit,period,value\nurban-jobs,chengdong,2023-06,120\n"
        "urban-jobs,chengxi,2023-06,90\nrural-roads,,2023-06,5\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", *FOLDER, env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert entries_in(folder / "chengdong.toml") == [("urban-jobs", "chengdong", 120.0)]
    assert entries_in(folder / "chengxi.toml") == [("urban-jobs", "chengxi", 90.0)]
    assert entries_in(folder / "jiaotong.toml") == [("rural-roads", None, 5.0)]
    assert sorted(path.name for path in folder.iterdir() if ".tmp-" in path.name) == []


def snapshot(folder: Path) -> dict[str, bytes]:
    """The folder's files and their bytes, but the lock (without flock it is removed after
    each write)."""
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != LOCK_NAME
    }


def test_an_import_is_written_whole_or_not_at_all(
    cli: CliRun, folder: Path, tmp_path: Path
) -> None:
    write_file(
        folder,
        "chengxi.toml",
        entry_text("urban-jobs", 50, "2023-06-05T08:00:00Z", "chengxi", "2023-05"),
    )
    (folder / "chengxi.toml").chmod(0o444)
    before = snapshot(folder)
    (tmp_path / "june.csv").write_text(
        "target,unit,period,value\nurban-jobs,chengdong,2023-06,120\nurban-jobs,chengxi,2023-06,90\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "ledger/chengxi.toml: the ledger is read-only, and plantrack will not change it; "
        "to record, make it writable again (e.g. chmod u+w)\n"
    )
    assert snapshot(folder) == before, "chengdong.toml was not written either"


def test_a_rename_that_fails_part_way_puts_the_files_before_it_back(
    cli: CliRun, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_file(
        folder,
        "chengdong.toml",
        entry_text("urban-jobs", 50, "2023-06-05T08:00:00Z", "chengdong", "2023-05"),
    )
    before = snapshot(folder)
    replace = files._replace
    calls: list[Path] = []

    def second_fails(temporary: str, path: Path) -> None:
        if path.parent == folder:  # not the caches
            calls.append(path)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        replace(temporary, path)

    monkeypatch.setattr(files, "_replace", second_fails)
    (tmp_path / "june.csv").write_text(
        "target,unit,period,value\nurban-jobs,chengdong,2023-06,120\nurban-jobs,chengxi,2023-06,90\n",
        encoding="utf-8",
    )
    result = cli("import", "june.csv", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "ledger/chengxi.toml: cannot be written (no space left on the disk); the ledger is "
        "unchanged; check free disk space and permissions\n"
    )
    monkeypatch.undo()
    assert [path.name for path in calls] == ["chengdong.toml", "chengxi.toml", "chengdong.toml"]
    assert snapshot(folder) == before
    assert not any(".tmp-" in name for name in os.listdir(folder))


def test_after_a_write_only_that_files_cache_changes(cli: CliRun, folder: Path) -> None:
    for unit in ("chengdong", "chengxi"):
        record(cli, "urban-jobs", "100", "--unit", unit, "-p", "2023-05")
    status(cli)
    caches = {
        unit: cache.cache_path(folder / f"{unit}.toml", "ledger")
        for unit in ("chengdong", "chengxi")
    }
    before = {unit: path.read_bytes() for unit, path in caches.items()}
    record(cli, "urban-jobs", "120", "--unit", "chengdong", "-p", "2023-06")
    assert caches["chengxi"].read_bytes() == before["chengxi"]
    assert caches["chengdong"].read_bytes().startswith(before["chengdong"][:20])
    assert caches["chengdong"].read_bytes() != before["chengdong"]
    ledger = folder / "chengdong.toml"
    assert cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes())) is not None


@pytest.mark.skipif(
    bool(os.environ.get(WITHOUT_FCNTL)), reason="without flock the lock file is removed after use"
)
def test_the_lock_is_inside_the_folder_and_shared_like_it(cli: CliRun, folder: Path) -> None:
    folder.chmod(0o2775)
    record(cli, "rural-roads", "5", "-p", "2023-06")
    lock = folder / LOCK_NAME
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664
    assert lock.stat().st_gid == folder.stat().st_gid


def test_temporary_files_left_by_a_killed_writer_are_removed(cli: CliRun, folder: Path) -> None:
    (folder / ".chengdong.toml.tmp-k1ll3d").write_text("half", encoding="utf-8")
    (folder / ".keep-me").write_text("mine", encoding="utf-8")
    record(cli, "rural-roads", "5", "-p", "2023-06")
    assert not (folder / ".chengdong.toml.tmp-k1ll3d").exists()
    assert (folder / ".keep-me").exists()


def test_writes_through_the_locked_folder(units_plan: Path, folder: Path) -> None:
    plan = load_plan(units_plan)
    with locked(folder, plan=plan) as book:
        assert book.entries == ()
        book.append(
            [Entry("urban-jobs", Month(2023, 6), 1.0, "2023-07-01T00:00:00Z", "me", unit="chengxi")]
        )
    with locked(folder, plan=plan) as book:
        assert [e.unit for e in book.entries_of("urban-jobs")] == ["chengxi"]
        assert book.entries_of("rural-roads") == []


# ── refusals ────────────────────────────────────────────────────────────────


def test_a_read_only_folder_is_refused_and_left_as_it_is(cli: CliRun, folder: Path) -> None:
    folder.chmod(0o555)
    try:
        result = cli("record", "rural-roads", "5", "-p", "2023-06", *FOLDER, env=TODAY)
        assert result.exit_code == 1
        assert result.stderr == (
            "ledger: the ledger folder is read-only, and plantrack will not change it; "
            "to record, make it writable again (e.g. chmod u+w)\n"
        )
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


def test_a_folder_in_a_missing_folder_is_refused(cli: CliRun, units_plan: Path) -> None:
    result = cli("record", "rural-roads", "5", "-p", "2023-06", "--ledger", "no/such/", env=TODAY)
    assert result.exit_code == 1
    assert "the folder" in result.stderr and "no/such" in result.stderr
    assert result.stderr.endswith(
        "does not exist; create it or pass --ledger with a path in an existing folder\n"
    )


def test_a_file_given_as_a_folder_is_refused(cli: CliRun, units_plan: Path, tmp_path: Path) -> None:
    (tmp_path / "actuals.toml").write_text(HEADER, encoding="utf-8")
    for command in (("status",), ("record", "rural-roads", "5", "-p", "2023-06")):
        result = cli(*command, "--ledger", "actuals.toml/", env=TODAY)
        assert result.exit_code == 1
        assert result.stderr.endswith(
            "actuals.toml: is not a folder; give the ledger folder's path, or leave out the "
            "trailing '/' for a ledger file\n"
        )


def test_a_link_in_the_folder_is_refused_by_its_name(
    cli: CliRun, folder: Path, tmp_path: Path
) -> None:
    elsewhere = write_file(
        tmp_path, "elsewhere.toml", entry_text("urban-jobs", 5, "2023-07-01T00:00:00Z", "chengdong")
    )
    before = elsewhere.read_bytes()
    (folder / "chengdong.toml").symlink_to(elsewhere)
    expected = (
        "ledger/chengdong.toml: is a symbolic link; every .toml file in a ledger folder must be "
        "the file itself, since plantrack writes it in place under the folder's lock; replace "
        "the link with the file, or move it out of the folder\n"
    )
    assert cli("status", *FOLDER, env=TODAY).stderr == expected
    result = cli(
        "record", "urban-jobs", "9", "--unit", "chengdong", "-p", "2023-06", *FOLDER, env=TODAY
    )
    assert result.exit_code == 1
    assert result.stderr == expected
    assert elsewhere.read_bytes() == before


def test_a_fifo_in_the_folder_is_refused_without_hanging(
    run_process, units_plan: Path, folder: Path
) -> None:
    os.mkfifo(folder / "chengxi.toml")
    for command in (
        ("status",),
        ("record", "urban-jobs", "9", "--unit", "chengdong", "-p", "2023-06"),
    ):
        done = run_process(*command, *FOLDER, env=TODAY)
        assert done.returncode == 1
        assert (
            "chengxi.toml: not a regular file (a device, pipe or socket); a ledger folder "
            in done.stderr
        )
    assert stat.S_ISFIFO(os.lstat(folder / "chengxi.toml").st_mode)
    assert not (folder / "chengdong.toml").exists()


def test_a_folder_where_a_units_file_belongs_is_refused(cli: CliRun, folder: Path) -> None:
    (folder / "jiaotong.toml").mkdir()
    result = cli("record", "rural-roads", "5", "-p", "2023-06", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert result.stderr == (
        "ledger/jiaotong.toml: is a folder where plantrack keeps a ledger file; rename or "
        "move that folder\n"
    )


def test_a_lock_that_is_a_link_is_refused(cli: CliRun, folder: Path, tmp_path: Path) -> None:
    (folder / LOCK_NAME).symlink_to(tmp_path / "targets.toml")
    result = cli("record", "rural-roads", "5", "-p", "2023-06", *FOLDER, env=TODAY)
    assert result.exit_code == 1
    assert "the lock file is a symbolic link" in result.stderr


def test_output_never_names_a_file_of_the_folder(cli: CliRun, folder: Path) -> None:
    record(cli, "rural-roads", "5", "-p", "2023-06")
    for name in ("jiaotong.toml", "new-unit.toml", LOCK_NAME):
        result = cli("export", "-o", f"ledger/{name}", *FOLDER, env=TODAY)
        assert result.exit_code == 1, name
        assert "is the plan, the ledger or the mail settings" in result.stderr
    assert cli("export", "-o", "ledger/figures.csv", *FOLDER, env=TODAY).exit_code == 0


def test_refusals_name_the_file_through_the_library(units_plan: Path, folder: Path) -> None:
    (folder / "chengxi.toml").write_text("[[entry]]\nwho = 1\n", encoding="utf-8")
    with pytest.raises(LedgerError) as refused:
        read_entries(folder)
    assert english(refused.value).startswith("ledger/chengxi.toml: entry #1 (line 1): ")


# ── several writers at once ─────────────────────────────────────────────────


def test_writers_of_several_units_at_once_lose_nothing(units_plan: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in PLANTRACK_VARIABLES}
    env.update({"LANG": "C.UTF-8", "PLANTRACK_TODAY": "2024-01-20", "PLANTRACK_LEDGER": "ledger/"})
    units = ("chengdong", "chengxi", "chishang")

    def writer(unit: str, month: int) -> subprocess.Popen[bytes]:
        command = [
            "record",
            "urban-jobs",
            str(10 * month),
            "--unit",
            unit,
            "-p",
            f"2023-{month:02d}",
        ]
        return subprocess.Popen(
            [*plantrack_command(), *command],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    writers = [writer(unit, month) for unit in units for month in (1, 2, 3)]
    failures = [w.stderr.read().decode() for w in writers if w.wait(timeout=120) != 0]  # type: ignore[union-attr]
    assert failures == []
    folder = tmp_path / "ledger"
    for unit in units:
        recorded = {
            (e.unit, e.period.month, e.value) for e in read_entries(folder / f"{unit}.toml")
        }
        assert recorded == {(unit, month, 10.0 * month) for month in (1, 2, 3)}


def test_the_folder_ledger_round_trips(units_plan: Path, folder: Path) -> None:
    plan = load_plan(units_plan)
    written = [
        Entry("urban-jobs", Month(2023, month), float(month), f"2023-0{month + 1}-01T00:00:00Z",
              "me", source="统计", unit=unit, progress_note="进展" if month == 2 else None)
        for month in (1, 2, 3)
        for unit in ("chengdong", "chengxi")
    ]  # fmt: skip
    with locked(folder, plan=plan) as book:
        book.append(written)
    assert read_entries(folder) == tuple(written)
    for path in folder.glob("*.toml"):
        cache.cache_path(path, "ledger").unlink()
    assert read_entries(f"{folder}/") == tuple(written)


def test_an_entry_in_a_hand_written_file_needs_no_unit(folder: Path) -> None:
    (folder / "notes.toml").write_text(dedent("""
        # written by hand
        [[entry]]
        target = "rural-roads"
        period = "2023-06"
        value = 5
        recorded_at = "2023-07-01T00:00:00Z"
        by = "li"
    """), encoding="utf-8")  # fmt: skip
    assert [(e.target, e.unit) for e in read_entries(folder)] == [("rural-roads", None)]
