"""The parse caches: never trusted when they do not match, rebuilt when stale or corrupt,
and the results are the same with and without them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plantrack.store import cache
from plantrack.store.ledger import read_entries
from plantrack.store.plan_file import load_plan
from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


@pytest.fixture
def recorded(cli: CliRun, small_plan: Path, tmp_path: Path) -> Path:
    for args in (("key-projects", "70", "-p", "2023-06"), ("rural-roads", "4", "-p", "2023-06")):
        assert cli("record", *args, env=TODAY).exit_code == 0
    return tmp_path


def status(cli: CliRun) -> dict:
    result = cli("status", "--json", env=TODAY)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def caches(folder: Path) -> list[Path]:
    return [folder / ".targets.toml.cache", folder / ".actuals.toml.cache"]


def test_the_caches_are_written_beside_the_files(cli: CliRun, recorded: Path) -> None:
    status(cli)
    assert all(path.is_file() for path in caches(recorded))


def test_results_are_identical_with_and_without_the_caches(cli: CliRun, recorded: Path) -> None:
    with_caches = status(cli)
    for path in caches(recorded):
        path.unlink()
    without = status(cli)
    assert with_caches == without
    assert all(path.is_file() for path in caches(recorded)), "rebuilt"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b'{"kind": "ledger"',
        b"[1, 2, 3]",
        b'{"kind": "ledger", "key": {}, "payload": []}',
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(cli: CliRun, recorded: Path, damage: bytes) -> None:
    expected = status(cli)
    for path in caches(recorded):
        path.write_bytes(damage)
    assert status(cli) == expected
    assert json.loads(caches(recorded)[1].read_text(encoding="utf-8"))["kind"] == "ledger"


def test_a_cache_with_a_matching_key_but_a_damaged_payload_is_rebuilt(
    cli: CliRun, recorded: Path
) -> None:
    expected = status(cli)
    for path in caches(recorded):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["payload"] = {"targets": "nonsense"} if data["kind"] == "plan" else [["x"]]
        path.write_text(json.dumps(data), encoding="utf-8")
    assert status(cli) == expected


def test_a_hand_edit_of_the_ledger_is_seen_even_with_the_same_size_and_time(
    cli: CliRun, recorded: Path
) -> None:
    status(cli)
    ledger = recorded / "actuals.toml"
    before = ledger.stat()
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("value = 70", "value = 71"), encoding="utf-8")
    os.utime(ledger, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (
        ledger.stat().st_size == before.st_size and ledger.stat().st_mtime_ns == before.st_mtime_ns
    )
    rows = {row["id"]: row for row in status(cli)["targets"]}
    assert rows["key-projects"]["actual"] == 71


def test_a_changed_plan_is_validated_again(cli: CliRun, recorded: Path) -> None:
    status(cli)
    plan = recorded / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 150", "target = 140"), encoding="utf-8"
    )
    rows = {row["id"]: row for row in status(cli)["targets"]}
    assert rows["key-projects"]["target"] == 140
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target = 140", 'target = "140"'), encoding="utf-8"
    )
    result = cli("status", env=TODAY)
    assert result.exit_code == 1, "a cache of the old plan must not hide a broken plan"
    assert "field 'target': must be a number" in result.stderr


def test_a_cache_of_another_plantrack_version_is_ignored(
    recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_path = recorded / "targets.toml"
    original = load_plan(plan_path)
    data = json.loads(caches(recorded)[0].read_text(encoding="utf-8"))
    data["payload"]["targets"][0]["name"] = "changed by an older version"
    data["key"]["plantrack"] = "0.0.1"
    caches(recorded)[0].write_text(json.dumps(data), encoding="utf-8")
    assert load_plan(plan_path) == original


def test_no_cache_can_be_written_and_nothing_breaks(cli: CliRun, recorded: Path) -> None:
    expected = status(cli)
    for path in caches(recorded):
        path.unlink()
        path.mkdir()  # a folder where the cache would go: it can be neither read nor written
    assert status(cli) == expected
    assert (
        cli("record", "key-projects", "75", "-p", "2023-06", "--replace", env=TODAY).exit_code == 0
    )
    assert read_entries(recorded / "actuals.toml")[-1].value == 75


def test_the_cache_after_a_write_matches_a_fresh_parse(cli: CliRun, recorded: Path) -> None:
    ledger = recorded / "actuals.toml"
    cached = read_entries(ledger)
    caches(recorded)[1].unlink()
    assert read_entries(ledger) == cached
    assert (
        cache.load(ledger, cache.fingerprint(ledger.read_bytes(), ledger.stat()), "ledger")
        is not None
    )
