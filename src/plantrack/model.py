"""The plan, its targets and the ledger's entries: frozen data types, checked when they are made.

These are plain frozen dataclasses rather than pydantic models: every command builds them,
and a command must start in a fraction of a second. The plan file is validated with pydantic
once, when it changes (validation.py); the result is cached (cache.py) and rebuilt from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Literal

from plantrack.language import Lang
from plantrack.periods import Month

__all__ = ["Lang"]  # the language type lives in language.py; many modules import it from here

Kind = Literal["growth", "total", "level", "milestone"]
Qualifier = Literal["about", "at_least", "at_most"]
Direction = Literal["up", "down"]
Frequency = Literal["monthly", "quarterly", "annual"]
EntryMode = Literal["ytd", "increment"]

KINDS: tuple[Kind, ...] = ("growth", "total", "level", "milestone")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DUE_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

DEFAULT_TOLERANCE_GROWTH = 0.5
DEFAULT_TOLERANCE = 0.10


@dataclass(frozen=True, slots=True)
class PlanInfo:
    title: str
    year: int
    title_en: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Defaults:
    tolerance_growth: float = DEFAULT_TOLERANCE_GROWTH
    tolerance: float = DEFAULT_TOLERANCE


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    name: str
    name_en: str | None = None

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One target of the plan, as declared in targets.toml (docs/plan-format.md).

    The fields are in the order of the documentation, which `targets --json` keeps.
    """

    id: str
    section: str
    name: str
    name_en: str | None = None
    kind: Kind
    unit: str | None = None
    target: float | None = None
    stretch: float | None = None
    qualifier: Qualifier | None = None
    direction: Direction = "up"
    baseline: float | None = None
    baseline_note: str | None = None
    tolerance: float | None = None
    frequency: Frequency = "monthly"
    entry: EntryMode = "ytd"
    schedule: tuple[float, ...] | None = None
    due: str | None = None
    owner: str | None = None
    group: str | None = None
    tags: tuple[str, ...] = ()
    quote: str | None = None
    note: str | None = None

    @property
    def due_month(self) -> Month | None:
        if self.due is None:
            return None
        year, month = self.due.split("-")
        return Month(int(year), int(month))

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


TARGET_FIELDS: tuple[str, ...] = tuple(item.name for item in fields(Target))


@dataclass(frozen=True)
class Plan:
    info: PlanInfo
    sections: tuple[Section, ...]
    targets: tuple[Target, ...]
    defaults: Defaults = Defaults()
    _by_id: dict[str, Target] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Looking a target up by id is the hot path of an import of thousands of rows.
        object.__setattr__(self, "_by_id", {target.id: target for target in self.targets})

    @property
    def year(self) -> int:
        return self.info.year

    def target(self, target_id: str) -> Target | None:
        return self._by_id.get(target_id)

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

    Validated once when it is written (ledger.py), not on every read.
    """

    target: str
    period: Month
    value: float
    recorded_at: str
    by: str
    source: str | None = None
    note: str | None = None
