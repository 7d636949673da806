"""Chart builders for Part VI (methods and the claims audit) and the level chapters. Each takes one tidy DataFrame."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.views.charts import HEIGHT, LEVEL_COLOURS, WIDTH, dash_scale, first_entities, shape_scale, with_note

# Levels are ordered: dark (L4) to light (L0); the two non-levels are greys between them in lightness.
OUTCOME_COLOURS = {**LEVEL_COLOURS, "none": "#8f8f8f", "undetermined": "#c2c2c2"}
VERDICT_COLOURS = {
    "consistent": "#3a9e5a",
    "restated": "#a8cfb3",
    "inconsistent": "#c23b3b",
    "not testable": "#8c8c8c",
    "needs evidence": "#e4812f",
}
MEASURE_NAMES = {
    "convergence_degree": "Convergence degree (normalised HHI)",
    "hhi": "HHI",
    "normalised_entropy": "Normalised entropy",
    "leader_share": "Leader share",
}


def level_probability_bars(probabilities: pd.DataFrame) -> alt.TopLevelMixin:
    """Stacked bars: for each area, the share of resamples that land on each level."""
    data, note = first_entities(
        probabilities[["area", "outcome", "probability", "claimed_level", "computed_level"]], "area", "areas"
    )
    return with_note(
        alt.Chart(data)
        .mark_bar(stroke="#555555", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "probability:Q", title="Share of resamples", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
            ),
            y=alt.Y("area:N", title=None, sort=list(dict.fromkeys(data["area"]))),
            color=alt.Color(
                "outcome:N",
                title="Computed level",
                scale=alt.Scale(domain=list(OUTCOME_COLOURS), range=list(OUTCOME_COLOURS.values())),
            ),
            order=alt.Order("outcome_rank:Q"),
            tooltip=[
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("outcome:N", title="Level"),
                alt.Tooltip("probability:Q", title="Share of resamples", format=".1%"),
                alt.Tooltip("claimed_level:N", title="Seed's level"),
                alt.Tooltip("computed_level:N", title="Level of the stated shares"),
            ],
        )
        .transform_calculate(
            outcome_rank=f"indexof({list(OUTCOME_COLOURS)!r}, datum.outcome)",
        )
        .properties(width=WIDTH, height=48 * data["area"].nunique()),
        note,
    )


def sensitivity_lines(sensitivity: pd.DataFrame) -> alt.TopLevelMixin:
    """Probability of each area's computed level as the assumed share error grows."""
    data, note = first_entities(sensitivity[["area", "share_sd", "level", "probability"]], "area", "areas")
    areas = [str(area) for area in dict.fromkeys(data["area"])]
    return with_note(
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=50))
        .encode(
            x=alt.X("share_sd:Q", title="Standard deviation of a 50% share", axis=alt.Axis(format="%")),
            y=alt.Y(
                "probability:Q",
                title="Share of resamples at the computed level",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color("area:N", title="Area", scale=alt.Scale(domain=areas)),
            shape=alt.Shape("area:N", title="Area", scale=shape_scale(areas)),
            strokeDash=alt.StrokeDash("area:N", title="Area", scale=dash_scale(areas)),
            tooltip=[
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("level:N", title="Computed level"),
                alt.Tooltip("share_sd:Q", title="Share error (sd)", format=".0%"),
                alt.Tooltip("probability:Q", title="Probability", format=".1%"),
            ],
        )
        .properties(width=WIDTH, height=HEIGHT),
        note,
    )


def measure_curves(curves: pd.DataFrame) -> alt.TopLevelMixin:
    """The measures of a two-option split against the leader's share, with the seeds' areas as points."""
    named = curves[["leader_share", "measure", "value", "area"]].assign(
        measure=lambda frame: frame["measure"].map(MEASURE_NAMES)
    )
    points_of_areas, note = first_entities(named[named["area"] != ""], "area", "areas")
    data = pd.concat([named[named["area"] == ""], points_of_areas], ignore_index=True)
    base = alt.Chart(data).encode(
        x=alt.X(
            "leader_share:Q",
            title="Share of the leading option (two options)",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0.5, 1]),
        ),
        y=alt.Y("value:Q", title="Value of the measure", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("measure:N", title="Measure", sort=list(MEASURE_NAMES.values())),
        tooltip=[
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("leader_share:Q", title="Leader share", format=".0%"),
            alt.Tooltip("value:Q", title="Value", format=".3f"),
            alt.Tooltip("area:N", title="Area"),
        ],
    )
    names = list(MEASURE_NAMES.values())
    lines = (
        base.transform_filter("datum.area === ''")
        .mark_line()
        .encode(strokeDash=alt.StrokeDash("measure:N", title="Measure", scale=dash_scale(names)))
    )
    points = base.transform_filter("datum.area !== ''").mark_point(size=90, filled=True, shape="diamond")
    return with_note(alt.layer(lines, points).properties(width=WIDTH, height=HEIGHT), note)


def verdict_bars(counts: pd.DataFrame) -> alt.Chart:
    """Number of audit checks with each verdict, split into claims and internal checks."""
    data = counts[["verdict", "kind", "checks"]]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("checks:Q", title="Checks", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("verdict:N", title=None, sort=list(VERDICT_COLOURS)),
            color=alt.Color("kind:N", title="Kind of check", scale=alt.Scale(range=["#1b6ca8", "#9fc3e0"])),
            tooltip=[
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("checks:Q", title="Checks"),
            ],
        )
        .properties(width=WIDTH, height=44 * len(VERDICT_COLOURS))
    )
