"""Composing the summary mail: the full summary for leaders, one message per owner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from plantrack.core.errors import ConfigError
from plantrack.core.messages import Lang, Listing, msg
from plantrack.core.model import Plan
from plantrack.core.progress import Assessment, TargetProgress, select
from plantrack.present.i18n import words
from plantrack.present.reports import ReportInput, report_html, report_text


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
    html: str,
    now: datetime,
) -> EmailMessage:
    """multipart/alternative with the text and HTML reports; headers encoded for UTF-8."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text, charset="utf-8")
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
) -> list[Outgoing]:
    """The full summary for `recipients`, then one message per owner with only its targets.

    An owner in the settings that no target has is refused: its department would otherwise
    never hear from plantrack without anyone noticing.
    """
    plan_owners = plan.owners()
    for owner in owners:
        if owner not in plan_owners:
            listed: object = Listing.of(plan_owners) if plan_owners else msg("mail.no_owners")
            raise ConfigError(msg("mail.owner_unknown", owner=owner, owners=listed))

    def message(
        scope: str, addresses: tuple[str, ...], rows: Sequence[TargetProgress], subtitle: str | None
    ) -> Outgoing:
        report = ReportInput.of(assessment, rows, lang, subtitle)
        built = build_message(
            sender=sender,
            recipients=addresses,
            subject=subject if subtitle is None else f"{subject} — {scope}",
            text=report_text(report),
            html=report_html(report),
            now=now,
        )
        return Outgoing(scope, addresses, built)

    outgoing = [message("summary", recipients, assessment.scope, None)] if recipients else []
    for owner, addresses in owners.items():
        subtitle = words(msg("mail.owner_subtitle", owner=owner), lang)
        outgoing.append(message(owner, addresses, select(assessment.scope, owner=owner), subtitle))
    return outgoing


def unaddressed_owners(plan: Plan, owners: Mapping[str, object]) -> list[str]:
    """Owners in the plan with no addresses: their targets reach only the full summary."""
    return [owner for owner in plan.owners() if owner not in owners]
