"""The reminder log (store/reminder_log.py): beside the ledger, append-only, locked, atomic."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from plantrack.core.errors import ReminderLogError
from plantrack.core.reminders import Sent, reminded_on
from plantrack.store.reminder_log import locked, read_reminders, reminder_log_path
from tests.conftest import WITHOUT_FCNTL, english

MONDAY = Sent(
    unit="chengdong",
    sent_at="2023-07-17T01:00:00Z",
    day=date(2023, 7, 17),
    targets=("urban-jobs", "unemployment"),
    periods=("2023-06", "2023-06"),
    escalated=False,
    channels=("email", "webhook"),
)
TUESDAY = Sent("jiaotong", "2023-07-18T01:00:00Z", date(2023, 7, 18), ("rural-roads",),
               ("2023-06",), True, ("email",))  # fmt: skip


def test_the_log_lies_beside_the_ledger_file_or_beside_a_ledger_folder(tmp_path: Path) -> None:
    assert reminder_log_path(tmp_path / "actuals.toml") == tmp_path / "reminders.toml"
    folder = tmp_path / "ledger"
    folder.mkdir()
    assert reminder_log_path(folder) == tmp_path / "reminders.toml"  # never inside the folder


def test_appended_records_read_back_and_earlier_bytes_stay_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    assert read_reminders(path) == ()
    with locked(path) as log:
        assert log.records == ()
        log.append([MONDAY])
    first = path.read_bytes()
    assert first.startswith(b"# plantrack reminder log")
    assert first.decode().endswith(
        '\n\n[[reminder]]\nunit = "chengdong"\nsent_at = "2023-07-17T01:00:00Z"\nday = "2023-07-17"\n'
        'targets = ["urban-jobs", "unemployment"]\nperiods = ["2023-06", "2023-06"]\n'
        'escalated = false\nchannels = ["email", "webhook"]\n'
    )
    path.write_bytes(first + b"# a note by hand\n")
    with locked(path) as log:
        assert log.records == (MONDAY,)
        log.append([TUESDAY])
    assert path.read_bytes().startswith(first + b"# a note by hand\n")
    assert read_reminders(path) == (MONDAY, TUESDAY)
    assert reminded_on(read_reminders(path), date(2023, 7, 18)) == {"jiaotong": TUESDAY}


def test_a_log_written_by_hand_as_an_inline_array_is_written_out_again(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    path.write_text('reminder = [{unit = "chengdong", day = "2023-07-17"}]\n', encoding="utf-8")
    with locked(path) as log:
        log.append([TUESDAY])
    [first, second] = read_reminders(path)
    assert (first.unit, first.day, second) == ("chengdong", date(2023, 7, 17), TUESDAY)


def test_any_text_a_list_holds_is_written_so_that_it_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    odd = Sent('城东"街道\\', "x", date(2023, 7, 17), ("a\x7fb", "c\nd", "]"), channels=("e",))
    with locked(path) as log:
        log.append([odd])
    assert read_reminders(path) == (odd,)


def test_fields_a_later_plantrack_may_add_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    path.write_text(
        '[[reminder]]\nunit = "chengdong"\nday = "2023-07-17"\nto = ["a@b.cn"]\n', encoding="utf-8"
    )
    with locked(path) as log:
        log.append([TUESDAY])
    assert 'to = ["a@b.cn"]' in path.read_text(encoding="utf-8")
    assert [sent.unit for sent in read_reminders(path)] == ["chengdong", "jiaotong"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[reminder]]\nunit = "x"\n', "reminders.toml: reminder #1: field 'day' is missing; plantrack writes this file itself: restore it from a backup, or remove the record"),
        ('[[reminder]]\nunit = "x"\nday = "2023-7-1"\n', "reminders.toml: reminder #1: day: '2023-7-1' is not a date; write it as YYYY-MM-DD, such as 2023-07-03; plantrack writes this file itself: restore it from a backup, or remove the record"),
        ('[[reminder]]\nunit = "x"\nday = "2023-07-01"\nchannels = "email"\n', "reminders.toml: reminder #1: field 'channels' must be a list of texts in brackets; plantrack writes this file itself: restore it from a backup, or remove the record"),
        ('[[reminder]]\nunit = 1\nday = "2023-07-01"\n', "reminders.toml: reminder #1: field 'unit' must be text in quotes; plantrack writes this file itself: restore it from a backup, or remove the record"),
        ('[[reminder]]\nunit = "x"\nday = "2023-07-01"\nescalated = "no"\n', "reminders.toml: reminder #1: field 'escalated' must be true or false (without quotes); plantrack writes this file itself: restore it from a backup, or remove the record"),
        ('[[entry]]\ntarget = "x"\n', "reminders.toml: unexpected 'entry'; the reminder log holds only [[reminder]] tables, remove it"),
        ("reminder = 1\n", "reminders.toml: 'reminder' must be written as [[reminder]] tables"),
        ("[[reminder]\n", "reminders.toml: line 1, column 11: TOML syntax error: expected ']]' at the end of an array of tables; restore it from your backup or version control"),
    ],
)  # fmt: skip
def test_a_log_plantrack_cannot_read_is_one_line_and_left_unchanged(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "reminders.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReminderLogError) as refused:
        read_reminders(path)
    assert english(refused.value) == message
    with pytest.raises(ReminderLogError), locked(path) as log:
        log.append([MONDAY])
    assert path.read_text(encoding="utf-8") == text


def test_a_read_only_log_is_refused_before_anything_is_done(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    path.write_text("", encoding="utf-8")
    path.chmod(0o444)
    entered = False
    with pytest.raises(ReminderLogError) as refused, locked(path):
        entered = True
    assert not entered
    assert english(refused.value) == (
        "reminders.toml: the reminder log is read-only, so plantrack will not change it nor "
        "send reminders; to remind, make it writable again (e.g. chmod u+w)"
    )


def test_a_folder_where_the_log_belongs_and_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "reminders.toml").mkdir()
    with pytest.raises(ReminderLogError) as refused, locked(tmp_path / "reminders.toml"):
        pass
    assert english(refused.value).startswith("reminders.toml: is a folder")
    with (
        pytest.raises(ReminderLogError) as missing,
        locked(tmp_path / "nowhere" / "reminders.toml"),
    ):
        pass
    assert "the folder nowhere does not exist" in english(missing.value)


def test_a_second_writer_waits_for_the_lock_and_then_gives_up(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    with locked(path) as log:
        with pytest.raises(ReminderLogError) as busy, locked(path, wait_seconds=0.1):
            pass
        log.append([MONDAY])
    assert english(busy.value) == (
        "reminders.toml: another plantrack has been writing for 0 s; try again, or check for a "
        "stuck process"
    )
    assert read_reminders(path) == (MONDAY,)


def test_the_log_and_its_lock_keep_a_shared_mode(tmp_path: Path) -> None:
    path = tmp_path / "reminders.toml"
    path.write_text("", encoding="utf-8")
    path.chmod(0o664)
    with locked(path) as log:
        log.append([MONDAY])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o664
    if not os.environ.get(WITHOUT_FCNTL):  # filelock's own lock (no flock) goes on release
        assert stat.S_IMODE(os.stat(tmp_path / "reminders.toml.lock").st_mode) == 0o664
