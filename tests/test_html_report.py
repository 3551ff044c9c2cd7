"""The HTML report (and so the mail's HTML part) on a phone: a viewport, one media query that
turns targets into cards, inline SVG charts with text alternatives, nothing to fetch, and
markup that parses and balances."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from functools import cache
from html.parser import HTMLParser

import pytest

from plantrack import api
from plantrack.core.messages import Lang
from plantrack.present.reports import ReportInput, report_html
from tests.conftest import SHIPPED_PLAN

VOID = {"meta", "br", "img", "input", "hr", "link", "col", "area", "base", "source", "wbr"}
# SVG elements that are written self-closed (<rect .../>)
SELF_CLOSED = {"rect", "line", "circle", "polyline", "path"}


@cache
def shipped(lang: Lang, month: int = 6) -> tuple[ReportInput, str]:
    plan = api.load_plan(SHIPPED_PLAN)
    assessment = api.assess(
        plan, (), as_of=f"{plan.year}-{month:02d}", demo=True, today=date(plan.year, 7, 21)
    )
    report = ReportInput.of(assessment, assessment.scope, lang)
    return report, report_html(report)


class Page(HTMLParser):
    """Tags in order, whether they balance, and every attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.problems: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_style = tag == "style"
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag not in SELF_CLOSED:
            self.problems.append(f"<{tag}/> is not an SVG shape")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parsed(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_well_formed_and_balanced(lang: Lang) -> None:
    _, text = shipped(lang)
    page = parsed(text)
    assert page.problems == []
    assert page.open == []
    assert page.tags[:6] == ["html", "head", "meta", "meta", "title", "style"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_viewport_and_one_media_query_with_the_card_layout(lang: Lang) -> None:
    _, text = shipped(lang)
    page = parsed(text)
    assert ("meta", "name", "viewport") in page.attributes
    assert ("meta", "content", "width=device-width,initial-scale=1") in page.attributes
    assert page.tags.count("style") == 1
    [style] = page.styles
    phone = style[style.index("@media (max-width:600px){") :]
    # each table element a block, each target (its <tbody>) a card, the header hidden
    assert "table.pt,table.pt thead,table.pt tbody,table.pt tr,table.pt td{display:block" in phone
    assert re.search(r"table\.pt tbody\{border:[^}]*border-radius", phone)
    assert "table.pt thead,table.pt td.pt-e{display:none" in phone
    # the desktop table is drawn by inline styles, so it survives a client that drops <style>
    inline = [value for tag, name, value in page.attributes if name == "style" and tag == "td"]
    assert inline and all("padding" in value for value in inline)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_chart_per_target_needing_attention_and_the_status_bar(lang: Lang) -> None:
    report, text = shipped(lang)
    # One chart per target needing attention that has figures; one with none has no chart.
    attention = [row for row in report.attention() if row.actual is not None]
    svgs = re.findall(r"<svg\b.*?</svg>", text, re.DOTALL)
    assert len(attention) > 10 and len(attention) < len(report.attention())
    assert len(svgs) == len(attention) + 1
    names = [row.target.label(lang) for row in attention]
    for svg, name in zip(svgs[1:], names, strict=True):
        root = ElementTree.fromstring(svg)  # each chart is well-formed XML
        assert root.get("role") == "img"
        alt = root.get("aria-label") or ""
        assert alt.startswith(name)
        title = root.find("title")
        assert title is not None and title.text == alt
        assert root.findall("polyline") or root.findall("circle")
        assert len(svg.encode()) < 4000  # a few KB
    bar = ElementTree.fromstring(svgs[0])
    counts = [int(text.text or "") for text in bar.findall("text")]
    assert sum(counts) <= sum(report.counts[s] for s in report.counts if s != "stale")
    assert len(bar.findall("rect")) == sum(
        1 for key, n in report.counts.items() if n and key != "stale"
    )


def test_text_alternatives_are_in_the_readers_language() -> None:
    zh = shipped("zh")[1]
    en = shipped("en")[1]
    assert 'aria-label="各状态指标数：✔ 已完成' in zh
    assert "逐月实际与序时要求：1-2月实际" in zh
    assert 'aria-label="Targets by status: ✔ achieved' in en
    assert "actual against expected month by month: Jan-Feb actual" in en
    assert "实际" not in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_is_fetched_or_run(lang: Lang) -> None:
    _, text = shipped(lang)
    page = parsed(text)
    assert not {"script", "link", "img", "iframe", "object", "embed", "image", "use"} & set(
        page.tags
    )
    for _, name, value in page.attributes:
        if name in ("src", "href", "xlink:href", "srcset", "action"):
            pytest.fail(f"{name}={value!r}")
        assert not name.startswith("on"), name
    assert not re.search(r"https?://", text)
    assert "@import" not in text and "@font-face" not in text and "url(" not in text


def test_a_number_is_never_broken_from_its_unit_in_a_cell() -> None:
    _, text = shipped("zh")
    assert '<span style="white-space:nowrap">18.3个百分点</span>' in text


def test_charts_stop_at_the_limit_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from plantrack.present import reports

    report, _ = shipped("en")
    monkeypatch.setattr(reports, "CHART_LIMIT", 3)
    text = report_html(report)
    assert text.count("<svg") == 1 + 3
    assert "More than 3 targets need attention: only the first 3 have a monthly chart" in text
    assert text.count('<td class="pt-n"') == len(report.attention()) + len(report.rows)
