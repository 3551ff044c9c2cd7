"""Random bytes, random TOML and random CSV in every file plantrack reads: the answer is always
exit 0 or 1, and on 1 every line of stderr is a whole message naming the file, no traceback,
and the ledger exactly as it was (issue #11, 'Also')."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plantrack.cli import app
from tests.conftest import SMALL_PLAN, dedent

TODAY = {"PLANTRACK_TODAY": "2023-07-15", "LANG": "C.UTF-8", "COLUMNS": "120"}
LEDGER = (
    '[[entry]]\ntarget = "key-projects"\nperiod = "2023-05"\nvalue = 60\n'
    'recorded_at = "2023-06-10T01:00:00Z"\nby = "wang"\n'
)
SETTINGS = (
    '[smtp]\nhost = "127.0.0.1"\nport = 9\nsender = "fgj@example.gov.cn"\nsecurity = "none"\n'
)

# Field names plantrack knows, so that random documents reach validation, not only "unknown".
NAMES = st.sampled_from(
    [
        "plan", "title", "year", "section", "target", "id", "name", "kind", "unit", "owner",
        "schedule", "due", "frequency", "qualifier", "entry", "period", "value", "recorded_at",
        "by", "note", "withdrawn", "smtp", "host", "port", "sender", "security", "email",
        "subject", "to", "owners", "calendar", "rules", "defaults", "follows", "tolerance",
    ]
)  # fmt: skip
KEYS = st.one_of(NAMES, st.text(min_size=1, max_size=12))
SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["2023-06", "2023-13", "key-projects", "growth", "total", "tls", "", "6%"]),
    st.dates(min_value=datetime.date(1900, 1, 1)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=5)
# Documents shaped like the real files, fields drawn at random.
TABLES = st.dictionaries(NAMES, VALUES, max_size=8)
SHAPED = st.one_of(
    st.fixed_dictionaries(
        {
            "plan": TABLES,
            "section": st.lists(TABLES, max_size=3),
            "target": st.lists(TABLES, max_size=3),
        }
    ),
    st.fixed_dictionaries({"entry": st.lists(TABLES, min_size=1, max_size=4)}),
    st.fixed_dictionaries({"smtp": TABLES, "email": TABLES}),
)


def toml_text(document: dict[str, object]) -> bytes:
    try:
        return tomli_w.dumps(document).encode("utf-8")
    except (TypeError, ValueError):  # a value TOML cannot hold (NaN is fine; None is not)
        return b'title = "x"\n'


CONTENTS = st.one_of(
    st.binary(max_size=400),
    DOCUMENTS.map(toml_text),
    SHAPED.map(toml_text),
    st.text(max_size=400).map(lambda text: text.encode("utf-8")),
)
CELLS = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        ["key-projects", "2023-06", "2023/6/1", "75", "1e308", "", '"', "指标", "期间"]
    ),
)
CSV_TEXT = st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=0, max_size=6).map(
    lambda rows: "\n".join(",".join(row) for row in rows)
)
CSV_CONTENTS = st.one_of(
    st.binary(max_size=300),
    CSV_TEXT.map(lambda text: text.encode("utf-8")),
    CSV_TEXT.map(lambda text: ("target,period,value\n" + text).encode("utf-8")),
)

FUZZ = settings(
    max_examples=int(os.environ.get("PLANTRACK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The test's folder (the current one): each example starts it afresh."""
    return tmp_path


def prepare(folder: Path) -> None:
    """A fresh folder with the small plan, a ledger of one figure and mail settings."""
    for path in folder.iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    (folder / "targets.toml").write_text(dedent(SMALL_PLAN), encoding="utf-8")
    (folder / "actuals.toml").write_text(LEDGER, encoding="utf-8")
    (folder / "plantrack.toml").write_text(SETTINGS, encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=TODAY, catch_exceptions=False)
    return result.exit_code, result.stderr


def check_refusal(code: int, stderr: str, file_name: str) -> None:
    assert code in (0, 1), (code, stderr)
    assert "Traceback" not in stderr
    if code == 1:
        lines = stderr.splitlines()
        assert lines, "a refusal says why"
        for line in lines:
            assert file_name in line, line


COMMANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "targets.toml": (("validate",), ("status", "--json"), ("record", "key-projects", "70", "-p", "2023-06")),
    "actuals.toml": (("status",), ("record", "key-projects", "70", "-p", "2023-06"), ("export",)),
    "plantrack.toml": (("email", "--dry-run", "--to", "a@example.gov.cn"),),
}  # fmt: skip


def fuzz_file(folder: Path, file_name: str, content: bytes) -> None:
    prepare(folder)
    (folder / file_name).write_bytes(content)
    ledger_before = (folder / "actuals.toml").read_bytes()
    for command in COMMANDS[file_name]:
        code, stderr = run(*command)
        check_refusal(code, stderr, file_name)
        if code == 1:
            assert (folder / "actuals.toml").read_bytes() == ledger_before, command


@FUZZ
@given(content=CONTENTS)
def test_random_plans_are_refused_line_by_line(folder: Path, content: bytes) -> None:
    fuzz_file(folder, "targets.toml", content)


@FUZZ
@given(content=CONTENTS)
def test_random_ledgers_are_refused_and_left_alone(folder: Path, content: bytes) -> None:
    fuzz_file(folder, "actuals.toml", content)


@FUZZ
@given(content=CONTENTS)
def test_random_mail_settings_are_refused_line_by_line(folder: Path, content: bytes) -> None:
    fuzz_file(folder, "plantrack.toml", content)


@FUZZ
@given(content=CSV_CONTENTS)
def test_random_imports_record_all_or_nothing(folder: Path, content: bytes) -> None:
    prepare(folder)
    (folder / "june.csv").write_bytes(content)
    before = (folder / "actuals.toml").read_bytes()
    code, stderr = run("import", "june.csv", "--force")
    check_refusal(code, stderr, "june.csv")
    if code == 1:
        assert (folder / "actuals.toml").read_bytes() == before


def test_a_plan_with_two_problems_gives_two_lines(folder: Path) -> None:
    prepare(folder)
    text = (
        dedent(SMALL_PLAN)
        .replace('kind = "total"', 'kind = "totl"', 1)
        .replace("year = 2023", "year = 20233", 1)
    )
    (folder / "targets.toml").write_text(text, encoding="utf-8")
    code, stderr = run("validate")
    assert code == 1
    lines = stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("targets.toml") for line in lines)
