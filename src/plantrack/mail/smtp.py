"""Sending composed messages over SMTP, with every failure explained."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import TYPE_CHECKING, TypeVar

from plantrack.core.errors import MailError
from plantrack.core.messages import Listing, Message, msg
from plantrack.mail.compose import Outgoing
from plantrack.store.settings import SmtpSettings, escaped

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

T = TypeVar("T")


@dataclass
class Delivery:
    """What became of one message: the addresses that took it, those that refused it and why."""

    outgoing: Outgoing
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def send_all(
    settings: SmtpSettings,
    password: str | None,
    outgoing: Sequence[Outgoing],
    on_delivery: Callable[[Delivery], None] | None = None,
) -> list[Delivery]:
    """Send every message over one connection; recipients refused one by one are reported
    in the deliveries, a failure of the connection itself as a MailError. `on_delivery`
    hears of each message as it goes, so that a caller knows what went before a failure.

    Each message has `settings.deadline` seconds, the connection and login counting towards
    the first: `timeout` bounds each read, and a server that answers one byte at a time would
    otherwise hold plantrack (and cron) for as long as it likes.
    """
    deliveries: list[Delivery] = []
    deadline = Deadline(settings.deadline, settings.timeout)
    try:
        with _connect(settings, deadline) as connection:
            if settings.username is not None:
                _login(connection, settings.username, password or "")
            for item in outgoing:
                deliveries.append(_send_one(connection, settings, item))
                if on_delivery is not None:
                    on_delivery(deliveries[-1])
                deadline.restart()
    except OSError as error:  # smtplib's and ssl's errors are OSErrors too
        raise MailError(_explain(settings, error, deadline, deliveries)) from None
    return deliveries


class Deadline:
    """The moment the message being sent must be through by; every read and write waits at
    most `per_read` seconds, and never past that moment."""

    def __init__(self, seconds: float, per_read: float) -> None:
        self.seconds = seconds
        self.per_read = per_read
        self.passed = False
        self.restart()

    def restart(self) -> None:
        self.ends = time.monotonic() + self.seconds

    def wait(self) -> float:
        """How long the next read or write may wait; DeadlinePassed when the time is up."""
        left = self.ends - time.monotonic()
        if left <= 0:
            self.passed = True
            raise DeadlinePassed
        return min(self.per_read, left)

    def run(self, sock: socket.socket, operation: Callable[[], T]) -> T:
        """One read or write on `sock`, bounded by the deadline. A timeout cut short by the
        deadline is the deadline's; Python gives a socket's timeout to each call as a whole
        (sendall, and the records of TLS), so no call outlives it."""
        wait = self.wait()
        sock.settimeout(wait)
        try:
            return operation()
        except TimeoutError:
            if wait < self.per_read:
                self.passed = True
            raise


class DeadlinePassed(TimeoutError):
    """The deadline of a message passed while the server was still talking."""


def _bounded_socket_class(deadline: Deadline) -> type[socket.socket]:
    class BoundedSocket(socket.socket):
        """A socket whose reads and writes keep to the deadline."""

        def recv(self, bufsize: int, flags: int = 0, /) -> bytes:
            return deadline.run(self, lambda: super(BoundedSocket, self).recv(bufsize, flags))

        def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
            return deadline.run(
                self, lambda: super(BoundedSocket, self).recv_into(buffer, nbytes, flags)
            )

        def send(self, data: ReadableBuffer, flags: int = 0, /) -> int:
            return deadline.run(self, lambda: super(BoundedSocket, self).send(data, flags))

        def sendall(self, data: ReadableBuffer, flags: int = 0, /) -> None:
            deadline.run(self, lambda: super(BoundedSocket, self).sendall(data, flags))

    return BoundedSocket


def _bounded_tls_class(deadline: Deadline) -> type[ssl.SSLSocket]:
    class BoundedTLSSocket(ssl.SSLSocket):
        """A TLS socket whose handshake, reads and writes keep to the deadline."""

        def do_handshake(self, block: bool = False) -> None:
            deadline.run(self, lambda: super(BoundedTLSSocket, self).do_handshake(block))

        def recv(self, buflen: int = 1024, flags: int = 0) -> bytes:
            return deadline.run(self, lambda: super(BoundedTLSSocket, self).recv(buflen, flags))

        def recv_into(
            self, buffer: WriteableBuffer, nbytes: int | None = None, flags: int = 0
        ) -> int:
            return deadline.run(
                self, lambda: super(BoundedTLSSocket, self).recv_into(buffer, nbytes, flags)
            )

        def send(self, data: ReadableBuffer, flags: int = 0) -> int:
            return deadline.run(self, lambda: super(BoundedTLSSocket, self).send(data, flags))

        def sendall(self, data: ReadableBuffer, flags: int = 0) -> None:
            deadline.run(self, lambda: super(BoundedTLSSocket, self).sendall(data, flags))

    return BoundedTLSSocket


def _bounded_connection(host: str, port: int, deadline: Deadline) -> socket.socket:
    """A TCP connection made within the deadline, its socket keeping to it from then on."""
    wait = deadline.wait()
    try:
        plain = socket.create_connection((host, port), wait)
    except TimeoutError:
        if wait < deadline.per_read:
            deadline.passed = True
        raise
    return _bounded_socket_class(deadline)(fileno=plain.detach())


class _BoundedSMTP(smtplib.SMTP):
    """smtplib's client on a socket that keeps to the deadline."""

    def __init__(self, host: str, port: int, deadline: Deadline) -> None:
        self.deadline = deadline
        super().__init__(host, port, timeout=deadline.per_read)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        # smtplib's hook for how the connection is made (SMTP_SSL uses it too).
        return _bounded_connection(host, port, self.deadline)


class _BoundedSMTPOverTLS(smtplib.SMTP_SSL):
    """smtplib's client over TLS from the start, on a socket that keeps to the deadline."""

    def __init__(self, host: str, port: int, deadline: Deadline, context: ssl.SSLContext) -> None:
        self.deadline = deadline
        super().__init__(host, port, timeout=deadline.per_read, context=context)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        plain = _bounded_connection(host, port, self.deadline)
        return self.context.wrap_socket(plain, server_hostname=host)


def _timed_out(settings: SmtpSettings, done: list[Delivery]) -> Message:
    return msg(
        "smtp.timeout",
        server=settings.server,
        seconds=settings.timeout,
        already=_already_sent(done),
    )


def _connect(settings: SmtpSettings, deadline: Deadline) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.cafile)
    context.sslsocket_class = _bounded_tls_class(deadline)
    port = settings.effective_port
    if settings.security == "ssl":
        return _BoundedSMTPOverTLS(settings.host, port, deadline, context)
    connection = _BoundedSMTP(settings.host, port, deadline)
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


def _explain(
    settings: SmtpSettings, error: OSError, deadline: Deadline, done: list[Delivery]
) -> Message:
    server = settings.server
    already = _already_sent(done)
    if deadline.passed:
        return msg("smtp.deadline", server=server, seconds=settings.deadline, already=already)
    if isinstance(error, smtplib.SMTPException):
        return _explain_smtp(settings, error, done)
    if isinstance(error, ssl.SSLError):
        reason = str(error.reason or error)
        return msg("smtp.tls_failed", server=server, reason=reason, already=already)
    if isinstance(error, TimeoutError):
        return _timed_out(settings, done)
    if isinstance(error, ConnectionRefusedError):
        return msg("smtp.refused", server=server)
    if isinstance(error, socket.gaierror):
        return msg("smtp.unknown_host", server=server)
    return msg("smtp.os_error", server=server, detail=error.strerror or str(error), already=already)


def _explain_smtp(
    settings: SmtpSettings, error: smtplib.SMTPException, done: list[Delivery]
) -> Message:
    server = settings.server
    already = _already_sent(done)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # The code only: a server may echo what it was sent, the password included.
        return msg(
            "smtp.login_refused",
            server=server,
            user=escaped(settings.username or ""),
            code=error.smtp_code,
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
