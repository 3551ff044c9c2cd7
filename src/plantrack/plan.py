"""Finding and reading targets.toml into a Plan; every problem is reported at once."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from plantrack import cache
from plantrack.errors import PlanError, PlantrackError
from plantrack.files import read_with_status
from plantrack.model import Plan

PLAN_FILE_NAME = "targets.toml"
_TOML_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def find_plan(start: Path) -> Path | None:
    """The nearest targets.toml in `start` or one of its parents, as git finds .git."""
    for folder in (start, *start.parents):
        candidate = folder / PLAN_FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def display_path(path: Path) -> str:
    """How to name a file in a message: relative to the current folder when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if len(relative) <= len(str(path)) else str(path)


def read_source(
    path: Path, label: str, error: type[PlantrackError] = PlanError
) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status of that very file (for the parse cache's key)."""
    try:
        return read_with_status(path)
    except FileNotFoundError:
        raise error(f"{label}: file not found; check the path") from None
    except IsADirectoryError:
        raise error(f"{label}: is a folder, not a file; give the path of the .toml file") from None
    except OSError as problem:
        raise error(
            f"{label}: cannot be read ({problem.strerror}); check its permissions"
        ) from None


SAVE_AS_UTF8 = "save the file as UTF-8 (in a Windows editor: Save As, encoding UTF-8)"


def parse_toml(
    raw: bytes,
    label: str,
    error: type[PlantrackError] = PlanError,
    *,
    utf8_fix: str = SAVE_AS_UTF8,
    after_syntax_error: str = "",
) -> dict[str, Any]:
    """Parse TOML bytes, turning every failure into one line naming file, line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        raise error(f"{label}: line {line}: not UTF-8 text; {utf8_fix}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{label}: {describe_toml_error(problem)}{after_syntax_error}") from None


def read_toml(path: Path, label: str, error: type[PlantrackError] = PlanError) -> dict[str, Any]:
    raw, _ = read_source(path, label, error)
    return parse_toml(raw, label, error)


def describe_toml_error(problem: tomllib.TOMLDecodeError) -> str:
    """`line 3, column 9: TOML syntax error: ...; fix that line` from tomllib's message."""
    message = str(problem)
    match = _TOML_POSITION.match(message)
    if not match:
        return f"TOML syntax error: {message}; fix the file (docs/plan-format.md shows the syntax)"
    what = match.group("what")
    return (
        f"line {match.group('line')}, column {match.group('column')}: TOML syntax error: {what}; "
        'fix that line (text needs quotes, as in name = "GDP")'
    )


def load_plan(path: Path) -> Plan:
    """The validated plan: from the parse cache when the file is unchanged, else validated
    afresh (raising PlanError with every problem found) and cached."""
    label = display_path(path)
    raw, status = read_source(path, label)
    key = cache.fingerprint(raw, status)
    payload = cache.load(path, key, "plan")
    cached = None if payload is None else cache.plan_from_payload(payload)
    if cached is not None:
        return cached
    from plantrack.validation import build_plan  # pydantic: only when the plan changed

    plan, problems = build_plan(parse_toml(raw, label), label)
    if plan is None:
        raise PlanError(problems[0], problems=problems)
    cache.store(path, key, "plan", cache.plan_payload(plan))
    return plan
