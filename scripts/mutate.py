"""Mutation testing of the rules modules: does the test suite notice when the rules change?

    python scripts/mutate.py                    # every mutant of core/progress.py and core/schedule.py
    python scripts/mutate.py --list             # the mutants, without running anything
    python scripts/mutate.py core/recording.py  # another module of src/plantrack

Each mutant is one small change to the module's syntax tree: a comparison flipped or made
strict (>= to >), an arithmetic operator swapped (+ to -, * to /), a number changed (12 to
13, 0 to 1), `and` to `or`, `not x` to `x`, `max` to `min`, True to False. The script copies
src/ to a temporary folder, writes the mutant there, and runs the tests that exercise the
rules against it (stopping at the first failure); a mutant the tests do not fail "survives".
The score is killed / (killed + survived), over the mutants that change behaviour; those
that cannot (an equivalent rewrite) are listed in EQUIVALENT with the reason. The result is
recorded in docs/testing.md.

Plain Python, no extra dependencies.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "plantrack"
DEFAULT_MODULES = (
    "core/progress.py",
    "core/schedule.py",
    "core/calendar.py",
    "core/recording.py",
)
TESTS = (
    "tests/test_progress.py",
    "tests/test_verdicts.py",
    "tests/test_cli_record.py",
    "tests/test_cli_import.py",
    "tests/test_cli_status.py",
    "tests/test_render_status.py",
    "tests/test_golden.py",
    "tests/test_cli_report.py",
    "tests/test_cli_plan.py",
    "tests/test_api.py",
)
TIMEOUT_SECONDS = 300

# Mutants that cannot change what plantrack does, by (module, the line's code, change): why.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("core/progress.py", "_EPSILON = 1e-9", "1e-09 -> 2e-09"): (
        "the allowance for binary rounding: any size between float noise (1e-16 of a value) "
        "and the precision of a figure (1e-6) decides every figure alike"
    ),
    (
        "core/progress.py",
        "return value >= threshold - _EPSILON * max(1.0, abs(threshold))",
        "GtE -> Gt",
    ): "with the allowance subtracted, >= and > differ only for a figure 1e-9 below the boundary",
    (
        "core/progress.py",
        "return value >= threshold - _EPSILON * max(1.0, abs(threshold))",
        "1.0 -> 2",
    ): "below a threshold of 2 the allowance is 2e-9 instead of 1e-9: both far above float noise",
    (
        "core/progress.py",
        "return value >= threshold - _EPSILON * max(1.0, abs(threshold))",
        "1.0 -> 0",
    ): (
        "below a threshold of 1 the allowance becomes relative; it still exceeds float noise, and "
        "a threshold of exactly 0 is only ever compared with recorded figures, never with a sum "
        "that could fall a rounding error below it (increments are never negative)"
    ),
    (
        "core/recording.py",
        "earlier = {month: other for month, other in others.items() if month < period}",
        "Lt -> LtE",
    ): "`others` holds no figure for the period itself, so < and <= pick the same months",
    ("core/recording.py", "later = [month for month in others if month > period]", "Gt -> GtE"): (
        "`others` holds no figure for the period itself, so > and >= pick the same months"
    ),
    ("core/calendar.py", "if month <= after.month:", "LtE -> Lt"): (
        "the as-of month's own report is awaited or late before the next one is looked for, "
        "so a report in the as-of month never reaches this line"
    ),
    (
        "core/recording.py",
        'quarter = f"{period.year}-Q{(period.month + 2) // 3}"',
        "2 -> 3",
    ): "the line runs for months that end no quarter, where (m + 2) // 3 and (m + 3) // 3 agree",
    (
        "core/progress.py",
        "return Month(plan.year, 12) if today.year > plan.year else Month(plan.year, 1)",
        "Gt -> GtE",
    ): "the line runs only when today's year is not the plan year, so > and >= agree",
}

_COMPARE_SWAPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.Gt),
    ast.LtE: (ast.Lt, ast.GtE),
    ast.Gt: (ast.GtE, ast.Lt),
    ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
}
_BINARY_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
}
_NAME_SWAPS = {"max": "min", "min": "max", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutant:
    module: str
    source: str  # the module as it was when the run started
    line: int
    change: str
    number: int  # its place among the module's mutants, to find it again in a fresh tree

    @property
    def code(self) -> str:
        return self.source.splitlines()[self.line - 1].strip()


def mutants(module: str) -> list[Mutant]:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    skipped = _skipped_lines(tree)
    return [
        Mutant(module, source, line, change, number)
        for number, (line, change, _) in enumerate(_changes(tree))
        if line not in skipped
    ]


def _changes(tree: ast.AST) -> Iterator[tuple[int, str, object]]:
    """(line, description, a function that applies the change to its node) for every mutant,
    in a stable order; docstrings, type annotations and imports are left alone."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for position, operator in enumerate(node.ops):
                for replacement in _COMPARE_SWAPS.get(type(operator), ()):
                    yield (
                        node.lineno,
                        f"{type(operator).__name__} -> {replacement.__name__}",
                        (node, "ops", position, replacement()),
                    )
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY_SWAPS:
            replacement_op = _BINARY_SWAPS[type(node.op)]
            yield (
                node.lineno,
                f"{type(node.op).__name__} -> {replacement_op.__name__}",
                (node, "op", None, replacement_op()),
            )
        elif isinstance(node, ast.BoolOp):
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            yield (
                node.lineno,
                f"{type(node.op).__name__} -> {type(other).__name__}",
                (node, "op", None, other),
            )
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node.lineno, "not x -> x", (node, "unwrap", None, None)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in _NAME_SWAPS:
                swapped = _NAME_SWAPS[node.func.id]
                yield node.lineno, f"{node.func.id} -> {swapped}", (node.func, "id", None, swapped)
        elif isinstance(node, ast.Constant) and _is_number(node.value):
            for replacement_value in _number_mutations(node.value):
                yield (
                    node.lineno,
                    f"{node.value!r} -> {replacement_value!r}",
                    (node, "value", None, replacement_value),
                )
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            yield (
                node.lineno,
                f"{node.value} -> {not node.value}",
                (node, "value", None, not node.value),
            )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_mutations(value: float) -> tuple[float, ...]:
    if value == 0:
        return (1,)
    if value == 1:
        return (0, 2)
    if isinstance(value, int):
        return (value + 1,)
    return (value * 2, 0.0)


def _skipped_lines(tree: ast.Module) -> set[int]:
    """Lines of docstrings, imports and annotations: changing them tests nothing."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        if isinstance(node, ast.AnnAssign) and node.value is None:
            lines.add(node.lineno)
    return lines


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse(mutant.source)
    for number, (_, _, change) in enumerate(_changes(tree)):
        if number == mutant.number:
            node, field, position, replacement = change  # type: ignore[misc]
            if field == "unwrap":
                _replace_in_parent(tree, node, node.operand)
            elif position is None:
                setattr(node, field, replacement)
            else:
                getattr(node, field)[position] = replacement
            return ast.unparse(ast.fix_missing_locations(tree))
    raise LookupError(mutant)


def _replace_in_parent(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and old in value:
                value[value.index(old)] = new
                return


def run_tests(source_root: Path) -> bool:
    """Whether the tests pass against the package in `source_root` (the mutant survives)."""
    # No bytecode: a mutant written in the same second as the last, at the same size, would
    # otherwise run from the last one's cached bytecode.
    env = {
        **os.environ,
        "PYTHONPATH": f"{source_root}{os.pathsep}{REPO}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
            cwd=REPO, env=env, capture_output=True, timeout=TIMEOUT_SECONDS,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return False  # a mutant that hangs the rules is noticed, if slowly
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=DEFAULT_MODULES)
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument(
        "--only", metavar="TEXT", help="only the mutants whose line or change contains TEXT"
    )
    options = parser.parse_args()
    todo = [mutant for module in options.modules for mutant in mutants(module)]
    if options.only:
        todo = [m for m in todo if options.only in f"{m.module}:{m.line} {m.change} {m.code}"]
    if options.list:
        for mutant in todo:
            print(f"{mutant.module}:{mutant.line}: {mutant.change}")
        print(f"{len(todo)} mutants")
        return 0
    survivors: list[Mutant] = []
    equivalent: list[Mutant] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="plantrack-mutants-") as temporary:
        root = Path(temporary)
        shutil.copytree(REPO / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
        for count, mutant in enumerate(todo, 1):
            target = root / "src" / "plantrack" / mutant.module
            target.write_text(mutated_source(mutant), encoding="utf-8")
            try:
                survived = run_tests(root / "src")
            finally:
                target.write_text(mutant.source, encoding="utf-8")
            key = (mutant.module, mutant.code, mutant.change)
            verdict = "killed"
            if survived and key in EQUIVALENT:
                equivalent.append(mutant)
                verdict = "equivalent"
            elif survived:
                survivors.append(mutant)
                verdict = "SURVIVED"
            print(
                f"[{count}/{len(todo)}] {mutant.module}:{mutant.line} {mutant.change}: {verdict}",
                flush=True,
            )
    judged = len(todo) - len(equivalent)
    killed = judged - len(survivors)
    score = killed / judged if judged else 1.0
    minutes = (time.monotonic() - started) / 60
    print(f"\n{len(todo)} mutants of {', '.join(options.modules)} in {minutes:.0f} min")
    print(f"killed {killed}, survived {len(survivors)}, equivalent {len(equivalent)}")
    print(f"mutation score: {score:.1%}")
    for mutant in survivors:
        print(f"  survived: {mutant.module}:{mutant.line}: {mutant.change}")
    for mutant in equivalent:
        reason = EQUIVALENT[(mutant.module, mutant.code, mutant.change)]
        print(f"  equivalent: {mutant.module}:{mutant.line}: {mutant.change} ({reason})")
    return 0 if score >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
