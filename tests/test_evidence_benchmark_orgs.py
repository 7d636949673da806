"""Benchmark spreads among organisations: attribution of Hub model ids, sampling error of the question counts,
the ceiling flag, and the table and phrases they give (known values on the committed data and synthetic cases)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from scaling_book.analysis import benchmark_orgs as bo
from scaling_book.analysis.concentration import parent_companies
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import BENCHMARK_TASKS
from scaling_book.views import evidence_benchmarks as vb
from scaling_book.views import evidence_phrases as ph

from .test_evidence import SCORES


@pytest.fixture(scope="module")
def readings() -> list[bo.BenchmarkReading]:
    scores = load_table("epoch_benchmark_scores")
    return bo.benchmark_readings(scores, load_table("epoch_models"), parent_companies(), BENCHMARK_TASKS)[0]


def test_normalised_model_drops_dates_and_serving_tags():
    assert bo.normalised_model("claude-3-5-sonnet-20241022") == bo.normalised_model("Claude 3.5 Sonnet")
    assert bo.normalised_model("gpt-4o-2024-08-06") == "gpt4o"
    assert bo.normalised_model("qwen2.5-72b-instruct") == "qwen2572b"
    assert bo.normalised_model("Llama-2-70b-chat-hf") == "llama270b"


def test_model_organization_prefers_epoch_models_then_the_longest_prefix():
    known = {"deepseekr1": "DeepSeek"}
    assert bo.model_organization("DeepSeek-R1", known) == ("DeepSeek", "epoch_models")
    assert bo.model_organization("Llama-3.1-Tulu-3-70B-DPO", {}) == ("Allen Institute for AI", "prefix")
    assert bo.model_organization("Llama-3.1-8B-Instruct", {}) == ("Meta AI", "prefix")
    assert bo.model_organization("o3-mini-2025-01-31_high", {}) == ("OpenAI", "prefix")
    assert bo.model_organization("Hermes-2-Theta-Llama-3-70B", {}) == ("Hermes-2-Theta-Llama-3-70B", "unattributed")


def test_attribution_of_the_committed_data():
    scores = load_table("epoch_benchmark_scores")
    _, per_model = bo.benchmark_readings(scores, load_table("epoch_models"), parent_companies(), BENCHMARK_TASKS)
    assert bo.attribution_counts(per_model) == {"epoch_models": 43, "prefix": 49, "unattributed": 1}
    gemini = per_model[per_model["model"] == "gemini-2.5-pro-exp-03-25"]["organization"].unique()
    assert list(gemini) == ["Alphabet (Google)"]


def test_best_per_organization_keeps_one_model_each():
    rows = SCORES.assign(organization=["A", "A", "A", "B", "C", "D", "E"])
    best = bo.best_per_organization(rows)
    assert list(best["model"]) == ["a_high", "c", "d", "e", "f"]


def test_standard_error_and_sampled_range():
    assert bo.standard_error(0.5, 100) == pytest.approx(0.05)
    assert bo.standard_error(1.0, 198) == 0.0
    low, high = bo.sampled_range(SCORES, "GPQA diamond", 198)
    # plain leave-one-out range 0.4..0.5 (ranked 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3); of the two gaps of 0.4,
    # 0.8 - 0.4 (the leader left out) has the larger error and sets the lower end
    error_low = math.hypot(bo.standard_error(0.8, 198), bo.standard_error(0.4, 198))
    assert low == pytest.approx(0.4 - bo.Z95 * error_low)
    assert high == pytest.approx(0.5 + bo.Z95 * math.hypot(bo.standard_error(0.9, 198), bo.standard_error(0.4, 198)))


def test_near_saturation():
    assert bo.near_saturation(0.978) and bo.near_saturation(0.95)
    assert not bo.near_saturation(0.838)
    assert ph.saturation_phrase(True) == "near the ceiling" and ph.saturation_phrase(False) == "clear of the ceiling"


def test_readings_of_the_committed_data(readings):
    gpqa, math_5 = readings
    assert (gpqa.questions, math_5.questions) == (198, 1324)
    assert (gpqa.organizations.models, math_5.organizations.models) == (14, 13)
    assert (gpqa.saturated, math_5.saturated) == (False, True)
    assert gpqa.organizations.best_model == "gemini-2.5-pro-exp-03-25" and gpqa.organizations.kth_model == "DeepSeek-R1"
    assert round(gpqa.best_error * 100, 1) == 2.6
    assert vb.reading_verdict(gpqa, 0.05) == "on both sides of the claimed bound"
    assert vb.reading_verdict(math_5, 0.05) == "above the claimed bound throughout"
    assert vb.reading_verdict(math_5, 0.30) == "below the claimed bound throughout"


def test_reading_table(readings):
    table = vb.reading_table(readings, 0.05)
    row = table.set_index("Benchmark").loc["MATH level 5"]
    assert row["Questions"] == "1,324" and row["Top score"] == "near the ceiling"
    assert row["Fifth best (model)"] == "83.5% (gemini-2.0-pro-exp-02-05)"
    assert list(table.columns)[:3] == ["Benchmark", "Questions", "Organisations"]
    assert isinstance(table, pd.DataFrame) and len(table) == 2
