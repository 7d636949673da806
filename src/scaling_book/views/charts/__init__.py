"""How the book's charts look: the theme (a CJK-capable font, sizes, palette) and helpers the builders share.

Domain chart builders live in the submodules; each takes one tidy DataFrame and returns an
Altair chart. Turning a chart into a figure (HTML, PDF, CSV) is :mod:`scaling_book.render.figures`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
WIDTH = 420  # plot area; with axis labels the chart fits the 700-px text column
HEIGHT = 300
PALETTE = ["#1b6ca8", "#e4812f", "#3a9e5a", "#c23b3b", "#7e5aa8", "#8c6d46", "#d46aa8", "#6f6f6f", "#b3a11c", "#1aa3b5"]
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
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0, "gridColor": "#e6e6e6"},
            "legend": {
                "labelFontSize": 11,
                "titleFontSize": 12,
                "labelLimit": 0,
                "orient": "bottom",
                "direction": "vertical",
            },
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 13},
            "range": {"category": PALETTE},
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
