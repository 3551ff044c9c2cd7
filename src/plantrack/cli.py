"""The plantrack command line: parse options, make one call into the core, render the result.

Heavy modules (pydantic models, rich tables) are imported inside the commands that use
them, so that `plantrack --help` starts quickly.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from plantrack import __version__
from plantrack.errors import ExitCode, PlanError, PlantrackError

if TYPE_CHECKING:
    from rich.console import Console

    from plantrack.model import Lang, Plan

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

        if self.plan_option is not None:
            return self.plan_option
        from_env = os.environ.get("PLANTRACK_PLAN", "")
        if from_env:
            return Path(from_env)
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
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


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
    """Check the plan file and report every problem, or one line saying it is OK."""
    from plantrack.plan import display_path

    session = _session(ctx, plan, ledger, lang)
    loaded = session.plan
    label = display_path(session.plan_path)
    count_targets, count_sections = len(loaded.targets), len(loaded.sections)
    if session.lang == "zh":
        typer.echo(f"{label}：{count_sections} 个板块共 {count_targets} 项目标，校验通过")
    else:
        typer.echo(f"{label}: {count_targets} targets in {count_sections} sections, OK")


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


def main() -> None:
    """The console script: run the app; a broken pipe (plantrack targets | head) is not an error."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(ExitCode.OK)
