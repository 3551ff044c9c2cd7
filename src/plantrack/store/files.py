"""Reading a file with its status, and writing one so that readers and crashes only ever see
the old content or the new."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
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


def read_with_status(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status of that very file, as the parse caches' key needs.

    Raises OSError (FileNotFoundError among them); the caller phrases it for the user.
    """
    with open(path, "rb") as stream:
        return stream.read(), os.fstat(stream.fileno())


def temporary_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def replace_atomically(path: Path, content: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, fsync it, rename it over `path`, fsync the folder.

    Raises OSError; the caller phrases it for the user. The file keeps its permissions.
    `durable=False` skips the fsyncs, for files that may be lost in a crash (caches): the
    rename still means a reader sees the old content or the new, never a mix.
    """
    with writing_atomically(path, durable=durable) as stream:
        stream.write(content)


@contextlib.contextmanager
def writing_atomically(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """replace_atomically for content written piece by piece: what is written to the stream
    replaces `path` when the block ends without an exception, and is discarded otherwise."""
    folder = path.parent
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        _replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(folder)


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


def _mode_for(path: Path) -> int:
    """Keep the file's permissions (colleagues may share it); a new one follows the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
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
