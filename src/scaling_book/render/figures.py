"""The one place that turns Altair charts into the book's figures.

Every chart gets a source line and two renderings: HTML that draws it offline with the locally
bundled Vega libraries (the spec embedded as escaped JSON, so data strings stay text), and a
vector PDF for the LaTeX build. Its CSV download holds exactly the rows it draws.
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

from scaling_book.render import exhibits
from scaling_book.views.charts import note_of

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
SOURCE_WRAP = 110  # characters per line of the source note under a chart


def escape_json_for_html(payload: str) -> str:
    """Make JSON safe inside a <script> element: no '<', '>' or '&' can end it or open markup."""
    return (
        payload.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _plain_json(value: object) -> str:
    """Dates become ISO strings in a chart's data; any other unknown type is an error."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a chart's data holds a {type(value).__name__}, which JSON cannot represent")


def _with_source(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    remark = note_of(chart)
    lines = textwrap.wrap(f"Source: {source}" + (f". {remark}" if remark else ""), SOURCE_WRAP) or [""]
    note = alt.Title(
        text=lines, orient="bottom", anchor="start", fontSize=10, fontWeight="normal", color="#555555", offset=12
    )
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
            raise ValueError(
                f"chart {label!r} must draw exactly one dataset (it has {len(datasets)}); "
                "prepare one tidy DataFrame per chart so its CSV matches what it draws"
            )
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
    return resources.files("scaling_book.render").joinpath("assets/charts.js").read_text(encoding="utf-8")


def javascript_bundle_key() -> str:
    """What the bundle is made of (vl-convert's version, the Vega-Lite version, the drawing code), as a hash."""
    version = vlc.__version__  # type: ignore[attr-defined]  # the module has it; its stubs leave it out
    made_of = f"{version}\0{VL_VERSION}\0{_drawing_code()}"
    return hashlib.sha256(made_of.encode("utf-8")).hexdigest()[:16]


@cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite, Vega-Embed and the book's drawing code as one offline script."""
    bundle = vlc.javascript_bundle(_drawing_code(), vl_version=VL_VERSION)
    # The bundle declares top-level consts; a function scope keeps them off the page's globals.
    return "(function () {\n" + bundle + "\n})();\n"
