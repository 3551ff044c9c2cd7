"""The typer app, the options every command shares, and the session: which plan, ledger and
language a command works with. Commands parse their options, make one call into the library
(plantrack.api), and render the result; errors become lines on stderr in cli/framework.py."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from plantrack._version import __version__
from plantrack.cli.framework import PlantrackCommand, PlantrackGroup
from plantrack.core.errors import PlanError, UsageProblem
from plantrack.core.messages import Lang, Message, msg
from plantrack.present.i18n import parse_lang

if TYPE_CHECKING:
    from rich.console import Console

    from plantrack.core.model import Entry, Plan

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="plantrack",
    cls=PlantrackGroup,
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str | None = None, **settings: Any) -> Callable[[F], F]:
    """Register a command; its help comes from the catalogue (help.cmd.<name>)."""
    register: Callable[[F], F] = app.command(name, cls=PlantrackCommand, **settings)
    return register


# The help of every option is in the catalogue, under help.opt.<name>.
PlanOption = Annotated[Path | None, typer.Option("--plan", metavar="FILE", show_default=False)]
# The ledger is kept as typed: a trailing '/' makes it a folder (store/ledger.py), which a
# Path would drop; path_type=str keeps it a path parameter otherwise.
LedgerOption = Annotated[
    str | None,
    typer.Option("--ledger", metavar="PATH", path_type=str, show_default=False),
]
LangOption = Annotated[str | None, typer.Option("--lang", metavar="zh|en", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json")]
ByOption = Annotated[str | None, typer.Option("--by", metavar="NAME", show_default=False)]
ReplaceOption = Annotated[bool, typer.Option("--replace")]
ForceOption = Annotated[bool, typer.Option("--force")]
SectionOption = Annotated[
    str | None, typer.Option("--section", metavar="SECTION", show_default=False)
]
AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="MONTH", show_default=False)]
OwnerOption = Annotated[str | None, typer.Option("--owner", metavar="OWNER", show_default=False)]
UnitOption = Annotated[str | None, typer.Option("--unit", metavar="UNIT", show_default=False)]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", show_default=False)
]


@dataclass(frozen=True)
class Session:
    """The files and language a command works with, from options, environment and defaults."""

    plan_option: Path | None = None
    ledger_option: str | None = None
    lang_option: str | None = None

    def merged(self, plan: Path | None, ledger: str | None, lang: str | None) -> Session:
        """Options given after the command name win over those given before it."""
        return replace(
            self,
            plan_option=plan or self.plan_option,
            ledger_option=ledger or self.ledger_option,
            lang_option=lang or self.lang_option,
        )

    @functools.cached_property
    def lang(self) -> Lang:
        from plantrack.present.i18n import lang_from_locale

        if self.lang_option is not None:
            return _checked_lang(self.lang_option, "--lang")
        from_env = os.environ.get("PLANTRACK_LANG", "")
        if from_env:
            return _checked_lang(from_env, "PLANTRACK_LANG")
        return lang_from_locale(os.environ)

    @functools.cached_property
    def plan_path(self) -> Path:
        from plantrack.store.plan_file import PLAN_FILE_NAME, find_plan

        chosen = path_setting(self.plan_option, "PLANTRACK_PLAN")
        if chosen is not None:
            return chosen
        found = find_plan(Path.cwd())
        if found is None:
            raise PlanError(msg("plan.not_found", file=PLAN_FILE_NAME, folder=str(Path.cwd())))
        return found

    @functools.cached_property
    def plan(self) -> Plan:
        from plantrack.api import load_plan

        return load_plan(self.plan_path)

    @functools.cached_property
    def ledger_location(self) -> str:
        """The ledger as the library takes it: the path as given (a trailing '/' makes it a
        folder ledger), from --ledger, else PLANTRACK_LEDGER, else actuals.toml beside the plan."""
        from plantrack.store.ledger import default_ledger_path

        chosen = self.ledger_option or os.environ.get("PLANTRACK_LEDGER", "")
        return chosen or str(default_ledger_path(self.plan_path))

    @functools.cached_property
    def ledger_path(self) -> Path:
        """The ledger's path, to name it in messages: a file, or a folder ledger."""
        return Path(self.ledger_location)

    @functools.cached_property
    def ledger_is_folder(self) -> bool:
        from plantrack.store.ledger import is_folder_ledger

        return is_folder_ledger(self.ledger_location)

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The ledger's entries, read once per command. They live as long as the command
        and form no cycles, so the garbage collector is told to leave them be (gc.freeze):
        else each collection the evaluation sets off goes through a city's 240,000 of them."""
        import gc

        from plantrack.api import read_ledger

        entries = read_ledger(self.ledger_location)
        gc.freeze()
        return entries

    def say(self, message: Message) -> None:
        """One line to standard output in the reader's language."""
        from plantrack.present.i18n import words

        typer.echo(words(message, self.lang))

    def warn(self, message: Message) -> None:
        """One line to standard error in the reader's language."""
        from plantrack.present.i18n import words

        typer.echo(words(message, self.lang), err=True)


def path_setting(option: Path | None, variable: str) -> Path | None:
    """The path given as an option, else in the environment variable, else None."""
    if option is not None:
        return option
    from_env = os.environ.get(variable, "")
    return Path(from_env) if from_env else None


def _checked_lang(text: str, source: str) -> Lang:
    lang = parse_lang(text)
    if lang is None:
        raise UsageProblem(msg("lang.unknown", text=text)).at(source)
    return lang


def session_for(
    ctx: typer.Context, plan: Path | None, ledger: str | None, lang: str | None
) -> Session:
    base = ctx.obj if isinstance(ctx.obj, Session) else Session()
    return base.merged(plan, ledger, lang)


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; one compact line for programs, which is much
    faster for a plan of thousands of targets (the indenting encoder is pure Python)."""
    from plantrack.present.serialize import json_text

    typer.echo(json_text(data, indent=2 if sys.stdout.isatty() else None))


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
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """Track the targets of an annual development plan (国民经济和社会发展计划) month by month."""
    ctx.obj = Session(plan, ledger, lang)


def check_output_folder(path: Path, *, may_be_folder: bool = False) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    import stat

    from plantrack.core.errors import OutputError
    from plantrack.store.files import real_path

    if path.is_dir() and not may_be_folder:
        raise OutputError(msg("output.is_folder", file=path, example=path / "report.html")).at("-o")
    if not path.parent.is_dir():
        raise OutputError(msg("output.no_folder", folder=path.parent)).at("-o")
    try:
        mode = os.stat(real_path(path)).st_mode
    except OSError:
        return  # nothing there yet (or a link to nothing): the file is created
    if not (stat.S_ISREG(mode) or (may_be_folder and stat.S_ISDIR(mode))):
        raise OutputError(msg("output.not_plain", file=path)).at("-o")


def check_not_data(session: Session, path: Path, *data: Path) -> None:
    """Refuse an output path that names the plan, the ledger or the mail settings: a report
    written there would replace the year's figures."""
    from plantrack.core.errors import OutputError
    from plantrack.store.files import real_path
    from plantrack.store.locking import lock_path

    guarded = [session.plan_path, session.ledger_path, lock_path(session.ledger_path), *data]
    target = real_path(path)  # never raises, not even on a loop of links
    for kept in guarded:
        if target == real_path(kept):
            raise OutputError(msg("output.is_data", file=path)).at("-o")
    # In a ledger folder every .toml file is read as a ledger, and the lock is beside them.
    if session.ledger_is_folder and target.parent == real_path(session.ledger_path):
        from plantrack.store.ledger_folder import LOCK_NAME, SUFFIX

        if target.suffix == SUFFIX or target.name == LOCK_NAME:
            raise OutputError(msg("output.is_data", file=path)).at("-o")


def file_output(output: Path | None, output_format: str, example: str) -> Path | None:
    """The file -o names, None for standard output (no -o, or -o -). A workbook is no text
    for a terminal or a pipe: xlsx needs a file, refused before any work is done."""
    if output is not None and str(output) == "-":
        output = None  # -o - is standard output, as for most tools
    if output is None and output_format == "xlsx":
        raise UsageProblem(msg("output.xlsx_needs_file", example=example)).at("-o")
    return output


def check_workbook_name(output: Path, output_format: str) -> None:
    """Refuse a workbook named otherwise than .xlsx: named june.csv, Excel shows it as
    garbage and `import` reads it as CSV. (After check_not_data: writing over the plan is
    the graver thing to say.)"""
    if output_format == "xlsx" and output.suffix.lower() != ".xlsx":
        example = output.with_suffix(".xlsx").name
        raise UsageProblem(msg("output.xlsx_suffix", file=output, example=example)).at("-o")


def write_output(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a reader never sees half a report."""
    from plantrack.core.errors import OutputError
    from plantrack.store.files import (
        NotDurable,
        NotPlainFile,
        os_reason,
        real_path,
        replace_atomically,
    )

    check_output_folder(path)
    try:
        # Through a link to the file it names, as the shell's > writes: the link stays.
        replace_atomically(real_path(path), content)
    except NotDurable:
        pass  # the report is written; a power cut that loses it loses nothing else
    except NotPlainFile:
        raise OutputError(msg("output.not_plain", file=path)).at("-o") from None
    except OSError as problem:
        raise OutputError(msg("output.cannot_write", file=path, reason=os_reason(problem))).at(
            "-o"
        ) from None


# The options given before the command that take a value (main_options).
_GROUP_VALUE_OPTIONS = frozenset({"--plan", "--ledger", "--lang"})


def only_the_command_invoked(arguments: Sequence[str]) -> None:
    """Keep only the command the command line names registered, when it plainly names one.

    typer builds every command's options (reading each signature's annotations) before it
    runs one: about 11 ms of the start-up of every command. `plantrack status` needs only
    status. Anything else (help or version before the command, completion, a name that is no
    command) keeps them all, so that help lists every command and a misspelt one gets a
    did-you-mean.
    """
    if any(name.endswith("_COMPLETE") for name in os.environ):  # a shell asks for completions
        return
    names = {
        info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")): info
        for info in app.registered_commands
    }
    tokens = iter(arguments)
    for token in tokens:
        if token in _GROUP_VALUE_OPTIONS:
            next(tokens, None)
            continue
        if token.partition("=")[0] in _GROUP_VALUE_OPTIONS:
            continue
        if token in names:
            app.registered_commands = [names[token]]
        return  # an option such as --help or --version, or no command: leave them all


def main() -> None:
    """The console script: run the app; a broken pipe (plantrack targets | head) is not an error."""
    only_the_command_invoked(sys.argv[1:])
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
