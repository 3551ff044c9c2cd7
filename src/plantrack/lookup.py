"""Finding the target or section a user means from what they typed."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from plantrack.errors import UnknownSection, UnknownTarget
from plantrack.language import Lang, say
from plantrack.model import Plan, Section, Target

LISTED_AT_MOST = 8


def resolve_target(plan: Plan, query: str, lang: Lang = "en") -> Target:
    """The id; else an exact name or name_en (English case-insensitive); else a part of
    a name that matches exactly one target. Anything else is refused with a hint."""
    typed = unicodedata.normalize("NFKC", query).strip()
    folded = typed.casefold()
    by_id = plan.target(typed)
    if by_id is not None:
        return by_id
    exact = [
        target
        for target in plan.targets
        if target.name == typed or (target.name_en or "").casefold() == folded
    ]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [
        target
        for target in plan.targets
        if folded
        and (folded in target.name.casefold() or folded in (target.name_en or "").casefold())
    ]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UnknownTarget(
            say(
                lang,
                f"'{query}' matches {len(partial)} targets: {_listing(partial, lang)}; "
                "give the id or more of the name",
                f"“{query}”对应 {len(partial)} 项指标：{_listing(partial, lang)}；"
                "请填写编号或更完整的名称",
            )
        )
    raise UnknownTarget(
        say(lang, f"unknown target '{query}'; ", f"没有指标“{query}”；")
        + _suggestion(plan, typed, lang)
    )


def _listing(targets: Sequence[Target], lang: Lang) -> str:
    shown = say(lang, ", ", "、").join(
        f"{target.id} ({target.name})" for target in targets[:LISTED_AT_MOST]
    )
    hidden = len(targets) - LISTED_AT_MOST
    if hidden <= 0:
        return shown
    return shown + say(lang, f" and {hidden} more", f" 等（另有 {hidden} 项）")


def _suggestion(plan: Plan, typed: str, lang: Lang) -> str:
    candidates: dict[str, Target] = {}
    for target in plan.targets:
        candidates[target.id] = target
        candidates[target.name] = target
        if target.name_en:
            candidates[target.name_en.casefold()] = target
    close = difflib.get_close_matches(typed.casefold(), list(candidates), n=1, cutoff=0.6)
    listing = say(
        lang, "'plantrack targets' lists every target", "plantrack targets 可列出全部指标"
    )
    if close:
        target = candidates[close[0]]
        return say(
            lang,
            f"did you mean '{target.id}' ({target.name})? {listing}",
            f"是否要找“{target.id}”（{target.name}）？{listing}",
        )
    return listing


def find_sections(plan: Plan, query: str | None) -> list[Section]:
    """Every section when query is None, else the one whose id or name matches."""
    if query is None:
        return list(plan.sections)
    folded = unicodedata.normalize("NFKC", query).strip().casefold()
    for section in plan.sections:
        names = (section.id, section.name, section.name_en or "")
        if folded in (name.casefold() for name in names):
            return [section]
    listed = ", ".join(f"{section.id} ({section.name})" for section in plan.sections)
    raise UnknownSection(f"--section: no section '{query}'; use one of {listed}")


def find_owner(plan: Plan, query: str | None) -> str | None:
    """The owner as the plan spells it, matched without regard to case or width."""
    if query is None:
        return None
    owners = sorted({target.owner for target in plan.targets if target.owner})
    folded = unicodedata.normalize("NFKC", query).strip().casefold()
    for owner in owners:
        if unicodedata.normalize("NFKC", owner).casefold() == folded:
            return owner
    if not owners:
        raise UnknownSection(
            '--owner: no target in the plan has an owner; add owner = "..." to the targets '
            "in the plan file"
        )
    raise UnknownSection(f"--owner: no target has owner '{query}'; owners: {', '.join(owners)}")
