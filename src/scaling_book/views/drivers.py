"""Views for the driver chapters of Part IV (technical, market, standards): the overview's drivers diagram."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.analysis import scorecard, timeline
from scaling_book.analysis.frontier_developers import TOP_K
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.evidence_compute import compute_chapter
from scaling_book.views.evidence_concentration import concentration_chapter
from scaling_book.views.framework_tables import claims_view
from scaling_book.views.results import ChapterResults
from scaling_book.views.saturation import hub_saturation_phrase
from scaling_book.views.scorecard import status_word
from scaling_book.views.text import bilingual, bilingual_unless_same, multiple, names_list


def drivers_with_groups() -> pd.DataFrame:
    """Every cause → effect arrow of the overview's drivers diagram, with its group's names."""
    groups = load_table("driver_groups")[["group_id", "order", "name_en", "name_zh"]].rename(
        columns={"order": "group_order", "name_en": "group_en", "name_zh": "group_zh"}
    )
    drivers = load_table("drivers").merge(groups, on="group_id", validate="many_to_one")
    drivers["group"] = [bilingual(en, zh) for en, zh in zip(drivers.group_en, drivers.group_zh)]
    drivers["cause"] = [bilingual_unless_same(en, zh) for en, zh in zip(drivers.cause_en, drivers.cause_zh)]
    drivers["effect"] = [bilingual(en, zh) for en, zh in zip(drivers.effect_en, drivers.effect_zh)]
    return drivers.sort_values("order").reset_index(drop=True)


def arrow_frame() -> pd.DataFrame:
    """Every arrow of the drivers diagram with its group, in the diagram's order."""
    drivers = drivers_with_groups()
    return pd.DataFrame(
        {"row": drivers.order, "group": drivers.group, "cause": drivers.cause, "effect": drivers.effect}
    )


def group_table(group_id: str) -> pd.DataFrame:
    """The arrows of one group, for display."""
    drivers = drivers_with_groups()
    if group_id not in set(drivers.group_id):
        raise KeyError(f"no driver group {group_id!r} in data/framework/driver_groups.csv")
    drivers = drivers[drivers.group_id == group_id]
    return drivers[["cause", "effect"]].rename(columns={"cause": "Cause", "effect": "Effect"}).reset_index(drop=True)


def player_points() -> pd.DataFrame:
    """The seeds' counts and forecast of market players, one row per year (a forecast is a low–high range)."""
    claims = load_table("claims").set_index("claim_id")
    rows = []
    for claim_id, kind in [
        ("market.players_2023", "claimed count (lower bound)"),
        ("market.players_2025", "claimed count"),
        ("market.providers_2027", "predicted range"),
    ]:
        claim = claims.loc[claim_id]
        high = claim.value_high if pd.notna(claim.value_high) else claim.value
        label = (
            f"{claim.value:g}" + ("+" if claim.operator == ">=" else "") + (f"–{high:g}" if high != claim.value else "")
        )
        rows.append(
            {
                "year": int(claim.year),
                "low": float(claim.value),
                "high": float(high),
                "kind": kind,
                "label": label,
                "quote_zh": claim.quote_zh,
            }
        )
    return pd.DataFrame(rows)


DIAGRAM_SOURCE = "seed 002 (section overview), section 六 (drivers)"


def arrows_section(results: ChapterResults, group_id: str) -> pd.DataFrame:
    """The group's arrows of the drivers diagram: their table and their count (returns the table)."""
    own = group_table(group_id)
    results.number(f"{group_id}.arrows", len(own), "count")
    results.table(
        f"tbl-{group_id}-drivers",
        own,
        caption=f"The {group_id} drivers in the overview's diagram.",
        source=f"{DIAGRAM_SOURCE}; data/framework/drivers.csv",
    )
    return own


def drivers_diagram(results: ChapterResults) -> None:
    """The whole drivers diagram, one panel per group (drawn once, in the first driver chapter)."""
    results.chart(
        "fig-drivers",
        charts.arrow_panels(arrow_frame()),
        source=f"{DIAGRAM_SOURCE}; data/framework/drivers.csv, driver_groups.csv",
    )


def task_on_scorecard(task_id: str) -> str:
    """'“Optimisers converge” is resolved yes': a timeline task's status on the scorecard on the as-of date."""
    row = scorecard.scorecard_on(as_of(), ("task",)).set_index("item_id").loc[task_id]
    return f"“{row.statement_en}” is {status_word(row.status, row.outcome_origin)}"


WHY_CONVERGED = ["market_pressure", "engineering_economics", "switching_cost"]  # the overview's conclusions on why


def technical_chapter() -> ChapterResults:
    """Technical drivers: the group's arrows, and the overview's statements on why convergence happened."""
    results = ChapterResults()
    arrows_section(results, "technical")
    drivers_diagram(results)
    results.number("technical.all_arrows", len(drivers_with_groups()), "count")
    conclusions = load_table("conclusions").set_index("item_id").loc[WHY_CONVERGED]
    results.text("technical.quote.idc", fw.quote("idc_converged"))
    results.text("technical.quote.capital", fw.quote("capital_efficiency"))
    results.table(
        "tbl-technical-conclusions",
        conclusions.reset_index()[["kind", "title_en", "title_zh", "detail_en"]].rename(
            columns={"kind": "Kind", "title_en": "Statement", "title_zh": "中文", "detail_en": "Detail"}
        ),
        caption="The overview's statements on why convergence happened.",
        source="seed 002, sections 六 and 八; data/framework/conclusions.csv",
    )
    compute = compute_chapter().shown
    growth = "evidence.compute.growth_per_year.notable"
    shown = results.shown
    add_brief(
        results,
        [
            f"The drivers diagram draws {shown('technical.arrows')} technical arrows of its "
            f"{shown('technical.all_arrows')}; the seeds measure neither.",
            "By the overview's own account, market pressure and engineering inertia, not technical superiority, "
            "drove the convergence of its day.",
            f"Part VI measures the scaling the arrows rest on: the training compute of notable models has grown "
            f"{compute(growth)} a year ({compute(growth + '.low')} to {compute(growth + '.high')}).",
            f"On the scorecard of Part V, the timeline's task {task_on_scorecard('optimizer_convergence')}.",
        ],
    )
    return results


PLAYER_CLAIMS = {"first": "market.players_2023", "second": "market.players_2025", "forecast": "market.providers_2027"}
MARKET_CLAIMS = [
    "market.players_2023",
    "market.players_2025",
    "market.players_fold_reduction",
    "market.head_firms",
    "market.head_firms_share",
    "market.providers_2027",
    "market.gantt_three_to_five",
]


def market_chapter() -> ChapterResults:
    """Market drivers: the group's arrows, and the seeds' counts and forecast of market players."""
    results = ChapterResults()
    arrows_section(results, "market")
    points = player_points()
    players = fw.player_reduction()
    results.number("market.players_2023", players["players_2023"], "count")
    results.number("market.players_2025", players["players_2025"], "count")
    for year_key, claim_id in PLAYER_CLAIMS.items():
        results.number(f"market.year_{year_key}", fw.claim(claim_id)["year"], "year")
    results.number("market.implied_multiple", players["implied_multiple"], "multiple")
    results.number(
        "market.claimed_multiple",
        players["claimed_multiple"],
        "multiple",
        text=multiple(players["claimed_multiple"], 0),
    )
    forecast = points.set_index("year").loc[int(fw.claim(PLAYER_CLAIMS["forecast"])["year"])]
    results.number("market.forecast_low", forecast.low, "count")
    results.number("market.forecast_high", forecast.high, "count")
    results.number("market.further_reduction_low", players["players_2025"] / forecast.high, "multiple")
    results.number("market.further_reduction_high", players["players_2025"] / forecast.low, "multiple")
    results.table(
        "tbl-market-claims",
        claims_view(MARKET_CLAIMS),
        caption="The seeds' quantitative claims about the number and weight of market players.",
        source="seed 002, sections 三, 五 and 七; data/framework/claims.csv",
    )
    results.chart(
        "fig-market-players",
        charts.player_trajectory(points),
        source="seed 002, sections 三 and 七; data/framework/claims.csv",
    )
    frontier = concentration_chapter().shown
    shown = results.shown
    add_brief(
        results,
        [
            f"The seeds count at least {shown('market.players_2023')} players in {shown('market.year_first')} and "
            f"{shown('market.players_2025')} mainstream ones in {shown('market.year_second')}: "
            f"{shown('market.implied_multiple')} fewer at the stated count, not the "
            f"{shown('market.claimed_multiple')} of the pyramid's label.",
            f"They forecast {shown('market.forecast_low')} to {shown('market.forecast_high')} foundation-model "
            f"providers by the end of {shown('market.year_forecast')}, a further reduction of "
            f"{shown('market.further_reduction_low')} to {shown('market.further_reduction_high')}.",
            "The three counts change their object (players, mainstream players, providers), so they say little "
            "about concentration.",
            f"Measured in Part VI: in {frontier('evidence.concentration.frontier.year')} the {TOP_K} largest developers "
            f"trained {frontier('evidence.concentration.frontier.top5_compute_last')} of the estimated training "
            "compute of notable models.",
        ],
    )
    return results


STANDARD_WORDS = "标准|基准"  # a timeline task is about standards when its Chinese name says standard or benchmark


def layers_phrase(layer_names: list[str]) -> str:
    """'hardware layer', 'capability and application layers': the layers named, with the noun agreeing."""
    return names_list(layer_names) + (" layer" if len(layer_names) == 1 else " layers")


def standards_chapter() -> ChapterResults:
    """Standards drivers: the group's arrows, and the timeline's tasks about standards and benchmarks."""
    results = ChapterResults()
    as_of_date = as_of()
    arrows_section(results, "standards")
    tasks = timeline.timeline_with_status(as_of_date)
    standard_tasks = tasks[tasks.name_zh.str.contains(STANDARD_WORDS)].reset_index(drop=True)
    results.number("standards.tasks", len(standard_tasks), "count")
    layers = [name.removesuffix(" layer").lower() for name in dict.fromkeys(standard_tasks.layer_en)]
    results.text("standards.task_layers", layers_phrase(layers))
    results.text("standards.saturation", hub_saturation_phrase())
    shown = standard_tasks[["name_en", "name_zh", "layer_en", "start", "end", "seed_status", "status_on_as_of"]].assign(
        start=lambda frame: frame.start.dt.date.astype(str), end=lambda frame: frame.end.dt.date.astype(str)
    )
    results.table(
        "tbl-standards-tasks",
        shown.rename(
            columns={
                "name_en": "Task",
                "name_zh": "中文",
                "layer_en": "Layer",
                "start": "Start",
                "end": "End",
                "seed_status": "Seed's status",
                "status_on_as_of": "Status on the as-of date",
            }
        ),
        caption="Timeline tasks whose Chinese name mentions a standard (标准) or a benchmark (基准).",
        source="seed 002, section 七; data/framework/timeline_tasks.csv",
    )
    results.chart(
        "fig-standards-timeline",
        charts.timeline_gantt(standard_tasks),
        source=f"seed 002, section 七; data/framework/timeline_tasks.csv; as of {as_of_date.isoformat()}",
    )
    shown = results.shown
    add_brief(
        results,
        [
            f"The drivers diagram gives standards {shown('standards.arrows')} arrows, and "
            f"{shown('standards.tasks')} timeline tasks name a standard or a benchmark, in the "
            f"{shown('standards.task_layers')}.",
            f"On Epoch AI's benchmark runs, {shown('standards.saturation')}.",
            f"On the scorecard of Part V, the timeline's task {task_on_scorecard('benchmark_homogenisation')}.",
        ],
    )
    return results
