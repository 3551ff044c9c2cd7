"""The errors plantrack explains to its users, and the exit statuses they end in."""

from __future__ import annotations

from enum import IntEnum
from typing import Self

from plantrack.core.messages import Message, msg


class ExitCode(IntEnum):
    """Every exit status plantrack uses; docs/cli.md lists them for cron users."""

    OK = 0
    ERROR = 1  # bad input, a refused figure, an unreadable file, a failed delivery
    USAGE = 2  # the command line itself was not understood
    FAIL_ON = 3  # `status --fail-on` found targets at or past the threshold


class PlantrackError(Exception):
    """Something the user can fix: one Message per problem, shown one line each, never a traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, first: Message, *more: Message) -> None:
        super().__init__(first, *more)
        self.problems: tuple[Message, ...] = (first, *more)

    @property
    def message(self) -> Message:
        return self.problems[0]

    def at(self, where: object) -> Self:
        """The same problems, each placed at an option, argument or variable (`--as-of: ...`)."""
        placed = [msg("at", where=where, problem=problem) for problem in self.problems]
        return type(self)(*placed)

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


class UsageProblem(PlantrackError):
    """An option or argument has a value plantrack cannot use."""


class MissingArgument(UsageProblem):
    """The command line lacks an argument the command needs."""

    exit_code = ExitCode.USAGE


class RepeatedOption(UsageProblem):
    """An option that takes one value was given twice with different values."""

    exit_code = ExitCode.USAGE


class PlanError(PlantrackError):
    """The plan file is missing, unreadable, or breaks the schema."""


class InvalidPeriod(PlantrackError):
    """A period is malformed (not YYYY-MM, YYYY-Qn or YYYY-Hn) or outside the plan year."""


class InvalidValue(PlantrackError):
    """A figure is not a finite number in a form plantrack reads."""


class UnknownTarget(PlantrackError):
    """No target, or more than one, matches what the user typed."""


class UnknownSection(PlantrackError):
    """No section, or owner, matches what the user typed."""


class EntryRefused(PlantrackError):
    """A figure breaks a recording rule; the ledger was left unchanged."""


class LedgerError(PlantrackError):
    """The ledger cannot be read, parsed, locked or written."""


class ReminderLogError(PlantrackError):
    """The reminder log (reminders.toml) cannot be read, parsed, locked or written."""


class ImportRefused(PlantrackError):
    """At least one row of an import file is bad; nothing was written."""


class ConfigError(PlantrackError):
    """The mail settings file or an environment variable is missing or wrong."""


class MailError(PlantrackError):
    """The SMTP server could not be reached or refused a message."""


class OutputError(PlantrackError):
    """A file to write (-o) cannot be written there."""
