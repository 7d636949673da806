"""Chart builders of the atlas chapter (chapters/evidence/atlas.md). Each takes one tidy DataFrame."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.views.charts import LEVEL_COLOURS, WIDTH

PANEL_WIDTH = WIDTH // 3 - 10  # three panels a row fit the text column
PANEL_HEIGHT = 130
# The bands are ordered levels: dark (L4) to light (L1 / L0), as in every chart of levels.
BAND_COLOURS = {"L4": LEVEL_COLOURS["L4"], "L3": LEVEL_COLOURS["L3"], "L2": LEVEL_COLOURS["L2"], "L1 / L0": "#c6dbef"}
# Long area names break onto two lines at the last space before this many characters (Vega draws a list as lines).
WRAP = 30
WRAPPED_LABEL = (
    f"length(datum.label) > {WRAP} ? [slice(datum.label, 0, lastindexof(slice(datum.label, 0, {WRAP}), ' ')), "
    f"slice(datum.label, lastindexof(slice(datum.label, 0, {WRAP}), ' ') + 1)] : datum.label"
)
STATUS_OPACITY = {"measured": 1.0, "partial year": 0.8, "too few models": 0.25}
STATUS_SHAPES = {"measured": "circle", "partial year": "diamond", "too few models": "circle"}


def trajectories(frame: pd.DataFrame) -> alt.FacetChart:
    """Small multiples: each area's leader share by year with its interval over the bands the levels occupy.

    ``frame`` holds rows of kind "share" (area, year, leader_share, _low, _high, level, n, status) and of kind
    "band" (area, band, band_low, band_high), as views.atlas_tables.trajectory_frame builds it.
    """
    areas = list(dict.fromkeys(frame["area"]))
    year = alt.X("year:Q", axis=alt.Axis(format="d", title=None, tickCount=4), scale=alt.Scale(zero=False))
    share_axis = alt.Axis(format="%", title="Leader share", tickCount=5)
    bands = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "band")
        .mark_rect(opacity=0.2)
        .encode(
            y=alt.Y("band_low:Q", scale=alt.Scale(domain=[0, 1]), axis=share_axis),
            y2="band_high:Q",
            color=alt.Color(
                "band:N",
                title="Level band of the leader share",
                scale=alt.Scale(domain=list(BAND_COLOURS), range=list(BAND_COLOURS.values())),
            ),
        )
    )
    shares = alt.Chart().transform_filter(alt.datum.kind == "share")
    opacity = alt.Opacity(
        "status:N",
        title="Year",
        scale=alt.Scale(domain=list(STATUS_OPACITY), range=list(STATUS_OPACITY.values())),
    )
    tooltip = [
        alt.Tooltip("area:N", title="Area"),
        alt.Tooltip("year_label:N", title="Year"),
        alt.Tooltip("n:Q", title="Models", format=",.0f"),
        alt.Tooltip("leader_share:Q", title="Leader share", format=".0%"),
        alt.Tooltip("leader_share_low:Q", title="Interval from", format=".0%"),
        alt.Tooltip("leader_share_high:Q", title="Interval to", format=".0%"),
        alt.Tooltip("level:N", title="Level"),
        alt.Tooltip("status:N", title="Status"),
    ]
    dash = alt.condition("datum.status === 'partial year'", alt.value([2, 2]), alt.value([1, 0]))
    intervals = shares.mark_rule(color="#1b6ca8").encode(
        x=year, y="leader_share_low:Q", y2="leader_share_high:Q", opacity=opacity, strokeDash=dash
    )
    line = (
        shares.transform_filter(alt.datum.status == "measured")
        .mark_line(color="#1b6ca8", strokeWidth=1)
        .encode(x=year, y="leader_share:Q")
    )
    shape = alt.Shape(
        "status:N", title="Year", scale=alt.Scale(domain=list(STATUS_SHAPES), range=list(STATUS_SHAPES.values()))
    )
    # The snapshot's partial year is a hollow mark off the line: its share is not a fall, only fewer months.
    fill = alt.condition("datum.status === 'partial year'", alt.value("white"), alt.value("#1b6ca8"))
    points = shares.mark_point(filled=True, stroke="#1b6ca8", strokeWidth=1.5, size=30).encode(
        x=year, y="leader_share:Q", opacity=opacity, shape=shape, fill=fill, tooltip=tooltip
    )
    return (
        alt.layer(bands, intervals, line, points, data=frame)
        .properties(width=PANEL_WIDTH, height=PANEL_HEIGHT)
        .facet(facet=alt.Facet("area:N", title=None, sort=areas, header=alt.Header(labelExpr=WRAPPED_LABEL)), columns=3)
    )
