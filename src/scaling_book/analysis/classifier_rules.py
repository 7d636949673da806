"""The level classifier's rules: the seeds' criteria (``level_thresholds.csv``) and the book's choices for applying them.

A level holds when every one of its criteria holds. The choices the seeds leave open (which options
count as real rivals, what counts as a winner, the order the levels are tested in) are settings in
``book.yml`` under ``analysis.classifier``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from scaling_book.analysis import measures as metrics
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import classifier_settings
from scaling_book.schemas.registry import LEVEL_IDS

NONE = "none"  # no level's criteria hold
UNDETERMINED = "undetermined"  # an unknown criterion keeps the result open
OUTCOMES = (*LEVEL_IDS, NONE, UNDETERMINED)


def isclose(observed: np.ndarray, value: float | np.ndarray) -> np.ndarray:
    """``math.isclose(observed, value, abs_tol=TOLERANCE)`` element-wise (its relative tolerance included)."""
    scale = 1e-9 * np.maximum(np.abs(observed), np.abs(value))
    return np.abs(observed - value) <= np.maximum(scale, metrics.TOLERANCE)


# Each operator applies to two numbers or element-wise to arrays (the resampled measures).
OPERATORS = {
    "==": isclose,
    "=": isclose,
    "<": lambda observed, value: observed < value - metrics.TOLERANCE,
    "<=": lambda observed, value: observed <= value + metrics.TOLERANCE,
    ">": lambda observed, value: observed > value + metrics.TOLERANCE,
    ">=": lambda observed, value: observed >= value - metrics.TOLERANCE,
}
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def holds(observed: float, operator: str, value: float) -> bool:
    """``observed operator value`` with a float tolerance at the boundary."""
    if operator not in OPERATORS:
        raise ValueError(f"the classifier cannot apply operator {operator!r}")
    return bool(OPERATORS[operator](float(observed), float(value)))


def options_needed(ceiling: float, operator: str) -> int:
    """Fewest options whose largest share can satisfy 'leader share operator ceiling' (shares adding to 1):
    with k options the leader holds at least 1/k."""
    k = 1
    while not holds(1.0 / k, operator, ceiling):
        k += 1
    return k


@dataclass(frozen=True)
class Criterion:
    """One quantitative criterion of a level: ``measure operator value``."""

    criterion_id: str
    level_id: str
    measure: str
    operator: str
    value: float
    quote_zh: str

    def holds(self, observed: float | None) -> bool | None:
        """True or False, or None when the measure is unknown."""
        return None if observed is None else holds(observed, self.operator, self.value)


@dataclass(frozen=True)
class Rules:
    """The seeds' criteria by level and the book's choices for applying them."""

    criteria: dict[str, tuple[Criterion, ...]]
    test_order: tuple[str, ...]
    real_option_min_share: float


def load_rules() -> Rules:
    """Criteria from level_thresholds.csv plus L2's 'no winner', ordered and parameterised by book.yml."""
    config = classifier_settings()
    thresholds = load_table("level_thresholds")
    by_id = thresholds.set_index("threshold_id")
    winner_id = config.winner_threshold
    if winner_id not in by_id.index:
        raise KeyError(f"book.yml analysis.classifier.winner_threshold: no row {winner_id!r} in level_thresholds.csv")
    winner = by_id.loc[winner_id]
    if winner["measure"] != "leader_share" or winner["operator"] not in NEGATED:
        raise ValueError(f"the winner threshold {winner_id!r} must bound the leader share from below")
    criteria: dict[str, list[Criterion]] = {level: [] for level in LEVEL_IDS}
    for row in thresholds.itertuples():
        criteria[row.level_id].append(
            Criterion(row.threshold_id, row.level_id, row.measure, row.operator, float(row.value), row.quote_zh)
        )
    # L2's 未分胜负: no option has reached the winner threshold.
    criteria["L2"].append(
        Criterion("L2.no_winner", "L2", "leader_share", NEGATED[winner["operator"]], float(winner["value"]), "未分胜负")
    )
    # test_order and real_option_min_share are checked when book.yml is read (inputs/settings.py).
    return Rules(
        {level: tuple(items) for level, items in criteria.items()},
        config.test_order,
        float(config.real_option_min_share),
    )


def with_operator(rules: Rules, criterion_id: str, operator: str) -> Rules:
    """The same rules with one criterion read with another operator (e.g. L1's '>3' as '≥3')."""
    if operator not in OPERATORS:
        raise ValueError(f"the classifier cannot apply operator {operator!r}")
    known = {c.criterion_id for items in rules.criteria.values() for c in items}
    if criterion_id not in known:
        raise KeyError(f"no criterion {criterion_id!r}; expected one of {sorted(known)}")
    criteria = {
        level: tuple(replace(c, operator=operator) if c.criterion_id == criterion_id else c for c in items)
        for level, items in rules.criteria.items()
    }
    return replace(rules, criteria=criteria)
