"""The mail settings file, plantrack.toml: SMTP server, recipients, subject, owners' and units'
addresses, who reminders are escalated to, and an optional group-bot webhook.

The password is never read from a file: only from the environment variable
PLANTRACK_SMTP_PASSWORD, so that the settings can be shared and kept in version control.
Like the plan's, these types are checked by pydantic against the constraints beside their
fields, with every problem reported at once.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from string import Formatter
from typing import Annotated, Any, ClassVar, Literal, get_args
from urllib.parse import urlsplit

from plantrack.core.constraints import Flag, Number, Rule, Text, WholeNumber
from plantrack.core.errors import ConfigError
from plantrack.core.messages import Message, msg
from plantrack.core.text import BIDI_CHARACTERS
from plantrack.store.toml_files import read_toml

SETTINGS_FILE_NAME = "plantrack.toml"
PASSWORD_VARIABLE = "PLANTRACK_SMTP_PASSWORD"
SUBJECT_FIELDS = ("title", "title_en", "as_of")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
Security = Literal["starttls", "ssl", "none"]
Attachment = Literal["xlsx"]  # what [email] attach may list: the report as a workbook
WebhookKind = Literal["dingtalk", "wecom"]  # 钉钉 and 企业微信 group bots
SETTINGS_FIXES = {
    "host": "fix.host",
    "sender": "fix.sender",
    "smtp": "fix.smtp",
    "kind": "fix.webhook_kind",
    "url": "fix.webhook_url",
}
SETTINGS_CHOICES: dict[str, tuple[str, ...]] = {
    "security": get_args(Security),
    "attach": get_args(Attachment),
    "kind": get_args(WebhookKind),
}
# Tables keyed by a name of the user's: [owners."交通局"], [units.chengdong].
NAMED_TABLES = ("owners", "units")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_FORBID_EXTRA: dict[str, str] = {"extra": "forbid"}


def escaped(text: str) -> str:
    """The text with line breaks and control characters written as escapes (\\n, \\x00),
    so that a value quoted in a message stays one visible line."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if _breaks_a_line(char) else char
        for char in text
    )


def _breaks_a_line(char: str) -> bool:
    # Cc: CR, LF, NUL, tab, DEL...; Zl, Zp: the separators str.splitlines also breaks at.
    # And the bidirectional controls, which make a subject read in another order than it is.
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or bool(BIDI_CHARACTERS.match(char))


def header_problem(value: str) -> Message | None:
    """A mail header is one line: a CR or LF in a value would start a header of its own."""
    if any(_breaks_a_line(char) for char in value):
        return msg("mail.control_char", value=escaped(value))
    return None


def address_problem(value: str) -> Message | None:
    problem = header_problem(value)
    if problem is not None:
        return problem
    _, address = parseaddr(value)
    if "@" not in address or " " in address.strip():
        return msg("mail.bad_address", value=value)
    return None


def subject_problem(template: str | None) -> Message | None:
    """A subject template may use {title}, {title_en} and {as_of} as they are: no format
    spec, conversion, attribute or index, which str.format would run (`{title:>99999999}`
    builds a string of 100 MB, `{title.__class__}` reaches into Python)."""
    if template is None:
        return None
    problem = header_problem(template)
    if problem is not None:
        return problem
    try:
        parts = list(Formatter().parse(template))
    except ValueError:  # a lone { or }
        return msg("mail.subject_brace", template=template)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name in SUBJECT_FIELDS and not spec and conversion is None:
            continue
        written = _placeholder(name, spec, conversion)
        if name.partition(".")[0].partition("[")[0] not in SUBJECT_FIELDS:
            return msg("mail.bad_subject", template=template, problem=written)
        return msg("mail.subject_not_plain", template=template, placeholder=written)
    return None


def _placeholder(name: str, spec: str | None, conversion: str | None) -> str:
    """A placeholder as the template writes it: {title!r:>9}."""
    converted = f"!{conversion}" if conversion else ""
    specified = f":{spec}" if spec else ""
    return f"{{{name}{converted}{specified}}}"


def subject_line(template: str, title: str, title_en: str | None, as_of: str) -> str:
    """The subject from a template already checked by subject_problem: the placeholders are
    replaced by their text, never through str.format."""
    values = {"title": title, "title_en": title_en or title, "as_of": as_of}
    return "".join(
        literal + ("" if name is None else values[name])
        for literal, name, _, _ in Formatter().parse(template)
    )


Words = Annotated[str, Text()]
Address = Annotated[str, Text(), Rule(address_problem)]


def host_problem(host: str) -> Message | None:
    """A name the resolver can be asked for: labels of 1 to 63 characters (IDNA)."""
    problem = header_problem(host)
    if problem is not None:
        return problem
    try:
        host.encode("idna")
    except UnicodeError:
        return msg("mail.bad_host", host=escaped(host))
    return None


def cafile_problem(cafile: str) -> Message | None:
    """A certificate file, checked now: a pipe would hang the TLS set-up, and a missing file
    would be reported later as a network error of the host."""
    try:
        mode = os.stat(cafile).st_mode
    except OSError:
        return msg("mail.cafile_missing", file=escaped(cafile))
    if not stat.S_ISREG(mode):
        return msg("mail.cafile_not_plain", file=escaped(cafile))
    return None


def webhook_url_problem(url: str) -> Message | None:
    """An http or https address with a host. The address itself is never quoted: a group
    bot's URL carries its secret (DingTalk's access_token, WeCom's key)."""
    if any(_breaks_a_line(char) or char.isspace() for char in url):
        return msg("webhook.url_control_char")
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:  # a bracketed host that is no IPv6 address, a port that is no number
        return msg("webhook.url_bad_server")
    if parts.scheme.lower() not in ("http", "https"):
        scheme = escaped(parts.scheme) if parts.scheme.isascii() and parts.scheme else "?"
        return msg("webhook.url_scheme", scheme=scheme)
    if not host:
        return msg("webhook.url_bad_server")
    return None


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """[smtp]: the server, how to reach it, and who the mail is from."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    host: Annotated[str, Text(), Rule(host_problem)]
    sender: Address
    port: Annotated[int, WholeNumber(ge=1, le=65535)] | None = None
    security: Security = "starttls"
    username: Words | None = None
    timeout: Annotated[float, Number(gt=0)] = 30.0  # for each read from the server
    deadline: Annotated[float, Number(gt=0)] = 60.0  # for each message, however the server trickles
    allow_plain_auth: Annotated[bool, Flag()] = False  # a password in clear with security "none"
    cafile: Annotated[str, Text(), Rule(cafile_problem)] | None = (
        None  # a private certificate authority, common on government networks
    )

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.effective_port}"


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """[email]: who receives the full summary, its subject, and what each message attaches;
    who a reminder is copied to once a figure is `escalate_after_days` late (`remind`)."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    to: tuple[Address, ...] = ()
    subject: Annotated[str | None, Rule(subject_problem)] = None
    attach: tuple[Attachment, ...] = ()
    escalate_to: tuple[Address, ...] = ()
    escalate_after_days: Annotated[int, WholeNumber(ge=1, le=366)] = 7


@dataclass(frozen=True, slots=True)
class OwnerSettings:
    """[owners."name"] and [units.ID]: where an owner's or a unit's own targets, and its
    reminders, are sent."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    to: tuple[Address, ...]


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """[webhook]: a DingTalk or WeCom group bot that `remind` posts each reminder to as well."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    kind: WebhookKind
    url: Annotated[str, Text(), Rule(webhook_url_problem)]
    deadline: Annotated[float, Number(gt=0)] = 10.0  # seconds for each post as a whole


@dataclass(frozen=True, slots=True)
class MailSettings:
    """The whole of plantrack.toml."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    smtp: SmtpSettings
    email: EmailSettings = EmailSettings()
    owners: dict[str, OwnerSettings] = field(default_factory=dict)
    # By unit id; an id the plan does not declare is refused where it is used (remind,
    # email --per-owner), as the settings are read without the plan.
    units: dict[str, OwnerSettings] = field(default_factory=dict)
    webhook: WebhookSettings | None = None


def preview_settings() -> MailSettings:
    """Settings for a dry run without a settings file: a preview needs no server."""
    return MailSettings(smtp=SmtpSettings(host="localhost", sender="plantrack@localhost"))


def load_mail_settings(path: Path) -> MailSettings:
    """Read and check plantrack.toml; every problem is reported, one line each."""
    from pydantic import ValidationError

    from plantrack.core.validation import adapter, describe_error

    data = read_toml(path, ConfigError)
    try:
        settings: MailSettings = adapter(MailSettings).validate_python(data)
    except ValidationError as error:
        problems = [
            msg(
                "in_file",
                file=path,
                problem=_placed(
                    item["loc"],
                    describe_error(
                        _inner(item), _table_type(item["loc"]), SETTINGS_FIXES, SETTINGS_CHOICES
                    ),
                ),
            )
            for item in error.errors()
        ]
        raise ConfigError(*problems) from None
    problems = [msg("in_file", file=path, problem=problem) for problem in _rules(settings)]
    if problems:
        raise ConfigError(*problems)
    return settings


def _rules(settings: MailSettings) -> list[Message]:
    """Problems between fields, or in table names, which the types cannot see."""
    problems: list[Message] = []
    smtp = settings.smtp
    if smtp.username is not None and smtp.security == "none" and not smtp.allow_plain_auth:
        problems.append(msg("at", where="[smtp]", problem=msg("smtp.plain_auth")))
    for table, names in (("owners", settings.owners), ("units", settings.units)):
        for name in names:
            problem = header_problem(name)
            if problem is not None:
                problems.append(msg("at", where=table_name(table, name), problem=problem))
    return problems


def table_name(table: str, name: str) -> str:
    """How the settings file names a table of a user's name: [owners."交通局"], [units.chengdong]."""
    if table == "units" and _BARE_KEY.fullmatch(name):
        return f"[units.{name}]"
    return f'[{table}."{escaped(name)}"]'


def _named(location: tuple[Any, ...]) -> bool:
    """Whether a problem lies inside a table of a user's name ([owners."x"], [units.x])."""
    return bool(location) and location[0] in NAMED_TABLES and len(location) > 2


def _table_type(location: tuple[Any, ...]) -> type[Any]:
    """The type of the table a problem is in, so that a did-you-mean knows its fields."""
    tables: dict[object, type[Any]] = {
        "smtp": SmtpSettings,
        "email": EmailSettings,
        "webhook": WebhookSettings,
    }
    if _named(location):
        return OwnerSettings
    if location and len(location) > 1:
        return tables.get(location[0], MailSettings)
    return MailSettings


def _placed(location: tuple[Any, ...], problem: Message) -> Message:
    """The problem with the table it is in: [smtp], [email], [owners."交通局"], [units.chengdong]."""
    if _named(location):
        return msg("at", where=table_name(location[0], str(location[1])), problem=problem)
    if len(location) > 1:
        return msg("at", where=f"[{location[0]}]", problem=problem)
    return problem


def _inner(item: Any) -> dict[str, Any]:
    """The error as seen from inside its table, so that the field is named, not the table."""
    location = item["loc"]
    depth = 2 if _named(location) else 1
    if len(location) > depth:
        return {**item, "loc": location[depth:]}
    return dict(item)
