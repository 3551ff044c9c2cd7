"""Holding a data file's lock for a read-modify-write, the way the ledger is held
(store/ledger.py `locked`): a lock file beside it through filelock (flock on POSIX,
LockFileEx on Windows), taking the data file's mode and group so that a file a group shares
stays writable by the whole group. The caller says in its own words what went wrong.
"""

from __future__ import annotations

import contextlib
import os
import stat
import warnings
from collections.abc import Iterator
from pathlib import Path

from plantrack.store.files import NotPlainFile, plain_or_absent, temporary_prefix

LOCK_WAIT_SECONDS = 60.0
LOCK_POLL_SECONDS = 0.005


class LockBusy(Exception):
    """Another process held the lock for the whole wait."""


class ReadOnly(Exception):
    """The data file is read-only: meant to stay as it is, so it is not replaced."""


def lock_path(data: Path) -> Path:
    return data.with_name(data.name + ".lock")


def writable_status(data: Path) -> os.stat_result | None:
    """The status of a data file plantrack may replace; None when there is none yet.

    Raises IsADirectoryError for a folder, NotPlainFile for a device, pipe or socket,
    ReadOnly for a file without write permission (checked on the mode itself, root
    included: renaming over it would succeed, as the folder is writable), else OSError.
    """
    try:
        status = os.stat(data)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(data)
    if not stat.S_ISREG(status.st_mode):
        raise NotPlainFile(data)
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        data, os.W_OK
    ):
        raise ReadOnly(data)
    return status


@contextlib.contextmanager
def holding_lock(
    data: Path, status: os.stat_result | None, wait_seconds: float = LOCK_WAIT_SECONDS
) -> Iterator[None]:
    """Hold the lock file beside `data` (whose status writable_status gave) for the block;
    other writers wait their turn. Leftovers of a writer that was killed mid-write are
    removed once the lock is held.

    Raises NotPlainFile when the lock file is a link or a special file, LockBusy after
    `wait_seconds`, OSError when the lock file cannot be made.
    """
    mode = None if status is None else stat.S_IMODE(status.st_mode)
    with hold(lock_path(data), mode, status, wait_seconds):
        remove_abandoned_temporaries(data)
        yield


@contextlib.contextmanager
def hold(
    lock_file: Path,
    mode: int | None,
    shared_with: os.stat_result | None,
    wait_seconds: float = LOCK_WAIT_SECONDS,
) -> Iterator[None]:
    """Hold a lock file for the block. The lock takes `mode` and the group of `shared_with`
    (the data file's, or its folder's): a file that a group shares (0664) gets a lock the
    whole group can open, or the first clerk to write would lock out the others.

    Raises NotPlainFile when the lock file is a link or a special file, LockBusy after
    `wait_seconds`, OSError when the lock file cannot be made.
    """
    if not plain_or_absent(lock_file):
        raise NotPlainFile(lock_file)
    _share_lock_file(lock_file, mode)
    with warnings.catch_warnings():
        # Without flock or LockFileEx, filelock warns that it falls back to a lock file of its
        # own; that lock is sound (it breaks the lock of a writer that died), so say nothing.
        warnings.simplefilter("ignore")
        from filelock import FileLock, Timeout  # only commands that write need it
    lock = (
        FileLock(lock_file, timeout=wait_seconds)
        if mode is None
        else FileLock(lock_file, timeout=wait_seconds, mode=mode)
    )
    try:
        lock.acquire(poll_interval=LOCK_POLL_SECONDS)
    except Timeout:
        raise LockBusy(lock_file) from None
    try:
        if shared_with is not None:
            _share_group(lock_file, shared_with)
        yield
    finally:
        lock.release()


def _share_lock_file(lock_file: Path, mode: int | None) -> None:
    """An existing lock of this user's gets the data file's mode again; another user's lock
    is left as it is."""
    if mode is None or os.name == "nt":
        return
    with contextlib.suppress(OSError):
        found = os.lstat(lock_file)
        if found.st_uid == os.geteuid() and stat.S_IMODE(found.st_mode) != mode:
            os.chmod(lock_file, mode)


def _share_group(lock_file: Path, data: os.stat_result) -> None:
    """The lock file in the data file's group, when it is not already (best effort)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        found = os.stat(lock_file)
        if found.st_gid != data.st_gid and found.st_uid == os.geteuid():
            os.chown(lock_file, -1, data.st_gid)


def remove_abandoned_temporaries(data: Path) -> None:
    """Temporary files left by a writer that was killed; safe to remove under the lock."""
    for leftover in data.parent.glob(temporary_prefix(data) + "*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
