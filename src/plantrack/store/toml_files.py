"""Reading a TOML file (the plan, the ledger, the mail settings), every failure one Message."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from plantrack.core.errors import PlantrackError
from plantrack.core.messages import Message, msg
from plantrack.store.files import (
    LARGEST_INPUT_BYTES,
    NotPlainFile,
    TooLarge,
    opening_problem,
    read_with_status,
)

_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_END = re.compile(r"^(?P<what>.*?)\s*\(at end of document\)$")
# tomllib's own words for what is wrong, as catalogue keys (and the value they quote);
# compiled only when a file has a syntax error.
_REASONS: tuple[tuple[str, str], ...] = (
    (r"Cannot declare (?P<value>.+) twice", "toml.reason.declared_twice"),
    (r"Cannot mutate immutable namespace (?P<value>.+)", "toml.reason.immutable"),
    (r"Cannot overwrite a value", "toml.reason.overwrite"),
    (r"Cannot redefine namespace (?P<value>.+)", "toml.reason.redefine"),
    (r"Duplicate inline table key (?P<value>.+)", "toml.reason.duplicate_key"),
    (r"Escaped character is not a Unicode scalar value", "toml.reason.bad_escape"),
    (r"Expected '=' after a key in a key/value pair", "toml.reason.expected_equals"),
    (r"Expected '\]' at the end of a table declaration", "toml.reason.expected_bracket"),
    (r"Expected '\]\]' at the end of an array declaration", "toml.reason.expected_brackets"),
    (r"Expected newline or end of document after a statement", "toml.reason.expected_line_end"),
    (r"Expected (?P<value>.+)", "toml.reason.expected"),
    (r"Found invalid character (?P<value>.+)", "toml.reason.invalid_character"),
    (r"Illegal character (?P<value>.+)", "toml.reason.invalid_character"),
    (r"Invalid date or datetime", "toml.reason.bad_date"),
    (r"Invalid hex value", "toml.reason.bad_hex"),
    (r"Invalid initial character for a key part", "toml.reason.bad_key"),
    (r"Invalid statement", "toml.reason.bad_statement"),
    (r"Invalid value", "toml.reason.bad_value"),
    (r"Unclosed array", "toml.reason.unclosed_array"),
    (r"Unclosed inline table", "toml.reason.unclosed_table"),
    (r"Unescaped '\\' in a string", "toml.reason.unescaped_backslash"),
    (r"Unterminated string", "toml.reason.unterminated_string"),
)


def read_source(
    path: Path,
    error: type[PlantrackError],
    *,
    is_folder: str = "file.is_folder",
    limit: int | None = LARGEST_INPUT_BYTES,
) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status of that very file (for the parse cache's key); every
    failure is one Message naming the file (`is_folder` the one for a folder given). A file
    that is not a regular one, or larger than `limit` bytes, is refused unread."""
    try:
        return read_with_status(path, limit=limit)
    except TooLarge as large:
        raise error(
            msg(
                "file.too_large", file=path, size=megabytes(large.size), limit=megabytes(limit or 0)
            )
        ) from None
    except (OSError, NotPlainFile) as problem:
        raise error(opening_problem(problem, path, is_folder=is_folder)) from None


def megabytes(size: int) -> str:
    """A file size as a person reads it: 51.2 (MB)."""
    return f"{size / 1024 / 1024:.1f}"


def parse_toml(
    raw: bytes,
    path: Path,
    error: type[PlantrackError],
    *,
    utf8_fix: str = "fix.save_utf8",
    syntax_fix: str = "fix.toml_syntax",
) -> dict[str, Any]:
    """Parse TOML bytes, turning every failure into one line naming file, line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        raise error(msg("toml.not_utf8", file=path, line=line, fix=msg(utf8_fix))) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(_syntax_error(str(problem), path, syntax_fix)) from None
    except RecursionError:  # arrays or inline tables nested thousands deep
        raise error(msg("toml.too_deep", file=path)) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise error(msg("toml.number_too_long", file=path)) from None


def read_toml(path: Path, error: type[PlantrackError]) -> dict[str, Any]:
    raw, _ = read_source(path, error)
    return parse_toml(raw, path, error)


def _syntax_error(text: str, path: Path, syntax_fix: str) -> Message:
    """`line 3, column 9: TOML syntax error: ...; fix that line` from tomllib's message."""
    fix = msg(syntax_fix)
    match = _POSITION.match(text)
    if match:
        return msg(
            "toml.syntax",
            file=path,
            line=int(match.group("line")),
            column=int(match.group("column")),
            what=_reason(match.group("what")),
            fix=fix,
        )
    end = _END.match(text)
    what = _reason(end.group("what") if end else text)
    return msg("toml.syntax_at_end", file=path, what=what, fix=fix)


def _reason(text: str) -> Message:
    for pattern, key in _REASONS:
        match = re.fullmatch(pattern, text)
        if match:
            return msg(key, value=match.groupdict().get("value", ""))
    return msg("toml.reason.other", detail=text)
