"""Whether a benchmark of Epoch's Benchmarking Hub is saturated: its best score near a perfect score."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.evidence_common import dataset_available
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import BENCHMARK_TASKS
from scaling_book.views.text import names_list

# The book's choice: a benchmark is saturated once its best score is within five percentage points of a
# perfect score, where the few questions left are as likely to be mislabelled as to separate the models.
SATURATION_MARGIN = 0.05
PERFECT_SCORE = 1.0


def saturated(best_score: float, margin: float = SATURATION_MARGIN, ceiling: float = PERFECT_SCORE) -> bool:
    """Whether a best score lies within ``margin`` of the ceiling."""
    return ceiling - best_score <= margin


def saturation_phrase(scores: pd.DataFrame, margin: float = SATURATION_MARGIN) -> str:
    """'GPQA diamond is not saturated (best score 83.8%) and MATH level 5 is saturated (…)', from the runs."""
    best = scores.groupby("task")["best_score"].max()
    items = [
        f"{task} is {'' if saturated(float(best[task]), margin) else 'not '}saturated (best score {float(best[task]):.1%})"
        for task in BENCHMARK_TASKS
        if task in best.index
    ]
    return (
        f"{names_list(items)}; the book calls a benchmark saturated when its best score is within "
        f"{margin * 100:.0f} points of a perfect score"
    )


def hub_saturation_phrase() -> str:
    """The saturation phrase of this edition's runs, or a note that the runs were not supplied."""
    if not dataset_available(load_table("epoch_manifest"), "benchmarks"):
        return "the Hub's runs were not supplied to this edition, so whether its benchmarks are saturated is not known"
    return saturation_phrase(load_table("epoch_benchmark_scores"))
