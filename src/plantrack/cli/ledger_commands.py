"""Commands that write or read the ledger: record, import, template, history, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.app import (
    ByOption,
    ForceOption,
    JsonOption,
    LangOption,
    LedgerOption,
    OutputOption,
    OwnerOption,
    PlanOption,
    ReplaceOption,
    SectionOption,
    Session,
    check_not_data,
    check_output_folder,
    check_workbook_name,
    command,
    file_output,
    print_json,
    session_for,
    stdout_console,
    write_output,
)
from plantrack.core.errors import EntryRefused, MissingArgument, UsageProblem
from plantrack.core.messages import Quantity, msg

if TYPE_CHECKING:
    from plantrack.api import FigureRefused

# How `record` names the parts of a figure in its refusals: its arguments and option.
FIGURE_PARTS = {
    "target": "TARGET", "period": "--period", "value": "VALUE", "unit": "--unit",
    "milestone": "--milestone", "started": "--started",
}  # fmt: skip


def placed(refused: FigureRefused) -> EntryRefused:
    """A refused figure's problems, each at the argument or option that gave the part."""
    return EntryRefused(
        *(msg("at", where=FIGURE_PARTS[part.part], problem=part.message) for part in refused.parts)
    )


@command(context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", show_default=False)],
    value: Annotated[str | None, typer.Argument(metavar="VALUE", show_default=False)] = None,
    period: Annotated[
        str | None, typer.Option("--period", "-p", metavar="MONTH", show_default=False)
    ] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="TEXT")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT")] = None,
    progress: Annotated[str | None, typer.Option("--progress", metavar="TEXT")] = None,
    problems: Annotated[str | None, typer.Option("--problems", metavar="TEXT")] = None,
    measures: Annotated[str | None, typer.Option("--measures", metavar="TEXT")] = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT")] = None,
    started: Annotated[bool, typer.Option("--started")] = False,
    milestone: Annotated[str | None, typer.Option("--milestone", metavar="NAME")] = None,
    by: ByOption = None,
    replace: ReplaceOption = False,
    withdraw: Annotated[bool, typer.Option("--withdraw")] = False,
    force: ForceOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record one figure for a target and month in the ledger, or withdraw one."""
    from plantrack import api

    if started or milestone is not None:
        if value is not None:
            raise UsageProblem(msg("record.event_with_value")).at("VALUE")
        if started and milestone is not None:
            raise UsageProblem(msg("record.started_and_milestone")).at("--milestone")
        if unit is not None:  # a project is no split target: its start is the project's own
            raise UsageProblem(msg("record.unit_for_event")).at("--unit")
        if withdraw and replace:
            raise UsageProblem(msg("record.withdraw_with", given="--replace")).at("--withdraw")
        if period is None and not withdraw:
            # Last month by default, as for a figure, would date a start wrongly unseen: the
            # months a start is late are counted from it.
            raise MissingArgument(msg("record.event_needs_period")).at("--period")
        session = session_for(ctx, plan, ledger, lang)
        _record_event(
            session, target, period, started, milestone, by, note, replace, withdraw=withdraw
        )
        return
    if withdraw:
        given = [name for name, on in (("VALUE", value is not None), ("--replace", replace),
                 ("--force", force), ("--source", source is not None),
                 ("--progress", progress is not None), ("--problems", problems is not None),
                 ("--measures", measures is not None)) if on]  # fmt: skip
        if given:
            raise UsageProblem(msg("record.withdraw_with", given=given[0])).at("--withdraw")
    elif value is None:
        raise MissingArgument(msg("record.no_value")).at("VALUE")
    session = session_for(ctx, plan, ledger, lang)
    try:
        if withdraw:
            _withdraw(session, target, period, by, note, unit)
            return
        assert value is not None
        done = api.record(
            session.ledger_location, session.plan, target, value, period,
            by=by, source=source, note=note, progress_note=progress, problems=problems,
            measures=measures, unit=unit, replace=replace, force=force,
        )  # fmt: skip
    except api.FigureRefused as refused:
        raise placed(refused) from None
    figure = done.figure
    line = msg(
        "record.done",
        id=figure.target.id,
        name=figure.target.label(session.lang),
        period=figure.period,
        value=Quantity(figure.value, figure.target.unit),
    )
    if done.replaced is not None:
        replaced = msg(
            "record.replacing",
            old=Quantity(done.replaced.amount, figure.target.unit),
            at=done.replaced.recorded_at,
            by=done.replaced.by,
        )
        line = msg("record.done_replacing", done=line, replacing=replaced)
    if figure.unit is not None:
        unit_name = session.plan.unit_label(figure.unit, session.lang)
        line = msg("record.of_unit", unit=unit_name, done=line)
    session.say(line)
    if done.not_durable is not None:
        session.warn(done.not_durable)


def _record_event(
    session: Session,
    target: str,
    period: str | None,
    started: bool,
    milestone: str | None,
    by: str | None,
    note: str | None,
    replace: bool,
    *,
    withdraw: bool = False,
) -> None:
    """`record PROJECT --started` or `--milestone NAME`: an event of a key project; with
    `withdraw`, a start or milestone recorded by mistake, taken back."""
    from plantrack import api

    try:
        if withdraw:
            done = api.withdraw_event(
                session.ledger_location, session.plan, target, started=started,
                milestone=milestone, by=by, note=note,
            )  # fmt: skip
        else:
            done = api.record_event(
                session.ledger_location, session.plan, target, period, started=started,
                milestone=milestone, by=by, note=note, replace=replace,
            )  # fmt: skip
    except api.FigureRefused as refused:
        raise placed(refused) from None
    project, entry = done.project, done.entry
    said = {"id": project.id, "name": project.label(session.lang), "period": entry.period}
    if entry.milestone is None:
        key = "project.start_withdrawn" if withdraw else "project.started_done"
        line = msg(key, **said)
    else:
        key = "project.milestone_withdrawn" if withdraw else "project.milestone_done"
        line = msg(key, **said, milestone=entry.milestone)
    session.say(line)
    if done.not_durable is not None:
        session.warn(done.not_durable)


def _withdraw(
    session: Session,
    target: str,
    period: str | None,
    by: str | None,
    note: str | None,
    unit: str | None,
) -> None:
    from plantrack import api

    done = api.withdraw(
        session.ledger_location, session.plan, target, period, by=by, note=note, unit=unit
    )
    chosen = session.plan.target(done.entry.target)
    assert chosen is not None
    restored: object = (
        msg("withdraw.restored", value=Quantity(done.restored.amount, chosen.unit))
        if done.restored is not None
        else msg("withdraw.none_left")
    )
    line = msg(
        "withdraw.done",
        id=chosen.id,
        name=chosen.label(session.lang),
        period=done.entry.period,
        value=Quantity(done.withdrawn.amount, chosen.unit),
        restored=restored,
    )
    if done.entry.unit is not None:
        unit_name = session.plan.unit_label(done.entry.unit, session.lang)
        line = msg("record.of_unit", unit=unit_name, done=line)
    session.say(line)
    if done.not_durable is not None:
        session.warn(done.not_durable)


@command("import")
def import_figures(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False)],
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="NAME", show_default=False)
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", show_default=False)
    ] = None,
    large: Annotated[bool, typer.Option("--large")] = False,
    by: ByOption = None,
    replace: ReplaceOption = False,
    force: ForceOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Record a month's figures from a CSV file or an xlsx workbook, all or nothing."""
    from plantrack import api

    session = session_for(ctx, plan, ledger, lang)
    done = api.import_file(
        session.ledger_location, session.plan, file, encoding=encoding, sheet=sheet, large=large,
        by=by, replace=replace, force=force, dry_run=dry_run,
    )  # fmt: skip
    key = "import.checked" if done.dry_run else "import.recorded"
    session.say(msg(key, file=file, count=done.count, revisions=done.revisions))
    if done.started or done.milestones:
        events = "import.events_checked" if done.dry_run else "import.events_recorded"
        session.say(msg(events, started=done.started, milestones=done.milestones))
    elif not done.count:  # every row empty (or 否): say so, not only "0 figures"
        session.warn(msg("import.nothing", file=file))
    if done.not_durable is not None:
        session.warn(done.not_durable)


@command()
def template(
    ctx: typer.Context,
    owner: OwnerOption = None,
    period: Annotated[
        str | None, typer.Option("--period", "-p", metavar="MONTH", show_default=False)
    ] = None,
    section: SectionOption = None,
    output: OutputOption = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Write the xlsx sheet a department fills in with a period's figures; `import` reads it back."""
    from plantrack import api
    from plantrack.cli.report_commands import settings_path
    from plantrack.present.workbook import template_workbook

    output = file_output(output, "xlsx", "template.xlsx")
    assert output is not None  # file_output saw to it
    session = session_for(ctx, plan, ledger, lang)
    check_output_folder(output)
    check_not_data(session, output, settings_path(session, None))
    check_workbook_name(output, "xlsx")
    chosen = api.template(session.plan, session.entries, period, section=section, owner=owner)
    write_output(output, template_workbook(session.plan, chosen, session.lang))
    session.warn(msg("template.wrote", file=output, count=len(chosen.lines), period=chosen.period))


@command()
def history(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", show_default=False)],
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Every figure recorded for one target, superseded revisions included."""
    from plantrack.core.errors import UnknownTarget
    from plantrack.core.lookup import resolve_target

    session = session_for(ctx, plan, ledger, lang)
    try:
        chosen = resolve_target(session.plan, target)
    except UnknownTarget as error:
        raise error.at("TARGET") from None
    entries = [entry for entry in session.entries if entry.target == chosen.id]
    if as_json:
        from plantrack.present.serialize import history_json

        print_json(history_json(chosen, entries))
        return
    if not entries:
        session.say(msg("history.none", id=chosen.id))
        return
    from plantrack.present.tables import history_table

    stdout_console().print(history_table(chosen, entries, session.lang, session.plan))


EXPORT_FORMATS = ("csv", "json", "xlsx")


@command()
def export(
    ctx: typer.Context,
    export_format: Annotated[str, typer.Option("--format", metavar="csv|json|xlsx")] = "csv",
    output: OutputOption = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Print the figure in force for each target and month (latest revision), as CSV or JSON;
    or write them to a file, also as an xlsx workbook."""
    from plantrack.present.serialize import current_entries, entry_json, export_csv, json_text

    if export_format not in EXPORT_FORMATS:
        raise UsageProblem(msg("export.bad_format", text=export_format)).at("--format")
    output = file_output(output, export_format, "figures.xlsx")
    session = session_for(ctx, plan, ledger, lang)
    if output is not None:
        from plantrack.cli.report_commands import settings_path

        check_output_folder(output)
        check_not_data(session, output, settings_path(session, None))
        check_workbook_name(output, export_format)
    entries = session.entries
    if output is None:
        if export_format == "json":
            print_json([entry_json(entry) for entry in current_entries(entries)])
        else:
            sys.stdout.write(export_csv(entries))
        return
    if export_format == "xlsx":
        from plantrack.present.workbook import export_workbook

        content = export_workbook(entries)
    elif export_format == "json":
        data = [entry_json(entry) for entry in current_entries(entries)]
        content = (json_text(data, indent=2) + "\n").encode("utf-8")
    else:  # with a BOM, so that Excel reads the file as UTF-8 and shows Chinese
        content = ("\ufeff" + export_csv(entries)).encode("utf-8")
    write_output(output, content)
    session.warn(msg("output.wrote", file=output))
