"""Write docs/cli.md, the command reference, from the typer app itself.

    python scripts/cli_reference.py            # rewrite docs/cli.md
    python scripts/cli_reference.py --check    # exit 1 when docs/cli.md is out of date

tests/test_docs.py runs the check, so the reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer.main

from plantrack.cli import app
from plantrack.errors import ExitCode

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

INTRO = """# Command reference

Generated from the code by `python scripts/cli_reference.py`; do not edit by hand.
Options that name files and the language (`--plan`, `--ledger`, `--lang`) may be given before
or after the command name. Environment variables: `PLANTRACK_PLAN`, `PLANTRACK_LEDGER`,
`PLANTRACK_LANG`, `PLANTRACK_TODAY` (YYYY-MM-DD, fixes 'today'), `PLANTRACK_CONFIG`,
`PLANTRACK_SMTP_PASSWORD`; the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) chooses the default
language, and `NO_COLOR` turns colour off.

JSON shapes other tools rely on (extended, never renamed):

- `targets --json`: `{"plan": {"title", "title_en", "year", "source"}, "sections": [{"id", "name", "name_en"}], "targets": [every field of docs/plan-format.md, defaults filled in, plus "counted"]}`
- `status --json` and `report --format json`: `{"plan": {"title", "title_en", "year"}, "as_of": "YYYY-MM", "elapsed": m/12, "targets": [{"id", "name", "section", "owner", "kind", "unit", "target", "actual", "period", "expected", "progress", "status", "stale", "forecast", "counted", "gap"}], "summary": {"achieved", "on_track", "at_risk", "off_track", "no_data", "stale"}}`; `progress` is a fraction, floats are unrounded, null where a value does not exist
- `show --json`: `{"as_of", "target": {a status row}, "months": [a status row as of each month], "entries": [ledger entries]}`
- `sections --json`: `{"as_of", "sections": [{"id", "name", counts}], "owners": [{"owner", counts}], "summary": counts}`
- `history --json`: `{"target", "entries": [{"target", "period", "value", "recorded_at", "by", "source", "note", "superseded"}]}`
- `export --format json`: `[{"target", "period", "value", "recorded_at", "by", "source", "note"}]`, the figure in force per target and month
"""

EXIT_MEANINGS = {
    ExitCode.OK: "done",
    ExitCode.ERROR: "bad input, a refused figure, an unreadable file, or a failed delivery; stderr says which, one line per problem",
    ExitCode.USAGE: "the command line was not understood (unknown option, missing argument)",
    ExitCode.FAIL_ON: "`status --fail-on` found a counted target at or past the threshold",
}


def reference() -> str:
    group = typer.main.get_command(app)
    context = typer.Context(group, info_name="plantrack")
    out = [INTRO, "## plantrack", "", _usage(group, context), "", *_options(group, context), ""]
    for name in group.list_commands(context):  # type: ignore[attr-defined]
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        sub = typer.Context(command, info_name=name, parent=context)
        out += [
            f"## plantrack {name}",
            "",
            _usage(command, sub),
            "",
            (command.help or "").strip(),
            "",
        ]
        out += _arguments(command) + _options(command, sub) + [""]
    out += ["## Exit statuses", "", "| status | meaning |", "|---|---|"]
    out += [f"| {int(code)} | {meaning} |" for code, meaning in EXIT_MEANINGS.items()]
    return "\n".join(out).rstrip() + "\n"


def _usage(command: typer.main.click.Command, context: typer.Context) -> str:
    pieces = " ".join(command.collect_usage_pieces(context))
    return f"```\n{context.command_path} {pieces}\n```"


def _arguments(command: typer.main.click.Command) -> list[str]:
    rows = [
        f"| `{(param.name or '').upper()}` | {getattr(param, 'help', '') or ''} |"
        for param in command.params
        if param.param_type_name == "argument"
    ]
    return ["| argument | meaning |", "|---|---|", *rows, ""] if rows else []


def _options(command: typer.main.click.Command, context: typer.Context) -> list[str]:
    rows = []
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "hidden", False):
            continue
        names = ", ".join(f"`{opt}`" for opt in param.opts)
        help_text = (getattr(param, "help", "") or "").replace("|", "\\|")
        default = param.default
        if default not in (None, False) and not getattr(param, "is_flag", False):
            help_text += f" Default: `{default}`."
        rows.append(f"| {names} | {help_text} |")
    rows.append("| `-h`, `--help` | Show the help and exit. |")
    return ["| option | meaning |", "|---|---|", *rows]


def main() -> int:
    text = reference()
    if "--check" in sys.argv[1:]:
        if REFERENCE.read_text(encoding="utf-8") != text:
            print(f"{REFERENCE}: out of date; run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
