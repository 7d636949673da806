"""Chart builders for the framework chapters (Parts I–V). Each takes one tidy DataFrame."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.views.charts import HEIGHT, LEVEL_COLOURS, ROW_HEADER, WIDTH, first_entities, shape_scale, with_note

# A time axis labelled by year has one tick a year (Vega's default ticks every half year repeat each year).
YEARLY = {"interval": "year", "step": 1}

# Five statuses at five lightnesses (apart in greyscale); a milestone is also a diamond, a period a bar.
STATUS_COLOURS = {
    "period ended": "#b5b5b5",
    "under way": "#2878b8",
    "not started": "#f9d49b",
    "milestone passed": "#333333",
    "milestone ahead": "#e8893a",
}


def claimed_degree_ladder(levels: pd.DataFrame) -> alt.Chart:
    """Claimed convergence degree of each level, highest level on top."""
    data = levels[["level_id", "label", "claimed_degree", "certainty_stars", "areas_en"]]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "claimed_degree:Q",
                title="Convergence degree claimed by the seed",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("label:N", title=None, sort=list(data["label"])),
            color=alt.Color(
                "level_id:N",
                legend=None,
                scale=alt.Scale(domain=list(LEVEL_COLOURS), range=list(LEVEL_COLOURS.values())),
            ),
            stroke=alt.value("#555555"),
            tooltip=[
                alt.Tooltip("label:N", title="Level"),
                alt.Tooltip("claimed_degree:Q", title="Claimed degree", format=".0%"),
                alt.Tooltip("certainty_stars:Q", title="Certainty (stars of 5)"),
                alt.Tooltip("areas_en:N", title="Technology areas"),
            ],
        )
        .properties(width=WIDTH, height=40 * len(data))
    )


def players_bars(players: pd.DataFrame) -> alt.Chart:
    """Number of market players the seed gives for each year."""
    return (
        alt.Chart(players)
        .mark_bar(size=60)
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("players:Q", title="Market players (as claimed)"),
            color=alt.value("#1b6ca8"),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("players:Q", title="Players"),
                alt.Tooltip("quote_zh:N", title="Seed wording"),
            ],
        )
        .properties(width=WIDTH // 2, height=HEIGHT)
    )


def predictability_bars(frame: pd.DataFrame) -> alt.Chart:
    """Predictability stars of the five CAICT layers, in the table's order."""
    layers, note = first_entities(frame, "label", "layers")
    return with_note(
        alt.Chart(layers)
        .mark_bar()
        .encode(
            x=alt.X(
                "predictability_stars:Q",
                title="Predictability (stars of 5)",
                scale=alt.Scale(domain=[0, 5]),
                axis=alt.Axis(tickMinStep=1),
            ),
            y=alt.Y("label:N", title=None, sort=list(layers["label"])),
            color=alt.Color("status:N", title="Convergence status", sort=list(layers["status"])),
            tooltip=[
                alt.Tooltip("label:N", title="Layer"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("predictability_stars:Q", title="Stars"),
                alt.Tooltip("predictability_note_en:N", title="Note"),
            ],
        )
        .properties(width=WIDTH, height=36 * len(layers)),
        note,
    )


def task_label(english: str, chinese: str) -> str:
    """A Gantt row's label: 'MoE becomes standard · MoE成为标配'."""
    return f"{english} · {chinese}"


def timeline_gantt(tasks: pd.DataFrame, period: tuple[str, str] | None = None) -> alt.LayerChart:
    """Tasks as bars and milestones as diamonds, coloured by status on the as-of date (dashed rule).

    ``period`` (first and last ISO date) limits the time axis; bars are clipped to it.
    """
    labelled = tasks.assign(label=[task_label(en, zh) for en, zh in zip(tasks.name_en, tasks.name_zh)])
    data, note = first_entities(
        labelled[["label", "layer_en", "start", "end", "status_on_as_of", "milestone", "seed_status", "as_of"]],
        "label",
        "tasks",
    )
    time_scale = alt.Scale(domain=list(period)) if period else alt.Scale()
    shown = [status for status in STATUS_COLOURS if status in set(data["status_on_as_of"])]  # legend lists only these
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", title=None, sort=list(data["label"])),
        color=alt.Color(
            "status_on_as_of:N",
            title="Status on the as-of date",
            scale=alt.Scale(domain=shown, range=[STATUS_COLOURS[status] for status in shown]),
        ),
        tooltip=[
            alt.Tooltip("label:N", title="Task"),
            alt.Tooltip("layer_en:N", title="Layer"),
            alt.Tooltip("start:T", title="Start", format="%Y-%m-%d"),
            alt.Tooltip("end:T", title="End", format="%Y-%m-%d"),
            alt.Tooltip("seed_status:N", title="Status in the seed"),
            alt.Tooltip("status_on_as_of:N", title="Status on the as-of date"),
        ],
    )
    bars = (
        base.transform_filter("!datum.milestone")
        .mark_bar(height=14, clip=True)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                axis=alt.Axis(format="%Y-%m") if period else alt.Axis(format="%Y", tickCount=YEARLY),
                scale=time_scale,
            ),
            x2="end:T",
        )
    )
    milestones = (
        base.transform_filter("datum.milestone")
        .mark_point(shape="diamond", size=160, filled=True)
        .encode(x=alt.X("end:T", scale=time_scale))
    )
    as_of = (
        alt.Chart(data)
        .mark_rule(strokeDash=[4, 3], color="#333333", clip=True)
        .encode(x=alt.X("min(as_of):T", scale=time_scale))
    )
    return with_note(alt.layer(bars, milestones, as_of).properties(width=WIDTH, height=24 * len(data)), note)


def named_options_panels(areas: pd.DataFrame) -> alt.FacetChart:
    """Rival options the seeds name per area, one panel per level with that level's count criterion as a rule."""
    data, note = first_entities(
        areas[["area", "level_id", "panel", "options", "options_en", "criterion", "criterion_label"]], "area", "areas"
    )
    bars = (
        alt.Chart()
        .mark_bar(stroke="#555555")
        .encode(
            x=alt.X("options:Q", title="Rival options the seeds name", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("area:N", title=None, sort=list(data["area"])),
            color=alt.Color(
                "level_id:N",
                legend=None,
                scale=alt.Scale(domain=list(LEVEL_COLOURS), range=list(LEVEL_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("level_id:N", title="Level (seed)"),
                alt.Tooltip("options:Q", title="Options named"),
                alt.Tooltip("options_en:N", title="Options"),
            ],
        )
    )
    rule = (
        alt.Chart()
        .transform_filter("isValid(datum.criterion)")
        .mark_rule(color="#c23b3b", strokeDash=[5, 3], size=2)
        .encode(x="min(criterion):Q", tooltip=[alt.Tooltip("min(criterion_label):N", title="Criterion of this level")])
    )
    panels = [panel for level_id in LEVEL_COLOURS for panel in dict.fromkeys(data.panel[data.level_id == level_id])]
    return with_note(
        alt.layer(bars, rule, data=data)
        .properties(width=WIDTH, height=alt.Step(22))
        .facet(row=alt.Row("panel:N", title=None, sort=panels, header=ROW_HEADER))
        .resolve_scale(y="independent"),
        note,
    )


def adoption_share_bars(frame: pd.DataFrame) -> alt.LayerChart:
    """Adoption share of each option, one row per area, with the level's leader-share ceiling as a rule."""
    shares, note = first_entities(frame, "option", "options")
    bars = (
        alt.Chart(shares)
        .mark_bar()
        .encode(
            x=alt.X(
                "share:Q",
                title="Adoption share claimed by the seed",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("option:N", title=None, sort=list(shares["option"])),
            color=alt.Color("area:N", title="Area", sort=list(dict.fromkeys(shares["area"]))),
            tooltip=[
                alt.Tooltip("area:N", title="Area"),
                alt.Tooltip("option:N", title="Option"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
                alt.Tooltip("scenario:N", title="Scenario"),
            ],
        )
    )
    ceiling = (
        alt.Chart(shares)
        .mark_rule(color="#c23b3b", strokeDash=[5, 3], size=2)
        .encode(x="min(ceiling):Q", tooltip=[alt.Tooltip("min(ceiling_label):N", title="Criterion")])
    )
    return with_note(alt.layer(bars, ceiling).properties(width=WIDTH, height=40 * len(shares)), note)


def arrow_panels(arrows: pd.DataFrame) -> alt.FacetChart:
    """Cause → effect arrows as a two-column diagram, one panel per group of drivers (named in its header)."""
    capped, note = first_entities(arrows, "row", "arrows")
    data = capped.assign(cause_x=0.44, arrow_from=0.45, arrow_to=0.55, effect_x=0.56)
    groups = list(dict.fromkeys(data["group"]))
    x_scale = alt.Scale(domain=[0, 1])
    group_colour = alt.Color("group:N", legend=None, sort=groups)
    base = alt.Chart().encode(y=alt.Y("row:O", axis=None, sort=list(data["row"])))
    tooltip = [
        alt.Tooltip("group:N", title="Group"),
        alt.Tooltip("cause:N", title="Cause"),
        alt.Tooltip("effect:N", title="Effect"),
    ]
    links = base.mark_rule(size=2).encode(
        x=alt.X("arrow_from:Q", axis=None, scale=x_scale), x2="arrow_to:Q", color=group_colour, tooltip=tooltip
    )
    heads = base.mark_point(shape="triangle-right", size=80, filled=True).encode(
        x=alt.X("arrow_to:Q", scale=x_scale), color=group_colour
    )
    causes = base.mark_text(align="right", fontSize=11).encode(
        x=alt.X("cause_x:Q", scale=x_scale), text="cause:N", tooltip=tooltip
    )
    effects = base.mark_text(align="left", fontSize=11).encode(
        x=alt.X("effect_x:Q", scale=x_scale), text="effect:N", tooltip=tooltip
    )
    return with_note(
        alt.layer(links, heads, causes, effects, data=data)
        .properties(width=WIDTH + 200, height=alt.Step(28))
        .facet(row=alt.Row("group:N", title=None, sort=groups, header=ROW_HEADER))
        .resolve_scale(y="independent"),
        note,
    )


def step_matrix(frame: pd.DataFrame) -> alt.LayerChart:
    """A grid of rows × columns whose cells carry a text label (e.g. each force's chain of steps)."""
    steps, note = first_entities(frame, "row", "rows")
    base = alt.Chart(steps).encode(
        x=alt.X(
            "column:N", title=None, sort=list(dict.fromkeys(steps["column"])), axis=alt.Axis(labelAngle=0, orient="top")
        ),
        y=alt.Y("row:N", title=None, sort=list(dict.fromkeys(steps["row"]))),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("kind:N", title=None, sort=list(dict.fromkeys(steps["kind"]))),
        tooltip=[
            alt.Tooltip("row:N", title="Row"),
            alt.Tooltip("column:N", title="Column"),
            alt.Tooltip("label:N", title="Cell"),
        ],
    )
    labels = base.mark_text(fontSize=11, color="white").encode(text="label:N")
    return with_note(alt.layer(cells, labels).properties(width=WIDTH, height=46 * steps["row"].nunique()), note)


def player_trajectory(points: pd.DataFrame) -> alt.LayerChart:
    """Numbers of market players the seeds claim or predict by year (a range is drawn as a bar), log scale."""
    y_scale = alt.Scale(type="log", domain=[1, 500])
    base = alt.Chart(points).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        color=alt.Color("kind:N", title=None, sort=list(dict.fromkeys(points["kind"]))),
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("low:Q", title="Players (low)"),
            alt.Tooltip("high:Q", title="Players (high)"),
            alt.Tooltip("quote_zh:N", title="Seed wording"),
        ],
    )
    # Ticks at 1, 3, 10, 30, ...: Vega's own log ticks label every integer, and their labels overlap.
    y_axis = alt.Axis(values=[1, 3, 10, 30, 100, 300])
    ranges = base.mark_rule(size=8).encode(
        y=alt.Y("low:Q", scale=y_scale, axis=y_axis, title="Players (log scale)"), y2="high:Q"
    )
    dots = base.mark_point(size=120, filled=True).encode(y=alt.Y("low:Q", scale=y_scale))
    labels = base.mark_text(dx=14, align="left", fontSize=11).encode(y=alt.Y("high:Q", scale=y_scale), text="label:N")
    return alt.layer(ranges, dots, labels).properties(width=WIDTH, height=HEIGHT)


def prediction_timeline(predictions: pd.DataFrame) -> alt.LayerChart:
    """Each prediction at its due date, coloured by its state on the as-of date (dashed rule)."""
    data, note = first_entities(
        predictions[["label", "due_date", "state", "statement_en", "as_of"]].copy(), "label", "predictions"
    )
    base = alt.Chart(data).encode(y=alt.Y("label:N", title=None, sort=list(data["label"])))
    states = [str(state) for state in dict.fromkeys(data["state"])]
    points = base.mark_point(size=200, filled=True).encode(
        x=alt.X("due_date:T", title="Due date", axis=alt.Axis(format="%Y-%m")),
        color=alt.Color("state:N", title="State on the as-of date", scale=alt.Scale(domain=states)),
        shape=alt.Shape("state:N", title="State on the as-of date", scale=shape_scale(states)),
        tooltip=[
            alt.Tooltip("label:N", title="Prediction"),
            alt.Tooltip("due_date:T", title="Due", format="%Y-%m-%d"),
            alt.Tooltip("state:N", title="State"),
            alt.Tooltip("statement_en:N", title="Statement"),
        ],
    )
    as_of = alt.Chart(data).mark_rule(strokeDash=[4, 3], color="#333333").encode(x="min(as_of):T")
    return with_note(alt.layer(points, as_of).properties(width=WIDTH, height=40 * len(data)), note)


def layer_span_bars(frame: pd.DataFrame) -> alt.LayerChart:
    """The period each layer's tasks cover on the timeline, with the as-of date as a dashed rule."""
    spans, note = first_entities(frame, "layer", "layers")
    base = alt.Chart(spans).encode(y=alt.Y("layer:N", title=None, sort=list(spans["layer"])))
    bars = base.mark_bar(height=16).encode(
        x=alt.X("first_start:T", title=None, axis=alt.Axis(format="%Y", tickCount=YEARLY)),
        x2="last_end:T",
        color=alt.Color("outlook:N", title="Outlook in the five-layer table"),
        tooltip=[
            alt.Tooltip("layer:N", title="Layer"),
            alt.Tooltip("first_start:T", title="First start", format="%Y-%m-%d"),
            alt.Tooltip("last_end:T", title="Last end", format="%Y-%m-%d"),
            alt.Tooltip("tasks:Q", title="Tasks"),
            alt.Tooltip("ended:Q", title="Periods ended on the as-of date"),
            alt.Tooltip("outlook:N", title="Outlook"),
        ],
    )
    as_of = alt.Chart(spans).mark_rule(strokeDash=[4, 3], color="#333333").encode(x="min(as_of):T")
    return with_note(alt.layer(bars, as_of).properties(width=WIDTH, height=36 * len(spans)), note)
