"""Chart builders for the evidence chapters (Part VI). Each takes one tidy, already aggregated DataFrame."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.views.charts import HEIGHT, WIDTH, dash_scale, power_label_expr, power_text_expr, shape_scale

YEAR_AXIS = alt.Axis(format="d", title="Publication year", tickCount=8)
LEGEND = alt.Legend(orient="top")
PANEL_WIDTH = WIDTH // 2 - 45  # two facet panels and their axes fit the page


def _order(frame: pd.DataFrame, column: str) -> list[object]:
    """Values of ``column`` in order of first appearance (the order the builder of the frame chose)."""
    return list(dict.fromkeys(frame[column]))


def compute_trend(frame: pd.DataFrame) -> alt.FacetChart:
    """Per year and group: the range (rule) and median (point) of training compute, and the fitted trend (line)."""
    base = alt.Chart().encode(x=alt.X("year:Q", axis=YEAR_AXIS, scale=alt.Scale(zero=False)))
    flop = alt.Scale(type="log")
    flop_columns = {"median_flop": "Median", "min_flop": "Smallest", "max_flop": "Largest"}
    base = base.transform_calculate(
        **{f"{column}_text": power_text_expr(f"datum.{column}") for column in [*flop_columns, "trend_flop"]}
    )
    tooltip = [
        alt.Tooltip("group:N", title="Models"),
        alt.Tooltip("year:Q", title="Year"),
        alt.Tooltip("models:Q", title="Models with compute"),
        *[alt.Tooltip(f"{column}_text:N", title=f"{name} FLOP") for column, name in flop_columns.items()],
        alt.Tooltip("trend_flop_text:N", title="Fitted trend at mid-year (FLOP)"),
    ]
    ranges = base.mark_rule(color="#9bb8d3", strokeWidth=3).encode(
        y=alt.Y(
            "min_flop:Q",
            scale=flop,
            title="Training compute (FLOP, log scale)",
            axis=alt.Axis(labelExpr=power_label_expr()),
        ),
        y2="max_flop:Q",
    )
    medians = base.mark_point(filled=True, color="#1b6ca8").encode(
        y="median_flop:Q", size=alt.Size("models:Q", title="Models with compute", legend=None), tooltip=tooltip
    )
    trend = base.mark_line(color="#c23b3b", strokeDash=[5, 3]).encode(y="trend_flop:Q")
    return (
        alt.layer(ranges, trend, medians, data=frame)
        .properties(width=PANEL_WIDTH, height=HEIGHT)
        .facet(column=alt.Column("group:N", title=None, sort=_order(frame, "group")))
    )


def organizations_by_year(frame: pd.DataFrame) -> alt.FacetChart:
    """Per year and dataset: models and distinct first organisations (one line each)."""
    base = alt.Chart().encode(
        x=alt.X("year:Q", axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title="Count"),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=_order(frame, "measure")), legend=LEGEND),
        tooltip=[
            alt.Tooltip("dataset:N", title="Dataset"),
            alt.Tooltip("year:Q", title="Year"),
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("value:Q", title="Count"),
        ],
    )
    measures = [str(value) for value in _order(frame, "measure")]
    line = base.mark_line().encode(
        strokeDash=alt.StrokeDash("measure:N", title=None, scale=dash_scale(measures), legend=LEGEND)
    )
    points = base.mark_point(filled=True, size=40).encode(
        shape=alt.Shape("measure:N", title=None, scale=shape_scale(measures), legend=LEGEND)
    )
    return (
        alt.layer(line, points, data=frame)
        .properties(width=PANEL_WIDTH, height=HEIGHT)
        .facet(column=alt.Column("dataset:N", title=None, sort=_order(frame, "dataset")))
        .resolve_scale(y="independent")
    )


def concentration_indices(frame: pd.DataFrame) -> alt.LayerChart:
    """Per year: concentration indices (fractions) as lines with points."""
    base = alt.Chart(frame).encode(
        x=alt.X("year:Q", axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title="Index (fraction)", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("index:N", title=None, scale=alt.Scale(domain=_order(frame, "index")), legend=LEGEND),
        tooltip=[
            alt.Tooltip("year:Q", title="Year"),
            alt.Tooltip("index:N", title="Index"),
            alt.Tooltip("value:Q", title="Value", format=".1%"),
            alt.Tooltip("models:Q", title="Models with an organisation"),
        ],
    )
    indices = [str(value) for value in _order(frame, "index")]
    line = base.mark_line().encode(
        strokeDash=alt.StrokeDash("index:N", title=None, scale=dash_scale(indices), legend=LEGEND)
    )
    points = base.mark_point(filled=True, size=40).encode(
        shape=alt.Shape("index:N", title=None, scale=shape_scale(indices), legend=LEGEND)
    )
    return alt.layer(line, points).properties(width=WIDTH, height=HEIGHT)


def share_by_year(frame: pd.DataFrame, *, series: str, count: str, total: str, title: str) -> alt.LayerChart:
    """Yearly shares as points with their 95% interval (rule), one offset colour per ``series``; faded if few rows."""
    order = _order(frame, series)
    faded = alt.condition("datum.few_rows", alt.value(0.3), alt.value(1.0))
    base = alt.Chart().encode(
        x=alt.X("year:O", title="Publication year"),
        xOffset=alt.XOffset(f"{series}:N", sort=order),
        color=alt.Color(f"{series}:N", title=None, scale=alt.Scale(domain=order), legend=LEGEND),
        opacity=faded,
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip(f"{series}:N", title="Series"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            alt.Tooltip(f"{count}:Q", title="Models counted"),
            alt.Tooltip(f"{total}:Q", title="Out of"),
            alt.Tooltip("share_low:Q", title="95% interval from", format=".1%"),
            alt.Tooltip("share_high:Q", title="95% interval to", format=".1%"),
        ],
    )
    intervals = base.mark_rule(strokeWidth=2).encode(
        y=alt.Y("share_low:Q", title=title, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y2="share_high:Q",
    )
    points = base.mark_point(size=50, filled=True).encode(
        y="share:Q",
        shape=alt.Shape(f"{series}:N", title=None, scale=shape_scale([str(value) for value in order]), legend=LEGEND),
    )
    return alt.layer(intervals, points, data=frame).properties(width=WIDTH, height=HEIGHT)


def leading_scores(frame: pd.DataFrame) -> alt.FacetChart:
    """Best scores of the leading entries on each benchmark (dots), the band within the claimed spread of the best."""
    y = alt.Y("label:N", title=None, sort=alt.SortField("rank"))
    band = (
        alt.Chart()
        .mark_bar(color="#dfe9f3")
        .encode(
            x=alt.X("claim_floor:Q", title="Best score", axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)),
            x2="top_score:Q",
            y=y,
        )
    )
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=70)
        .encode(
            x="best_score:Q",
            y=y,
            color=alt.Color("group:N", title=None, scale=alt.Scale(domain=_order(frame, "group")), legend=LEGEND),
            shape=alt.Shape(
                "group:N",
                title=None,
                scale=shape_scale([str(value) for value in _order(frame, "group")]),
                legend=LEGEND,
            ),
            tooltip=[
                alt.Tooltip("task:N", title="Benchmark"),
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("best_score:Q", title="Best score", format=".1%"),
                alt.Tooltip("runs:Q", title="Runs"),
                alt.Tooltip("claim_floor:Q", title="Best score minus the claimed spread", format=".1%"),
            ],
        )
    )
    return (
        alt.layer(band, dots, data=frame)
        .properties(width=WIDTH - 260, height=18 * int(frame.groupby("task").size().max()))
        .facet(row=alt.Row("task:N", title=None, sort=_order(frame, "task")))
        .resolve_scale(x="independent", y="independent")
    )


def note_chart(frame: pd.DataFrame) -> alt.Chart:
    """A panel that states why a chart has no data (one row, column ``note``)."""
    return (
        alt.Chart(frame)
        .mark_text(align="left", fontSize=13, color="#555555")
        .encode(text="note:N")
        .properties(width=WIDTH - 40, height=40)
    )
