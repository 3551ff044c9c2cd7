"""What plantrack has to tell a user, as a catalogue key and the values its text needs.

The core and the store speak in Messages; plantrack.present.i18n puts them into words in the
reader's language. So the rules never hold a sentence, and every sentence has both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Message:
    """A catalogue key and the values that fill its placeholders.

    A value may itself be a Message (a phrase inside a sentence), a Quantity, a Listing,
    a path, a month or a number; each is put into words in the reader's language.
    """

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        # For tracebacks and logs only; users see the words of plantrack.present.i18n.
        if not self.params:
            return self.key
        values = ", ".join(f"{name}={value}" for name, value in self.params.items())
        return f"{self.key}({values})"


def msg(key: str, /, **params: object) -> Message:
    return Message(key, params)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure with its unit of measure: 150个 in Chinese, 150 个 in English, 6% in both."""

    value: float
    unit: str | None


@dataclass(frozen=True, slots=True)
class Listing:
    """Items joined as the language joins a list: a、b、c or a, b, c."""

    items: tuple[object, ...]

    @classmethod
    def of(cls, items: Iterable[object]) -> Listing:
        return cls(tuple(items))
