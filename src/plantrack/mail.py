"""Building the summary message and sending it over SMTP, with every failure explained."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from plantrack.errors import ConfigError, MailError
from plantrack.model import Lang, Plan
from plantrack.progress import Assessment, TargetProgress, select, summarize
from plantrack.reports import ReportInput, report_html, report_text
from plantrack.settings import SmtpSettings


@dataclass(frozen=True)
class Outgoing:
    """One message and who it is for; `scope` names it in messages (a summary, an owner)."""

    scope: str
    recipients: tuple[str, ...]
    message: EmailMessage


@dataclass
class Delivery:
    outgoing: Outgoing
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


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
    plan_owners = {target.owner for target in plan.targets if target.owner}
    for owner in owners:
        if owner not in plan_owners:
            raise ConfigError(
                f'plantrack.toml: [owners."{owner}"]: no target in the plan has this owner; '
                f"owners in the plan: {', '.join(sorted(plan_owners)) or 'none'}"
            )

    def message(
        scope: str, addresses: tuple[str, ...], rows: Sequence[TargetProgress], subtitle: str | None
    ) -> Outgoing:
        report = ReportInput(
            assessment.progress, assessment.sections, rows, summarize(rows), lang, subtitle
        )
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
        subtitle = f"责任单位：{owner}" if lang == "zh" else f"Owner: {owner}"
        outgoing.append(message(owner, addresses, select(assessment.scope, owner=owner), subtitle))
    return outgoing


def unaddressed_owners(plan: Plan, owners: Mapping[str, object]) -> list[str]:
    """Owners in the plan with no addresses: their targets reach only the full summary."""
    return sorted({t.owner for t in plan.targets if t.owner and t.owner not in owners})


def send_all(
    settings: SmtpSettings, password: str | None, outgoing: Sequence[Outgoing]
) -> list[Delivery]:
    """Send every message over one connection; recipients refused one by one are reported
    in the deliveries, a failure of the connection itself as a MailError."""
    deliveries: list[Delivery] = []
    try:
        with _connect(settings) as connection:
            if settings.username is not None:
                _login(connection, settings.username, password or "")
            for item in outgoing:
                deliveries.append(_send_one(connection, settings, item))
    except smtplib.SMTPException as error:
        raise MailError(_explain_smtp(settings, error, deliveries)) from None
    except ssl.SSLError as error:
        raise MailError(
            f"{settings.server}: TLS failed ({error.reason or error}); check security and port "
            "in [smtp], or set cafile to the certificate authority your server uses"
            + _already_sent(deliveries)
        ) from None
    except TimeoutError:
        raise MailError(
            f"{settings.server}: no answer within {settings.timeout:g} s; check host, port and any "
            "firewall, or raise timeout in [smtp]" + _already_sent(deliveries)
        ) from None
    except ConnectionRefusedError:
        raise MailError(
            f"{settings.server}: connection refused; check host and port in [smtp] and that the "
            "mail server is running"
        ) from None
    except socket.gaierror:
        raise MailError(f"{settings.server}: unknown host; check host in [smtp]") from None
    except OSError as error:
        raise MailError(
            f"{settings.server}: {error.strerror or error}; check host and port in [smtp]"
            + _already_sent(deliveries)
        ) from None
    return deliveries


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.cafile)
    port, timeout = settings.effective_port, settings.timeout
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, port, timeout=timeout, context=context)
    connection = smtplib.SMTP(settings.host, port, timeout=timeout)
    try:
        if settings.security == "starttls":
            connection.starttls(context=context)
    except BaseException:
        connection.close()
        raise
    return connection


def _login(connection: smtplib.SMTP, username: str, password: str) -> None:
    """Log in; smtplib encodes credentials as ASCII only, so a Chinese password goes by
    AUTH PLAIN in UTF-8 (RFC 4616) instead."""
    if username.isascii() and password.isascii():
        connection.login(username, password)
        return
    connection.ehlo_or_helo_if_needed()
    if not connection.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    credentials = b"\0" + username.encode("utf-8") + b"\0" + password.encode("utf-8")
    code, reply = connection.docmd("AUTH", "PLAIN " + base64.b64encode(credentials).decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _send_one(connection: smtplib.SMTP, settings: SmtpSettings, item: Outgoing) -> Delivery:
    delivery = Delivery(item)
    try:
        refused = connection.send_message(
            item.message, from_addr=parseaddr(settings.sender)[1], to_addrs=list(item.recipients)
        )
    except smtplib.SMTPRecipientsRefused as error:
        refused = error.recipients
    for address in item.recipients:
        if address in refused:
            code, reason = refused[address]
            delivery.failed[address] = f"{code} {_decode(reason)}"
        else:
            delivery.sent.append(address)
    return delivery


def _explain_smtp(
    settings: SmtpSettings, error: smtplib.SMTPException, done: list[Delivery]
) -> str:
    server = settings.server
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return (
            f"{server}: login refused for user '{settings.username}' ({error.smtp_code} "
            f"{_decode(error.smtp_error)}); check username in [smtp] and PLANTRACK_SMTP_PASSWORD"
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return (
            f'{server}: the server does not offer {_feature(error)}; set security = "ssl" or '
            '"none" in [smtp], or remove username if it needs no login'
        )
    if isinstance(error, smtplib.SMTPSenderRefused):
        return (
            f"{server}: sender {error.sender} refused ({error.smtp_code} {_decode(error.smtp_error)}); "
            "check sender in [smtp]" + _already_sent(done)
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        if "timed out" in str(error):  # how smtplib reports a server that never answers
            return (
                f"{server}: no answer within {settings.timeout:g} s; check host, port and any "
                "firewall, or raise timeout in [smtp]" + _already_sent(done)
            )
        return (
            f"{server}: the server closed the connection ({error}); try again later"
            + _already_sent(done)
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{server}: {error.smtp_code} {_decode(error.smtp_error)}" + _already_sent(done)
    return f"{server}: {error}" + _already_sent(done)


def _feature(error: smtplib.SMTPNotSupportedError) -> str:
    text = str(error).upper()
    return "STARTTLS" if "STARTTLS" in text else "login (AUTH)"


def _already_sent(done: list[Delivery]) -> str:
    sent = [address for delivery in done for address in delivery.sent]
    return f"; already sent to {', '.join(sent)}" if sent else ""


def _decode(reason: bytes | str) -> str:
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else reason
