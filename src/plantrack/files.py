"""Writing a file so that readers and crashes only ever see the old content or the new."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


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
    folder = path.parent
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path), dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(folder)


def _mode_for(path: Path) -> int:
    """Keep the file's permissions (colleagues may share it); a new one follows the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
