"""The one place that turns Altair charts into the book's figures.

Every chart gets a source line and two renderings: HTML that draws it offline with the locally
bundled Vega libraries (the spec embedded as escaped JSON, so data strings stay text), and a
vector PDF for the LaTeX build. Its CSV download holds exactly the rows it draws.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
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
SOURCE_WRAP = 90  # characters per line of the source note under a chart (in the PDF)
SOURCE_SIZE = 11  # px of that note; at MAX_PDF_WIDTH it prints at 8 pt or more
# The PDF's text column is about 451 pt (A4, 1-inch margins) and LaTeX scales a wider figure down to it; a
# figure at most this wide keeps 11-px text at 8 pt or more (1 px of vl-convert's PDF is 1 pt).
PDF_COLUMN_PT = 451
MAX_PDF_WIDTH = 600
MIN_PDF_PLOT = 150  # narrowest plot area the PDF shrinks a chart to (px); wider labels may exceed MAX_PDF_WIDTH
SVG_WIDTH = re.compile(r'<svg[^>]*\swidth="([0-9.]+)"')
MARK_NAMES = {"bar": "bar", "line": "line", "point": "dot", "rule": "range", "rect": "grid", "text": "text"}


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
        text=lines,
        orient="bottom",
        anchor="start",
        fontSize=SOURCE_SIZE,
        fontWeight="normal",
        color="#555555",
        offset=12,
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
        self.spec.setdefault("description", self.description())  # Vega gives it to the SVG as its aria-label

    @property
    def data(self) -> pd.DataFrame:
        """The rows the chart draws, as a table (what its CSV download holds)."""
        return pd.DataFrame(self.rows)

    def spec_json(self) -> str:
        return json.dumps(self.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def source_line(self) -> str:
        """The source note under the chart, as one line of text (the HTML prints it as a paragraph)."""
        title = self.spec.get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else ""
        return " ".join(text) if isinstance(text, list) else str(text)

    def description(self) -> str:
        """A sentence for screen readers: what the chart draws, against what, and where its data are."""
        return chart_description(self.spec, len(self.rows), exhibits.download_href(self.label).split("/")[-1])

    def html(self) -> str:
        label = html.escape(self.label, quote=True)
        href = html.escape(exhibits.download_href(self.label), quote=True)
        described = html.escape(self.description(), quote=True)
        return (
            f'<div class="sb-chart" id="sb-chart-{label}" data-label="{label}">'
            f'<div class="sb-chart-view" role="img" aria-label="{described}"></div>'
            f'<script type="application/json" class="sb-chart-spec">{escape_json_for_html(self.spec_json())}</script>'
            f'<p class="sb-chart-source">{html.escape(self.source_line())}</p>'
            f'<p class="sb-chart-links"><a class="sb-download" href="{href}" download>Data (CSV)</a>'
            f'<a class="sb-download-image" href="#sb-chart-{label}" data-format="png">Image (PNG)</a>'
            f'<a class="sb-download-image" href="#sb-chart-{label}" data-format="svg">Image (SVG)</a>'
            f'<a class="sb-chart-permalink" href="#sb-chart-{label}">Link to this figure</a>'
            f'<a class="sb-chart-cite" href="#sb-chart-{label}">Cite this figure</a></p>'
            f'<p class="sb-chart-citation" hidden></p>'
            f"</div>"
        )

    def static_spec(self) -> dict[str, Any]:
        """The spec of the PDF's figure: narrowed (plot area first) until it is at most ``MAX_PDF_WIDTH`` wide."""
        return static_spec(self.spec)

    def pdf(self) -> bytes:
        return vlc.vegalite_to_pdf(self.static_spec(), vl_version=VL_VERSION)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {
            "text/html": self.html(),
            "application/pdf": base64.b64encode(self.pdf()).decode("ascii"),
            "text/plain": f"[chart {self.label}]",
        }


def drawn_width(spec: dict[str, Any]) -> float:
    """Width in px of the chart as vl-convert draws it (axes, legends and notes included)."""
    found = SVG_WIDTH.search(vlc.vegalite_to_svg(spec, vl_version=VL_VERSION))
    return float(found.group(1)) if found else 0.0


def _columns(spec: dict[str, Any]) -> int:
    """Panels side by side in a faceted chart."""
    column = spec["facet"].get("column") if isinstance(spec["facet"], dict) else None
    if isinstance(column, dict) and "field" in column:
        rows: list[dict[str, Any]] = next(iter(spec.get("datasets", {}).values()), [])
        return max(1, len({str(row.get(column["field"])) for row in rows}))
    return int(spec.get("columns", 1)) if "row" not in spec["facet"] else 1


def two_lines_expr(text: str, chars: int = 24) -> str:
    """Vega expression breaking a longer text into two lines at the last space before its middle (or ``chars``)."""
    cut = f"lastindexof(slice({text}, 0, max({chars}, ceil(length({text}) / 2) + 1)), ' ')"
    return f"length({text}) > {chars} && {cut} > 0 ? [slice({text}, 0, {cut}), slice({text}, {cut} + 1)] : {text}"


def _views(node: dict[str, Any]) -> list[dict[str, Any]]:
    children = [*node.get("layer", []), *([node["spec"]] if isinstance(node.get("spec"), dict) else [])]
    return [node, *[view for child in children for view in _views(child)]]


def _two_line_texts(spec: dict[str, Any]) -> None:
    """Long labels of nominal y axes and long text marks on two lines, each row of the chart twice as tall."""
    wrapped = False
    for view in _views(spec):
        encoding = view.get("encoding", {})
        y = encoding.get("y")
        if isinstance(y, dict) and y.get("type") == "nominal" and y.get("axis", {}) is not None:
            y["axis"] = {"labelExpr": two_lines_expr("datum.label"), **(y.get("axis") or {})}
            wrapped = True
        for channel in ("color", "shape", "strokeDash"):  # all alike, so that legends of one field still merge
            legend = encoding.get(channel)
            if isinstance(legend, dict) and "field" in legend and legend.get("legend", {}) is not None:
                legend["legend"] = {"labelExpr": two_lines_expr("datum.label", 40), **(legend.get("legend") or {})}
        mark = view.get("mark")
        text = encoding.get("text")
        if (mark == "text" or isinstance(mark, dict) and mark.get("type") == "text") and isinstance(text, dict):
            if "field" in text:
                name = f"two_lines_{text['field']}"
                field = json.dumps(text["field"])
                view["transform"] = [
                    *view.get("transform", []),
                    {"calculate": two_lines_expr(f"datum[{field}]"), "as": name},
                ]
                encoding["text"] = {**text, "field": name}
                wrapped = True
    view = spec["spec"] if "facet" in spec else spec
    if wrapped and isinstance(view.get("height"), (int, float)):
        view["height"] = int(view["height"] * 1.6)


def _narrowed(spec: dict[str, Any]) -> dict[str, Any]:
    for _ in range(5):  # a narrower plot can change its axis labels' extent: measure again
        excess = drawn_width(spec) - MAX_PDF_WIDTH
        view = spec["spec"] if "facet" in spec else spec
        width = view.get("width")
        panels = _columns(spec) if "facet" in spec else 1
        floor = MIN_PDF_PLOT if panels == 1 else MIN_PDF_PLOT // 2
        if excess <= 0 or not isinstance(width, (int, float)) or width <= floor:
            break
        view["width"] = max(floor, int(width - excess / panels - 1))
    return spec


def static_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` narrowed for the PDF to at most ``MAX_PDF_WIDTH``: first its plot area (or each panel's), down to
    ``MIN_PDF_PLOT``, then long labels and texts on two lines, then small multiples in fewer columns."""
    fitted = _narrowed(copy.deepcopy(spec))
    if drawn_width(fitted) > MAX_PDF_WIDTH:
        _two_line_texts(fitted)
        fitted = _narrowed(fitted)
    while "facet" in fitted and fitted.get("columns", 1) > 1 and drawn_width(fitted) > MAX_PDF_WIDTH:
        fitted["columns"] -= 1  # small multiples wrapped into fewer columns
    return fitted


def _marks(node: dict[str, Any]) -> list[str]:
    mark = node.get("mark")
    own = [mark.get("type") if isinstance(mark, dict) else mark] if mark else []
    nested = [found for child in [*node.get("layer", []), node.get("spec", {})] if child for found in _marks(child)]
    return [str(name) for name in own + nested if name]


def _axis_titles(node: dict[str, Any]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for child in [*node.get("layer", []), node.get("spec", {})]:
        if child:
            titles = {**_axis_titles(child), **titles}
    for channel in ("x", "y", "color"):
        encoding = node.get("encoding", {}).get(channel)
        if isinstance(encoding, dict) and encoding.get("title") and channel not in titles:
            titles[channel] = str(encoding["title"])
    return titles


def chart_description(spec: dict[str, Any], rows: int, csv_name: str) -> str:
    """'A chart of dots and ranges: Median FLOP (vertical) against Publication year (horizontal), ...'."""
    kinds = list(dict.fromkeys(MARK_NAMES.get(mark, mark) for mark in _marks(spec)))
    titles = _axis_titles(spec)
    parts = [
        f"{titles[channel]} ({side})" for channel, side in (("y", "vertical"), ("x", "horizontal")) if channel in titles
    ]
    against = " against ".join(parts) if parts else "its values"
    colour = f", coloured by {titles['color']}" if "color" in titles else ""
    panels = ", in small multiples" if "facet" in spec else ""
    return (
        f"A chart of {' and '.join(f'{kind}s' for kind in kinds) or 'marks'}: {against}{colour}{panels}. "
        f"It draws {rows:,} rows, which the file {csv_name} holds."
    )


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
