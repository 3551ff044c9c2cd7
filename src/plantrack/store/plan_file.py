"""Finding targets.toml and reading it into a Plan; every problem is reported at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plantrack.core.errors import PlanError
from plantrack.core.messages import msg
from plantrack.core.model import Plan
from plantrack.store import cache
from plantrack.store.files import real_path
from plantrack.store.toml_files import parse_toml, read_source

PLAN_FILE_NAME = "targets.toml"


def find_plan(start: Path) -> Path | None:
    """The nearest targets.toml in `start` or one of its parents, as git finds .git."""
    for folder in (start, *start.parents):
        candidate = folder / PLAN_FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load_plan(path: Path) -> Plan:
    """The validated plan, with its key-project register when it has one (docs/projects.md):
    each from the parse cache when its file is unchanged, else validated afresh (raising
    PlanError with every problem found) and cached."""
    raw, _ = read_source(path, PlanError)
    plan = _plan_of(path, raw)
    from plantrack.store.projects_file import load_register, register_path

    found = register_path(plan, path)
    if found is None:
        return plan
    return replace(plan, register=load_register(found, plan, raw))


def _plan_of(path: Path, raw: bytes) -> Plan:
    real = real_path(path)
    key = cache.fingerprint(real, raw)
    payload = cache.load(real, key, "plan")
    cached = None if payload is None else cache.plan_from_payload(payload)
    if cached is not None:
        return cached
    from plantrack.core.validation import build_plan  # pydantic: only when the plan changed

    plan, problems = build_plan(parse_toml(raw, path, PlanError))
    if plan is None:
        located = [msg("in_file", file=path, problem=problem) for problem in problems]
        raise PlanError(*located)
    cache.store(real, key, "plan", cache.plan_payload(plan))
    return plan
