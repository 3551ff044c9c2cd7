"""The plan, its sections and targets, and the ledger's entries: one frozen type per concept.

The constraints of each field are written beside it (core/constraints.py). When a plan file
changes, core/validation.py checks it against exactly these types with pydantic; the store
caches the result, and a command on an unchanged plan builds the same types from the cache
without importing pydantic.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, fields, replace
from typing import Annotated, ClassVar, Literal

from plantrack.core.constraints import Flag, Number, Rule, Text, WholeNumber
from plantrack.core.messages import Lang, Message, msg
from plantrack.core.periods import Month
from plantrack.core.text import CONTROL_CHARACTERS
from plantrack.core.values import SMALLEST_TARGET

Kind = Literal["growth", "total", "level", "milestone", "limit"]
Qualifier = Literal["about", "at_least", "at_most"]
Direction = Literal["up", "down"]
Frequency = Literal["monthly", "quarterly", "annual"]
EntryMode = Literal["ytd", "increment"]
Aggregate = Literal["latest", "average"]
RulesMode = Literal["tolerance", "points"]
FromProjects = Literal["count", "started", "completed_investment"]
UnitKind = Literal["department", "town", "other"]
ProjectLevel = Literal["province", "city", "district"]
ProjectType = Literal["new", "continued"]

KINDS: tuple[Kind, ...] = ("growth", "total", "level", "milestone", "limit")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DUE_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

DEFAULT_TOLERANCE_GROWTH = 0.5
DEFAULT_TOLERANCE = 0.10
DEFAULT_ABOUT_BAND = 0.5
# Figures counted in these units are whole things: a fraction of a firm is a typing error.
COUNT_UNITS = frozenset("个家项处场所栋户人座条次名套")
MMDD_PATTERN = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

# pydantic reads this on the dataclasses: a misspelt field is a problem, not ignored.
_FORBID_EXTRA: dict[str, str] = {"extra": "forbid"}


def schedule_problem(schedule: tuple[float, ...] | None) -> Message | None:
    """Why a schedule is not 12 cumulative shares ending at 1, if it is not."""
    if schedule is None:
        return None
    if len(schedule) != 12:
        return msg("schedule.count", count=len(schedule))
    if any(not 0 <= share <= 1 for share in schedule):
        return msg("schedule.range")
    for month, (before, after) in enumerate(itertools.pairwise(schedule), 2):
        if after < before:
            return msg("schedule.falls", before=before, after=after, month=month)
    if abs(schedule[-1] - 1.0) > 1e-9:
        return msg("schedule.end", end=schedule[-1])
    return None


def due_problem(due: str | None) -> Message | None:
    if due is not None and not DUE_PATTERN.match(due):
        return msg("due.not_a_month", due=due)
    return None


def target_size_problem(value: float | None) -> Message | None:
    """A target so small that progress (actual ÷ target) would overflow is a typing error."""
    if value is not None and value != 0 and abs(value) < SMALLEST_TARGET:
        return msg("field.too_small", value=repr(value), smallest=repr(SMALLEST_TARGET))
    return None


def single_line_problem(text: str | None) -> Message | None:
    """Titles, names, units and owners go into mail headers, file names and one-line tables:
    no line breaks, and no character that drives a terminal or reorders text."""
    if text is None:
        return None
    if "\n" in text or "\r" in text:
        return msg("field.line_break")
    if not text.strip():
        return msg("field.blank")
    found = CONTROL_CHARACTERS.search(text)
    if found is not None:
        return msg("field.control_char", char=f"U+{ord(found.group()):04X}")
    return None


def month_day_problem(text: str) -> Message | None:
    if not MMDD_PATTERN.match(text):
        return msg("calendar.not_a_day", text=text)
    return None


Identifier = Annotated[str, Text(pattern=ID_PATTERN)]
Words = Annotated[str, Text()]
Line = Annotated[str, Text(), Rule(single_line_problem)]
Figure = Annotated[float, Number()]
Goal = Annotated[Figure | None, Rule(target_size_problem)]
Margin = Annotated[float, Number(ge=0)]
Schedule = Annotated[tuple[Figure, ...] | None, Rule(schedule_problem)]
DueMonth = Annotated[str | None, Rule(due_problem)]
DayOfMonth = Annotated[int, WholeNumber(ge=1, le=31)]


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """The [plan] table: what the plan is called and which year it covers."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    title: Line
    year: Annotated[int, WholeNumber(ge=1900, le=2999)]
    title_en: Line | None = None
    source: Words | None = None
    # The key-project register (docs/projects.md); default: projects.toml beside the plan.
    projects: Line | None = None

    def label(self, lang: Lang) -> str:
        return self.title_en or self.title if lang == "en" else self.title


@dataclass(frozen=True, slots=True)
class Defaults:
    """The [defaults] table: the slack of the progress rules (docs/progress.md)."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    tolerance_growth: Margin = DEFAULT_TOLERANCE_GROWTH
    tolerance: Margin = DEFAULT_TOLERANCE
    about_band: Margin = DEFAULT_ABOUT_BAND


@dataclass(frozen=True, slots=True)
class Rules:
    """The [rules] table: judge by tolerances (the default) or by percentage points of the
    target against the schedule, as some offices write their rules (docs/progress.md)."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    mode: RulesMode = "tolerance"
    at_risk_points: Margin = 10.0
    off_track_points: Margin = 30.0
    # A key project whose start is this many months late is off track (红灯); one month, at risk.
    start_late_red_months: Annotated[int, WholeNumber(ge=1, le=12)] = 3


@dataclass(frozen=True, slots=True)
class Calendar:
    """The [calendar] table: when each period's figure is due (docs/progress.md, 'Calendar')."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    monthly_due_day: DayOfMonth = 15
    quarterly_due_day: DayOfMonth = 20
    annual_due: Annotated[str, Text(), Rule(month_day_problem)] = "01-31"
    jan_feb_combined: Annotated[bool, Flag()] = True


@dataclass(frozen=True, slots=True)
class Section:
    """A [[section]] table: a part of the plan that groups its targets."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    id: Identifier
    name: Line
    name_en: Line | None = None

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


@dataclass(frozen=True, slots=True)
class Unit:
    """A [[unit]] table: a department, town or street that leads targets, takes a share of
    them and reports figures (docs/plan-format.md, 'Units')."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    id: Identifier
    name: Line
    name_en: Line | None = None
    kind: UnitKind = "other"

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name


@dataclass(frozen=True, slots=True)
class Share:
    """One unit's own part of a split target: `chengdong = 800` under [target.split]."""

    unit: Identifier
    target: Figure


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One target of the plan, as declared in targets.toml (docs/plan-format.md).

    The fields are in the order of the documentation, which `targets --json` keeps.
    """

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    id: Identifier
    section: Line
    name: Line
    name_en: Line | None = None
    kind: Kind
    unit: Line | None = None
    target: Goal = None
    stretch: Goal = None
    qualifier: Qualifier | None = None
    direction: Direction = "up"
    baseline: Figure | None = None
    baseline_note: Words | None = None
    tolerance: Margin | None = None
    band: Margin | None = None
    follows: Identifier | None = None
    offset: Figure = 0.0
    aggregate: Aggregate = "latest"
    frequency: Frequency = "monthly"
    entry: EntryMode = "ytd"
    schedule: Schedule = None
    due: DueMonth = None
    owner: Line | None = None
    # 牵头单位 and 配合单位. With [[unit]] tables, owner and lead are the same unit's id.
    lead: Line | None = None
    partners: tuple[Line, ...] = ()
    # Each unit's own target, in file order; the plan loader reads [target.split] into it.
    split: tuple[Share, ...] = ()
    group: Line | None = None
    # With a key-project register: the actual comes from it, not the ledger (docs/projects.md).
    from_projects: FromProjects | None = None
    tags: tuple[Line, ...] = ()
    quote: Words | None = None
    note: Words | None = None

    @property
    def due_month(self) -> Month | None:
        if self.due is None:
            return None
        year, month = self.due.split("-")
        return Month(int(year), int(month))

    @property
    def is_count(self) -> bool:
        """Whether the target counts whole things (firms, projects), so figures are whole."""
        return self.unit in COUNT_UNITS

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name

    def share(self, unit: str) -> float | None:
        """The unit's own target when the target is split to it."""
        return next((share.target for share in self.split if share.unit == unit), None)

    @property
    def sums_units(self) -> bool:
        """Whether the district's figure is the sum of its units' own: for a split total, and
        a split limit on a running total (entered as increments, such as land used); a rate
        or a level of ten towns is not their sum."""
        return bool(self.split) and (
            self.kind == "total" or (self.kind == "limit" and self.entry == "increment")
        )

    @property
    def takes_district_figure(self) -> bool:
        """Whether a district figure is recorded for the target: for all but one whose
        district figure is the sum of its units' own."""
        return not self.sums_units

    @property
    def split_units(self) -> tuple[str, ...]:
        return tuple(share.unit for share in self.split)

    def for_unit(self, unit: str) -> Target:
        """The target as one unit of its split sees it: the unit's own number to reach; the
        district's baseline and stretch are the district's, not the unit's. Its lead stays
        the district's lead: the unit's row says whose share it is (TargetProgress.unit)."""
        share = self.share(unit)
        assert share is not None, "only a unit of the split has a target of its own"
        return replace(
            self, target=share, stretch=None, baseline=None, baseline_note=None, split=()
        )


TARGET_FIELDS: tuple[str, ...] = tuple(item.name for item in fields(Target))


@dataclass(frozen=True)
class Plan:
    """The whole plan: its [plan] table, defaults, sections and targets, in file order."""

    info: PlanInfo
    sections: tuple[Section, ...]
    targets: tuple[Target, ...]
    defaults: Defaults = Defaults()
    rules: Rules = Rules()
    calendar: Calendar = Calendar()
    units: tuple[Unit, ...] = ()
    # The key-project register beside the plan, when there is one (docs/projects.md).
    register: Register | None = None
    _by_id: dict[str, Target] = field(init=False, repr=False, compare=False)
    _units: dict[str, Unit] = field(init=False, repr=False, compare=False)
    _projects: dict[str, Target] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Looking a target up by id is the hot path of an import of thousands of rows.
        object.__setattr__(self, "_by_id", {target.id: target for target in self.targets})
        object.__setattr__(self, "_units", {unit.id: unit for unit in self.units})
        register = self.register
        projects = (
            {}
            if register is None
            else {project.id: project.as_target(register.unit) for project in register.projects}
        )
        object.__setattr__(self, "_projects", projects)

    def project_target(self, project_id: str) -> Target | None:
        """A key project's investment as the target `record` and `history` take it."""
        return self._projects.get(project_id)

    @property
    def project_targets(self) -> tuple[Target, ...]:
        return tuple(self._projects.values())

    @property
    def recorded_ids(self) -> set[str]:
        """The ids a ledger entry may name: the plan's targets and the register's projects."""
        return {*self._by_id, *self._projects}

    def unit(self, unit_id: str) -> Unit | None:
        return self._units.get(unit_id)

    def resolve_unit(self, text: str) -> str | None:
        """The id of the unit named by its id or its name (zh or en), if the plan declares it."""
        if text in self._units:
            return text
        folded = text.casefold()
        return next(
            (
                unit.id
                for unit in self.units
                if text == unit.name or (unit.name_en and folded == unit.name_en.casefold())
            ),
            None,
        )

    def unit_label(self, unit_id: str, lang: Lang) -> str:
        """A unit's name in the reader's language; an owner that is no declared unit, as is."""
        unit = self._units.get(unit_id)
        return unit_id if unit is None else unit.label(lang)

    def owes(self, unit_id: str) -> tuple[Target, ...]:
        """The targets whose figures a unit reports: its shares of split targets, and the
        targets it leads (or owns) that take a district figure: all but a split total, whose
        district figure is its units' sum; and the investment of the key projects it leads.
        A partner (配合单位) owes nothing."""
        own = tuple(
            target
            for target in self.targets
            if target.share(unit_id) is not None
            or (
                target.owner == unit_id
                and target.takes_district_figure
                and not self.derives(target)
            )
        )
        return own + self.projects_led(unit_id)

    def projects_led(self, unit_id: str) -> tuple[Target, ...]:
        """The key projects a unit leads, as targets (their investment)."""
        return tuple(project for project in self._projects.values() if project.owner == unit_id)

    def derives(self, target: Target) -> bool:
        """Whether the target's actual comes from the key-project register, not the ledger."""
        return target.from_projects is not None and self.register is not None

    def responsible(self, unit_id: str) -> tuple[Target, ...]:
        """The targets that are a unit's own: those it leads and those split to it, then the
        key projects it leads."""
        own = tuple(
            target
            for target in self.targets
            if target.owner == unit_id or target.share(unit_id) is not None
        )
        return own + self.projects_led(unit_id)

    @property
    def year(self) -> int:
        return self.info.year

    def target(self, target_id: str) -> Target | None:
        """A target of the plan by id; else a key project of the register, taken as a target
        (its investment), so that `record`, `import` and `history` take projects too."""
        return self._by_id.get(target_id) or self._projects.get(target_id)

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def counted(self, target: Target) -> bool:
        """Whether the target counts in this year's totals: not when it is due in a later year."""
        due = target.due_month
        return due is None or due.year <= self.year

    def tolerance(self, target: Target) -> float:
        """The target's own tolerance, else the plan default for its kind (a limit's margin
        is its own or 0: the plan's default is a share, a limit's margin is in its unit)."""
        if target.tolerance is not None:
            return target.tolerance
        if target.kind == "limit":
            return 0.0
        if target.kind == "growth":
            return self.defaults.tolerance_growth
        return self.defaults.tolerance

    def band(self, target: Target) -> float:
        """How far short of a '左右' (about) target still meets it, in the target's unit."""
        if target.qualifier != "about" or target.kind not in ("growth", "level", "limit"):
            return 0.0
        return self.defaults.about_band if target.band is None else target.band

    def owners(self) -> list[str]:
        """Every owner the plan names: its units in file order when it declares them (those
        that lead a target or take a share), else the owners' names, sorted."""
        if self.units:
            return [unit.id for unit in self.units if self.responsible(unit.id)]
        return sorted({target.owner for target in self.targets if target.owner})


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the ledger: a figure for a target and month, and who recorded it when;
    or, with `withdrawn`, the withdrawal of the figure in force for that target and month.

    Checked when it is written (core/recording.py) and when the ledger is parsed
    (store/ledger.py), not on every read from the cache.
    """

    target: str
    period: Month
    value: float | None
    recorded_at: str
    by: str
    source: str | None = None
    note: str | None = None
    withdrawn: bool = False
    # The notes a department reports with its figure: 进展情况、存在问题、下一步措施.
    progress_note: str | None = None
    problems: str | None = None
    measures: str | None = None
    # The unit whose own figure this is, for a target split to units; None: the district's.
    unit: str | None = None
    # For a key project: "started" (开工) or "milestone" (named by `milestone`), with no
    # value; None for a figure (docs/projects.md).
    event: str | None = None
    milestone: str | None = None

    @property
    def notes(self) -> tuple[str | None, str | None, str | None]:
        """进展情况、存在问题、下一步措施, in that order (the order of columns everywhere)."""
        return (self.progress_note, self.problems, self.measures)

    @property
    def has_notes(self) -> bool:
        return any(self.notes)

    @property
    def amount(self) -> float:
        """The figure of an entry that is not a withdrawal."""
        assert self.value is not None, "a withdrawal carries no figure"
        return self.value


@dataclass(frozen=True, slots=True)
class Milestone:
    """A [[project.milestone]] table: a step of a key project due by the end of a month."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    name: Line
    due: Annotated[str, Rule(due_problem)]

    @property
    def due_month(self) -> Month:
        year, month = self.due.split("-")
        return Month(int(year), int(month))


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """A [[project]] table of the key-project register, projects.toml (docs/projects.md)."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    id: Identifier
    name: Line
    name_en: Line | None = None
    level: ProjectLevel
    type: ProjectType
    lead: Line | None = None
    total_investment: Annotated[float, Number(ge=0)] | None = None
    annual_plan: Annotated[float, Number(gt=0), Rule(target_size_problem)]
    planned_start: DueMonth = None
    planned_completion: DueMonth = None
    schedule: Schedule = None
    milestone: tuple[Milestone, ...] = ()
    note: Words | None = None

    @property
    def start_month(self) -> Month | None:
        if self.planned_start is None:
            return None
        year, month = self.planned_start.split("-")
        return Month(int(year), int(month))

    def label(self, lang: Lang) -> str:
        return self.name_en or self.name if lang == "en" else self.name

    def as_target(self, unit: str) -> Target:
        """The project's investment judged as a total whose target is its annual plan: the
        same schedule, status words, calendar and final verdicts as a plan's totals."""
        return Target(
            id=self.id, section=PROJECTS_SECTION, name=self.name, name_en=self.name_en,
            kind="total", unit=unit, target=self.annual_plan, schedule=self.schedule,
            owner=self.lead, lead=self.lead,
        )  # fmt: skip


PROJECTS_SECTION = "key-projects"
DEFAULT_PROJECT_UNIT = "亿元"


@dataclass(frozen=True, slots=True)
class Register:
    """The key-project register: its [projects] table (the unit of its amounts) and every
    [[project]], in file order."""

    projects: tuple[Project, ...]
    unit: str = DEFAULT_PROJECT_UNIT

    def project(self, project_id: str) -> Project | None:
        return next((project for project in self.projects if project.id == project_id), None)
