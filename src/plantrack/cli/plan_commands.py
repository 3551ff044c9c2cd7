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


@command()
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

    session = session_for(ctx, plan, ledger, lang)
    loaded = session.plan
    label = display_path(session.plan_path)
    count_targets, count_sections = len(loaded.targets), len(loaded.sections)
    if session.lang == "zh":
        typer.echo(f"{label}：{count_sections} 个板块共 {count_targets} 项目标，校验通过")
    else:
        typer.echo(f"{label}: {count_targets} targets in {count_sections} sections, OK")
    if not session.ledger_path.exists():
        return
    entries = session.entries
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
    from plantrack.lookup import find_sections

    session = session_for(ctx, plan, ledger, lang)
    loaded = session.plan
    sections = find_sections(loaded, section)
    if as_json:
        from plantrack.serialize import plan_json

        print_json(plan_json(loaded, sections))
        return
    from plantrack.render import plan_table

    stdout_console().print(plan_table(loaded, sections, session.lang))
