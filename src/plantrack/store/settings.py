"""The mail settings file, plantrack.toml: SMTP server, recipients, subject, owners' addresses.

The password is never read from a file: only from the environment variable
PLANTRACK_SMTP_PASSWORD, so that the settings can be shared and kept in version control.
Like the plan's, these types are checked by pydantic against the constraints beside their
fields, with every problem reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from plantrack.core.constraints import Number, Rule, Text, WholeNumber
from plantrack.core.errors import ConfigError
from plantrack.core.messages import Message, msg
from plantrack.store.toml_files import read_toml

SETTINGS_FILE_NAME = "plantrack.toml"
PASSWORD_VARIABLE = "PLANTRACK_SMTP_PASSWORD"
SUBJECT_FIELDS = ("title", "title_en", "as_of")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
Security = Literal["starttls", "ssl", "none"]
Attachment = Literal["xlsx"]  # what [email] attach may list: the report as a workbook
SETTINGS_FIXES = {"host": "fix.host", "sender": "fix.sender", "smtp": "fix.smtp"}
SETTINGS_CHOICES: dict[str, tuple[str, ...]] = {
    "security": get_args(Security),
    "attach": get_args(Attachment),
}
_FORBID_EXTRA: dict[str, str] = {"extra": "forbid"}


def address_problem(value: str) -> Message | None:
    _, address = parseaddr(value)
    if "@" not in address or " " in address.strip():
        return msg("mail.bad_address", value=value)
    return None


def subject_problem(template: str | None) -> Message | None:
    """A subject template may use {title}, {title_en} and {as_of}, nothing else."""
    if template is None:
        return None
    try:
        template.format(**dict.fromkeys(SUBJECT_FIELDS, ""))
    except (KeyError, IndexError, ValueError) as problem:
        return msg("mail.bad_subject", template=template, problem=str(problem))
    return None


def subject_line(template: str, title: str, title_en: str | None, as_of: str) -> str:
    """The subject from a template already checked by subject_problem."""
    return template.format(title=title, title_en=title_en or title, as_of=as_of)


Words = Annotated[str, Text()]
Address = Annotated[str, Text(), Rule(address_problem)]


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """[smtp]: the server, how to reach it, and who the mail is from."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    host: Words
    sender: Address
    port: Annotated[int, WholeNumber(ge=1, le=65535)] | None = None
    security: Security = "starttls"
    username: Words | None = None
    timeout: Annotated[float, Number(gt=0)] = 30.0
    cafile: Words | None = None  # a private certificate authority, common on government networks

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.effective_port}"


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """[email]: who receives the full summary, its subject, and what each message attaches."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    to: tuple[Address, ...] = ()
    subject: Annotated[str | None, Rule(subject_problem)] = None
    attach: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class OwnerSettings:
    """[owners."name"]: where an owner's own targets are sent."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    to: tuple[Address, ...]


@dataclass(frozen=True, slots=True)
class MailSettings:
    """The whole of plantrack.toml."""

    __pydantic_config__: ClassVar[dict[str, str]] = _FORBID_EXTRA

    smtp: SmtpSettings
    email: EmailSettings = EmailSettings()
    owners: dict[str, OwnerSettings] = field(default_factory=dict)


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
    return settings


def _table_type(location: tuple[Any, ...]) -> type[Any]:
    """The type of the table a problem is in, so that a did-you-mean knows its fields."""
    tables: dict[object, type[Any]] = {"smtp": SmtpSettings, "email": EmailSettings}
    if location and location[0] == "owners" and len(location) > 2:
        return OwnerSettings
    if location and len(location) > 1:
        return tables.get(location[0], MailSettings)
    return MailSettings


def _placed(location: tuple[Any, ...], problem: Message) -> Message:
    """The problem with the table it is in: [smtp], [email], [owners."交通局"]."""
    if location and location[0] == "owners" and len(location) > 2:
        return msg("at", where=f'[owners."{location[1]}"]', problem=problem)
    if len(location) > 1:
        return msg("at", where=f"[{location[0]}]", problem=problem)
    return problem


def _inner(item: Any) -> dict[str, Any]:
    """The error as seen from inside its table, so that the field is named, not the table."""
    location = item["loc"]
    depth = 2 if location and location[0] == "owners" and len(location) > 2 else 1
    if len(location) > depth:
        return {**item, "loc": location[depth:]}
    return dict(item)
