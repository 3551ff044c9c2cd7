"""Which figure is in force: the quick paths of core/entries.py give what the rule says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.core.entries import (
    TargetEntries,
    entries_by_target,
    in_force_by_key,
    in_force_values,
)
from plantrack.core.model import Entry
from plantrack.core.periods import Month


def reference(entries: list[Entry], unit: str | None) -> dict[Month, float]:
    """The rule as written: a later figure supersedes, a withdrawal takes back the figure in
    force (the one before it is in force again)."""
    stacks: dict[tuple[str, str | None, Month], list[Entry]] = {}
    for entry in entries:
        stack = stacks.setdefault((entry.target, entry.unit, entry.period), [])
        if entry.withdrawn:
            if stack:
                stack.pop()
        else:
            stack.append(entry)
    return {
        period: stack[-1].amount
        for (_, of_unit, period), stack in stacks.items()
        if of_unit == unit and stack
    }


def made(target: str, unit: str | None, month: int, value: int, withdrawn: bool) -> Entry:
    figure = None if withdrawn else float(value)
    return Entry(target, Month(2023, month), figure, "t", "me", withdrawn=withdrawn, unit=unit)


entry_strategy = st.builds(
    made,
    st.sampled_from(["a", "b"]),
    st.sampled_from([None, "east", "west"]),
    st.integers(1, 4),
    st.integers(0, 9),
    st.booleans(),
)


@settings(max_examples=300)
@given(st.lists(entry_strategy, max_size=30))
def test_the_values_in_force_follow_the_rule(entries: list[Entry]) -> None:
    grouped = entries_by_target(entries)
    for target, group in grouped.items():
        assert isinstance(group, TargetEntries)
        mine = [entry for entry in entries if entry.target == target]
        assert group == mine
        for unit in (None, "east", "west", "north"):
            expected = reference(mine, unit)
            assert in_force_values(group, unit) == expected
            assert list(in_force_values(group, unit)) == list(expected), "in the same order"
            assert in_force_values(mine, unit) == expected
            assert in_force_values(iter(mine), unit) == expected


def test_the_values_of_a_group_follow_what_is_added_to_it() -> None:
    group = TargetEntries([Entry("a", Month(2023, 6), 5.0, "t", "me", unit="east")])
    assert in_force_values(group, "east") == {Month(2023, 6): 5.0}
    group.append(Entry("a", Month(2023, 6), None, "t", "me", withdrawn=True, unit="east"))
    assert in_force_values(group, "east") == {}
    in_force_values(group, "east")[Month(2023, 7)] = 1.0  # the caller's copy
    assert in_force_values(group, "east") == {}


def test_in_force_by_key_is_unchanged() -> None:
    first = Entry("a", Month(2023, 6), 5.0, "t", "me")
    second = Entry("a", Month(2023, 6), 6.0, "t", "me")
    assert in_force_by_key(TargetEntries([first, second])) == {("a", None, Month(2023, 6)): second}
