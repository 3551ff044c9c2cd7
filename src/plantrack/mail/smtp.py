"""Sending composed messages over SMTP, with every failure explained."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr

from plantrack.core.errors import MailError
from plantrack.core.messages import Listing, Message, msg
from plantrack.mail.compose import Outgoing
from plantrack.store.settings import SmtpSettings


@dataclass
class Delivery:
    """What became of one message: the addresses that took it, those that refused it and why."""

    outgoing: Outgoing
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def send_all(
    settings: SmtpSettings, password: str | None, outgoing: Sequence[Outgoing]
) -> list[Delivery]:
    """Send every message over one connection; recipients refused one by one are reported
    in the deliveries, a failure of the connection itself as a MailError."""
    deliveries: list[Delivery] = []
    server = settings.server
    try:
        with _connect(settings) as connection:
            if settings.username is not None:
                _login(connection, settings.username, password or "")
            for item in outgoing:
                deliveries.append(_send_one(connection, settings, item))
    except smtplib.SMTPException as error:
        raise MailError(_explain_smtp(settings, error, deliveries)) from None
    except ssl.SSLError as error:
        reason = str(error.reason or error)
        raise MailError(
            msg("smtp.tls_failed", server=server, reason=reason, already=_already_sent(deliveries))
        ) from None
    except TimeoutError:
        raise MailError(_timed_out(settings, deliveries)) from None
    except ConnectionRefusedError:
        raise MailError(msg("smtp.refused", server=server)) from None
    except socket.gaierror:
        raise MailError(msg("smtp.unknown_host", server=server)) from None
    except OSError as error:
        raise MailError(
            msg(
                "smtp.os_error",
                server=server,
                detail=error.strerror or str(error),
                already=_already_sent(deliveries),
            )
        ) from None
    return deliveries


def _timed_out(settings: SmtpSettings, done: list[Delivery]) -> Message:
    return msg(
        "smtp.timeout",
        server=settings.server,
        seconds=settings.timeout,
        already=_already_sent(done),
    )


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
) -> Message:
    server = settings.server
    already = _already_sent(done)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return msg(
            "smtp.login_refused",
            server=server,
            user=settings.username or "",
            code=error.smtp_code,
            reply=_decode(error.smtp_error),
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        feature: object = (
            "STARTTLS" if "STARTTLS" in str(error).upper() else msg("smtp.feature_login")
        )
        return msg("smtp.not_offered", server=server, feature=feature)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return msg(
            "smtp.sender_refused",
            server=server,
            sender=str(error.sender),
            code=error.smtp_code,
            reply=_decode(error.smtp_error),
            already=already,
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        if "timed out" in str(error):  # how smtplib reports a server that never answers
            return _timed_out(settings, done)
        return msg("smtp.closed", server=server, detail=str(error), already=already)
    if isinstance(error, smtplib.SMTPResponseException):
        return msg(
            "smtp.reply",
            server=server,
            code=error.smtp_code,
            reply=_decode(error.smtp_error),
            already=already,
        )
    return msg("smtp.other", server=server, detail=str(error), already=already)


def _already_sent(done: list[Delivery]) -> object:
    sent = [address for delivery in done for address in delivery.sent]
    return msg("smtp.already_sent", addresses=Listing.of(sent)) if sent else ""


def _decode(reason: bytes | str) -> str:
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else reason
