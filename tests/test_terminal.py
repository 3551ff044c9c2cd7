"""What a planning office sees at its terminal, at every width from 40 columns (issue #12,
item 7): section headings styled and set apart, the status kept, ids never broken, and show's
sparklines aligned in Chinese."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from tests.conftest import SHIPPED_PLAN, CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
SYMBOLS = re.compile("[✔●▲✖✘○]")


def shipped(cli: CliRun, *args: str, width: int, lang: str = "zh", **env: str) -> str:
    result = cli(
        "--plan", str(SHIPPED_PLAN), "--lang", lang, *args,
        env={**TODAY, "COLUMNS": str(width), **env},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 48, 60, 72, 80, 100, 120])
def test_every_target_keeps_its_status_at_every_width(cli: CliRun, lang: str, width: int) -> None:
    data = json.loads(shipped(cli, "status", "--demo", "--json", width=width, lang=lang))
    shown = shipped(cli, "status", "--demo", width=width, lang=lang)
    # One symbol per target row, and the six of the counts line (which may wrap) below.
    assert len(SYMBOLS.findall(shown)) == len(data["targets"]) + 6
    assert all(cell_len(line) <= width for line in shown.splitlines())


def test_section_headings_are_bold_and_set_apart(cli: CliRun) -> None:
    shown = shipped(cli, "status", "--demo", width=120, FORCE_COLOR="1")
    assert "\x1b[1;36m主要预期目标\x1b[0m" in shown
    plain = shipped(cli, "status", "--demo", width=120)
    lines = plain.splitlines()
    second = lines.index("产业发展")  # the second section of the shipped plan
    assert lines[second - 1] == ""
    first = lines.index("主要预期目标")
    assert lines[first - 1].startswith("─"), "the first heading follows the header rule"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120])
def test_targets_never_breaks_an_id(cli: CliRun, lang: str, width: int) -> None:
    ids = [
        target["id"]
        for target in json.loads(shipped(cli, "targets", "--json", width=width))["targets"]
    ]
    shown = shipped(cli, "targets", width=width, lang=lang)
    words = set(shown.split())
    assert [target for target in ids if target not in words] == []
    assert all(cell_len(line) <= width for line in shown.splitlines()), "nothing cut off"


def test_shows_sparklines_line_up_in_chinese(cli: CliRun, small_plan: object) -> None:
    for period, value in (("2023-03", "4"), ("2023-06", "12")):
        assert cli("record", "rural-roads", value, "-p", period, env=TODAY).exit_code == 0
    for lang in ("zh", "en"):
        lines = cli("--lang", lang, "show", "rural-roads", env=TODAY).stdout.splitlines()
        spark = [ln for ln in lines if re.search("[▁▂▃▄▅▆▇█]", ln) and not ln.startswith("│")]
        assert len(spark) == 2, lines
        starts = [cell_len(line[: re.search("[▁▂▃▄▅▆▇█]", line).start()]) for line in spark]  # type: ignore[union-attr]
        # The expected line starts at January; the actual one has its first figure in March.
        assert starts[0] == starts[1] + 2, (lang, spark)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_a_wrapped_cell_never_splits_a_number_from_its_unit(
    cli: CliRun, lang: str, width: int
) -> None:
    shown = shipped(cli, "status", "--demo", width=width, lang=lang)
    orphaned_unit = re.compile(r"\S[ ]{2,}(?:个?百分点|points)(?:[ ]|$)", re.MULTILINE)
    assert not orphaned_unit.search(shown), shown
    assert not re.search(r"\d[-.][ \t]*$", shown, re.MULTILINE), "a date or decimal cut at its end"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 60, 80])
def test_the_counts_line_never_parts_a_status_from_its_count(
    cli: CliRun, lang: str, width: int
) -> None:
    shown = shipped(cli, "status", "--demo", width=width, lang=lang)
    counts = shown.splitlines()[-3:]
    chunks = re.findall(r"[✔●▲✖✘○] [^✔●▲✖✘○\d]+ \d+", "\n".join(counts))
    assert len(chunks) == 6, counts
    assert all("\n" not in chunk for chunk in chunks)
