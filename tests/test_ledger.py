"""The ledger file: parsing, appending without touching what is there, permissions, round trips."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.core.errors import LedgerError
from plantrack.core.model import Entry
from plantrack.core.periods import Month
from plantrack.store.ledger import HEADER, locked, parse_ledger, read_entries
from tests.conftest import english


def entry(target: str = "t01", month: int = 6, value: float = 1.0, **extra: str) -> Entry:
    return Entry(target, Month(2023, month), value, "2023-07-03T08:15:00Z", "wang", **extra)


def test_a_missing_ledger_has_no_entries(tmp_path: Path) -> None:
    assert read_entries(tmp_path / "actuals.toml") == ()


def test_appending_keeps_the_existing_bytes_and_adds_readable_tables(tmp_path: Path) -> None:
    ledger = tmp_path / "actuals.toml"
    with locked(ledger) as book:
        book.append([entry(value=75, source="统计局")])
    first = ledger.read_bytes()
    assert first.decode("utf-8").startswith(HEADER)
    with locked(ledger) as book:
        assert book.entries == (entry(value=75, source="统计局"),)
        book.append([entry(month=7, value=8.2, note='含"引号"\n和换行')])
    second = ledger.read_bytes()
    assert second.startswith(first)
    text = second.decode("utf-8")
    assert '[[entry]]\ntarget = "t01"\nperiod = "2023-06"\nvalue = 75\n' in text
    assert read_entries(ledger)[1].note == '含"引号"\n和换行'


def test_a_hand_edited_ledger_without_final_newline_still_appends(tmp_path: Path) -> None:
    ledger = tmp_path / "actuals.toml"
    ledger.write_text(
        '# mine\n[[entry]]\ntarget = "t01"\nperiod = "2023-05"\nvalue = 1\nrecorded_at = "x"\nby = "me"',
        encoding="utf-8",
    )
    with locked(ledger) as book:
        book.append([entry()])
    assert [e.period for e in read_entries(ledger)] == [Month(2023, 5), Month(2023, 6)]
    assert ledger.read_text(encoding="utf-8").startswith("# mine\n")


def test_an_inline_entry_array_is_rewritten_with_every_value_kept(tmp_path: Path) -> None:
    ledger = tmp_path / "actuals.toml"
    ledger.write_text(
        'entry = [{target = "t01", period = "2023-05", value = 1, recorded_at = "x", by = "me"}]\n',
        encoding="utf-8",
    )
    with locked(ledger) as book:
        book.append([entry()])
    assert [(e.period, e.value, e.by) for e in read_entries(ledger)] == [
        (Month(2023, 5), 1.0, "me"),
        (Month(2023, 6), 1.0, "wang"),
    ]


def test_the_ledger_keeps_its_permissions(tmp_path: Path) -> None:
    ledger = tmp_path / "actuals.toml"
    with locked(ledger) as book:
        book.append([entry()])
    os.chmod(ledger, 0o664)
    with locked(ledger) as book:
        book.append([entry(month=7)])
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o664


def test_temporary_files_left_by_a_killed_writer_are_removed(tmp_path: Path) -> None:
    ledger = tmp_path / "actuals.toml"
    leftover = tmp_path / ".actuals.toml.tmp-abc123"
    leftover.write_bytes(b"[[entry]]\ntarget =")
    with locked(ledger) as book:
        book.append([entry()])
    assert not leftover.exists()
    assert len(read_entries(ledger)) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[entry]]\ntarget = "t01"\n',
            "actuals.toml: entry #1 (line 1): field 'period' is missing",
        ),
        (
            '[[entry]]\ntarget = "t01"\nperiod = "2023-6"\nvalue = 1\nrecorded_at = "x"\nby = "me"\n',
            "actuals.toml: entry #1 (line 1): field 'period': '2023-6' is not a month in the form YYYY-MM (such as 2023-06)",
        ),
        (
            '[[entry]]\ntarget = "t01"\nperiod = "2023-06"\nvalue = "1"\nrecorded_at = "x"\nby = "me"\n',
            "actuals.toml: entry #1 (line 1): field 'value': '1' is not a finite number",
        ),
        (
            '[[entry]]\ntarget = "t01"\nperiod = "2023-06"\nvalue = nan\nrecorded_at = "x"\nby = "me"\n',
            "actuals.toml: entry #1 (line 1): field 'value': nan is not a finite number",
        ),
        (
            '[[entry]]\ntarget = "t01"\nperiod = "2023-06"\nvalue = 1\nrecorded_at = "x"\nby = "me"\nvlaue = 2\n',
            "actuals.toml: entry #1 (line 1): unknown field 'vlaue' (fields: target, unit, period, event, milestone, value, recorded_at, by, source, note, withdrawn, progress_note, problems, measures)",
        ),
        (
            "[meta]\nx = 1\n",
            "actuals.toml: unexpected 'meta'; the ledger holds only [[entry]] tables, remove it",
        ),
    ],
)
def test_a_ledger_that_breaks_the_format_is_refused(text: str, message: str) -> None:
    with pytest.raises(LedgerError) as raised:
        parse_ledger(text.encode("utf-8"), "actuals.toml")
    assert english(raised.value).startswith(message)


entries = st.builds(
    Entry,
    target=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    period=st.builds(Month, st.just(2023), st.integers(1, 12)),
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    recorded_at=st.just("2023-07-03T08:15:00Z"),
    by=st.text(min_size=1, max_size=10),
    source=st.none() | st.text(max_size=20),
    note=st.none() | st.text(max_size=40),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(entries, max_size=8), st.lists(entries, min_size=1, max_size=8))
def test_write_then_read_returns_the_same_entries(tmp_path_factory, first, second) -> None:
    ledger = tmp_path_factory.mktemp("ledger") / "actuals.toml"
    with locked(ledger) as book:
        book.append(first)
    with locked(ledger) as book:
        book.append(second)
    assert read_entries(ledger) == (*first, *second)
