"""Charts in a browser: at a phone's width (390 px) and a wide screen's (1,400 px) no page scrolls sideways, no
chart is wider than its column and no two axis labels overlap; chart text is at least 11 px; in the dark theme
charts are not white boxes; a chart's cite link writes the figure's citation.

Runs on the e2e book (``book``), or on an existing build when ``SCALING_BOOK_BUILT`` names its project root.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaling_book.inputs.settings import book_metadata

from .test_build_e2e import html_pages, offline_browser

pytestmark = pytest.mark.e2e

WIDTHS = (390, 1400)
MIN_HTML_PX = 11.0
ALL_DRAWN = "() => [...document.querySelectorAll('div.sb-chart')].every(chart => chart.dataset.state)"
MEASURE = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  charts: [...document.querySelectorAll('div.sb-chart')].map(chart => {
    const svg = chart.querySelector('.sb-chart-view svg');
    const sizes = [...chart.querySelectorAll('svg text')].map(text => parseFloat(getComputedStyle(text).fontSize));
    return {
      id: chart.id,
      state: chart.dataset.state,
      chart: svg ? svg.getBoundingClientRect().width : -1,
      column: chart.getBoundingClientRect().width,
      smallest: sizes.length ? Math.min(...sizes) : null,
      overlapping: [...chart.querySelectorAll('g.role-axis-label')].flatMap(group => {
        const shown = [...group.querySelectorAll('text')].filter(text => parseFloat(getComputedStyle(text).opacity) > 0);
        const boxes = shown.map(text => [text.textContent, text.getBoundingClientRect()]);  // Vega hides some
        return boxes.flatMap(([name, a], i) => boxes.slice(i + 1)
          .filter(([, b]) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
            && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
          .map(([other]) => name + ' / ' + other));
      }),
    };
  }),
})"""


@pytest.fixture(scope="module")
def built_root(request) -> Path:
    given = os.environ.get("SCALING_BOOK_BUILT")
    return Path(given) if given else request.getfixturevalue("book")


@pytest.fixture(scope="module")
def measured(built_root) -> dict[int, dict[str, dict]]:
    """Per viewport width and page: how far the page scrolls sideways and each chart's width, column and text."""
    pages = [path for path in html_pages(built_root) if path.is_file()]
    found: dict[int, dict[str, dict]] = {}
    with offline_browser() as (context, _):
        for width in WIDTHS:
            for path in pages:
                page = context.new_page()
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(path.as_uri())
                if page.locator("div.sb-chart").count():
                    page.wait_for_function(ALL_DRAWN, timeout=60_000)
                found.setdefault(width, {})[path.name] = page.evaluate(MEASURE)
                page.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(measured, width):
    assert {name: page["page"] for name, page in measured[width].items() if page["page"] > 0} == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_is_drawn_no_wider_than_its_column(measured, width):
    pages = measured[width]
    assert sum(len(page["charts"]) for page in pages.values()) >= 30
    too_wide = {
        chart["id"]: (round(chart["chart"]), round(chart["column"]))
        for page in pages.values()
        for chart in page["charts"]
        if chart["state"] != "drawn" or chart["chart"] > chart["column"] + 0.5
    }
    assert too_wide == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_two_axis_labels_of_a_chart_overlap(measured, width):
    overlapping = {
        chart["id"]: chart["overlapping"][:3]
        for page in measured[width].values()
        for chart in page["charts"]
        if chart["overlapping"]
    }
    assert overlapping == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_at_least_11_px(measured, width):
    small = {
        chart["id"]: chart["smallest"]
        for page in measured[width].values()
        for chart in page["charts"]
        if chart["smallest"] is not None and chart["smallest"] < MIN_HTML_PX
    }
    assert small == {}


def test_charts_are_not_white_boxes_in_the_dark_theme(built_root):
    path = next(path for path in html_pages(built_root) if path.is_file() and "sb-chart" in path.read_text("utf-8"))
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
        shown = page.eval_on_selector("div.sb-chart .sb-chart-view svg", "svg => getComputedStyle(svg).filter")
    assert "invert" in shown


def test_the_audit_filter_hides_the_rows_of_other_verdicts(built_root):
    path = built_root / "_build/html/chapters/method/audit.html"
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".sb-audit-filter select")
        total = page.evaluate(
            "() => document.querySelector('.sb-audit-filter').nextElementSibling.tBodies[0].rows.length"
        )
        page.select_option(".sb-audit-filter select[aria-label='Overall verdict']", "consistent")
        counted = page.inner_text(".sb-audit-filter span")
        visible = page.evaluate(
            "() => [...document.querySelector('.sb-audit-filter').nextElementSibling.tBodies[0].rows]"
            ".filter(row => row.style.display !== 'none').map(row => row.cells[0].textContent.trim())"
        )
    assert total > 100 and visible and set(visible) == {"consistent"}
    assert counted == f"{len(visible)} of {total} checks shown"


def test_cite_this_figure_writes_the_figure_into_the_book_citation(built_root):
    path = built_root / "_build/html/chapters/levels/l4.html"
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        chart = "div.sb-chart#sb-chart-fig-level-options"
        hidden_before = page.eval_on_selector(f"{chart} .sb-chart-citation", "node => node.hidden")
        page.click(f"{chart} a.sb-chart-cite")
        citation = page.inner_text(f"{chart} .sb-chart-citation")
        number = page.inner_text("figure#fig-level-options .caption-number").strip()
    metadata = book_metadata()
    assert hidden_before
    assert (
        f"\u201c{number}: Rival options the seeds name for each technology area, one panel per level\u201d" in citation
    )
    assert f"version {metadata.version}" in citation and metadata.title in citation
    address = (metadata.url or "").rstrip("/")
    where = (
        f"{address}/chapters/levels/l4.html#fig-level-options"
        if address
        else "chapters/levels/l4.html#fig-level-options"
    )
    assert citation.endswith(where if address else f"{where} in the HTML edition")
