"""Trends of the evidence atlas: per area the slope per year of leader share and effective options, and a verdict.

Slopes are least-squares fits over the area's measured full years from a start year (the snapshot's partial
last year is left out unless ``analysis.atlas.include_partial_year``). Their intervals come from a bootstrap
over the models behind each year: each draw redraws every year's models from that year's shares (a
multinomial draw of ``n`` models, fixed seed from ``analysis.uncertainty``), recomputes leader share and
effective options, and refits the slope; the years themselves are not resampled. Where observations of
several origins cover one area-year, the Epoch-derived row is used, then a user's (ORIGIN_PREFERENCE).

Verdict codes (the numbers glued under ``unit="verdict"``): converging 1, stable 0, diverging -1, mixed 2,
not measurable 3.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scaling_book.inputs.settings import atlas_settings, uncertainty_settings

CONVERGING, STABLE, DIVERGING, NOT_MEASURABLE, MIXED = "converging", "stable", "diverging", "not measurable", "mixed"
AREA_VERDICTS = (CONVERGING, STABLE, DIVERGING, NOT_MEASURABLE)
VERDICT_CODES = {CONVERGING: 1, STABLE: 0, DIVERGING: -1, MIXED: 2, NOT_MEASURABLE: 3}
ORIGIN_PREFERENCE = ("epoch", "user", "seed")  # which origin's row stands for an area-year covered by several
TREND_COLUMNS = [
    "area_id",
    "start_year",
    "first_year",
    "last_year",
    "years",
    "leader_slope",
    "leader_slope_low",
    "leader_slope_high",
    "effective_slope",
    "effective_slope_low",
    "effective_slope_high",
    "verdict",
]


@dataclass(frozen=True)
class TrendRules:
    """The settings of the trends (book.yml ``analysis.atlas`` and the bootstrap of ``analysis.uncertainty``)."""

    min_years: int = 4
    verdict_slope: float = 0.01
    effective_options_slope: float = 0.05
    interval: float = 0.95
    include_partial_year: bool = False
    resamples: int = 4000
    seed: int = 20261122


def trend_rules() -> TrendRules:
    """The rules book.yml sets, recorded as inputs of the executing chapter."""
    atlas, uncertainty = atlas_settings(), uncertainty_settings()
    return TrendRules(
        min_years=atlas.min_years,
        verdict_slope=atlas.verdict_slope,
        effective_options_slope=atlas.effective_options_slope,
        interval=atlas.interval,
        include_partial_year=atlas.include_partial_year,
        resamples=uncertainty.resamples,
        seed=uncertainty.seed,
    )


def slopes(years: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Least-squares slope per year of each row of ``values`` (one column per year in ``years``)."""
    x = np.asarray(years, dtype=float)
    y = np.atleast_2d(np.asarray(values, dtype=float))
    centred = x - x.mean()
    return (y - y.mean(axis=1, keepdims=True)) @ centred / (centred @ centred)


def one_row_per_area_year(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``frame`` (atlas levels) with a year, one per (area, scenario, year): the preferred origin's."""
    dated = frame[frame["year"].notna()].copy()
    rank = {origin: index for index, origin in enumerate(ORIGIN_PREFERENCE)}
    dated["_rank"] = dated["origin"].map(rank).fillna(len(rank)) if "origin" in dated else 0
    kept = dated.sort_values("_rank", kind="stable").drop_duplicates(["area_id", "scenario", "year"])
    return kept.sort_index().drop(columns="_rank").astype({"year": int})


def trend_years(levels: pd.DataFrame, area_id: str, start_year: int, rules: TrendRules) -> pd.DataFrame:
    """The area's measured years (scenario "all", with a model count) from ``start_year`` that a trend is fitted
    over, by year."""
    dated = one_row_per_area_year(levels[(levels["area_id"] == area_id) & (levels["scenario"] == "all")])
    rows = dated[dated["measurable"].astype(bool) & dated["n"].notna() & (dated["year"] >= start_year)]
    if not rules.include_partial_year:
        rows = rows[~rows["partial"].astype(bool)]
    return rows.sort_values("year")


def resampled_measures(shares: pd.DataFrame, years: pd.DataFrame, rules: TrendRules, area_id: str) -> np.ndarray:
    """Bootstrap draws of leader share and effective options in the rows of ``years``: shape (2, resamples, years).

    Each year's ``n`` models (the effective n of a weighted share) are redrawn from its option shares
    (multinomial); the seed depends on the
    book's seed and the area only, so an area's draws do not change when other areas are added.
    """
    rng = np.random.default_rng([rules.seed, zlib.crc32(area_id.encode())])
    keys = ["year", "origin"] if "origin" in years and "origin" in shares else ["year"]
    rows = shares[(shares["area_id"] == area_id) & (shares["scenario"] == "all")].dropna(subset=["year"])
    rows = rows.astype({"year": int}).merge(years[keys], on=keys)
    draws = []
    for year in years["year"]:
        year_rows = rows[rows["year"] == year]
        split = year_rows["share"].to_numpy(dtype=float)
        behind = year_rows["n_effective"] if "n_effective" in year_rows else year_rows["n"]
        n = max(int(round(float(behind.iloc[0]))), 1)
        counts = rng.multinomial(n, split / split.sum(), size=rules.resamples) / n
        draws.append((counts.max(axis=1), 1.0 / (counts**2).sum(axis=1)))
    return np.array(draws).transpose(1, 2, 0)


def area_verdict(leader: tuple[float, float, float], effective: tuple[float, float, float], rules: TrendRules) -> str:
    """The verdict of two slopes, each (point, low, high): a direction counts when the point passes its
    threshold and the whole interval lies on the same side of zero."""
    rising = leader[0] >= rules.verdict_slope and leader[1] > 0
    falling = leader[0] <= -rules.verdict_slope and leader[2] < 0
    fewer = effective[0] <= -rules.effective_options_slope and effective[2] < 0
    more = effective[0] >= rules.effective_options_slope and effective[1] > 0
    if rising and fewer:
        return CONVERGING
    if falling and more:
        return DIVERGING
    return STABLE


def area_trend(
    levels: pd.DataFrame, shares: pd.DataFrame, area_id: str, start_year: int, rules: TrendRules
) -> dict[str, object]:
    """One row of :func:`atlas_trends`: the slopes of one area from one start year, with intervals and verdict."""
    rows = trend_years(levels, area_id, start_year, rules)
    years = rows["year"].astype(int).to_numpy()
    row: dict[str, object] = dict.fromkeys(TREND_COLUMNS, np.nan)
    row.update(area_id=area_id, start_year=start_year, years=len(years), verdict=NOT_MEASURABLE)
    if len(years) == 0:
        return row
    row.update(first_year=int(years[0]), last_year=int(years[-1]))
    if len(years) < rules.min_years:
        return row
    draws = resampled_measures(shares, rows, rules, area_id)
    tail = (1 - rules.interval) / 2
    fitted = {}
    for name, column, values in (
        ("leader", "leader_share", draws[0]),
        ("effective", "effective_options", draws[1]),
    ):
        point = float(slopes(years, rows[column].to_numpy(dtype=float))[0])
        low, high = np.quantile(slopes(years, values), [tail, 1 - tail])
        fitted[name] = (point, float(low), float(high))
        row.update({f"{name}_slope": point, f"{name}_slope_low": float(low), f"{name}_slope_high": float(high)})
    row["verdict"] = area_verdict(fitted["leader"], fitted["effective"], rules)
    return row


def atlas_trends(
    levels: pd.DataFrame, shares: pd.DataFrame, area_ids: Iterable[str], start_years: Iterable[int], rules: TrendRules
) -> pd.DataFrame:
    """Slopes, intervals and verdict of every area (scenario "all") for every start year (columns TREND_COLUMNS)."""
    rows = [area_trend(levels, shares, area_id, int(start), rules) for area_id in area_ids for start in start_years]
    frame = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return frame.astype({"start_year": int, "years": int})


def combined_verdict(verdicts: Iterable[str]) -> str:
    """One verdict from the areas that inform a layer or force: the measured ones' verdict when they all agree,
    "mixed" when they differ, "not measurable" when none is measured."""
    measured = {verdict for verdict in verdicts if verdict != NOT_MEASURABLE}
    if not measured:
        return NOT_MEASURABLE
    return measured.pop() if len(measured) == 1 else MIXED


def verdict_counts(verdicts: Iterable[str]) -> dict[str, int]:
    """How many of ``verdicts`` are each verdict (every verdict listed, zero when absent)."""
    listed = list(verdicts)
    return {verdict: listed.count(verdict) for verdict in VERDICT_CODES}
