"""A plain grid of styled text for large tables, aligned in terminal cells (CJK counts two).

rich's Table measures, pads and wraps every cell through its renderable protocol, which
costs about a millisecond per row: 3 seconds for a plan of 5,000 targets. The status table
needs only left/right alignment, wrapping of a few columns and a style per span, so this
grid does that directly with rich's Text and its cell-width tables: a few microseconds a cell.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Span, Text

from plantrack.present.wrapping import unbreakable

GAP = "  "
_DIGIT = re.compile(r"\d")
LAST_RESORT = 4  # the narrowest a wrapped column gets: two Chinese characters a line


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # may be narrowed and wrapped when the grid is too wide
    min_width: int = 4
    keep: int = 0  # when the grid is too wide, columns with a lower `keep` are narrowed first
    # When narrowing is not enough, columns with a `drop` are left out, the highest first;
    # 0: never (the name, the status), so that every width from 40 columns shows them.
    drop: int = 0


@dataclass
class Grid:
    columns: Sequence[Column]
    rows: list[list[Text] | Text] = field(default_factory=list)  # a bare Text spans the row
    units: Collection[str] = ()  # kept with the number before them when a cell wraps

    def add_row(self, cells: Sequence[Text]) -> None:
        self.rows.append(list(cells))

    def add_heading(self, heading: Text) -> None:
        self.rows.append(heading)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Lines are rendered straight to segments: they fit by construction, and letting
        # the console measure and wrap each one again would double the cost.
        for line in self._lines(options.max_width):
            yield from line.render(console)
            yield Segment.line()

    def _lines(self, available: int) -> Iterator[Text]:
        naturals = self._naturals()
        floors = self._floors(naturals)
        shown = self._shown(available, floors)
        columns = [self.columns[number] for number in shown]
        widths = self._widths([(self.columns[n], naturals[n], floors[n]) for n in shown], available)
        yield self._line([Text(column.header, style="bold") for column in columns], columns, widths)
        rule = "─" * min(available, sum(widths) + len(GAP) * (len(widths) - 1))
        yield _styled(Text(rule, style="dim"))
        for position, row in enumerate(self.rows):
            if isinstance(row, Text):
                if position:
                    yield Text("")  # a section stands apart from the rows above it
                yield _styled(row)
                continue
            wrapped = [
                wrap_text(row[number], width, self.units) if column.wrap else [row[number]]
                for number, column, width in zip(shown, columns, widths, strict=True)
            ]
            for line_number in range(max(len(lines) for lines in wrapped)):
                cells = [
                    lines[line_number] if line_number < len(lines) else Text() for lines in wrapped
                ]
                yield self._line(cells, columns, widths)

    def _line(
        self, cells: Sequence[Text], columns: Sequence[Column], widths: Sequence[int]
    ) -> Text:
        """One line of cells, padded to their widths: plain text and spans assembled once,
        which is several times faster than appending Text to Text."""
        parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        last = len(widths) - 1
        for number, (cell, column, width) in enumerate(zip(cells, columns, widths, strict=True)):
            padding = " " * max(0, width - cell.cell_len)
            before = (GAP if number else "") + (padding if column.justify == "right" else "")
            plain = cell.plain
            start = offset + len(before)
            if cell.style:
                spans.append(Span(start, start + len(plain), cell.style))
            spans.extend(span.move(start) for span in cell.spans)
            after = padding if column.justify != "right" and number < last else ""
            parts += (before, plain, after)
            offset = start + len(plain) + len(after)
        # A wrapped row's line ends in the empty cells of the columns it has no more of:
        # their padding would be trailing spaces in a mail or a pasted table.
        line = "".join(parts).rstrip(" ")
        end = len(line)
        kept = [span for span in spans if span.start < end]
        return Text(line, spans=[Span(s.start, min(s.end, end), s.style) for s in kept])

    def _naturals(self) -> list[int]:
        """Each column's widest cell, header included: measured once per render."""
        widths = [cell_len(column.header) for column in self.columns]
        for row in self.rows:
            if isinstance(row, Text):
                continue
            for number, cell in enumerate(row):
                widths[number] = max(widths[number], cell.cell_len)
        return widths

    def _floors(self, naturals: Sequence[int]) -> list[int]:
        """How narrow each column may get before a number would part from its unit: its
        `min_width`, or its widest number with unit ('68万平方米'), if wider (never more than
        the column's widest cell). A column that does not wrap keeps its natural width."""
        floors = list(naturals)
        for number, column in enumerate(self.columns):
            if not column.wrap:
                continue
            widest = column.min_width
            for row in self.rows:
                if isinstance(row, Text):
                    continue
                cell = row[number]
                if cell.cell_len <= widest:
                    continue  # no piece of it can be wider than the widest found
                plain = cell.plain
                if not _DIGIT.search(plain):
                    continue  # no number in it: nothing to keep whole
                for first, last in unbreakable(plain, units=self.units, word_before=False):
                    widest = max(widest, cell_len(plain[first:last]))
            floors[number] = min(naturals[number], widest)
        return floors

    def _shown(self, available: int, floors: Sequence[int]) -> list[int]:
        """The columns that fit once narrowed as far as they go: those with the highest
        `drop` are left out first, until the rest fit (or only undroppable ones are left)."""
        shown = list(range(len(self.columns)))
        droppable = sorted(
            (n for n, column in enumerate(self.columns) if column.drop),
            key=lambda n: -self.columns[n].drop,
        )
        for number in droppable:
            needed = sum(floors[n] for n in shown) + len(GAP) * (len(shown) - 1)
            if needed <= available:
                break
            shown.remove(number)
        return shown

    @staticmethod
    def _widths(columns: Sequence[tuple[Column, int, int]], available: int) -> list[int]:
        """Natural widths; when too wide, wrappable columns give up cells, lowest `keep` first,
        down to their floor; and when that is not enough, further, to LAST_RESORT cells: a
        number may then break, but nothing is cut off at the edge of the terminal."""
        widths = [natural for _, natural, _ in columns]
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - available
        wrappable = sorted(
            (n for n, (column, _, _) in enumerate(columns) if column.wrap),
            key=lambda n: columns[n][0].keep,
        )
        for last_resort in (False, True):
            for number in wrappable:
                if excess <= 0:
                    return widths
                floor = columns[number][2]
                given = min(
                    excess,
                    max(0, widths[number] - (min(LAST_RESORT, floor) if last_resort else floor)),
                )
                widths[number] -= given
                excess -= given
        return widths


def _styled(text: Text) -> Text:
    """The text with its own style as a span: rendered straight to segments, a Text's base
    style would be lost (a section heading would look like a row)."""
    if not text.style:
        return text
    return Text(text.plain, spans=[Span(0, len(text.plain), text.style), *text.spans])


def wrap_text(text: Text, width: int, units: Collection[str] = ()) -> list[Text]:
    """Split styled text into lines of at most `width` cells, at a space when there is one."""
    if text.cell_len <= width:
        return [text]
    lines = list(text.divide(wrap_offsets(text.plain, width, units)))
    for line in lines:
        line.rstrip()  # the space a line was broken at
    return lines


def wrap_offsets(plain: str, width: int, units: Collection[str] = ()) -> list[int]:
    """Character offsets at which to break `plain` into lines of at most `width` cells
    (a trailing space aside): after a space or a hyphen when the line has one, else anywhere,
    which suits Chinese text; never inside a number or between it and its unit, unless the
    number alone is wider than the line."""
    offsets: list[int] = []
    # A number stays whole, and with the unit or word beside it: 1.2个百分点, 2024-01-31.
    whole = unbreakable(plain, units=units, word_before=False)
    start = 0
    while True:
        end, used, after_break = start, 0, -1
        while end < len(plain):
            size = cell_len(plain[end])
            if used + size > width and end > start:
                break
            used += size
            end += 1
            if plain[end - 1] in " -":
                after_break = end
        if end >= len(plain):
            return offsets
        # A space ends this line, where it is stripped; else after a space or hyphen.
        cut = end + 1 if plain[end] == " " else after_break if after_break > start else end
        for first, last in whole:
            if first < cut < last and first > start:
                cut = first  # the whole number (and its unit) goes to the next line
                break
        offsets.append(cut)
        start = cut
