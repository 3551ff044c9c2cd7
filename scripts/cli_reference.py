"""Write docs/cli.md and docs/cli.zh.md, the command reference, from the typer app itself.

    python scripts/cli_reference.py            # rewrite both
    python scripts/cli_reference.py --check    # exit 1 when either is out of date

The help texts come from the message catalogue, as `plantrack --lang en|zh COMMAND -h` shows
them. tests/test_docs.py runs the check, so the reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer.main

from plantrack.cli import app
from plantrack.cli.framework import localize
from plantrack.core.errors import ExitCode
from plantrack.core.messages import Lang
from plantrack.present.i18n import label

DOCS = Path(__file__).resolve().parents[1] / "docs"
REFERENCES: dict[Lang, Path] = {"en": DOCS / "cli.md", "zh": DOCS / "cli.zh.md"}

INTRO = """# Command reference

Generated from the code by `python scripts/cli_reference.py`; do not edit by hand.
Options that name files and the language (`--plan`, `--ledger`, `--lang`) may be given before
or after the command name. Environment variables: `PLANTRACK_PLAN`, `PLANTRACK_LEDGER`,
`PLANTRACK_LANG`, `PLANTRACK_TODAY` (YYYY-MM-DD, fixes 'today'), `PLANTRACK_CONFIG`,
`PLANTRACK_SMTP_PASSWORD`; the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) chooses the default
language, and `NO_COLOR` turns colour off.

JSON shapes other tools rely on (extended, never renamed):

- `targets --json`: `{"plan": {"title", "title_en", "year", "source"}, "sections": [{"id", "name", "name_en"}], "units": [{"id", "name", "name_en", "kind"}], "targets": [every field of docs/plan-format.md, defaults filled in, `split` as `{unit id: its target}`, plus "counted"]}`
- `status --json` and `report --format json`: `{"plan": {"title", "title_en", "year"}, "as_of": "YYYY-MM", "elapsed": m/12, "targets": [{"id", "name", "section", "owner", "lead", "partners", "split_unit", "kind", "unit", "target", "actual", "period", "expected", "progress", "status", "stale", "forecast", "counted", "gap", "final", "pending"}], "summary": {"achieved", "on_track", "at_risk", "off_track", "missed", "no_data", "stale"}}`; `status` is one of the summary's keys but `stale`; `progress` is a fraction, floats are unrounded, null where a value does not exist; `final` is true once the year's verdict (achieved or missed) is settled; `pending` is the due day (YYYY-MM-DD) of a figure awaited but not late, else null; `expected` is what the rules compare with (for a '左右' target, its band applied); `split_unit` is the unit's id on a unit's own share of a split target (`status --unit`), else null; `status --unit` adds `"unit": id`
- `show --json`: `{"as_of", "target": {a status row}, "months": [a status row as of each month], "entries": [ledger entries]}`
- `sections --json`: `{"as_of", "sections": [{"id", "name", counts}], "owners": [{"owner", counts}], "summary": counts}`; `sections --by unit --json`: `{"as_of", "units": [{"unit", "name", counts}], "summary": counts}`, each unit over what it leads and its shares
- `rank --json`: `{"target": id, "as_of": "YYYY-MM", "units": [{"unit": id, "name", "target", "actual", "progress", "gap", "status", "rank", "period", "stale"}]}`, best first; `rank` null (and last) for a unit without a figure; `gap` in the terms of the target's gap in `status --json`; `show --json` of a split target has the same `"units"`
- `projects --json`: `{"as_of", "groups": [{"key", "count", "annual_plan", "completed", "completion", "gap_points", "planned_starts", "due_to_start", "started", "start_rate", "statuses": counts, "reported"}], "projects": [{"id", "name", "level", "type", "lead", "annual_plan", "status", "completed", "progress", "gap", "investment_status", "started", "late_start_months", "late_milestones"}]}`, the group `"all"` first ([projects.md](projects.md)); `rank --projects --by lead --json`: `{"as_of", "by": "lead", "groups": [{"key", "name", "completion", "gap_points", "rank"}]}`
- `history --json`: `{"target", "entries": [{"target", "period", "value", "recorded_at", "by", "source", "note", "withdrawn", "progress_note", "problems", "measures", "unit", "superseded", "revision"}]}`; `revision` is `current`, `superseded`, `withdrawn` or `withdrawal`; a withdrawal has `"withdrawn": true` and `"value": null`
- `export --format json`: `[{"target", "period", "value", "recorded_at", "by", "source", "note", "withdrawn", "progress_note", "problems", "measures", "unit"}]`, the figure in force per target and month
- `remind --json`: `{"today": "YYYY-MM-DD", "dry_run", "reminders": [{"unit", "name", "to": [...], "cc": [...], "escalated", "channels": ["email", "webhook"], "targets": [{"id", "period", "due", "days_late", "own_share", "command"}]}], "skipped": [{"unit", "name", "sent_at"}]}`; `channels` are those that reached the unit (with `--dry-run`, those that would be tried), empty when none did; `skipped` are the units already reminded today ([reminders.md](reminders.md))
"""

INTRO_ZH = """# 命令参考

由 `python scripts/cli_reference.py` 从代码生成，请勿手工修改。英文版见 [cli.md](cli.md)，
其中还列出了环境变量和其他程序依赖的 JSON 结构。
"""

EXIT_KEYS = {
    ExitCode.OK: "exit.ok",
    ExitCode.ERROR: "exit.error",
    ExitCode.USAGE: "exit.usage",
    ExitCode.FAIL_ON: "exit.fail_on",
}
HEADINGS = {
    "en": ("argument", "option", "meaning", "Exit statuses", "status"),
    "zh": ("参数", "选项", "说明", "退出状态", "状态"),
}


def reference(lang: Lang) -> str:
    group = typer.main.get_command(app)
    context = typer.Context(group, info_name="plantrack")
    localize(group, lang)
    intro = INTRO if lang == "en" else INTRO_ZH
    out = [
        intro,
        "## plantrack",
        "",
        _usage(group, context),
        "",
        *_options(group, context, lang),
        "",
    ]
    for name in group.list_commands(context):  # type: ignore[attr-defined]
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        localize(command, lang)
        sub = typer.Context(command, info_name=name, parent=context)
        out += [
            f"## plantrack {name}",
            "",
            _usage(command, sub),
            "",
            (command.help or "").strip(),
            "",
        ]
        out += _arguments(command, lang) + _options(command, sub, lang) + [""]
    _, _, meaning, exits, status = HEADINGS[lang]
    out += [f"## {exits}", "", f"| {status} | {meaning} |", "|---|---|"]
    out += [f"| {int(code)} | {label(key, lang)} |" for code, key in EXIT_KEYS.items()]
    return "\n".join(out).rstrip() + "\n"


def _usage(command: typer.main.click.Command, context: typer.Context) -> str:
    pieces = " ".join(command.collect_usage_pieces(context))
    return f"```\n{context.command_path} {pieces}\n```"


def _arguments(command: typer.main.click.Command, lang: Lang) -> list[str]:
    argument, _, meaning, _, _ = HEADINGS[lang]
    rows = [
        f"| `{(param.name or '').upper()}` | {getattr(param, 'help', '') or ''} |"
        for param in command.params
        if param.param_type_name == "argument"
    ]
    return [f"| {argument} | {meaning} |", "|---|---|", *rows, ""] if rows else []


def _options(command: typer.main.click.Command, context: typer.Context, lang: Lang) -> list[str]:
    _, option, meaning, _, _ = HEADINGS[lang]
    rows = []
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "hidden", False):
            continue
        names = ", ".join(f"`{opt}`" for opt in param.opts)
        help_text = (getattr(param, "help", "") or "").replace("|", "\\|")
        rows.append(f"| {names} | {help_text} |")
    rows.append(f"| `-h`, `--help` | {label('help.opt.help', lang)} |")
    return [f"| {option} | {meaning} |", "|---|---|", *rows]


def main() -> int:
    stale = []
    for lang, path in REFERENCES.items():
        text = reference(lang)
        if "--check" in sys.argv[1:]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path}: out of date; run python scripts/cli_reference.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
