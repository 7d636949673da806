"""What the concentration chapter shows from epoch_models: shares by compute beside shares by model count, and
how many developers reach fixed compute thresholds and the year's frontier; with the credit line of the two
releases and their seam."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.concentration import parent_companies
from scaling_book.analysis.evidence_releases import (
    combined_full_year,
    combined_partial_year,
    combined_years,
)
from scaling_book.analysis.frontier_developers import (
    FRONTIER_THRESHOLDS_FLOP,
    NEAR_LARGEST_FACTOR,
    TOP_K,
    frontier_by_year,
    threshold_name,
)
from scaling_book.inputs.load import load_table
from scaling_book.views.evidence_phrases import position
from scaling_book.views.evidence_releases import releases_source
from scaling_book.views.evidence_tables import year_label
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import percent

FRONTIER_CAPTION = (
    "Notable models with a training-compute estimate, per year, by developer (the lead organisation merged into "
    "its parent company): models, developers, the share of the five developers with most models and with most "
    "compute, HHI by model count and by compute, the year's largest model, and the developers with a model at "
    "or above 1e23 and 1e25 FLOP and within a factor of ten of the year's largest model."
)


def flop(value: float) -> str:
    """Training compute in scientific notation: 5e26 -> '5.0e26'."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def partial_note(partial: int | None) -> str:
    """'2026, the snapshot's last year, is partial' or, for a snapshot ending on 31 December, 'no year is partial'."""
    return "no year is partial" if partial is None else f"{partial}, the snapshot's last year, is partial"


def weighting_verdict(by_count: float, by_compute: float) -> str:
    """How the top developers' share of compute compares with their share of models, at the shown precision."""
    if percent(by_compute) == percent(by_count):
        return "as concentrated by compute as by model count"
    return (
        "more concentrated by compute than by model count"
        if by_compute > by_count
        else "less concentrated by compute than by model count"
    )


def frontier_table(frame: pd.DataFrame, partial: int | None) -> pd.DataFrame:
    """The yearly measures of :func:`frontier_by_year` as the chapter shows them."""
    table = pd.DataFrame(
        {
            "Year": [year_label(int(year), partial) for year in frame["year"]],
            "Models": frame["models"].astype(int).to_numpy(),
            "Developers": frame["developers"].astype(int).to_numpy(),
            f"Top {TOP_K}, models": [percent(value) for value in frame["top5_count"]],
            f"Top {TOP_K}, compute": [percent(value) for value in frame["top5_compute"]],
            "HHI, models": [f"{value:.3f}" for value in frame["hhi_count"]],
            "HHI, compute": [f"{value:.3f}" for value in frame["hhi_compute"]],
            "Largest (FLOP)": [flop(value) for value in frame["largest_flop"]],
        }
    )
    for threshold in FRONTIER_THRESHOLDS_FLOP:
        table[f"≥ {threshold_name(threshold)}"] = frame[f"above_{threshold_name(threshold)}"].astype(int).to_numpy()
    table[f"Within {NEAR_LARGEST_FACTOR:g}× of largest"] = frame["near_largest"].astype(int).to_numpy()
    return table


def frontier_developers(results: ChapterResults, claim_year: int, low: float, high: float) -> None:
    """Glue the compute-weighted shares and frontier counts of the last full year (and ``claim_year``), table them."""
    releases = load_table("epoch_releases")
    frame = frontier_by_year(load_table("epoch_models"), parent_companies(), combined_years(releases))
    source = releases_source(releases, "data/processed/epoch_models.csv")
    last = combined_full_year(releases)
    by_year = frame.set_index("year")
    results.number("evidence.concentration.frontier.year", last, "year")
    results.text("evidence.concentration.frontier.source", source)
    for year, suffix in ((last, "last"), (claim_year, "claim_year")):
        row = by_year.loc[year]
        results.number(f"evidence.concentration.frontier.models_{suffix}", int(row["models"]), "count")
        results.number(f"evidence.concentration.frontier.top5_count_{suffix}", row["top5_count"], "fraction")
        results.number(f"evidence.concentration.frontier.top5_compute_{suffix}", row["top5_compute"], "fraction")
        results.number(f"evidence.concentration.frontier.near_largest_{suffix}", int(row["near_largest"]), "count")
        for threshold in FRONTIER_THRESHOLDS_FLOP:
            name = threshold_name(threshold)
            results.number(f"evidence.concentration.frontier.above_{name}_{suffix}", int(row[f"above_{name}"]), "count")
    row = by_year.loc[last]
    results.text("evidence.concentration.frontier.weighting", weighting_verdict(row["top5_count"], row["top5_compute"]))
    results.text("evidence.concentration.frontier.near_verdict", position(row["near_largest"], low, high))
    for index, threshold in enumerate(FRONTIER_THRESHOLDS_FLOP):
        results.text(f"evidence.concentration.frontier.threshold_{index + 1}", f"{threshold_name(threshold)} FLOP")
    factor = NEAR_LARGEST_FACTOR
    results.number("evidence.concentration.frontier.factor", factor, "multiple", text=f"{factor:g} times")
    partial = combined_partial_year(releases)
    results.text("evidence.concentration.frontier.partial", partial_note(partial))
    results.table(
        "tbl-evidence-frontier-developers",
        frontier_table(frame, partial),
        caption=FRONTIER_CAPTION,
        widths=(7, 6, 7, 8, 8, 7, 7, 9, 6, 6, 8),
        source=source,
    )
