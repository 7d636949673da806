"""How the book's charts look: the theme (a CJK-capable font, sizes, palette) and helpers the builders share.

Domain chart builders live in the submodules; each takes one tidy DataFrame and returns an
Altair chart. Turning a chart into a figure (HTML, PDF, CSV) is :mod:`scaling_book.render.figures`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
WIDTH = 420  # plot area of the PDF; the HTML fits each chart to its column (render/assets/charts.js)
HEIGHT = 300
LABEL_SIZE = 12  # px in HTML; the PDF keeps text at 8 pt or more (render.figures.MAX_PDF_WIDTH)
TITLE_SIZE = 13
# Categories: the first five differ in lightness as well as hue, so they stay apart in greyscale and under
# colour-vision deficiency (tests/test_charts.py measures the gap); charts with more categories add shapes or dashes.
PALETTE = ["#1b6ca8", "#f0b44c", "#3b1c06", "#5fb36a", "#bfe3ea", "#c23b3b", "#7e5aa8", "#8f8f8f", "#d46aa8", "#1aa3b5"]
# Ordered values (levels L4 → L0, years): one hue from dark to light, so order reads as lightness.
SEQUENTIAL = ["#08306b", "#2171b5", "#6baed6", "#b7d7ee", "#e3eef8"]
LEVEL_COLOURS = dict(zip(["L4", "L3", "L2", "L1", "L0"], SEQUENTIAL))
# Small multiples stacked in rows: each panel's name above it, left-aligned, and its Chinese on a second line
# (a name starts where the plot area does, so one long line would pass a phone's width).
CHINESE_AT = "indexof(datum.label, ' (')"
TWO_LINES = (
    f"{CHINESE_AT} > 0 ? [slice(datum.label, 0, {CHINESE_AT}), slice(datum.label, {CHINESE_AT} + 1)] : datum.label"
)
ROW_HEADER = alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top", labelExpr=TWO_LINES)
# A second channel for categories: each gets its own shape (and line dash), so colour is never needed alone.
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4]]
SUPERSCRIPTS = dict(zip("0123456789-\u2212", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻"))  # d3 writes minus as U+2212
# A chart lists at most this many entities (bars, rows, labelled lines); more would not fit the
# figure and would make pages heavy however much data there is. Its source line says what is left out.
MAX_CHART_ENTITIES = 40
NOTE_KEY = "scaling_book_note"  # usermeta entry that carries that remark to the source line


@alt.theme.register("scaling_book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    """Fonts, sizes and colours shared by every chart of the book.

    Labels are never truncated (limit 0): a cut name misleads, and Vega's truncation measures each
    label many times, which made one chart of 40 bilingual labels take seconds to render.
    """
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "axis": {
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": TITLE_SIZE,
                "labelLimit": 0,
                "gridColor": "#e6e6e6",
                "labelColor": "#333333",
                "titleColor": "#222222",
            },
            "legend": {
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": TITLE_SIZE,
                "labelLimit": 0,
                "titleLimit": 0,
                "orient": "bottom",
                "direction": "vertical",
                "symbolSize": 90,
            },
            "header": {"labelFontSize": TITLE_SIZE, "titleFontSize": TITLE_SIZE},
            "title": {"fontSize": TITLE_SIZE},
            "text": {"fontSize": LABEL_SIZE},
            "range": {"category": PALETTE, "ordinal": SEQUENTIAL, "ramp": SEQUENTIAL},
        }
    }


def first_entities(frame: pd.DataFrame, column: str, noun: str) -> tuple[pd.DataFrame, str]:
    """Rows of the first ``MAX_CHART_ENTITIES`` values of ``column`` (in the frame's order), and a remark
    on what is left out ('' when nothing is) for :func:`with_note`."""
    values = list(dict.fromkeys(frame[column]))
    if len(values) <= MAX_CHART_ENTITIES:
        return frame, ""
    kept = frame[frame[column].isin(set(values[:MAX_CHART_ENTITIES]))]
    return kept, f"The first {MAX_CHART_ENTITIES} of {len(values):,} {noun} are shown."


def with_note(chart: alt.TopLevelMixin, note: str) -> alt.TopLevelMixin:
    """The chart, carrying ``note`` for its source line (nothing changes when the note is empty)."""
    return chart.properties(usermeta={NOTE_KEY: note}) if note else chart


def note_of(chart: alt.TopLevelMixin) -> str:
    """The remark :func:`with_note` attached to ``chart`` ('' when none)."""
    usermeta = getattr(chart, "usermeta", alt.Undefined)
    return str(usermeta.get(NOTE_KEY, "")) if isinstance(usermeta, dict) else ""


def _superscript_expr(number: str) -> str:
    """A Vega expression that writes the digits (and minus sign) of the string expression ``number`` as superscripts."""
    for digit, raised in SUPERSCRIPTS.items():
        number = f"replace({number}, /{digit}/g, '{raised}')"
    return number


def power_label_expr(value: str = "datum.value") -> str:
    """Vega expression labelling a log axis: powers of ten as 10²³, other ticks unlabelled (not "1e+23")."""
    decade = f"log({value}) / LN10"
    raised = _superscript_expr(f"format(round({decade}), 'd')")
    return f"abs({decade} - round({decade})) < 1e-6 ? '10' + {raised} : ''"


def power_text_expr(value: str) -> str:
    """Vega expression writing a positive number as '2.3 × 10²⁵' (for tooltips), not "2.3e+25"."""
    exponent = f"floor(log({value}) / LN10 + 1e-9)"
    raised = _superscript_expr(f"format({exponent}, 'd')")
    return f"isValid({value}) && {value} > 0 ? format({value} / pow(10, {exponent}), '.2') + ' × 10' + {raised} : ''"


def shape_scale(values: list[str]) -> alt.Scale:
    """One shape per category, in order (the second channel beside colour)."""
    return alt.Scale(domain=values, range=[SHAPES[index % len(SHAPES)] for index in range(len(values))])


def dash_scale(values: list[str]) -> alt.Scale:
    """One line dash per category, in order."""
    return alt.Scale(domain=values, range=[DASHES[index % len(DASHES)] for index in range(len(values))])
