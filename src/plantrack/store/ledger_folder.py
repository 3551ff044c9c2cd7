"""A ledger kept as a folder of ledger files, so that many units share it through git without
merge conflicts (docs/collaboration.md): each unit's figures go to a file of its own.

Each `*.toml` in the folder is an ordinary ledger file. Reading merges them: a later
`recorded_at` supersedes an earlier one for the same target, unit and period, whichever
files they are in. Writing takes one lock for the folder (`.plantrack.lock` inside it),
then writes each file it adds to as store/ledger.py writes one ledger: its bytes copied
unchanged, the new [[entry]] tables after them, a temporary file fsynced and renamed over it.
A write to several files writes every temporary file before it renames the first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from plantrack.core.errors import LedgerError
from plantrack.core.messages import Message, msg
from plantrack.core.model import ID_PATTERN, Entry, Plan
from plantrack.core.periods import Month
from plantrack.store.cache import LedgerColumns, paused_collector
from plantrack.store.files import (
    NotDurable,
    NotPlainFile,
    NotReplaced,
    Staged,
    opening_problem,
    os_reason,
    read_with_status,
    real_path,
    replace_atomically,
    replace_staged,
    staging,
)
from plantrack.store.ledger import (
    appended_content,
    cache_appended,
    holding,
    read_columns,
)
from plantrack.store.locking import LOCK_WAIT_SECONDS

# The file of figures that belong to no unit: no unit's own, and a target led by no unit.
# Unit ids are kebab-case, so none is `_plan`.
PLAN_FILE = "_plan.toml"
LOCK_NAME = ".plantrack.lock"
SUFFIX = ".toml"
_TEMPORARY = re.compile(r"^\..+\.toml\.tmp-")
_RECORDED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def home_file(entry: Entry, plan: Plan | None) -> str:
    """The file of the folder an entry is written to: a unit's own figure to that unit's
    file; a district figure to the file of the unit that leads its target (when the plan
    declares units); anything else to _plan.toml. Where an entry is stored does not change
    what it means: that is its `unit` field."""
    unit = entry.unit
    if unit is None and plan is not None:
        target = plan.target(entry.target)
        lead = None if target is None else target.lead
        unit = lead if lead is not None and plan.unit(lead) is not None else None
    if unit is None:
        return PLAN_FILE
    if not re.fullmatch(ID_PATTERN, unit):  # ids are checked when figures are read
        raise ValueError(f"not a unit id: {unit!r}")
    return unit + SUFFIX


def ledger_files(folder: Path) -> list[Path]:
    """The ledger files of a folder, by name: every `*.toml` in it that is not hidden (the
    lock, temporary files) and not a folder; subfolders are not read. A folder that does
    not exist yet has none."""
    try:
        with os.scandir(folder) as found:
            names = [
                item.name
                for item in found
                if item.name.endswith(SUFFIX)
                and not item.name.startswith(".")
                and not _is_folder(item)
            ]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise LedgerError(msg("folder.not_folder", file=folder)) from None
    except OSError as problem:
        raise LedgerError(msg("file.unreadable", file=folder, reason=os_reason(problem))) from None
    return [folder / name for name in sorted(names)]


def _is_folder(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False


@dataclass(frozen=True)
class Member:
    """One file of the folder as read: its bytes and its entries."""

    path: Path
    raw: bytes
    columns: LedgerColumns


def read_member(path: Path, real: Path, months: dict[Any, Month]) -> Member:
    """A file of the folder, refused with its own name when it is not a regular file or
    not a valid ledger: every file in the folder must be the file itself, since plantrack
    writes it in place under the folder's lock (a link would lead a write outside it).
    `real` is its real path (its folder's, and its name: it is no link)."""
    try:
        found = os.lstat(path)
    except OSError as problem:
        raise LedgerError(opening_problem(problem, path)) from None
    if stat.S_ISLNK(found.st_mode):
        raise LedgerError(msg("folder.link", file=path))
    if not stat.S_ISREG(found.st_mode):
        raise LedgerError(msg("folder.not_plain", file=path))
    try:
        raw, _ = read_with_status(path)
    except (OSError, NotPlainFile) as problem:
        raise LedgerError(opening_problem(problem, path, not_plain="folder.not_plain")) from None
    return Member(path, raw, read_columns(path, raw, real=real, months=months))


def read_members(folder: Path) -> dict[str, Member]:
    """Every ledger file of the folder, by name."""
    real = real_path(folder)
    months: dict[Any, Month] = {}  # the files have the same few months: share them
    return {path.name: read_member(path, real / path.name, months) for path in ledger_files(folder)}


def read_folder(folder: Path) -> tuple[Entry, ...]:
    """Every entry of the folder's files, in the order they were recorded."""
    return merged(member.columns for member in read_members(folder).values())


def merged(files: Iterable[LedgerColumns], target: str | None = None) -> tuple[Entry, ...]:
    """The entries of several files (or only one target's) in the order of their
    `recorded_at`, so that, as in one file, a later entry supersedes an earlier one. The
    sort is stable: entries recorded in the same second keep their order within a file, and
    the files' order by name between files."""
    entries: list[Entry] = []
    stamps: list[str] = []
    for columns in files:
        chosen = columns.entries() if target is None else columns.entries_of(target)
        entries.extend(chosen)
        stamps.extend(columns.recorded_at if target is None else (e.recorded_at for e in chosen))
    ranks = {stamp: recorded_order(stamp) for stamp in set(stamps)}
    keys = list(map(ranks.__getitem__, stamps))
    with paused_collector():
        order = sorted(range(len(entries)), key=keys.__getitem__)
        return tuple(map(entries.__getitem__, order))


def recorded_order(recorded_at: str) -> str:
    """A key that sorts `recorded_at` texts by the moment they name. plantrack writes UTC
    to the second (2023-07-03T08:15:00Z), which sorts as it is; a time written by hand with
    an offset, a fraction or without a zone (taken as UTC) is converted. Text that is no time
    sorts before every time: an entry whose moment is unknown is superseded by any other."""
    if _RECORDED_AT.match(recorded_at):
        return recorded_at
    try:
        moment = datetime.fromisoformat(recorded_at)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    whole = moment.isoformat(timespec="seconds") + "Z"
    # A fraction sorts after its whole second ('Z' + digits > 'Z') and before the next one.
    return f"{whole}{moment.microsecond:06d}" if moment.microsecond else whole


@dataclass
class LockedFolder:
    """A ledger folder while this process holds its lock: its files as read under the lock,
    their entries, and a way to add more, each to the file it belongs in."""

    folder: Path
    plan: Plan | None
    members: dict[str, Member]
    appended: bool = False
    not_durable: Message | None = None
    _entries: tuple[Entry, ...] | None = field(default=None, repr=False)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the folder, in the order they were recorded."""
        if self._entries is None:
            self._entries = merged(member.columns for member in self.members.values())
        return self._entries

    def entries_of(self, target: str) -> list[Entry]:
        """One target's entries, in the order they supersede each other; only those are
        made, so that recording one figure in a folder of 240,000 entries stays quick."""
        return list(merged((member.columns for member in self.members.values()), target))

    def append(self, new_entries: Sequence[Entry]) -> None:
        """Add each entry to its file (home_file); once per lock. Every file's new content
        is written to a temporary file first, and only then are they renamed into place,
        so that an import is refused whole when any file cannot be written."""
        assert not self.appended, "one append per lock: the folder read under it is now old"
        grouped: dict[str, list[Entry]] = {}
        for entry in new_entries:
            grouped.setdefault(home_file(entry, self.plan), []).append(entry)
        for name in grouped:
            _check_writable(self.folder / name)
        written = self._stage(grouped)
        self._replace([staged for staged, _ in written.values()])
        self.appended = True
        for name, (staged, sha256) in written.items():
            member = self.members.get(name)
            before = None if member is None else member.columns
            cache_appended(staged.path, sha256, before, _LazyEntries(member), grouped[name])

    def _stage(self, grouped: dict[str, list[Entry]]) -> dict[str, tuple[Staged, str]]:
        written: dict[str, tuple[Staged, str]] = {}
        try:
            for name, new in grouped.items():
                path = self.folder / name
                member = self.members.get(name)
                raw = None if member is None else member.raw
                with _staging(path) as (stream, staged):
                    digest = hashlib.sha256()
                    # The file's entries are needed only to rewrite an `entry = [...]` file.
                    entries = _LazyEntries(member)
                    for content in appended_content(raw, entries, new):
                        stream.write(content)
                        digest.update(content)
                written[name] = (staged, digest.hexdigest())
        except BaseException:
            for staged, _ in written.values():
                staged.discard()
            raise
        return written

    def _replace(self, staged: list[Staged]) -> None:
        try:
            replace_staged(staged)
        except NotDurable as late:
            self.not_durable = msg(
                "ledger.not_durable", file=self.folder, reason=os_reason(late.problem)
            )
        except NotReplaced as failed:
            self._put_back(staged[: failed.replaced])
            raise LedgerError(
                msg("ledger.write_failed", file=failed.path, reason=os_reason(failed.problem))
            ) from None

    def _put_back(self, replaced: list[Staged]) -> None:
        """After a rename failed part way, the files renamed before it get their old bytes
        back (best effort), so that an import is not left half recorded."""
        for item in replaced:
            member = self.members.get(item.path.name)
            with contextlib.suppress(OSError, NotPlainFile):
                if member is None:
                    item.path.unlink()
                else:
                    replace_atomically(item.path, member.raw)


class _LazyEntries(Iterable[Entry]):
    """A file's entries, made only if they are asked for."""

    def __init__(self, member: Member | None) -> None:
        self._member = member

    def __iter__(self) -> Iterator[Entry]:
        return iter([] if self._member is None else self._member.columns.entries())


@contextlib.contextmanager
def locked_folder(
    given: Path, plan: Plan | None, wait_seconds: float = LOCK_WAIT_SECONDS
) -> Iterator[LockedFolder]:
    """Hold the folder's lock for a read-modify-write, creating the folder when a path with
    a trailing separator names one that does not exist yet (its parent must). A folder
    reached through a symbolic link is locked and written where the link points."""
    folder = real_path(given)
    status = _writable_folder(folder)
    mode = stat.S_IMODE(status.st_mode) & 0o666  # the lock is a file: no execute, no setgid
    with holding(folder / LOCK_NAME, mode, status, wait_seconds, ledger=folder):
        _remove_abandoned_temporaries(folder)
        yield LockedFolder(folder, plan, read_members(folder))


def _writable_folder(folder: Path) -> os.stat_result:
    """The folder's status, once it exists and plantrack may write in it. A folder made
    read-only (chmod 555) is meant to stay as it is, so its mode is checked, as a ledger
    file's is (root included)."""
    try:
        status = os.stat(folder)
    except FileNotFoundError:
        status = _created(folder)
    except OSError as problem:
        raise LedgerError(msg("file.unreadable", file=folder, reason=os_reason(problem))) from None
    if not stat.S_ISDIR(status.st_mode):
        raise LedgerError(msg("folder.not_folder", file=folder))
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        folder, os.W_OK | os.X_OK
    ):
        raise LedgerError(msg("folder.read_only", file=folder))
    return status


def _created(folder: Path) -> os.stat_result:
    """A folder ledger named with a trailing separator is created by its first write, as a
    ledger file is; its parent must exist, as a ledger file's folder must."""
    if not folder.parent.is_dir():
        raise LedgerError(msg("ledger.no_folder", file=folder, folder=folder.parent))
    try:
        folder.mkdir(exist_ok=True)
        return os.stat(folder)
    except OSError as problem:
        raise LedgerError(
            msg("folder.cannot_create", file=folder, reason=os_reason(problem))
        ) from None


def _check_writable(path: Path) -> None:
    """A file of the folder that a write would replace: the file itself, writable, or none."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as problem:
        raise LedgerError(msg("file.unreadable", file=path, reason=os_reason(problem))) from None
    if stat.S_ISLNK(found.st_mode):
        raise LedgerError(msg("folder.link", file=path))
    if stat.S_ISDIR(found.st_mode):
        raise LedgerError(msg("folder.member_is_folder", file=path))
    if not stat.S_ISREG(found.st_mode):
        raise LedgerError(msg("folder.not_plain", file=path))
    if not found.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        path, os.W_OK
    ):
        raise LedgerError(msg("ledger.read_only", file=path))


def _remove_abandoned_temporaries(folder: Path) -> None:
    """Temporary files left by a writer that was killed; safe to remove under the lock."""
    leftovers: list[str] = []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        leftovers = [item.path for item in found if _TEMPORARY.match(item.name)]
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            os.unlink(leftover)


@contextlib.contextmanager
def _staging(path: Path) -> Iterator[tuple[BinaryIO, Staged]]:
    """staging, a failure to write being the file's one-line problem."""
    try:
        with staging(path) as written:
            yield written
    except NotPlainFile:
        raise LedgerError(msg("folder.not_plain", file=path)) from None
    except OSError as problem:
        raise LedgerError(
            msg("ledger.write_failed", file=path, reason=os_reason(problem))
        ) from None
