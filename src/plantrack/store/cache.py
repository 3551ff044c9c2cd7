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

import contextlib
import functools
import hashlib
import itertools
import json
import math
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
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
FORMAT = 4  # 4: progress notes; 3: in the user's cache folder, keyed on the real path and code
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


def cache_path(source: Path, kind: str) -> Path:
    """The cache of a source file: one per real path and kind."""
    name = hashlib.sha256(os.fsencode(source)).hexdigest()[:32]
    return cache_folder() / f"{kind}-{name}.json"


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


def store_entries(source: Path, key: dict[str, Any], entries: Iterable[Entry]) -> None:
    """store(source, key, "ledger", entries_payload(entries)), written a thousand rows at a
    time, so that caching a ledger of a million entries never holds them all as JSON."""
    if not enabled():
        return
    head = json.dumps({"kind": "ledger", "key": key}, ensure_ascii=False, separators=(",", ":"))
    path = cache_path(source, "ledger")
    with contextlib.suppress(OSError, NotPlainFile, ValueError):
        _make_private_folder(path.parent)
        with writing_atomically(path, durable=False, mode=0o600) as out:
            out.write(head[:-1].encode("utf-8") + b',"payload":[')
            separator = b""
            for chunk in batched(entries, ROWS_AT_ONCE):
                rows = json.dumps(
                    entries_payload(chunk),
                    ensure_ascii=False,
                    separators=(",", ":"),
                    allow_nan=False,
                )
                out.write(separator + rows[1:-1].encode("utf-8"))
                separator = b","
            out.write(b"]}")


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
            for stale in folder.glob("*.json"):
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
        return lambda value: _build(hint, value)  # type: ignore[arg-type]
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


def entries_payload(entries: Iterable[Entry]) -> list[list[Any]]:
    """Entries as compact rows: a ledger of 60,000 entries reads in a tenth of a second.

    Eight cells, then, only when needed, whether it is a withdrawal, its three notes and its
    unit."""
    return [
        [e.target, e.period.year, e.period.month, e.value, e.recorded_at, e.by, e.source, e.note]
        + (
            [e.withdrawn, *e.notes, e.unit]
            if e.progress_note or e.problems or e.measures or e.unit  # inline: run for each
            else [True]
            if e.withdrawn
            else []
        )
        for e in entries
    ]


def entries_from_payload(payload: Any) -> tuple[Entry, ...] | None:
    """The entries of a payload, or None when any row is not one the ledger could hold."""
    if not isinstance(payload, list):
        return None
    months: dict[tuple[Any, Any], Month] = {}  # a ledger has few distinct months: share them
    try:
        return tuple(_entry_from_row(row, months) for row in payload)
    except (TypeError, ValueError, _Invalid):
        return None


def _entry_from_row(row: Any, months: dict[tuple[Any, Any], Month]) -> Entry:
    """One compact row; a withdrawal carries a ninth cell, true, and no value; the three notes
    and the unit follow it in four more cells. Every cell is checked: this runs for each of a
    ledger's entries,
    so the checks are written for speed (a chained comparison also refuses NaN)."""
    if type(row) is not list:
        raise _Invalid(row)
    size = len(row)
    notes: list[Any] = [None, None, None, None]
    if size == 8:
        target, year, month, value, recorded_at, by, source, note = row
        withdrawn = False
    elif size == 9 and row[8] is True:
        target, year, month, value, recorded_at, by, source, note, withdrawn = row
    elif size == 13 and type(row[8]) is bool:
        target, year, month, value, recorded_at, by, source, note, withdrawn, *notes = row
        if not all(text is None or type(text) is str for text in notes):
            raise _Invalid(row)
    else:
        raise _Invalid(row)
    period = months.get((year, month))
    if period is None:
        if type(year) is not int or type(month) is not int or not 1 <= month <= 12:
            raise _Invalid(row)
        if not 0 <= year <= 9999:  # as the ledger's YYYY-MM allows
            raise _Invalid(row)
        period = months.setdefault((year, month), Month(year, month))
    if withdrawn:
        if value is not None:
            raise _Invalid(row)
        number = None
    elif type(value) is float and -LARGEST_FIGURE <= value <= LARGEST_FIGURE:
        number = value
    elif type(value) is int and -LARGEST_FIGURE <= value <= LARGEST_FIGURE:
        number = float(value)
    else:
        raise _Invalid(row)
    if (
        type(target) is not str
        or type(recorded_at) is not str
        or type(by) is not str
        or (source is not None and type(source) is not str)
        or (note is not None and type(note) is not str)
    ):
        raise _Invalid(row)
    return Entry(target, period, number, recorded_at, by, source, note, withdrawn, *notes)
