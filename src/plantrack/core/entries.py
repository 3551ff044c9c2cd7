"""Pure questions about a set of ledger entries: which is in force, which are orphans.

A figure for a target and month is in force until a later one for the same target and
month supersedes it. A withdrawal (an entry with `withdrawn`) takes back the figure in
force, so that the one before it, if any, is in force again; nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Literal

from plantrack.core.model import Entry
from plantrack.core.periods import Month

Key = tuple[str, Month]
# What became of each entry: in force, replaced by a later figure, taken back by a
# withdrawal, or a withdrawal itself.
Revision = Literal["current", "superseded", "withdrawn", "withdrawal"]


def _stacks(entries: Iterable[Entry]) -> dict[Key, list[Entry]]:
    """For each (target, month), the figures not withdrawn, oldest first."""
    stacks: dict[Key, list[Entry]] = {}
    for entry in entries:
        stack = stacks.setdefault((entry.target, entry.period), [])
        if entry.withdrawn:
            if stack:
                stack.pop()
        else:
            stack.append(entry)
    return stacks


def in_force_by_key(entries: Iterable[Entry]) -> dict[Key, Entry]:
    """The entry in force for each (target, period) that has one."""
    return {key: stack[-1] for key, stack in _stacks(entries).items() if stack}


def in_force_values(entries: Iterable[Entry]) -> dict[Month, float]:
    """The value in force for each month, for the entries of one target."""
    return {
        period: stack[-1].value
        for (_, period), stack in _stacks(entries).items()
        if stack and stack[-1].value is not None
    }


def entries_by_target(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by target id, each group in file order."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.target, []).append(entry)
    return grouped


def orphan_counts(entries: Sequence[Entry], target_ids: Collection[str]) -> dict[str, int]:
    """How many entries name each target id that is not in the plan."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.target not in target_ids:
            counts[entry.target] = counts.get(entry.target, 0) + 1
    return counts


def revisions(entries: Sequence[Entry]) -> list[Revision]:
    """For each entry, in order, what became of it (for `history`)."""
    states: list[Revision] = []
    stacks: dict[Key, list[int]] = {}
    for position, entry in enumerate(entries):
        stack = stacks.setdefault((entry.target, entry.period), [])
        if entry.withdrawn:
            states.append("withdrawal")
            if stack:
                states[stack.pop()] = "withdrawn"
                if stack:
                    states[stack[-1]] = "current"
            continue
        if stack:
            states[stack[-1]] = "superseded"
        stack.append(position)
        states.append("current")
    return states


def latest_notes(entries: Iterable[Entry]) -> Entry | None:
    """The figure in force for the latest period of one target's entries, when it carries the
    department's notes: notes of an earlier month would describe a state already past."""
    in_force = in_force_by_key(entries)
    if not in_force:
        return None
    latest = in_force[max(in_force, key=lambda key: key[1])]
    return latest if latest.has_notes else None
