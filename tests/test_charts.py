"""Chart specs: colours told apart without hue, readable numbers, PDF figures with print-size text, and the HTML
parts (description, source line, download bar). The ``slow`` tests check every chart the book makes."""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from scaling_book.render.figures import (
    MAX_PDF_WIDTH,
    PDF_COLUMN_PT,
    VL_VERSION,
    ChartFigure,
    drawn_width,
    static_spec,
)
from scaling_book.views.charts import PALETTE, framework, method, power_label_expr, shape_scale

from .conftest import ROOT

MIN_LUMINANCE_GAP = 0.1  # relative luminance (0 black … 1 white) between any two colours of one colour scale
SECOND_CHANNELS = ("shape", "strokeDash", "text")  # channels that tell categories apart without colour
MIN_PDF_POINTS = 8.0
SVG_FONT = re.compile(r'font-size="([0-9.]+)px"|font-size:\s*([0-9.]+)px')
VIEW_CALL = re.compile(r"results :?= (\w+)\(([^)]*)\)")
VIEW_IMPORT = re.compile(r"from (scaling_book\.[\w.]+) import ([\w, ]+)")


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour."""
    channels = [int(colour.lstrip("#")[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _views(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("layer", []):
        yield from _views(child)
    if isinstance(node.get("spec"), dict):
        yield from _views(node["spec"])


def colour_problems(spec: dict[str, Any]) -> list[str]:
    """Why the categories of a chart's colour scale could be confused without hue ([] when they cannot)."""
    views = list(_views(spec))
    rows: list[dict[str, Any]] = next(iter(spec.get("datasets", {}).values()), [])
    problems = []
    for view in views:
        colour = view.get("encoding", {}).get("color")
        if not isinstance(colour, dict) or "field" not in colour:
            continue
        field = colour["field"]
        paired = any(
            isinstance(other.get("encoding", {}).get(channel), dict)
            and other["encoding"][channel].get("field") == field
            for other in views
            for channel in SECOND_CHANNELS
        )
        if paired:
            continue
        scale = colour.get("scale") or {}
        values = scale.get("domain") or list(dict.fromkeys(str(row.get(field)) for row in rows))
        colours = scale.get("range") or PALETTE[: len(values)]
        for first, second in itertools.combinations(colours[: len(values)], 2):
            gap = abs(relative_luminance(first) - relative_luminance(second))
            if gap < MIN_LUMINANCE_GAP:
                problems.append(f"{field}: {first} and {second} differ in luminance by {gap:.3f}")
    return problems


def svg_font_sizes(svg: str) -> list[float]:
    return [float(size or other) for size, other in SVG_FONT.findall(svg)]


def book_figures() -> list[ChartFigure]:
    """Every chart the book's chapters make, built from each chapter's one view call."""
    figures = []
    for chapter in sorted((ROOT / "chapters").rglob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        call = VIEW_CALL.search(text)
        if not call:
            continue
        modules = {name.strip(): module for module, names in VIEW_IMPORT.findall(text) for name in names.split(",")}
        view = getattr(importlib.import_module(modules[call.group(1)]), call.group(1))
        arguments = [argument.strip().strip("\"'") for argument in call.group(2).split(",") if argument.strip()]
        results = view(*arguments)
        figures += [ChartFigure(label, chart.chart, chart.source) for label, chart in results.charts.items()]
    return figures


@pytest.fixture(scope="module")
def figures() -> list[ChartFigure]:
    return book_figures()


def _two_colour_chart(colours: list[str], *, shape: bool = False) -> dict[str, Any]:
    frame = pd.DataFrame({"x": [1, 2], "y": [1, 2], "group": ["a", "b"]})
    encoding: dict[str, Any] = {
        "color": alt.Color("group:N", scale=alt.Scale(domain=["a", "b"], range=colours)),
    }
    if shape:
        encoding["shape"] = alt.Shape("group:N", scale=shape_scale(["a", "b"]))
    chart = alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q", **encoding)
    return ChartFigure("fig-test-colours", chart, "synthetic").spec


def test_colours_of_like_lightness_are_a_problem_unless_a_second_channel_tells_them_apart():
    orange_and_green = ["#e4812f", "#3a9e5a"]  # the old palette's second and third colours: 0.32 and 0.26
    assert colour_problems(_two_colour_chart(orange_and_green)) != []
    assert colour_problems(_two_colour_chart(orange_and_green, shape=True)) == []
    assert colour_problems(_two_colour_chart(["#1b6ca8", "#f0b44c"])) == []


def test_the_first_five_category_colours_differ_in_lightness():
    lightness = sorted(relative_luminance(colour) for colour in PALETTE[:5])
    assert min(later - earlier for earlier, later in itertools.pairwise(lightness)) >= MIN_LUMINANCE_GAP


def test_levels_are_ordered_dark_to_light():
    lightness = [relative_luminance(method.OUTCOME_COLOURS[level]) for level in ("L4", "L3", "L2", "L1", "L0")]
    assert lightness == sorted(lightness)


def test_log_axes_write_powers_of_ten_with_superscripts():
    frame = pd.DataFrame({"year": [2010, 2020], "flop": [1e17, 3e25]})
    chart = (
        alt.Chart(frame)
        .mark_point()
        .encode(x="year:Q", y=alt.Y("flop:Q", scale=alt.Scale(type="log"), axis=alt.Axis(labelExpr=power_label_expr())))
    )
    svg = vlc.vegalite_to_svg(ChartFigure("fig-test-log", chart, "synthetic").spec, vl_version=VL_VERSION)
    assert ">10²⁰<" in svg and ">10²⁵<" in svg
    assert not re.search(r">[^<]*e\+[^<]*<", svg)  # no drawn text in e-notation


def test_the_pdf_figure_of_a_wide_chart_is_narrowed_to_keep_its_text_at_print_size():
    tasks = pd.DataFrame(
        {
            "name_en": [f"A long task name number {index} that takes room" for index in range(4)],
            "name_zh": ["一个很长的任务名称"] * 4,
            "layer_en": "hardware",
            "start": pd.to_datetime(["2024-01-01"] * 4).date,
            "end": pd.to_datetime(["2026-01-01"] * 4).date,
            "status_on_as_of": "under way",
            "milestone": False,
            "seed_status": "",
            "as_of": pd.to_datetime(["2025-06-01"] * 4).date,
        }
    )
    figure = ChartFigure("fig-test-wide", framework.timeline_gantt(tasks), "synthetic")
    assert drawn_width(figure.spec) > MAX_PDF_WIDTH  # as drawn in HTML before fitting, it would print small
    assert drawn_width(figure.static_spec()) <= MAX_PDF_WIDTH
    assert figure.static_spec()["width"] < figure.spec["width"]


def test_the_html_of_a_chart_describes_it_and_offers_its_data_and_images():
    frame = pd.DataFrame({"year": [2020, 2021], "players": [3, 5], "quote_zh": ["", ""]})
    figure = ChartFigure("fig-test-html", framework.players_bars(frame), "seed 001")
    page = figure.html()
    assert 'role="img" aria-label="A chart of bars: Market players (as claimed) (vertical) against Year' in page
    assert figure.spec["description"].startswith("A chart of bars")
    assert '<p class="sb-chart-source">Source: seed 001' in page
    assert all(f'data-format="{kind}"' in page for kind in ("png", "svg"))
    assert 'class="sb-download" href="data/fig-test-html.csv"' in page


@pytest.mark.slow
def test_every_chart_of_the_book_tells_its_colours_apart_without_hue(figures):
    assert len(figures) >= 30
    problems = {figure.label: colour_problems(figure.spec) for figure in figures}
    assert {label: found for label, found in problems.items() if found} == {}


@pytest.mark.slow
def test_every_pdf_figure_prints_its_text_at_8_points_or_more(figures):
    small = {}
    for figure in figures:
        svg = vlc.vegalite_to_svg(figure.static_spec(), vl_version=VL_VERSION)
        width = float(re.search(r'<svg[^>]*\swidth="([0-9.]+)"', svg).group(1))  # type: ignore[union-attr]
        printed = min(svg_font_sizes(svg)) * min(1.0, PDF_COLUMN_PT / width)
        if printed < MIN_PDF_POINTS:
            small[figure.label] = (round(width), round(printed, 1))
    assert small == {}


@pytest.mark.slow
def test_no_chart_of_the_book_writes_exponents_as_e_notation(figures):
    for figure in figures:
        svg = vlc.vegalite_to_svg(figure.spec, vl_version=VL_VERSION)
        assert not re.search(r">[0-9.]+e[+-]?[0-9]+<", svg), figure.label


def test_static_spec_leaves_a_narrow_chart_as_it_is():
    frame = pd.DataFrame({"x": [1, 2], "y": [1, 2]})
    spec = ChartFigure("fig-test-narrow", alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q"), "synthetic").spec
    assert static_spec(spec) == spec


def test_the_chart_stylesheet_is_in_the_static_folder():
    css = (ROOT / "_static/charts.css").read_text(encoding="utf-8")
    assert 'html[data-theme="dark"] .sb-chart-view svg' in css
