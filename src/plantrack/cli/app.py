"""The typer app, the options every command shares, and the helpers the commands use:
the session (which plan, ledger and language), today's date, errors turned into messages."""

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
from plantrack.language import say

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from plantrack.model import Entry, Lang, Plan
    from plantrack.periods import Month
    from plantrack.progress import Assessment

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

        chosen = path_setting(self.plan_option, "PLANTRACK_PLAN")
        if chosen is not None:
            return chosen
        found = find_plan(Path.cwd())
        if found is None:
            raise PlanError(
                say(
                    self.lang,
                    f"{PLAN_FILE_NAME}: not found in {Path.cwd()} or any parent folder; "
                    "run plantrack where your plan is, or pass --plan PATH (or set PLANTRACK_PLAN)",
                    f"{PLAN_FILE_NAME}：在 {Path.cwd()} 及其上级文件夹中都找不到；"
                    "请在计划文件所在的文件夹运行 plantrack，或用 --plan 指定路径（或设置 PLANTRACK_PLAN）",
                )
            )
        return found

    @functools.cached_property
    def plan(self) -> Plan:
        from plantrack.plan import load_plan

        return load_plan(self.plan_path)

    @functools.cached_property
    def ledger_path(self) -> Path:
        from plantrack.ledger import default_ledger_path

        chosen = path_setting(self.ledger_option, "PLANTRACK_LEDGER")
        return chosen if chosen is not None else default_ledger_path(self.plan_path)

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The ledger's entries, read once per command (`show` needs them twice)."""
        from plantrack.ledger import read_entries

        return read_entries(self.ledger_path)


def today() -> date:
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


def now_utc() -> str:
    """The moment of recording, UTC, RFC 3339, as the ledger stores it."""
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def who_records(by: str | None) -> str:
    import getpass

    if by is not None and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise PlantrackError(
            "--by: cannot tell who is recording (no login name); pass --by NAME"
        ) from None


def path_setting(option: Path | None, variable: str) -> Path | None:
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


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
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


def session_for(
    ctx: typer.Context, plan: Path | None, ledger: Path | None, lang: str | None
) -> Session:
    base = ctx.obj if isinstance(ctx.obj, Session) else Session()
    return base.merged(plan, ledger, lang)


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def print_json(data: Any) -> None:
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


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.", show_default=False
    ),
]


def check_output_folder(path: Path, *, may_be_folder: bool = False) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    from plantrack.plan import display_path

    if path.is_dir() and not may_be_folder:
        raise PlantrackError(
            f"-o: {display_path(path)} is a folder; give a file name, such as "
            f"{display_path(path / 'report.html')}"
        )
    if not path.parent.is_dir():
        raise PlantrackError(
            f"-o: the folder {display_path(path.parent)} does not exist; create it or choose another path"
        )


def write_output(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a reader never sees half a report."""
    from plantrack.files import replace_atomically
    from plantrack.plan import display_path

    check_output_folder(path)
    try:
        replace_atomically(path, content)
    except OSError as problem:
        raise PlantrackError(
            f"-o: {display_path(path)}: cannot be written ({problem.strerror})"
        ) from None


def written_line(path: Path, lang: Lang) -> str:
    from plantrack.plan import display_path

    return f"已写入 {display_path(path)}" if lang == "zh" else f"Wrote {display_path(path)}"


def assess_options(
    session: Session,
    as_of: str | None,
    section: str | None,
    owner: str | None,
    *,
    demo: bool = False,
) -> Assessment:
    """The plan assessed as of the month the options name, narrowed as they ask; warnings
    about the ledger (empty, entries for unknown targets) go to stderr."""
    from plantrack.lookup import find_owner, find_sections
    from plantrack.progress import assess, default_as_of

    loaded = session.plan
    sections = find_sections(loaded, section)
    chosen_owner = find_owner(loaded, owner)
    month = _as_of_month(loaded, as_of, session.lang)
    if demo:
        from plantrack.demo import demo_entries

        entries: tuple[Entry, ...] = tuple(demo_entries(loaded, month or _demo_month(loaded)))
    else:
        entries = session.entries
    if month is None:
        month = default_as_of(loaded, entries, today())
    assessment = assess(loaded, entries, month, sections, chosen_owner)
    if not demo:
        _warn_about_ledger(session, entries, assessment.progress.ignored)
    return assessment


def _as_of_month(plan: Plan, text: str | None, lang: Lang) -> Month | None:
    from plantrack.periods import parse_period

    if text is None:
        return None
    try:
        month = parse_period(text, lang)
    except PlantrackError as error:
        raise PlantrackError(f"--as-of: {error.message}") from None
    if month.year != plan.year:
        year = plan.year
        raise PlantrackError(
            "--as-of: "
            + say(
                lang,
                f"{month} is outside the plan year {year}; give a month from {year}-01 to {year}-12",
                f"{month} 不在计划年度 {year} 内；请填写 {year}-01 至 {year}-12 之间的月份",
            )
        )
    return month


def _demo_month(plan: Plan) -> Month:
    from plantrack.periods import Month

    return Month(plan.year, 6)


def _warn_about_ledger(session: Session, entries: Sequence[Entry], ignored: dict[str, int]) -> None:
    from plantrack.plan import display_path

    label, lang = display_path(session.ledger_path), session.lang
    if not entries:
        message = say(
            lang,
            f"{label}: no figures recorded yet; record one with: plantrack record TARGET VALUE "
            "--period YYYY-MM (or see a sample: plantrack status --demo)",
            f"{label}：尚未录入任何数据；录入方法：plantrack record 指标 数值 --period YYYY-MM"
            "（查看示例：plantrack status --demo）",
        )
        typer.echo(message, err=True)
    if ignored:
        names, count = ", ".join(sorted(ignored)), sum(ignored.values())
        message = say(
            lang,
            f"{label}: {count} entries for targets not in the plan are ignored ({names}); "
            "plantrack validate lists them",
            f"{label}：{count} 条数据所属指标已不在计划中，已忽略（{names}）；"
            "plantrack validate 可列出这些数据",
        )
        typer.echo(message, err=True)


def main() -> None:
    """The console script: run the app; a broken pipe (plantrack targets | head) is not an error."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.OK)
