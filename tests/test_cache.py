"""The parse caches: never trusted when they do not match, rebuilt when stale or corrupt,
and the results are the same with and without them."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from plantrack.store import cache
from plantrack.store.ledger import parse_ledger, read_entries
from plantrack.store.plan_file import load_plan
from tests.conftest import CliRun, ledger_cache_frames, write_ledger_cache

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


@pytest.fixture
def recorded(cli: CliRun, small_plan: Path, tmp_path: Path) -> Path:
    for args in (
        ("key-projects", "70", "-p", "2023-06", "--source", "年报"),
        ("rural-roads", "4", "-p", "2023-06"),
    ):
        assert cli("record", *args, env=TODAY).exit_code == 0
    return tmp_path


def status(cli: CliRun) -> dict:
    result = cli("status", "--json", env=TODAY)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def caches(folder: Path) -> list[Path]:
    return [
        cache.cache_path(folder / "targets.toml", "plan"),
        cache.cache_path(folder / "actuals.toml", "ledger"),
    ]


def test_the_caches_are_private_and_nothing_is_written_beside_the_data(
    cli: CliRun, recorded: Path
) -> None:
    status(cli)
    assert all(path.is_file() for path in caches(recorded))
    folder = caches(recorded)[0].parent
    assert folder != recorded and recorded not in folder.parents
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in caches(recorded)} == {0o600}
    assert sorted(path.name for path in recorded.iterdir()) == [
        "actuals.toml",
        "actuals.toml.lock",
        "targets.toml",
    ]


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
    assert ledger_cache_frames(caches(recorded)[1])[0][0] == "ledger"  # type: ignore[index]


def test_a_cache_with_a_matching_key_but_a_damaged_payload_is_rebuilt(
    cli: CliRun, recorded: Path
) -> None:
    expected = status(cli)
    plan_cache, ledger_cache = caches(recorded)
    data = json.loads(plan_cache.read_text(encoding="utf-8"))
    data["payload"] = {"targets": "nonsense"}
    plan_cache.write_text(json.dumps(data), encoding="utf-8")
    head, *_ = ledger_cache_frames(ledger_cache)
    write_ledger_cache(ledger_cache, [head, (["x"],)])
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


def test_a_cache_built_by_other_code_is_ignored(recorded: Path) -> None:
    """The version string stays the same while the code changes (a default tolerance, say):
    the cache's key holds a hash of the code itself."""
    plan_path = recorded / "targets.toml"
    original = load_plan(plan_path)
    data = json.loads(caches(recorded)[0].read_text(encoding="utf-8"))
    assert data["key"]["code"] == cache.code_hash()
    data["payload"]["targets"][0]["name"] = "changed by other code"
    data["key"]["code"] = "0" * 64
    caches(recorded)[0].write_text(json.dumps(data), encoding="utf-8")
    assert load_plan(plan_path) == original


def test_the_code_hash_changes_with_a_default_of_the_code(tmp_path: Path) -> None:
    package = tmp_path / "plantrack"
    shutil.copytree(Path(cache.__file__).parent.parent, package)
    assert cache.hash_of_code(package) == cache.code_hash()
    model = package / "core" / "model.py"
    text = model.read_text(encoding="utf-8")
    changed = re.sub(r"DEFAULT_TOLERANCE = [0-9.]+", "DEFAULT_TOLERANCE = 0.2", text)
    assert changed != text
    model.write_text(changed, encoding="utf-8")
    assert cache.hash_of_code(package) != cache.code_hash()


def test_a_forged_cache_in_a_folder_others_can_write_is_not_trusted(
    cli: CliRun, recorded: Path
) -> None:
    expected = status(cli)
    ledger_cache = caches(recorded)[1]
    frames = ledger_cache_frames(ledger_cache)
    frames[1][2][0] = 9999.0  # type: ignore[index]  # a forged figure with a matching key
    write_ledger_cache(ledger_cache, frames)
    ledger_cache.parent.chmod(0o777)
    assert status(cli) == expected
    assert stat.S_IMODE(ledger_cache.parent.stat().st_mode) == 0o700, "made private again"


def test_no_cache_is_used_or_written_with_plantrack_no_cache(
    cli: CliRun, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = status(cli)
    for path in caches(recorded):
        path.unlink()
    monkeypatch.setenv("PLANTRACK_NO_CACHE", "1")
    assert status(cli) == expected
    assert not any(path.exists() for path in caches(recorded))


def column_change(index: int, value: object) -> object:
    """A change to the first frame of entries: column `index` (store/cache.py) set to `value`."""

    def change(frame: tuple) -> object:
        columns = list(frame)
        columns[index] = value
        return tuple(columns)

    return change


def cell_change(index: int, value: object) -> object:
    """A change to the first frame of entries: the first cell of column `index` set to `value`."""

    def change(frame: tuple) -> object:
        columns = list(frame)
        columns[index] = [value, *columns[index][1:]]
        return tuple(columns)

    return change


# Columns: 0 target, 1 period (YYYYMM), 2 value, 3 recorded_at, 4 by, 5 withdrawn, 6 source,
# 7 note, 8-10 the three notes, 11 unit; 5 to 11 may be None (absent throughout).
CRAFTED_LEDGER_FRAMES = {
    "month 13": cell_change(1, 202313),
    "a negative period": cell_change(1, -202306),
    "NaN": cell_change(2, float("nan")),
    "infinity": cell_change(2, float("inf")),
    "a list for a number": cell_change(2, [70.0]),
    "beyond the bound": cell_change(2, 1e300),
    "an int for a float": cell_change(2, 70),
    "a bool for a number": cell_change(2, True),
    "no value, not withdrawn": cell_change(2, None),
    "a year as text": cell_change(1, "202306"),
    "withdrawn not a bool": column_change(5, [1, 0]),
    "withdrawn with a value": column_change(5, [True, False]),
    "a number for the source": column_change(6, [5, None]),
    "a number for a unit": column_change(11, [5, None]),
    "bytes for a target": cell_change(0, b"key-projects"),
    "a column too short": column_change(3, ["x"]),
    "a column too long": column_change(4, ["me", "me", "me"]),
    "a tuple for a column": column_change(0, ("key-projects", "rural-roads")),
    "a column missing": lambda frame: frame[:11],
    "a column more": lambda frame: (*frame, None),
    "a dict": lambda frame: {"rows": []},
    "text": lambda frame: "nonsense",
    "a code object": lambda frame: compile("1", "x", "eval"),
}


def written_whole(cli: CliRun, recorded: Path) -> dict:
    """The status, with the ledger's cache just written whole: one frame of both entries."""
    caches(recorded)[1].unlink()
    return status(cli)


@pytest.mark.parametrize("change", sorted(CRAFTED_LEDGER_FRAMES))
def test_a_crafted_ledger_payload_is_a_miss(cli: CliRun, recorded: Path, change: str) -> None:
    expected = written_whole(cli, recorded)
    ledger_cache = caches(recorded)[1]
    head, frame = ledger_cache_frames(ledger_cache)
    write_ledger_cache(ledger_cache, [head, CRAFTED_LEDGER_FRAMES[change](frame)])  # type: ignore[operator]
    assert ledger_cache_hit(recorded) is None
    assert status(cli) == expected
    assert ledger_cache_hit(recorded) is not None, "rebuilt"


def ledger_cache_hit(recorded: Path) -> object:
    ledger = recorded / "actuals.toml"
    return cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes()))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],  # a frame cut short
        lambda data: data + b"\x05\x00\x00\x00",  # a frame longer than the file
        lambda data: data[:-40] + bytes(40),  # zeros in a frame
        lambda data: b"P" + data[1:],  # not a cache of this format
        lambda data: data.replace(b"\xe5\xb9\xb4", b"\xe5\xb9\xff"),  # not UTF-8
        lambda data: data[:30] + b"\xff\xff\xff\x7f" + data[34:],  # a length of 2 GB
        lambda data: data + b"\x09\x00\x00\x00[\xff\xff\xff\x7f\x00\x00\x00\x00",  # a list of 2**31
    ],
    ids=["cut", "long", "zeros", "magic", "utf-8", "length", "list"],
)
def test_damaged_marshal_bytes_are_a_miss(cli: CliRun, recorded: Path, damage) -> None:
    expected = written_whole(cli, recorded)
    ledger_cache = caches(recorded)[1]
    assert ledger_cache_hit(recorded) is not None
    data = ledger_cache.read_bytes()
    damaged = damage(data)
    assert damaged != data
    ledger_cache.write_bytes(damaged)
    assert ledger_cache_hit(recorded) is None
    assert status(cli) == expected


def test_every_crafted_frame_is_judged_without_an_exception(cli: CliRun, recorded: Path) -> None:
    """The loader's own checks, not the catch-all around marshal, refuse each crafted frame."""
    written_whole(cli, recorded)
    ledger_cache = caches(recorded)[1]
    _, frame = ledger_cache_frames(ledger_cache)
    for name, change in CRAFTED_LEDGER_FRAMES.items():
        assert cache._checked_chunk(change(frame), {}) is None, name  # type: ignore[operator]


def test_a_withdrawal_and_the_notes_survive_the_cache(cli: CliRun, recorded: Path) -> None:
    done = cli("record", "rural-roads", "-p", "2023-06", "--withdraw", "--note", "误报", env=TODAY)
    assert done.exit_code == 0, done.stderr
    ledger = recorded / "actuals.toml"
    parsed = parse_ledger(ledger.read_bytes(), ledger)
    assert parsed[-1].withdrawn and parsed[-1].value is None
    assert read_entries(ledger) == parsed
    assert cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes())) is not None


def test_a_write_extends_the_cache_of_the_bytes_it_read(
    cli: CliRun, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "FRAME_ROWS", 2)  # the ledger counts as large
    ledger = recorded / "actuals.toml"
    written_whole(cli, recorded)
    before = ledger_cache_frames(caches(recorded)[1])
    later = {"PLANTRACK_TODAY": "2023-08-15"}
    assert cli("record", "key-projects", "80", "-p", "2023-07", env=later).exit_code == 0
    after = ledger_cache_frames(caches(recorded)[1])
    assert after[1:-1] == before[1:], "the earlier frames are copied"
    assert after[-1][0] == ["key-projects"]  # type: ignore[index]
    assert read_entries(ledger) == parse_ledger(ledger.read_bytes(), ledger)


def test_a_cache_extended_many_times_is_written_whole_again(
    cli: CliRun, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MOST_FRAMES", 3)
    monkeypatch.setattr(cache, "FRAME_ROWS", 2)
    written_whole(cli, recorded)
    for month in (7, 8, 9):
        assert cli("record", "key-projects", str(70 + month), "-p", f"2023-{month:02d}",
                   env={"PLANTRACK_TODAY": "2023-10-15"}).exit_code == 0  # fmt: skip
    frames = ledger_cache_frames(caches(recorded)[1])
    assert [len(frame[0]) for frame in frames[1:]] == [2, 2, 1], "written whole, in frames of 2"  # type: ignore[index]
    ledger = recorded / "actuals.toml"
    assert read_entries(ledger) == parse_ledger(ledger.read_bytes(), ledger)


def deep(levels: int) -> object:
    value: object = []
    for _ in range(levels):
        value = [value]
    return value


CRAFTED_PLAN_CHANGES = {
    "month 13 in a due": ("targets", 0, "due", "2023-13"),
    "NaN tolerance": ("targets", 0, "tolerance", float("nan")),
    "a list for a number": ("targets", 0, "target", [150]),
    "a schedule of three": ("targets", 0, "schedule", [0.1, 0.5, 1.0]),
    "an unknown kind": ("targets", 0, "kind", "wish"),
    "an id with spaces": ("targets", 0, "id", "key projects"),
    "an unknown field": ("targets", 0, "colour", "red"),
    "a year 0": ("info", None, "year", 0),
    "a due day 40": ("calendar", None, "monthly_due_day", 40),
    "a section missing": ("targets", 0, "section", "nowhere"),
}


@pytest.mark.parametrize("change", sorted(CRAFTED_PLAN_CHANGES))
def test_a_crafted_plan_payload_is_a_miss(cli: CliRun, recorded: Path, change: str) -> None:
    expected = status(cli)
    plan_cache = caches(recorded)[0]
    data = json.loads(plan_cache.read_text(encoding="utf-8"))
    table, index, field, value = CRAFTED_PLAN_CHANGES[change]
    where = data["payload"][table] if index is None else data["payload"][table][index]
    where[field] = value
    plan_cache.write_text(json.dumps(data), encoding="utf-8")
    assert status(cli) == expected


def test_a_deeply_nested_cache_is_a_miss(cli: CliRun, recorded: Path) -> None:
    expected = status(cli)
    for path in caches(recorded):
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert status(cli) == expected


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
    assert cache.load_ledger(ledger, cache.fingerprint(ledger, ledger.read_bytes())) is not None


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-cache", "relative/ignored"])
def test_the_cache_folder_is_the_one_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    import platformdirs

    monkeypatch.delenv("PLANTRACK_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache.cache_folder() == Path(platformdirs.user_cache_dir("plantrack", appauthor=False))


def test_the_cache_of_a_small_ledger_is_written_whole_as_one_frame(
    cli: CliRun, recorded: Path
) -> None:
    ledger = recorded / "actuals.toml"
    later = {"PLANTRACK_TODAY": "2023-08-15"}
    assert cli("record", "key-projects", "80", "-p", "2023-07", env=later).exit_code == 0
    frames = ledger_cache_frames(caches(recorded)[1])
    assert len(frames) == 2 and frames[1][0] == ["key-projects", "rural-roads", "key-projects"]  # type: ignore[index]
    assert read_entries(ledger) == parse_ledger(ledger.read_bytes(), ledger)


def test_entries_made_slot_by_slot_are_those_the_constructor_makes(
    cli: CliRun, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = {"PLANTRACK_TODAY": "2023-08-15"}
    for args in (
        ("rural-roads", "-p", "2023-06", "--withdraw"),
        ("key-projects", "80", "-p", "2023-07", "--progress", "进展", "--note", "n"),
    ):
        assert cli("record", *args, env=later).exit_code == 0
    ledger = recorded / "actuals.toml"
    columns = cache.LedgerColumns.of_entries(parse_ledger(ledger.read_bytes(), ledger))
    assert cache._SLOTS is not None
    quick = columns.entries()
    monkeypatch.setattr(cache, "_SLOTS", None)
    made = columns.entries()
    assert quick == made == list(parse_ledger(ledger.read_bytes(), ledger))
    assert [hash(entry) for entry in quick] == [hash(entry) for entry in made]
