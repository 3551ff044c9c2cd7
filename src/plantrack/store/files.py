"""Reading a file with its status, and writing one so that readers and crashes only ever see
the old content or the new."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from plantrack.core.messages import Message, msg

# Windows refuses to replace a file that another process has open (a reader, a virus
# scanner, a sync client) with PermissionError; such a hold lasts milliseconds.
REPLACE_ATTEMPTS = 10
REPLACE_PAUSE_SECONDS = 0.05

_REASONS = {
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOSPC: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.ENOENT: "os.not_found",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_a_folder",
    getattr(errno, "EDQUOT", errno.ENOSPC): "os.no_space",  # not defined on Windows
}


def os_reason(error: OSError) -> Message:
    """Why the operating system refused, in the reader's words (its own text is English)."""
    key = _REASONS.get(error.errno or 0)
    if key is not None:
        return msg(key)
    return msg("os.other", detail=error.strerror or str(error))


# Plans, mail settings and import files are small; a file beyond this is the wrong file
# (`--plan /dev/zero`, a video), and reading it would only exhaust memory. The ledger has
# no cap: it grows by every figure of every year it keeps.
LARGEST_INPUT_BYTES = 50 * 1024 * 1024


class NotPlainFile(Exception):
    """The path names a device, a pipe, a socket (or, for a write, a link): plantrack reads
    and replaces regular files only."""


class TooLarge(Exception):
    """The file is larger than the cap its role allows."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_with_status(path: Path, *, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status of that very file, as the parse caches' key needs.

    Raises NotPlainFile for anything but a regular file (checked on the open descriptor, and
    opened without blocking, so that a pipe cannot hang the command), TooLarge beyond
    `limit` bytes, else OSError (FileNotFoundError among them); the caller phrases it.
    """
    with open_regular(path) as stream:
        status = os.fstat(stream.fileno())
        if limit is not None and status.st_size > limit:
            raise TooLarge(status.st_size)
        return stream.read(), status


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, without blocking on a pipe; NotPlainFile for anything
    but a regular file, else OSError as open raises it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotPlainFile(path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return open(descriptor, "rb")


def opening_problem(
    problem: OSError | NotPlainFile,
    path: Path,
    *,
    is_folder: str = "file.is_folder",
    not_plain: str = "file.not_plain",
) -> Message:
    """Why a file could not be opened for reading, naming it; the keys for a folder and for
    a device or pipe are the caller's, whose fix differs (the ledger, an import, the plan)."""
    if isinstance(problem, NotPlainFile):
        return msg(not_plain, file=path)
    if isinstance(problem, FileNotFoundError):
        if path.is_symlink():  # the link is there, what it names is not
            return msg("file.broken_link", file=path, target=os.readlink(path))
        return msg("file.not_found", file=path)
    if isinstance(problem, IsADirectoryError):
        return msg(is_folder, file=path)
    return msg("file.unreadable", file=path, reason=os_reason(problem))


def real_path(path: Path) -> Path:
    """The file a path names once every symbolic link is followed: a clerk's link to a shared
    ledger is written through to that ledger, and locked beside it."""
    return Path(os.path.realpath(path))


def plain_or_absent(path: Path) -> bool:
    """Whether `path` is a regular file or nothing at all, without following a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True


def temporary_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


class NotDurable(Exception):
    """The new content replaced the file, but the folder's fsync failed: the change is made
    and readers see it, yet a power cut could still undo it."""

    def __init__(self, problem: OSError) -> None:
        super().__init__(problem)
        self.problem = problem


def replace_atomically(
    path: Path, content: bytes, *, durable: bool = True, mode: int | None = None
) -> None:
    """Write to a temporary file beside `path`, fsync it, rename it over `path`, fsync the folder.

    Only a regular file, or nothing, is replaced: a device, a pipe or a link at `path` raises
    NotPlainFile before anything is written (a caller that means to write through a link
    resolves it first, with real_path). The new file keeps the old one's permissions and
    group, so a ledger shared by a group stays shared. Raises OSError before the rename,
    NotDurable after it; the caller phrases either for the user. `durable=False` skips the
    fsyncs, for files that may be lost in a crash (caches): the rename still means a reader
    sees the old content or the new, never a mix. `mode` sets the new file's permissions
    instead (a cache is 0600 whatever the umask).
    """
    with writing_atomically(path, durable=durable, mode=mode) as stream:
        stream.write(content)


@contextlib.contextmanager
def writing_atomically(
    path: Path, *, durable: bool = True, mode: int | None = None
) -> Iterator[BinaryIO]:
    """replace_atomically for content written piece by piece: what is written to the stream
    replaces `path` when the block ends without an exception, and is discarded otherwise.
    The same checks and errors: NotPlainFile before anything is written, OSError before the
    rename, NotDurable after it."""
    with staging(path, durable=durable, mode=mode) as (stream, staged):
        yield stream
    try:
        replace_staged([staged], durable=durable)
    except NotReplaced as failed:
        raise failed.problem from None


@dataclass(frozen=True)
class Staged:
    """New content of `path`, complete and flushed in a temporary file beside it, waiting
    for its rename (replace_staged)."""

    path: Path
    temporary: str

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)


@contextlib.contextmanager
def staging(
    path: Path, *, durable: bool = True, mode: int | None = None
) -> Iterator[tuple[BinaryIO, Staged]]:
    """The first half of an atomic write: what is written to the stream is flushed (and, if
    `durable`, fsynced) to a temporary file beside `path` with the old file's permissions and
    group; nothing is renamed. On an exception the temporary file is removed. Raises
    NotPlainFile when `path` is anything but a regular file or nothing, else OSError."""
    try:
        old: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise NotPlainFile(path)
    if mode is None:
        mode = stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode()
    handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), dir=path.parent)
    staged = Staged(path, temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream, staged
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if old is not None:
            _keep_group(temporary, old)
    except BaseException:
        staged.discard()
        raise


class NotReplaced(Exception):
    """A rename of replace_staged failed: the first `replaced` files were replaced, `path`
    and those after it were not (their temporary files are removed)."""

    def __init__(self, problem: OSError, replaced: int, path: Path) -> None:
        super().__init__(problem)
        self.problem, self.replaced, self.path = problem, replaced, path


def replace_staged(staged: Sequence[Staged], *, durable: bool = True) -> None:
    """The second half: rename each temporary file over its path, then fsync each folder
    once. Every file's new content was written before the first rename, so a failure of the
    first leaves every file as it was; NotReplaced says how far the renames came (the
    caller may put the files before it back). NotDurable when a folder's fsync fails after
    every rename."""
    for number, item in enumerate(staged):
        try:
            _replace(item.temporary, item.path)
        except BaseException as problem:
            for rest in staged[number:]:
                rest.discard()
            if isinstance(problem, OSError):
                raise NotReplaced(problem, number, item.path) from None
            raise
    if durable:
        try:
            for folder in dict.fromkeys(item.path.parent for item in staged):
                _fsync_folder(folder)
        except OSError as problem:
            raise NotDurable(problem) from None


def _keep_group(temporary: str, old: os.stat_result) -> None:
    """Give the new file the old one's group (best effort: a clerk may only choose among the
    groups they belong to, and Windows has no groups)."""
    if os.name == "nt" or os.stat(temporary).st_gid == old.st_gid:
        return
    with contextlib.suppress(OSError):
        os.chown(temporary, -1, old.st_gid)


def _replace(temporary: str, path: Path) -> None:
    """os.replace, retried while Windows reports the target busy."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(temporary, path)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_SECONDS * (attempt + 1))


def _new_file_mode() -> int:
    """A new file follows the umask, as one the user's editor would create."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
