"""Finding the target, section or owner a user means from what they typed."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from plantrack.core.errors import UnknownSection, UnknownTarget
from plantrack.core.messages import Listing, Message, msg
from plantrack.core.model import Plan, Section, Target

LISTED_AT_MOST = 8


def resolve_target(plan: Plan, query: str) -> Target:
    """The id; else an exact name or name_en (English case-insensitive); else a part of
    a name that matches exactly one target. Anything else is refused with a hint."""
    typed = unicodedata.normalize("NFKC", query).strip()
    folded = typed.casefold()
    if not typed:  # blank, or only spaces: it names no target (not every unnamed one)
        raise UnknownTarget(msg("target.empty"))
    by_id = plan.target(typed)
    if by_id is not None:
        return by_id
    candidates = (*plan.targets, *plan.project_targets)  # key projects record as targets
    exact = [
        target
        for target in candidates
        if target.name == typed
        or (target.name_en is not None and target.name_en.casefold() == folded)
    ]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [
        target
        for target in candidates
        if folded
        and (folded in target.name.casefold() or folded in (target.name_en or "").casefold())
    ]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UnknownTarget(
            msg("target.ambiguous", query=query, count=len(partial), listing=_listing(partial))
        )
    raise UnknownTarget(msg("target.unknown", query=query, hint=_suggestion(plan, typed)))


def resolve_project(plan: Plan, query: str) -> Target | None:
    """A key project named by its id, its name or a part of its name that only it has among
    the projects; None when the register has no such one project. For `--started` and
    `--milestone`, which only projects take: a target of the plan with the same name as a
    project does not make the project's name ambiguous there."""
    typed = unicodedata.normalize("NFKC", query).strip()
    folded = typed.casefold()
    projects = plan.project_targets
    if not typed or not projects:
        return None
    by_id = plan.project_target(typed)
    if by_id is not None:
        return by_id
    for matches in (
        [p for p in projects if p.name == typed or (p.name_en or "").casefold() == folded],
        [
            p
            for p in projects
            if folded in p.name.casefold() or folded in (p.name_en or "").casefold()
        ],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            return None
    return None


def _listing(targets: Sequence[Target]) -> object:
    shown = Listing.of(
        msg("target.id_name", id=target.id, name=target.name) for target in targets[:LISTED_AT_MOST]
    )
    hidden = len(targets) - LISTED_AT_MOST
    return shown if hidden <= 0 else msg("listing.more", items=shown, hidden=hidden)


def _suggestion(plan: Plan, typed: str) -> Message:
    candidates: dict[str, Target] = {}
    for target in (*plan.targets, *plan.project_targets):
        candidates[target.id] = target
        candidates[target.name] = target
        if target.name_en:
            candidates[target.name_en.casefold()] = target
    close = difflib.get_close_matches(typed.casefold(), list(candidates), n=1, cutoff=0.6)
    if close:
        target = candidates[close[0]]
        return msg("target.did_you_mean", id=target.id, name=target.name)
    return msg("target.list_hint")


def find_sections(plan: Plan, query: str | None) -> list[Section]:
    """Every section when query is None, else the one whose id or name matches."""
    if query is None:
        return list(plan.sections)
    folded = unicodedata.normalize("NFKC", query).strip().casefold()
    for section in plan.sections:
        names = (section.id, section.name, section.name_en or "")
        if folded in (name.casefold() for name in names):
            return [section]
    listed = Listing.of(
        msg("target.id_name", id=section.id, name=section.name) for section in plan.sections
    )
    raise UnknownSection(msg("section.unknown", query=query, sections=listed))


def find_owner(plan: Plan, query: str | None) -> str | None:
    """The owner as the plan spells it, matched without regard to case or width; with units,
    the id of the unit named by its id or name."""
    if query is None:
        return None
    if plan.units:
        return _find_unit(plan, query)
    owners = plan.owners()
    folded = unicodedata.normalize("NFKC", query).strip().casefold()
    for owner in owners:
        if unicodedata.normalize("NFKC", owner).casefold() == folded:
            return owner
    if not owners:
        raise UnknownSection(msg("owner.none_in_plan"))
    raise UnknownSection(msg("owner.unknown", query=query, owners=Listing.of(owners)))


def _find_unit(plan: Plan, query: str) -> str:
    folded = unicodedata.normalize("NFKC", query).strip().casefold()
    for unit in plan.units:
        names = (unit.id, unit.name, unit.name_en or "")
        if any(unicodedata.normalize("NFKC", name).casefold() == folded for name in names):
            return unit.id
    listed = Listing.of(msg("target.id_name", id=unit.id, name=unit.name) for unit in plan.units)
    raise UnknownSection(msg("unit.not_found", query=query, units=listed))
