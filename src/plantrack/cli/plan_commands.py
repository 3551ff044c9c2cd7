"""Commands about the plan file: validate, targets."""

from __future__ import annotations

import typer

from plantrack.cli.app import (
    JsonOption,
    LangOption,
    LedgerOption,
    PlanOption,
    SectionOption,
    command,
    print_json,
    session_for,
    stdout_console,
)
from plantrack.core.messages import msg


@command()
def validate(
    ctx: typer.Context,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Check the plan file and the ledger: every problem, or one line each saying OK."""
    from plantrack.api import resolve_today
    from plantrack.core.entries import orphan_counts
    from plantrack.core.projects import register_notes
    from plantrack.core.recording import ledger_doubts
    from plantrack.core.units import split_warnings, unit_orphans

    session = session_for(ctx, plan, ledger, lang)
    loaded = session.plan
    session.say(
        msg(
            "validate.plan_ok",
            file=session.plan_path,
            targets=len(loaded.targets),
            sections=len(loaded.sections),
        )
    )
    for warning in split_warnings(loaded):
        session.say(warning)
    if not session.ledger_path.exists():
        return
    entries = session.entries
    if session.ledger_is_folder:
        from plantrack.store.ledger_folder import ledger_files

        files = len(ledger_files(session.ledger_path))
        ok = msg("folder.validate_ok", file=session.ledger_path, count=len(entries), files=files)
    else:
        ok = msg("validate.ledger_ok", file=session.ledger_path, count=len(entries))
    session.say(ok)
    orphans = orphan_counts(entries, loaded.recorded_ids)
    for target_id, count in orphans.items():
        session.say(msg("validate.orphans", file=session.ledger_path, count=count, id=target_id))
    for (target_id, unit), count in unit_orphans(loaded, entries).items():
        session.say(
            msg(
                "validate.unit_orphans",
                file=session.ledger_path,
                count=count,
                id=target_id,
                unit=unit,
            )
        )
    for note in register_notes(loaded, entries, session.ledger_path):
        session.say(note)
    for doubt in ledger_doubts(loaded, entries, resolve_today()):
        session.say(
            msg(
                "validate.doubt",
                file=session.ledger_path,
                id=doubt.target.id,
                period=doubt.period,
                problem=doubt.problem,
            )
        )


@command()
def targets(
    ctx: typer.Context,
    section: SectionOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Show the plan's targets, grouped by section."""
    from plantrack.core.errors import UnknownSection
    from plantrack.core.lookup import find_sections

    session = session_for(ctx, plan, ledger, lang)
    loaded = session.plan
    try:
        sections = find_sections(loaded, section)
    except UnknownSection as error:
        raise error.at("--section") from None
    if as_json:
        from plantrack.present.serialize import plan_json

        print_json(plan_json(loaded, sections))
        return
    from plantrack.present.tables import plan_table

    stdout_console().print(plan_table(loaded, sections, session.lang))
