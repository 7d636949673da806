"""Levels that place every share vector: the seeds' criteria as a partition of (leader share × real options × split).

The seeds' criteria (level_thresholds.csv) leave gaps and overlaps: three options with a
40/30/30 split meet no level, and "two approaches coexist" says nothing of an 89/11 split.
This module reads the criteria as bands so that every vector of shares gets exactly one level:

- L0 (reverse divergence): the leading option differs between scenarios (tested first by default);
- L4 (full convergence): one real option, no effective alternative;
- L3 (quasi-convergence): the leader holds at least the winner share (the seeds' 90%);
- L2 (convergence in progress): at most ``max_contested`` real options and a leader with at least
  the L1 ceiling (the seeds' 50%), i.e. a contest of few options that nobody has won;
- L1 (early divergence): everything else, i.e. more options or a leader below the L1 ceiling.

An option is *real* when its share reaches ``real_option_min_share``. The thresholds come from the
seeds; the floor, the band for three options and the test order are the book's choices
(``PlacementRules``), varied by the sensitivity analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from scaling_book.analysis.measures import check_shares
from scaling_book.schemas.registry import LEVEL_IDS

LEVELS = LEVEL_IDS  # the levels in the seeds' order, highest first (one definition: the registry)


@dataclass(frozen=True)
class PlacementRules:
    """The thresholds of the partition; the defaults are the seeds' numbers and the book's choices."""

    real_option_min_share: float = 0.05  # book's choice: smaller shares are not a real alternative
    winner_share: float = 0.9  # seeds: L3 needs 90% or more of new products
    fragmented_below: float = 0.5  # seeds: L1's leader has less than 50%
    max_contested: int = 3  # book's choice: L2 is two options, and three with a leader above the L1 ceiling
    scenario_split_first: bool = True  # book's choice: a split by scenario decides before the shares

    def __post_init__(self) -> None:
        if not 0 < self.real_option_min_share < self.fragmented_below < self.winner_share <= 1:
            raise ValueError(
                "placement thresholds must satisfy 0 < real option floor < L1 ceiling < winner share <= 1, "
                f"got {self.real_option_min_share}, {self.fragmented_below}, {self.winner_share}"
            )
        if self.max_contested < 2:
            raise ValueError(f"max_contested must be at least 2 (L2 is a contest of two), got {self.max_contested}")

    def varied(self, **changes: object) -> PlacementRules:
        """The same rules with some thresholds changed (for the sensitivity analysis)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def split_shares(shares: Sequence[float] | np.ndarray) -> np.ndarray:
    """Shares normalised over the named options, after the checks of :func:`measures.check_shares`."""
    values = check_shares(shares)
    return values / values.sum()


def place_split(split: np.ndarray, rules: PlacementRules, scenario_split: bool = False) -> str:
    """The level of one normalised split (adding up to 1); ``scenario_split`` says the leader differs by scenario."""
    if scenario_split and rules.scenario_split_first:
        return "L0"
    real = int((split >= rules.real_option_min_share - 1e-12).sum())
    leader = float(split.max())
    if real <= 1:
        level = "L4"
    elif leader >= rules.winner_share - 1e-12:
        level = "L3"
    elif real <= rules.max_contested and leader >= rules.fragmented_below - 1e-12:
        level = "L2"
    else:
        level = "L1"
    if scenario_split and level in ("L2", "L1"):
        return "L0"  # tested last: a split decides only where no winner stands out
    return level


def place(
    shares: Sequence[float] | np.ndarray, rules: PlacementRules | None = None, scenario_split: bool = False
) -> str:
    """The level of a vector of adoption shares (one per named option)."""
    return place_split(split_shares(shares), rules or PlacementRules(), scenario_split)


def place_draws(draws: np.ndarray, rules: PlacementRules, scenario_split: np.ndarray | None = None) -> np.ndarray:
    """Levels of many normalised splits at once (rows of ``draws``), as an array of level ids."""
    if draws.ndim != 2:
        raise ValueError(f"draws must be a 2-d array of splits, got shape {draws.shape}")
    splits = np.zeros(len(draws), dtype=bool) if scenario_split is None else np.asarray(scenario_split, dtype=bool)
    tiny = 1e-12
    real = (draws >= rules.real_option_min_share - tiny).sum(axis=1)
    leader = draws.max(axis=1)
    level = np.where(
        real <= 1,
        "L4",
        np.where(
            leader >= rules.winner_share - tiny,
            "L3",
            np.where((real <= rules.max_contested) & (leader >= rules.fragmented_below - tiny), "L2", "L1"),
        ),
    )
    if rules.scenario_split_first:
        return np.where(splits, "L0", level)
    return np.where(splits & np.isin(level, ("L2", "L1")), "L0", level)


def level_probabilities(levels: np.ndarray) -> dict[str, float]:
    """Share of the draws placed in each level (every level listed, in the order L4…L0)."""
    total = len(levels)
    if total == 0:
        raise ValueError("no draws to count")
    return {level: float((levels == level).sum()) / total for level in LEVELS}


def declared_degree(shares: Sequence[float] | np.ndarray, declared_options: int) -> float:
    """Normalised HHI on a declared option set: (K·HHI − 1)/(K − 1) with K the options the area declares.

    Unlike a degree on the options a source happens to name, K is fixed per area, so naming an option
    with zero share does not move the value and the degree can be compared across years.
    """
    split = split_shares(shares)
    if declared_options < split.size:
        raise ValueError(f"{split.size} shares given for an area that declares {declared_options} options")
    if declared_options == 1:
        return 1.0
    value = (declared_options * float(np.dot(split, split)) - 1.0) / (declared_options - 1)
    return min(1.0, max(0.0, value))
