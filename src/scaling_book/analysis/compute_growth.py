"""Growth of training compute in Epoch AI's notable models: an OLS trend with a percentile bootstrap.

Definitions (stated so that others can reproduce them): models with a compute estimate published on
or after ``COMPUTE_START``; OLS of log10(FLOP) on decimal year (year + (day of year - 1)/365.25);
growth per year 10**slope, doubling time 12*log10(2)/slope months; 95% percentile bootstrap over
models (``BOOTSTRAP_RESAMPLES`` resamples, seed ``BOOTSTRAP_SEED``); frontier models are a subset of
notable models, so their difference in slope is bootstrapped jointly (both slopes refitted on the
same resample of notable models).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from scaling_book.analysis.evidence_common import INTERVAL_LEVEL

COMPUTE_START = date(2010, 1, 1)
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20100101
BOOTSTRAP_BLOCK = 1 << 20  # values drawn at once


def decimal_year(dates: pd.Series) -> np.ndarray:
    """year + (day of year - 1) / 365.25 for each date."""
    stamps = pd.to_datetime(dates)
    return (stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25).to_numpy(dtype=float)


def ols_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) of the least-squares line of y on x."""
    x_centred = x - x.mean()
    slope = float((x_centred * (y - y.mean())).sum() / (x_centred**2).sum())
    return slope, float(y.mean() - slope * x.mean())


def resampled_rows(count: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Row indices of ``resamples`` resamples of ``count`` rows drawn with replacement, in blocks of about
    ``BOOTSTRAP_BLOCK`` values: memory stays flat for many rows, and the draws are those of one block."""
    rng = np.random.default_rng(seed)
    per_block = max(1, BOOTSTRAP_BLOCK // count)
    for start in range(0, resamples, per_block):
        yield rng.integers(0, count, size=(min(per_block, resamples - start), count))


def bootstrap_slopes(x: np.ndarray, y: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """OLS slopes of ``resamples`` resamples of the (x, y) pairs drawn with replacement.

    A resample whose dates are all equal has no slope and is dropped (it can only happen with few models).
    """
    slopes = []
    for picks in resampled_rows(len(x), resamples, seed):
        xs, ys = x[picks], y[picks]
        xs_centred = xs - xs.mean(axis=1, keepdims=True)
        spread = (xs_centred**2).sum(axis=1)
        defined = spread > 0
        slopes.append(
            (xs_centred[defined] * (ys[defined] - ys[defined].mean(axis=1, keepdims=True))).sum(axis=1)
            / spread[defined]
        )
    return np.concatenate(slopes)


def growth_per_year(slope: float) -> float:
    """Factor by which compute grows in a year, for a slope of log10(FLOP) per year."""
    return 10**slope


def doubling_months(slope: float) -> float:
    """Months for compute to double, for a slope of log10(FLOP) per year (inf if it does not grow)."""
    return 12 * math.log10(2) / slope if slope > 0 else math.inf


@dataclass(frozen=True)
class Growth:
    """A fitted compute trend with its bootstrap interval."""

    models: int
    first_date: date
    last_date: date
    slope: float
    intercept: float
    slope_low: float
    slope_high: float

    @property
    def growth(self) -> float:
        return growth_per_year(self.slope)

    @property
    def growth_interval(self) -> tuple[float, float]:
        return growth_per_year(self.slope_low), growth_per_year(self.slope_high)

    @property
    def doubling(self) -> float:
        return doubling_months(self.slope)

    @property
    def doubling_interval(self) -> tuple[float, float]:
        return doubling_months(self.slope_high), doubling_months(self.slope_low)

    def trend(self, when: float) -> float:
        """FLOP on the fitted line at decimal year ``when``."""
        return 10 ** (self.intercept + self.slope * when)


def compute_sample(compute: pd.DataFrame, frontier_only: bool = False) -> pd.DataFrame:
    """Models entering the growth fit: published on or after ``COMPUTE_START`` (frontier models only if asked)."""
    rows = compute[compute["publication_date"] >= pd.Timestamp(COMPUTE_START)]
    return rows[frontier_mask(rows)] if frontier_only else rows


def frontier_mask(rows: pd.DataFrame) -> np.ndarray:
    """Which rows Epoch marks as frontier models (unknown counts as no)."""
    return rows["frontier"].fillna(False).astype(bool).to_numpy()


def fit_arrays(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The growth fit's x (decimal year of publication) and y (log10 of training FLOP)."""
    return decimal_year(rows["publication_date"]), np.log10(rows["training_compute_flop"].to_numpy(dtype=float))


def percentile_interval(draws: np.ndarray) -> tuple[float, float]:
    """The central ``INTERVAL_LEVEL`` percentile interval of bootstrap draws."""
    tail = round(50 * (1 - INTERVAL_LEVEL), 6)  # percent in each tail (2.5), free of float noise
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)


def compute_growth(
    compute: pd.DataFrame, frontier_only: bool = False, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> Growth:
    """Growth of training compute since 2010 with a 95% percentile bootstrap interval."""
    return fit_growth(compute_sample(compute, frontier_only), resamples, seed)


def fit_growth(rows: pd.DataFrame, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Growth:
    """The growth fit with its percentile bootstrap over the given models (``publication_date``, compute)."""
    if len(rows) < 3:
        raise ValueError(f"a compute trend needs at least 3 models, got {len(rows)}")
    x, y = fit_arrays(rows)
    slope, intercept = ols_line(x, y)
    low, high = percentile_interval(bootstrap_slopes(x, y, resamples, seed))
    dates = rows["publication_date"]
    return Growth(len(rows), dates.min().date(), dates.max().date(), slope, intercept, low, high)


def masked_slopes(xs: np.ndarray, ys: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """OLS slope of each row of (xs, ys) over the entries where ``mask`` is true (NaN when undefined)."""
    weight = mask.astype(float)
    size = weight.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_centred = xs - (weight * xs).sum(axis=1, keepdims=True) / size
        y_centred = ys - (weight * ys).sum(axis=1, keepdims=True) / size
        spread = (weight * x_centred**2).sum(axis=1)
        slopes = (weight * x_centred * y_centred).sum(axis=1) / spread
    return np.where(spread > 0, slopes, np.nan)


@dataclass(frozen=True)
class SlopeDifference:
    """A subset's slope (frontier, language models) minus the slope of all the models, with its joint interval."""

    difference: float
    low: float
    high: float
    resamples: int  # resamples in which both slopes are defined

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def slope_difference(
    compute: pd.DataFrame, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> SlopeDifference:
    """Frontier minus notable slope; each resample draws notable models and refits both slopes on the same draw."""
    rows = compute_sample(compute)
    frontier = frontier_mask(rows)
    if frontier.sum() < 3:
        raise ValueError(f"a compute trend needs at least 3 frontier models, got {int(frontier.sum())}")
    return subset_difference(rows, frontier, resamples, seed)


def subset_difference(
    rows: pd.DataFrame, subset: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> SlopeDifference:
    """Slope of the ``subset`` rows minus that of all rows; each resample draws rows and refits both slopes."""
    x, y = fit_arrays(rows)
    frontier = subset
    if frontier.sum() < 3:
        raise ValueError(f"a compute trend needs at least 3 models in the subset, got {int(frontier.sum())}")
    everyone = np.ones_like(frontier)
    point = float(
        masked_slopes(x[None], y[None], frontier[None])[0] - masked_slopes(x[None], y[None], everyone[None])[0]
    )
    differences = []
    for picks in resampled_rows(len(x), resamples, seed):
        xs, ys = x[picks], y[picks]
        differences.append(masked_slopes(xs, ys, frontier[picks]) - masked_slopes(xs, ys, everyone[picks]))
    drawn = np.concatenate(differences)
    drawn = drawn[~np.isnan(drawn)]
    return SlopeDifference(point, *percentile_interval(drawn), len(drawn))


def compute_by_year(compute: pd.DataFrame, growth: Growth, frontier_only: bool, group: str) -> pd.DataFrame:
    """Per year since 2010: models, smallest, median and largest compute, and the fitted trend at mid-year."""
    rows = compute_sample(compute, frontier_only)
    years = rows.assign(year=rows["publication_date"].dt.year).groupby("year")["training_compute_flop"]
    frame = years.agg(models="size", min_flop="min", median_flop="median", max_flop="max").reset_index()
    frame["trend_flop"] = [growth.trend(year + 0.5) for year in frame["year"]]
    frame.insert(0, "group", group)
    return frame


# Start dates of the composition fits (the chapter's start and the year large language models took off).
COMPOSITION_STARTS = (COMPUTE_START, date(2018, 1, 1))


def dated_compute(models: pd.DataFrame, until: date) -> pd.DataFrame:
    """Models of epoch_models with a compute estimate published up to ``until`` (the last full year's end)."""
    rows = models[models["training_compute_flop"].notna() & (models["publication_date"] <= pd.Timestamp(until))]
    return rows.sort_values(["publication_date", "model"]).reset_index(drop=True)


@dataclass(frozen=True)
class CompositionFit:
    """Growth of all notable models and of language models from one start date, and their joint difference."""

    start: date
    everything: Growth
    language: Growth
    difference: SlopeDifference


def composition_growth(
    models: pd.DataFrame, until: date, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> list[CompositionFit]:
    """For each of ``COMPOSITION_STARTS``: all notable models, language models and language minus all."""
    fits = []
    for start in COMPOSITION_STARTS:
        rows = dated_compute(models, until)
        rows = rows[rows["publication_date"] >= pd.Timestamp(start)].reset_index(drop=True)
        language = rows["language"].fillna(False).astype(bool).to_numpy()
        fits.append(
            CompositionFit(
                start,
                fit_growth(rows, resamples, seed),
                fit_growth(rows[language], resamples, seed),
                subset_difference(rows, language, resamples, seed),
            )
        )
    return fits
