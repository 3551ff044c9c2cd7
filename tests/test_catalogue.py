"""The message catalogue: every key in both languages, with the same placeholders; every key
the code asks for is there, and every key there is asked for."""

from __future__ import annotations

import re
import string

import pytest
import typer.main

from plantrack.cli import app
from plantrack.cli.framework import help_key
from plantrack.core.model import KINDS
from plantrack.core.progress import SUMMARY_KEYS
from plantrack.present.catalogue import CATALOGUE
from plantrack.present.reports import CSV_COLUMNS
from tests.conftest import REPO

SOURCE = REPO / "src" / "plantrack"
# Chinese characters, and the full-width punctuation Chinese text is written with.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Texts that are the same in both languages by nature: punctuation, codes, formats.
SAME_IN_BOTH = {
    "at", "os.other", "toml.reason.other", "target.id_name", "rule.unit_example_growth",
    "quantity.percent", "smtp.reply", "smtp.other", "html.lang",
}  # fmt: skip
NO_CJK_IN_ZH = SAME_IN_BOTH | {"goal.range", "quantity"}
# The default subject names the English title in English and the Chinese one in Chinese;
# a figure's month is 6月 in Chinese and its period 2023-06 in English.
DIFFERENT_PLACEHOLDERS = {"mail.default_subject", "report.actual"}
# Keys the code builds from a family name and a value, with every value the family takes.
FAMILIES = {
    "status": SUMMARY_KEYS,
    "kind": KINDS,
    "frequency": ("monthly", "quarterly", "annual"),
    "qualifier": ("about", "at_least", "at_most"),
    "month": (*(str(month) for month in range(1, 13)), "jan_feb"),
    "gap": (
        *(f"{bound}.{side}" for bound in ("ceiling", "floor") for side in ("inside", "outside")),
        "ceiling.at",
        "floor.at",
    ),
    "revision": ("current", "superseded", "withdrawn", "withdrawal"),
    "csv": CSV_COLUMNS,
    "where": (
        "target",
        "target_n",
        "section",
        "section_n",
        "unit",
        "unit_n",
        "project",
        "project_n",
    ),
    "projects.level": ("province", "city", "district"),
    "projects.type": ("new", "continued"),
    "import.column": ("target", "period", "value", "unit", "started", "milestone"),
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert entry.zh.strip() and entry.en.strip(), key
    if key not in NO_CJK_IN_ZH:
        assert CJK.search(entry.zh), f"{key}: the Chinese text has no Chinese"
    if key not in SAME_IN_BOTH:
        assert entry.zh != entry.en, f"{key}: not translated"
    if key not in DIFFERENT_PLACEHOLDERS:
        assert placeholders(entry.zh) == placeholders(entry.en), key


def code() -> str:
    """Every source file but the catalogue itself."""
    files = [*SOURCE.rglob("*.py"), *(REPO / "scripts").glob("*.py")]
    return "\n".join(
        path.read_text(encoding="utf-8") for path in files if path.name != "catalogue.py"
    )


def keys_the_code_asks_for() -> set[str]:
    """Literal keys in the source, families expanded, and the help of every parameter."""
    text = code()
    literal = set(re.findall(r"[\"']([a-z_]+(?:\.[a-z_0-9]+)*)[\"']", text)) & set(CATALOGUE)
    families = {f"{family}.{value}" for family, values in FAMILIES.items() for value in values}
    return literal | families | help_keys()


def help_keys() -> set[str]:
    group = typer.main.get_command(app)
    keys = {"help.cmd.plantrack", "help.short.plantrack", "help.opt.help"}
    commands = {"plantrack": group, **group.commands}  # type: ignore[attr-defined]
    for name, command in commands.items():
        keys |= {f"help.cmd.{name}", f"help.short.{name}"}
        for param in command.params:
            kind = "arg" if param.param_type_name == "argument" else "opt"
            keys.add(help_key(name, param.name or "", kind))
    return keys


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    families = {f"{family}.{value}" for family, values in FAMILIES.items() for value in values}
    missing = sorted((families | help_keys()) - set(CATALOGUE))
    assert missing == []
    text = code()
    asked = set(re.findall(r"(?:msg|label)\(\s*\"([a-z_.0-9]+)\"", text))
    assert sorted(asked - set(CATALOGUE)) == []


def test_every_key_in_the_catalogue_is_asked_for() -> None:
    unused = sorted(set(CATALOGUE) - keys_the_code_asks_for())
    assert unused == []


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_a_plural_gives_one_word_and_many(key: str) -> None:
    """`{count:figure|figures}` in English: both words given; Chinese has no plurals."""
    entry = CATALOGUE[key]
    for _, name, spec, _ in string.Formatter().parse(entry.en):
        if name and spec:
            one, _, many = spec.partition("|")
            assert one and many and "|" not in many, key
    assert all(not spec for _, _, spec, _ in string.Formatter().parse(entry.zh)), key


def test_plurals_follow_the_count() -> None:
    from plantrack.core.messages import msg
    from plantrack.present.i18n import words

    assert words(msg("remind.days_late", days=1), "en") == "1 day late"
    assert words(msg("remind.days_late", days=3), "en") == "3 days late"
    assert words(msg("remind.days_late", days=1), "zh") == "已逾期 1 天"
