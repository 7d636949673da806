"""Convergence measures of one group of rival options, computed from their adoption shares.

A *group* is the options of one technology area in one scenario. Every measure is
computed on the shares normalised over the options of the group (p_i = s_i / sum s), so
it describes the split among the options the data names; ``coverage`` (sum s) says how
much of the market that split covers. chapters/method/methods.md gives the formulas.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

TOLERANCE = 1e-9  # float slack when checking that shares lie in [0, 1] and add up to at most 1


class SharesError(ValueError):
    """Adoption shares that no measure can be computed from."""


def check_shares(shares: Iterable[float]) -> np.ndarray:
    """The shares as an array, after checking they are finite, in [0, 1] and add up to (0, 1]."""
    values = np.asarray(list(shares), dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise SharesError("a group of options needs at least one adoption share (got none)")
    if not np.isfinite(values).all():
        raise SharesError(f"adoption shares must be finite numbers, got {values.tolist()}")
    if (values < -TOLERANCE).any():
        raise SharesError(f"adoption shares cannot be negative, got {values.tolist()}")
    if (values > 1 + TOLERANCE).any():
        raise SharesError(f"an adoption share cannot exceed 1 (100%), got {values.tolist()}")
    total = float(values.sum())
    if total > 1 + TOLERANCE:
        raise SharesError(f"adoption shares of one group add up to {total:g}, more than 1 (100%): {values.tolist()}")
    if total <= TOLERANCE:
        raise SharesError(f"adoption shares of one group add up to zero: {values.tolist()}")
    return np.clip(values, 0.0, 1.0)


def normalised(shares: Iterable[float]) -> np.ndarray:
    """p_i = s_i / sum(s): the split among the group's options, adding up to 1."""
    values = check_shares(shares)
    return values / values.sum()


def coverage(shares: Iterable[float]) -> float:
    """sum(s): how much of the market the group's named options cover."""
    return float(check_shares(shares).sum())


def leader_share(shares: Iterable[float]) -> float:
    """max_i p_i: the share of the most adopted option."""
    return float(normalised(shares).max())


def hhi(shares: Iterable[float]) -> float:
    """Herfindahl–Hirschman index sum_i p_i^2, from 1/n (even split) to 1 (one option)."""
    split = normalised(shares)
    return float(np.dot(split, split))


def effective_options(shares: Iterable[float]) -> float:
    """1 / HHI: the number of equally adopted options that would be as concentrated."""
    return 1.0 / hhi(shares)


def normalised_entropy(shares: Iterable[float]) -> float:
    """Shannon entropy -sum p ln p divided by ln n; 1 for an even split, 0 for one option (and for n = 1)."""
    split = normalised(shares)
    if split.size == 1:
        return 0.0
    positive = split[split > 0]
    return float(-(positive * np.log(positive)).sum() / math.log(split.size))


def convergence_degree(shares: Iterable[float]) -> float:
    """Normalised HHI (n·HHI − 1)/(n − 1): 0 for an even split of n options, 1 when one option holds all."""
    split = normalised(shares)
    n = split.size
    if n == 1:
        return 1.0
    value = (n * float(np.dot(split, split)) - 1.0) / (n - 1)
    return min(1.0, max(0.0, value))  # clears float noise at the two ends


MEASURES: dict[str, Callable[[Iterable[float]], float]] = {
    "leader_share": leader_share,
    "hhi": hhi,
    "effective_options": effective_options,
    "normalised_entropy": normalised_entropy,
    "convergence_degree": convergence_degree,
}


def measures(shares: Iterable[float]) -> dict[str, float]:
    """Every measure of one group, plus its option count and coverage."""
    values = check_shares(shares)
    return {
        "option_count": int(values.size),
        "coverage": coverage(values),
        **{name: function(values) for name, function in MEASURES.items()},
    }


def group_measures(adoption: pd.DataFrame) -> pd.DataFrame:
    """One row per (area_id, scenario) of an adoption-shares table, with every measure and the leading option."""
    if adoption.empty:
        raise SharesError("the adoption-shares table has no rows")
    rows = []
    for (area_id, scenario), group in adoption.groupby(["area_id", "scenario"], sort=True):
        if group["year"].nunique(dropna=False) > 1:
            raise SharesError(
                f"area {area_id!r}, scenario {scenario!r} has shares for several years; "
                "the measures describe one year at a time"
            )
        ordered = group.sort_values("option_id")
        leader = ordered.loc[ordered["share"].idxmax(), "option_id"]
        rows.append({"area_id": area_id, "scenario": scenario, "leader": leader, **measures(ordered["share"])})
    return pd.DataFrame(rows)


def two_option_curves(steps: int = 51) -> pd.DataFrame:
    """Tidy (leader_share, measure, value) rows of a two-option split as the leader's share goes from 1/2 to 1."""
    if steps < 2:
        raise ValueError(f"a curve needs at least two points, got {steps}")
    rows = []
    for leader in np.linspace(0.5, 1.0, steps):
        values = measures([leader, 1.0 - leader])
        rows += [
            {"leader_share": float(leader), "measure": name, "value": values[name]}
            for name in ("convergence_degree", "hhi", "normalised_entropy", "leader_share")
        ]
    return pd.DataFrame(rows)
