"""Concentration of notable models by training compute, and how many developers reach the frontier, per year.

From epoch_models: a model's developer is its lead (first listed) organisation merged into its parent company
(data/editorial/parent_companies.csv). Shares by model count and by training compute are taken over the same
models (compute estimate and organisation both known), so the two weightings differ only in the weights.
Frontier counts: developers with a model at or above each of ``FRONTIER_THRESHOLDS_FLOP``, and developers
with a model within a factor ``NEAR_LARGEST_FACTOR`` of the year's largest model (over every model with an
estimate, organisation known or not).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from scaling_book.analysis.concentration import top_share
from scaling_book.analysis.measures import hhi

FRONTIER_THRESHOLDS_FLOP = (1e23, 1e25)
NEAR_LARGEST_FACTOR = 10.0
TOP_K = 5


def threshold_name(flop: float) -> str:
    """Column-safe name of a compute threshold: 1e25 -> '1e25'."""
    return f"1e{round(math.log10(flop))}"


def developer_models(models: pd.DataFrame, parent_of: Mapping[str, str]) -> pd.DataFrame:
    """Models with a compute estimate, with ``developer`` = parent company of the lead organisation (NaN if none)."""
    rows = models[models["training_compute_flop"].notna()].copy()
    lead = rows["lead_organization"]
    rows["developer"] = lead.map(lambda name: parent_of.get(name, name), na_action="ignore")
    return rows


def year_measures(rows: pd.DataFrame) -> dict[str, float | int]:
    """One year's measures from its models with compute (``developer`` NaN when the organisation is unknown)."""
    largest = float(rows["training_compute_flop"].max())
    known = rows[rows["developer"].notna()]
    counts = known.groupby("developer").size()
    compute = known.groupby("developer")["training_compute_flop"].sum()
    best = known.groupby("developer")["training_compute_flop"].max()
    measures: dict[str, float | int] = {
        "models": len(rows),
        "organization_known": len(known),
        "developers": len(counts),
        "top5_count": top_share(counts, TOP_K) if len(counts) else math.nan,
        "top5_compute": top_share(compute, TOP_K) if len(counts) else math.nan,
        "hhi_count": hhi(counts / counts.sum()) if len(counts) else math.nan,
        "hhi_compute": hhi(compute / compute.sum()) if len(counts) else math.nan,
        "largest_flop": largest,
    }
    for threshold in FRONTIER_THRESHOLDS_FLOP:
        measures[f"above_{threshold_name(threshold)}"] = int((best >= threshold).sum())
    measures["near_largest"] = int((best >= largest / NEAR_LARGEST_FACTOR).sum())
    return measures


def frontier_by_year(models: pd.DataFrame, parent_of: Mapping[str, str], years: list[int]) -> pd.DataFrame:
    """Per year of ``years`` that has models with compute: counts, top-5 share and HHI by count and by compute,
    largest model, developers above each threshold and within ``NEAR_LARGEST_FACTOR`` of the largest."""
    rows = developer_models(models, parent_of)
    frames = [
        {"year": year} | year_measures(group)
        for year, group in rows.groupby(rows["year"].astype(int))
        if year in set(years)
    ]
    return pd.DataFrame(frames)
