"""The ledger of actuals: a TOML file of [[entry]] tables, read, locked and appended to safely;
or a folder of such files, one per unit (store/ledger_folder.py).

Every write happens under an exclusive lock on a file beside the ledger (filelock: flock on
POSIX, LockFileEx on Windows), goes to a temporary file in the same folder, is flushed and
fsynced, and replaces the ledger atomically, so that a reader or a crash only ever sees the
old file or the new one. New entries are added after the existing bytes, which are copied
unchanged: plantrack never rewrites or deletes what is already in the ledger.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import math
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from plantrack.core.errors import InvalidPeriod, LedgerError
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.model import Entry
from plantrack.core.periods import Month, parse_ledger_month
from plantrack.core.values import LARGEST_FIGURE, format_number
from plantrack.store import cache
from plantrack.store.files import (
    NotDurable,
    NotPlainFile,
    opening_problem,
    os_reason,
    read_with_status,
    real_path,
    writing_atomically,
)
from plantrack.store.locking import (
    LOCK_WAIT_SECONDS,
    LockBusy,
    ReadOnly,
    hold,
    lock_path,
    remove_abandoned_temporaries,
    writable_status,
)
from plantrack.store.toml_files import parse_toml

if TYPE_CHECKING:
    from plantrack.core.model import Plan
    from plantrack.store.ledger_folder import LockedFolder

LEDGER_FILE_NAME = "actuals.toml"
HEADER = (
    "# plantrack ledger: one [[entry]] per recorded figure, oldest first.\n"
    "# A later entry for the same target and period supersedes an earlier one; nothing is deleted.\n"
    "# Record with `plantrack record` or `plantrack import`; see docs/recording.md.\n"
)
ENTRY_FIELDS = (
    "target", "unit", "period", "event", "milestone", "value", "recorded_at", "by", "source",
    "note", "withdrawn", "progress_note", "problems", "measures",
)  # fmt: skip
TEXT_FIELDS = (
    "target", "unit", "period", "event", "milestone", "recorded_at", "by", "source", "note",
    "progress_note", "problems", "measures",
)  # fmt: skip
# A key project's start (开工) and a milestone reached: entries without a value.
EVENTS = ("started", "milestone")
REQUIRED_FIELDS = ("target", "period", "value", "recorded_at", "by")
_ENTRY_HEADER = re.compile(rb"^\s*\[\[\s*entry\s*\]\]", re.MULTILINE)
_ENTRY_HEADER_TEXT = re.compile(r"^\s*\[\[\s*entry\s*\]\]", re.MULTILINE)


def default_ledger_path(plan_path: Path) -> Path:
    return plan_path.parent / LEDGER_FILE_NAME


def is_folder_ledger(location: str | os.PathLike[str]) -> bool:
    """Whether a ledger path names a folder of ledger files: an existing folder, or a path
    written with a trailing separator (`ledger/`), which a writer creates. Anything else is
    one ledger file, created by the first write."""
    text = os.fspath(location)
    return text.endswith(_SEPARATORS) or os.path.isdir(text)


_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def read_entries(ledger: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """Every entry in file order; a ledger that does not exist yet has none. A folder's
    entries are merged in the order they were recorded (store/ledger_folder.py)."""
    if is_folder_ledger(ledger):
        from plantrack.store.ledger_folder import read_folder

        return read_folder(Path(ledger))
    path = Path(ledger)
    source = _read_source(path)
    return () if source is None else tuple(read_columns(path, source[0]).entries())


def read_columns(
    ledger: Path, raw: bytes, *, real: Path | None = None, months: dict[Any, Month] | None = None
) -> cache.LedgerColumns:
    """The entries of these bytes from the parse cache when it matches them, else parsed
    and cached. `real` is the ledger's real path when the caller knows it; `months` may be
    shared by the files of a folder."""
    real = real_path(ledger) if real is None else real
    key = cache.fingerprint(real, raw)
    cached = cache.load_ledger(real, key, months)
    if cached is not None:
        return cached
    entries = parse_ledger(raw, ledger)
    cache.store_ledger(real, key, entries)
    return cache.LedgerColumns.of_entries(entries)


def _read_source(ledger: Path) -> tuple[bytes, os.stat_result] | None:
    try:
        return read_with_status(ledger)
    except FileNotFoundError:
        return None
    except (OSError, NotPlainFile) as problem:
        raise LedgerError(
            opening_problem(
                problem, ledger, is_folder="ledger.is_folder", not_plain="ledger.not_plain"
            )
        ) from None


def parse_ledger(raw: bytes, ledger: Path) -> tuple[Entry, ...]:
    """Parse and check the whole ledger; any problem stops the command that reads it."""
    data = parse_toml(
        raw, ledger, LedgerError, utf8_fix="fix.restore_ledger", syntax_fix="fix.ledger_syntax"
    )
    for key in data:
        if key in ("plan", "section", "target"):  # the plan given where the ledger belongs
            raise LedgerError(msg("ledger.looks_like_plan", file=ledger))
        if key != "entry":
            raise LedgerError(msg("ledger.unexpected_key", file=ledger, key=key))
    tables = data.get("entry", [])
    if not isinstance(tables, list):
        raise LedgerError(msg("ledger.entry_not_array", file=ledger))
    return tuple(
        _entry_from_table(table, number, raw, ledger) for number, table in enumerate(tables, 1)
    )


def _entry_from_table(table: object, number: int, raw: bytes, ledger: Path) -> Entry:
    def refuse(problem: Message) -> LedgerError:
        line = _line_of_entry(raw, number)
        where = (
            msg("ledger.entry_at_line", number=number, line=line)
            if line
            else msg("ledger.entry_n", number=number)
        )
        return LedgerError(msg("ledger.bad_entry", file=ledger, where=where, problem=problem))

    if not isinstance(table, dict):
        raise refuse(msg("ledger.not_a_table"))
    for key in table:
        if key not in ENTRY_FIELDS:
            raise refuse(msg("ledger.unknown_field", key=key, fields=Listing.of(ENTRY_FIELDS)))
    withdrawn = table.get("withdrawn", False)
    if not isinstance(withdrawn, bool):
        raise refuse(msg("ledger.withdrawn_not_bool"))
    event = table.get("event")
    if event is not None and event not in EVENTS:
        raise refuse(msg("ledger.bad_event", event=repr(event), events=Listing.of(EVENTS)))
    if (event == "milestone") != ("milestone" in table):
        raise refuse(msg("ledger.milestone_field"))
    # A withdrawal and an event have no value; every other entry has one.
    for key in REQUIRED_FIELDS:
        if key not in table and not (key == "value" and (withdrawn or event)):
            raise refuse(msg("ledger.missing_field", key=key))
    if withdrawn and "value" in table:
        raise refuse(msg("ledger.withdrawal_with_value"))
    if event and "value" in table:
        raise refuse(msg("ledger.event_with_value", event=event))
    value = table.get("value")
    if not withdrawn and not event:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise refuse(msg("ledger.value_not_finite", value=repr(value)))
        if isinstance(value, float) and not math.isfinite(value):
            raise refuse(msg("ledger.value_not_finite", value=repr(value)))
        if abs(value) > LARGEST_FIGURE:  # an int of any size compares exactly
            raise refuse(msg("ledger.value_too_large", largest=format_number(LARGEST_FIGURE)))
    for key in TEXT_FIELDS:
        if key in table and not isinstance(table[key], str):
            raise refuse(msg("ledger.not_text", key=key))
    try:
        period = parse_ledger_month(table["period"])
    except InvalidPeriod as problem:
        raise refuse(msg("ledger.bad_period", problem=problem.message)) from None
    return Entry(
        target=table["target"],
        period=period,
        value=None if value is None else float(value),
        recorded_at=table["recorded_at"],
        by=table["by"],
        source=table.get("source"),
        note=table.get("note"),
        withdrawn=withdrawn,
        progress_note=table.get("progress_note"),
        problems=table.get("problems"),
        measures=table.get("measures"),
        unit=table.get("unit"),
        event=event,
        milestone=table.get("milestone"),
    )


def _line_of_entry(raw: bytes, number: int) -> int | None:
    """The line of the number-th [[entry]] header, for a message about that entry."""
    for count, match in enumerate(_ENTRY_HEADER.finditer(raw), 1):
        if count == number:
            return raw.count(b"\n", 0, match.start()) + 1
    return None


def entry_table(entry: Entry) -> dict[str, Any]:
    """The entry as a TOML table; whole numbers are written without '.0' for readers."""
    table: dict[str, Any] = {"target": entry.target}
    if entry.unit is not None:
        table["unit"] = entry.unit
    table["period"] = str(entry.period)
    if entry.event is not None:
        table["event"] = entry.event
    if entry.milestone is not None:
        table["milestone"] = entry.milestone
    if entry.withdrawn:
        table["withdrawn"] = True
    elif entry.value is not None:
        table["value"] = int(entry.value) if float(entry.value).is_integer() else entry.value
    table["recorded_at"] = entry.recorded_at
    table["by"] = entry.by
    if entry.source is not None:
        table["source"] = entry.source
    if entry.note is not None:
        table["note"] = entry.note
    for key, text in (
        ("progress_note", entry.progress_note),
        ("problems", entry.problems),
        ("measures", entry.measures),
    ):
        if text is not None:
            table[key] = text
    return table


def render_entries(entries: Sequence[Entry]) -> str:
    # Each table's keys are written by tomli-w and the [[entry]] header by hand: given the
    # whole array, tomli-w writes short tables inline, which a reader diffs less easily.
    import tomli_w  # only commands that write need it

    return "".join("\n[[entry]]\n" + tomli_w.dumps(entry_table(entry)) for entry in entries)


def appended_content(
    raw: bytes | None, entries: Iterable[Entry], new_entries: Iterable[Entry]
) -> Iterator[bytes]:
    """The bytes of a ledger file once `new_entries` are added to it: its existing bytes,
    copied unchanged, then the new [[entry]] tables, rendered a thousand at a time so that an
    import of a million figures never holds their TOML whole. `entries` are those of `raw`."""
    if raw is None:
        yield HEADER.encode("utf-8")
        rendered: Iterable[Entry] = new_entries
    elif _written_inline(raw):
        # Written by hand as `entry = [...]`: [[entry]] cannot follow that, so the entries
        # are written out again in the usual form, every value kept.
        yield HEADER.encode("utf-8")
        rendered = itertools.chain(entries, new_entries)
    else:
        yield raw if raw.endswith(b"\n") or not raw else raw + b"\n"
        rendered = new_entries
    for chunk in cache.batched(rendered, cache.ROWS_AT_ONCE):
        yield render_entries(chunk).encode("utf-8")


def cache_appended(
    path: Path,
    sha256: str,
    before: cache.LedgerColumns | None,
    entries: Iterable[Entry],
    new_entries: Iterable[Entry],
) -> None:
    """Cache a ledger file just written: its entries were parsed from, or checked against,
    the bytes read under the lock, so the new bytes' entries are known. The cache of the
    old bytes is extended when there is one, else written whole."""
    key = cache.fingerprint_of(path, sha256)
    if before is not None and before.extendable:
        cache.store_ledger(path, key, new_entries, after=before)
    else:
        cache.store_ledger(path, key, itertools.chain(entries, new_entries))


@dataclass
class LockedLedger:
    """The ledger while this process holds its lock: the entries, and a way to add more."""

    path: Path
    raw: bytes | None
    entries: tuple[Entry, ...]
    appended: bool = False
    # Set when a write reached the ledger but may not survive a power cut (the folder's
    # fsync failed): the entry is recorded, and the user is told so, not that it failed.
    not_durable: Message | None = None
    # The entries as the parse cache held them, which a write extends.
    columns: cache.LedgerColumns | None = None

    def entries_of(self, target: str) -> list[Entry]:
        """One target's entries, in the order they supersede each other."""
        return [entry for entry in self.entries if entry.target == target]

    def append(self, new_entries: Sequence[Entry]) -> None:
        """Add entries after the existing bytes, replacing the file atomically; once per lock.

        The new entries are rendered and written a thousand at a time, and the parse cache
        is written the same way, so that an import of a million figures never holds their
        TOML or its cache whole.
        """
        assert not self.appended, "one append per lock: the ledger read under it is now old"
        if not new_entries:
            return
        digest = hashlib.sha256()
        try:
            with _writing(self.path) as stream:
                for content in appended_content(self.raw, self.entries, new_entries):
                    stream.write(content)
                    digest.update(content)
        except NotDurable as late:
            self.not_durable = msg(
                "ledger.not_durable", file=self.path, reason=os_reason(late.problem)
            )
        self.appended = True
        cache_appended(self.path, digest.hexdigest(), self.columns, self.entries, new_entries)


@contextlib.contextmanager
def locked(
    ledger: str | os.PathLike[str],
    wait_seconds: float = LOCK_WAIT_SECONDS,
    *,
    plan: Plan | None = None,
) -> Iterator[LockedLedger | LockedFolder]:
    """Hold the ledger's lock file for a read-modify-write; other writers wait their turn.

    A ledger reached through a symbolic link is the file the link names: it is locked and
    replaced there, so that a clerk's link to a shared ledger stays a link to it. A folder
    ledger is locked as a whole, and `plan` says which file of it each new entry goes to.
    """
    if is_folder_ledger(ledger):
        from plantrack.store.ledger_folder import locked_folder

        with locked_folder(Path(ledger), plan, wait_seconds) as book:
            yield book
        return
    path = real_path(Path(ledger))
    if not path.parent.is_dir():
        raise LedgerError(msg("ledger.no_folder", file=path, folder=path.parent))
    status = _writable_status(path)
    mode = None if status is None else stat.S_IMODE(status.st_mode)
    with holding(lock_path(path), mode, status, wait_seconds, ledger=path):
        remove_abandoned_temporaries(path)
        source = _read_source(path)
        raw = None if source is None else source[0]
        columns = None if raw is None else read_columns(path, raw)
        entries = () if columns is None else tuple(columns.entries())
        yield LockedLedger(path, raw, entries, columns=columns)


@contextlib.contextmanager
def holding(
    lock_file: Path,
    mode: int | None,
    shared_with: os.stat_result | None,
    wait_seconds: float,
    *,
    ledger: Path,
) -> Iterator[None]:
    """Hold a ledger's lock file (store/locking.py `hold`), a failure to take it being the
    ledger's one-line problem."""
    held = contextlib.ExitStack()
    try:
        held.enter_context(hold(lock_file, mode, shared_with, wait_seconds))
    except NotPlainFile:  # a link or a device where the lock belongs
        raise LedgerError(msg("ledger.lock_not_plain", file=lock_file)) from None
    except LockBusy:
        raise LedgerError(msg("ledger.busy", file=ledger, seconds=round(wait_seconds))) from None
    except OSError as problem:
        raise LedgerError(
            msg(
                "ledger.lock_failed",
                file=lock_file,
                reason=os_reason(problem),
                folder=lock_file.parent,
            )
        ) from None
    with held:
        yield


def _writable_status(ledger: Path) -> os.stat_result | None:
    """The ledger's status, once it is known to be a regular file plantrack may replace;
    None when there is no ledger yet (store/locking.py `writable_status`)."""
    try:
        return writable_status(ledger)
    except IsADirectoryError:
        raise LedgerError(msg("ledger.is_folder", file=ledger)) from None
    except NotPlainFile:
        raise LedgerError(msg("ledger.not_plain", file=ledger)) from None
    except ReadOnly:
        raise LedgerError(msg("ledger.read_only", file=ledger)) from None
    except OSError as problem:
        raise LedgerError(msg("file.unreadable", file=ledger, reason=os_reason(problem))) from None


def _written_inline(raw: bytes) -> bool:
    """Whether the entries were written by hand as `entry = [...]`, after which no [[entry]]
    table may follow. TOML allows that key only in the root table, before the first table
    header, so only that part is parsed: a line in a note that looks like `entry = ...` is
    text inside an [[entry]] table and does not count."""
    text = raw.decode("utf-8-sig")
    first_table = _ENTRY_HEADER_TEXT.search(text)
    root = text if first_table is None else text[: first_table.start()]
    try:
        return "entry" in tomllib.loads(root)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        # The cut fell inside a string of the root table: the root has content, and the only
        # key the ledger allows there is `entry`.
        return True


@contextlib.contextmanager
def _writing(ledger: Path) -> Iterator[BinaryIO]:
    """writing_atomically, a failure to write being the ledger's one-line problem."""
    try:
        with writing_atomically(ledger) as stream:
            yield stream
    except NotPlainFile:
        raise LedgerError(msg("ledger.not_plain", file=ledger)) from None
    except OSError as problem:
        raise LedgerError(
            msg("ledger.write_failed", file=ledger, reason=os_reason(problem))
        ) from None
