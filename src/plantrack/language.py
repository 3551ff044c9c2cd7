"""The two languages plantrack speaks, and how a message is given in both."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]


def say(lang: Lang, en: str, zh: str) -> str:
    """The message in the reader's language; both versions stand side by side in the code,
    so that neither can be forgotten when the other changes."""
    return zh if lang == "zh" else en
