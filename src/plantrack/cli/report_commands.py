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
    check_not_data,
    check_output_folder,
    check_workbook_name,
    command,
    file_output,
    path_setting,
    session_for,
    write_output,
)
from plantrack.cli.progress_commands import assessed
from plantrack.core.errors import ConfigError, ExitCode, OutputError, UsageProblem
from plantrack.core.messages import Listing, msg

if TYPE_CHECKING:
    from plantrack.mail.compose import Outgoing
    from plantrack.store.settings import MailSettings


@command()
def report(
    ctx: typer.Context,
    report_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", show_default=False)
    ] = "text",
    output: OutputOption = None,
    as_of: AsOfOption = None,
    section: SectionOption = None,
    owner: OwnerOption = None,
    demo: Annotated[bool, typer.Option("--demo")] = False,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """A summary for mail, chat or spreadsheets: what needs attention first, then each section."""
    from plantrack.present.i18n import label
    from plantrack.present.reports import FORMATS, ReportInput, render_report

    if report_format not in FORMATS:
        raise UsageProblem(
            msg("report.bad_format", text=report_format, formats=Listing.of(FORMATS))
        ).at("--format")
    output = file_output(output, report_format, "report.xlsx")
    session = session_for(ctx, plan, ledger, lang)
    if output is not None:
        check_output_folder(output)
        check_not_data(session, output, settings_path(session, None))
        check_workbook_name(output, report_format)
    assessment = assessed(session, as_of, section, owner, demo=demo)
    # A demo report says so under its title, in every format, wherever it is forwarded.
    banner = label("demo.banner", session.lang) if demo else None
    from plantrack.core.lookup import find_owner

    # An owner's report has the key projects it leads, as its mail (email --per-owner) has.
    chosen = ReportInput.of(
        assessment, assessment.scope, session.lang, subtitle=banner,
        owner=find_owner(session.plan, owner),
    )  # fmt: skip
    if report_format == "xlsx":
        from plantrack.present.workbook import report_workbook

        assert output is not None  # file_output saw to it
        write_output(output, report_workbook(chosen))
        session.warn(msg("output.wrote", file=output))
        return
    content = render_report(chosen, report_format)
    if output is None:
        sys.stdout.write(content)
        return
    bom = "\ufeff" if report_format == "csv" else ""
    write_output(output, (bom + content).encode("utf-8"))
    session.warn(msg("output.wrote", file=output))


@command()
def email(
    ctx: typer.Context,
    to: Annotated[
        list[str] | None, typer.Option("--to", metavar="ADDRESS", show_default=False)
    ] = None,
    subject: Annotated[
        str | None, typer.Option("--subject", metavar="TEMPLATE", show_default=False)
    ] = None,
    per_owner: Annotated[bool, typer.Option("--per-owner")] = False,
    as_of: AsOfOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="PATH", show_default=False)
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", metavar="FILE", show_default=False)
    ] = None,
    plan: PlanOption = None,
    ledger: LedgerOption = None,
    lang: LangOption = None,
) -> None:
    """Mail the summary (text and HTML in one message) over SMTP; for cron."""
    from plantrack.mail.smtp import send_all
    from plantrack.store.settings import PASSWORD_VARIABLE

    session = session_for(ctx, plan, ledger, lang)
    to_stdout = output is not None and str(output) == "-"  # -o - : the messages on stdout
    if output is not None and not to_stdout:
        check_output_folder(output, may_be_folder=True)
        check_not_data(session, output, settings_path(session, config))
    settings = mail_settings(session, config, dry_run)
    outgoing = _messages(
        session, settings, settings_path(session, config), to, subject, per_owner, as_of
    )
    if output is not None and not to_stdout:
        _save_messages(session, output, outgoing)
    elif dry_run or to_stdout:
        for item in outgoing:
            sys.stdout.write(item.message.as_string())
            sys.stdout.write("\n")
    if dry_run:
        return
    password = os.environ.get(PASSWORD_VARIABLE) or None
    if settings.smtp.username is not None and password is None:
        raise ConfigError(msg("mail.no_password")).at(PASSWORD_VARIABLE)
    deliveries = send_all(settings.smtp, password, outgoing)
    failures = 0
    for delivery in deliveries:
        subject_line = str(delivery.outgoing.message["Subject"])
        if delivery.sent:
            session.say(msg("mail.sent", subject=subject_line, addresses=Listing.of(delivery.sent)))
        for address, reason in delivery.failed.items():
            failures += 1
            session.warn(
                msg(
                    "mail.recipient_refused",
                    server=settings.smtp.server,
                    address=address,
                    reason=reason,
                )
            )
    if failures:
        raise typer.Exit(code=ExitCode.ERROR)


def settings_path(session: Session, config: Path | None) -> Path:
    """The mail settings: --config, else $PLANTRACK_CONFIG, else plantrack.toml beside the plan."""
    from plantrack.store.settings import SETTINGS_FILE_NAME

    chosen = path_setting(config, "PLANTRACK_CONFIG")
    return chosen if chosen is not None else session.plan_path.parent / SETTINGS_FILE_NAME


def mail_settings(session: Session, config: Path | None, dry_run: bool) -> MailSettings:
    from plantrack.store.settings import SETTINGS_FILE_NAME, load_mail_settings, preview_settings

    path = settings_path(session, config)
    given = path_setting(config, "PLANTRACK_CONFIG") is not None
    if not given and not path.exists():
        if dry_run:
            return preview_settings()
        raise ConfigError(msg("mail.no_settings", file=SETTINGS_FILE_NAME))
    return load_mail_settings(path)


def _messages(
    session: Session,
    settings: MailSettings,
    source: Path,
    to: list[str] | None,
    subject: str | None,
    per_owner: bool,
    as_of: str | None,
) -> list[Outgoing]:
    from datetime import UTC, datetime

    from plantrack.mail.compose import compose, unaddressed_owners
    from plantrack.mail.recipients import owner_addresses
    from plantrack.present.i18n import label
    from plantrack.store.settings import address_problem, subject_line, subject_problem

    for address in to or ():
        problem = address_problem(address)
        if problem is not None:
            raise UsageProblem(problem).at("--to")
    problem = subject_problem(subject)
    if problem is not None:
        raise UsageProblem(problem).at("--subject")
    recipients = tuple(to) if to else settings.email.to
    owners = owner_addresses(session.plan, settings, source) if per_owner else {}
    if not recipients and not owners:
        raise ConfigError(msg("mail.no_recipients"))
    template = subject or settings.email.subject or label("mail.default_subject", session.lang)
    assessment = assessed(session, as_of)
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
        attach=settings.email.attach,
    )
    unaddressed = unaddressed_owners(session.plan, owners) if per_owner else []
    if unaddressed:
        session.warn(msg("mail.unaddressed_owners", owners=Listing.of(unaddressed)))
    return outgoing


def _save_messages(session: Session, output: Path, outgoing: list[Outgoing]) -> None:
    """A path ending in .eml takes one message; any other path is a folder (created if
    needed) that takes one .eml per message, 01-summary.eml first. Each file is named on
    stderr."""
    from plantrack.mail.compose import file_names

    messages = [item.message.as_bytes() for item in outgoing]
    if len(outgoing) == 1 and output.suffix.lower() == ".eml" and not output.is_dir():
        write_output(output, messages[0])
        session.warn(msg("output.wrote", file=output))
        return
    write_files(session, output, list(zip(file_names(outgoing), messages, strict=True)))


def write_files(
    session: Session, output: Path, files: list[tuple[str, bytes]], *data: Path
) -> None:
    """Write each (name, content) into the folder `output`, created if needed, naming each
    file on stderr. Every file is checked before any is written: a link planted in the
    folder must not lead a message onto the ledger, the settings or another of `data`, and a
    refusal must come before the first file."""
    if output.exists() and not output.is_dir():
        raise OutputError(msg("output.needs_folder", file=output, count=len(files))).at("-o")
    output.mkdir(parents=True, exist_ok=True)
    paths = [output / name for name, _ in files]
    for path in paths:
        if path.is_symlink():
            raise OutputError(msg("output.is_link", file=path)).at("-o")
        check_output_folder(path)
        check_not_data(session, path, settings_path(session, None), *data)
    for path, (_, content) in zip(paths, files, strict=True):
        write_output(path, content)
        session.warn(msg("output.wrote", file=path))
