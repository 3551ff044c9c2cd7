"""Commands for leaders and cron: report, email."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.app import (
    AsOfOption,
    LangOption,
    LedgerOption,
    OutputOption,
    OwnerOption,
    PlanOption,
    SectionOption,
    Session,
    assess_options,
    check_output_folder,
    command,
    path_setting,
    session_for,
    write_output,
    written_line,
)
from plantrack.errors import ExitCode, PlantrackError

if TYPE_CHECKING:
    from plantrack.mail import Outgoing
    from plantrack.settings import MailSettings


@command()
def report(
    ctx: typer.Context,
    report_format: Annotated[
        str, typer.Option("--format", help="text, markdown, html, csv or json.")
    ] = "text",
    output: OutputOption = None,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """A summary for mail, chat or spreadsheets: what needs attention first, then each section.

    text is plain and fits 80 columns; markdown suits chat tools and wikis; html is one
    self-contained page with inline styles; csv has one row per target (UTF-8 with a BOM when
    written to a file, so that Excel shows Chinese); json is the `status --json` contract.
    """
    from plantrack.reports import FORMATS, ReportInput, render_report

    if report_format not in FORMATS:
        raise PlantrackError(f"--format: '{report_format}' is not one of {', '.join(FORMATS)}")
    if output is not None:
        check_output_folder(output)
    session = session_for(ctx, plan, ledger, lang)
    assessment = assess_options(session, as_of, section, owner)
    content = render_report(
        ReportInput(
            assessment.progress,
            assessment.sections,
            assessment.scope,
            assessment.counts,
            session.lang,
        ),
        report_format,
    )
    if output is None:
        sys.stdout.write(content)
        return
    bom = "\ufeff" if report_format == "csv" else ""
    write_output(output, (bom + content).encode("utf-8"))
    typer.echo(written_line(output, session.lang), err=True)


@command()
def email(
    ctx: typer.Context,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            help="A recipient; repeat for several. Replaces [email] to of the settings file.",
            show_default=False,
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject",
            help="Subject template with {title}, {title_en} and {as_of}. Default: [email] subject.",
            show_default=False,
        ),
    ] = None,
    per_owner: Annotated[
        bool,
        typer.Option(
            "--per-owner",
            help="Also send each owner in [owners] a message with only its targets.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Send nothing; write the messages (to -o, else to standard output)."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the messages here: one message to this .eml file, several as one .eml each "
            "in this folder.",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The mail settings. Default: $PLANTRACK_CONFIG, else plantrack.toml beside the plan.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Mail the summary (text and HTML in one message) over SMTP; for cron.

    The SMTP password comes only from the environment variable PLANTRACK_SMTP_PASSWORD.
    See docs/cron.md.
    """
    from plantrack.mail import send_all

    if output is not None:
        check_output_folder(output, may_be_folder=True)
    session = session_for(ctx, plan, ledger, lang)
    settings = _mail_settings(session, config, dry_run)
    outgoing = _messages(session, settings, to, subject, per_owner, as_of)
    if output is not None:
        _save_messages(output, outgoing)
    elif dry_run:
        for item in outgoing:
            sys.stdout.write(item.message.as_string())
            sys.stdout.write("\n")
    if dry_run:
        return
    password = os.environ.get("PLANTRACK_SMTP_PASSWORD") or None
    if settings.smtp.username is not None and password is None:
        raise PlantrackError(
            "PLANTRACK_SMTP_PASSWORD: not set, but [smtp] username is; set it in the environment "
            "of the command (docs/cron.md shows how for cron)"
        )
    deliveries = send_all(settings.smtp, password, outgoing)
    failures = 0
    for delivery in deliveries:
        subject_line = str(delivery.outgoing.message["Subject"])
        if delivery.sent:
            typer.echo(f"Sent '{subject_line}' to {', '.join(delivery.sent)}")
        for address, reason in delivery.failed.items():
            failures += 1
            typer.echo(
                f"{settings.smtp.server}: recipient {address} refused ({reason}); check the "
                "address in plantrack.toml or --to",
                err=True,
            )
    if failures:
        raise typer.Exit(code=ExitCode.ERROR)


def _mail_settings(session: Session, config: Path | None, dry_run: bool) -> MailSettings:
    from plantrack.settings import (
        SETTINGS_FILE_NAME,
        MailSettings,
        SmtpSettings,
        load_mail_settings,
    )

    path = path_setting(config, "PLANTRACK_CONFIG")
    if path is None:
        path = session.plan_path.parent / SETTINGS_FILE_NAME
        if not path.exists():
            if dry_run:  # a preview needs no server
                return MailSettings(
                    smtp=SmtpSettings(host="localhost", sender="plantrack@localhost")
                )
            raise PlantrackError(
                f"{SETTINGS_FILE_NAME}: not found beside the plan; create it with an [smtp] table "
                "(host, sender) as docs/cron.md shows, or pass --config PATH"
            )
    return load_mail_settings(path)


def _messages(
    session: Session,
    settings: MailSettings,
    to: list[str] | None,
    subject: str | None,
    per_owner: bool,
    as_of: str | None,
) -> list[Outgoing]:
    from datetime import UTC, datetime

    from plantrack.mail import compose, unaddressed_owners
    from plantrack.settings import DEFAULT_SUBJECT, check_subject, subject_line

    recipients = tuple(_checked_addresses(to)) if to else settings.email.to
    owners = {name: owner.to for name, owner in settings.owners.items()} if per_owner else {}
    if not recipients and not owners:
        raise PlantrackError(
            'no recipients: pass --to ADDRESS, or set to = ["..."] in [email] of plantrack.toml'
        )
    template = subject or settings.email.subject or DEFAULT_SUBJECT[session.lang]
    try:
        check_subject(template)
    except ValueError as problem:
        raise PlantrackError(f"--subject: {problem}") from None
    assessment = assess_options(session, as_of, None, None)
    info = session.plan.info
    outgoing = compose(
        assessment,
        session.plan,
        sender=settings.smtp.sender,
        recipients=recipients,
        owners=owners,
        subject=subject_line(template, info.title, info.title_en, str(assessment.progress.as_of)),
        lang=session.lang,
        now=datetime.now(UTC),
    )
    unaddressed = unaddressed_owners(session.plan, owners) if per_owner else []
    if unaddressed:
        typer.echo(
            f"owners without addresses in plantrack.toml: {', '.join(unaddressed)}; their "
            "targets are in the full summary only",
            err=True,
        )
    return outgoing


def _checked_addresses(addresses: list[str]) -> list[str]:
    from email.utils import parseaddr

    for address in addresses:
        if "@" not in parseaddr(address)[1]:
            raise PlantrackError(
                f"--to: '{address}' is not an e-mail address; write it as name@example.gov.cn"
            )
    return addresses


def _save_messages(output: Path, outgoing: list[Outgoing]) -> None:
    """One message to the file; several as one .eml each in the folder (created if needed)."""
    import re

    if len(outgoing) == 1:
        write_output(output, outgoing[0].message.as_bytes())
        return
    if output.exists() and not output.is_dir():
        raise PlantrackError(
            f"-o: {output} is a file, but there are {len(outgoing)} messages; give a folder"
        )
    output.mkdir(parents=True, exist_ok=True)
    for item in outgoing:
        name = re.sub(r"[\\/:*?\"<>|\s]+", "-", item.scope).strip("-") or "message"
        write_output(output / f"{name}.eml", item.message.as_bytes())
