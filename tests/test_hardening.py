"""Regression tests for the defects an attack run found around the ledger (issue #11): each
test names its item and fails on the code before the fix."""

from __future__ import annotations

import csv
import email
import errno
import io
import json
import math
import os
import re
import stat
from pathlib import Path

import pytest

from plantrack.present.serialize import json_text
from tests.conftest import CliRun, ledger_cache_frames, write_ledger_cache

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def strict_json(text: str) -> object:
    """JSON as every parser reads it: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# ── 3. a blank target is refused ────────────────────────────────────────────


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_3_a_blank_target_records_nothing(
    cli: CliRun, small_plan: Path, tmp_path: Path, typed: str
) -> None:
    result = cli("record", typed, "50", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("TARGET: empty")
    assert not (tmp_path / "actuals.toml").exists()


def test_3_a_csv_row_without_a_target_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text("target,period,value\n,2023-06,40\n", encoding="utf-8")
    result = cli("import", "june.csv", env=TODAY)
    assert result.exit_code == 1
    assert "line 2: column 'target': empty" in result.stderr
    assert not (tmp_path / "actuals.toml").exists()


# ── 4. values stay finite end to end ────────────────────────────────────────


@pytest.mark.parametrize("typed", ["1.7e308", "1e16", "-1e16", "1000000000000001"])
def test_4_a_figure_beyond_the_bound_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path, typed: str
) -> None:
    result = cli("record", "rural-roads", typed, "-p", "2023-06", "--force", env=TODAY)
    assert result.exit_code == 1
    assert "too large to be a figure (at most 1000000000000000 in size)" in result.stderr
    assert not (tmp_path / "actuals.toml").exists()


def test_4_the_bound_itself_is_recorded_and_every_view_stays_valid(
    cli: CliRun, small_plan: Path
) -> None:
    for period in ("2023-05", "2023-06"):
        result = cli("record", "rural-roads", "1e15", "-p", period, "--force", env=TODAY)
        assert result.exit_code == 0, result.stderr
    status = cli("status", "--json", env=TODAY)
    assert status.exit_code == 0
    roads = next(t for t in strict_json(status.stdout)["targets"] if t["id"] == "rural-roads")  # type: ignore[index]
    assert roads["actual"] >= 1e15 and math.isfinite(roads["progress"])
    for command in (
        ("status",),
        ("show", "rural-roads"),
        ("report",),
        ("report", "--format", "html"),
    ):
        assert cli(*command, env=TODAY).exit_code == 0, command


def test_4_an_imported_figure_beyond_the_bound_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "june.csv").write_text(
        "target,period,value\nrural-roads,2023-06,1e308\n", encoding="utf-8"
    )
    result = cli("import", "june.csv", "--force", env=TODAY)
    assert result.exit_code == 1
    assert "column 'value'" in result.stderr and "too large" in result.stderr


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("1e308", "must be at most 1000000000000000 in size, not 1e+308"),
        ("-2e15", "must be at most 1000000000000000 in size, not -2000000000000000"),
        ("5e-324", "must be 0 or at least 1e-09 in size, not 5e-324"),
    ],
)
def test_4_a_planned_target_beyond_the_bounds_is_refused(
    cli: CliRun, small_plan: Path, written: str, problem: str
) -> None:
    text = small_plan.read_text(encoding="utf-8").replace("target = 26\n", f"target = {written}\n")
    small_plan.write_text(text, encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert "target 'rural-roads'" in result.stderr and problem in result.stderr


def test_4_a_ledger_value_beyond_the_bound_is_named_not_a_traceback(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    for value in ("1.7e308", "1" + "0" * 400, "1" + "0" * 5000):
        (tmp_path / "actuals.toml").write_text(
            f'[[entry]]\ntarget = "rural-roads"\nperiod = "2023-06"\nvalue = {value}\n'
            'recorded_at = "2023-07-01T09:00:00+08:00"\nby = "wang"\n',
            encoding="utf-8",
        )
        result = cli("status", env=TODAY)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and "actuals.toml" in result.stderr


def test_4_json_never_carries_infinity_or_nan() -> None:
    data = {"progress": math.inf, "gap": [1.0, -math.inf, math.nan], "actual": 3.5}
    assert strict_json(json_text(data)) == {
        "progress": None,
        "gap": [1.0, None, None],
        "actual": 3.5,
    }
    assert strict_json(json_text(data, indent=2)) == strict_json(json_text(data))


# ── 1 and 9. only regular files are read or replaced ────────────────────────


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def still_a_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


def test_1_a_fifo_as_the_ledger_is_refused_for_writing(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    pipe = fifo(tmp_path / "pipe.toml")
    result = cli(
        "--ledger", "pipe.toml", "record", "key-projects", "70", "-p", "2023-06", env=TODAY
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "pipe.toml: not a regular file (a device, pipe or socket); "
        "give the ledger file's path with --ledger\n"
    )
    assert still_a_fifo(pipe)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.toml", "targets.toml"]


def test_1_and_9_a_fifo_is_refused_as_ledger_plan_or_settings_without_hanging(
    run_process, small_plan: Path, tmp_path: Path
) -> None:
    pipe = fifo(tmp_path / "pipe.toml")
    for arguments in (
        ("--ledger", "pipe.toml", "status"),
        ("--plan", "pipe.toml", "status"),
        ("email", "--config", "pipe.toml", "--dry-run", "--to", "a@example.gov.cn"),
    ):
        done = run_process(*arguments, env=TODAY)  # a hang fails by the fixture's timeout
        assert done.returncode == 1, arguments
        assert "pipe.toml: not a regular file" in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1
    assert still_a_fifo(pipe)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.toml", "targets.toml"]


def test_9_a_plan_over_50_megabytes_is_refused_unread(cli: CliRun, tmp_path: Path) -> None:
    huge = tmp_path / "targets.toml"
    with open(huge, "wb") as stream:  # sparse: costs no disk
        stream.truncate(50 * 1024 * 1024 + 1)
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "targets.toml: the file is 50.0 MB, more than the limit of 50.0 MB; "
        "check that it is the right file\n"
    )


def test_1_a_fifo_as_the_report_output_is_refused_and_kept(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    pipe = fifo(tmp_path / "out.txt")
    result = cli("report", "-o", "out.txt", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("-o: out.txt: exists and is not a regular file")
    assert still_a_fifo(pipe)


def test_1_dash_output_is_standard_output(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    to_stdout = cli("report", "-o", "-", env=TODAY)
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == cli("report", env=TODAY).stdout
    assert not (tmp_path / "-").exists()


def test_1_dash_output_of_email_is_standard_output(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        '[smtp]\nhost = "127.0.0.1"\nport = 9\nsender = "fgj@example.gov.cn"\nsecurity = "none"\n',
        encoding="utf-8",
    )
    result = cli("email", "--dry-run", "--to", "a@example.gov.cn", "-o", "-", env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("From: fgj@example.gov.cn\n")
    assert "To: a@example.gov.cn" in result.stdout
    assert not (tmp_path / "-").exists()


def test_1_an_output_through_a_link_writes_the_file_it_names(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "june.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "june.txt").symlink_to(real)
    assert cli("report", "-o", "june.txt", env=TODAY).exit_code == 0
    assert (tmp_path / "june.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == cli("report", env=TODAY).stdout


def test_11_an_output_linked_to_the_ledger_is_refused(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    before = (tmp_path / "actuals.toml").read_bytes()
    (tmp_path / "out.csv").symlink_to(tmp_path / "actuals.toml")
    result = cli("report", "--format", "csv", "-o", "out.csv", env=TODAY)
    assert result.exit_code == 1
    assert (tmp_path / "actuals.toml").read_bytes() == before


# ── 2. a symlinked ledger stays shared ──────────────────────────────────────


def test_2_a_clerk_linked_to_the_shared_ledger_writes_to_it(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "actuals.toml").write_bytes(b"")
    clerk = tmp_path / "clerk"
    clerk.mkdir()
    (clerk / "actuals.toml").symlink_to(shared / "actuals.toml")
    result = cli(
        "--ledger", str(clerk / "actuals.toml"), "record", "key-projects", "70", "-p", "2023-06",
        env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (clerk / "actuals.toml").is_symlink()
    assert 'target = "key-projects"' in (shared / "actuals.toml").read_text(encoding="utf-8")
    assert sorted(p.name for p in clerk.iterdir()) == ["actuals.toml"]
    assert sorted(p.name for p in shared.iterdir()) == ["actuals.toml", "actuals.toml.lock"]


def test_2_a_symlinked_lock_file_is_refused(cli: CliRun, small_plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.lock"
    elsewhere.write_bytes(b"")
    (tmp_path / "actuals.toml.lock").symlink_to(elsewhere)
    result = cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "actuals.toml.lock: the lock file is a symbolic link or a special file"
    )
    assert not (tmp_path / "actuals.toml").exists()


# ── 6. a group-shared ledger stays shared ───────────────────────────────────


def another_group() -> int | None:
    """A group this process may give a file: any, as root; else one it belongs to."""
    if os.geteuid() == 0:
        return 4242
    mine = [group for group in os.getgroups() if group != os.getegid()]
    return mine[0] if mine else None


def test_6_the_lock_and_each_new_ledger_take_the_ledgers_mode_and_group(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "actuals.toml"
    ledger.write_bytes(b"")
    ledger.chmod(0o664)
    group = another_group()
    if group is not None:
        os.chown(ledger, -1, group)
    old_umask = os.umask(0o022)
    try:
        assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    finally:
        os.umask(old_umask)
    lock = tmp_path / "actuals.toml.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o664
    if group is not None:
        assert ledger.stat().st_gid == group and lock.stat().st_gid == group


def test_6_an_old_private_lock_of_mine_is_opened_up_to_the_ledgers_mode(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "actuals.toml"
    ledger.write_bytes(b"")
    ledger.chmod(0o664)
    lock = tmp_path / "actuals.toml.lock"
    lock.write_bytes(b"")
    lock.chmod(0o644)
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664


# ── 7. no false refusal after a write ───────────────────────────────────────


def test_7_a_failed_folder_fsync_after_the_rename_is_a_warning(
    cli: CliRun, small_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plantrack.store import files

    def failing_fsync(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files, "_fsync_folder", failing_fsync)
    result = cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout.startswith("Recorded key-projects")
    assert result.stderr.startswith(
        "actuals.toml: recorded, but the disk did not confirm the write"
    )
    assert "value = 70" in (tmp_path / "actuals.toml").read_text(encoding="utf-8")


# ── 11. a read-only ledger is not replaced ──────────────────────────────────


def test_11_a_read_only_ledger_is_refused_for_writing(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    ledger = tmp_path / "actuals.toml"
    ledger.chmod(0o444)
    before = ledger.read_bytes()
    result = cli("record", "rural-roads", "4", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("actuals.toml: the ledger is read-only")
    assert ledger.read_bytes() == before and stat.S_IMODE(ledger.stat().st_mode) == 0o444
    assert cli("status", env=TODAY).exit_code == 0, "reading it is fine"


# ── 12. appending never re-serializes ───────────────────────────────────────


def test_12_a_note_with_a_line_like_entry_equals_keeps_the_ledger_as_written(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "actuals.toml"
    written = (
        "# 2023 ledger of the district office: keep this comment\n\n"
        '[[entry]]\ntarget = "key-projects"\nperiod = "2023-05"\nvalue = 60\n'
        'recorded_at = "2023-06-10T09:00:00+08:00"\nby = "wang"\n'
        'note = """\nchecked with the bureau\nentry = [1, 2]\n"""\n'
    )
    ledger.write_text(written, encoding="utf-8")
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    assert ledger.read_text(encoding="utf-8").startswith(written)


def test_12_a_ledger_written_inline_is_still_appended_to(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "actuals.toml"
    ledger.write_text(
        'entry = [{target = "key-projects", period = "2023-05", value = 60, '
        'recorded_at = "2023-06-10T09:00:00+08:00", by = "wang"}]\n',
        encoding="utf-8",
    )
    assert cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY).exit_code == 0
    history = cli("history", "key-projects", "--json", env=TODAY)
    assert [row["value"] for row in json.loads(history.stdout)["entries"]] == [60, 70]


# ── 10. rich markup and terminal escapes are text ───────────────────────────

# A name may hold rich markup (visible text) but no control character: validate refuses those.
HOSTILE_NAME = "重点[/]项目[link=http://evil.example]x[/link]"
HOSTILE_NOTE = "[/] 核实 [link=http://evil.example]x[/link] \x1b[2J\x1b]0;T\x07\u202e"


@pytest.fixture
def hostile(cli: CliRun, small_plan: Path) -> Path:
    """A plan whose target name, and a ledger whose by, source and note, carry rich markup,
    terminal escapes and a right-to-left override."""
    text = small_plan.read_text(encoding="utf-8")
    escaped = HOSTILE_NAME.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    small_plan.write_text(text.replace('name = "重点项目"', f'name = "{escaped}"', 1), "utf-8")
    result = cli(
        "record", "key-projects", "70", "-p", "2023-06", "--note", HOSTILE_NOTE,
        "--by", "wang\x1b[31m", "--source", "[bold]统计局", env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return small_plan


HOSTILE_VIEWS = [
    ("history", "key-projects"),
    ("show", "key-projects"),
    ("sections",),
    ("status",),
    ("targets",),
    ("report",),
    ("report", "--format", "markdown"),
    ("report", "--format", "html"),
    ("report", "--format", "csv"),
    ("export",),
]


@pytest.mark.parametrize("view", HOSTILE_VIEWS, ids=" ".join)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_10_user_text_reaches_no_terminal_raw(
    cli: CliRun, hostile: Path, view: tuple[str, ...], lang: str
) -> None:
    result = cli("--lang", lang, *view, env=TODAY)
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", shown), view
    if view[0] in ("history", "show", "export"):
        assert "\\x1b[31m" in shown, "the escape in --by is shown, not dropped"
    elif lang == "zh" and view[0] != "sections":
        assert "[/]" in shown.replace("\\[", "[").replace("\\]", "]"), "markup shown as written"


def test_10_a_note_of_markup_is_printed_as_written(cli: CliRun, small_plan: Path) -> None:
    note = "[/] [bold]要点[/bold] [link=http://evil.example]详情[/link]"
    assert (
        cli("record", "key-projects", "70", "-p", "2023-06", "--note", note, env=TODAY).exit_code
        == 0
    )
    result = cli("history", "key-projects", env={**TODAY, "COLUMNS": "300"})
    assert result.exit_code == 0
    assert note in result.stdout


def test_10_a_typed_query_with_escapes_is_shown_escaped_on_one_line(
    cli: CliRun, small_plan: Path
) -> None:
    result = cli("record", "key\x1b[2J\nprojects", "70", "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith("TARGET: unknown target 'key\\x1b[2J\\nprojects'")
    assert result.stderr.count("\n") == 1


def test_10_the_mail_text_part_carries_no_escape(
    cli: CliRun, hostile: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(
        '[smtp]\nhost = "127.0.0.1"\nport = 9\nsender = "fgj@example.gov.cn"\nsecurity = "none"\n',
        encoding="utf-8",
    )
    result = cli(
        "--lang", "zh", "email", "--dry-run", "--to", "a@example.gov.cn", "-o", "mail.eml",
        env=TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    message = email.message_from_bytes((tmp_path / "mail.eml").read_bytes())
    for part in message.walk():
        if part.get_content_maintype() == "text":
            body = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            assert "\x1b" not in body and "[/]" in body


# ── 16. Markdown and spreadsheets ───────────────────────────────────────────


def test_16_a_line_break_in_a_note_cannot_inject_markdown(cli: CliRun, small_plan: Path) -> None:
    """Names are one line (validate refuses a break); what else reaches Markdown is escaped."""
    from plantrack.present.reports import _md

    assert _md("重点项目\n# 注入的标题\n| a | b |") == "重点项目 \\# 注入的标题 \\| a \\| b \\|"


@pytest.mark.parametrize(
    "cell", ["\n=1+2", " =1+2", "\u3000=1+2", "＝1+2", "＋1", "－1", "＠SUM(A1)", "\t=1", "=1"]
)
def test_16_a_formula_after_blanks_or_in_full_width_is_neutralised(cell: str) -> None:
    from plantrack.present.serialize import spreadsheet_safe

    assert spreadsheet_safe(cell).startswith("'")


@pytest.mark.parametrize("cell", ["统计局", "1-6月", "a=b", " 备注"])
def test_16_an_ordinary_cell_is_left_alone(cell: str) -> None:
    from plantrack.present.serialize import spreadsheet_safe

    assert spreadsheet_safe(cell) == cell


def test_16_an_exported_note_starting_with_a_full_width_formula_is_quoted(
    cli: CliRun, small_plan: Path
) -> None:
    note = '＝HYPERLINK("http://evil.example")'
    assert (
        cli("record", "key-projects", "70", "-p", "2023-06", "--note", note, env=TODAY).exit_code
        == 0
    )
    exported = list(csv.reader(io.StringIO(cli("export", env=TODAY).stdout)))
    assert exported[1][6] == "'" + note


# ── found by the review of the finished work ────────────────────────────────

SETTINGS = (
    '[smtp]\nhost = "127.0.0.1"\nport = 9\nsender = "fgj@example.gov.cn"\nsecurity = "none"\n'
)


def test_a_link_planted_in_the_mail_folder_never_leads_onto_the_plan(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(SETTINGS, encoding="utf-8")
    plan = small_plan.read_bytes()
    (tmp_path / "outbox").mkdir()
    (tmp_path / "outbox" / "01-summary.eml").symlink_to(small_plan)
    result = cli("email", "--dry-run", "--to", "a@example.gov.cn", "-o", "outbox", env=TODAY)
    assert result.exit_code == 1
    assert "01-summary.eml: is a symbolic link" in result.stderr
    assert small_plan.read_bytes() == plan


def test_an_import_of_a_fifo_is_refused_without_hanging(
    run_process, small_plan: Path, tmp_path: Path
) -> None:
    for name in ("june.csv", "june.xlsx"):
        fifo(tmp_path / name)
        done = run_process("import", name, env=TODAY)
        assert done.returncode == 1 and f"{name}: not a regular file" in done.stderr


def test_caches_left_open_to_others_are_all_dropped(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "10", "-p", "2023-06", env=TODAY).exit_code == 0
    assert cli("status", "--json", env=TODAY).exit_code == 0  # both caches written
    folder = Path(os.environ["PLANTRACK_CACHE_DIR"])
    (ledger_cache,) = folder.glob("ledger-*.marshal")
    frames = ledger_cache_frames(ledger_cache)
    frames[1][2][0] = 149.0  # type: ignore[index]  # the forged figure
    folder.chmod(0o777)
    write_ledger_cache(ledger_cache, frames)
    ledger_cache.chmod(0o666)
    shown = strict_json(cli("status", "--json", env=TODAY).stdout)
    projects = next(t for t in shown["targets"] if t["id"] == "key-projects")  # type: ignore[index]
    assert projects["actual"] == 10
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_cache_file_others_may_write_is_not_trusted(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "10", "-p", "2023-06", env=TODAY).exit_code == 0
    assert cli("status", "--json", env=TODAY).exit_code == 0
    (ledger_cache,) = Path(os.environ["PLANTRACK_CACHE_DIR"]).glob("ledger-*.marshal")
    frames = ledger_cache_frames(ledger_cache)
    frames[1][2][0] = 149.0  # type: ignore[index]
    write_ledger_cache(ledger_cache, frames)
    ledger_cache.chmod(0o666)
    shown = strict_json(cli("status", "--json", env=TODAY).stdout)
    assert next(t for t in shown["targets"] if t["id"] == "key-projects")["actual"] == 10  # type: ignore[index]


def test_a_right_to_left_override_is_refused_in_headers_and_names(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "plantrack.toml").write_text(SETTINGS, encoding="utf-8")
    subject = cli(
        "email", "--dry-run", "--to", "a@example.gov.cn", "--subject", "月报\u202efdp.exe",
        env=TODAY,
    )  # fmt: skip
    assert subject.exit_code == 1 and "\\u202e" in subject.stderr
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace('owner = "发改局"', 'owner = "发改局\\u202e"', 1), "utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert "field 'owner': contains the control character U+202E" in result.stderr


def test_json_escapes_a_right_to_left_override(cli: CliRun, small_plan: Path) -> None:
    note = "核实\u202e完毕"
    assert (
        cli("record", "key-projects", "10", "-p", "2023-06", "--note", note, env=TODAY).exit_code
        == 0
    )
    shown = cli("history", "key-projects", "--json", env=TODAY).stdout
    assert "\u202e" not in shown and "\\u202e" in shown
    assert json.loads(shown)["entries"][0]["note"] == note


def test_a_loop_of_links_as_output_is_one_line(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    assert cli("record", "key-projects", "10", "-p", "2023-06", env=TODAY).exit_code == 0
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for command in (("report", "-o", "a"), ("export", "-o", "a")):
        result = cli(*command, env=TODAY)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, command


@pytest.mark.parametrize("codec", ["utf-16", "rot13", "base64", "hex", "zlib", "punycode"])
def test_an_encoding_that_is_no_text_encoding_is_one_line(
    cli: CliRun, small_plan: Path, tmp_path: Path, codec: str
) -> None:
    (tmp_path / "june.csv").write_text("target,period,value\nkey-projects,2023-06,70\n", "utf-8")
    result = cli("import", "june.csv", "--encoding", codec, env=TODAY)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert not (tmp_path / "actuals.toml").exists()


def test_a_bad_server_name_or_certificate_file_is_named_before_connecting(
    run_process, small_plan: Path, tmp_path: Path
) -> None:
    fifo(tmp_path / "ca.pem")
    for line, field in (
        ('host = "a..b"', "host"),
        ('host = "127.0.0.1"\ncafile = "ca.pem"', "cafile"),
    ):
        (tmp_path / "plantrack.toml").write_text(
            f'[smtp]\n{line}\nsender = "a@b.cn"\nsecurity = "starttls"\n', encoding="utf-8"
        )
        done = run_process("email", "--to", "x@example.gov.cn", env=TODAY)
        assert done.returncode == 1 and f"field '{field}'" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_a_percentage_typed_in_excel_is_read_as_typed(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "期间", "数值"])
    sheet.append(["gdp-growth", "2023-06", 0.052])
    sheet["C2"].number_format = "0.0%"
    sheet.append(["key-projects", "2023-06", 0.7])
    sheet["C3"].number_format = "0%"
    book.save(tmp_path / "june.xlsx")
    refused = cli("import", "june.xlsx", env=TODAY)
    assert refused.exit_code == 1 and "'70%' is a percentage" in refused.stderr
    sheet.delete_rows(3)
    book.save(tmp_path / "june.xlsx")
    assert cli("import", "june.xlsx", env=TODAY).exit_code == 0
    assert "value = 5.2\n" in (tmp_path / "actuals.toml").read_text(encoding="utf-8")


def test_a_refusal_quotes_a_huge_value_only_in_part(cli: CliRun, small_plan: Path) -> None:
    result = cli("record", "key-projects", "x" * 20_000, "-p", "2023-06", env=TODAY)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 400
    assert "x" * 200 + "…" in result.stderr
