"""Spread of benchmark scores among the leading models of Epoch AI's Benchmarking Hub.

Benchmark spread: best score minus the k-th best score among models (k = ``SPREAD_RANK``), each model
counted once at its best setting. The Hub's file has only a model id per run; a "model" is the id
without a setting suffix (``SETTING_SUFFIX``: reasoning effort low/medium/high or a thinking budget such
as 64K, written after the last '_'), so o3-mini at high and medium effort is one model. The spread's
range over the full ranking and every ranking with one of the k leaders left out is what a verdict rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

SPREAD_RANK = 5
SETTING_SUFFIX = re.compile(r"_(?:low|medium|high|\d+K)$")


@dataclass(frozen=True)
class Spread:
    """Best score on a benchmark, the k-th best, and the range of their gap when one leader is left out."""

    task: str
    models: int
    best: float
    best_model: str
    kth: float
    kth_model: str
    spread_low: float  # smallest gap over the full ranking and each leave-one-leader-out ranking
    spread_high: float  # largest gap over the same rankings
    relative_low: float  # smallest gap over the same rankings, relative to each ranking's best score
    relative_high: float  # largest such relative gap

    @property
    def spread(self) -> float:
        return self.best - self.kth


def ranked_scores(scores: pd.DataFrame, task: str) -> pd.DataFrame:
    """Models' best scores on ``task``, highest first (ties by model id), with their rank."""
    rows = scores[scores["task"] == task].sort_values(["best_score", "model"], ascending=[False, True])
    rows = rows[["model", "best_score", "runs"]].reset_index(drop=True)
    rows.insert(0, "rank", range(1, len(rows) + 1))
    return rows


def base_model(model_id: str) -> str:
    """A Hub model id without its setting suffix (``SETTING_SUFFIX``), which identifies the model."""
    return SETTING_SUFFIX.sub("", model_id)


def one_entry_per_model(scores: pd.DataFrame) -> pd.DataFrame:
    """Per task, only the best-scoring entry of each base model."""
    rows = scores.assign(base=scores["model"].map(base_model))
    rows = rows.sort_values(["task", "best_score", "model"], ascending=[True, False, True])
    return rows.drop_duplicates(["task", "base"]).drop(columns="base").reset_index(drop=True)


def repeated_entries(ranked: pd.DataFrame, shown: int) -> int:
    """Entries among the ``shown`` best whose base model already appears at a better rank."""
    bases = [base_model(model) for model in ranked["model"].head(shown)]
    return len(bases) - len(set(bases))


def benchmark_spread(scores: pd.DataFrame, task: str, k: int = SPREAD_RANK) -> Spread:
    """Gap between the best and the k-th best model, with its range when any one of the top k is left out."""
    ranked = ranked_scores(scores, task)
    if len(ranked) <= k:
        raise ValueError(f"{task}: the spread to rank {k} needs more than {k} models, got {len(ranked)}")
    values = ranked["best_score"].to_numpy(dtype=float)
    rankings = [values] + [np.delete(values, index) for index in range(k)]
    spreads = [ranking[0] - ranking[k - 1] for ranking in rankings]
    relative = [(ranking[0] - ranking[k - 1]) / ranking[0] for ranking in rankings]
    return Spread(task, len(ranked), float(values[0]), str(ranked["model"][0]), float(values[k - 1]),
                  str(ranked["model"][k - 1]), float(min(spreads)), float(max(spreads)), float(min(relative)),
                  float(max(relative)))


def benchmark_spreads(scores: pd.DataFrame, tasks: tuple[str, ...]) -> tuple[list[Spread], list[Spread]]:
    """Spreads of each task with each model once (at its best setting), and with every setting as an entry."""
    per_model = one_entry_per_model(scores)
    return ([benchmark_spread(per_model, task) for task in tasks], [benchmark_spread(scores, task) for task in tasks])
