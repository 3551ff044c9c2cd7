"""Parsing figures: thousands separators, percentages, full-width digits, milestone words."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.core.errors import InvalidValue
from plantrack.core.values import format_number, parse_value
from tests.conftest import english

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(finite)
def test_a_number_written_by_python_reads_back(value: float) -> None:
    assert parse_value(repr(value), unit="个") == value


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators(value: int) -> None:
    assert parse_value(f"{value:,}", unit="人") == value


@given(
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
)
def test_full_width_digits_and_percent(value) -> None:
    full_width = str(value).translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
    assert parse_value(full_width + "％", unit="%") == float(value)


def test_forms_clerks_type() -> None:
    assert parse_value("1,500", unit="人") == 1500
    assert parse_value("-1.8", unit="%") == -1.8
    assert parse_value("−1.8", unit="%") == -1.8  # the minus sign of a Word document
    assert parse_value("5.2%", unit="%") == 5.2
    assert parse_value(" 26公里 ", unit="公里") == 26
    assert parse_value("done", unit="%", milestone=True) == 100
    assert parse_value("not-started", unit="%", milestone=True) == 0
    assert parse_value("已完成", unit="%", milestone=True) == 100


def test_a_percentage_for_a_target_not_in_percent() -> None:
    with pytest.raises(InvalidValue) as raised:
        parse_value("5%", unit="个")
    assert (
        english(raised.value)
        == "'5%' is a percentage but this target is counted in 个; give the figure in 个 without '%'"
    )


@pytest.mark.parametrize(
    "text", ["nan", "inf", "-infinity", "1_000", "12,34", "", "abc", "1.2.3", "0x10"]
)
def test_what_is_not_a_finite_number_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        parse_value(text, unit="个")
    assert (
        english(raised.value)
        == f"'{text}' is not a number; write digits such as 1500, 1,500, 8.2 or -1.8"
    )


def test_huge_numbers_are_refused() -> None:
    with pytest.raises(InvalidValue):
        parse_value("1e999", unit="个")


def test_done_is_only_for_milestones() -> None:
    with pytest.raises(InvalidValue):
        parse_value("done", unit="个")


@given(st.text(max_size=20))
def test_any_text_is_either_a_finite_number_or_refused(text: str) -> None:
    try:
        value = parse_value(text, unit="%", milestone=True)
    except InvalidValue:
        return
    assert math.isfinite(value)


@pytest.mark.parametrize(
    ("value", "shown"), [(150.0, "150"), (8.200000000000001, "8.2"), (2.1, "2.1"), (-3.0, "-3")]
)
def test_format_number(value: float, shown: str) -> None:
    assert format_number(value) == shown
