"""Whole outputs, kept as golden files: status, show, sections and the text, Markdown and
HTML reports, in Chinese and English, at 80 and 140 columns, over a fixed ledger.

When an output changes on purpose, rewrite the files with `pytest --update-golden` and
read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SHIPPED_PLAN, CliRun, dedent

GOLDEN = Path(__file__).parent / "golden"
TODAY = {"PLANTRACK_TODAY": "2023-07-20"}

# Figures for the small plan of conftest.py by June, with fixed recording times: every
# status, an overdue report, a revision, a note, and an entry for a target no longer planned.
LEDGER = """
    [[entry]]
    target = "key-projects"
    period = "2023-05"
    value = 58
    recorded_at = "2023-06-12T02:10:00Z"
    by = "王芳"

    [[entry]]
    target = "key-projects"
    period = "2023-06"
    value = 70
    recorded_at = "2023-07-10T02:10:00Z"
    by = "王芳"
    source = "发改局月报"

    [[entry]]
    target = "key-projects"
    period = "2023-06"
    value = 72
    recorded_at = "2023-07-12T08:30:00Z"
    by = "王芳"
    note = "补报2个新开工项目"

    [[entry]]
    target = "rural-roads"
    period = "2023-05"
    value = 4
    recorded_at = "2023-06-14T01:00:00Z"
    by = "李强"

    [[entry]]
    target = "rural-roads"
    period = "2023-06"
    value = 5
    recorded_at = "2023-07-14T01:00:00Z"
    by = "李强"

    [[entry]]
    target = "gdp-growth"
    period = "2023-06"
    value = 4.8
    recorded_at = "2023-07-18T01:00:00Z"
    by = "统计局"

    [[entry]]
    target = "energy-intensity"
    period = "2023-06"
    value = -2.6
    recorded_at = "2023-07-15T01:00:00Z"
    by = "统计局"

    [[entry]]
    target = "city-parlour"
    period = "2023-03"
    value = 40
    recorded_at = "2023-04-10T01:00:00Z"
    by = "住建局"

    [[entry]]
    target = "retired-target"
    period = "2023-06"
    value = 1
    recorded_at = "2023-07-01T01:00:00Z"
    by = "王芳"
"""

COMMANDS = {
    "status": ("status",),
    "show": ("show", "key-projects"),
    "sections": ("sections",),
    "report-text": ("report", "--format", "text"),
    "report-markdown": ("report", "--format", "markdown"),
    "report-html": ("report", "--format", "html"),
}
# HTML does not depend on the terminal's width: one file per language.
CASES = [
    (name, lang, width)
    for name in COMMANDS
    for lang in ("zh", "en")
    for width in ((80,) if name == "report-html" else (80, 140))
]


@pytest.fixture
def fixed_ledger(small_plan: Path, tmp_path: Path) -> Path:
    path = tmp_path / "actuals.toml"
    path.write_text(dedent(LEDGER), encoding="utf-8")
    return path


def check(request: pytest.FixtureRequest, name: str, output: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(output, encoding="utf-8")
        return
    assert golden.exists(), f"{golden} is missing; run pytest --update-golden"
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.usefixtures("fixed_ledger")
@pytest.mark.parametrize(("name", "lang", "width"), CASES)
def test_whole_output(
    request: pytest.FixtureRequest, cli: CliRun, name: str, lang: str, width: int
) -> None:
    result = cli("--lang", lang, *COMMANDS[name], env={**TODAY, "COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    check(request, f"{name}.{lang}.{width}", result.stdout + _stderr_section(result.stderr))


@pytest.mark.parametrize(("lang", "width"), [("zh", 80), ("zh", 140), ("en", 80), ("en", 140)])
def test_the_shipped_plan_in_demo(
    request: pytest.FixtureRequest, cli: CliRun, tmp_path: Path, lang: str, width: int
) -> None:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    result = cli("--lang", lang, "status", "--demo", env={**TODAY, "COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    check(request, f"demo.{lang}.{width}", result.stdout)


# The example office (the shipped plan with units and a split to towns) on demo figures: the
# ranking of its towns and one town's own targets.
OFFICE_COMMANDS = {
    "office-rank": ("rank", "urban-jobs", "--demo"),
    "office-unit": ("status", "--demo", "--unit", "chengdong"),
    "office-by-unit": ("sections", "--by", "unit", "--demo"),
}


@pytest.mark.parametrize(
    ("name", "lang"), [(name, lang) for name in OFFICE_COMMANDS for lang in ("zh", "en")]
)
def test_the_example_office_in_demo(
    request: pytest.FixtureRequest, cli: CliRun, name: str, lang: str
) -> None:
    office = Path(__file__).parents[1] / "examples" / "office" / "targets.toml"
    args = ("--plan", str(office), "--lang", lang, *OFFICE_COMMANDS[name])
    result = cli(*args, env={**TODAY, "COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    check(request, f"{name}.{lang}.100", result.stdout)


def _stderr_section(stderr: str) -> str:
    return f"--- stderr ---\n{stderr}" if stderr else ""
