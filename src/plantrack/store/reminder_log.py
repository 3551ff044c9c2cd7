"""The reminder log, reminders.toml beside the ledger: one [[reminder]] per unit reminded, so
that `remind` reminds each unit at most once a day.

Written as the ledger is: appended to under the lock beside it (store/locking.py), through a
temporary file that replaces it atomically, the existing bytes copied unchanged.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from plantrack.core.errors import InvalidPeriod, ReminderLogError
from plantrack.core.messages import Message, msg
from plantrack.core.periods import parse_date
from plantrack.core.reminders import Sent
from plantrack.store.files import (
    NotDurable,
    NotPlainFile,
    opening_problem,
    os_reason,
    read_with_status,
    writing_atomically,
)
from plantrack.store.locking import (
    LOCK_WAIT_SECONDS,
    LockBusy,
    ReadOnly,
    holding_lock,
    lock_path,
    writable_status,
)
from plantrack.store.toml_files import parse_toml

REMINDER_LOG_NAME = "reminders.toml"
HEADER = (
    "# plantrack reminder log: one [[reminder]] per unit reminded, oldest first.\n"
    "# `plantrack remind` reads it to remind each unit at most once a day; see docs/reminders.md.\n"
)
_LISTS = ("targets", "periods", "channels")


def reminder_log_path(ledger: Path) -> Path:
    """reminders.toml beside the ledger: beside its file, or beside (never inside) a ledger
    folder."""
    if ledger.is_dir():
        return ledger.parent / REMINDER_LOG_NAME
    return ledger.with_name(REMINDER_LOG_NAME)


def read_reminders(path: Path) -> tuple[Sent, ...]:
    """Every reminder logged, oldest first; a log that does not exist yet has none."""
    raw = _read(path)
    return () if raw is None else parse_reminders(raw, path)


def _read(path: Path) -> bytes | None:
    try:
        return read_with_status(path)[0]
    except FileNotFoundError:
        return None
    except (OSError, NotPlainFile) as problem:
        raise ReminderLogError(
            opening_problem(
                problem, path, is_folder="remind.log_is_folder", not_plain="remind.log_not_plain"
            )
        ) from None


def parse_reminders(raw: bytes, path: Path) -> tuple[Sent, ...]:
    """Parse the whole log; a record plantrack cannot read stops the command."""
    data = parse_toml(
        raw, path, ReminderLogError, utf8_fix="fix.restore_ledger", syntax_fix="fix.restore_ledger"
    )
    for key in data:
        if key != "reminder":
            raise ReminderLogError(msg("remind.log_unexpected_key", file=path, key=key))
    tables = data.get("reminder", [])
    if not isinstance(tables, list):
        raise ReminderLogError(msg("remind.log_not_array", file=path))
    return tuple(_record(table, number, path) for number, table in enumerate(tables, 1))


def _record(table: object, number: int, path: Path) -> Sent:
    """One [[reminder]]: `unit` and `day` are what the once-a-day rule reads, and required.
    A field plantrack does not know is left alone, for a later plantrack that writes it."""

    def refuse(problem: Message) -> ReminderLogError:
        return ReminderLogError(
            msg("remind.log_bad_record", file=path, number=number, problem=problem)
        )

    if not isinstance(table, dict):
        raise refuse(msg("ledger.not_a_table"))
    for key in ("unit", "day"):
        if key not in table:
            raise refuse(msg("ledger.missing_field", key=key))
    for key in ("unit", "day", "sent_at"):
        if key in table and not isinstance(table[key], str):
            raise refuse(msg("ledger.not_text", key=key))
    for key in _LISTS:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise refuse(msg("remind.log_not_a_list", key=key))
    if not isinstance(table.get("escalated", False), bool):
        raise refuse(msg("remind.log_not_a_flag", key="escalated"))
    try:
        day = parse_date(table["day"])
    except InvalidPeriod as problem:
        raise refuse(msg("at", where="day", problem=problem.message)) from None
    return Sent(
        unit=table["unit"],
        sent_at=table.get("sent_at", ""),
        day=day,
        targets=tuple(table.get("targets", ())),
        periods=tuple(table.get("periods", ())),
        escalated=table.get("escalated", False),
        channels=tuple(table.get("channels", ())),
    )


def record_table(sent: Sent) -> dict[str, Any]:
    return {
        "unit": sent.unit,
        "sent_at": sent.sent_at,
        "day": sent.day.isoformat(),
        "targets": list(sent.targets),
        "periods": list(sent.periods),
        "escalated": sent.escalated,
        "channels": list(sent.channels),
    }


def render_records(records: Sequence[Sent]) -> str:
    """The records as [[reminder]] tables, each list on one line (tomli-w would give every
    item a line of its own, and the log grows by a record per unit each reminding day)."""
    import tomli_w  # only commands that write need it

    def line(key: str, value: object) -> str:
        if isinstance(value, list):
            items = ", ".join(tomli_w.dumps({"v": item})[4:-1] for item in value)
            return f"{key} = [{items}]\n"
        return tomli_w.dumps({key: value})

    return "".join(
        "\n[[reminder]]\n" + "".join(line(key, value) for key, value in record_table(sent).items())
        for sent in records
    )


@dataclass
class LockedLog:
    """The reminder log while this process holds its lock: what it holds, and a way to add
    to it."""

    path: Path
    raw: bytes | None
    records: tuple[Sent, ...]
    appended: bool = False
    # The records reached the log, but the disk did not confirm the write (the folder's
    # fsync failed): a warning, not a failure.
    not_durable: Message | None = None

    def append(self, new: Sequence[Sent]) -> None:
        """Add records after the existing bytes, replacing the file atomically; once per lock."""
        assert not self.appended, "one append per lock: the log read under it is now old"
        self.appended = True
        if not new:
            return
        content = _appended(self.raw, self.records, new)
        try:
            with _writing(self.path) as stream:
                stream.write(content)
        except NotDurable as late:
            self.not_durable = msg(
                "remind.log_not_durable", file=self.path, reason=os_reason(late.problem)
            )


def _appended(raw: bytes | None, old: Sequence[Sent], new: Sequence[Sent]) -> bytes:
    """The old bytes unchanged and the new records after them. A log whose records were
    written by hand as `reminder = [...]` cannot take [[reminder]] after it (whether it
    could is decided by parsing the result): it is written out again whole."""
    added = render_records(new).encode("utf-8")
    if raw is None:
        return HEADER.encode("utf-8") + added
    content = (raw if raw.endswith(b"\n") or not raw else raw + b"\n") + added
    try:
        count = len(tomllib.loads(content.decode("utf-8-sig")).get("reminder", []))
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        count = -1
    if count == len(old) + len(new):
        return content
    return (HEADER + render_records([*old, *new])).encode("utf-8")


@contextlib.contextmanager
def locked(path: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[LockedLog]:
    """Hold the log's lock for a read-modify-write: a second `remind` waits until the first
    has logged what it sent, and so never reminds a unit twice on one day. Every reason the
    log cannot be written is refused here, before anything is sent."""
    if not path.parent.is_dir():
        raise ReminderLogError(msg("remind.log_no_folder", file=path, folder=path.parent))
    try:
        status = writable_status(path)
    except IsADirectoryError:
        raise ReminderLogError(msg("remind.log_is_folder", file=path)) from None
    except NotPlainFile:
        raise ReminderLogError(msg("remind.log_not_plain", file=path)) from None
    except ReadOnly:
        raise ReminderLogError(msg("remind.log_read_only", file=path)) from None
    except OSError as problem:
        raise ReminderLogError(
            msg("file.unreadable", file=path, reason=os_reason(problem))
        ) from None
    held = contextlib.ExitStack()
    try:
        held.enter_context(holding_lock(path, status, wait_seconds))
    except NotPlainFile:
        raise ReminderLogError(msg("ledger.lock_not_plain", file=lock_path(path))) from None
    except LockBusy:
        raise ReminderLogError(msg("ledger.busy", file=path, seconds=round(wait_seconds))) from None
    except OSError as problem:
        raise ReminderLogError(
            msg(
                "ledger.lock_failed",
                file=lock_path(path),
                reason=os_reason(problem),
                folder=path.parent,
            )
        ) from None
    with held:
        raw = _read(path)
        records = () if raw is None else parse_reminders(raw, path)
        yield LockedLog(path, raw, records)


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[BinaryIO]:
    """writing_atomically, a failure to write being the log's one-line problem."""
    try:
        with writing_atomically(path) as stream:
            yield stream
    except NotPlainFile:
        raise ReminderLogError(msg("remind.log_not_plain", file=path)) from None
    except OSError as problem:
        raise ReminderLogError(
            msg("remind.log_write_failed", file=path, reason=os_reason(problem))
        ) from None
