"""The mail settings file, plantrack.toml: SMTP server, recipients, subject, owners' addresses.

The password is never read from a file: only from the environment variable
PLANTRACK_SMTP_PASSWORD, so that the settings can be shared and kept in version control.
"""

from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from plantrack.errors import ConfigError
from plantrack.plan import display_path, read_toml
from plantrack.validation import describe_error

SETTINGS_FILE_NAME = "plantrack.toml"
PASSWORD_VARIABLE = "PLANTRACK_SMTP_PASSWORD"
SUBJECT_FIELDS = ("title", "title_en", "as_of")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_SUBJECT = {
    "zh": "{title} 执行情况（截至{as_of}）",
    "en": "{title_en}: progress as of {as_of}",
}

Text = Annotated[str, Field(min_length=1)]


def _address(value: str) -> str:
    _, address = parseaddr(value)
    if "@" not in address or " " in address.strip():
        raise PydanticCustomError(
            "plantrack", f"'{value}' is not an e-mail address; write it as name@example.gov.cn"
        )
    return value


def check_subject(template: str) -> str:
    """A subject template may use {title}, {title_en} and {as_of}, nothing else."""
    try:
        template.format(**dict.fromkeys(SUBJECT_FIELDS, ""))
    except (KeyError, IndexError, ValueError) as problem:
        raise PydanticCustomError(
            "plantrack",
            f"the template '{template}' has an unknown placeholder {problem}; use "
            "{title}, {title_en} or {as_of}, and write a brace itself as {{ or }}",
        ) from None
    return template


def subject_line(template: str, title: str, title_en: str | None, as_of: str) -> str:
    """The subject from a template already checked by check_subject."""
    return template.format(title=title, title_en=title_en or title, as_of=as_of)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SmtpSettings(_Frozen):
    host: Text
    sender: Text
    port: Annotated[int, Field(strict=True, ge=1, le=65535)] | None = None
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: Text | None = None
    timeout: Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)] = 30.0
    cafile: Text | None = None  # a private certificate authority, common on government networks

    _sender_is_an_address = field_validator("sender")(_address)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.effective_port}"


class EmailSettings(_Frozen):
    to: tuple[Text, ...] = ()
    subject: Text | None = None

    @field_validator("to")
    @classmethod
    def _addresses(cls, addresses: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_address(address) for address in addresses)

    @field_validator("subject")
    @classmethod
    def _subject(cls, subject: str | None) -> str | None:
        return None if subject is None else check_subject(subject)


class OwnerSettings(_Frozen):
    to: tuple[Text, ...]

    @field_validator("to")
    @classmethod
    def _addresses(cls, addresses: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_address(address) for address in addresses)


class MailSettings(_Frozen):
    smtp: SmtpSettings
    email: EmailSettings = EmailSettings()
    owners: dict[str, OwnerSettings] = {}


def load_mail_settings(path: Path) -> MailSettings:
    """Read and check plantrack.toml; every problem is reported, one line each."""
    label = display_path(path)
    data = read_toml(path, label, ConfigError)
    try:
        return MailSettings.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{label}: {_where(item['loc'])}{describe_error(_inner(item), _table_model(item['loc']))}"
            for item in error.errors()
        ]
        raise ConfigError(problems[0], problems=problems) from None


def _table_model(location: tuple[object, ...]) -> type[BaseModel]:
    """The model of the table a problem is in, so that a did-you-mean knows its fields."""
    tables: dict[object, type[BaseModel]] = {"smtp": SmtpSettings, "email": EmailSettings}
    if location and location[0] == "owners" and len(location) > 2:
        return OwnerSettings
    if location and len(location) > 1:
        return tables.get(location[0], MailSettings)
    return MailSettings


def _where(location: tuple[object, ...]) -> str:
    """The table a problem is in: [smtp], [email], [owners."交通局"]."""
    if not location:
        return ""
    if location[0] == "owners" and len(location) > 2:
        return f'[owners."{location[1]}"]: '
    if len(location) > 1:
        return f"[{location[0]}]: "
    return ""


def _inner(item: ErrorDetails) -> ErrorDetails:
    """The error as seen from inside its table, so that the field is named, not the table."""
    location = item["loc"]
    depth = 2 if location and location[0] == "owners" and len(location) > 2 else 1
    if len(location) > depth:
        return ErrorDetails(**{**item, "loc": location[depth:]})
    return item
