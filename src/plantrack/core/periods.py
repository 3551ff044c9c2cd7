"""Months as plantrack counts them: parsing YYYY-MM, YYYY-Qn and YYYY-Hn, and month arithmetic."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import NamedTuple

from plantrack.core.errors import InvalidPeriod
from plantrack.core.messages import msg

_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_QUARTER = re.compile(r"(\d{4})\s*-?\s*Q([1-4])", re.IGNORECASE)
_HALF = re.compile(r"(\d{4})\s*-?\s*H([12])", re.IGNORECASE)
_STRICT_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Month(NamedTuple):
    """A calendar month; ordered, hashable, and written as YYYY-MM.

    A tuple, so that comparing and hashing the months of 60,000 entries runs in C.
    The parsers below check the range; arithmetic keeps it.
    """

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def serial(self) -> int:
        """Months since year 0, so that differences between months are plain subtraction."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_serial(cls, serial: int) -> Month:
        return cls(serial // 12, serial % 12 + 1)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    def plus(self, months: int) -> Month:
        return Month.from_serial(self.serial + months)

    def quarter_end(self) -> Month:
        """The last month of the quarter this month is in (2023-05 gives 2023-06)."""
        return Month(self.year, (self.month + 2) // 3 * 3)


def parse_period(text: str) -> Month:
    """Read a period as users type it; a quarter or half year means its last month.

    Full-width digits and letters (typed with a Chinese input method) are accepted,
    and so is 2023年6月.
    """
    normalized = unicodedata.normalize("NFKC", text).strip()
    # Each form, with the number of months its unit spans: Q2 ends in month 2 * 3.
    for pattern, months_per_unit in ((_QUARTER, 3), (_HALF, 6), (_MONTH, 1)):
        match = pattern.fullmatch(normalized)
        if match:
            month = int(match.group(2)) * months_per_unit
            if 1 <= month <= 12:
                return Month(int(match.group(1)), month)
    raise InvalidPeriod(msg("period.invalid", text=text))


def parse_ledger_month(text: str) -> Month:
    """Read the strict YYYY-MM form the ledger stores."""
    match = _STRICT_MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidPeriod(msg("period.not_ledger_month", text=text))
    return Month(int(match.group(1)), int(match.group(2)))


def parse_date(text: str) -> date:
    """Read a YYYY-MM-DD date, such as the PLANTRACK_TODAY setting."""
    match = _DATE.fullmatch(text.strip())
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        pass
    raise InvalidPeriod(msg("date.invalid", text=text))


def previous_month(day: date) -> Month:
    return Month.of(day).plus(-1)
