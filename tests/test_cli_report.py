"""`plantrack report`: text, Markdown, HTML, CSV and JSON, each in the same order."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import CliRun

TODAY = {"PLANTRACK_TODAY": "2023-07-15"}


def report(cli: CliRun, *args: str) -> str:
    result = cli("report", *args, env=TODAY)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.usefixtures("june_figures")
class TestText:
    def test_headline_then_attention_then_sections(self, cli: CliRun) -> None:
        out = report(cli)
        lines = out.splitlines()
        assert lines[:4] == [
            "Test plan",
            "As of 2023-06: 50% of the year elapsed",
            "6 targets counted: ✔ achieved 0, ● on track 2, ▲ at risk 1, ✖ off track 2,",
            "    ✘ missed 0, ○ no data 1; overdue 1",  # a status and its count stay together
        ]
        attention = out.index("Needs attention")
        economy = out.index("== Economy ==")
        assert attention < economy
        block = out[attention:economy]
        # off track first, then at risk, then overdue
        assert block.index("GDP growth") < block.index("City parlour")
        assert block.index("Rural roads") < block.index("City parlour")
        assert (
            "✖ off track  GDP growth: 4.4% (2023-06), goal about 6%, 1.6 points below target"
            in block
        )
        assert "▲ at risk overdue  City parlour started: 40% (2023-03)" in block

    def test_plain_and_within_80_columns(self, cli: CliRun) -> None:
        for lang in ("en", "zh"):
            out = report(cli, "--lang", lang)
            assert "\x1b" not in out
            assert max(cell_len(line) for line in out.splitlines()) <= 80

    def test_chinese(self, cli: CliRun) -> None:
        out = report(cli, "--lang", "zh")
        assert "需要关注（未完成、滞后、预警、逾期未报）" in out
        assert "✖ 滞后  地区生产总值增长：4.4%（6月），目标6%左右，低于目标1.6个百分点" in out
        assert "【经济】" in out

    def test_owner_narrows_the_report(self, cli: CliRun) -> None:
        out = report(cli, "--owner", "交通局")
        assert "Rural roads" in out and "Key projects" not in out
        assert "1 target counted" in out


@pytest.mark.usefixtures("june_figures")
def test_markdown(cli: CliRun) -> None:
    out = report(cli, "--format", "markdown")
    assert out.startswith("# Test plan\n")
    assert "| achieved | on track | at risk | off track | missed | no data | overdue |" in out
    assert out.index("## Needs attention") < out.index("## Economy") < out.index("## Social")
    assert (
        "| ✖ off track | GDP growth | about 6% | 4.4% (2023-06) | 5.5% |  | 1.6 points below target |"
        in out
    )


class HtmlStructure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.styles += [value or "" for name, value in attrs if name == "style"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> HtmlStructure:
    parser = HtmlStructure()
    parser.feed(text)
    return parser


@pytest.mark.usefixtures("june_figures")
def test_html_is_self_contained_with_inline_styles(cli: CliRun, small_plan: Path) -> None:
    page = parse_html(report(cli, "--format", "html"))
    assert page.tags[:6] == ["html", "head", "meta", "meta", "title", "style"]
    assert page.tags.count("style") == 1  # the phone layout; the desktop one is inline
    assert "script" not in page.tags and "link" not in page.tags
    assert page.tags.count("table") == 3  # attention, then the two sections
    text = "".join(page.text)
    assert text.index("Needs attention") < text.index("Economy") < text.index("Social")
    assert any("width:47%" in style for style in page.styles)  # key projects' bar, 70 of 150
    assert any("#c62828" in style for style in page.styles)  # off track in red


def test_html_escapes_every_name(cli: CliRun, small_plan: Path) -> None:
    small_plan.write_text(
        small_plan.read_text(encoding="utf-8").replace(
            'name_en = "Key projects"', 'name_en = "<script>alert(1)</script> & co"'
        ),
        encoding="utf-8",
    )
    cli("record", "key-projects", "70", "-p", "2023-06", env=TODAY)
    out = report(cli, "--format", "html")
    page = parse_html(out)
    assert "script" not in page.tags
    assert "<script>alert(1)</script> & co" in "".join(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in out


@pytest.mark.usefixtures("june_figures")
def test_csv_numbers_and_formula_safety(cli: CliRun, small_plan: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(cli, "--format", "csv"))))
    projects = next(r for r in rows if r["id"] == "key-projects")
    assert (projects["actual"], projects["expected"], projects["status"]) == (
        "70",
        "75",
        "on track",
    )
    assert projects["progress"] == "46.7%"  # 70 of 150, for people in Excel
    assert projects["stale"] == "false"
    intensity = next(r for r in rows if r["id"] == "energy-intensity")
    assert intensity["actual"] == "-2.6"  # a negative number stays a number
    assert len(rows) == 7


@pytest.mark.usefixtures("june_figures")
def test_csv_follows_the_language_for_people_in_excel(cli: CliRun) -> None:
    rows = list(csv.DictReader(io.StringIO(report(cli, "--format", "csv", "--lang", "zh"))))
    assert list(rows[0])[:4] == ["板块", "编号", "指标", "责任单位"]
    projects = next(r for r in rows if r["编号"] == "key-projects")
    assert (projects["指标"], projects["状态"], projects["完成进度"]) == (
        "重点项目",
        "正常推进",
        "46.7%",
    )
    assert (projects["实际"], projects["计量单位"], projects["逾期未报"]) == ("70", "个", "否")
    gdp = next(r for r in rows if r["编号"] == "gdp-growth")
    assert gdp["完成进度"] == ""  # a growth rate has no share done


@pytest.mark.usefixtures("june_figures")
def test_json_keys_and_values_do_not_follow_the_language(cli: CliRun) -> None:
    english = json.loads(report(cli, "--format", "json", "--lang", "en"))
    chinese = json.loads(report(cli, "--format", "json", "--lang", "zh"))
    assert list(chinese["targets"][0]) == list(english["targets"][0])
    projects = next(t for t in chinese["targets"] if t["id"] == "key-projects")
    assert (projects["status"], projects["progress"]) == ("on_track", pytest.approx(70 / 150))


def test_csv_text_cells_are_formula_safe(cli: CliRun, small_plan: Path) -> None:
    small_plan.write_text(
        small_plan.read_text(encoding="utf-8").replace(
            'name_en = "Key projects"', 'name_en = "=HYPERLINK(1)"'
        ),
        encoding="utf-8",
    )
    rows = list(csv.DictReader(io.StringIO(report(cli, "--format", "csv"))))
    assert next(r for r in rows if r["id"] == "key-projects")["name"] == "'=HYPERLINK(1)"


@pytest.mark.usefixtures("june_figures")
def test_json_is_the_status_contract(cli: CliRun) -> None:
    assert json.loads(report(cli, "--format", "json")) == json.loads(
        cli("status", "--json", env=TODAY).stdout
    )


@pytest.mark.usefixtures("june_figures")
def test_output_file_and_csv_bom(cli: CliRun, tmp_path: Path) -> None:
    result = cli("report", "--format", "csv", "-o", "june.csv", env=TODAY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "Wrote june.csv\n"
    assert (tmp_path / "june.csv").read_bytes().startswith(b"\xef\xbb\xbfsection,id,")


def test_bad_format_and_output_folder(cli: CliRun, small_plan: Path) -> None:
    result = cli("report", "--format", "pdf", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "--format: 'pdf' is not one of text, markdown, html, csv, json, xlsx\n",
    )
    result = cli("report", "-o", "nowhere/r.txt", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "-o: the folder nowhere does not exist; create it or choose another path\n",
    )


def test_output_to_a_folder_is_refused_before_any_work(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    result = cli("report", "-o", "out", env=TODAY)
    assert (result.exit_code, result.stderr) == (
        1,
        "-o: out is a folder; give a file name, such as out/report.html\n",
    )


def test_a_demo_report_says_so_and_leaves_the_ledger_alone(
    cli: CliRun, small_plan: Path, tmp_path: Path
) -> None:
    status_demo = json.loads(cli("status", "--demo", "--json", env=TODAY).stdout)
    for lang, banner in (
        ("zh", "演示数据：以下数字为示意，并非真实报送数据"),
        ("en", "DEMO: illustrative figures, not reported data"),
    ):
        lines = report(cli, "--demo", "--lang", lang).splitlines()
        assert lines[1] == banner
        assert "**" + banner + "**" in report(cli, "--demo", "--format", "markdown", "--lang", lang)
    # The demo report reads the figures status --demo shows.
    summary = status_demo["summary"]
    text = report(cli, "--demo")
    assert f"As of {status_demo['as_of']}" in text
    assert f"✔ achieved {summary['achieved']}, ● on track {summary['on_track']}," in text
    assert summary["achieved"] + summary["on_track"] > 0
    assert not (tmp_path / "actuals.toml").exists()
