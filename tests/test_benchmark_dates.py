"""Benchmark spreads over time: dates from model ids or epoch_models, gaps per cut-off, and the trend's words."""

from __future__ import annotations

import pandas as pd
import pytest

from scaling_book.analysis.benchmark_dates import cutoffs, dated, dated_spreads, id_date
from scaling_book.analysis.benchmark_orgs import attributed
from scaling_book.analysis.benchmarks import one_entry_per_model
from scaling_book.analysis.concentration import parent_companies
from scaling_book.inputs.load import load_table
from scaling_book.views.evidence_benchmark_dates import gap_change, trend_sentence


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("gpt-4o-2024-08-06", "2024-08-06"),
        ("claude-3-opus-20240229", "2024-02-29"),
        ("o3-2025-04-16_high", "2025-04-16"),
        ("qwen-max-2025-13-40", None),  # not a date
        ("Llama-3.1-405B-Instruct", None),
    ],
)
def test_a_model_id_gives_its_version_date(model_id, expected):
    found = id_date(model_id)
    assert (found.date().isoformat() if found is not None else None) == expected


def test_epoch_models_date_a_model_whose_id_has_none():
    models = pd.DataFrame(
        {"model": ["DeepSeek-R1", "DeepSeek-R1"], "publication_date": pd.to_datetime(["2025-01-20", "2025-02-01"])}
    )
    rows = pd.DataFrame({"model": ["DeepSeek-R1", "gpt-4o-2024-08-06", "mystery-7b"]})
    out = dated(rows, models)
    assert list(out["dated_by"]) == ["epoch_models", "model id", "undated"]
    assert out["date"].iloc[0] == pd.Timestamp("2025-01-20") and pd.isna(out["date"].iloc[2])


def synthetic(scores: list[float], day: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task": "GPQA diamond",
            "model": [f"m{index}" for index in range(len(scores))],
            "organization": [f"org{index}" for index in range(len(scores))],
            "best_score": scores,
            "date": pd.Timestamp(day),
        }
    )


def test_the_gap_counts_only_organisations_dated_by_the_cut_off():
    early = synthetic([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], "2024-06-01")
    late = synthetic([0.95], "2025-03-01").assign(organization="late", model="late")
    rows = pd.concat([early, late], ignore_index=True)
    assert cutoffs(rows, 2024) == [pd.Timestamp("2024-12-31"), pd.Timestamp("2025-03-01")]
    spreads = dated_spreads(rows, ("GPQA diamond",), cutoffs(rows, 2024), k=5)
    assert list(spreads["organizations"]) == [6, 7]
    assert spreads["gap"].round(6).tolist() == [0.4, 0.35]  # 0.9 - 0.5, then 0.95 - 0.6
    too_few = dated_spreads(early.head(5), ("GPQA diamond",), [pd.Timestamp("2024-12-31")], k=5)
    assert too_few["gap"].isna().all()


def test_a_change_counts_only_beyond_the_sampling_error_of_both_gaps():
    assert gap_change(0.30, 0.01, 0.15, 0.01) == "narrowed"
    assert gap_change(0.15, 0.01, 0.30, 0.01) == "widened"
    assert gap_change(0.23, 0.046, 0.16, 0.043) == "did not change beyond sampling error"


def test_the_book_data_narrow_math_but_not_gpqa_beyond_its_error():
    models = load_table("epoch_models")
    per_model = attributed(one_entry_per_model(load_table("epoch_benchmark_scores")), models, parent_companies())
    rows = dated(per_model, models)
    spreads = dated_spreads(rows, ("GPQA diamond", "MATH level 5"), cutoffs(rows, 2024))
    gpqa = spreads[(spreads["task"] == "GPQA diamond") & (spreads["until"] == pd.Timestamp("2024-12-31"))].iloc[0]
    assert gpqa["organizations"] == 10 and gpqa["gap"] == pytest.approx(0.229798, abs=1e-6)
    sentence = trend_sentence(spreads)
    assert "on GPQA diamond it did not change beyond sampling error" in sentence
    assert "on MATH level 5 it narrowed (31.5 to 14.4 points" in sentence
