"""The saturation flag and phrase of the Hub's benchmarks (scaling_book.views.saturation)."""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.views import drivers
from scaling_book.views.saturation import SATURATION_MARGIN, hub_saturation_phrase, saturated, saturation_phrase


def scores(gpqa: float, math: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task": ["GPQA diamond", "GPQA diamond", "MATH level 5"],
            "best_score": [0.5, gpqa, math],
            "model": list("abc"),
        }
    )


def test_saturated_means_within_the_margin_of_a_perfect_score():
    assert SATURATION_MARGIN == 0.05
    assert saturated(0.96) and saturated(1.0) and not saturated(0.94)
    assert saturated(0.90, margin=0.10) and not saturated(0.96, ceiling=1.05)


def test_the_current_runs_put_math_level_5_at_saturation_and_not_gpqa():
    best = load_table("epoch_benchmark_scores").groupby("task").best_score.max()
    assert saturated(best["MATH level 5"]) and not saturated(best["GPQA diamond"])
    assert hub_saturation_phrase() == (
        "GPQA diamond is not saturated (best score 83.8%) and MATH level 5 is saturated (best score 97.8%); "
        "the book calls a benchmark saturated when its best score is within 5 points of a perfect score"
    )
    assert drivers.standards_chapter().shown("standards.saturation") == hub_saturation_phrase()


def test_the_phrase_flips_with_the_scores():
    assert saturation_phrase(scores(0.97, 0.80)).startswith(
        "GPQA diamond is saturated (best score 97.0%) and MATH level 5 is not saturated (best score 80.0%)"
    )
    assert "within 10 points" in saturation_phrase(scores(0.97, 0.80), margin=0.10)
