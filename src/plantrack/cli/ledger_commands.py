"""Commands that write or read the ledger: record, import, history, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.app import (
    ByOption,
    JsonOption,
    LangOption,
    LedgerOption,
    PlanOption,
    ReplaceOption,
    command,
    now_utc,
    print_json,
    session_for,
    stdout_console,
    today,
    who_records,
)
from plantrack.errors import PlantrackError
from plantrack.language import say

if TYPE_CHECKING:
    from plantrack.model import Lang


@command(context_settings={"ignore_unknown_options": True})
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

    session = session_for(ctx, plan, ledger, lang)
    figure = read_figure(
        session.plan,
        target_text=target,
        period_text=period,
        value_text=value,
        today=today(),
        source=source,
        note=note,
        lang=session.lang,
    )
    if isinstance(figure, list):
        names = {"target": "TARGET", "period": "--period", "value": "VALUE"}
        lines = [f"{names[problem.field]}: {problem.message}" for problem in figure]
        raise EntryRefused(lines[0], problems=lines)
    who = who_records(by)
    with locked(session.ledger_path) as book:
        existing = latest_by_key(book.entries).get((figure.target.id, figure.period))
        problem = revision_problem(figure, existing, replace, session.lang)
        if problem:
            revise = f"plantrack record {figure.target.id} {value.strip()} --period {figure.period} --replace"
            raise EntryRefused(
                problem + say(session.lang, "; to revise it: ", "；如需更正：") + revise
            )
        book.append([figure.to_entry(now_utc(), who)])
    typer.echo(recorded_line(figure, existing, session.lang))


@command("import")
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

    session = session_for(ctx, plan, ledger, lang)
    loaded = session.plan
    label = display_path(file)
    rows, layout_problems = read_csv(file, encoding, session.lang)
    figures, row_problems = read_rows(loaded, rows, today(), session.lang)
    problems = [(line, message) for line, message in layout_problems]
    column = say(session.lang, "column '{}': ", "“{}”列：")
    problems += [(line, column.format(p.field) + p.message) for line, p in row_problems]
    who = who_records(by)
    with locked(session.ledger_path) as book:
        latest = latest_by_key(book.entries)
        revisions = 0
        for row in figures:
            existing = latest.get((row.figure.target.id, row.figure.period))
            revisions += existing is not None
            problem = revision_problem(row.figure, existing, replace, session.lang)
            if problem:
                fix = say(session.lang, "; add --replace to revise it", "；如需更正请加 --replace")
                problems.append((row.line, problem + fix))
        if problems:
            lines = [
                say(session.lang, f"{label}: line {line}: ", f"{label}：第 {line} 行：") + message
                for line, message in sorted(problems, key=lambda p: p[0])
            ]
            lines.append(
                say(
                    session.lang,
                    f"{label}: {len(problems)} problems; nothing was recorded",
                    f"{label}：共 {len(problems)} 处问题；未录入任何数据",
                )
            )
            raise ImportRefused(lines[0], problems=lines)
        if not dry_run:
            recorded_at = now_utc()
            book.append([row.figure.to_entry(recorded_at, who) for row in figures])
    typer.echo(_import_summary(label, len(figures), revisions, dry_run, session.lang))


def _import_summary(label: str, count: int, revisions: int, dry_run: bool, lang: Lang) -> str:
    if lang == "zh":
        done = "检查通过，未写入（--dry-run）" if dry_run else "已导入"
        return f"{label}：{count} 条数据{done}，其中更正 {revisions} 条"
    done = "checked, nothing written (--dry-run)" if dry_run else "recorded"
    return f"{label}: {count} figures {done}, {revisions} of them revisions"


@command()
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

    session = session_for(ctx, plan, ledger, lang)
    chosen = resolve_target(session.plan, target, session.lang)
    entries = [entry for entry in session.entries if entry.target == chosen.id]
    if as_json:
        flags = superseded_flags(entries)
        print_json(
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

    stdout_console().print(history_table(chosen, entries, session.lang))


def _nothing_recorded(target_id: str, lang: Lang) -> str:
    if lang == "zh":
        return f"{target_id} 尚无记录；录入：plantrack record {target_id} 数值 --period 2023-06"
    return f"No figures for {target_id} yet; record one with: plantrack record {target_id} VALUE --period YYYY-MM"


@command()
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
    session = session_for(ctx, plan, ledger, lang)
    entries = session.entries
    if export_format == "json":
        print_json([entry_json(entry) for entry in current_entries(entries)])
    else:
        sys.stdout.write(export_csv(entries))
