"""Plain dictionaries for --json output: the shapes other tools rely on (docs/cli.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plantrack.model import Plan, Section, Target
from plantrack.schedule import effective_schedule


def plan_info_json(plan: Plan) -> dict[str, Any]:
    info = plan.info
    return {
        "title": info.title,
        "title_en": info.title_en,
        "year": info.year,
        "source": info.source,
    }


def section_json(section: Section) -> dict[str, Any]:
    return {"id": section.id, "name": section.name, "name_en": section.name_en}


def target_json(plan: Plan, target: Target) -> dict[str, Any]:
    """Every field of the schema with the defaults filled in, plus `counted`."""
    fields = target.model_dump()
    fields["tolerance"] = plan.tolerance(target)
    fields["schedule"] = list(effective_schedule(target, plan.year))
    fields["due"] = target.due or f"{plan.year}-12"
    fields["tags"] = list(target.tags)
    fields["counted"] = plan.counted(target)
    return fields


def plan_json(plan: Plan, sections: Sequence[Section]) -> dict[str, Any]:
    section_ids = {section.id for section in sections}
    return {
        "plan": plan_info_json(plan),
        "sections": [section_json(section) for section in sections],
        "targets": [
            target_json(plan, target) for target in plan.targets if target.section in section_ids
        ],
    }
