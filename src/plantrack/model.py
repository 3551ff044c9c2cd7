"""The plan and its targets, and the ledger's entries: frozen, validated data types."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from plantrack.periods import Month

Kind = Literal["growth", "total", "level", "milestone"]
Qualifier = Literal["about", "at_least", "at_most"]
Direction = Literal["up", "down"]
Frequency = Literal["monthly", "quarterly", "annual"]
EntryMode = Literal["ytd", "increment"]
Lang = Literal["zh", "en"]

KINDS: tuple[Kind, ...] = ("growth", "total", "level", "milestone")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DUE_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

DEFAULT_TOLERANCE_GROWTH = 0.5
DEFAULT_TOLERANCE = 0.10

# TOML gives ints and floats; strict keeps a quoted "150" from passing as a number.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanInfo(_Frozen):
    title: Text
    year: Annotated[int, Field(strict=True, ge=1900, le=2999)]
    title_en: Text | None = None
    source: Text | None = None


class Defaults(_Frozen):
    tolerance_growth: Annotated[Number, Field(ge=0)] = DEFAULT_TOLERANCE_GROWTH
    tolerance: Annotated[Number, Field(ge=0)] = DEFAULT_TOLERANCE


class Section(_Frozen):
    id: Identifier
    name: Text
    name_en: Text | None = None

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


class Target(_Frozen):
    """One target of the plan, as declared in targets.toml (docs/plan-format.md)."""

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
                "plantrack", f"ends at {schedule[-1]}, not 1.0; the whole target is due by December"
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

    @property
    def due_month(self) -> Month | None:
        if self.due is None:
            return None
        year, month = self.due.split("-")
        return Month(int(year), int(month))

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


class Plan(_Frozen):
    info: PlanInfo
    defaults: Defaults = Defaults()
    sections: tuple[Section, ...]
    targets: tuple[Target, ...]

    @property
    def year(self) -> int:
        return self.info.year

    def target(self, target_id: str) -> Target | None:
        return next((target for target in self.targets if target.id == target_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def counted(self, target: Target) -> bool:
        """Whether the target counts in this year's totals: not when it is due in a later year."""
        due = target.due_month
        return due is None or due.year <= self.year

    def tolerance(self, target: Target) -> float:
        """The target's own tolerance, else the plan default for its kind."""
        if target.tolerance is not None:
            return target.tolerance
        if target.kind == "growth":
            return self.defaults.tolerance_growth
        return self.defaults.tolerance


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the ledger: a figure for a target and month, and who recorded it when.

    A plain dataclass rather than a pydantic model: a ledger holds tens of thousands of
    entries, each validated once when it is written (ledger.py), not on every read.
    """

    target: str
    period: Month
    value: float
    recorded_at: str
    by: str
    source: str | None = None
    note: str | None = None
