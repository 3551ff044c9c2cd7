"""Commands that assess progress: status, show, sections."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.app import (
    AsOfOption,
    JsonOption,
    LangOption,
    LedgerOption,
    OwnerOption,
    PlanOption,
    SectionOption,
    assess_options,
    command,
    print_json,
    session_for,
    stdout_console,
)
from plantrack.errors import ExitCode, PlantrackError


def _statuses(text: str | None) -> set[str] | None:
    from plantrack.i18n import LABELS
    from plantrack.progress import SUMMARY_KEYS

    if text is None:
        return None
    words = {key: key for key in SUMMARY_KEYS}
    words.update({key.replace("_", "-"): key for key in SUMMARY_KEYS})
    words["overdue"] = "stale"
    words.update({LABELS[key][0]: key for key in SUMMARY_KEYS})
    chosen = set()
    for word in text.split(","):
        key = words.get(word.strip().lower())
        if key is None:
            allowed = ", ".join(k.replace("_", "-") for k in SUMMARY_KEYS)
            raise PlantrackError(
                f"--only: '{word.strip()}' is not a status; use one or more of {allowed}, joined by commas"
            )
        chosen.add(key)
    return chosen


@command()
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Show only these statuses, joined by commas: achieved, on-track, at-risk, "
            "off-track, no-data, stale (overdue). The summary still counts every target.",
        ),
    ] = None,
    as_json: JsonOption = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit with status 3 when a counted target is at-risk (or off-track) or worse; "
            "for cron alerts.",
            show_default=False,
        ),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Show the table over illustrative figures; nothing is written."
        ),
    ] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Where every target stands: actual against the time-elapsed schedule (序时进度).

    A table grouped by section with red/amber/green status, overdue reports marked, and
    counts per status. See docs/progress.md for the rules.
    """
    from plantrack.progress import fails, select

    if fail_on not in (None, "at-risk", "off-track"):
        raise PlantrackError(f"--fail-on: '{fail_on}' is not at-risk or off-track")
    statuses = _statuses(only)
    session = session_for(ctx, plan, ledger, lang)
    assessment = assess_options(session, as_of, section, owner, demo=demo)
    rows = select(assessment.scope, statuses=statuses)
    if as_json:
        from plantrack.serialize import status_json

        print_json(status_json(assessment.progress, rows, assessment.counts, session.lang))
    else:
        from plantrack.render_status import status_view

        console = stdout_console()
        console.print(
            status_view(
                assessment.progress, rows, assessment.sections, assessment.counts, session.lang,
                demo=demo, width=console.width,
            )
        )  # fmt: skip
    if fail_on is not None and fails(
        assessment.scope, "at-risk" if fail_on == "at-risk" else "off-track"
    ):
        raise typer.Exit(code=ExitCode.FAIL_ON)


@command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", help="The target's id or name.")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """One target in detail: its definition, month by month against the schedule, a
    sparkline, the year-end forecast and its verdict, and every recorded figure."""
    from plantrack.lookup import resolve_target
    from plantrack.progress import evaluate_target

    session = session_for(ctx, plan, ledger, lang)
    assessment = assess_options(session, as_of, None, None)
    chosen = resolve_target(session.plan, target, session.lang)
    result = next(r for r in assessment.progress.results if r.target.id == chosen.id)
    entries = [entry for entry in session.entries if entry.target == chosen.id]
    if as_json:
        from plantrack.periods import Month
        from plantrack.serialize import entry_json, progress_json

        months = [
            progress_json(
                evaluate_target(session.plan, chosen, entries, Month(session.plan.year, m)),
                session.lang,
            )
            for m in range(1, assessment.progress.as_of.month + 1)
        ]
        print_json(
            {
                "as_of": str(assessment.progress.as_of),
                "target": progress_json(result, session.lang),
                "months": months,
                "entries": [entry_json(entry) for entry in entries],
            }
        )
        return
    from plantrack.render_detail import target_view
    from plantrack.render_status import headline

    console = stdout_console()
    console.print(headline(assessment.progress, session.lang))
    console.print(
        target_view(session.plan, result, entries, assessment.progress.as_of, session.lang)
    )


@command()
def sections(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Counts of targets in each status, per section and per owner."""
    from plantrack.progress import breakdown

    session = session_for(ctx, plan, ledger, lang)
    assessment = assess_options(session, as_of, None, None)
    counts = breakdown(session.plan, assessment.scope)
    if as_json:
        from plantrack.serialize import sections_json

        as_of_text = str(assessment.progress.as_of)
        print_json(sections_json(as_of_text, counts, assessment.counts, session.lang))
        return
    from plantrack.render_detail import breakdown_table
    from plantrack.render_status import headline

    console = stdout_console()
    console.print(headline(assessment.progress, session.lang))
    console.print(breakdown_table(counts, session.lang))
