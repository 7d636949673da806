"""The one place that turns Altair charts into the book's figures.

Every chart gets the book's theme (a CJK-capable font, sizes, palette), a source
line, and two renderings: HTML that draws it offline with the locally bundled Vega
libraries (the spec embedded as escaped JSON, so data strings stay text), and a
vector PDF for the LaTeX build. Domain chart builders live in the submodules.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import textwrap
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc
from myst_nb import glue

from .. import exhibits

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
WIDTH = 420  # plot area; with axis labels the chart fits the 700-px text column
HEIGHT = 300
PALETTE = ["#1b6ca8", "#e4812f", "#3a9e5a", "#c23b3b", "#7e5aa8", "#8c6d46", "#d46aa8", "#6f6f6f", "#b3a11c", "#1aa3b5"]
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
SOURCE_WRAP = 110  # characters per line of the source note under a chart
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
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 0, "orient": "bottom", "direction": "vertical"},
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 13},
            "range": {"category": PALETTE},
        }
    }


def escape_json_for_html(payload: str) -> str:
    """Make JSON safe inside a <script> element: no '<', '>' or '&' can end it or open markup."""
    return (payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _plain_json(value: object) -> str:
    """Dates become ISO strings in a chart's data; any other unknown type is an error."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a chart's data holds a {type(value).__name__}, which JSON cannot represent")


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


def _note_of(chart: alt.TopLevelMixin) -> str:
    """The remark :func:`with_note` attached to ``chart`` ('' when none)."""
    usermeta = getattr(chart, "usermeta", alt.Undefined)
    return str(usermeta.get(NOTE_KEY, "")) if isinstance(usermeta, dict) else ""


def _with_source(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    remark = _note_of(chart)
    lines = textwrap.wrap(f"Source: {source}" + (f". {remark}" if remark else ""), SOURCE_WRAP) or [""]
    note = alt.Title(text=lines, orient="bottom", anchor="start", fontSize=10, fontWeight="normal",
                     color="#555555", offset=12)
    return chart.properties(title=note)


class ChartFigure:
    """A chart ready for both outputs: offline interactive HTML and a vector PDF."""

    def __init__(self, label: str, chart: alt.TopLevelMixin, source: str):
        exhibits.check_label(label, "fig")
        self.label = label
        spec = _with_source(chart, exhibits.with_snapshot(source)).to_dict()
        self.spec: dict[str, Any] = json.loads(json.dumps(spec, default=_plain_json))
        datasets = self.spec.get("datasets", {})
        if len(datasets) != 1:
            raise ValueError(f"chart {label!r} must draw exactly one dataset (it has {len(datasets)}); "
                             "prepare one tidy DataFrame per chart so its CSV matches what it draws")
        self.rows: list[dict[str, Any]] = next(iter(datasets.values()))

    @property
    def data(self) -> pd.DataFrame:
        """The rows the chart draws, as a table (what its CSV download holds)."""
        return pd.DataFrame(self.rows)

    def spec_json(self) -> str:
        return json.dumps(self.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def html(self) -> str:
        label = html.escape(self.label, quote=True)
        href = html.escape(exhibits.download_href(self.label), quote=True)
        return (
            f'<div class="sb-chart" id="sb-chart-{label}" data-label="{label}">'
            f'<div class="sb-chart-view"></div>'
            f'<script type="application/json" class="sb-chart-spec">{escape_json_for_html(self.spec_json())}</script>'
            f'<p class="sb-chart-links"><a class="sb-download" href="{href}" download>Data (CSV)</a></p>'
            f"</div>"
        )

    def pdf(self) -> bytes:
        return vlc.vegalite_to_pdf(self.spec, vl_version=VL_VERSION)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {
            "text/html": self.html(),
            "application/pdf": base64.b64encode(self.pdf()).decode("ascii"),
            "text/plain": f"[chart {self.label}]",
        }


def glue_chart(label: str, chart: alt.TopLevelMixin, *, source: str) -> None:
    """Glue a chart under ``label`` for a ``{glue:figure}`` of the same name, and write its CSV."""
    figure = ChartFigure(label, chart, source)
    exhibits.write_csv(label, figure.data)
    glue(label, figure, display=False)


def _drawing_code() -> str:
    """The book's own script that draws every chart of a page (assets/charts.js)."""
    return resources.files("scaling_book").joinpath("assets/charts.js").read_text(encoding="utf-8")


def javascript_bundle_key() -> str:
    """What the bundle is made of (vl-convert's version, the Vega-Lite version, the drawing code), as a hash."""
    made_of = f"{vlc.__version__}\0{VL_VERSION}\0{_drawing_code()}"
    return hashlib.sha256(made_of.encode("utf-8")).hexdigest()[:16]


@cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite, Vega-Embed and the book's drawing code as one offline script."""
    bundle = vlc.javascript_bundle(_drawing_code(), vl_version=VL_VERSION)
    # The bundle declares top-level consts; a function scope keeps them off the page's globals.
    return "(function () {\n" + bundle + "\n})();\n"
