"""plantrack's click classes: help and usage errors in the reader's language, every error as
one line on stderr.

typer builds the commands; these subclasses give them their words. The help of every
command, argument and option comes from the catalogue (keys `help.<command>.<parameter>`,
else `help.<parameter>`), in the language of `--lang` wherever it stands on the command
line, else PLANTRACK_LANG, else the locale. typer's own few words (the section titles,
[required]) come from the catalogue through the gettext hook typer calls them with.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
import typer.core
from typer import _click as click

from plantrack.core.errors import ExitCode, PlantrackError
from plantrack.core.messages import Lang, Listing, Message, msg
from plantrack.present.i18n import label, lenient_lang, words

ARGS_KEY = "plantrack.args"
PROGRAM = "plantrack"
# typer's words, by the English text it passes to gettext, as catalogue keys.
_TYPER_WORDS = {
    "Arguments": "help.section.arguments",
    "Options": "help.section.options",
    "Commands": "help.section.commands",
    "required": "help.required",
    "default: {default}": "help.default",
    "env var: {var}": "help.env_var",
}
_speaking: list[Lang] = ["en"]  # the language typer's gettext hook answers in, while help is drawn


def _typer_gettext(text: str) -> str:
    key = _TYPER_WORDS.get(text)
    return text if key is None else label(key, _speaking[-1])


typer.core._ = _typer_gettext  # type: ignore[attr-defined,assignment]  # typer's gettext hook


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    _speaking.append(lang)
    try:
        yield
    finally:
        _speaking.pop()


def lang_of(ctx: click.Context | None) -> Lang:
    """The reader's language for help and errors: never fails, whatever --lang says."""
    args: Sequence[str] = ()
    if ctx is not None:
        args = ctx.find_root().meta.get(ARGS_KEY, ())
    return lenient_lang(lang_argument(args), os.environ)


def lang_argument(args: Sequence[str]) -> str | None:
    """The last --lang on the command line, before or after the command name."""
    found = None
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args):
            found = args[position + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def help_key(command: str, name: str, kind: str) -> str:
    """The catalogue key of a parameter's help: its own for this command, else the shared one."""
    from plantrack.present.catalogue import CATALOGUE

    own = f"help.{command}.{kind}.{name}"
    return own if own in CATALOGUE else f"help.{kind}.{name}"


def localize(command: click.Command, lang: Lang) -> None:
    """Put the help of a command and of its parameters into the reader's language."""
    name = command.name or PROGRAM
    command.help = label(f"help.cmd.{name}", lang)
    command.short_help = label(f"help.short.{name}", lang)
    command.options_metavar = label("help.options_metavar", lang)
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = label("help.subcommand_metavar", lang)
    for param in command.params:
        kind = "arg" if param.param_type_name == "argument" else "opt"
        param.help = label(help_key(name, param.name or "", kind), lang)  # type: ignore[attr-defined]


class _Localized:
    """Help drawn in the reader's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = lang_of(ctx)
        command: Any = self
        localize(command, lang)
        help_option = command.get_help_option(ctx)
        if help_option is not None:
            help_option.help = label("help.opt.help", lang)
        if isinstance(command, typer.core.TyperGroup):
            for sub in command.commands.values():
                localize(sub, lang)
        with speaking(lang):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: Any = self
        pieces = command.collect_usage_pieces(ctx)
        prefix = label("help.usage", lang_of(ctx))
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)


class PlantrackCommand(_Localized, typer.core.TyperCommand):
    """A plantrack command: typer's, with its help in the reader's language; an option of
    one value given twice with different values is refused, not settled by the last."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _refuse_repeated(self, args)
        return super().parse_args(ctx, args)


def _refuse_repeated(command: click.Command, args: Sequence[str]) -> None:
    """`status --unit chengdong --unit chengxi` would show one of them without a word: say
    which values clash instead. Flags and options that take several values are left alone."""
    from plantrack.core.errors import RepeatedOption

    single: dict[str, typer.core.TyperOption] = {}
    for param in command.params:
        if isinstance(param, typer.core.TyperOption) and not (
            param.is_flag or param.multiple or param.count
        ):
            single.update((name, param) for name in param.opts)
    seen: dict[str, list[str]] = {}
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            break
        name, equals, attached = token.partition("=")
        found = single.get(name) if token.startswith("--") else single.get(token)
        if found is None:
            continue
        param = found
        value = attached if equals else next(tokens, "")
        option = next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
        values = seen.setdefault(option, [])
        values.append(value)
        if len(set(values)) > 1:
            listed = Listing.of(dict.fromkeys(values))
            raise RepeatedOption(msg("usage.repeated", option=option, values=listed))


class PlantrackGroup(_Localized, typer.core.TyperGroup):
    """The plantrack command group: it keeps the command line for the language, and turns
    every error into one line on stderr in that language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[ARGS_KEY] = tuple(args)
        return super().parse_args(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        lang = lenient_lang(lang_argument(arguments), os.environ)
        installing = "--install-completion" in arguments
        try:
            if installing:
                _check_completion_files()
            result = super().main(
                arguments, prog_name, complete_var, standalone_mode=False, **extra
            )
        except OSError as error:
            if not installing:
                raise
            from plantrack.store.files import os_reason

            _fail([msg("completion.failed", reason=os_reason(error))], lang, ExitCode.ERROR)
        except PlantrackError as error:
            _fail(error.problems, lang, error.exit_code)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message(), err=True)
            sys.exit(ExitCode.USAGE)
        except click.ClickException as error:
            _fail([usage_problem(error, self, arguments)], lang, ExitCode.USAGE)
        except click.exceptions.Abort:
            _fail([msg("usage.aborted")], lang, ExitCode.ERROR)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else ExitCode.OK)


# Where typer's --install-completion writes for each shell: start-up files it appends a line
# to, folders it puts a script in. A pipe there would hang it, a folder make it fail.
_COMPLETION_FILES = (".bashrc", ".zshrc", ".bash_completions/plantrack.sh", ".zfunc/_plantrack",
                     ".config/fish/completions/plantrack.fish")  # fmt: skip


def _check_completion_files() -> None:
    """Refuse, before typer writes anything, a start-up file or script that is not a
    regular file, or a folder for the scripts that is not a folder."""
    import stat

    from plantrack.core.errors import OutputError

    home = Path.home()
    for name in _COMPLETION_FILES:
        path = home / name
        for folder in path.relative_to(home).parents[:-1]:
            if (home / folder).exists() and not (home / folder).is_dir():
                raise OutputError(msg("completion.not_a_folder", file=home / folder))
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            raise OutputError(msg("completion.not_plain", file=path))


def _fail(problems: Sequence[Message], lang: Lang, code: int) -> NoReturn:
    for problem in problems:
        click.echo(words(problem, lang), err=True)
    sys.exit(code)


# ── usage errors, from click's English to a catalogue Message ────────────────

_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")
_NO_SUCH_COMMAND = re.compile(r"No such command '(?P<name>[^']*)'")
_NEEDS_VALUE = re.compile(r"Option '(?P<name>.*)' requires (an argument|\d+ arguments)\.")
_TAKES_NO_VALUE = re.compile(r"Option '(?P<name>.*)' does not take a value\.")


def usage_problem(
    error: click.ClickException, group: typer.core.TyperGroup, arguments: Sequence[str]
) -> Message:
    """One line for a command line that was not understood: what, where, and how to get help."""
    command = next((arg for arg in arguments if arg in group.commands), None)
    path = f"{PROGRAM} {command}" if command else PROGRAM
    see = msg("usage.see_help", command=path)
    if isinstance(error, click.exceptions.NoSuchOption):
        close = difflib.get_close_matches(error.option_name, error.possibilities or [], n=1)
        hint: object = msg("hint.did_you_mean_then", word=close[0]) if close else ""
        return msg("usage.no_such_option", option=error.option_name, hint=hint, see=see)
    if isinstance(error, click.exceptions.MissingParameter):
        param = error.param
        name = param.human_readable_name if param is not None else ""
        return msg("usage.missing", name=name, see=see)
    text = error.message
    for pattern, key in (
        (_NEEDS_VALUE, "usage.needs_value"),
        (_TAKES_NO_VALUE, "usage.takes_no_value"),
    ):
        match = pattern.fullmatch(text)
        if match:
            return msg(key, option=match.group("name"), see=see)
    match = _EXTRA_ARGUMENTS.fullmatch(text)
    if match:
        return msg("usage.extra_arguments", args=match.group("args"), see=see)
    match = _NO_SUCH_COMMAND.match(text)
    if match:
        name = match.group("name")
        close = difflib.get_close_matches(name, list(group.commands), n=1)
        hint = msg("hint.did_you_mean_then", word=close[0]) if close else ""
        return msg("usage.no_such_command", name=name, hint=hint)
    if text == "Missing command.":
        return msg("usage.missing_command")
    return msg("usage.other", detail=error.format_message(), see=see)
