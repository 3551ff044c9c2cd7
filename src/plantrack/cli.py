"""The plantrack command line: parse options, make one call into the core, render the result.

Heavy modules (pydantic models, rich tables) are imported inside the commands that use
them, so that `plantrack --help` starts quickly.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from plantrack import __version__
from plantrack.errors import ExitCode, PlanError, PlantrackError

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from plantrack.mail import Outgoing
    from plantrack.model import Entry, Lang, Plan, Section
    from plantrack.periods import Month
    from plantrack.progress import PlanProgress, TargetProgress
    from plantrack.settings import MailSettings

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="plantrack",
    help=(
        "Track the targets of an annual development plan month by month: "
        "declare them in targets.toml, record actuals, see which keep pace with the year."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FILES = "Files and language"
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="The plan file. Default: $PLANTRACK_PLAN, else targets.toml in this folder or the "
        "nearest parent.",
        show_default=False,
        rich_help_panel=FILES,
    ),
]
LedgerOption = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        help="The ledger of actuals. Default: $PLANTRACK_LEDGER, else actuals.toml beside the plan.",
        show_default=False,
        rich_help_panel=FILES,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="zh or en. Default: $PLANTRACK_LANG, else from the locale (LC_ALL, LC_MESSAGES, LANG).",
        show_default=False,
        rich_help_panel=FILES,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for other programs instead of a table.")
]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who is recording. Default: your login name.", show_default=False),
]
ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--replace", help="Revise a figure already recorded for the same target and month."
    ),
]
SectionOption = Annotated[
    str | None,
    typer.Option("--section", help="Only this section (its id, or its Chinese or English name)."),
]


@dataclass(frozen=True)
class Session:
    """The files and language a command works with, from options, environment and defaults."""

    plan_option: Path | None = None
    ledger_option: Path | None = None
    lang_option: str | None = None

    def merged(self, plan: Path | None, ledger: Path | None, lang: str | None) -> Session:
        """Options given after the command name win over those given before it."""
        return replace(
            self,
            plan_option=plan or self.plan_option,
            ledger_option=ledger or self.ledger_option,
            lang_option=lang or self.lang_option,
        )

    @functools.cached_property
    def lang(self) -> Lang:
        from plantrack.i18n import lang_from_locale

        if self.lang_option is not None:
            return _checked_lang(self.lang_option, "--lang")
        from_env = os.environ.get("PLANTRACK_LANG", "")
        if from_env:
            return _checked_lang(from_env, "PLANTRACK_LANG")
        return lang_from_locale(os.environ)

    @functools.cached_property
    def plan_path(self) -> Path:
        from plantrack.plan import PLAN_FILE_NAME, find_plan

        chosen = _path_setting(self.plan_option, "PLANTRACK_PLAN")
        if chosen is not None:
            return chosen
        found = find_plan(Path.cwd())
        if found is None:
            raise PlanError(
                f"{PLAN_FILE_NAME}: not found in {Path.cwd()} or any parent folder; "
                "run plantrack where your plan is, or pass --plan PATH (or set PLANTRACK_PLAN)"
            )
        return found

    @functools.cached_property
    def plan(self) -> Plan:
        from plantrack.plan import load_plan

        return load_plan(self.plan_path)

    @functools.cached_property
    def ledger_path(self) -> Path:
        from plantrack.ledger import default_ledger_path

        chosen = _path_setting(self.ledger_option, "PLANTRACK_LEDGER")
        return chosen if chosen is not None else default_ledger_path(self.plan_path)

    def entries(self) -> tuple[Entry, ...]:
        from plantrack.ledger import read_entries

        return read_entries(self.ledger_path)


def _today() -> date:
    """The system date, or PLANTRACK_TODAY (YYYY-MM-DD) to fix the clock for tests and back-filling."""
    from datetime import date

    from plantrack.periods import parse_date

    setting = os.environ.get("PLANTRACK_TODAY", "")
    if not setting:
        return date.today()
    try:
        return parse_date(setting)
    except PlantrackError as error:
        raise PlantrackError(f"PLANTRACK_TODAY: {error.message}, or unset it") from None


def _now() -> str:
    """The moment of recording, UTC, RFC 3339, as the ledger stores it."""
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _recorder(by: str | None) -> str:
    import getpass

    if by is not None and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise PlantrackError(
            "--by: cannot tell who is recording (no login name); pass --by NAME"
        ) from None


def _path_setting(option: Path | None, variable: str) -> Path | None:
    """The path given as an option, else in the environment variable, else None."""
    if option is not None:
        return option
    from_env = os.environ.get(variable, "")
    return Path(from_env) if from_env else None


def _checked_lang(text: str, source: str) -> Lang:
    from plantrack.i18n import parse_lang

    lang = parse_lang(text)
    if lang is None:
        raise PlantrackError(f"{source}: '{text}' is not a language plantrack speaks; use zh or en")
    return lang


def _command(*args: Any, **kwargs: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a command whose PlantrackErrors end as lines on stderr and an exit status."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def run(*call_args: P.args, **call_kwargs: P.kwargs) -> R:
            try:
                return function(*call_args, **call_kwargs)
            except PlantrackError as error:
                for line in error.problems:
                    typer.echo(line, err=True)
                raise typer.Exit(code=error.exit_code) from None

        app.command(*args, **kwargs)(run)
        return run

    return register


def _session(
    ctx: typer.Context, plan: Path | None, ledger: Path | None, lang: str | None
) -> Session:
    base = ctx.obj if isinstance(ctx.obj, Session) else Session()
    return base.merged(plan, ledger, lang)


def _stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _print_json(data: Any) -> None:
    """Indented for a person at a terminal; one compact line for programs, which is much
    faster for a plan of thousands of targets (the indenting encoder is pure Python)."""
    import json

    if sys.stdout.isatty():
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"plantrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track the targets of an annual development plan (国民经济和社会发展计划) month by month."""
    ctx.obj = Session(plan, ledger, lang)


@_command()
def validate(
    ctx: typer.Context,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Check the plan file and the ledger: every problem, or one line each saying OK.

    Entries for targets that are no longer in the plan are listed; they stay in the
    ledger and status ignores them.
    """
    from plantrack.entries import orphan_counts
    from plantrack.plan import display_path

    session = _session(ctx, plan, ledger, lang)
    loaded = session.plan
    label = display_path(session.plan_path)
    count_targets, count_sections = len(loaded.targets), len(loaded.sections)
    if session.lang == "zh":
        typer.echo(f"{label}：{count_sections} 个板块共 {count_targets} 项目标，校验通过")
    else:
        typer.echo(f"{label}: {count_targets} targets in {count_sections} sections, OK")
    if not session.ledger_path.exists():
        return
    entries = session.entries()
    ledger_label = display_path(session.ledger_path)
    orphans = orphan_counts(entries, {target.id for target in loaded.targets})
    if session.lang == "zh":
        typer.echo(f"{ledger_label}：共 {len(entries)} 条记录，可以读取")
    else:
        typer.echo(f"{ledger_label}: {len(entries)} entries, OK")
    for target_id, count in orphans.items():
        typer.echo(
            f"{ledger_label}: {count} entries for '{target_id}', which is not in the plan; "
            "they are kept and ignored by status (restore the target in the plan, or record "
            "the figures again under the right id)"
        )


@_command()
def targets(
    ctx: typer.Context,
    section: SectionOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Show the plan's targets, grouped by section."""
    from plantrack.lookup import find_sections

    session = _session(ctx, plan, ledger, lang)
    loaded = session.plan
    sections = find_sections(loaded, section)
    if as_json:
        from plantrack.serialize import plan_json

        _print_json(plan_json(loaded, sections))
        return
    from plantrack.render import plan_table

    _stdout().print(plan_table(loaded, sections, session.lang))


@_command(context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="The target's id, its exact name, or a part of a name that fits one target.",
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The figure: 1500, 1,500, -1.8, 5.2% (for a target in %), done / not-started "
            "(milestones). Year-to-date unless the target records increments.",
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2023-06, 2023-Q2 or 2023-H1 (a quarter or half year means its last month). "
            "Default: last month.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the figure comes from (统计局月报).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="A remark kept with the figure.")
    ] = None,
    by: ByOption = None,
    replace: ReplaceOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record one figure for a target and month in the ledger.

    A second figure for the same target and month is refused unless --replace is given;
    the earlier one stays in the ledger, superseded, for the record.
    """
    from plantrack.entries import latest_by_key
    from plantrack.errors import EntryRefused
    from plantrack.i18n import recorded_line
    from plantrack.ledger import locked
    from plantrack.recording import read_figure, revision_problem

    session = _session(ctx, plan, ledger, lang)
    figure = read_figure(
        session.plan,
        target_text=target,
        period_text=period,
        value_text=value,
        today=_today(),
        source=source,
        note=note,
    )
    if isinstance(figure, list):
        names = {"target": "TARGET", "period": "--period", "value": "VALUE"}
        lines = [f"{names[problem.field]}: {problem.message}" for problem in figure]
        raise EntryRefused(lines[0], problems=lines)
    recorder = _recorder(by)
    with locked(session.ledger_path) as book:
        existing = latest_by_key(book.entries).get((figure.target.id, figure.period))
        problem = revision_problem(figure, existing, replace)
        if problem:
            revise = f"plantrack record {figure.target.id} {value.strip()} --period {figure.period} --replace"
            raise EntryRefused(f"{problem}; to revise it: {revise}")
        book.append([figure.to_entry(_now(), recorder)])
    typer.echo(recorded_line(figure, existing, session.lang))


@_command("import")
def import_figures(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A CSV file with the header target,period,value and optional source,note columns.",
            show_default=False,
        ),
    ],
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="Force the file's encoding (utf-8, utf-8-sig, gbk). Default: UTF-8 (with or "
            "without BOM), else GBK.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and write nothing.")
    ] = False,
    by: ByOption = None,
    replace: ReplaceOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record a month's figures from a CSV file, all or nothing.

    Every row is checked as `record` would check it; if any row is bad, nothing is written
    and every bad row is reported with its line number (the header is line 1).
    """
    from plantrack.entries import latest_by_key
    from plantrack.errors import ImportRefused
    from plantrack.importing import read_csv
    from plantrack.ledger import locked
    from plantrack.plan import display_path
    from plantrack.recording import read_rows, revision_problem

    session = _session(ctx, plan, ledger, lang)
    loaded = session.plan
    label = display_path(file)
    rows, layout_problems = read_csv(file, encoding)
    figures, row_problems = read_rows(loaded, rows, _today())
    problems = [(line, message) for line, message in layout_problems]
    problems += [(line, f"column '{p.field}': {p.message}") for line, p in row_problems]
    recorder = _recorder(by)
    with locked(session.ledger_path) as book:
        latest = latest_by_key(book.entries)
        revisions = 0
        for row in figures:
            existing = latest.get((row.figure.target.id, row.figure.period))
            revisions += existing is not None
            problem = revision_problem(row.figure, existing, replace)
            if problem:
                problems.append((row.line, f"{problem}; add --replace to revise it"))
        if problems:
            lines = [
                f"{label}: line {line}: {message}"
                for line, message in sorted(problems, key=lambda p: p[0])
            ]
            lines.append(f"{label}: {len(problems)} problems; nothing was recorded")
            raise ImportRefused(lines[0], problems=lines)
        if not dry_run:
            recorded_at = _now()
            book.append([row.figure.to_entry(recorded_at, recorder) for row in figures])
    typer.echo(_import_summary(label, len(figures), revisions, dry_run, session.lang))


def _import_summary(label: str, count: int, revisions: int, dry_run: bool, lang: Lang) -> str:
    if lang == "zh":
        done = "检查通过，未写入（--dry-run）" if dry_run else "已导入"
        return f"{label}：{count} 条数据{done}，其中更正 {revisions} 条"
    done = "checked, nothing written (--dry-run)" if dry_run else "recorded"
    return f"{label}: {count} figures {done}, {revisions} of them revisions"


@_command()
def history(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", help="The target's id or name.")],
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Every figure recorded for one target, superseded revisions included."""
    from plantrack.entries import superseded_flags
    from plantrack.lookup import resolve_target
    from plantrack.serialize import entry_json

    session = _session(ctx, plan, ledger, lang)
    chosen = resolve_target(session.plan, target)
    entries = [entry for entry in session.entries() if entry.target == chosen.id]
    if as_json:
        flags = superseded_flags(entries)
        _print_json(
            {
                "target": chosen.id,
                "entries": [
                    {**entry_json(entry), "superseded": superseded}
                    for entry, superseded in zip(entries, flags, strict=True)
                ],
            }
        )
        return
    if not entries:
        typer.echo(_nothing_recorded(chosen.id, session.lang))
        return
    from plantrack.render import history_table

    _stdout().print(history_table(chosen, entries, session.lang))


def _nothing_recorded(target_id: str, lang: Lang) -> str:
    if lang == "zh":
        return f"{target_id} 尚无记录；录入：plantrack record {target_id} 数值 --period 2023-06"
    return f"No figures for {target_id} yet; record one with: plantrack record {target_id} VALUE --period YYYY-MM"


@_command()
def export(
    ctx: typer.Context,
    export_format: Annotated[
        str, typer.Option("--format", help="csv or json.", show_default=True)
    ] = "csv",
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Print the figure in force for each target and month (latest revision), as CSV or JSON.

    Columns: target, period, value, recorded_at, by, source, note. Text cells that a
    spreadsheet would run as a formula are prefixed with an apostrophe.
    """
    from plantrack.serialize import current_entries, entry_json, export_csv

    if export_format not in ("csv", "json"):
        raise PlantrackError(f"--format: '{export_format}' is not csv or json")
    session = _session(ctx, plan, ledger, lang)
    entries = session.entries()
    if export_format == "json":
        _print_json([entry_json(entry) for entry in current_entries(entries)])
    else:
        sys.stdout.write(export_csv(entries))


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The month to assess: 2023-06, 2023-Q2 or 2023-H1, in the plan year. Default: the "
        "latest month a monthly target reported.",
        show_default=False,
    ),
]
OwnerOption = Annotated[
    str | None, typer.Option("--owner", help="Only the targets of this owner (department).")
]


@dataclass(frozen=True)
class Assessment:
    """The progress of a plan as of a month, narrowed to what the user asked about."""

    progress: PlanProgress
    sections: list[Section]
    scope: list[TargetProgress]  # what counts: the summary and --fail-on
    counts: dict[str, int]


def _assess(
    session: Session,
    as_of: str | None,
    section: str | None,
    owner: str | None,
    *,
    demo: bool = False,
) -> Assessment:
    from plantrack.lookup import find_owner, find_sections
    from plantrack.progress import default_as_of, evaluate, select, summarize

    loaded = session.plan
    sections = find_sections(loaded, section)
    chosen_owner = find_owner(loaded, owner)
    month = _as_of_month(loaded, as_of)
    if demo:
        from plantrack.demo import demo_entries

        entries: tuple[Entry, ...] = tuple(demo_entries(loaded, month or _demo_month(loaded)))
    else:
        entries = session.entries()
    if month is None:
        month = default_as_of(loaded, entries, _today())
    progress = evaluate(loaded, entries, month)
    scope = select(progress.results, sections={s.id for s in sections}, owner=chosen_owner)
    if not demo:
        _warn_about_ledger(session, entries, progress.ignored)
    return Assessment(progress, sections, scope, summarize(scope))


def _as_of_month(plan: Plan, text: str | None) -> Month | None:
    from plantrack.periods import parse_period

    if text is None:
        return None
    try:
        month = parse_period(text)
    except PlantrackError as error:
        raise PlantrackError(f"--as-of: {error.message}") from None
    if month.year != plan.year:
        raise PlantrackError(
            f"--as-of: {month} is outside the plan year {plan.year}; "
            f"give a month from {plan.year}-01 to {plan.year}-12"
        )
    return month


def _demo_month(plan: Plan) -> Month:
    from plantrack.periods import Month

    return Month(plan.year, 6)


def _warn_about_ledger(session: Session, entries: Sequence[Entry], ignored: dict[str, int]) -> None:
    from plantrack.plan import display_path

    label = display_path(session.ledger_path)
    if not entries:
        typer.echo(
            f"{label}: no figures recorded yet; record one with: plantrack record TARGET VALUE "
            "--period YYYY-MM (or see a sample: plantrack status --demo)",
            err=True,
        )
    if ignored:
        names = ", ".join(sorted(ignored))
        typer.echo(
            f"{label}: {sum(ignored.values())} entries for targets not in the plan are ignored "
            f"({names}); plantrack validate lists them",
            err=True,
        )


def _statuses(text: str | None) -> set[str] | None:
    from plantrack.i18n import LABELS
    from plantrack.progress import SUMMARY_KEYS

    if text is None:
        return None
    words = {key: key for key in SUMMARY_KEYS}
    words.update({key.replace("_", "-"): key for key in SUMMARY_KEYS})
    words["overdue"] = "stale"
    words.update({LABELS[key][0]: key for key in SUMMARY_KEYS})
    chosen = set()
    for word in text.split(","):
        key = words.get(word.strip().lower())
        if key is None:
            allowed = ", ".join(k.replace("_", "-") for k in SUMMARY_KEYS)
            raise PlantrackError(
                f"--only: '{word.strip()}' is not a status; use one or more of {allowed}, joined by commas"
            )
        chosen.add(key)
    return chosen


@_command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Show only these statuses, joined by commas: achieved, on-track, at-risk, "
            "off-track, no-data, stale (overdue). The summary still counts every target.",
        ),
    ] = None,
    as_json: JsonOption = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit with status 3 when a counted target is at-risk (or off-track) or worse; "
            "for cron alerts.",
            show_default=False,
        ),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Show the table over illustrative figures; nothing is written."
        ),
    ] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Where every target stands: actual against the time-elapsed schedule (序时进度).

    A table grouped by section with red/amber/green status, overdue reports marked, and
    counts per status. See docs/progress.md for the rules.
    """
    from plantrack.progress import fails, select

    if fail_on not in (None, "at-risk", "off-track"):
        raise PlantrackError(f"--fail-on: '{fail_on}' is not at-risk or off-track")
    statuses = _statuses(only)
    session = _session(ctx, plan, ledger, lang)
    assessment = _assess(session, as_of, section, owner, demo=demo)
    rows = select(assessment.scope, statuses=statuses)
    if as_json:
        from plantrack.serialize import status_json

        _print_json(status_json(assessment.progress, rows, assessment.counts, session.lang))
    else:
        from plantrack.render_status import status_view

        console = _stdout()
        console.print(
            status_view(
                assessment.progress, rows, assessment.sections, assessment.counts, session.lang,
                demo=demo, width=console.width,
            )
        )  # fmt: skip
    if fail_on is not None and fails(
        assessment.scope, "at-risk" if fail_on == "at-risk" else "off-track"
    ):
        raise typer.Exit(code=ExitCode.FAIL_ON)


@_command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", help="The target's id or name.")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """One target in detail: its definition, month by month against the schedule, a
    sparkline, the year-end forecast and its verdict, and every recorded figure."""
    from plantrack.lookup import resolve_target
    from plantrack.progress import evaluate_target

    session = _session(ctx, plan, ledger, lang)
    assessment = _assess(session, as_of, None, None)
    chosen = resolve_target(session.plan, target)
    result = next(r for r in assessment.progress.results if r.target.id == chosen.id)
    entries = [entry for entry in session.entries() if entry.target == chosen.id]
    if as_json:
        from plantrack.periods import Month
        from plantrack.serialize import entry_json, progress_json

        months = [
            progress_json(
                evaluate_target(session.plan, chosen, entries, Month(session.plan.year, m)),
                session.lang,
            )
            for m in range(1, assessment.progress.as_of.month + 1)
        ]
        _print_json(
            {
                "as_of": str(assessment.progress.as_of),
                "target": progress_json(result, session.lang),
                "months": months,
                "entries": [entry_json(entry) for entry in entries],
            }
        )
        return
    from plantrack.render_detail import target_view
    from plantrack.render_status import headline

    console = _stdout()
    console.print(headline(assessment.progress, session.lang))
    console.print(
        target_view(session.plan, result, entries, assessment.progress.as_of, session.lang)
    )


@_command()
def sections(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Counts of targets in each status, per section and per owner."""
    from plantrack.render_detail import breakdown_rows

    session = _session(ctx, plan, ledger, lang)
    assessment = _assess(session, as_of, None, None)
    rows = breakdown_rows(session.plan, assessment.scope, session.lang)
    if as_json:
        _print_json(
            {
                "as_of": str(assessment.progress.as_of),
                "sections": [
                    {
                        "id": s.id,
                        "name": s.label(session.lang),
                        **_counts_for(assessment, "section", s.id),
                    }
                    for s in session.plan.sections
                ],
                "owners": [
                    {"owner": name, **counts} for kind, name, counts in rows if kind == "owner"
                ],
                "summary": assessment.counts,
            }
        )
        return
    from plantrack.render_detail import breakdown_table
    from plantrack.render_status import headline

    console = _stdout()
    console.print(headline(assessment.progress, session.lang))
    console.print(breakdown_table(rows, session.lang))


def _counts_for(assessment: Assessment, kind: str, key: str) -> dict[str, int]:
    from plantrack.progress import summarize

    return summarize(r for r in assessment.scope if r.target.section == key)


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.", show_default=False
    ),
]


@_command()
def report(
    ctx: typer.Context,
    report_format: Annotated[
        str, typer.Option("--format", help="text, markdown, html, csv or json.")
    ] = "text",
    output: OutputOption = None,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """A summary for mail, chat or spreadsheets: what needs attention first, then each section.

    text is plain and fits 80 columns; markdown suits chat tools and wikis; html is one
    self-contained page with inline styles; csv has one row per target (UTF-8 with a BOM when
    written to a file, so that Excel shows Chinese); json is the `status --json` contract.
    """
    from plantrack.reports import FORMATS, ReportInput, render_report

    if report_format not in FORMATS:
        raise PlantrackError(f"--format: '{report_format}' is not one of {', '.join(FORMATS)}")
    if output is not None:
        _check_output_folder(output)
    session = _session(ctx, plan, ledger, lang)
    assessment = _assess(session, as_of, section, owner)
    content = render_report(
        ReportInput(
            assessment.progress,
            assessment.sections,
            assessment.scope,
            assessment.counts,
            session.lang,
        ),
        report_format,
    )
    if output is None:
        sys.stdout.write(content)
        return
    bom = "\ufeff" if report_format == "csv" else ""
    _write_output(output, (bom + content).encode("utf-8"))
    typer.echo(_written(output, session.lang), err=True)


def _check_output_folder(path: Path) -> None:
    from plantrack.plan import display_path

    if not path.parent.is_dir():
        raise PlantrackError(
            f"-o: the folder {display_path(path.parent)} does not exist; create it or choose another path"
        )


def _write_output(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a reader never sees half a report."""
    from plantrack.files import replace_atomically
    from plantrack.plan import display_path

    _check_output_folder(path)
    try:
        replace_atomically(path, content)
    except OSError as problem:
        raise PlantrackError(
            f"-o: {display_path(path)}: cannot be written ({problem.strerror})"
        ) from None


def _written(path: Path, lang: Lang) -> str:
    from plantrack.plan import display_path

    return f"已写入 {display_path(path)}" if lang == "zh" else f"Wrote {display_path(path)}"


@_command()
def email(
    ctx: typer.Context,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            help="A recipient; repeat for several. Replaces [email] to of the settings file.",
            show_default=False,
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject",
            help="Subject template with {title}, {title_en} and {as_of}. Default: [email] subject.",
            show_default=False,
        ),
    ] = None,
    per_owner: Annotated[
        bool,
        typer.Option(
            "--per-owner",
            help="Also send each owner in [owners] a message with only its targets.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Send nothing; write the messages (to -o, else to standard output)."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the messages here: one message to this .eml file, several as one .eml each "
            "in this folder.",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The mail settings. Default: $PLANTRACK_CONFIG, else plantrack.toml beside the plan.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Mail the summary (text and HTML in one message) over SMTP; for cron.

    The SMTP password comes only from the environment variable PLANTRACK_SMTP_PASSWORD.
    See docs/cron.md.
    """
    from plantrack.mail import send_all

    if output is not None:
        _check_output_folder(output)
    session = _session(ctx, plan, ledger, lang)
    settings = _mail_settings(session, config, dry_run)
    outgoing = _messages(session, settings, to, subject, per_owner, as_of)
    if output is not None:
        _save_messages(output, outgoing)
    elif dry_run:
        for item in outgoing:
            sys.stdout.write(item.message.as_string())
            sys.stdout.write("\n")
    if dry_run:
        return
    password = os.environ.get("PLANTRACK_SMTP_PASSWORD") or None
    if settings.smtp.username is not None and password is None:
        raise PlantrackError(
            "PLANTRACK_SMTP_PASSWORD: not set, but [smtp] username is; set it in the environment "
            "of the command (docs/cron.md shows how for cron)"
        )
    deliveries = send_all(settings.smtp, password, outgoing)
    failures = 0
    for delivery in deliveries:
        subject_line = str(delivery.outgoing.message["Subject"])
        if delivery.sent:
            typer.echo(f"Sent '{subject_line}' to {', '.join(delivery.sent)}")
        for address, reason in delivery.failed.items():
            failures += 1
            typer.echo(
                f"{settings.smtp.server}: recipient {address} refused ({reason}); check the "
                "address in plantrack.toml or --to",
                err=True,
            )
    if failures:
        raise typer.Exit(code=ExitCode.ERROR)


def _mail_settings(session: Session, config: Path | None, dry_run: bool) -> MailSettings:
    from plantrack.settings import (
        SETTINGS_FILE_NAME,
        MailSettings,
        SmtpSettings,
        load_mail_settings,
    )

    path = _path_setting(config, "PLANTRACK_CONFIG")
    if path is None:
        path = session.plan_path.parent / SETTINGS_FILE_NAME
        if not path.exists():
            if dry_run:  # a preview needs no server
                return MailSettings(
                    smtp=SmtpSettings(host="localhost", sender="plantrack@localhost")
                )
            raise PlantrackError(
                f"{SETTINGS_FILE_NAME}: not found beside the plan; create it with an [smtp] table "
                "(host, sender) as docs/cron.md shows, or pass --config PATH"
            )
    return load_mail_settings(path)


def _messages(
    session: Session,
    settings: MailSettings,
    to: list[str] | None,
    subject: str | None,
    per_owner: bool,
    as_of: str | None,
) -> list[Outgoing]:
    from plantrack.mail import Outgoing, build_message
    from plantrack.progress import select, summarize
    from plantrack.reports import ReportInput, report_html, report_text
    from plantrack.settings import DEFAULT_SUBJECT, check_subject

    recipients = tuple(_checked_addresses(to)) if to else settings.email.to
    owners = dict(settings.owners) if per_owner else {}
    if not recipients and not owners:
        raise PlantrackError(
            'no recipients: pass --to ADDRESS, or set to = ["..."] in [email] of plantrack.toml'
        )
    assessment = _assess(session, as_of, None, None)
    progress, lang, info = assessment.progress, session.lang, session.plan.info
    template = subject or settings.email.subject or DEFAULT_SUBJECT[lang]
    try:
        check_subject(template)
    except Exception as problem:
        raise PlantrackError(f"--subject: {problem}") from None
    from datetime import UTC, datetime

    title_line = template.format(
        title=info.title, title_en=info.title_en or info.title, as_of=progress.as_of
    )
    now = datetime.now(UTC)

    def message(
        scope: str, addresses: tuple[str, ...], rows: list[TargetProgress], subtitle: str | None
    ) -> Outgoing:
        report = ReportInput(progress, assessment.sections, rows, summarize(rows), lang, subtitle)
        line = title_line if subtitle is None else f"{title_line} — {scope}"
        built = build_message(
            sender=settings.smtp.sender, recipients=addresses, subject=line,
            text=report_text(report), html=report_html(report), now=now,
        )  # fmt: skip
        return Outgoing(scope, addresses, built)

    outgoing = []
    if recipients:
        outgoing.append(message("summary", recipients, assessment.scope, None))
    plan_owners = {t.owner for t in session.plan.targets if t.owner}
    for owner, owner_settings in owners.items():
        if owner not in plan_owners:
            raise PlantrackError(
                f'plantrack.toml: [owners."{owner}"]: no target in the plan has this owner; '
                f"owners in the plan: {', '.join(sorted(plan_owners)) or 'none'}"
            )
        rows = select(assessment.scope, owner=owner)
        subtitle = f"责任单位：{owner}" if lang == "zh" else f"Owner: {owner}"
        outgoing.append(message(owner, owner_settings.to, rows, subtitle))
    if per_owner:
        unaddressed = sorted(plan_owners - set(owners))
        if unaddressed:
            typer.echo(
                f"owners without addresses in plantrack.toml: {', '.join(unaddressed)}; their "
                "targets are in the full summary only",
                err=True,
            )
    return outgoing


def _checked_addresses(addresses: list[str]) -> list[str]:
    from email.utils import parseaddr

    for address in addresses:
        if "@" not in parseaddr(address)[1]:
            raise PlantrackError(
                f"--to: '{address}' is not an e-mail address; write it as name@example.gov.cn"
            )
    return addresses


def _save_messages(output: Path, outgoing: list[Outgoing]) -> None:
    """One message to the file; several as one .eml each in the folder (created if needed)."""
    import re

    if len(outgoing) == 1:
        _write_output(output, outgoing[0].message.as_bytes())
        return
    if output.exists() and not output.is_dir():
        raise PlantrackError(
            f"-o: {output} is a file, but there are {len(outgoing)} messages; give a folder"
        )
    output.mkdir(parents=True, exist_ok=True)
    for item in outgoing:
        name = re.sub(r"[\\/:*?\"<>|\s]+", "-", item.scope).strip("-") or "message"
        _write_output(output / f"{name}.eml", item.message.as_bytes())


def main() -> None:
    """The console script: run the app; a broken pipe (plantrack targets | head) is not an error."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.OK)
