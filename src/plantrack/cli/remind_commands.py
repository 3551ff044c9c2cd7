"""The command that chases overdue figures, for cron: remind."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from plantrack.cli.app import (
    JsonOption,
    LangOption,
    LedgerOption,
    PlanOption,
    Session,
    check_not_data,
    check_output_folder,
    command,
    print_json,
    session_for,
)
from plantrack.cli.report_commands import mail_settings, settings_path, write_files
from plantrack.core.errors import ExitCode
from plantrack.core.messages import msg

if TYPE_CHECKING:
    from plantrack.mail.remind import Prepared, Run


@command()
def remind(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FOLDER", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    as_json: JsonOption = False,
    config: Annotated[
        Path | None, typer.Option("--config", metavar="FILE", show_default=False)
    ] = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Remind each unit that owes overdue figures, once a day; for cron."""
    from datetime import UTC, datetime

    from plantrack.api import now_utc, resolve_today
    from plantrack.mail.remind import (
        mails,
        message_files,
        preview_reminders,
        readable_messages,
        send_reminders,
    )
    from plantrack.store.locking import lock_path
    from plantrack.store.reminder_log import reminder_log_path
    from plantrack.store.settings import PASSWORD_VARIABLE

    session = session_for(ctx, plan, ledger, lang)
    source = settings_path(session, config)
    log_path = reminder_log_path(session.ledger_path)
    to_stdout = output is not None and str(output) == "-"
    if output is not None and not to_stdout:
        check_output_folder(output, may_be_folder=True)
        check_not_data(session, output, source, log_path, lock_path(log_path))
    settings = mail_settings(session, config, dry_run)
    today = resolve_today()
    now = datetime.now(UTC)
    if dry_run:
        prepared = preview_reminders(
            session.plan, session.entries, settings, source, log_path,
            today=today, lang=session.lang, force=force,
        )  # fmt: skip
        outgoing = mails(prepared, settings, now)
    else:
        run = send_reminders(
            session.plan, session.entries, settings, source, log_path,
            today=today, lang=session.lang, force=force, now=now, sent_at=now_utc(),
            password=os.environ.get(PASSWORD_VARIABLE) or None,
        )  # fmt: skip
        prepared, outgoing = run.prepared, run.outgoing
    _tell_before(session, prepared, as_json)
    files = message_files(prepared, outgoing)
    if output is not None and not to_stdout:
        write_files(session, output, files, log_path, lock_path(log_path))
    elif to_stdout:  # -o -: the files themselves, .eml as sent
        for _, content in files:
            sys.stdout.write(content.decode("utf-8"))
            sys.stdout.write("\n")
    elif dry_run and not as_json:  # for a person: the text of each message, readable
        for text in readable_messages(prepared, outgoing):
            sys.stdout.write(text)
            sys.stdout.write("\n")
    if dry_run:
        if as_json:
            meant = {due.unit: prepared.channels(due) for due in prepared.due}
            print_json(_json(session, prepared, meant, dry_run=True))
        return
    _tell_after(session, run, log_path, as_json)
    if as_json:
        reached = {outcome.due.unit: outcome.channels for outcome in run.delivered.outcomes}
        print_json(_json(session, prepared, reached, dry_run=False))
    if run.delivered.failed or run.log_problems:
        raise typer.Exit(code=ExitCode.ERROR)


def _tell_before(session: Session, prepared: Prepared, as_json: bool) -> None:
    """What the reader should know before the messages: units without addresses (stderr),
    units already reminded today, or that nobody owes anything (stdout)."""
    for warning in prepared.unaddressed(session.lang):
        session.warn(warning)
    if as_json:
        return
    for sent in prepared.skipped:
        name = prepared.plan.unit_label(sent.unit, session.lang)
        session.say(msg("remind.already", unit=name, sent_at=sent.sent_at or sent.day.isoformat()))
    if not prepared.due and not prepared.skipped:
        session.say(msg("remind.nothing_due", today=prepared.today.isoformat()))


def _tell_after(session: Session, run: Run, log_path: Path, as_json: bool) -> None:
    """What went out (stdout; not with --json), what did not (stderr, one line each), and
    where it was logged."""
    if not as_json:
        for line in run.delivered.said:
            session.say(line)
    for problem in (*run.delivered.problems, *run.log_problems):
        session.warn(problem)
    if run.not_durable is not None:
        session.warn(run.not_durable)
    if run.logged:
        session.warn(msg("remind.logged", count=len(run.logged), file=log_path))


def _json(
    session: Session, prepared: Prepared, channels: Mapping[str, Sequence[str]], *, dry_run: bool
) -> dict[str, Any]:
    """What was sent (or, in a dry run, would be): the --json shape of docs/cli.md."""
    from plantrack.present.reminders import reminder_json

    plan, lang = prepared.plan, session.lang
    return {
        "today": prepared.today.isoformat(),
        "dry_run": dry_run,
        "reminders": [
            reminder_json(
                plan,
                due.reminder,
                to=due.to,
                cc=due.cc,
                escalated=due.escalated,
                channels=channels.get(due.unit, []),
                lang=lang,
            )
            for due in prepared.due
        ],
        "skipped": [
            {"unit": sent.unit, "name": plan.unit_label(sent.unit, lang), "sent_at": sent.sent_at}
            for sent in prepared.skipped
        ],
    }
