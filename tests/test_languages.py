"""Every refusal, warning and help text reaches a Chinese reader in Chinese, and an English
reader in English: under --lang zh, PLANTRACK_LANG=zh and a zh_CN locale alike."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from plantrack.cli import app
from plantrack.cli.framework import help_key
from plantrack.present.i18n import label
from tests.conftest import SMALL_PLAN, CliRun, dedent
from tests.test_cli_email import start_trickling_server

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# An English sentence: three words of Latin letters in a row (a file name or an option is
# one word; 'is not a' or 'give the id' is a sentence).
ENGLISH = re.compile(r"\b[A-Za-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b")
# A command line quoted in a message is code, not English: `plantrack record key-projects 75`.
COMMAND = re.compile(r"plantrack(?: [\w.\-/=<>]+)*")


def english_in(text: str) -> re.Match[str] | None:
    return ENGLISH.search(COMMAND.sub("", text))


BROKEN_PLAN = """
    [plan]
    title = "测试"
    year = 2023
    titel = "x"

    [[section]]
    id = "econ"
    name = "经济"

    [[target]]
    id = "Bad Id"
    section = "ecno"
    name = "GDP"
    kind = "growht"
    target = "6"
    schedule = [0.5, 1.0]
    due = "2023-13"
"""

# (setup, arguments): setup writes what the refusal needs; every case must fail.
Setup = Callable[[CliRun, Path], None]


def nothing(cli: CliRun, tmp_path: Path) -> None:
    pass


def one_figure(cli: CliRun, tmp_path: Path) -> None:
    assert (
        cli("record", "key-projects", "70", "-p", "2023-06", "--by", "wang", env=TODAY).exit_code
        == 0
    )


def csv_file(text: str, name: str = "june.csv") -> Setup:
    def write(cli: CliRun, tmp_path: Path) -> None:
        (tmp_path / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)

    return write


def binary_csv(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "june.csv").write_bytes(b"\xff\xfe\x00\x81\x82" * 10)


def xlsx_file(*rows: list[object]) -> Setup:
    def write(cli: CliRun, tmp_path: Path) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        worksheet = book.active
        assert worksheet is not None
        worksheet.title = "6月"
        for row in rows:
            worksheet.append(row)
        book.save(tmp_path / "june.xlsx")

    return write


def big_csv(cli: CliRun, tmp_path: Path) -> None:
    with (tmp_path / "june.csv").open("wb") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)  # sparse: no room taken on the disk


def broken_plan(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(dedent(BROKEN_PLAN), encoding="utf-8")


def toml_syntax_error(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text("[plan]\ntitle = 测试\n", encoding="utf-8")


def broken_ledger(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "actuals.toml").write_text(
        '[[entry]]\ntarget = "key-projects"\nperiod = "2023-6"\nvalue = 1\nrecorded_at = "x"\nby = "me"\n',
        encoding="utf-8",
    )


def mail_settings(text: str) -> Setup:
    def write(cli: CliRun, tmp_path: Path) -> None:
        (tmp_path / "plantrack.toml").write_text(dedent(text), encoding="utf-8")

    return write


def plan_with(fields: str, tables: str = "") -> Setup:
    """A plan whose one target has these fields (the rest of a growth target's)."""

    def write(cli: CliRun, tmp_path: Path) -> None:
        text = (
            f'[plan]\ntitle = "测试"\nyear = 2023\n{tables}\n[[section]]\nid = "s"\nname = "经济"\n\n'
            f'[[target]]\nid = "x"\nsection = "s"\nname = "指标"\nunit = "%"\ntarget = 6\n{fields}\n'
        )
        (tmp_path / "targets.toml").write_text(text, encoding="utf-8")

    return write


def ledger_text(text: str) -> Setup:
    def write(cli: CliRun, tmp_path: Path) -> None:
        (tmp_path / "actuals.toml").write_text(text, encoding="utf-8")

    return write


SMTP = '[smtp]\nhost = "127.0.0.1"\nport = 9\nsender = "fgj@example.gov.cn"\nsecurity = "none"\n'


def trickling_server(cli: CliRun, tmp_path: Path) -> None:
    """Mail settings for a server that sends its greeting one byte a second."""
    port = start_trickling_server()
    text = SMTP.replace("port = 9", f"port = {port}") + "deadline = 0.5\n"
    (tmp_path / "plantrack.toml").write_text(text, encoding="utf-8")


def title_over_two_lines(cli: CliRun, tmp_path: Path) -> None:
    plan = dedent(SMALL_PLAN).replace('title = "测试计划"', 'title = "测试计划\\n第二行"')
    (tmp_path / "targets.toml").write_text(plan, encoding="utf-8")
    mail_settings(SMTP)(cli, tmp_path)


REFUSALS: dict[str, tuple[Setup, tuple[str, ...]]] = {
    "unknown target": (nothing, ("record", "key-projcts", "5")),
    "not a number": (nothing, ("record", "key-projects", "abc", "-p", "2023-06")),
    "percent for a count": (nothing, ("record", "key-projects", "5%", "-p", "2023-06")),
    "negative total": (nothing, ("record", "key-projects", "-5", "-p", "2023-06")),
    "milestone above 100": (nothing, ("record", "city-parlour", "120", "-p", "2023-06")),
    "quarterly month": (nothing, ("record", "gdp-growth", "5", "-p", "2023-05")),
    "annual month": (nothing, ("record", "reimbursement-ratio", "56", "-p", "2023-05")),
    "future period": (nothing, ("record", "key-projects", "5", "-p", "2023-08")),
    "period outside the year": (nothing, ("record", "key-projects", "5", "-p", "2022-06")),
    "not a period": (nothing, ("record", "key-projects", "5", "-p", "June")),
    "ambiguous target": (nothing, ("record", "项目", "5", "-p", "2023-06")),
    "a second figure": (one_figure, ("record", "key-projects", "75", "-p", "2023-06")),
    "import: no file": (nothing, ("import", "missing.csv")),
    "import: empty": (csv_file(""), ("import", "june.csv")),
    "import: bad columns": (csv_file("target,period,valeu\n"), ("import", "june.csv")),
    "import: bad rows": (
        csv_file("target,period,value\nkey-projcts,2023-06,1\nkey-projects,June,2\n"),
        ("import", "june.csv"),
    ),
    "import: too many cells": (csv_file("target,period,value\na,b,c,d\n"), ("import", "june.csv")),
    "import: unknown encoding": (
        csv_file("target,period,value\n"),
        ("import", "june.csv", "--encoding", "klingon"),
    ),
    "import: not text": (binary_csv, ("import", "june.csv")),
    "import: a quote never closed": (
        csv_file('target,period,value,note\nkey-projects,2023-06,75,"per 发改局\na,b,c,d\n'),
        ("import", "june.csv"),
    ),
    "import: text after a quote": (
        csv_file('target,period,value\n"key-projects"x,2023-06,75\n'),
        ("import", "june.csv"),
    ),
    "import: over 50 MB": (big_csv, ("import", "june.csv")),
    "import xlsx: not a workbook": (csv_file("a,b\n", "june.xlsx"), ("import", "june.xlsx")),
    "import xlsx: unknown sheet": (
        xlsx_file(["指标", "期间", "数值"]),
        ("import", "june.xlsx", "--sheet", "nope"),
    ),
    "import xlsx: no header": (xlsx_file(), ("import", "june.xlsx")),
    "import xlsx: bad rows": (
        xlsx_file(["指标", "期间", "数值"], ["key-projcts", "2023-06", 1], ["a", "b", "c", "d"]),
        ("import", "june.xlsx"),
    ),
    "import xlsx: --encoding": (xlsx_file(["指标"]), ("import", "june.xlsx", "--encoding", "gbk")),
    "import csv: --sheet": (csv_file("a\n"), ("import", "june.csv", "--sheet", "x")),
    "import: a header of one column": (
        csv_file("target|period|value\nkey-projects|2023-06|1\n"),
        ("import", "june.csv"),
    ),
    "import: more problems than shown": (
        csv_file("target,period,value\n" + "key-projects,June,1\n" * 1001),
        ("import", "june.csv"),
    ),
    "import: a cell too long": (
        csv_file("target,period,value,note\nkey-projects,2023-06,75," + "x" * 10_001 + "\n"),
        ("import", "june.csv"),
    ),
    "import: a second figure": (
        lambda cli, tmp: (
            one_figure(cli, tmp),
            csv_file("target,period,value\nkey-projects,2023-06,2\n")(cli, tmp),
        )[0],
        ("import", "june.csv"),
    ),
    "template: no file": (nothing, ("template", "--period", "2023-06")),
    "template: not a period": (nothing, ("template", "-o", "t.xlsx", "--period", "June")),
    "template: outside the year": (nothing, ("template", "-o", "t.xlsx", "--period", "2022-06")),
    "template: unknown owner": (nothing, ("template", "-o", "t.xlsx", "--owner", "nope")),
    "template: nothing to report": (nothing, ("template", "-o", "t.xlsx", "--period", "2023-01")),
    "template: nothing for the owner": (
        nothing,
        ("template", "-o", "t.xlsx", "--period", "2023-06", "--owner", "医保局"),
    ),
    "as-of not a period": (nothing, ("status", "--as-of", "June")),
    "as-of outside the year": (nothing, ("status", "--as-of", "2022-06")),
    "unknown section": (nothing, ("status", "--section", "nope")),
    "unknown owner": (nothing, ("status", "--owner", "nope")),
    "unknown status": (nothing, ("status", "--only", "nope")),
    "bad fail-on": (nothing, ("status", "--fail-on", "nope")),
    "show: unknown target": (nothing, ("show", "nothing-like-it")),
    "history: unknown target": (nothing, ("history", "nothing-like-it")),
    "report: bad format": (nothing, ("report", "--format", "pdf")),
    "report: output folder missing": (nothing, ("report", "-o", "nowhere/r.txt")),
    "report: xlsx without a file": (nothing, ("report", "--format", "xlsx", "-o", "-")),
    "report: output is a folder": (lambda cli, tmp: (tmp / "out").mkdir(), ("report", "-o", "out")),
    "export: bad format": (nothing, ("export", "--format", "xml")),
    "export: xlsx without a file": (nothing, ("export", "--format", "xlsx")),
    "plan: every problem": (broken_plan, ("validate",)),
    "plan: syntax": (toml_syntax_error, ("validate",)),
    "plan: not found": (nothing, ("--plan", "nope/targets.toml", "validate")),
    "ledger: bad entry": (broken_ledger, ("status",)),
    "email: no settings": (nothing, ("email",)),
    "email: bad settings": (
        mail_settings(
            '[smtp]\nhots = "x"\nsender = "bob"\nsecurity = "tls"\nport = 0\n[email]\nsubject = "{titel}"\n'
        ),
        ("email",),
    ),
    "email: no recipients": (mail_settings(SMTP), ("email",)),
    "email: unknown attach": (
        mail_settings(SMTP + '[email]\nto = ["a@b.cn"]\nattach = ["xslx"]\n'),
        ("email", "--dry-run"),
    ),
    "email: bad --to": (mail_settings(SMTP), ("email", "--to", "bob")),
    "email: bad --subject": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn", "--subject", "{titel}"),
    ),
    "email: no password": (
        mail_settings(SMTP + 'username = "fgj"\nallow_plain_auth = true\n'),
        ("email", "--to", "a@b.cn"),
    ),
    "email: --subject with a format": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn", "--subject", "{title:>99999999}"),
    ),
    "email: --subject with an attribute": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn", "--subject", "{title.__class__}"),
    ),
    "email: --subject with a lone brace": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn", "--subject", "{title"),
    ),
    "email: --subject with a line break": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn", "--subject", "月报\r\nBcc: spy@example.com"),
    ),
    "email: --to with a line break": (
        mail_settings(SMTP),
        ("email", "--to", "a@b.cn\r\nBcc: spy@example.com"),
    ),
    "email: sender with a line break": (
        mail_settings(SMTP.replace('fgj@example.gov.cn"', 'fgj@example.gov.cn\\nBcc: x@y.cn"')),
        ("email", "--to", "a@b.cn"),
    ),
    "email: owner with a control character": (
        mail_settings(SMTP + '[owners."交通\\u0000局"]\nto = ["a@b.cn"]\n'),
        ("email", "--per-owner", "--dry-run", "-o", "outbox"),
    ),
    "email: a plan title over two lines": (title_over_two_lines, ("email", "--to", "a@b.cn")),
    "email: units in a plan without units": (
        mail_settings(SMTP + '[units.jiaotong]\nto = ["a@b.cn"]\n'),
        ("email", "--per-owner", "--dry-run", "--to", "a@b.cn"),
    ),
    "remind: no settings": (nothing, ("remind",)),
    "remind: units in a plan without units": (
        mail_settings(SMTP + '[units.jiaotong]\nto = ["a@b.cn"]\n'),
        ("remind", "--dry-run"),
    ),
    "remind: owners without addresses": (mail_settings(SMTP), ("remind",)),
    "remind: a read-only log": (
        lambda cli, tmp: (
            mail_settings(SMTP)(cli, tmp),
            (tmp / "reminders.toml").write_text(""),
            (tmp / "reminders.toml").chmod(0o444),
        )[0],
        ("remind",),
    ),
    "remind: a bad log": (
        lambda cli, tmp: (
            mail_settings(SMTP)(cli, tmp),
            (tmp / "reminders.toml").write_text('[[reminder]]\nunit = "x"\n'),
        )[0],
        ("remind",),
    ),
    "email: a bad webhook": (
        mail_settings(SMTP + '[webhook]\nkind = "slack"\nurl = "ftp://x.cn/?key=s3cret"\n'),
        ("email", "--to", "a@b.cn"),
    ),
    "email: password in clear": (
        mail_settings(SMTP + 'username = "fgj"\n'),
        ("email", "--to", "a@b.cn"),
    ),
    "email: the deadline passes": (trickling_server, ("email", "--to", "a@b.cn")),
    "email: nothing listening": (mail_settings(SMTP), ("email", "--to", "a@b.cn")),
    "plausible: over three times": (nothing, ("record", "key-projects", "500", "-p", "2023-06")),
    "plausible: a fraction of a count": (
        nothing,
        ("record", "key-projects", "70.5", "-p", "2023-06"),
    ),
    "plausible: a percentage out of range": (
        nothing,
        ("record", "gdp-growth", "1500", "-p", "2023-06"),
    ),
    "plausible: a falling total": (one_figure, ("record", "key-projects", "80", "-p", "2023-05")),
    "plausible: an import": (
        csv_file("target,period,value\nkey-projects,2023-06,500\n"),
        ("import", "june.csv"),
    ),
    "a month not over": (nothing, ("record", "key-projects", "5", "-p", "2023-07")),
    "withdraw: nothing": (nothing, ("record", "key-projects", "-p", "2023-06", "--withdraw")),
    "withdraw: with a value": (
        nothing,
        ("record", "key-projects", "5", "-p", "2023-06", "--withdraw"),
    ),
    "record: no value": (nothing, ("record", "key-projects", "-p", "2023-06")),
    "plan: wrong way round": (plan_with('kind = "growth"\nqualifier = "at_most"'), ("validate",)),
    "plan: a total going down": (plan_with('kind = "total"\ndirection = "down"'), ("validate",)),
    "plan: a limit without direction": (plan_with('kind = "limit"'), ("validate",)),
    "plan: follows an unknown target": (
        plan_with('kind = "growth"\nfollows = "nope"'),
        ("validate",),
    ),
    "plan: follows itself": (plan_with('kind = "growth"\nfollows = "x"'), ("validate",)),
    "plan: calendar and rules": (
        plan_with(
            'kind = "growth"',
            '[calendar]\nmonthly_due_day = 0\njan_feb_combined = "no"\n[rules]\nmode = "points"\nat_risk_points = 40\n',
        ),
        ("validate",),
    ),
    "ledger: a withdrawal with a value": (
        ledger_text(
            '[[entry]]\ntarget = "key-projects"\nperiod = "2023-06"\nvalue = 1\nwithdrawn = true\nrecorded_at = "x"\nby = "me"\n'
        ),
        ("status",),
    ),
    "output: the ledger": (one_figure, ("report", "-o", "actuals.toml")),
    "blank target": (nothing, ("record", "  ", "5", "-p", "2023-06")),
    "a figure too large": (nothing, ("record", "key-projects", "1e16", "-p", "2023-06")),
    "plan: a target too large": (plan_with('kind = "growth"\nstretch = 1e308'), ("validate",)),
    "plan: a target too small": (plan_with('kind = "growth"\nstretch = 5e-324'), ("validate",)),
    "plan: a line break in a name": (
        plan_with('kind = "growth"\nowner = "交通\\n局"'),
        ("validate",),
    ),
    "plan: nested too deep": (
        lambda cli, tmp: (tmp / "targets.toml").write_text("x = " + "[" * 5000, encoding="utf-8"),
        ("validate",),
    ),
    "ledger: a value too large": (
        ledger_text(
            '[[entry]]\ntarget = "key-projects"\nperiod = "2023-06"\nvalue = 1e308\nrecorded_at = "x"\nby = "me"\n'
        ),
        ("status",),
    ),
    "ledger: a number too long": (
        ledger_text(
            '[[entry]]\ntarget = "key-projects"\nperiod = "2023-06"\nvalue = 1'
            + "0" * 5000
            + '\nrecorded_at = "x"\nby = "me"\n'
        ),
        ("status",),
    ),
    "ledger folder: a link": (
        lambda cli, tmp: (
            (tmp / "ledger").mkdir(),
            (tmp / "ledger" / "x.toml").symlink_to(tmp / "targets.toml"),
        ),
        ("status", "--ledger", "ledger"),
    ),
    "ledger folder: a pipe": (
        lambda cli, tmp: ((tmp / "ledger").mkdir(), os.mkfifo(tmp / "ledger" / "x.toml")),
        ("status", "--ledger", "ledger"),
    ),
    "ledger folder: read-only": (
        lambda cli, tmp: (tmp / "ledger").mkdir(mode=0o555),
        ("record", "key-projects", "5", "-p", "2023-06", "--ledger", "ledger"),
    ),
    "ledger folder: a file": (
        one_figure,
        ("record", "key-projects", "5", "-p", "2023-05", "--ledger", "actuals.toml/"),
    ),
    "ledger folder: a folder for a file": (
        lambda cli, tmp: (tmp / "ledger" / "_plan.toml").mkdir(parents=True),
        ("record", "key-projects", "5", "-p", "2023-06", "--ledger", "ledger"),
    ),
    "ledger folder: a broken file": (
        lambda cli, tmp: (
            (tmp / "ledger").mkdir(),
            (tmp / "ledger" / "x.toml").write_text("[[entry]]\nwho = 1\n", encoding="utf-8"),
        ),
        ("status", "--ledger", "ledger"),
    ),
    "usage: unknown option": (nothing, ("status", "--nope")),
    "usage: missing argument": (nothing, ("record", "key-projects")),
    "usage: extra argument": (nothing, ("show", "key-projects", "extra")),
    "usage: unknown command": (nothing, ("stauts",)),
    "usage: option without its value": (nothing, ("status", "--as-of")),
    "usage: flag with a value": (nothing, ("status", "--json=yes")),
    "usage: one value twice": (nothing, ("status", "--as-of", "2023-05", "--as-of=2023-06")),
}


def refusal(cli: CliRun, tmp_path: Path, case: str, *lang: str, env: dict[str, str] | None = None):
    setup, arguments = REFUSALS[case]
    setup(cli, tmp_path)
    return cli(*lang, *arguments, env={**TODAY, **(env or {})})


@pytest.mark.usefixtures("small_plan")
@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_is_in_chinese_under_lang_zh(cli: CliRun, tmp_path: Path, case: str) -> None:
    result = refusal(cli, tmp_path, case, "--lang", "zh")
    assert result.exit_code in (1, 2), (case, result.stdout)
    lines = result.stderr.splitlines()
    assert lines, case
    for line in lines:
        assert "Traceback" not in line
        assert CJK.search(line), f"{case}: no Chinese in {line!r}"
        assert not english_in(line), f"{case}: English in {line!r}"


@pytest.mark.usefixtures("small_plan")
@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_is_in_english_under_an_english_locale(
    cli: CliRun, tmp_path: Path, case: str
) -> None:
    result = refusal(cli, tmp_path, case)
    assert result.exit_code in (1, 2)
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        assert english_in(line) or not CJK.search(line), line


@pytest.mark.usefixtures("small_plan")
@pytest.mark.parametrize(
    "how",
    [{"PLANTRACK_LANG": "zh"}, {"LANG": "zh_CN.UTF-8"}, {"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}],
)
def test_the_environment_chooses_chinese_too(
    cli: CliRun, tmp_path: Path, how: dict[str, str]
) -> None:
    result = refusal(cli, tmp_path, "unknown target", env=how)
    assert result.stderr.startswith("TARGET: 没有指标“key-projcts”")
    usage = refusal(cli, tmp_path, "usage: unknown option", env=how)
    assert usage.stderr.startswith("--nope: 没有这个选项")


def test_a_language_plantrack_does_not_speak_is_refused_in_the_one_it_does(
    cli: CliRun, small_plan: Path
) -> None:
    result = cli("--lang", "fr", "validate", env={"PLANTRACK_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (
        1,
        "--lang: “fr”不是 plantrack 支持的语言；请用 zh 或 en\n",
    )


# ── help ──────────────────────────────────────────────────────────────────────


def every_command() -> list[str]:
    group = typer.main.get_command(app)
    return ["", *group.commands]  # type: ignore[attr-defined]


def help_texts(command: str, lang: str) -> list[str]:
    """The catalogue's help for the command and each of its parameters, in one language."""
    group = typer.main.get_command(app)
    click_command = group.commands[command] if command else group  # type: ignore[attr-defined]
    name = command or "plantrack"
    texts = [label(f"help.cmd.{name}", lang).split("\n")[0]]  # type: ignore[arg-type]
    for param in click_command.params:
        kind = "arg" if param.param_type_name == "argument" else "opt"
        texts.append(label(help_key(name, param.name or "", kind), lang))  # type: ignore[arg-type]
    return texts


@pytest.mark.parametrize("command", every_command())
@pytest.mark.parametrize(
    "how",
    ["--lang before", "--lang after", "--lang after -h", "PLANTRACK_LANG", "locale"],
)
def test_help_is_in_chinese(cli: CliRun, command: str, how: str) -> None:
    words = [command] if command else []
    arguments, env = {
        "--lang before": (["--lang", "zh", *words, "-h"], {}),
        "--lang after": ([*words, "--lang", "zh", "-h"], {}),
        "--lang after -h": ([*words, "-h", "--lang", "zh"], {}),
        "PLANTRACK_LANG": ([*words, "-h"], {"PLANTRACK_LANG": "zh"}),
        "locale": ([*words, "-h"], {"LANG": "zh_CN.UTF-8"}),
    }[how]
    result = cli(*arguments, env=env)
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert flat.startswith("用法：plantrack")
    for english, chinese in zip(help_texts(command, "en"), help_texts(command, "zh"), strict=True):
        assert " ".join(english.split())[:30] not in flat
        assert " ".join(chinese.split())[:12] in flat
    for heading in ("Usage", "Options", "Arguments", "Commands", "Show this message"):
        assert heading not in result.stdout
    assert not english_in(result.stdout), english_in(result.stdout)


@pytest.mark.parametrize("command", every_command())
def test_help_is_in_english(cli: CliRun, command: str) -> None:
    result = cli(*([command] if command else []), "-h")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert flat.startswith("Usage: plantrack")
    for english in help_texts(command, "en"):
        assert " ".join(english.split())[:30] in flat
    assert not CJK.search(
        result.stdout.replace("序时进度", "")
        .replace("统计局月报", "")
        .replace("国民经济和社会发展计划", "")
    )


@pytest.mark.usefixtures("small_plan")
def test_an_option_given_two_values_is_refused_not_settled_by_the_last(cli: CliRun) -> None:
    refused = cli("record", "key-projects", "5", "-p", "2023-05", "--period", "2023-06")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "--period is given different values (2023-05, 2023-06) and takes one; keep one --period\n",
    )
    # The same value twice, and flags twice, are harmless.
    same = cli("status", "--as-of", "2023-05", "--as-of", "2023-05", "--json", "--json")
    assert same.exit_code == 0, same.stderr
