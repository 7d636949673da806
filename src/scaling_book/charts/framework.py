"""Chart builders for the framework chapters (Parts I–V). Each takes one tidy DataFrame."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import HEIGHT, WIDTH

STATUS_COLOURS = {
    "finished": "#6f6f6f",
    "under way": "#1b6ca8",
    "not started": "#e4812f",
    "milestone passed": "#6f6f6f",
    "milestone ahead": "#c23b3b",
}


def claimed_degree_ladder(levels: pd.DataFrame) -> alt.Chart:
    """Claimed convergence degree of each level, highest level on top."""
    data = levels[["level_id", "label", "claimed_degree", "certainty_stars", "areas_en"]]
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("claimed_degree:Q", title="Convergence degree claimed by the seed",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", title=None, sort=list(data["label"])),
        color=alt.Color("level_id:N", legend=None, sort=list(data["level_id"])),
        tooltip=[alt.Tooltip("label:N", title="Level"),
                 alt.Tooltip("claimed_degree:Q", title="Claimed degree", format=".0%"),
                 alt.Tooltip("certainty_stars:Q", title="Certainty (stars of 5)"),
                 alt.Tooltip("areas_en:N", title="Technology areas")],
    ).properties(width=WIDTH, height=40 * len(data))


def players_bars(players: pd.DataFrame) -> alt.Chart:
    """Number of market players the seed gives for each year."""
    return alt.Chart(players).mark_bar(size=60).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y("players:Q", title="Market players (as claimed)"),
        color=alt.value("#1b6ca8"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("players:Q", title="Players"),
                 alt.Tooltip("quote_zh:N", title="Seed wording")],
    ).properties(width=WIDTH // 2, height=HEIGHT)


def predictability_bars(layers: pd.DataFrame) -> alt.Chart:
    """Predictability stars of the five CAICT layers, in the table's order."""
    return alt.Chart(layers).mark_bar().encode(
        x=alt.X("predictability_stars:Q", title="Predictability (stars of 5)", scale=alt.Scale(domain=[0, 5]),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("label:N", title=None, sort=list(layers["label"])),
        color=alt.Color("status:N", title="Convergence status", sort=list(layers["status"])),
        tooltip=[alt.Tooltip("label:N", title="Layer"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("predictability_stars:Q", title="Stars"),
                 alt.Tooltip("predictability_note_en:N", title="Note")],
    ).properties(width=WIDTH, height=36 * len(layers))


def timeline_gantt(tasks: pd.DataFrame) -> alt.LayerChart:
    """Tasks as bars and milestones as diamonds, coloured by status on the as-of date (dashed rule)."""
    data = tasks[["label", "layer_en", "start", "end", "status_on_as_of", "milestone", "seed_status", "as_of"]].copy()
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", title=None, sort=list(data["label"])),
        color=alt.Color("status_on_as_of:N", title="Status on the as-of date",
                        scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("label:N", title="Task"), alt.Tooltip("layer_en:N", title="Layer"),
                 alt.Tooltip("start:T", title="Start", format="%Y-%m-%d"),
                 alt.Tooltip("end:T", title="End", format="%Y-%m-%d"),
                 alt.Tooltip("seed_status:N", title="Status in the seed"),
                 alt.Tooltip("status_on_as_of:N", title="Status on the as-of date")],
    )
    bars = base.transform_filter("!datum.milestone").mark_bar(height=14).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")), x2="end:T")
    milestones = base.transform_filter("datum.milestone").mark_point(shape="diamond", size=160, filled=True).encode(
        x="end:T")
    as_of = alt.Chart(data).mark_rule(strokeDash=[4, 3], color="#333333").encode(x="min(as_of):T")
    return alt.layer(bars, milestones, as_of).properties(width=WIDTH, height=24 * len(data))
