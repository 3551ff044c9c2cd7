"""Turning the parsed plan file into a Plan, collecting every problem with its fix.

Pure: it takes the dictionary tomllib produced and the name to show for the file, and
returns the plan or the list of problems, one line each, in the form
`targets.toml: target 'gdp' (#3): field 'unit': required for kind 'growth'; add unit = "%"`.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Annotated, Any, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from plantrack.model import (
    DEFAULT_TOLERANCE,
    DEFAULT_TOLERANCE_GROWTH,
    DUE_PATTERN,
    ID_PATTERN,
    Defaults,
    Direction,
    EntryMode,
    Frequency,
    Kind,
    Plan,
    PlanInfo,
    Qualifier,
    Section,
    Target,
)
from plantrack.values import format_number

# The file's schema, checked by pydantic. Each spec mirrors a data type of model.py
# field for field (tests/test_plan_validation.py keeps them in step); the data types
# themselves stay free of pydantic so that commands start fast.

# TOML gives ints and floats; strict keeps a quoted "150" from passing as a number.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanInfoSpec(_Spec):
    title: Text
    year: Annotated[int, Field(strict=True, ge=1900, le=2999)]
    title_en: Text | None = None
    source: Text | None = None


class DefaultsSpec(_Spec):
    tolerance_growth: Annotated[Number, Field(ge=0)] = DEFAULT_TOLERANCE_GROWTH
    tolerance: Annotated[Number, Field(ge=0)] = DEFAULT_TOLERANCE


class SectionSpec(_Spec):
    id: Identifier
    name: Text
    name_en: Text | None = None


class TargetSpec(_Spec):
    id: Identifier
    section: Text
    name: Text
    name_en: Text | None = None
    kind: Kind
    unit: Text | None = None
    target: Number | None = None
    stretch: Number | None = None
    qualifier: Qualifier | None = None
    direction: Direction = "up"
    baseline: Number | None = None
    baseline_note: Text | None = None
    tolerance: Annotated[Number, Field(ge=0)] | None = None
    frequency: Frequency = "monthly"
    entry: EntryMode = "ytd"
    schedule: tuple[Number, ...] | None = None
    due: str | None = None
    owner: Text | None = None
    group: Text | None = None
    tags: tuple[Text, ...] = ()
    quote: Text | None = None
    note: Text | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule_is_cumulative(
        cls, schedule: tuple[float, ...] | None
    ) -> tuple[float, ...] | None:
        if schedule is None:
            return None
        fix = "list 12 cumulative fractions, such as [0.05, 0.1, ..., 1.0]"
        if len(schedule) != 12:
            raise PydanticCustomError("plantrack", f"has {len(schedule)} values, not 12; {fix}")
        if any(not 0 <= share <= 1 for share in schedule):
            raise PydanticCustomError("plantrack", f"values must lie between 0 and 1; {fix}")
        for month, (before, after) in enumerate(itertools.pairwise(schedule), 2):
            if after < before:
                raise PydanticCustomError(
                    "plantrack",
                    f"falls from {before} to {after} at month {month}; "
                    "each value is the share due by that month, so it never decreases",
                )
        if abs(schedule[-1] - 1.0) > 1e-9:
            raise PydanticCustomError(
                "plantrack",
                f"ends at {schedule[-1]}, not 1.0; the whole target is due by December",
            )
        return schedule

    @field_validator("due")
    @classmethod
    def _due_is_a_month(cls, due: str | None) -> str | None:
        if due is not None and not DUE_PATTERN.match(due):
            raise PydanticCustomError(
                "plantrack", f"'{due}' is not a month; write it as YYYY-MM, such as \"2025-12\""
            )
        return due

    def to_target(self) -> Target:
        return Target(**self.model_dump())


TOP_LEVEL = {
    "plan": "[plan]",
    "defaults": "[defaults]",
    "section": "[[section]]",
    "target": "[[target]]",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "kind": get_args(Kind),
    "qualifier": get_args(Qualifier),
    "direction": get_args(Direction),
    "frequency": get_args(Frequency),
    "entry": get_args(EntryMode),
    "security": ("starttls", "ssl", "none"),
}
MISSING_FIXES = {
    "id": 'add id = "gdp-growth" (lowercase ASCII words joined by "-", unique and stable)',
    "section": 'add section = "<the id of one of the [[section]] tables>"',
    "name": 'add name = "<the short Chinese name the report uses>"',
    "kind": 'add kind = "total" (one of growth, total, level, milestone)',
    "title": 'add title = "<the plan\'s title>"',
    "year": "add year = 2023 (the plan year)",
    "host": 'add host = "smtp.example.gov.cn" (the mail server)',
    "sender": 'add sender = "发改局 <fgj@example.gov.cn>" (the From address)',
    "smtp": "add an [smtp] table with host and sender",
}
NUMBERS_NEEDING_KIND = ("growth", "total", "level")

M = TypeVar("M", bound=BaseModel)


def build_plan(data: Mapping[str, Any], file_label: str) -> tuple[Plan | None, list[str]]:
    """Validate the whole file; return the plan when there is no problem, else every problem."""
    problems: list[str] = [f"{file_label}: {message}" for message in _top_level_problems(data)]
    info_spec = _validate_one(
        PlanInfoSpec, data.get("plan"), "[plan]", file_label, problems, required=True
    )
    defaults_spec = _validate_one(
        DefaultsSpec, data.get("defaults", {}), "[defaults]", file_label, problems
    )
    info = None if info_spec is None else PlanInfo(**info_spec.model_dump())
    sections = _validate_sections(_tables(data, "section"), file_label, problems)
    targets = _validate_targets(_tables(data, "target"), file_label, problems, info, sections)
    if problems or info is None or defaults_spec is None:
        return None, problems
    defaults = Defaults(**defaults_spec.model_dump())
    plan = Plan(info=info, defaults=defaults, sections=tuple(sections), targets=tuple(targets))
    return plan, []


def _top_level_problems(data: Mapping[str, Any]) -> Iterable[str]:
    for key in data:
        if key not in TOP_LEVEL:
            yield f"unknown table or key '{key}'; {_did_you_mean(key, TOP_LEVEL)}"
    for key in ("section", "target"):
        if key in data and not _is_array_of_tables(data[key]):
            yield f"'{key}' must be written as {TOP_LEVEL[key]} (double brackets), once per {key}"
    for key in ("plan", "defaults"):
        if key in data and not isinstance(data[key], dict):
            yield f"'{key}' must be a table: write {TOP_LEVEL[key]} on a line of its own"
    if "target" not in data:
        yield "no [[target]] tables; declare at least one target (see docs/plan-format.md)"


def _tables(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    return value if _is_array_of_tables(value) else []


def _is_array_of_tables(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _validate_one(
    model: type[M],
    raw: object,
    where: str,
    file_label: str,
    problems: list[str],
    *,
    required: bool = False,
) -> M | None:
    if raw is None:
        if required:
            problems.append(
                f"{file_label}: {where}: missing; add a {where} table with title and year"
            )
        return None
    if not isinstance(raw, dict):
        return None  # already reported as a top-level problem
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems.extend(
            f"{file_label}: {where}: {describe_error(item, model)}" for item in error.errors()
        )
        return None


def _validate_sections(
    raw_sections: Sequence[dict[str, Any]], file_label: str, problems: list[str]
) -> list[Section]:
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_sections, 1):
        where = _where("section", raw, position)
        spec = _validate_one(SectionSpec, raw, where, file_label, problems)
        if spec is None:
            continue
        section = Section(**spec.model_dump())
        if section.id in seen:
            problems.append(
                f"{file_label}: {where}: field 'id': '{section.id}' is already the id of "
                f"section #{seen[section.id]}; give each section its own id"
            )
            continue
        seen[section.id] = position
        sections.append(section)
    return sections


def _validate_targets(
    raw_targets: Sequence[dict[str, Any]],
    file_label: str,
    problems: list[str],
    info: PlanInfo | None,
    sections: Sequence[Section],
) -> list[Target]:
    targets: list[Target] = []
    first_position: dict[str, int] = {}
    section_ids = [section.id for section in sections]
    for position, raw in enumerate(raw_targets, 1):
        found = list(_identity_problems(raw, position, first_position, section_ids))
        target, field_problems = _validate_target(raw)
        found[:0] = field_problems
        if target is not None:
            found.extend(_target_rule_problems(target, info, raw))
        problems.extend(
            f"{file_label}: {_where('target', raw, position)}: {item}" for item in found
        )
        if target is not None and not found:
            targets.append(_with_milestone_defaults(target))
    return targets


def _identity_problems(
    raw: Mapping[str, Any],
    position: int,
    first_position: dict[str, int],
    section_ids: Sequence[str],
) -> Iterable[str]:
    """A repeated id and an undeclared section, checked even when other fields are bad."""
    identifier, section = raw.get("id"), raw.get("section")
    if isinstance(identifier, str):
        if identifier in first_position:
            yield (
                f"field 'id': '{identifier}' is already the id of target "
                f"#{first_position[identifier]}; give each target its own id"
            )
        else:
            first_position[identifier] = position
    if isinstance(section, str) and section and section not in section_ids:
        yield _unknown_section(section, section_ids)


# Stand-ins for bad identity fields, so that the rules between the other fields can
# still be checked and every problem of a target reported in one run.
_PLACEHOLDERS = {"id": "placeholder", "section": "placeholder", "name": "placeholder"}


def _validate_target(raw: dict[str, Any]) -> tuple[Target | None, list[str]]:
    """The target, or None with the problems of its fields; when only some fields are
    bad, the target without them is returned too, for the rules between fields."""
    try:
        return TargetSpec.model_validate(raw).to_target(), []
    except ValidationError as error:
        errors = error.errors()
    problems = [describe_error(item, TargetSpec) for item in errors]
    invalid = {str(item["loc"][0]) for item in errors if item["loc"]}
    remaining = {key: value for key, value in raw.items() if key not in invalid}
    remaining.update({key: value for key, value in _PLACEHOLDERS.items() if key in invalid})
    try:
        partial = TargetSpec.model_validate(remaining).to_target()
    except ValidationError:
        return None, problems  # the kind itself is bad: the rules between fields need it
    return partial, problems


def _target_rule_problems(
    target: Target, info: PlanInfo | None, raw: Mapping[str, Any]
) -> Iterable[str]:
    """The rules that tie one field to another (docs/plan-format.md, 'Rules').

    A field that is present but bad was reported already, so only absence counts here.
    """
    if target.kind in NUMBERS_NEEDING_KIND:
        if "unit" not in raw:
            example = '"%"' if target.kind == "growth" else '"个" (the unit the report uses)'
            yield f"field 'unit': required for kind '{target.kind}'; add unit = {example}"
        if "target" not in raw:
            yield (
                f"field 'target': required for kind '{target.kind}'; "
                "add target = <the number the plan commits to>"
            )
    if target.kind in ("total", "milestone") and target.target is not None and target.target <= 0:
        yield (
            f"field 'target': must be above 0 for kind '{target.kind}', got {format_number(target.target)}; "
            "a quantity to reach is positive (use kind 'level' for a rate)"
        )
    if target.entry == "increment" and target.kind != "total":
        yield (
            f"field 'entry': 'increment' is only for kind 'total', not '{target.kind}'; "
            'remove entry or set kind = "total"'
        )
    if target.stretch is not None and target.target is not None:
        beyond = (
            target.stretch >= target.target
            if target.direction == "up"
            else (target.stretch <= target.target)
        )
        if not beyond:
            yield (
                f"field 'stretch': {target.stretch} is less ambitious than target {target.target} "
                f"for direction '{target.direction}'; a stretch goes beyond the target"
            )
    if info is not None:
        yield from _due_problems(target, info.year)


def _due_problems(target: Target, year: int) -> Iterable[str]:
    due = target.due_month
    if due is None:
        return
    if due.year < year:
        yield f"field 'due': {due} is before the plan year {year}; give a month from {year}-01 on"
    elif due.year == year and target.kind != "milestone" and due.month != 12:
        yield (
            f"field 'due': a '{target.kind}' target is due at the end of the year; "
            "use a schedule to front-load it, or remove due"
        )
    elif due.year > year and target.schedule is not None:
        yield (
            f"field 'schedule': covers one year, but the target is due in {due}; remove the "
            "schedule (the default spreads the target evenly up to its due month)"
        )
    elif due.year == year and target.schedule is not None and target.schedule[due.month - 1] <= 0:
        yield (
            f"field 'schedule': is 0 at the due month {due}; the milestone must be partly "
            "due by then, so raise that month's share above 0"
        )


def _with_milestone_defaults(target: Target) -> Target:
    if target.kind != "milestone":
        return target
    goal = 100.0 if target.target is None else target.target
    return replace(target, target=goal, unit=target.unit or "%")


def _unknown_section(section: str, section_ids: Sequence[str]) -> str:
    listed = ", ".join(section_ids) if section_ids else "none declared"
    suggestion = difflib.get_close_matches(section, section_ids, n=1)
    hint = f"did you mean '{suggestion[0]}'? " if suggestion else ""
    return f"field 'section': no section '{section}'; {hint}(sections: {listed})"


def _where(kind: str, raw: Mapping[str, Any], position: int) -> str:
    identifier = raw.get("id")
    if isinstance(identifier, str) and identifier:
        return f"{kind} '{identifier}' (#{position})"
    return f"{kind} #{position}"


def describe_error(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error as `field 'x': what is wrong; how to fix it`."""
    location = error["loc"]
    field = str(location[0]) if location else ""
    value = error.get("input")
    kind = error["type"]
    prefix = f"field '{field}': " if field else ""
    if kind == "missing":
        return f"{prefix}required; {MISSING_FIXES.get(field, f'add {field} = ...')}"
    if kind == "extra_forbidden":
        return f"{prefix}unknown field; {_did_you_mean(field, model.model_fields)}"
    if kind == "literal_error":
        choices = CHOICES.get(field, ())
        listed = ", ".join(f"'{choice}'" for choice in choices)
        suggestion = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"did you mean '{suggestion[0]}'? " if suggestion else ""
        return f"{prefix}'{value}' is not allowed; {hint}use one of {listed}"
    if kind in ("float_type", "float_parsing"):
        item = " (in the list)" if len(location) > 1 else ""
        return f"{prefix}must be a number{item}, not {_shown(value)}; write it without quotes"
    if kind == "finite_number":
        return f"{prefix}must be a finite number, not {value}; write the real figure"
    if kind.startswith("int_"):
        return f"{prefix}must be a whole number such as 2023, not {_shown(value)}"
    if kind == "string_type":
        return f'{prefix}must be text in quotes, not {_shown(value)}; write {field} = "..."'
    if kind == "string_too_short":
        return f"{prefix}is empty; write the text or remove the field"
    if kind == "string_pattern_mismatch":
        return (
            f"{prefix}'{value}' is not a valid id; use lowercase ASCII letters, digits and "
            "'-' (kebab-case), such as 'gdp-growth'"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error.get("ctx", {})
        limits = " and ".join(
            f"{word} {format_number(bound[key])}"
            for key, word in (("ge", "at least"), ("le", "at most"))
            if key in bound
        )
        return f"{prefix}must be {limits}, not {value}"
    if kind in ("tuple_type", "list_type"):
        return f'{prefix}must be a list in brackets, such as ["a", "b"], not {_shown(value)}'
    return f"{prefix}{error['msg']}"  # our own validators' messages already say how to fix


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    suggestion = difflib.get_close_matches(word, list(known), n=1)
    if suggestion:
        return f"did you mean '{suggestion[0]}'?"
    return "remove it or check the spelling"
