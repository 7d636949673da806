"""View of the atlas chapter (chapters/evidence/atlas.md): is AI converging? The evidence, area by area.

Numbers keys (numbers.json): ``atlas.<area>.<year>.leader_share`` and ``.level_probability`` (fractions) and
``.level`` (unit "level": the level's rank, L4 = 4 … L0 = 0, text the level id) for every measured area-year
(scenario "all"); ``atlas.layer.<layer>.verdict`` and ``atlas.force.<force>.verdict`` (unit "verdict": the code
of analysis.atlas_trends.VERDICT_CODES, text the word) for every layer and force.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd

from scaling_book.analysis.atlas_levels import CONFIDENCE
from scaling_book.analysis.atlas_rules import LARGE_COMPUTE_FLOP, PARENT_FIELD
from scaling_book.analysis.atlas_sensitivity import placement_sensitivity
from scaling_book.analysis.atlas_trends import (
    VERDICT_CODES,
    atlas_trends,
    one_row_per_area_year,
    trend_rules,
    verdict_counts,
)
from scaling_book.analysis.atlas_verdicts import force_verdicts, informed_targets, layer_verdicts
from scaling_book.analysis.frontier_developers import threshold_name
from scaling_book.analysis.moe_check import moe_check
from scaling_book.analysis.placement import PlacementRules
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import atlas_settings
from scaling_book.schemas.registry import LEVEL_IDS
from scaling_book.views.atlas_phrases import (
    bullet_list,
    few_years_sentence,
    loose_sentence,
    market_phrase,
    moe_check_sentence,
    points_phrase,
    sensitivity_sentence,
    start_year_sensitivity,
    unmeasured_sentence,
    verdict_answer,
)
from scaling_book.views.atlas_tables import (
    levels_table,
    misclassified_table,
    sensitivity_table,
    target_names,
    trajectory_frame,
    trends_table,
    verdicts_table,
)
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import atlas as charts
from scaling_book.views.evidence_releases import releases_source
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import names_list

LEVEL_RANKS = {level: len(LEVEL_IDS) - 1 - index for index, level in enumerate(LEVEL_IDS)}  # L4 = 4 … L0 = 0
TABLES = "data/processed/epoch_models.csv"


@dataclasses.dataclass(frozen=True)
class AtlasInputs:
    """What the chapter reads from the atlas core: the areas (as a frame), shares, levels and placement rules."""

    areas: pd.DataFrame
    shares: pd.DataFrame
    levels: pd.DataFrame
    rules: PlacementRules
    sensitivity: pd.DataFrame | None = None  # analysis.atlas.placement_sensitivity(); computed when not given


def core_inputs() -> AtlasInputs:
    """The atlas core's frames for the book's data (analysis/atlas.py)."""
    from scaling_book.analysis import atlas

    areas = pd.DataFrame([dataclasses.asdict(area) for area in atlas.atlas_areas()])
    rules = getattr(atlas, "placement_rules", PlacementRules)()
    return AtlasInputs(areas, atlas.atlas_shares(), atlas.atlas_levels(), rules, atlas.placement_sensitivity())


def glue_sensitivity(results: ChapterResults, sensitivity: pd.DataFrame, source: str) -> None:
    """The table of area-years each alternative reading of the level rules moves, and the sentence on the largest."""
    results.text("atlas.sensitivity", sensitivity_sentence(sensitivity))
    results.table(
        "tbl-atlas-sensitivity",
        sensitivity_table(sensitivity),
        caption="Measured area-years (all scenarios together) whose level changes when one rule of the "
        "placement is read another way, the other rules kept as the book sets them.",
        source=f"{source}; readings in scaling_book.analysis.atlas_sensitivity",
    )


def glue_moe_check(results: ChapterResults) -> None:
    """The MoE keyword flag checked against the hand labels: sample, precision, recall and the models it gets wrong."""
    labels = load_table("moe_labels")
    check = moe_check(labels, load_table("epoch_models"))
    moe = check.true_positives + check.false_negatives
    dense = check.false_positives + check.true_negatives
    results.count("atlas.moe.labelled", check.labelled, "hand-labelled model", "hand-labelled models")
    results.number("atlas.moe.precision", check.precision, "fraction")
    results.number("atlas.moe.recall", check.recall, "fraction")
    results.text("atlas.moe.check", moe_check_sentence(check.false_positives, dense, check.false_negatives, moe))
    results.table(
        "tbl-atlas-moe-misses",
        misclassified_table(labels, check.misclassified, check.false_positive_models),
        caption="Hand-labelled large language models the keyword flag classifies wrongly.",
        source="hand labels with a public source per model in data/editorial/moe_labels.csv; "
        f"keyword flag (moe_flag) from {TABLES}",
    )


def glue_area_years(results: ChapterResults, levels: pd.DataFrame) -> None:
    """The registry entries of every measured area-year (scenario "all"): leader share, level and its probability."""
    measured = levels[(levels["scenario"] == "all") & levels["measurable"].astype(bool)]
    for row in measured.sort_values(["area_id", "year"]).itertuples():
        key = f"atlas.{row.area_id}.{int(row.year)}"
        results.number(f"{key}.leader_share", row.leader_share, "fraction")
        results.number(f"{key}.level", LEVEL_RANKS[row.level], "level", text=row.level)
        results.number(f"{key}.level_probability", row.level_probability, "fraction")


def glue_verdicts(results: ChapterResults, prefix: str, ids: Sequence[str], verdicts: Sequence[str]) -> None:
    """``atlas.<prefix>.<id>.verdict`` for each item: the verdict's code, shown as its word."""
    for item, verdict in zip(ids, verdicts, strict=True):
        results.number(f"atlas.{prefix}.{item}.verdict", VERDICT_CODES[verdict], "verdict", text=verdict)


def glue_market(results: ChapterResults, areas: pd.DataFrame, trends: pd.DataFrame) -> None:
    """The market areas (one option per parent company): how many developers they name, and each one's trend."""
    market = areas[areas["option_field"] == PARENT_FIELD]
    developers = max((len(options) for options in market["options"]), default=0)
    results.count("atlas.market.developers", developers, "parent company", "parent companies")
    results.text("atlas.market.large", f"{threshold_name(LARGE_COMPUTE_FLOP)} FLOP")
    by_area = trends.set_index("area_id")
    for area_id in market["area_id"]:
        results.text(f"atlas.market.{area_id}", market_phrase(by_area.loc[area_id].to_dict()))


def cannot_measure(
    areas: pd.DataFrame, targets: pd.DataFrame, main: pd.DataFrame, names: dict[tuple[str, str], str]
) -> str:
    """Markdown list of what the data cannot measure: items without evidence, areas without a trend, loose fits."""
    informed = set(zip(targets["kind"], targets["target_id"], strict=True))
    layers = load_table("convergence_layers").sort_values("order")["layer_id"]
    forces = load_table("forces").sort_values("order")["force_id"]
    seeds_areas = load_table("areas").sort_values("order")["area_id"]
    name = areas.set_index("area_id")["name_en"]
    unfitted = main.loc[main["verdict"] == "not measurable", "area_id"]
    settings = atlas_settings()
    return bullet_list(
        [
            unmeasured_sentence("the", [names[("layer", i)] for i in layers if ("layer", i) not in informed]),
            unmeasured_sentence("the forces", [names[("force", i)] for i in forces if ("force", i) not in informed]),
            unmeasured_sentence(
                "the seeds' areas", [names[("area", i)] for i in seeds_areas if ("area", i) not in informed]
            ),
            few_years_sentence([name[area] for area in unfitted], settings.min_years, settings.start_year),
            *[
                loose_sentence(row.name_en, names[(row.informs_kind, row.informs_id)], row.fit_note)
                for row in areas.itertuples()
                if row.fit == "loose"
            ],
            "The seeds' areas (areas.csv) are linked to a level, not to a layer, so evidence on an area "
            "informs no layer verdict.",
        ]
    )


def glue_datasets(results: ChapterResults, inputs: AtlasInputs) -> None:
    """The atlas as two downloads, every row with its origin and source: shares by option, levels by area-year."""
    interval = f"{CONFIDENCE:.0%} bootstrap interval over the models behind each share"
    results.dataset(
        "atlas-shares",
        inputs.shares,
        description=f"share and n of every option of every evidence area, scenario and year, with its {interval} "
        "(share_low, share_high; empty for stated shares), whether the year is partial, and the row's origin "
        "(epoch, seed or user) and source",
    )
    results.dataset(
        "atlas-levels",
        inputs.levels,
        description="level of every area, scenario and year with its leader, leader share, effective number of "
        f"options and degree (each with its {interval}), the probability of each level over the draws (p_L4 … "
        "p_L0), whether the year is partial, origin and source",
    )


def atlas_chapter(inputs: AtlasInputs | None = None) -> ChapterResults:
    """Trajectories, levels by year, trends and verdicts per layer and force, and what the data cannot measure."""
    inputs = inputs or core_inputs()
    results = ChapterResults()
    areas, levels = inputs.areas, one_row_per_area_year(inputs.levels)
    settings, rules = atlas_settings(), trend_rules()
    source = releases_source(load_table("epoch_releases"), TABLES)
    trends = atlas_trends(levels, inputs.shares, list(areas["area_id"]), settings.trend_start_years, rules)
    main = trends[trends["start_year"] == settings.start_year]
    convergence_layers = load_table("convergence_layers")
    targets = informed_targets(areas, convergence_layers)
    layers = layer_verdicts(main, targets, convergence_layers, load_table("caict_layers"))
    forces = force_verdicts(main, targets, load_table("forces"))
    names = target_names()

    counts = verdict_counts(layers["verdict"])
    results.text("atlas.answer", verdict_answer(counts))
    for verdict, count in counts.items():
        results.number(f"atlas.layers.{verdict.replace(' ', '_')}", count, "count")
    results.text("atlas.forces.answer", verdict_answer(verdict_counts(forces["verdict"]), "anti-convergence forces"))
    results.count("atlas.areas", len(areas), "evidence area", "evidence areas")
    partial_years = sorted(set(levels.loc[levels["partial"].astype(bool), "year"]))
    full_years = levels.loc[~levels["partial"].astype(bool), "year"]
    results.number("atlas.last_full_year", int(full_years.max()), "year")
    results.text("atlas.partial_year", ", ".join(str(int(year)) for year in partial_years) or "none")
    results.number("atlas.start_year", settings.start_year, "year")
    results.number("atlas.table_from", settings.table_from, "year")
    results.number("atlas.min_years", settings.min_years, "count")
    results.number(
        "atlas.verdict_slope", settings.verdict_slope, "fraction", text=points_phrase(settings.verdict_slope)
    )
    results.number(
        "atlas.effective_options_slope",
        settings.effective_options_slope,
        "count",
        text=f"{settings.effective_options_slope:g}",
    )
    results.number("atlas.interval", settings.interval, "fraction")
    results.number("atlas.resamples", rules.resamples, "count")

    results.chart(
        "fig-atlas-trajectories",
        charts.trajectories(trajectory_frame(levels, areas, inputs.rules, min(settings.trend_start_years))),
        source=source,
    )
    table_years = list(range(settings.table_from, int(levels["year"].max()) + 1))
    results.table(
        "tbl-atlas-levels",
        levels_table(levels, areas, table_years),
        caption="Level of each evidence area by year (all scenarios together) and the share of bootstrap draws "
        "placed in that level; an area-year with fewer models than the area's minimum has no level.",
        source=source,
    )
    glue_sensitivity(results, inputs.sensitivity if inputs.sensitivity is not None else placement_sensitivity(), source)
    glue_moe_check(results)
    results.table(
        "tbl-atlas-trends",
        trends_table(trends, areas, names, settings.start_year),
        caption="Trend per year of each area's leader share (percentage points) and effective number of options "
        "from {glue}`atlas.start_year` over measured full years, with {glue}`atlas.interval` bootstrap intervals; "
        "the last columns give the verdict from the other start years.",
        source=source,
    )
    results.text("atlas.start_years", names_list([str(year) for year in settings.trend_start_years]))
    results.text(
        "atlas.start_sensitivity",
        start_year_sensitivity(trends, dict(zip(areas["area_id"], areas["name_en"], strict=True))),
    )
    results.table(
        "tbl-atlas-verdicts",
        verdicts_table(main, targets, areas, names),
        caption="Verdict per convergence layer and anti-convergence force, and for the other items evidence "
        "informs, beside what the seeds say of them.",
        source=source,
    )
    glue_verdicts(results, "layer", list(layers["layer_id"]), list(layers["verdict"]))
    glue_verdicts(results, "force", list(forces["force_id"]), list(forces["verdict"]))
    glue_market(results, areas, main)
    results.block("atlas-cannot-measure", cannot_measure(areas, targets, main, names))
    glue_area_years(results, levels)
    results.text("atlas.source", source)
    glue_datasets(results, inputs)
    shown = results.shown
    add_brief(
        results,
        [
            f"Measured on Epoch AI's data, {shown('atlas.answer')}.",
            f"For the forces against convergence: {shown('atlas.forces.answer')}.",
            f"The evidence is {shown('atlas.areas')}, each a share series of notable models by year, with trends "
            f"fitted from {shown('atlas.start_year')} to {shown('atlas.last_full_year')}.",
            f"The keyword flag for mixture-of-experts models has precision {shown('atlas.moe.precision')} and recall "
            f"{shown('atlas.moe.recall')} against {shown('atlas.moe.labelled')}.",
        ],
    )
    return results
