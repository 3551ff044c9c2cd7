"""Finding projects.toml, the key-project register, and reading it against the plan; every
problem of the file is reported at once (docs/projects.md)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plantrack.core.errors import PlanError
from plantrack.core.messages import msg
from plantrack.core.model import Plan, Register
from plantrack.store import cache
from plantrack.store.files import real_path
from plantrack.store.toml_files import parse_toml, read_source

REGISTER_FILE_NAME = "projects.toml"


def register_path(plan: Plan, plan_path: Path) -> Path | None:
    """The register the plan names in `[plan] projects` (relative to the plan's folder), else
    projects.toml beside the plan when there is one; None when the plan has no register."""
    if plan.info.projects is not None:
        named = plan_path.parent / plan.info.projects
        if not named.exists() and not named.is_symlink():
            raise PlanError(msg("register.named_missing", plan=plan_path, file=named))
        return named
    beside = plan_path.parent / REGISTER_FILE_NAME
    # A link to nothing is a register gone missing, not no register: read it, and say so.
    return beside if beside.exists() or beside.is_symlink() else None


def load_register(path: Path, plan: Plan, plan_raw: bytes) -> Register:
    """The validated register, or PlanError with every problem, each naming the file. It is
    checked against the plan (ids, units), so its cache is keyed by both files' bytes."""
    raw, _ = read_source(path, PlanError)
    real = real_path(path)
    key = {**cache.fingerprint(real, raw), "plan": hashlib.sha256(plan_raw).hexdigest()}
    payload = cache.load(real, key, "register")
    cached = None if payload is None else cache.register_from_payload(payload)
    if cached is not None:
        return cached
    from plantrack.core.validation import build_register  # pydantic: only when a file changed

    register, problems = build_register(parse_toml(raw, path, PlanError), plan)
    if register is None:
        raise PlanError(*(msg("in_file", file=path, problem=problem) for problem in problems))
    cache.store(real, key, "register", cache.register_payload(register))
    return register
