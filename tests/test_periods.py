"""Parsing periods: months, quarters and half years, as clerks type them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.core.errors import InvalidPeriod
from plantrack.core.periods import (
    Month,
    parse_date,
    parse_ledger_month,
    parse_period,
    previous_month,
)
from tests.conftest import english

years = st.integers(min_value=1900, max_value=2999)
months = st.integers(min_value=1, max_value=12)


@given(years, months)
def test_a_month_reads_back_as_itself(year: int, month: int) -> None:
    period = Month(year, month)
    assert parse_period(str(period)) == period
    assert parse_ledger_month(str(period)) == period
    assert parse_period(f"{year}-{month}") == period
    assert parse_period(f"{year}年{month}月") == period


@given(years, st.integers(min_value=1, max_value=4), st.sampled_from(["Q", "q"]))
def test_a_quarter_means_its_last_month(year: int, quarter: int, letter: str) -> None:
    assert parse_period(f"{year}-{letter}{quarter}") == Month(year, quarter * 3)


@given(years, st.integers(min_value=1, max_value=2))
def test_a_half_year_means_its_last_month(year: int, half: int) -> None:
    assert parse_period(f"{year}-H{half}") == Month(year, half * 6)


def test_full_width_digits_from_a_chinese_input_method() -> None:
    assert parse_period("２０２３－０６") == Month(2023, 6)
    assert parse_period("２０２３－Ｑ２") == Month(2023, 6)


@pytest.mark.parametrize(
    "text", ["2023-13", "2023-00", "2023-Q5", "2023-H3", "23-06", "June", "", "2023-06-01"]
)
def test_malformed_periods_are_refused_with_the_forms_to_use(text: str) -> None:
    with pytest.raises(InvalidPeriod) as raised:
        parse_period(text)
    assert english(raised.value) == (
        f"'{text}' is not a period; write 2023-06 (a month), 2023-Q2 (a quarter: its last month) "
        "or 2023-H1 (a half year)"
    )


@given(st.text(max_size=12))
def test_any_text_either_parses_to_a_real_month_or_is_refused(text: str) -> None:
    try:
        period = parse_period(text)
    except InvalidPeriod:
        return
    assert 1 <= period.month <= 12


def test_the_ledger_form_is_strict() -> None:
    with pytest.raises(InvalidPeriod):
        parse_ledger_month("2023-6")


@given(years, months, st.integers(min_value=-40, max_value=40))
def test_month_arithmetic(year: int, month: int, shift: int) -> None:
    start = Month(year, month)
    assert start.plus(shift).serial - start.serial == shift
    assert start.plus(shift).plus(-shift) == start


def test_quarter_end_and_previous_month() -> None:
    assert Month(2023, 5).quarter_end() == Month(2023, 6)
    assert Month(2023, 12).quarter_end() == Month(2023, 12)
    assert previous_month(date(2023, 1, 15)) == Month(2022, 12)


def test_dates() -> None:
    assert parse_date("2023-07-03") == date(2023, 7, 3)
    with pytest.raises(InvalidPeriod):
        parse_date("2023-02-30")
