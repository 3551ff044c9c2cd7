"""Parse caches in the user's own cache folder, so that a large file is parsed once, not per
command (docs/performance.md), and so that no one else can read or forge them.

A cache lives in `$PLANTRACK_CACHE_DIR`, else the user cache folder platformdirs names
(~/.cache/plantrack on Linux), in a folder of mode 0700 that this user owns, as a file of
mode 0600 named after the real path of its source. It is keyed on that real path, the
SHA-256 of the source's bytes and a hash of plantrack's own code, so that a cache built by
another version, or from other bytes, is never used. Its payload is checked in full when it
is loaded; anything unexpected is a miss, and the source is parsed again: the source is
always the authority. Caching is best effort (a cache folder that cannot be written only
means slower commands) and `PLANTRACK_NO_CACHE=1` turns it off. Nothing is ever written
beside the plan or the ledger.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import hashlib
import itertools
import json
import marshal
import math
import os
import re
import stat
import struct
import sys
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import MISSING, asdict, fields
from pathlib import Path
from typing import Any, TypeVar

from plantrack.core.constraints import Number, Rule, Text, WholeNumber
from plantrack.core.model import (
    Calendar,
    Defaults,
    Entry,
    Plan,
    PlanInfo,
    Project,
    Register,
    Rules,
    Section,
    Target,
    Unit,
)
from plantrack.core.periods import Month
from plantrack.core.values import LARGEST_FIGURE
from plantrack.store.files import (
    NotPlainFile,
    open_regular,
    replace_atomically,
    writing_atomically,
)

T = TypeVar("T")
# 5: the ledger's cache in marshal columns; 4: progress notes; 3: in the user's cache folder,
# keyed on the real path and code
FORMAT = 5
CACHE_DIR_VARIABLE = "PLANTRACK_CACHE_DIR"
NO_CACHE_VARIABLE = "PLANTRACK_NO_CACHE"
# The code a payload's meaning depends on: the types, their defaults, and how files are parsed.
_CODE_FOLDERS = ("core", "store")


def enabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "").strip() in ("", "0")


def cache_folder() -> Path:
    chosen = os.environ.get(CACHE_DIR_VARIABLE, "").strip()
    if chosen:
        return Path(chosen)
    if sys.platform == "linux":
        # The XDG rule platformdirs follows on Linux, written out: importing platformdirs
        # costs about 5 ms, a twentieth of a command (tests/test_cache.py checks they agree).
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "plantrack"
    import platformdirs  # macOS, Windows: their own rules

    return Path(platformdirs.user_cache_dir("plantrack", appauthor=False))


# The plan's cache is JSON; a ledger's is marshal, which loads five times faster.
_SUFFIXES = {"ledger": "marshal"}


def cache_path(source: Path, kind: str) -> Path:
    """The cache of a source file: one per real path and kind."""
    name = hashlib.sha256(os.fsencode(source)).hexdigest()[:32]
    return cache_folder() / f"{kind}-{name}.{_SUFFIXES.get(kind, 'json')}"


@functools.cache
def code_hash() -> str:
    """A hash of plantrack's core and store modules: a change to a default or to parsing
    makes every cache a miss, although the version string stays the same."""
    return hash_of_code(Path(__file__).resolve().parent.parent)


def hash_of_code(package: Path) -> str:
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        for module in sorted((package / folder).glob("*.py")):
            digest.update(f"{folder}/{module.name}\0".encode())
            digest.update(module.read_bytes())
    return digest.hexdigest()


def fingerprint(source: Path, raw: bytes) -> dict[str, Any]:
    """What a cache must match: the real path of its source, the bytes it was built from,
    and the code that built it."""
    return fingerprint_of(source, hashlib.sha256(raw).hexdigest())


def fingerprint_of(source: Path, sha256: str) -> dict[str, Any]:
    """fingerprint, for bytes hashed as they were written."""
    return {"path": os.fsdecode(source), "sha256": sha256, "code": code_hash(), "format": FORMAT}


def load(source: Path, key: dict[str, Any], kind: str) -> Any | None:
    """The cached payload when the cache matches `key` exactly, else None."""
    if not enabled():
        return None
    path = cache_path(source, kind)
    try:
        if not _private(path.parent):
            return None
        with open_regular(path) as stream:
            if not _mine(os.fstat(stream.fileno())):
                return None
            data = json.loads(stream.read())
    except (OSError, ValueError, RecursionError, NotPlainFile):
        return None
    if not isinstance(data, dict) or data.get("kind") != kind or data.get("key") != key:
        return None
    return data.get("payload")


def store(source: Path, key: dict[str, Any], kind: str, payload: Any) -> None:
    if not enabled():
        return
    content = json.dumps(
        {"kind": kind, "key": key, "payload": payload},
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    path = cache_path(source, kind)
    with contextlib.suppress(OSError, NotPlainFile, ValueError):
        _make_private_folder(path.parent)
        replace_atomically(path, content.encode("utf-8"), durable=False, mode=0o600)


ROWS_AT_ONCE = 1000


def batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """Tuples of `size` items in turn, the last one shorter (itertools.batched of 3.12)."""
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk


def _make_private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":
        status = os.lstat(folder)
        if status.st_uid == os.geteuid() and stat.S_IMODE(status.st_mode) & 0o077:
            os.chmod(folder, 0o700)
            # While it was open to others, any cache in it may have been forged: none is
            # kept, so that closing the folder again cannot make a forgery trusted.
            for stale in itertools.chain(folder.glob("*.json"), folder.glob("*.marshal")):
                with contextlib.suppress(OSError):
                    stale.unlink()


def _mine(status: os.stat_result) -> bool:
    """A cache file this user owns and only this user may write."""
    if os.name == "nt":
        return True
    return status.st_uid == os.geteuid() and not stat.S_IMODE(status.st_mode) & 0o022


def _private(folder: Path) -> bool:
    """Whether only this user can write the cache folder: else anyone who can might forge a
    cache, and none is trusted."""
    if os.name == "nt":
        return True  # the user's profile folder, private by its ACL
    status = os.lstat(folder)
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.geteuid()
        and not stat.S_IMODE(status.st_mode) & 0o022
    )


# ── the plan ────────────────────────────────────────────────────────────────


def plan_payload(plan: Plan) -> dict[str, Any]:
    return {
        "info": asdict(plan.info),
        "defaults": asdict(plan.defaults),
        "rules": asdict(plan.rules),
        "calendar": asdict(plan.calendar),
        "sections": [asdict(section) for section in plan.sections],
        "targets": [asdict(target) for target in plan.targets],
        "units": [asdict(unit) for unit in plan.units],
    }


def plan_from_payload(payload: Any) -> Plan | None:
    """The plan a payload describes, or None when it is not a valid plan (a damaged cache):
    every field is checked against its type and its constraints, without pydantic."""
    try:
        if not isinstance(payload, dict) or not isinstance(payload.get("targets"), list):
            return None
        targets = tuple(_build(Target, fields_) for fields_ in payload["targets"])
        sections, units = payload["sections"], payload["units"]
        if not isinstance(sections, list) or not isinstance(units, list):
            return None
        plan = Plan(
            info=_build(PlanInfo, payload["info"]),
            defaults=_build(Defaults, payload["defaults"]),
            rules=_build(Rules, payload["rules"]),
            calendar=_build(Calendar, payload["calendar"]),
            sections=tuple(_build(Section, fields_) for fields_ in sections),
            targets=targets,
            units=tuple(_build(Unit, fields_) for fields_ in units),
        )
    except (KeyError, TypeError, ValueError, _Invalid):
        return None
    section_ids = {section.id for section in plan.sections}
    unit_ids = {unit.id for unit in plan.units}
    if (
        len({target.id for target in targets}) != len(targets)
        or any(target.section not in section_ids for target in targets)
        or len(unit_ids) != len(plan.units)
        or any(share.unit not in unit_ids for target in targets for share in target.split)
    ):
        return None
    return plan


class _Invalid(Exception):
    """A cached value that is not what its field allows."""


def _build(kind: type[Any], data: Any) -> Any:
    if not isinstance(data, dict):
        raise _Invalid(kind)
    checks = _field_checks(kind)
    defaults = _DEFAULTS[kind.__name__]
    values = {}
    for name, value in data.items():
        check = checks.get(name)
        if check is None:
            raise _Invalid(kind)
        # A field left at its default (most of a target's) needs no check: None, "up", 0.0.
        default = defaults.get(name, _NO_DEFAULT)
        if value is None and default is None:
            continue
        values[name] = value if type(value) is str and value == default else check(value)
    return kind(**values)


_NO_DEFAULT = object()
_DEFAULTS: dict[str, dict[str, Any]] = {}


_CHECKS: dict[str, dict[str, Any]] = {}


def _field_checks(kind: type[Any]) -> dict[str, Any]:
    """For each field of a plan type, a function that returns the cached value as the field
    holds it, or raises _Invalid: its type, then every constraint written beside it."""
    checks = _CHECKS.get(kind.__name__)
    if checks is None:
        namespace = vars(sys.modules[kind.__module__])
        checks = {item.name: _checker(_hint(item.type, namespace)) for item in fields(kind)}
        _CHECKS[kind.__name__] = checks
        _DEFAULTS[kind.__name__] = {
            item.name: item.default for item in fields(kind) if item.default is not MISSING
        }
    return checks


_HINTS: dict[str, Any] = {}


def _hint(annotation: Any, namespace: dict[str, Any]) -> Any:
    """A field's annotation as a type: the model's annotations are strings (its module uses
    `from __future__ import annotations`), and many fields share one ('Line | None'), so each
    string is evaluated once; typing.get_type_hints would cost several milliseconds a run."""
    if not isinstance(annotation, str):
        return annotation
    hint = _HINTS.get(annotation)
    if hint is None:
        hint = _HINTS[annotation] = eval(annotation, namespace)  # our own source, not input
    return hint


def _checker(hint: Any) -> Any:
    """One branch per form of type the plan's fields use."""
    import dataclasses
    import types
    import typing

    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        inner, *markers = typing.get_args(hint)
        check_inner = _checker(inner)

        def annotated(value: Any) -> Any:
            value = check_inner(value)
            for marker in markers:
                _check_marker(marker, value)
            return value

        return annotated
    if origin in (typing.Union, types.UnionType):
        options = [_checker(option) for option in typing.get_args(hint)]

        def union(value: Any) -> Any:
            for option in options:
                try:
                    return option(value)
                except _Invalid:
                    continue
            raise _Invalid(value)

        return union
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        return lambda value: value if value in allowed and type(value) is str else _fail(value)
    if origin is tuple:
        item = _checker(typing.get_args(hint)[0])
        return lambda value: (
            tuple(item(part) for part in value) if isinstance(value, list) else _fail(value)
        )
    if dataclasses.is_dataclass(hint):
        return _nested(hint)
    if hint is type(None):
        return lambda value: value if value is None else _fail(value)
    if hint is bool:
        return lambda value: value if isinstance(value, bool) else _fail(value)
    if hint is int:
        return lambda value: (
            value if isinstance(value, int) and not isinstance(value, bool) else _fail(value)
        )
    if hint is float:
        return _float
    if hint is str:
        return lambda value: value if isinstance(value, str) else _fail(value)
    raise TypeError(f"no cache check for {hint!r}")  # a new kind of field: add its check


def _nested(kind: Any) -> Any:
    """The check of a field that holds a frozen dataclass (a target's shares): equal payloads
    are built and checked once and share the one value, as a city's 20,000 shares are 200
    distinct ones. The key holds each cell's type, so that true is never taken for 1."""
    built: dict[tuple[Any, ...], Any] = {}

    def nested(value: Any) -> Any:
        if type(value) is not dict:
            return _build(kind, value)
        key = tuple((name, type(cell), cell) for name, cell in value.items())
        try:
            found = built.get(key)
        except TypeError:  # a list or a table in a cell: checked (and refused) as it is
            return _build(kind, value)
        if found is None:
            found = built[key] = _build(kind, value)
        return found

    return nested


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(value)
    number = float(value)
    if not math.isfinite(number) or abs(number) > LARGEST_FIGURE:
        raise _Invalid(value)
    return number


def _fail(value: Any) -> Any:
    raise _Invalid(value)


def _check_marker(marker: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(marker, Number):
        if (marker.ge is not None and value < marker.ge) or (
            marker.gt is not None and value <= marker.gt
        ):
            raise _Invalid(value)
    elif isinstance(marker, WholeNumber):
        if not marker.ge <= value <= marker.le:
            raise _Invalid(value)
    elif isinstance(marker, Text):
        if not value or (marker.pattern is not None and not re.fullmatch(marker.pattern, value)):
            raise _Invalid(value)
    elif isinstance(marker, Rule) and marker.check(value) is not None:
        raise _Invalid(value)


# ── the ledger ──────────────────────────────────────────────────────────────
#
# A ledger file's cache is a header line, then frames, each a length and a marshal dump: the
# first frame is ("ledger", key), each further one the columns of up to FRAME_ROWS entries
# in file order. Columns rather than rows: marshal loads a list of 240,000 strings far
# faster than 240,000 lists, and a column of one value (the same `by`, no notes) is checked
# once. A write that appends to a large ledger copies the frames of the cache that matched
# the bytes it read and adds a frame for the new entries: the cache is extended, not
# rebuilt; a small file's cache (a unit's, in a folder) is written whole, as one frame.
#
# marshal.loads of crafted bytes may raise almost anything (EOFError, ValueError,
# TypeError, MemoryError, ...) and builds only built-in values; every one is checked below,
# and any surprise is a miss.

LEDGER_MAGIC = b"plantrack ledger cache\n"
FRAME_ROWS = 10_000
# Past this many frames (appends since the cache was last written whole), the next write
# writes it whole again, so that a ledger recorded into one figure at a time stays quick.
MOST_FRAMES = 64
_LENGTH = struct.Struct("<I")
# The columns of a frame, in this order; those from WITHDRAWN on may be None: all absent.
_TARGET, _PERIOD, _VALUE, _RECORDED, _BY, _WITHDRAWN = range(6)
_COLUMNS = 14
_ABSENT: tuple[Any, ...] = (
    None, None, None, None, None, False, None, None, None, None, None, None, None, None,
)  # fmt: skip
# The cells of an Entry, in the order of its fields, by column.
_ENTRY_ORDER = (0, 1, 2, 3, 4, 6, 7, 5, 8, 9, 10, 11, 12, 13)
_EVENT = 12


def _slots() -> tuple[tuple[Any, int | None, Any], ...] | None:
    """How LedgerColumns.entries makes entries quickly: for each field of Entry, its slot's
    setter and its column (or its default). An Entry's __init__ only sets its fields, one
    object.__setattr__ each; setting each field for a whole column at once, in C loops, makes
    the same objects in under half the time (240,000 in 0.12 s rather than 0.28 s). None,
    and the constructor is used, should Entry ever do more than set its fields."""
    columns = {
        "target": _TARGET, "period": _PERIOD, "value": _VALUE, "recorded_at": _RECORDED,
        "by": _BY, "withdrawn": _WITHDRAWN, "source": 6, "note": 7, "progress_note": 8,
        "problems": 9, "measures": 10, "unit": 11, "event": 12, "milestone": 13,
    }  # fmt: skip
    if hasattr(Entry, "__post_init__") or "__dict__" in dir(Entry):
        return None
    slots = []
    for item in fields(Entry):
        index = columns.get(item.name)
        slot = getattr(Entry, item.name, None)
        if (index is None and item.default is MISSING) or not isinstance(
            slot, types.MemberDescriptorType
        ):
            return None
        slots.append((slot.__set__, index, item.default))
    return tuple(slots)


_SLOTS = _slots()


class LedgerColumns:
    """The entries of one ledger file as columns, from its cache or its parse: all of them
    as Entry objects, or only one target's, which is what a writer needs."""

    def __init__(self) -> None:
        self.size = 0
        self._columns: list[list[Any] | None] = [[], [], [], [], [], *[None] * (_COLUMNS - 5)]
        # The frames of the cache this came from, to be copied by a write that extends it.
        self.frames: memoryview | None = None
        self.frame_count = 0

    @classmethod
    def of_entries(cls, entries: Iterable[Entry]) -> LedgerColumns:
        columns = cls()
        for chunk in batched(entries, FRAME_ROWS):
            columns._extend(_chunk_columns(chunk, dump=False))
        return columns

    def __len__(self) -> int:
        return self.size

    @property
    def recorded_at(self) -> list[str]:
        return self._columns[_RECORDED] or []

    @property
    def extendable(self) -> bool:
        """Whether a write should extend this cache rather than write it whole: a file of
        fewer than FRAME_ROWS entries (a unit's file) is written as one frame, quick to
        write and to load; a larger one is extended, up to MOST_FRAMES frames."""
        return (
            self.frames is not None and self.size >= FRAME_ROWS and self.frame_count < MOST_FRAMES
        )

    def entries(self) -> list[Entry]:
        """Every entry, in file order."""
        with paused_collector():
            if _SLOTS is None:
                return list(map(Entry, *(self._column(index) for index in _ENTRY_ORDER)))
            made = list(map(object.__new__, itertools.repeat(Entry, self.size)))
            for setter, index, default in _SLOTS:
                column = itertools.repeat(default) if index is None else self._column(index)
                collections.deque(map(setter, made, column), maxlen=0)
            return made

    def entries_of(self, target: str) -> list[Entry]:
        """The entries of one target, in file order."""
        targets = self._columns[_TARGET] or []
        rows: list[int] = []
        with contextlib.suppress(ValueError):  # list.index: a scan at C speed
            while True:
                rows.append(targets.index(target, rows[-1] + 1 if rows else 0))
        cells = [self._columns[index] for index in _ENTRY_ORDER]
        return [
            Entry(*(_ABSENT[index] if column is None else column[row]
                    for index, column in zip(_ENTRY_ORDER, cells, strict=True)))
            for row in rows
        ]  # fmt: skip

    def _column(self, index: int) -> Iterable[Any]:
        column = self._columns[index]
        return itertools.repeat(_ABSENT[index]) if column is None else column

    def _extend(self, chunk: Sequence[list[Any] | None]) -> None:
        added = len(chunk[_TARGET] or [])
        for index, column in enumerate(chunk):
            mine = self._columns[index]
            if column is None:
                if mine is not None:
                    mine.extend(itertools.repeat(_ABSENT[index], added))
                continue
            if mine is None:
                mine = self._columns[index] = [_ABSENT[index]] * self.size
            mine.extend(column)
        self.size += added


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector paused while many objects that form no cycles are made:
    240,000 entries would otherwise set off collections that go through all of those made
    so far, again and again, a third of the time it takes to make them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_ledger(
    source: Path, key: dict[str, Any], months: dict[Any, Month] | None = None
) -> LedgerColumns | None:
    """The cached entries of a ledger file when its cache matches `key` exactly, else None.
    `months` may be shared by the files of a folder, which have the same few months."""
    if not enabled():
        return None
    path = cache_path(source, "ledger")
    try:
        if not _private(path.parent):
            return None
        with open_regular(path) as stream:
            if not _mine(os.fstat(stream.fileno())):
                return None
            data = stream.read()
    except (OSError, NotPlainFile):
        return None
    try:
        return _decoded(data, key, {} if months is None else months)
    except Exception:  # marshal of crafted bytes raises many kinds: a miss
        return None


def store_ledger(
    source: Path,
    key: dict[str, Any],
    entries: Iterable[Entry],
    *,
    after: LedgerColumns | None = None,
) -> None:
    """Cache a ledger file's entries, FRAME_ROWS at a time (a million entries are never held
    as one dump). With `after`, the cache of the bytes before an append, its frames are
    copied and `entries` are only the entries appended."""
    if not enabled():
        return
    path = cache_path(source, "ledger")
    with contextlib.suppress(OSError, NotPlainFile, ValueError):
        _make_private_folder(path.parent)
        with writing_atomically(path, durable=False, mode=0o600) as out:
            out.write(LEDGER_MAGIC)
            _write_frame(out.write, marshal.dumps(("ledger", key)))
            if after is not None and after.frames is not None:
                out.write(after.frames)
            for chunk in batched(entries, FRAME_ROWS):
                _write_frame(out.write, marshal.dumps(_chunk_columns(chunk, dump=True)))


def _write_frame(write: Any, content: bytes) -> None:
    write(_LENGTH.pack(len(content)) + content)


def _decoded(data: bytes, key: dict[str, Any], months: dict[Any, Month]) -> LedgerColumns | None:
    if not data.startswith(LEDGER_MAGIC):
        return None
    frames = _frames(memoryview(data), len(LEDGER_MAGIC))
    if not frames or marshal.loads(frames[0]) != ("ledger", key):
        return None
    columns = LedgerColumns()
    for frame in frames[1:]:
        chunk = _checked_chunk(marshal.loads(frame), months)
        if chunk is None:
            return None
        columns._extend(chunk)
    first = len(LEDGER_MAGIC) + _LENGTH.size + len(frames[0])
    columns.frames = memoryview(data)[first:]
    columns.frame_count = len(frames) - 1
    return columns


def _frames(data: memoryview, offset: int) -> list[memoryview] | None:
    frames = []
    while offset < len(data):
        if offset + _LENGTH.size > len(data):
            return None
        (size,) = _LENGTH.unpack_from(data, offset)
        offset += _LENGTH.size
        if offset + size > len(data):
            return None
        frames.append(data[offset : offset + size])
        offset += size
    return frames


def _chunk_columns(entries: Sequence[Entry], *, dump: bool) -> tuple[list[Any] | None, ...]:
    """The columns of some entries: periods as YYYYMM numbers for a dump, else as the Months
    themselves. Equal strings are made one object, which marshal then
    writes once."""
    one: dict[Any, Any] = {}
    same = one.setdefault

    def figure(value: float | None) -> float | None:
        if value is None:
            return None
        number = float(value)
        # Equal figures are one object too, but zero: -0.0 == 0.0, and each keeps its sign.
        return same(number, number) if number else number

    def text(values: Iterable[str | None]) -> list[Any] | None:
        column = [same(value, value) for value in values]
        return column if any(value is not None for value in column) else None

    periods: list[Any] = (
        [entry.period.year * 100 + entry.period.month for entry in entries]
        if dump
        else [entry.period for entry in entries]
    )
    withdrawn = [entry.withdrawn for entry in entries]
    return (
        [same(entry.target, entry.target) for entry in entries],
        periods,
        [figure(entry.value) for entry in entries],
        [same(entry.recorded_at, entry.recorded_at) for entry in entries],
        [same(entry.by, entry.by) for entry in entries],
        withdrawn if any(withdrawn) else None,
        text(entry.source for entry in entries),
        text(entry.note for entry in entries),
        text(entry.progress_note for entry in entries),
        text(entry.problems for entry in entries),
        text(entry.measures for entry in entries),
        text(entry.unit for entry in entries),
        text(entry.event for entry in entries),
        text(entry.milestone for entry in entries),
    )


_TEXT = {str}
_TEXT_OR_NONE = {str, type(None)}
_FIGURE = {float}
_FLAG = {bool}


def _checked_chunk(chunk: Any, months: dict[Any, Month]) -> list[list[Any] | None] | None:
    """The columns of a frame, every cell checked as the ledger's parser would have it, with
    each period made a Month; None when anything is not what an entry can hold. The checks
    run over whole columns at C speed: a cache of 240,000 entries is checked in tens of
    milliseconds."""
    if type(chunk) is not tuple or len(chunk) != _COLUMNS:
        return None
    columns = list(chunk)
    targets = columns[_TARGET]
    if type(targets) is not list:
        return None
    size = len(targets)
    for index, column in enumerate(columns):
        if column is None and index >= _WITHDRAWN:
            continue
        if type(column) is not list or len(column) != size:
            return None
    for index in (_TARGET, _RECORDED, _BY):
        if not _all_text(columns[index]):
            return None
    for column in columns[_WITHDRAWN + 1 :]:
        if column is not None and not (
            _all_text(column) or set(map(type, column)) <= _TEXT_OR_NONE
        ):
            return None
    values: list[Any] = columns[_VALUE]
    withdrawn = columns[_WITHDRAWN]
    events = columns[_EVENT]
    if events is not None and not set(events) <= {None, "started", "milestone"}:
        return None
    if withdrawn is not None or events is not None:
        if withdrawn is not None and not set(map(type, withdrawn)) <= _FLAG:
            return None
        # No value exactly where the entry is a withdrawal or an event.
        taken = withdrawn or [False] * size
        marked = events or [None] * size
        if not all(
            (value is None) is (gone or event is not None)
            for value, gone, event in zip(values, taken, marked, strict=True)
        ):
            return None
        values = [value for value in values if value is not None]
    if not _figures(values):
        return None
    periods = _months(columns[_PERIOD], months)
    if periods is None:
        return None
    columns[_PERIOD] = periods
    return columns


def _all_text(column: list[Any]) -> bool:
    """Whether every cell is text: str.join refuses anything else, and is the quickest pass
    over a column (marshal makes no subclass of str)."""
    try:
        "".join(column)
    except TypeError:
        return False
    return True


def _figures(values: list[Any]) -> bool:
    """Whether every value is a float within the ledger's bound: a NaN or an infinity makes
    the sum not finite."""
    if not set(map(type, values)) <= _FIGURE:
        return False
    return not values or (
        min(values) >= -LARGEST_FIGURE
        and max(values) <= LARGEST_FIGURE
        and math.isfinite(sum(values))
    )


def _months(periods: list[Any], months: dict[Any, Month]) -> list[Month] | None:
    """The Months of a column of YYYYMM numbers, each distinct one checked once."""
    for number in set(periods).difference(months):
        if type(number) is not int or not 0 <= number <= 9999_12:
            return None
        year, month = divmod(number, 100)
        if not 1 <= month <= 12:
            return None
        months[number] = Month(year, month)
    return list(map(months.__getitem__, periods))


# ── the key-project register ────────────────────────────────────────────────


def register_payload(register: Register) -> dict[str, Any]:
    return {"unit": register.unit, "projects": [asdict(project) for project in register.projects]}


def register_from_payload(payload: Any) -> Register | None:
    """The register a payload describes, every field checked as the plan's are; None when
    it is not one (a damaged cache)."""
    try:
        if not isinstance(payload, dict) or not isinstance(payload.get("projects"), list):
            return None
        unit = payload["unit"]
        if not isinstance(unit, str) or not unit:
            return None
        projects = tuple(_build(Project, fields_) for fields_ in payload["projects"])
    except (KeyError, TypeError, ValueError, _Invalid):
        return None
    if len({project.id for project in projects}) != len(projects):
        return None
    return Register(projects, unit)
