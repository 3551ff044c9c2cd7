"""The ledger under concurrent writers and writers killed at random moments (real processes)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from plantrack.core.model import Entry
from plantrack.core.periods import Month
from plantrack.store.ledger import locked, read_entries
from tests.conftest import PLANTRACK_VARIABLES, numbered_plan, plantrack_command


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PLANTRACK_VARIABLES}
    env.update(
        {
            "LANG": "C.UTF-8",
            "PLANTRACK_TODAY": "2024-01-20",
            "PLANTRACK_PLAN": str(tmp_path / "targets.toml"),
        }
    )
    return env


def start_writer(
    tmp_path: Path, target: str, period: str, value: int, *extra: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *plantrack_command(),
            "record",
            target,
            str(value),
            "--period",
            period,
            "--by",
            "w",
            *extra,
        ],
        cwd=tmp_path,
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_twenty_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(numbered_plan(20), encoding="utf-8")
    writers = [start_writer(tmp_path, f"t{n:02d}", "2023-06", n) for n in range(1, 21)]
    failures = [w.stderr.read().decode() for w in writers if w.wait(timeout=120) != 0]  # type: ignore[union-attr]
    assert failures == []
    recorded = {(e.target, e.value) for e in read_entries(tmp_path / "actuals.toml")}
    assert recorded == {(f"t{n:02d}", float(n)) for n in range(1, 21)}


def test_twenty_writers_of_the_same_figure_record_it_once(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(numbered_plan(1), encoding="utf-8")
    writers = [start_writer(tmp_path, "t01", "2023-06", 5) for _ in range(20)]
    codes = sorted(w.wait(timeout=120) for w in writers)
    assert codes == [0] + [1] * 19  # the lock makes the duplicate check see every earlier write
    assert len(read_entries(tmp_path / "actuals.toml")) == 1


def prefill(ledger: Path, count: int) -> list[Entry]:
    """A ledger large enough that writers spend real time reading and writing it."""
    entries = [
        Entry(
            f"t{n % 40 + 1:02d}", Month(2023, n % 12 + 1), float(n), "2023-07-03T08:15:00Z", "seed"
        )
        for n in range(count)
    ]
    with locked(ledger) as book:
        book.append(entries)
    return entries


@pytest.mark.parametrize("seed", [1, 2])
def test_writers_killed_at_random_moments_never_corrupt_the_ledger(
    tmp_path: Path, seed: int
) -> None:
    """Rounds of four writers, each killed at its own random moment, until at least five
    were killed mid-way and five finished; after every round the ledger must parse, keep
    every earlier entry as it was, and hold only whole entries that were asked for."""
    (tmp_path / "targets.toml").write_text(numbered_plan(40), encoding="utf-8")
    ledger = tmp_path / "actuals.toml"
    seeded = prefill(ledger, 3000)
    # Kill moments span what four writers in a row take on this machine, however slow it is.
    begun = time.monotonic()
    assert start_writer(tmp_path, "t01", "2023-01", 99_999, "--replace", "--force").wait(60) == 0
    requested: set[tuple[str, Month, float]] = {("t01", Month(2023, 1), 99_999.0)}
    latest_kill = max(0.7, 3 * (time.monotonic() - begun))
    chooser = random.Random(seed)
    killed = finished = 0
    for round_number in range(60):
        writers = []
        for slot in range(4):
            target, month = f"t{chooser.randint(1, 40):02d}", chooser.randint(1, 12)
            value = 100_000 + round_number * 10 + slot
            requested.add((target, Month(2023, month), float(value)))
            writers.append(
                start_writer(tmp_path, target, f"2023-{month:02d}", value, "--replace", "--force")
            )
        started = time.monotonic()
        for writer, moment in sorted(
            ((w, chooser.uniform(0.02, latest_kill)) for w in writers), key=lambda pair: pair[1]
        ):
            time.sleep(max(0.0, started + moment - time.monotonic()))
            if writer.poll() is None:
                writer.send_signal(signal.SIGKILL)
                # Reaped at once, as a shell would: until then the dead writer's process id
                # still exists, and a lock file of filelock's own (no flock) is not yet stale.
                writer.wait(timeout=60)
                killed += 1
            elif writer.returncode == 0:
                finished += 1
        for writer in writers:
            writer.wait(timeout=60)
        entries = read_entries(ledger)  # raises if the ledger no longer parses
        assert list(entries[: len(seeded)]) == seeded, "earlier entries must stay as they were"
        for entry in entries[len(seeded) :]:
            assert (entry.target, entry.period, entry.value) in requested
            assert entry.by == "w"
        if killed >= 5 and finished >= 5:
            break
    assert killed >= 5 and finished >= 5, (killed, finished)
