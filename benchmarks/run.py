"""Time the installed plantrack as whole processes on a small and a large workload.

    python benchmarks/run.py             # 7 timed runs of each command after a warm-up
    python benchmarks/run.py --runs 11   # more runs for a steadier median
    python benchmarks/run.py --no-write  # print the table, leave docs/performance.md alone
    python benchmarks/run.py --typer 0.29.2
        # the start-up budgets with another typer, in a throw-away virtual environment:
        # whether the pin in pyproject.toml may be raised
    python benchmarks/run.py --million
        # peak memory and time of importing 1,000,000 rows; rewrites only the section
        # "Importing a million rows" of docs/performance.md
    python benchmarks/run.py --only city --no-write
        # one workload (small, large or city), to look at it alone

Plain Python, no extra dependencies. It generates the workloads in a temporary folder:

- small: the shipped targets.toml with a full year of figures for every target;
- large: a generated plan of 5,000 targets in 10 sections with 60,000 ledger entries
  (12 monthly figures each), written through `plantrack import`;
- city: a generated plan of 100 targets, each split to the same 200 units (towns), with a
  figure of every unit for every target and month: 240,000 entries in a ledger folder of 200
  unit files (docs/collaboration.md), written through 12 imports of 20,000 rows.

Each command is run once to warm up and then --runs times; the table gives the median and
the spread (fastest to slowest) of the wall time, and the largest peak resident memory the
operating system reported for the process (wait4's ru_maxrss). Budgets are checked against
the median, and the start-up budgets as ratios to the floor measured in the same run
(`python -c "import typer, rich.console, rich.table, pydantic"`), so that they hold on a
busy, shared machine; the floor is measured before and after the small workload, and the
faster of the two is used, so that a busy moment never flatters a ratio. The table is printed and written to docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHIPPED_PLAN = REPO / "targets.toml"
REPORT = REPO / "docs" / "performance.md"
TODAY = "2024-01-15"  # the whole of 2023 lies in the past, so every month may be recorded
LARGE_TARGETS = 5_000
LARGE_SECTIONS = 10
CITY_TARGETS = 100
CITY_UNITS = 200
WORKLOADS = ("small", "large", "city", "projects")
PROJECTS = 2000  # the projects workload: a register of 2,000 key projects, 12 months of figures
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, pydantic"]


@dataclass
class Timing:
    workload: str
    name: str
    seconds: list[float]
    peak_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> str:
        return f"{min(self.seconds):.3f}–{max(self.seconds):.3f}"


@dataclass
class Workload:
    name: str
    folder: Path
    target_id: str  # for show and record
    record_value: str  # a July figure for it that the plausibility rules accept
    import_csv: Path  # the figures `import` is timed on
    import_rows: int
    ledger: str = "actuals.toml"  # `ledger/` for a ledger folder (PLANTRACK_LEDGER)
    record_extra: tuple[str, ...] = ()  # more of the timed record command: --unit ID

    @property
    def cache(self) -> Path:
        """The workload's own parse caches (PLANTRACK_CACHE_DIR), beside its data folder."""
        return self.folder.with_name(f"{self.folder.name}-cache")

    @property
    def ledger_path(self) -> Path:
        return self.folder / self.ledger.rstrip("/")

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in with_bytecode(dict(os.environ)).items()
            if not k.startswith("PLANTRACK_")
        }
        env.update({"PLANTRACK_TODAY": TODAY, "LANG": "C.UTF-8", "COLUMNS": "120"})
        env["PLANTRACK_CACHE_DIR"] = str(self.cache)
        env["PLANTRACK_LEDGER"] = self.ledger
        return env

    def snapshot(self) -> None:
        """Keep the ledger and the caches, so that every timed write starts from the same state."""
        copy(self.ledger_path, baseline_of(self.ledger_path))
        copy(self.cache, baseline_of(self.cache))

    def drop_caches(self) -> None:
        """As after a hand edit of both files: the next command parses and validates afresh."""
        shutil.rmtree(self.cache, ignore_errors=True)

    def restore(self) -> None:
        for kept in (self.ledger_path, self.cache):
            if baseline_of(kept).exists():
                copy(baseline_of(kept), kept)


def baseline_of(path: Path) -> Path:
    return path.with_name(f"{path.name}.baseline")


def copy(source: Path, destination: Path) -> None:
    """A file or a whole folder, in place of what was there."""
    if destination.is_dir():
        shutil.rmtree(destination)
    if source.is_dir():
        shutil.copytree(source, destination)
    elif source.exists():
        shutil.copy2(source, destination)


def plantrack(python: str = sys.executable) -> str:
    beside = Path(python).parent / "plantrack"
    found = str(beside) if beside.exists() else shutil.which("plantrack")
    if not found:
        sys.exit("plantrack is not installed: run the README's set-up first")
    return found


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """The environment without PYTHONDONTWRITEBYTECODE. An installed plantrack runs from its
    compiled bytecode, as typer, rich and pydantic in the floor do (pip compiles them); with
    that variable set, an editable install compiled every module changed since its last
    bytecode on every run, and the start-up ratios measured compiling, not plantrack."""
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_package(tool: str) -> None:
    """Write plantrack's bytecode before any timing, as pip does when it installs a package."""
    python = Path(tool).parent / "python"
    command = [str(python) if python.exists() else sys.executable]
    found = subprocess.run(
        [*command, "-c", "import os, plantrack; print(os.path.dirname(plantrack.__file__))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    subprocess.run([*command, "-m", "compileall", "-q", found.stdout.strip()], check=True)


def run_once(command: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 3):
        sys.exit(
            f"{' '.join(command)} failed ({process.returncode}): {errors.decode(errors='replace')}"
        )
    return elapsed, usage.ru_maxrss


def measure(
    workload: str, name: str, command: Sequence[str], cwd: Path, env: dict[str, str], runs: int,
    before: Callable[[], None] = lambda: None,
) -> Timing:  # fmt: skip
    before()
    run_once(command, cwd, env)  # warm-up: file caches, parse caches, bytecode
    seconds, peak = [], 0
    for _ in range(runs):
        before()
        elapsed, rss = run_once(command, cwd, env)
        seconds.append(elapsed)
        peak = max(peak, rss)
    return Timing(workload, name, seconds, peak)


# ── workloads ────────────────────────────────────────────────────────────────


COUNT_UNITS = set("个家项处场所栋户人座条次名套")


def reporting_months(frequency: str, *, month_one: bool = True) -> list[int]:
    monthly = list(range(1 if month_one else 2, 13))  # 1-2月 is one report
    return {"monthly": monthly, "quarterly": [3, 6, 9, 12], "annual": [12]}[frequency]


def large_value(number: int, month: int) -> float:
    """A year-to-date figure of target `number` for `month`: whole, as counts of 个 are."""
    return round(month * 100 / 12 * (0.85 + number % 4 / 20))


def small_workload(root: Path, tool: str) -> Workload:
    """The shipped plan with a full year of figures for every target."""
    import tomllib

    folder = root / "small"
    folder.mkdir()
    shutil.copy(SHIPPED_PLAN, folder / "targets.toml")
    plan = tomllib.loads(SHIPPED_PLAN.read_text(encoding="utf-8"))
    rows = []
    for number, target in enumerate(plan["target"]):
        goal = target.get("target", 100)
        for month in reporting_months(target.get("frequency", "monthly"), month_one=False):
            accrues = target["kind"] in ("total", "milestone")
            value = (goal * month / 12 if accrues else goal) * (0.9 + number % 5 / 20)
            if target["kind"] == "milestone":
                value = min(value, 100)
            whole = target.get("unit", "%") in COUNT_UNITS  # no fractions of firms
            rows.append(
                (target["id"], f"2023-{month:02d}", round(value) if whole else round(value, 2))
            )
    year = write_csv(folder / "year.csv", rows)
    july = next(
        value for tid, period, value in rows if tid == "key-projects" and period == "2023-07"
    )
    workload = Workload("small", folder, "key-projects", str(july), year, len(rows))
    subprocess.run(
        [tool, "import", str(year)], cwd=folder, env=workload.env(), check=True, capture_output=True
    )
    return workload


def large_workload(root: Path, tool: str) -> Workload:
    """5,000 monthly targets in 10 sections, 60,000 entries written by 12 imports of 5,000 rows."""
    folder = root / "large"
    folder.mkdir()
    kinds = ("total", "total", "growth", "level", "milestone")
    lines = ['[plan]\ntitle = "基准测试计划"\ntitle_en = "Benchmark plan"\nyear = 2023\n']
    for section in range(LARGE_SECTIONS):
        lines.append(
            f'[[section]]\nid = "s{section}"\nname = "板块{section}"\nname_en = "Section {section}"\n'
        )
    for number in range(LARGE_TARGETS):
        kind = kinds[number % len(kinds)]
        unit = "%" if kind in ("growth", "level", "milestone") else "个"
        lines.append(
            f'[[target]]\nid = "t{number:04d}"\nsection = "s{number % LARGE_SECTIONS}"\n'
            f'name = "指标{number}"\nname_en = "Target {number}"\nkind = "{kind}"\nunit = "{unit}"\n'
            f'target = {100 if kind != "growth" else 6}\nowner = "部门{number % 40}"\n'
        )
    (folder / "targets.toml").write_text("\n".join(lines), encoding="utf-8")
    july = large_value(2500, 7)
    workload = Workload("large", folder, "t2500", str(july), folder / "month-07.csv", LARGE_TARGETS)
    for month in range(1, 13):
        rows = [
            (f"t{n:04d}", f"2023-{month:02d}", large_value(n, month)) for n in range(LARGE_TARGETS)
        ]
        csv_path = write_csv(folder / f"month-{month:02d}.csv", rows)
        subprocess.run(
            [tool, "import", str(csv_path)],
            cwd=folder,
            env=workload.env(),
            check=True,
            capture_output=True,
        )
    return workload


def city_value(target: int, unit: int, month: int) -> int:
    """A unit's year-to-date figure of target `target` for `month`, against its share of 100."""
    return month * (6 + (target + unit) % 3)


def city_workload(root: Path, tool: str) -> Workload:
    """100 targets, each split to the same 200 units, every unit reporting every target every
    month: 240,000 entries in a ledger folder of 200 unit files, written by 12 imports."""
    folder = root / "city"
    folder.mkdir()
    lines = ['[plan]\ntitle = "城市基准计划"\ntitle_en = "City benchmark plan"\nyear = 2023\n']
    lines.append('[[section]]\nid = "s"\nname = "板块"\n')
    lines += [
        f'[[unit]]\nid = "u{unit:03d}"\nname = "街镇{unit}"\nkind = "town"\n'
        for unit in range(CITY_UNITS)
    ]
    for number in range(CITY_TARGETS):
        shares = "".join(f"u{unit:03d} = 100\n" for unit in range(CITY_UNITS))
        lines.append(
            f'[[target]]\nid = "t{number:03d}"\nsection = "s"\nname = "指标{number}"\n'
            f'kind = "total"\nunit = "个"\ntarget = {100 * CITY_UNITS}\n'
            f'lead = "u{number % CITY_UNITS:03d}"\n\n[target.split]\n{shares}'
        )
    (folder / "targets.toml").write_text("\n".join(lines), encoding="utf-8")
    target, unit = 50, 100
    workload = Workload(
        "city", folder, f"t{target:03d}", str(city_value(target, unit, 12) + 1),
        folder / "month-12.csv", CITY_TARGETS * CITY_UNITS, ledger="ledger/",
        record_extra=("--unit", f"u{unit:03d}", "--period", "2023-12"),
    )  # fmt: skip
    for month in range(1, 13):
        rows = [
            (f"t{t:03d}", f"u{u:03d}", f"2023-{month:02d}", city_value(t, u, month))
            for t in range(CITY_TARGETS)
            for u in range(CITY_UNITS)
        ]
        csv_path = write_csv(
            folder / f"month-{month:02d}.csv", rows, ("target", "unit", "period", "value")
        )
        subprocess.run(
            [tool, "import", str(csv_path)],
            cwd=folder,
            env=workload.env(),
            check=True,
            capture_output=True,
        )
    return workload


def projects_workload(root: Path, tool: str) -> Workload:
    """A register of 2,000 key projects (the shipped plan beside it), half of them new with
    a planned start each month and most started, every project reporting its year-to-date
    investment every month: 24,000 figures, and starts, in one ledger written by an import."""
    folder = root / "projects"
    folder.mkdir()
    shutil.copy(REPO / "targets.toml", folder / "targets.toml")
    lines = ['[projects]\nunit = "亿元"\n']
    for number in range(PROJECTS):
        kind = "new" if number % 2 == 0 else "continued"
        start = f'planned_start = "2023-{number % 12 + 1:02d}"\n' if kind == "new" else ""
        lines.append(
            f'[[project]]\nid = "p{number:04d}"\nname = "项目{number}"\n'
            f'level = "{("province", "city", "district")[number % 3]}"\ntype = "{kind}"\n'
            f"annual_plan = {1 + number % 7}.{number % 10}\n{start}"
        )
    (folder / "projects.toml").write_text("\n".join(lines), encoding="utf-8")
    rows = [
        (f"p{number:04d}", f"2023-{month:02d}", round((1 + number % 7) * month / 13, 1))
        for number in range(PROJECTS)
        for month in range(1, 13)
    ]
    csv_path = write_csv(folder / "figures.csv", rows)
    workload = Workload("projects", folder, "p0001", "5", csv_path, len(rows))
    subprocess.run(
        [tool, "import", str(csv_path)], cwd=folder, env=workload.env(), check=True,
        capture_output=True,
    )  # fmt: skip
    with (folder / "actuals.toml").open("a", encoding="utf-8") as ledger:
        for number in range(0, PROJECTS, 2):
            if number % 10 != 0:  # every fifth new project has not started: a late start
                month = number % 12 + 1
                ledger.write(
                    f'\n[[entry]]\ntarget = "p{number:04d}"\nperiod = "2023-{month:02d}"\n'
                    f'event = "started"\nrecorded_at = "2024-01-05T00:00:00Z"\nby = "bench"\n'
                )
    return workload


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[str] = ("target", "period", "value"),
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def has_command(tool: str, name: str) -> bool:
    """Whether this plantrack has a command (rank is being built in another branch)."""
    done = subprocess.run([tool, name, "--help"], capture_output=True)
    return done.returncode == 0


# ── the run ──────────────────────────────────────────────────────────────────


def commands(tool: str, workload: Workload) -> list[tuple[str, list[str], Callable[[], None]]]:
    """(name, command, what to do before each run) for every timed command."""
    same: Callable[[], None] = lambda: None  # noqa: E731
    record = [tool, "record", workload.target_id, workload.record_value]
    if workload.name == "projects":
        return [
            ("projects --json", [tool, "projects", "--json"], same),
            ("projects --by level", [tool, "projects", "--by", "level"], same),
        ]
    if workload.name == "city":
        timed = [
            ("status --json", [tool, "status", "--json"], same),
            ("status --json, no parse caches", [tool, "status", "--json"], workload.drop_caches),
            ("show TARGET", [tool, "show", workload.target_id], same),
            ("record --unit", [*record, *workload.record_extra, "--replace"], workload.restore),
        ]
        # HOOK: `plantrack rank TARGET` (the units of a split target, ranked) is being built
        # in another branch; it is timed, against its budget, as soon as this plantrack has it.
        if has_command(tool, "rank"):
            timed.insert(3, ("rank TARGET", [tool, "rank", workload.target_id], same))
        return timed
    return [
        ("--help", [tool, "--help"], same),
        ("status", [tool, "status"], same),
        ("status --json", [tool, "status", "--json"], same),
        ("status --json, no parse caches", [tool, "status", "--json"], workload.drop_caches),
        ("show TARGET", [tool, "show", workload.target_id], same),
        ("report --format html", [tool, "report", "--format", "html"], same),
        ("record", [*record, "--period", "2023-07", "--replace"], workload.restore),
        (
            f"import ({workload.import_rows} rows)",
            [tool, "import", str(workload.import_csv), "--replace"],
            workload.restore,
        ),
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


@dataclass
class Budget:
    description: str
    value: str
    limit: str
    met: bool


CITY_BUDGET_MB = 300


def budgets(timings: list[Timing], floor: Timing) -> list[Budget]:
    def get(workload: str, name: str) -> Timing | None:
        return next(
            (t for t in timings if t.workload == workload and t.name.split(" (")[0] == name), None
        )

    def seconds(workload: str, name: str, limit: float) -> None:
        timing = get(workload, name)
        if timing is not None:
            results.append(
                Budget(
                    f"{workload} `{name}` median",
                    f"{timing.median:.3f} s",
                    f"≤ {limit} s",
                    timing.median <= limit,
                )
            )

    results: list[Budget] = []
    for name, limit in (("--help", 1.2), ("status", 1.5), ("record", 1.5)):
        small = get("small", name)
        if small is not None:
            ratio = small.median / floor.median
            results.append(
                Budget(f"small `{name}` / floor", f"{ratio:.2f}×", f"≤ {limit}×", ratio <= limit)
            )
    for name in ("status --json", "record"):
        seconds("large", name, 1.0)
        timing = get("large", name)
        if timing is not None:
            mb = timing.peak_kb / 1024
            results.append(
                Budget(f"large `{name}` peak memory", f"{mb:.0f} MB", "≤ 250 MB", mb <= 250)
            )
    seconds("large", "import", 2.0)
    seconds("city", "status --json", 1.0)
    seconds("city", "rank TARGET", 1.0)
    seconds("city", "record --unit", 0.3)
    seconds("projects", "projects --json", 1.0)
    projects = get("projects", "projects --json")
    if projects is not None:
        mb = projects.peak_kb / 1024
        results.append(
            Budget("projects `projects --json` peak memory", f"{mb:.0f} MB", "≤ 250 MB", mb <= 250)
        )
    city = [t for t in timings if t.workload == "city"]
    if city:
        mb = max(t.peak_kb for t in city) / 1024
        results.append(
            Budget(
                "city peak memory, any command",
                f"{mb:.0f} MB",
                f"≤ {CITY_BUDGET_MB} MB",
                mb <= CITY_BUDGET_MB,
            )
        )
    return results


def table(timings: list[Timing], floor: Timing) -> str:
    lines = [
        "| workload | command | median (s) | spread (s) | × floor | peak memory (MB) |",
        "|---|---|---:|---:|---:|---:|",
        f"| — | floor: `import typer, rich.console, rich.table, pydantic` | {floor.median:.3f} | "
        f"{floor.spread} | 1.00 | {floor.peak_kb / 1024:.0f} |",
    ]
    for t in timings:
        lines.append(
            f"| {t.workload} | `{t.name}` | {t.median:.3f} | {t.spread} | "
            f"{t.median / floor.median:.2f} | {t.peak_kb / 1024:.0f} |"
        )
    return "\n".join(lines)


def document(
    timings: list[Timing],
    floor: Timing,
    results: list[Budget],
    runs: int,
    sizes: str,
    rank: bool,
    extended: str,
) -> str:
    rows = "\n".join(
        f"| {b.description} | {b.value} | {b.limit} | {'met' if b.met else '**missed**'} |"
        for b in results
    )
    if not rank:
        rows += (
            "\n| city `rank TARGET` median | not measured: no `rank` command in this build "
            "(benchmarks/run.py times it once there is one) | ≤ 1.0 s | |"
        )
    return f"""# Performance

Measured by `python benchmarks/run.py` on {date.today().isoformat()}: {machine()}.
Each command ran as a whole process, once to warm up and then {runs} times; medians and
spreads are wall time, peak memory is the largest resident set the operating system reported
(`wait4` `ru_maxrss`). Machines here are shared and noisy, so start-up budgets are ratios to
the floor measured in the same run (before and after the small workload; the faster of the
two), and no test asserts a time.

Workloads: {sizes}

## Budgets

| budget | measured | limit | |
|---|---:|---:|---|
{rows}

## All timings

{table(timings, floor)}

For comparison, the issue quotes the nearest peers on this kind of machine with the same
shape of data (5,000 targets, 60,000 monthly figures): `hledger balance --budget -M` about 20 s
and 890 MB, `hledger balance --budget -Y` about 7.5 s, `ledger budget` about 32 s; parsing the
TOML alone with tomllib 1.4 to 2.6 s. The row "no parse caches" above is the first command after
both files were edited by hand: it parses the TOML and validates the plan, then writes the caches.

## A city's scale: a ledger folder of 200 units

The city workload is the shape of a prefecture-level city's plan: {CITY_TARGETS} targets, each
split to the same {CITY_UNITS} towns and streets, every unit reporting every target every month,
so 240,000 entries in a ledger folder of {CITY_UNITS} unit files
([collaboration.md](collaboration.md)). {city_ratios(timings)} {extended}

- **Each file is cached on its own**, keyed on its own real path and bytes, so a write to one
  unit's file leaves the other caches as they are; a unit's file is small (1,200 entries), so
  its cache is written whole, as one frame, while a large ledger file's cache is extended.
  Reading the folder hashes every file (to know which caches still match), loads each cache,
  checks it, and merges the entries by `recorded_at`.
- **Making 240,000 entries** is what reading costs most: each is a frozen dataclass of twelve
  fields, whose constructor sets them one `object.__setattr__` at a time, about a
  microsecond an entry. The store sets each field for a whole column at once, in C loops,
  with the garbage collector paused (its collections would go through every entry made so
  far, again and again): under half the time. The command line then freezes the entries it
  has read (`gc.freeze`), so that collections during the evaluation leave them be.
  `record --unit` makes only its own target's 2,400 entries (`LockedFolder.entries_of`),
  which is why it stays well under `status`.
- **Figures of a split target** were found unit by unit, each unit's question going through all
  of the target's entries: 200 units × 2,400 entries × 100 targets, 40 s for `status` on this
  workload. The groups of `core/entries.py` now find every unit's figures in force in one pass
  and keep them (`TargetEntries`), which took that part to about a tenth of a second.
- **The plan's 20,000 shares** (100 targets × 200 units) are 200 distinct ones: its cache
  builds and checks each distinct share once.

## How it stays fast

- **Start-up.** The command line imports only typer and the message catalogue at start; each
  command imports what it needs (rich, the mail code, filelock) inside itself. The plan's types
  are frozen dataclasses that pydantic validates only when the file has changed, so a command on
  an unchanged plan never imports pydantic. typer reads the signature of every command before it
  runs one (11 ms for plantrack's 15); the console script registers only the command its
  command line names (`cli/app.py`, `only_the_command_invoked`), which took small `status`
  from 1.52× to 1.39× the floor and `record` from 1.41× to 1.31× in two runs minutes apart;
  help, a misspelt command and shell completion still see every command.
- **Bytecode.** The benchmark compiles plantrack's bytecode first and runs without
  `PYTHONDONTWRITEBYTECODE`: this machine sets it, and an editable install then compiled every
  changed module on every timed run, while the floor's packages ran from the bytecode pip
  wrote; earlier sessions' start-up ratios (1.67×, 1.68×) measured that compiling.
- **typer is pinned to 0.26.x**, its fastest release line that works. typer 0.29 builds a
  pydantic TypeAdapter for every parameter of the command on every run: a bare typer 0.29.2 app
  with two commands takes 0.132 s against 0.053 s for 0.26 (the import floor is 0.097 s), and
  `python benchmarks/run.py --typer 0.29.2` measured plantrack's own `status` at 2.1× the floor
  and `record` at 1.9× (budget 1.5×), against 1.4× and 1.2× with 0.26. 0.27 and 0.28 printed
  arguments as `{{TARGET}}`. Run `python benchmarks/run.py --typer VERSION` when a new typer comes
  out: it installs plantrack with that typer in a throw-away environment and says whether the
  start-up budgets still hold, so raising the pin is one command away. Install plantrack as an
  application (`pipx install .`, `uv tool install .`) so that its pin never fights another
  tool's.
- **The status table** is drawn by a small grid (`src/plantrack/present/grid.py`) that aligns styled text
  in terminal cells, instead of rich's Table, which measures every cell through its renderable
  protocol: 3.2 s for 5,000 targets with rich's Table, under a second with the grid.
- **The plan is validated once.** `plantrack` validates `targets.toml` with pydantic when the file
  changes and keeps the result in a parse cache.
- **The ledger is parsed once.** A second parse cache holds the ledger's entries as columns
  dumped with marshal, from the standard library (read in a fraction of the time tomllib needs
  for the TOML; a ledger of 240,000 entries is read through it in about a third of the time
  the JSON rows it replaced took). Each column is checked whole on load, at C speed. A write
  to a ledger of 10,000 entries or more extends the cache of the bytes it read with a frame
  for its new entries instead of writing it again (after 64 such frames it is written whole);
  a smaller file's cache is written whole, as one frame. Both caches live in the
  user's own cache folder (`$PLANTRACK_CACHE_DIR`, else `~/.cache/plantrack` on Linux, as
  platformdirs names it), mode 0600 in a folder of mode 0700, never beside the data. They are
  keyed on the file's real path, the SHA-256 of its bytes and a hash of plantrack's own core and
  store code, and their payload is checked field by field on load (without pydantic); a cache
  that does not match in every respect is a miss and is rebuilt. A cache folder that cannot be
  written only means slower commands; `PLANTRACK_NO_CACHE=1` turns caching off. Delete the
  folder at any time (docs/security.md).
- **Entries are validated once, when written**, not on every read.
- **Appending, not rewriting.** A write copies the ledger's existing bytes unchanged and adds
  the new `[[entry]]` tables (serialized with tomli-w) to a temporary file that replaces the
  ledger atomically, under the lock, so the guarantees of docs/recording.md hold; the whole
  ledger is never re-serialized.
- **Look-ups by id** go through a dictionary, so an import of 5,000 rows against 5,000 targets
  stays linear.
"""


def city_ratios(timings: list[Timing]) -> str:
    """The city's timings against each other, in words, for docs/performance.md."""
    city = {t.name: t.median for t in timings if t.workload == "city"}
    warm, cold = city.get("status --json"), city.get("status --json, no parse caches")
    record = city.get("record --unit")
    if warm is None or cold is None or record is None:
        return ""
    return (
        f"`status --json` takes {warm:.2f} s with the parse caches and {cold:.2f} s without "
        f"them ({cold / warm:.1f}×: every file parsed by tomllib, then cached); "
        f"`record --unit` takes {record:.2f} s, {record / warm:.2f} of `status --json`."
    )


def throwaway_environment(root: Path, typer_version: str) -> Path:
    """A new virtual environment with this plantrack and the given typer, whatever the pin."""
    venv = root / f"typer-{typer_version}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, str(REPO)], check=True)
    # Installed over the pinned one: pip warns that plantrack asks for another typer, and
    # that is the point of the measurement.
    subprocess.run([*pip, f"typer=={typer_version}"], check=True, stderr=subprocess.DEVNULL)
    found = subprocess.run(
        [str(python), "-c", "import typer; print(typer.__version__)"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if found != typer_version:
        sys.exit(f"typer {typer_version} could not be installed (found {found})")
    return python


def compare_typer(typer_version: str, runs: int) -> int:
    """The start-up budgets with another typer, beside the installed one, in one run."""
    with tempfile.TemporaryDirectory(prefix="plantrack-typer-") as temporary:
        root = Path(temporary)
        print(f"installing plantrack with typer {typer_version} ...", flush=True)
        other = throwaway_environment(root, typer_version)
        rows = []
        for label, python in (("installed", Path(sys.executable)), (typer_version, other)):
            tool = plantrack(str(python))
            folder = root / label
            folder.mkdir()
            workload = small_workload(folder, tool)
            workload.snapshot()
            floor_command = [str(python), *FLOOR[1:]]
            floor = measure(
                "—", "floor", floor_command, folder, with_bytecode(dict(os.environ)), runs
            )
            for name, command, before in commands(tool, workload):
                if name in ("--help", "status", "record"):
                    timing = measure(
                        "small", name, command, workload.folder, workload.env(), runs, before
                    )
                    rows.append((label, name, timing.median, timing.median / floor.median))
            workload.restore()
    limits = {"--help": 1.2, "status": 1.5, "record": 1.5}
    print("\n| typer | command | median (s) | × floor | limit | |\n|---|---|---:|---:|---:|---|")
    met = True
    for label, name, median, ratio in rows:
        ok = ratio <= limits[name]
        met &= ok or label == "installed"
        print(
            f"| {label} | `{name}` | {median:.3f} | {ratio:.2f} | ≤ {limits[name]}× | {'met' if ok else '**missed**'} |"
        )
    print(
        f"\ntyper {typer_version} {'meets' if met else 'misses'} the start-up budgets; "
        + ("the pin may be raised." if met else "keep the pin.")
    )
    return 0 if met else 1


# ── a million rows ───────────────────────────────────────────────────────────

MILLION = 1_000_000
MILLION_TARGETS = -(-MILLION // 12)  # one row per target and month: 83,334 monthly targets
MILLION_HEADING = "## Importing a million rows"
MILLION_BUDGET_MB = 300


def million_workload(root: Path, tool: str) -> tuple[Path, dict[str, str]]:
    """A plan of 83,334 monthly targets, a CSV of a figure for each of their 12 months
    (1,000,000 rows, a source on each), and one as long whose every row is refused."""
    folder = root / "million"
    folder.mkdir()
    lines = ['[plan]\ntitle = "百万行"\nyear = 2023\n\n[[section]]\nid = "s"\nname = "板块"\n']
    lines += [
        f'[[target]]\nid = "t{n:05d}"\nsection = "s"\nname = "指标{n}"\nkind = "total"\n'
        f'unit = "个"\ntarget = 1000\n'
        for n in range(MILLION_TARGETS)
    ]
    (folder / "targets.toml").write_text("\n".join(lines), encoding="utf-8")
    for name, period in (("million.csv", "2023-{month:02d}"), ("refused.csv", "June {month}")):
        with (folder / name).open("w", encoding="utf-8", newline="") as stream:
            stream.write("target,period,value,source\n")
            for number in range(MILLION):
                month = number // MILLION_TARGETS + 1
                stream.write(
                    f"t{number % MILLION_TARGETS:05d},{period.format(month=month)},"
                    f"{month * 10},统计局\n"
                )
    env = {
        k: v for k, v in with_bytecode(dict(os.environ)).items() if not k.startswith("PLANTRACK_")
    }
    env.update({"PLANTRACK_TODAY": TODAY, "LANG": "C.UTF-8"})
    env["PLANTRACK_CACHE_DIR"] = str(root / "million-cache")
    # Validates the plan once and caches it, as any command before the import would have.
    run_once([tool, "import", "million.csv", "--dry-run"], folder, env)
    return folder, env


def measure_million(write: bool) -> int:
    tool = plantrack()
    with tempfile.TemporaryDirectory(prefix="plantrack-million-") as temporary:
        print("generating a plan of 83,334 targets and 1,000,000 rows ...", flush=True)
        folder, env = million_workload(Path(temporary), tool)
        size = (folder / "million.csv").stat().st_size / 1024 / 1024
        rows = []
        ledger_mb = 0.0
        for name, command, ok in (
            ("`import --dry-run`", [tool, "import", "million.csv", "--dry-run"], (0,)),
            ("`import` (1,000,000 figures written)", [tool, "import", "million.csv"], (0,)),
            ("`import`, every row refused", [tool, "import", "refused.csv"], (1,)),
        ):
            print(f"timing {name}", flush=True)
            (folder / "actuals.toml").unlink(missing_ok=True)
            cache = Path(env["PLANTRACK_CACHE_DIR"])
            for leftover in cache.glob("ledger-*.marshal"):  # the plan's cache stays
                leftover.unlink()
            seconds, peak_kb = run_checked(command, folder, env, ok)
            rows.append((name, seconds, peak_kb / 1024))
            print(f"  {seconds:.1f} s, {peak_kb / 1024:.0f} MB", flush=True)
            if (folder / "actuals.toml").exists():
                ledger_mb = (folder / "actuals.toml").stat().st_size / 1024 / 1024
    table = "\n".join(
        f"| {name} | {seconds:.1f} | {mb:.0f} | {'met' if mb <= MILLION_BUDGET_MB else '**missed**'} |"
        for name, seconds, mb in rows
    )
    section = f"""{MILLION_HEADING}

Measured by `python benchmarks/run.py --million` on {date.today().isoformat()}: {machine()}.
One run of each: a CSV of 1,000,000 rows ({size:.0f} MB, under the 50 MB past which an import
needs `--large`) for a plan of {MILLION_TARGETS:,} monthly targets, whose parse cache was
already written; the ledger starts empty, and the one written holds {ledger_mb:.0f} MB.
The budget is {MILLION_BUDGET_MB} MB of peak resident memory; loading the plan alone, its
{MILLION_TARGETS:,} targets, takes about 220 MB of it.

| command | wall time (s) | peak memory (MB) | ≤ {MILLION_BUDGET_MB} MB |
|---|---:|---:|---|
{table}

An import reads the file a chunk at a time and keeps each good row as a few numbers (the
target's place in the plan, the month, the value) and its source and note, in arrays rather
than objects; the check for a repeated target and month, and the plausibility rules, look in
arrays of 12 months per target. Nothing is written until every row is good. The ledger and its
parse cache are then written a thousand and ten thousand entries at a time. A refused import lists its first
1,000 problems and counts the rest. Before the import was streamed (issue #11, item 17), the
same import took 1.9 GB and 64 s, and `--dry-run` 1.2 GB and 22 s, on the same machine.
"""
    print()
    print(section)
    if write:
        text = REPORT.read_text(encoding="utf-8")
        start = text.find(MILLION_HEADING)
        kept = text if start < 0 else text[:start].rstrip("\n") + "\n"
        REPORT.write_text(kept + "\n" + section, encoding="utf-8")
        print(f"wrote {REPORT.relative_to(REPO)}")
    return 0 if all(mb <= MILLION_BUDGET_MB for _, _, mb in rows) else 1


def run_checked(
    command: Sequence[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...]
) -> tuple[float, int]:
    """Wall time and peak resident memory (KB) of one process that must end in `ok`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit(f"{' '.join(command)} ended with {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss


def million_section(report: Path) -> str:
    """The section on a million rows, kept when the rest of the document is rewritten."""
    try:
        text = report.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = text.find(MILLION_HEADING)
    return "" if start < 0 else "\n" + text[start:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (at least 5)")
    parser.add_argument(
        "--no-write", action="store_true", help="do not rewrite docs/performance.md"
    )
    parser.add_argument(
        "--typer",
        metavar="VERSION",
        help="measure the start-up budgets with this typer in a throw-away environment",
    )
    parser.add_argument(
        "--million",
        action="store_true",
        help="measure an import of 1,000,000 rows (one run of each command, some minutes)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=WORKLOADS,
        help="measure this workload only (may be repeated); docs are written only for all",
    )
    options = parser.parse_args()
    runs = max(5, options.runs)
    if options.typer:
        return compare_typer(options.typer, runs)
    if options.million:
        return measure_million(write=not options.no_write)
    chosen = options.only or list(WORKLOADS)
    tool = plantrack()
    compile_package(tool)
    makers = {
        "small": small_workload, "large": large_workload, "city": city_workload,
        "projects": projects_workload,
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="plantrack-bench-") as temporary:
        root = Path(temporary)
        workloads = []
        for name in WORKLOADS:
            if name in chosen:
                print(f"generating the {name} workload ...", flush=True)
                started = time.perf_counter()
                workloads.append(makers[name](root, tool))
                print(f"  {time.perf_counter() - started:.0f} s", flush=True)
        sizes = describe(workloads)
        floors = [measure("—", "floor", FLOOR, root, with_bytecode(dict(os.environ)), runs)]
        timings = []
        for workload in workloads:
            workload.snapshot()
            for name, command, before in commands(tool, workload):
                print(f"timing {workload.name}: {name}", flush=True)
                timings.append(
                    measure(
                        workload.name, name, command, workload.folder, workload.env(), runs, before
                    )
                )
            workload.restore()
            if workload.name == "small":  # the floor again, right after the start-up timings
                floors.append(
                    measure("—", "floor", FLOOR, root, with_bytecode(dict(os.environ)), runs)
                )
        # The faster of the two floors: a floor measured while the machine was busy would
        # flatter every ratio, a fast one can only make them stricter.
        floor = min(floors, key=lambda timing: timing.median)
        rank = "city" in chosen and has_command(tool, "rank")
        city = next((w for w in workloads if w.name == "city"), None)
        extended = "" if city is None else cache_after_record(tool, city)
        if extended:
            print(extended)
    results = budgets(timings, floor)
    print()
    print(table(timings, floor))
    print()
    for budget in results:
        print(
            f"{'met   ' if budget.met else 'MISSED'} {budget.description}: {budget.value} ({budget.limit})"
        )
    if "city" in chosen and not rank:
        print("not measured: city `rank TARGET` (this plantrack has no rank command yet)")
    if not options.no_write and set(chosen) == set(WORKLOADS):
        text = document(timings, floor, results, runs, sizes, rank, extended)
        text += million_section(REPORT)
        REPORT.write_text(text, encoding="utf-8")
        print(f"\nwrote {REPORT.relative_to(REPO)}")
    elif not options.no_write:
        print("\ndocs/performance.md is written only when every workload is measured")
    return 0 if all(budget.met for budget in results) else 1


def cache_after_record(tool: str, workload: Workload) -> str:
    """What one `record --unit` does to the parse caches of a ledger folder: which of them
    change, and whether the changed one was extended (its old frames kept) or written anew."""
    workload.restore()
    before = {path.name: path.read_bytes() for path in workload.cache.iterdir()}
    name, command, _ = next(c for c in commands(tool, workload) if c[0] == "record --unit")
    run_once(command, workload.folder, workload.env())
    after = {path.name: path.read_bytes() for path in workload.cache.iterdir()}
    changed = [key for key in after if before.get(key) != after[key]]
    workload.restore()
    if len(changed) != 1:
        return f"After one `{name}`, {len(changed)} of {len(after)} cache files had changed."
    old, new = before.get(changed[0], b""), after[changed[0]]
    # The cache's header line and first frame (its key) change; the frames after it are kept.
    kept = len(old) - len(old.split(b"\n", 1)[0]) - 1
    extended = old[-kept // 2 :] in new if kept > 0 else False
    return (
        f"After one `{name}`, 1 of the {len(after)} cache files had changed, the unit's: "
        f"{'extended' if extended else 'written anew'}, from {len(old):,} to {len(new):,} bytes."
    )


def describe(workloads: list[Workload]) -> str:
    parts = []
    for workload in workloads:
        if workload.name == "small":
            parts.append(
                f"small: the shipped plan, {workload.import_rows} figures (every reporting month "
                "of every target)"
            )
        elif workload.name == "large":
            size = workload.ledger_path.stat().st_size / 1e6
            parts.append(
                f"large: {LARGE_TARGETS:,} targets, {LARGE_SECTIONS} sections, 60,000 entries, "
                f"a ledger of {size:.1f} MB"
            )
        elif workload.name == "projects":
            parts.append(
                f"projects: the shipped plan with a register of {PROJECTS:,} key projects, "
                f"{workload.import_rows:,} monthly investment figures and their starts"
            )
        else:
            files = list(workload.ledger_path.glob("*.toml"))
            size = sum(path.stat().st_size for path in files) / 1e6
            parts.append(
                f"city: {CITY_TARGETS} targets each split to the same {CITY_UNITS} units, "
                f"{CITY_TARGETS * CITY_UNITS * 12:,} entries (every unit, target and month) in a "
                f"ledger folder of {len(files)} unit files, {size:.1f} MB"
            )
    return "; ".join(parts) + "."


if __name__ == "__main__":
    raise SystemExit(main())
