"""Wrapping plain text to a width in terminal cells (a Chinese character counts two) without
splitting what a reader takes as one thing: a number, a number and its unit ('17.5个百分点',
'68 万平方米'), a label and its count ('○ 未报送 13'), or a closing mark from the text before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from rich.cells import cell_len

# A figure as the reports write it: 17.5, -2%, 1—2, 2023-06, 1e+15.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[-+]?\d+(?:[.,/:\-—–]\d+)*(?:[eE][-+]?\d+)?%?")
# A word after a number: letters only, Chinese or not (项, points, 万平方米).
_WORD = re.compile(r"[^\W\d_]+(?![\w.])")
_ATOM = re.compile(r"\s+|.", re.DOTALL)
# No line starts with a closing mark and none ends with an opening one (Chinese typesetting
# rules, which suit English too).
_CLOSING = frozenset("，。、；：！？）》」』】〕”’,.;:!?)]}%")
_OPENING = frozenset("（《「『【〔“‘([{")
# A line broken after these reads as a pause; preferred to a break inside a phrase.
_PAUSES = frozenset("，。、；：,;:")
# How full a line must be to end at a pause rather than fill up: a Chinese line may break
# between any two characters, and its pause is worth half a line; an English line breaks at
# any space and its phrases are long, so a comma may give up a quarter of the line, no more
# (at half, English sentences at 80 columns broke into lines of 50 cells).
_PAUSE_FILL = {"wide": 0.5, "narrow": 0.75}


@dataclass(frozen=True)
class _Group:
    """Text never broken inside, and the white space before it (dropped at a line break)."""

    space: str
    text: str
    pause_before: str  # the pause the text before this group ends with, or ""
    whole: bool  # holds a number or a phrase to keep: never cut, even when too long

    @property
    def cells(self) -> int:
        return cell_len(self.text)


def wrap_cells(
    line: str,
    width: int,
    indent: int,
    *,
    units: Collection[str] = (),
    keep: Collection[str] = (),
) -> list[str]:
    """Lines of at most `width` cells, continuation lines indented by `indent` spaces.

    A line breaks at a space or next to a Chinese character, never inside a number, between
    a number and the unit in `units` (or the Chinese character) after it, inside a phrase of
    `keep`, before a closing mark or after an opening one; after a pause (，or ,) when that
    still fills half the line (，) or three quarters of it (,). Only a single unbreakable
    piece longer than the room left is wider than `width`, on a line of its own.
    """
    groups = list(_groups(line, unbreakable(line, units, keep)))
    lines: list[str] = []
    prefix = ""
    start = 0
    while start < len(groups):
        room = max(1, width - cell_len(prefix))
        end = _fitting(groups, start, room)
        if end == start:  # one piece wider than the room
            piece, rest = _split_word(groups[start], room)
            lines.append(prefix + piece)
            if rest is None:
                start += 1
            else:
                groups[start] = rest
        else:
            end = _preferred_end(groups, start, end, room)
            lines.append(prefix + _joined(groups, start, end))
            start = end
        prefix = " " * indent
    return lines or [line]


def _fitting(groups: list[_Group], start: int, room: int) -> int:
    """The end of the longest run of groups from `start` that fits in `room` cells."""
    used = groups[start].cells + (cell_len(groups[start].space) if start == 0 else 0)
    if used > room:
        return start
    end = start + 1
    while end < len(groups):
        used += cell_len(groups[end].space) + groups[end].cells
        if used > room:
            break
        end += 1
    return end


def _preferred_end(groups: list[_Group], start: int, end: int, room: int) -> int:
    """Break after a pause rather than inside a phrase, when the line is still full enough:
    half full after a Chinese pause, three quarters after an English one (_PAUSE_FILL)."""
    if end == len(groups) or groups[end].pause_before:
        return end
    for candidate in range(end - 1, start, -1):
        pause = groups[candidate].pause_before
        if pause:
            fill = _PAUSE_FILL["wide" if _is_wide(pause) else "narrow"]
            if cell_len(_joined(groups, start, candidate)) >= room * fill:
                return candidate
            break
    return end


def _joined(groups: list[_Group], start: int, end: int) -> str:
    """The groups as one line: the space before the first kept only at the line's start."""
    parts = [groups[start].space if start == 0 else "", groups[start].text]
    parts += [group.space + group.text for group in groups[start + 1 : end]]
    return "".join(parts)


def _split_word(group: _Group, room: int) -> tuple[str, _Group | None]:
    """A word too long for any line (a long code, a path) is cut where the room ends; a
    number or a phrase to keep stays whole, wider than the line."""
    if group.whole or group.cells <= room:
        return group.text, None
    cut, used = 0, 0
    while cut < len(group.text) and used + cell_len(group.text[cut]) <= room:
        used += cell_len(group.text[cut])
        cut += 1
    cut = max(cut, 1)
    return group.text[:cut], _Group("", group.text[cut:], pause_before="", whole=False)


def unbreakable(
    line: str, units: Collection[str], keep: Collection[str] = (), *, word_before: bool = True
) -> list[tuple[int, int]]:
    """Spans of `line` never broken inside, in order: the phrases of `keep`, and each number
    with its unit and (`word_before`) with a word it stands beside across a single space
    ('未报送 13', '77 项')."""
    spans = []
    for phrase in keep:
        if phrase:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), line)]
    ordered_units = sorted((unit for unit in units if unit), key=len, reverse=True)
    for match in _NUMBER.finditer(line):
        start, end = match.start(), match.end()
        end = _unit_end(line, end, ordered_units)
        spans.append((_word_start_before(line, start) if word_before else start, end))
    return _merged(spans)


def _unit_end(line: str, end: int, units: list[str]) -> int:
    """Where the number ending at `end` ends with its unit: a unit of `units` right after it
    or after one space; else a Chinese character right after it (6月); else the word after
    one space (77 项, 17.5 points)."""
    for unit in units:
        for gap in ("", " "):
            if line.startswith(gap + unit, end):
                return end + len(gap) + len(unit)
    if end < len(line) and _is_wide_letter(line[end]):
        return end + 1
    word = _WORD.match(line, end + 1) if line.startswith(" ", end) else None
    return word.end() if word else end


def _word_start_before(line: str, start: int) -> int:
    """The start of the word before a number across one space ('未报送 13' from '13')."""
    if start < 2 or line[start - 1] != " " or line[start - 2].isspace():
        return start
    if _is_wide_letter(line[start - 2]):
        return start - 2
    word = re.search(r"[A-Za-z]+$", line[: start - 1])
    return word.start() if word else start


def _is_wide_letter(character: str) -> bool:
    return cell_len(character) == 2 and character not in _CLOSING and character not in _OPENING


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _atoms(line: str, spans: list[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
    """The line in pieces that are never broken inside: a protected span, a run of white
    space, a wide (Chinese) character, or a run of other characters."""
    starts = {start: end for start, end in spans}
    position = 0
    while position < len(line):
        end = starts.get(position)
        protected = end is not None
        if end is None:
            match = _ATOM.match(line, position)
            assert match is not None
            end = match.end()
            if not _is_wide(line[position]) and not line[position].isspace():
                end = position + 1
                while (
                    end < len(line)
                    and end not in starts
                    and not line[end].isspace()
                    and not _is_wide(line[end])
                ):
                    end += 1
        yield line[position:end], protected
        position = end


def _is_wide(character: str) -> bool:
    return cell_len(character) == 2


def _groups(line: str, spans: list[tuple[int, int]]) -> Iterator[_Group]:
    """Atoms joined where no break may fall between them; each group knows the space before it."""
    space, text, pause, whole = "", "", "", False
    for atom, protected in _atoms(line, spans):
        if atom.isspace() and not protected:
            if text:
                yield _Group(space, text, pause, whole)
                pause, space, text, whole = _pause(text[-1]), "", "", False
            space += atom
            continue
        if text and _may_break(text[-1], atom[0]):
            yield _Group(space, text, pause, whole)
            pause, space, text, whole = _pause(text[-1]), "", "", False
        text += atom
        whole = whole or protected
    if text:
        yield _Group(space, text, pause, whole)


def _pause(character: str) -> str:
    return character if character in _PAUSES else ""


def _may_break(before: str, after: str) -> bool:
    """Between two characters with no space: only next to a Chinese character, and never
    before a closing mark or after an opening one."""
    if after in _CLOSING or before in _OPENING:
        return False
    return _is_wide(before) or _is_wide(after)
