"""Turning a parsed plan file into a Plan, collecting every problem with its fix.

Pure: it takes the dictionary tomllib produced and returns the plan, or every problem as a
Message for the reader's language, each naming the table and field, such as
`target 'gdp' (#3): field 'unit': required for kind 'growth'; add unit = "%"`.
The types checked are those of core/model.py themselves, through pydantic's TypeAdapter:
this module is imported only when a plan file has changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, time
from typing import Any, TypeGuard, TypeVar, get_args

from pydantic import TypeAdapter, ValidationError

from plantrack.core.constraints import RULE_ERROR
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.model import (
    DEFAULT_PROJECT_UNIT,
    Aggregate,
    Calendar,
    Defaults,
    Direction,
    EntryMode,
    Frequency,
    FromProjects,
    Goal,
    Kind,
    Milestone,
    Plan,
    PlanInfo,
    Project,
    ProjectLevel,
    ProjectType,
    Qualifier,
    Register,
    Rules,
    RulesMode,
    Section,
    Share,
    Target,
    Unit,
    UnitKind,
    single_line_problem,
)
from plantrack.core.periods import Month

TOP_LEVEL = {
    "plan": "[plan]",
    "defaults": "[defaults]",
    "rules": "[rules]",
    "calendar": "[calendar]",
    "section": "[[section]]",
    "target": "[[target]]",
    "unit": "[[unit]]",
}
PLAN_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": get_args(Kind),
    "qualifier": get_args(Qualifier),
    "direction": get_args(Direction),
    "frequency": get_args(Frequency),
    "entry": get_args(EntryMode),
    "aggregate": get_args(Aggregate),
    "mode": get_args(RulesMode),
    "from_projects": get_args(FromProjects),
}
UNIT_CHOICES: dict[str, tuple[str, ...]] = {"kind": get_args(UnitKind)}
PROJECT_CHOICES: dict[str, tuple[str, ...]] = {
    "level": get_args(ProjectLevel),
    "type": get_args(ProjectType),
}
PROJECT_FIXES = {
    "id": "fix.id",
    "name": "fix.project_name",
    "level": "fix.project_level",
    "type": "fix.project_type",
    "annual_plan": "fix.annual_plan",
}
MILESTONE_FIXES = {"name": "fix.milestone_name", "due": "fix.milestone_due"}
# The fix for each required field of the plan file, by field name (catalogue keys).
PLAN_FIXES = {
    "id": "fix.id",
    "section": "fix.section",
    "name": "fix.name",
    "kind": "fix.kind",
    "title": "fix.title",
    "year": "fix.year",
}
NUMBERS_NEEDING_KIND = ("growth", "total", "level", "limit")
# Kinds whose units each have a number of their own: a growth rate is not split.
SPLIT_KINDS = ("total", "level", "limit")

T = TypeVar("T")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(data_type: type[Any]) -> TypeAdapter[Any]:
    """The pydantic validator of one of the model's types, built once per process."""
    if data_type not in _ADAPTERS:
        _ADAPTERS[data_type] = TypeAdapter(data_type)
    return _ADAPTERS[data_type]


def build_plan(data: Mapping[str, Any]) -> tuple[Plan | None, list[Message]]:
    """Validate the whole file; return the plan when there is no problem, else every problem."""
    problems: list[Message] = list(_top_level_problems(data))
    if any(problem.key == "plan.looks_like_ledger" for problem in problems):
        return None, problems  # every other problem would follow from that one
    info = _validate_table(PlanInfo, data.get("plan"), "[plan]", problems, required=True)
    defaults = _validate_table(Defaults, data.get("defaults", {}), "[defaults]", problems)
    rules = _validate_table(Rules, data.get("rules", {}), "[rules]", problems)
    calendar = _validate_table(Calendar, data.get("calendar", {}), "[calendar]", problems)
    if rules is not None and rules.off_track_points < rules.at_risk_points:
        order = msg(
            "rules.points_order", at_risk=rules.at_risk_points, off_track=rules.off_track_points
        )
        problems.append(at("[rules]", field_problem("off_track_points", order)))
    sections = _validate_sections(_tables(data, "section"), problems)
    # A section with a bad field is reported once; its targets are not told it is missing.
    declared = [raw["id"] for raw in _tables(data, "section") if isinstance(raw.get("id"), str)]
    units = _validate_units(_tables(data, "unit"), problems)
    raw_targets = _tables(data, "target")
    # A unit with a bad field is reported once; the targets that name it are not told too.
    named = {
        value
        for raw in _tables(data, "unit")
        for value in (raw.get("id"), raw.get("name"))
        if isinstance(value, str)
    }
    targets = _validate_targets(raw_targets, problems, info, declared, units, named)
    problems.extend(_follows_problems(targets, raw_targets))
    if problems or info is None or defaults is None or rules is None or calendar is None:
        return None, problems
    plan = Plan(
        info=info,
        defaults=defaults,
        rules=rules,
        calendar=calendar,
        sections=tuple(sections),
        targets=tuple(targets),
        units=tuple(units),
    )
    return plan, []


def _top_level_problems(data: Mapping[str, Any]) -> Iterable[Message]:
    if "entry" in data and "target" not in data:  # the ledger given where the plan belongs
        yield msg("plan.looks_like_ledger")
        return
    for key in data:
        if key not in TOP_LEVEL:
            yield msg("plan.unknown_table", key=key, hint=did_you_mean(key, TOP_LEVEL))
    for key in ("section", "target", "unit"):
        if key in data and not _is_array_of_tables(data[key]):
            yield msg("plan.not_array_of_tables", key=key, table=TOP_LEVEL[key])
    for key in ("plan", "defaults", "rules", "calendar"):
        if key in data and not isinstance(data[key], dict):
            yield msg("plan.not_a_table", key=key, table=TOP_LEVEL[key])
    if "target" not in data:
        yield msg("plan.no_targets")


def _tables(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    return value if _is_array_of_tables(value) else []


def _is_array_of_tables(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _validate_table(
    data_type: type[T],
    raw: object,
    where: object,
    problems: list[Message],
    *,
    required: bool = False,
) -> T | None:
    if raw is None:
        if required:
            problems.append(msg("plan.missing_table", where=where))
        return None
    if not isinstance(raw, dict):
        return None  # already reported as a top-level problem
    try:
        validated: T = adapter(data_type).validate_python(raw)
    except ValidationError as error:
        problems.extend(
            at(where, describe_error(item, data_type, PLAN_FIXES, PLAN_CHOICES))
            for item in error.errors()
        )
        return None
    return validated


def at(where: object, problem: Message) -> Message:
    return msg("at", where=where, problem=problem)


def _validate_sections(
    raw_sections: Sequence[dict[str, Any]], problems: list[Message]
) -> list[Section]:
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_sections, 1):
        where = _where("section", raw, position)
        section = _validate_table(Section, raw, where, problems)
        if section is None:
            continue
        if section.id in seen:
            problems.append(
                at(
                    where,
                    field_problem(
                        "id", msg("section.id_taken", id=section.id, first=seen[section.id])
                    ),
                )
            )
            continue
        seen[section.id] = position
        sections.append(section)
    return sections


def _validate_units(raw_units: Sequence[dict[str, Any]], problems: list[Message]) -> list[Unit]:
    """The [[unit]] tables: ids unique, and no name that is another unit's id or name, so
    that a target's `lead = "..."` names one unit only."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_units, 1):
        where = _where("unit", raw, position)
        try:
            unit: Unit = adapter(Unit).validate_python(raw)
        except ValidationError as error:
            problems.extend(
                at(where, describe_error(item, Unit, PLAN_FIXES, UNIT_CHOICES))
                for item in error.errors()
            )
            continue
        taken = [
            (name, field) for name, field in ((unit.id, "id"), (unit.name, "name")) if name in seen
        ]
        if taken:
            name, field = taken[0]
            problems.append(
                at(where, field_problem(field, msg("unit.taken", name=name, first=seen[name])))
            )
            continue
        seen[unit.id] = seen[unit.name] = position
        units.append(unit)
    return units


def _validate_targets(
    raw_targets: Sequence[dict[str, Any]],
    problems: list[Message],
    info: PlanInfo | None,
    section_ids: Sequence[str],
    units: Sequence[Unit],
    named_units: Collection[str],
) -> list[Target]:
    targets: list[Target] = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_targets, 1):
        identity = list(_identity_problems(raw, position, first_position, section_ids))
        # [target.split] is a table of unit ids, read here rather than by pydantic, so that
        # its problems name the unit and say what to do.
        target, found = _validate_target(
            {key: value for key, value in raw.items() if key != "split"}
        )
        found += identity
        if target is not None:
            target = _with_direction(target, raw)
            found.extend(_target_rule_problems(target, info, raw))
            target, unit_problems = _with_units(target, raw, units, named_units)
            found.extend(unit_problems)
        where = _where("target", raw, position)
        problems.extend(at(where, problem) for problem in found)
        if target is not None and not found:
            targets.append(_with_milestone_defaults(target))
    return targets


def _with_units(
    target: Target, raw: Mapping[str, Any], units: Sequence[Unit], named: Collection[str]
) -> tuple[Target, list[Message]]:
    """Owner, lead, partners and split resolved to unit ids (docs/plan-format.md, 'Units').

    With [[unit]] tables, `owner` and `lead` are one thing, written as a unit's id or name;
    without them, either is a free name and the other takes it."""
    problems: list[Message] = []
    # An English name names its unit too, unless it is another unit's id or name.
    by_name = {unit.name_en: unit.id for unit in units if unit.name_en}
    by_name.update({name: unit.id for unit in units for name in (unit.id, unit.name)})

    def resolved(field: str, name: str) -> str | None:
        if not units:
            return name
        found = by_name.get(name)
        if found is None and name not in named:  # a bad [[unit]] is reported where it is
            hint = did_you_mean(name, by_name)
            problems.append(field_problem(field, msg("unit.unknown", name=name, hint=hint)))
        return found

    owner = None if target.owner is None else resolved("owner", target.owner)
    lead = None if target.lead is None else resolved("lead", target.lead)
    if owner is not None and lead is not None and owner != lead:
        problems.append(
            field_problem("lead", msg("unit.lead_not_owner", lead=target.lead, owner=target.owner))
        )
    partners = tuple(
        found for name in target.partners if (found := resolved("partners", name)) is not None
    )
    responsible_unit = lead if lead is not None else owner
    for partner in {partner for partner in partners if partners.count(partner) > 1}:
        problems.append(field_problem("partners", msg("partners.twice", unit=partner)))
    if responsible_unit is not None and responsible_unit in partners:
        problems.append(field_problem("partners", msg("partners.lead", unit=responsible_unit)))
    responsible = lead if lead is not None else owner
    shares, split_problems = _split(target, raw.get("split"), units, resolved)
    problems.extend(split_problems)
    return replace(
        target, owner=responsible, lead=responsible, partners=partners, split=shares
    ), problems


def _split(
    target: Target,
    raw: object,
    units: Sequence[Unit],
    resolved: Callable[[str, str], str | None],
) -> tuple[tuple[Share, ...], list[Message]]:
    """[target.split]: each unit's own target, for a total, level or limit."""
    if raw is None:
        return (), []
    if not isinstance(raw, dict):
        return (), [field_problem("split", msg("split.not_a_table", shown=shown(raw)))]
    if not units:
        return (), [field_problem("split", msg("split.no_units"))]
    if target.kind not in SPLIT_KINDS:
        return (), [field_problem("split", msg("split.kind", kind=target.kind))]
    if target.follows is not None:
        return (), [field_problem("split", msg("split.follows", id=target.follows))]
    if not raw:
        return (), [field_problem("split", msg("split.empty"))]
    shares: list[Share] = []
    problems: list[Message] = []
    for name, value in raw.items():
        unit = resolved("split", name)
        if unit is None:
            continue
        where = f"split.{name}"
        try:
            number: float = adapter(Goal).validate_python(value)  # type: ignore[arg-type]
        except ValidationError as error:
            problems.extend(
                field_problem(where, describe_error(item, Share, PLAN_FIXES, PLAN_CHOICES))
                for item in error.errors()
            )
            continue
        if target.kind in ("total", "level") and number <= 0:
            problem = msg("rule.target_positive", kind=target.kind, value=value)
            problems.append(field_problem(where, problem))
        elif unit in (share.unit for share in shares):
            problems.append(field_problem(where, msg("split.twice", unit=unit)))
        else:
            shares.append(Share(unit, number))
    return tuple(shares), problems


def _with_direction(target: Target, raw: Mapping[str, Any]) -> Target:
    """A limit's direction, when left out, is the one its qualifier says: 以内 (at most) is a
    ceiling, 以上 (at least) a floor."""
    if target.kind != "limit" or "direction" in raw:
        return target
    if target.qualifier == "at_most":
        return replace(target, direction="down")
    return target  # at_least: up, the default; no qualifier: reported as missing


def _identity_problems(
    raw: Mapping[str, Any],
    position: int,
    first_position: dict[str, int],
    section_ids: Sequence[str],
) -> Iterable[Message]:
    """A repeated id and an undeclared section, checked even when other fields are bad."""
    identifier, section = raw.get("id"), raw.get("section")
    if isinstance(identifier, str):
        if identifier in first_position:
            yield field_problem(
                "id", msg("target.id_taken", id=identifier, first=first_position[identifier])
            )
        else:
            first_position[identifier] = position
    if isinstance(section, str) and section and section not in section_ids:
        yield field_problem("section", _unknown_section(section, section_ids))


# Stand-ins for bad identity fields, so that the rules between the other fields can
# still be checked and every problem of a target reported in one run.
_PLACEHOLDERS = {"id": "placeholder", "section": "placeholder", "name": "placeholder"}


def _validate_target(raw: dict[str, Any]) -> tuple[Target | None, list[Message]]:
    """The target, or None with the problems of its fields; when only some fields are
    bad, the target without them is returned too, for the rules between fields."""
    target_adapter = adapter(Target)
    try:
        return target_adapter.validate_python(raw), []
    except ValidationError as error:
        errors = error.errors()
    problems = [describe_error(item, Target, PLAN_FIXES, PLAN_CHOICES) for item in errors]
    invalid = {str(item["loc"][0]) for item in errors if item["loc"]}
    remaining = {key: value for key, value in raw.items() if key not in invalid}
    remaining.update({key: value for key, value in _PLACEHOLDERS.items() if key in invalid})
    try:
        partial: Target = target_adapter.validate_python(remaining)
    except ValidationError:
        return None, problems  # the kind itself is bad: the rules between fields need it
    return partial, problems


def _target_rule_problems(
    target: Target, info: PlanInfo | None, raw: Mapping[str, Any]
) -> Iterable[Message]:
    """The rules that tie one field to another (docs/plan-format.md, 'Rules').

    A field that is present but bad was reported already, so only absence counts here.
    """
    if target.kind in NUMBERS_NEEDING_KIND:
        if "unit" not in raw:
            example = "rule.unit_example_growth" if target.kind == "growth" else "rule.unit_example"
            yield field_problem(
                "unit", msg("rule.unit_required", kind=target.kind, example=msg(example))
            )
        if "target" not in raw and "follows" not in raw:
            yield field_problem("target", msg("rule.target_required", kind=target.kind))
    if target.kind in ("total", "milestone") and target.target is not None and target.target <= 0:
        yield field_problem(
            "target", msg("rule.target_positive", kind=target.kind, value=target.target)
        )
    if target.entry == "increment" and target.kind not in ("total", "limit"):
        yield field_problem("entry", msg("rule.increment_only_totals", kind=target.kind))
    yield from _direction_problems(target, raw)
    yield from _relative_problems(target, raw)
    if target.stretch is not None and target.target is not None:
        beyond = (
            target.stretch >= target.target
            if target.direction == "up"
            else (target.stretch <= target.target)
        )
        if not beyond:
            yield field_problem(
                "stretch",
                msg(
                    "rule.stretch_short",
                    stretch=target.stretch,
                    target=target.target,
                    direction=target.direction,
                ),
            )
    if info is not None:
        yield from _due_problems(target, info.year)


def _direction_problems(target: Target, raw: Mapping[str, Any]) -> Iterable[Message]:
    """A ceiling written as a floor, or the other way round (docs/plan-format.md, 'Rules')."""
    if target.kind == "limit" and "direction" not in raw and target.qualifier is None:
        yield field_problem("direction", msg("rule.limit_direction_required"))
        return
    if target.qualifier == "at_most" and target.direction == "up":
        key = "rule.at_most_up_limit" if target.kind == "limit" else "rule.at_most_up"
        yield field_problem("qualifier", msg(key))
    positive = target.target is not None and target.target > 0
    if target.qualifier == "at_least" and target.direction == "down" and positive:
        yield field_problem("qualifier", msg("rule.at_least_down"))
    if target.kind in ("total", "milestone") and target.direction == "down":
        key = "rule.down_not_for_total" if target.kind == "total" else "rule.down_not_for_milestone"
        yield field_problem("direction", msg(key))


def _relative_problems(target: Target, raw: Mapping[str, Any]) -> Iterable[Message]:
    """The fields that only some kinds may use: follows, offset, band, aggregate."""
    if target.follows is not None:
        if target.kind not in ("growth", "level"):
            yield field_problem("follows", msg("rule.follows_kind", kind=target.kind))
        if "target" in raw:
            yield field_problem("target", msg("rule.follows_and_target", id=target.follows))
    elif "offset" in raw:
        yield field_problem("offset", msg("rule.offset_without_follows"))
    if "band" in raw and target.qualifier != "about":
        yield field_problem("band", msg("rule.band_without_about"))
    if target.aggregate == "average" and target.kind not in ("level", "limit"):
        yield field_problem("aggregate", msg("rule.average_kind", kind=target.kind))
    if target.from_projects is not None and (target.kind != "total" or target.split):
        yield field_problem("from_projects", msg("rule.from_projects_kind", kind=target.kind))


def _follows_problems(
    targets: Sequence[Target], raw_targets: Sequence[Mapping[str, Any]]
) -> Iterable[Message]:
    """A target that follows another must follow one of the plan's, in the same unit, and
    not round in a circle."""
    by_id = {target.id: target for target in targets}
    positions = {
        raw["id"]: position
        for position, raw in enumerate(raw_targets, 1)
        if isinstance(raw.get("id"), str)
    }
    for target in targets:
        if target.follows is None:
            continue
        where = msg("where.target", id=target.id, position=positions.get(target.id, 0))
        followed = by_id.get(target.follows)
        if followed is None:
            suggestion = difflib.get_close_matches(target.follows, list(by_id), n=1)
            hint: object = msg("hint.did_you_mean_then", word=suggestion[0]) if suggestion else ""
            yield at(
                where,
                field_problem("follows", msg("rule.follows_unknown", id=target.follows, hint=hint)),
            )
            continue
        if followed.unit != target.unit:
            yield at(
                where,
                field_problem(
                    "follows",
                    msg(
                        "rule.follows_unit",
                        id=followed.id,
                        unit=followed.unit or "",
                        own=target.unit or "",
                    ),
                ),
            )
        chain = [target.id]
        current: Target | None = followed
        while current is not None and current.follows is not None and current.id not in chain:
            chain.append(current.id)
            current = by_id.get(current.follows)
        if current is not None and current.id in chain:
            loop = " → ".join([*chain, current.id])
            yield at(where, field_problem("follows", msg("rule.follows_loop", chain=loop)))


def _due_problems(target: Target, year: int) -> Iterable[Message]:
    due = target.due_month
    if due is None:
        return
    if due.year < year:
        yield field_problem("due", msg("rule.due_before_year", due=due, year=year))
    elif due.year == year and target.kind != "milestone" and due.month != 12:
        yield field_problem("due", msg("rule.due_mid_year", kind=target.kind))
    elif due.year > year and target.schedule is not None:
        yield field_problem("schedule", msg("rule.schedule_beyond_year", due=due))
    elif due.year == year and target.schedule is not None and target.schedule[due.month - 1] <= 0:
        yield field_problem("schedule", msg("rule.schedule_zero_at_due", due=due))


def _with_milestone_defaults(target: Target) -> Target:
    if target.kind != "milestone":
        return target
    goal = 100.0 if target.target is None else target.target
    return replace(target, target=goal, unit=target.unit or "%")


def _unknown_section(section: str, section_ids: Sequence[str]) -> Message:
    listed: object = Listing.of(section_ids) if section_ids else msg("plan.no_sections")
    suggestion = difflib.get_close_matches(section, section_ids, n=1)
    hint: object = msg("hint.did_you_mean_then", word=suggestion[0]) if suggestion else ""
    return msg("target.unknown_section", section=section, hint=hint, sections=listed)


def _where(kind: str, raw: Mapping[str, Any], position: int) -> Message:
    identifier = raw.get("id")
    if isinstance(identifier, str) and identifier:
        return msg(f"where.{kind}", id=identifier, position=position)
    return msg(f"where.{kind}_n", position=position)


def field_problem(field: str, problem: Message) -> Message:
    return msg("field.problem", field=field, problem=problem)


def describe_error(
    error: Mapping[str, Any],
    data_type: type[Any],
    fixes: Mapping[str, str],
    choices: Mapping[str, tuple[str, ...]],
) -> Message:
    """One pydantic error as `field 'x': what is wrong; how to fix it`."""
    location = error["loc"]
    field = str(location[0]) if location else ""
    problem = _what_is_wrong(error, field, data_type, fixes, choices)
    return field_problem(field, problem) if field else problem


def _what_is_wrong(
    error: Mapping[str, Any],
    field: str,
    data_type: type[Any],
    fixes: Mapping[str, str],
    choices: Mapping[str, tuple[str, ...]],
) -> Message:
    value = error.get("input")
    kind = error["type"]
    context = error.get("ctx", {})
    if kind == RULE_ERROR:
        message: Message = context["message"]
        return message
    if kind == "missing":
        fix = msg(fixes[field]) if field in fixes else msg("fix.generic", field=field)
        return msg("field.required", fix=fix)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        known = [item.name for item in fields(data_type)]
        return msg("field.unknown", hint=did_you_mean(field, known))
    if kind == "literal_error":
        allowed = choices.get(field, ())
        if not isinstance(value, str):  # a number, a list or a table where a word belongs
            listed = Listing.of(f"'{choice}'" for choice in allowed)
            return msg("field.not_allowed_type", shown=shown(value), choices=listed)
        suggestion = difflib.get_close_matches(str(value), allowed, n=1)
        hint: object = msg("hint.did_you_mean_then", word=suggestion[0]) if suggestion else ""
        return msg(
            "field.not_allowed",
            value=value,
            hint=hint,
            choices=Listing.of(f"'{choice}'" for choice in allowed),
        )
    if kind in ("float_type", "float_parsing"):
        quoted = isinstance(value, str)  # "150": the fix is to drop the quotes
        if len(error["loc"]) > 1:
            key = "field.not_a_number_in_list" if quoted else "field.not_a_number_in_list_plain"
        else:
            key = "field.not_a_number" if quoted else "field.not_a_number_plain"
        return msg(key, shown=shown(value))
    if kind == "finite_number":
        return msg("field.not_finite", value=str(value))
    if kind.startswith("int_"):
        key = "field.not_a_year" if field == "year" else "field.not_whole"
        return msg(key, shown=shown(value))
    if kind.startswith("bool_"):
        return msg("field.not_a_flag", shown=shown(value), field=field)
    if kind == "string_type":
        return msg("field.not_text", shown=shown(value), field=field)
    if kind == "string_too_short":
        return msg("field.empty")
    if kind == "string_pattern_mismatch":
        return msg("field.not_an_id", value=value)
    if kind in ("greater_than_equal", "less_than_equal"):
        if "ge" in context and "le" in context:
            return msg("field.between", low=context["ge"], high=context["le"], value=value)
        if "ge" in context:
            return msg("field.at_least", low=context["ge"], value=value)
        return msg("field.at_most", high=context["le"], value=value)
    if kind in ("tuple_type", "list_type"):
        return msg("field.not_a_list", shown=shown(value))
    if kind in ("greater_than", "less_than"):
        bound = context.get("gt", context.get("lt"))
        return msg(
            "field.above" if kind == "greater_than" else "field.below", bound=bound, value=value
        )
    return msg("field.invalid", detail=str(error.get("msg", "")))


def shown(value: object) -> object:
    """How a wrong value is named in a message: the text "x", true, a table, a list."""
    if isinstance(value, str):
        return msg("shown.text", text=value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return msg("shown.table")
    if isinstance(value, list):
        return msg("shown.list")
    if isinstance(value, date | time):  # 2023-03-01 unquoted is a TOML date, not text
        return msg("shown.date", text=value.isoformat())
    return repr(value)


def did_you_mean(word: str, known: Iterable[str]) -> Message:
    suggestion = difflib.get_close_matches(word, list(known), n=1)
    if suggestion:
        return msg("hint.did_you_mean", word=suggestion[0])
    return msg("hint.check_spelling")


# ── the key-project register ────────────────────────────────────────────────


def build_register(data: Mapping[str, Any], plan: Plan) -> tuple[Register | None, list[Message]]:
    """Validate projects.toml against the plan: every problem at once, one line each."""
    problems: list[Message] = []
    for key in data:
        if key not in ("projects", "project"):
            hint = did_you_mean(key, ("projects", "project"))
            problems.append(msg("register.unknown_table", key=key, hint=hint))
    settings = data.get("projects", {})
    unit = DEFAULT_PROJECT_UNIT
    if not isinstance(settings, dict):
        problems.append(msg("plan.not_a_table", key="projects", table="[projects]"))
    else:
        for key, value in settings.items():
            if key != "unit":
                hint = did_you_mean(key, ("unit",))
                problems.append(
                    at("[projects]", field_problem(key, msg("field.unknown", hint=hint)))
                )
            elif not isinstance(value, str) or single_line_problem(value) or not value.strip():
                problems.append(at("[projects]", field_problem("unit", msg("register.bad_unit"))))
            else:
                unit = value
    raw_projects = data.get("project", [])
    if not _is_array_of_tables(raw_projects):
        problems.append(msg("plan.not_array_of_tables", key="project", table="[[project]]"))
        raw_projects = []
    projects = _validate_projects(raw_projects, plan, problems)
    for target in plan.targets:
        if target.from_projects == "completed_investment" and target.unit != unit:
            problem = msg("register.unit_mismatch", id=target.id, unit=target.unit or "", own=unit)
            problems.append(at("[projects]", field_problem("unit", problem)))
    if problems:
        return None, problems
    return Register(tuple(projects), unit), []


def _project_months(project: Project, year: int) -> list[Message]:
    """A new project of the year's register starts in the plan year, its completion comes
    after its start, and no milestone falls due before the year (it could never be met)."""
    found: list[Message] = []
    start = project.start_month
    if project.type == "new" and start is not None and start.year != year:
        problem = msg("project.start_outside_year", start=start, year=year)
        found.append(field_problem("planned_start", problem))
    if project.planned_completion is not None:
        end_year, end_month = project.planned_completion.split("-")
        end = Month(int(end_year), int(end_month))
        if start is not None and end < start:
            problem = msg("project.completion_before_start", end=end, start=start)
            found.append(field_problem("planned_completion", problem))
    for milestone in project.milestone:
        if milestone.due_month.year < year:
            problem = msg(
                "project.milestone_before_year",
                name=milestone.name, due=milestone.due_month, year=year,
            )  # fmt: skip
            found.append(field_problem("milestone", problem))
    return found


def _id_clash(project_id: str, plan: Plan, seen: Mapping[str, int]) -> list[Message]:
    """A project's id taken by an earlier project, or by a target of the plan."""
    if project_id in seen:
        taken = msg("project.id_taken", id=project_id, first=seen[project_id])
        return [field_problem("id", taken)]
    if plan.target(project_id) is not None:
        return [field_problem("id", msg("project.id_is_target", id=project_id))]
    return []


def _project_error(where: Message, error: Mapping[str, Any]) -> Message:
    """A pydantic error of a [[project]] table, placed: a problem of one of its
    [[project.milestone]] tables names that milestone's field, not `milestone`."""
    location = error["loc"]
    if location and location[0] == "milestone":
        if len(location) >= 3 and isinstance(location[1], int) and isinstance(location[2], str):
            inner = {**error, "loc": location[2:]}
            place = msg("where.milestone", where=where, position=location[1] + 1)
            return at(place, describe_error(inner, Milestone, MILESTONE_FIXES, {}))
        if len(location) == 1 and isinstance(error.get("input"), dict):
            # [project.milestone] with one bracket: a table where a list of tables belongs.
            return at(where, field_problem("milestone", msg("project.milestone_brackets")))
    return at(where, describe_error(error, Project, PROJECT_FIXES, PROJECT_CHOICES))


def _validate_projects(
    raw_projects: Sequence[dict[str, Any]], plan: Plan, problems: list[Message]
) -> list[Project]:
    projects: list[Project] = []
    seen: dict[str, int] = {}
    named = {name for unit in plan.units for name in (unit.id, unit.name)}
    for position, raw in enumerate(raw_projects, 1):
        where = _where("project", raw, position)
        try:
            project: Project = adapter(Project).validate_python(raw)
        except ValidationError as error:
            problems.extend(_project_error(where, item) for item in error.errors())
            # What can still be checked is checked: every problem at once.
            raw_problems = _raw_project_problems(raw, plan, seen, named)
            problems.extend(at(where, found) for found in raw_problems)
            raw_id = raw.get("id")
            if isinstance(raw_id, str) and raw_id:
                seen.setdefault(raw_id, position)
            continue
        found = _id_clash(project.id, plan, seen)
        seen.setdefault(project.id, position)
        if project.type == "new" and project.planned_start is None:
            found.append(field_problem("planned_start", msg("project.start_required")))
        if project.type == "continued" and project.planned_start is not None:
            found.append(field_problem("planned_start", msg("project.start_continued")))
        found += _project_months(project, plan.year)
        found += _plan_above_total(project.total_investment, project.annual_plan)
        found += _lead_problems(project.lead, plan, named)
        if project.lead is not None and plan.resolve_unit(project.lead) is not None:
            project = replace(project, lead=plan.resolve_unit(project.lead))
        found += _milestones_twice([milestone.name for milestone in project.milestone])
        problems.extend(at(where, problem) for problem in found)
        if not found:
            projects.append(project)
    return projects


def _raw_project_problems(
    raw: Mapping[str, Any], plan: Plan, seen: Mapping[str, int], named: Collection[str]
) -> list[Message]:
    """The checks across a project's fields that its raw values allow, when some field of it
    failed: its id, its lead, its plan against its total, its milestones' names."""
    found: list[Message] = []
    raw_id, lead = raw.get("id"), raw.get("lead")
    if isinstance(raw_id, str) and raw_id:
        found += _id_clash(raw_id, plan, seen)
    if isinstance(lead, str) and lead.strip():
        found += _lead_problems(lead, plan, named)
    total, annual = raw.get("total_investment"), raw.get("annual_plan")
    # Compared only when each is a valid amount on its own (else its own line says so).
    if _is_number(total) and _is_number(annual) and total >= 0 and annual > 0:
        found += _plan_above_total(float(total), float(annual))
    milestones = raw.get("milestone")
    if isinstance(milestones, list):
        found += _milestones_twice(
            [item["name"] for item in milestones if isinstance(item, dict) and "name" in item]
        )
    return found


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plan_above_total(total: float | None, annual: float) -> list[Message]:
    if total is None or total >= annual:
        return []
    problem = msg("project.plan_above_total", plan=annual, total=total)
    return [field_problem("annual_plan", problem)]


def _lead_problems(lead: str | None, plan: Plan, named: Collection[str]) -> list[Message]:
    """A lead that names no declared unit (when the plan declares units)."""
    if lead is None or not plan.units or plan.resolve_unit(lead) is not None or lead in named:
        return []
    hint = did_you_mean(lead, named)
    return [field_problem("lead", msg("unit.unknown", name=lead, hint=hint))]


def _milestones_twice(names: Sequence[object]) -> list[Message]:
    twice = sorted({str(name) for name in names if names.count(name) > 1})
    return [field_problem("milestone", msg("project.milestone_twice", name=name)) for name in twice]
