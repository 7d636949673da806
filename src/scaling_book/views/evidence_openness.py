"""View of the chapter on open weights and mixture-of-experts (chapters/evidence/openness.md): yearly shares of
open-weight releases and of language models flagged as mixture-of-experts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.analysis.compute_growth import COMPUTE_START
from scaling_book.analysis.evidence_common import (
    EVIDENCE_YEARS,
    FEW_ROWS,
    INTERVAL_LEVEL,
    dataset_available,
    snapshot_date,
)
from scaling_book.analysis.evidence_models import models_by_year_from, with_combined
from scaling_book.analysis.evidence_releases import (
    combined_full_year,
    combined_partial_year,
    combined_snapshot,
    combined_years,
    seam_year,
)
from scaling_book.analysis.evidence_shares import moe_by_year, open_weights_by_year
from scaling_book.inputs.load import load_table
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_phrases import (
    FRINGE_SHARE,
    moe_column,
    moe_window_state,
    openness_reading,
    source_line,
)
from scaling_book.views.evidence_releases import releases_source, seam_sentence
from scaling_book.views.evidence_tables import dataset_labels, share_table
from scaling_book.views.results import ChapterResults

TABLES = "data/processed/epoch_models_by_year.csv"
CHART_COLUMNS = ["year", "dataset", "{count}", "{total}", "share", "share_low", "share_high", "few_rows"]
MOE_CAPTION = (
    "Share of language models flagged as mixture-of-experts by a keyword heuristic, per year: share "
    "(flagged/language models; {glue}`evidence.openness.interval_level` Wilson interval). The heuristic "
    "misses models whose notes do not mention experts and can misfire on notes that mention experts for "
    "another reason, so the shares are approximate, not bounds: silent notes push them down, misfires "
    "push them up."
)


def wider_partial_note(manifest: pd.DataFrame, datasets: list[str]) -> str:
    """A caption's closing sentence on the All AI Models column, whose file ends earlier than the combined releases."""
    if "all" not in datasets:
        return ""
    end = snapshot_date(manifest, "all")
    return f" The All AI Models column ends on {end.date().isoformat()}, so its {end.year} is partial."


def share_chart(frame: pd.DataFrame, count: str, total: str, title: str) -> alt.LayerChart:
    """Yearly shares per dataset from the start of the compute fit on, as a chart."""
    rows = frame[frame["year"] >= COMPUTE_START.year]
    columns = [column.format(count=count, total=total) for column in CHART_COLUMNS]
    return charts.share_by_year(rows[columns], series="dataset", count=count, total=total, title=title)


def open_weights(
    results: ChapterResults,
    manifest: pd.DataFrame,
    models_by_year: pd.DataFrame,
    datasets: list[str],
    labels: dict[str, str],
    years: list[int],
    partial: int | None,
    last: int,
    source: str,
) -> None:
    """The open-weight shares: table, glued years, last and first year, range, median and its reading, chart."""
    shares = pd.concat(
        [open_weights_by_year(models_by_year, dataset).assign(dataset=labels[dataset]) for dataset in datasets],
        ignore_index=True,
    )
    results.table(
        "tbl-evidence-open-weights",
        share_table(
            shares,
            series="dataset",
            count_column="open_weights",
            total="accessibility_known",
            years=years,
            partial=partial,
        ),
        caption="Share of models released with open weights, per year, among models whose accessibility "
        "is recorded: share (open/recorded; {glue}`evidence.openness.interval_level` Wilson "
        "interval)." + wider_partial_note(manifest, datasets),
        source=source,
    )
    notable = shares[shares["dataset"] == labels["notable"]].set_index("year")
    for year in EVIDENCE_YEARS:
        if year in notable.index:
            results.number(f"evidence.open_weights.share.{year}", notable.loc[year, "share"], "fraction")
    results.number("evidence.openness.open_last", notable.loc[last, "share"], "fraction")
    results.number("evidence.openness.open_last_low", notable.loc[last, "share_low"], "fraction")
    results.number("evidence.openness.open_last_high", notable.loc[last, "share_high"], "fraction")
    results.number("evidence.openness.known_last", int(notable.loc[last, "accessibility_known"]), "count")
    first = EVIDENCE_YEARS[0]
    results.number("evidence.openness.first_year", first, "year")
    results.number("evidence.openness.open_first", notable.loc[first, "share"], "fraction")
    results.number("evidence.openness.known_first", int(notable.loc[first, "accessibility_known"]), "count")
    recent = notable.loc[[year for year in notable.index if first <= year <= last]]
    results.number("evidence.openness.open_min", recent["share"].min(), "fraction")
    results.number("evidence.openness.open_max", recent["share"].max(), "fraction")
    results.number("evidence.openness.open_median", recent["share"].median(), "fraction")
    results.text("evidence.openness.reading", openness_reading(recent["share"].median()))
    results.number("evidence.openness.fringe_share", FRINGE_SHARE, "fraction")
    results.chart(
        "fig-evidence-open-weights",
        share_chart(shares, "open_weights", "accessibility_known", "Share with open weights"),
        source=source,
    )


def seed_wording(results: ChapterResults, manifest: pd.DataFrame, widest: str) -> pd.Series:
    """Glue the seeds' words on MoE (timeline task, area, level thresholds) and where the flag comes from;
    returns the timeline task."""
    moe_task = load_table("timeline_tasks").set_index("task_id").loc["moe_standard"]
    results.text("evidence.openness.moe_zh", moe_task["name_zh"])
    results.text(
        "evidence.openness.moe_en", f"{moe_task['name_en']}, {moe_task['start'].date()} to {moe_task['end'].date()}"
    )
    areas = load_table("areas").set_index("area_id")
    results.text("evidence.openness.moe_area_zh", areas.loc["moe_vs_dense", "name_zh"])
    thresholds = load_table("level_thresholds").set_index("threshold_id")
    results.text("evidence.openness.l2_zh", thresholds.loc["L2.option_count", "quote_zh"])
    results.text("evidence.openness.l3_zh", thresholds.loc["L3.new_product_adoption", "quote_zh"])
    results.number("evidence.openness.l3_threshold", thresholds.loc["L3.new_product_adoption", "value"], "fraction")
    columns_note = manifest.set_index("dataset")["columns_note"].fillna("")
    results.text("evidence.openness.moe_column", moe_column(columns_note[widest]))
    return moe_task


def openness_chapter() -> ChapterResults:
    """Open-weight shares of notable (and all) models, and the share of language models flagged as MoE."""
    results = ChapterResults()
    manifest = load_table("epoch_manifest")
    releases = load_table("epoch_releases")
    models = load_table("epoch_models")
    models_by_year = with_combined(load_table("epoch_models_by_year"), models_by_year_from(models), seam_year(releases))
    datasets = ["notable", "all"] if dataset_available(manifest, "all") else ["notable"]
    source = releases_source(releases, "data/processed/epoch_models.csv")
    if len(datasets) > 1:
        source += "; " + source_line(manifest, "all", TABLES)
    years, partial = combined_years(releases), combined_partial_year(releases)
    results.text("evidence.openness.seam", seam_sentence(releases))
    last = combined_full_year(releases)
    results.number("evidence.openness.last_full_year", last, "year")
    results.text("evidence.openness.sources", source)
    results.number("evidence.openness.interval_level", INTERVAL_LEVEL, "fraction")
    results.number("evidence.openness.few_rows", FEW_ROWS, "count")
    drivers = load_table("drivers").set_index("driver_id")
    driver = drivers.loc["open_source"]
    results.text("evidence.openness.driver_zh", f"{driver['cause_zh']} → {driver['effect_zh']}")
    results.text("evidence.openness.driver_en", f"{driver['cause_en']} → {driver['effect_en']}")
    labels = dataset_labels(manifest)
    open_weights(results, manifest, models_by_year, datasets, labels, years, partial, last, source)

    widest = "notable"  # the combined releases: the widest span of dates
    moe_task = seed_wording(results, manifest, widest)
    moe = pd.concat(
        [moe_by_year(models_by_year, dataset).assign(dataset=labels[dataset]) for dataset in datasets],
        ignore_index=True,
    )
    results.table(
        "tbl-evidence-moe",
        share_table(moe, series="dataset", count_column="moe_flagged", total="moe_known", years=years, partial=partial),
        caption=MOE_CAPTION + wider_partial_note(manifest, datasets),
        source=source,
    )
    moe_widest = moe[moe["dataset"] == labels[widest]].set_index("year")
    if moe_widest.empty:
        raise ValueError(f"{widest}: no language model has a readable MoE flag; see columns_note in epoch_manifest.csv")
    results.text("evidence.openness.moe_dataset", labels[widest])
    results.number("evidence.moe.share_last", moe_widest.loc[last, "share"], "fraction")
    results.number("evidence.moe.share_last_high", moe_widest.loc[last, "share_high"], "fraction")
    results.number("evidence.moe.flagged_last", int(moe_widest.loc[last, "moe_flagged"]), "count")
    results.number("evidence.moe.language_last", int(moe_widest.loc[last, "moe_known"]), "count")
    results.number("evidence.moe.flagged_total", int(moe_widest["moe_flagged"].sum()), "count")
    final = int(combined_snapshot(releases).year)
    results.number("evidence.moe.final_year", final, "year")
    results.number("evidence.moe.flagged_final", int(moe_widest.loc[final, "moe_flagged"]), "count")
    results.number("evidence.moe.language_final", int(moe_widest.loc[final, "moe_known"]), "count")
    snapshot = combined_snapshot(releases)
    results.text("evidence.moe.snapshot", snapshot.date().isoformat())
    counted = moe[~moe["few_rows"].astype(bool)]
    results.number("evidence.moe.max_share", counted["share"].max(), "fraction")
    results.text("evidence.moe.window_state", moe_window_state(snapshot, moe_task["start"], moe_task["end"]))
    results.chart(
        "fig-evidence-moe",
        share_chart(moe, "moe_flagged", "moe_known", "Share flagged as mixture-of-experts"),
        source=source,
    )
    shown = results.shown
    add_brief(
        results,
        [
            f"Of the notable models of {shown('evidence.openness.last_full_year')} whose accessibility is recorded, "
            f"{shown('evidence.openness.open_last')} ({shown('evidence.openness.open_last_low')} to "
            f"{shown('evidence.openness.open_last_high')}) have open weights, against "
            f"{shown('evidence.openness.open_first')} in {shown('evidence.openness.first_year')}.",
            f"From {shown('evidence.openness.first_year')} to {shown('evidence.openness.last_full_year')} the share "
            f"ranged from {shown('evidence.openness.open_min')} to {shown('evidence.openness.open_max')}.",
            f"{shown('evidence.moe.flagged_last')} of the {shown('evidence.moe.language_last')} language models of "
            f"{shown('evidence.openness.last_full_year')} ({shown('evidence.moe.share_last')}) are mixtures of experts "
            "by Epoch's parameter notes.",
        ],
    )
    return results
