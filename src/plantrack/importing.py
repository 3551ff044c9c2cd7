"""Reading an import file (CSV from Excel or a script) into rows of named cells."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from plantrack.errors import ImportRefused
from plantrack.language import Lang, say
from plantrack.plan import display_path

REQUIRED_COLUMNS = ("target", "period", "value")
OPTIONAL_COLUMNS = ("source", "note")
# Headers a Chinese spreadsheet is likely to carry, mapped to the column they mean.
COLUMN_ALIASES = {
    "指标": "target",
    "目标": "target",
    "期间": "period",
    "月份": "period",
    "数值": "value",
    "数据": "value",
    "来源": "source",
    "备注": "note",
}
# Excel on a Chinese system saves "ANSI" CSV as GBK; GB18030 reads GBK and more.
FALLBACK_ENCODING = "gb18030"


Row = tuple[int, dict[str, str]]


def read_csv(
    path: Path, encoding: str | None, lang: Lang = "en"
) -> tuple[list[Row], list[tuple[int, str]]]:
    """The data rows with their line numbers, and (line, problem) for the file's layout."""
    label = display_path(path)
    records = _records(_decode(path, label, encoding, lang))
    if not records:
        raise ImportRefused(
            label
            + say(
                lang,
                ": the file is empty; its first line must be the header target,period,value",
                "：文件为空；第一行应为表头 target,period,value",
            )
        )
    header_line, header = records[0]
    columns, header_problems = _columns(header, lang)
    problems = [(header_line, problem) for problem in header_problems]
    if any(name not in columns for name in REQUIRED_COLUMNS):
        return [], problems  # without a needed column every row would be reported too
    rows: list[Row] = []
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty rows at the end
        if len(cells) > len(header):
            problems.append(
                (
                    line,
                    say(
                        lang,
                        f"{len(cells)} cells but the header has {len(header)} columns; "
                        "quote cells that contain commas",
                        f"有 {len(cells)} 个单元格，而表头只有 {len(header)} 列；含逗号的单元格请加引号",
                    ),
                )
            )
            continue
        named = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        rows.append((line, named))
    return rows, problems


def _decode(path: Path, label: str, encoding: str | None, lang: Lang) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"{label}: file not found; check the path") from None
    except IsADirectoryError:
        raise ImportRefused(f"{label}: is a folder; give the path of the CSV file") from None
    except OSError as problem:
        raise ImportRefused(f"{label}: cannot be read ({problem.strerror})") from None
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise ImportRefused(
                f"--encoding: '{encoding}' is not an encoding Python knows; use utf-8, utf-8-sig or gbk"
            ) from None
        except UnicodeDecodeError as problem:
            line = raw[: problem.start].count(b"\n") + 1
            raise ImportRefused(
                f"{label}: line {line}: not valid {encoding} text; check --encoding"
            ) from None
    for candidate in ("utf-8-sig", FALLBACK_ENCODING):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(
        label
        + say(
            lang,
            ": neither UTF-8 nor GBK text; save it as 'CSV UTF-8' or pass --encoding",
            "：既不是 UTF-8 也不是 GBK 编码；请另存为“CSV UTF-8”，或用 --encoding 指定编码",
        )
    )


def _records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    next_line = 1
    for cells in reader:
        records.append((next_line, cells))
        next_line = reader.line_num + 1
    return records


def _columns(header: list[str], lang: Lang) -> tuple[list[str | None], list[str]]:
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    columns: list[str | None] = []
    problems: list[str] = []
    for cell in header:
        name = cell.strip().lower()
        name = COLUMN_ALIASES.get(name, name)
        if name in known:
            if name in columns:
                problems.append(
                    say(
                        lang,
                        f"column '{name}' appears twice; keep one",
                        f"列“{name}”出现两次；请只保留一列",
                    )
                )
            columns.append(name)
            continue
        columns.append(None)
        close = difflib.get_close_matches(name, known, n=1)
        listed = ", ".join(known)
        if lang == "zh":
            hint = f"是否要写“{close[0]}”？" if close else ""
            problems.append(f"未知的列“{cell.strip()}”；{hint}（可用的列：{listed}）")
        else:
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"unknown column '{cell.strip()}'; {hint}(columns: {listed})")
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            problems.append(
                say(
                    lang,
                    f"missing column '{name}'; the header must name target, period and value",
                    f"缺少列“{name}”；表头必须包含 target、period 和 value",
                )
            )
    return columns, problems
