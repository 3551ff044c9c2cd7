"""Composing the summary mail: the full summary for leaders, one message per owner; each may
carry the report as an xlsx workbook."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from plantrack.core.errors import MailError
from plantrack.core.messages import Lang, msg
from plantrack.core.model import Plan
from plantrack.core.progress import Assessment, TargetProgress
from plantrack.mail.recipients import check_owners
from plantrack.present.i18n import words
from plantrack.present.reports import ReportInput, report_html, report_text
from plantrack.store.settings import header_problem

# What a file name keeps of a scope: letters and digits of any script, '.', '_' and '-'.
_UNSAFE_IN_NAMES = re.compile(r"[^\w.-]+")
_LONGEST_SLUG = 40  # characters; 120 bytes of UTF-8 in Chinese, well within any file system


@dataclass(frozen=True)
class Outgoing:
    """One message and who it is for; `scope` names it in messages (a summary, an owner)."""

    scope: str
    recipients: tuple[str, ...]
    message: EmailMessage


def build_message(
    *,
    sender: str,
    recipients: Sequence[str],
    subject: str,
    text: str,
    html: str | None,
    now: datetime,
    cc: Sequence[str] = (),
) -> EmailMessage:
    """multipart/alternative with the text and HTML reports (text/plain without HTML), with
    `cc` copied; headers encoded for UTF-8.

    The values are checked where they are given (options, settings); a line break that
    still reaches a header (a plan title written over two lines) is refused here, so that no
    value can ever add a header of its own.
    """
    headers = {"From": sender, "To": ", ".join(recipients), "Subject": subject}
    if cc:
        headers["Cc"] = ", ".join(cc)
    for name, value in headers.items():
        problem = header_problem(value)
        if problem is not None:
            raise MailError(problem).at(name)
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text, charset="utf-8")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def compose(
    assessment: Assessment,
    plan: Plan,
    *,
    sender: str,
    recipients: tuple[str, ...],
    owners: Mapping[str, tuple[str, ...]],
    subject: str,
    lang: Lang,
    now: datetime,
    attach: Sequence[str] = (),
) -> list[Outgoing]:
    """The full summary for `recipients`, then one message per owner with only its targets;
    with `attach` = ("xlsx",), each message carries its report as a workbook too.

    An owner in the settings that no target has is refused: its department would otherwise
    never hear from plantrack without anyone noticing.
    """
    check_owners(plan, owners)

    def message(
        scope: str, addresses: tuple[str, ...], rows: Sequence[TargetProgress], subtitle: str | None
    ) -> Outgoing:
        owner = None if subtitle is None else scope
        report = ReportInput.of(assessment, rows, lang, subtitle, owner)
        built = build_message(
            sender=sender,
            recipients=addresses,
            subject=subject if subtitle is None else f"{subject} — {plan.unit_label(scope, lang)}",
            text=report_text(report),
            html=report_html(report),
            now=now,
        )
        if "xlsx" in attach:
            attach_workbook(
                built, report, None if subtitle is None else plan.unit_label(scope, lang)
            )
        return Outgoing(scope, addresses, built)

    outgoing = [message("summary", recipients, assessment.scope, None)] if recipients else []
    for owner, addresses in owners.items():
        subtitle = words(msg("mail.owner_subtitle", owner=plan.unit_label(owner, lang)), lang)
        outgoing.append(message(owner, addresses, assessment.of_owner(owner), subtitle))
    return outgoing


def file_names(outgoing: Sequence[Outgoing]) -> list[str]:
    """A file name for each message, unique and safe on any system: its place in the list and
    a slug of its scope (01-summary.eml, 02-交通局.eml), so that an owner named 'summary', or
    two owners that differ only in characters a file name cannot hold, never share a file."""
    return numbered_names([(item.scope, ".eml") for item in outgoing])


def numbered_names(scopes: Sequence[tuple[str, str]]) -> list[str]:
    """file_names for any (scope, suffix): 01-chengdong.eml, 02-dingtalk.txt."""
    width = max(2, len(str(len(scopes))))
    names = []
    for number, (scope, suffix) in enumerate(scopes, start=1):
        slug = _UNSAFE_IN_NAMES.sub("-", scope)[:_LONGEST_SLUG].strip(".-") or "message"
        names.append(f"{number:0{width}d}-{slug}{suffix}")
    return names


def attach_workbook(message: EmailMessage, report: ReportInput, owner: str | None) -> None:
    """The report as an xlsx workbook, named after the plan, the owner and the as-of month:
    博山区2023年计划-2023-06.xlsx (a Chinese name is encoded as mail requires)."""
    from plantrack.present.workbook import MIME_TYPE, report_workbook

    parts = [report.title, *([owner] if owner else []), str(report.progress.as_of)]
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", "-".join(parts))
    maintype, subtype = MIME_TYPE.split("/")
    message.add_attachment(
        report_workbook(report), maintype=maintype, subtype=subtype, filename=f"{name}.xlsx"
    )


def unaddressed_owners(plan: Plan, owners: Mapping[str, object]) -> list[str]:
    """Owners in the plan with no addresses: their targets reach only the full summary."""
    return [owner for owner in plan.owners() if owner not in owners]
