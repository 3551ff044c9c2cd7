"""Pure questions about a set of ledger entries: which is in force, which are orphans."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from plantrack.core.model import Entry
from plantrack.core.periods import Month


def latest_by_key(entries: Iterable[Entry]) -> dict[tuple[str, Month], Entry]:
    """The entry in force for each (target, period): the last one in the file wins."""
    latest: dict[tuple[str, Month], Entry] = {}
    for entry in entries:
        latest[(entry.target, entry.period)] = entry
    return latest


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


def superseded_flags(entries: Sequence[Entry]) -> list[bool]:
    """For each entry, whether a later entry for the same target and period replaced it."""
    in_force = {id(entry) for entry in latest_by_key(entries).values()}
    return [id(entry) not in in_force for entry in entries]
