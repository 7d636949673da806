"""What every evidence measure shares: interval level, yearly shares with Wilson intervals, and the snapshot's years.

- yearly shares (hardware, open weights, MoE) come with the count behind them and a 95%
  Wilson score interval; a share resting on fewer than ``FEW_ROWS`` rows is flagged;
- Wilson intervals are clamped to [0, 1] exactly (0 successes give a lower bound of exactly 0);
- a snapshot's year is that of its newest publication date; it is partial unless it ends on 31 December.
"""

from __future__ import annotations

import math

import pandas as pd

INTERVAL_LEVEL = 0.95  # of every interval in the evidence chapters
Z95 = 1.959963984540054  # standard normal quantile for a two-sided 95% interval
FEW_ROWS = 10
EVIDENCE_YEARS = tuple(range(2015, 2025))  # the years whose measures are glued one by one


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (NaNs when n is 0)."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def with_shares(frame: pd.DataFrame, successes: str, total: str) -> pd.DataFrame:
    """``frame`` plus share = successes/total, its Wilson interval and a few-rows flag (rows with total 0 left out)."""
    rows = frame[frame[total] > 0].copy()
    rows["share"] = rows[successes] / rows[total]
    intervals = [wilson_interval(int(s), int(n)) for s, n in zip(rows[successes], rows[total])]
    rows["share_low"] = [low for low, _ in intervals]
    rows["share_high"] = [high for _, high in intervals]
    rows["few_rows"] = rows[total] < FEW_ROWS
    return rows.reset_index(drop=True)


def snapshot_date(manifest: pd.DataFrame, dataset: str) -> pd.Timestamp:
    """The dataset's snapshot date (the newest publication date in its file; NaT when it has none)."""
    return manifest.set_index("dataset").loc[dataset, "snapshot_date"]


def snapshot_year(manifest: pd.DataFrame, dataset: str) -> int:
    """Year of the dataset's snapshot date (the newest publication date in its file)."""
    snapshot = snapshot_date(manifest, dataset)
    if pd.isna(snapshot):
        raise ValueError(f"dataset {dataset!r} has no snapshot date")
    return int(snapshot.year)


def partial_year(manifest: pd.DataFrame, dataset: str) -> int | None:
    """The snapshot's year if the snapshot ends before 31 December (that year is incomplete), else None."""
    snapshot = snapshot_date(manifest, dataset)
    return None if (snapshot.month, snapshot.day) == (12, 31) else int(snapshot.year)


def latest_full_year(manifest: pd.DataFrame, dataset: str) -> int:
    """The last calendar year the snapshot covers completely."""
    year = snapshot_year(manifest, dataset)
    return year - 1 if partial_year(manifest, dataset) == year else year


def table_years(manifest: pd.DataFrame, dataset: str) -> list[int]:
    """Years shown in the yearly tables: from the first glued year to the snapshot's year."""
    return list(range(EVIDENCE_YEARS[0], snapshot_year(manifest, dataset) + 1))


def dataset_available(manifest: pd.DataFrame, dataset: str) -> bool:
    """Whether the pipeline was given the dataset's file."""
    return bool(manifest.set_index("dataset").loc[dataset, "status"] == "read")
