"""Benchmark spreads among organisations, with the sampling error of each benchmark's finite question set.

Organisation of a Hub model id (without its setting suffix): the lead organisation of the epoch_models
row whose name matches it (:func:`normalised_model`: lower case, letters and digits only, a trailing date,
version or serving suffix dropped), else the developer whose model family the id starts with
(``MODEL_FAMILY_PREFIXES``, longest prefix first), else the id itself (an unattributed model stands alone).
Organisations are merged into their parent companies. The primary spread is best minus k-th best
organisation, each at its best model. Sampling error: a score p on n questions has binomial standard error
sqrt(p(1-p)/n); a gap between two scores gets sqrt(se1^2 + se2^2) (independent errors, which overstates it
for two models answering the same questions), and the interval is the leave-one-out range of the gaps
widened by ``Z95`` such errors. A benchmark is near saturation when its best score is within
``SATURATION_MARGIN`` of 100%.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scaling_book.analysis.benchmarks import (
    SPREAD_RANK,
    Spread,
    base_model,
    benchmark_spread,
    one_entry_per_model,
    ranked_scores,
)
from scaling_book.analysis.evidence_common import Z95

# Questions per benchmark and where the count is stated.
QUESTION_COUNTS = {
    "GPQA diamond": (198, "Rein et al. (2023), the diamond set of GPQA"),
    "MATH level 5": (
        1324,
        "Epoch AI, https://epoch.ai/benchmarks/math-level-5.html (level-5 questions of the test set)",
    ),
}
SATURATION_MARGIN = 0.05
# Model-id prefix (lower case) -> the developer of that family, as Epoch's 'Organization' names it; a longer
# prefix wins, so a fine-tune named after its base model (Llama-3.1-Tulu) goes to whoever fine-tuned it.
MODEL_FAMILY_PREFIXES = {
    "claude": "Anthropic",
    "gpt": "OpenAI",
    "o1": "OpenAI",
    "o3": "OpenAI",
    "o4": "OpenAI",
    "gemini": "Google DeepMind",
    "gemma": "Google DeepMind",
    "llama": "Meta AI",
    "meta-llama": "Meta AI",
    "llama-3.1-tulu": "Allen Institute for AI",
    "deepseek": "DeepSeek",
    "qwen": "Alibaba",
    "qwq": "Alibaba",
    "mistral": "Mistral AI",
    "mixtral": "Mistral AI",
    "ministral": "Mistral AI",
    "open-mistral": "Mistral AI",
    "open-mixtral": "Mistral AI",
    "grok": "xAI",
    "phi": "Microsoft",
    "wizardlm": "Microsoft",
    "yi": "01.AI",
    "dbrx": "Databricks",
}
TRAILING_TAGS = re.compile(
    r"([-_](\d{8}|\d{4}-\d{2}-\d{2}|\d{4}|\d{3}|instruct|chat|it|hf|preview|beta|latest|fp8|exp(-\d{2}-\d{2})?))+$"
)


def normalised_model(name: str) -> str:
    """A model name reduced for matching: trailing dates and serving tags dropped, then letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", TRAILING_TAGS.sub("", name.strip().lower()))


def epoch_organizations(models: pd.DataFrame) -> dict[str, str]:
    """Normalised epoch_models name -> lead organisation, for names that identify one organisation."""
    rows = models[models["lead_organization"].notna()]
    names = rows.assign(key=rows["model"].map(normalised_model)).groupby("key")["lead_organization"].unique()
    return {key: str(orgs[0]) for key, orgs in names.items() if len(orgs) == 1}


def model_organization(model_id: str, known: Mapping[str, str]) -> tuple[str, str]:
    """(organisation, how it was found: 'epoch_models', 'prefix' or 'unattributed') of a Hub model id."""
    base = base_model(model_id)
    key = normalised_model(base)
    if key in known:
        return known[key], "epoch_models"
    lower = base.lower()
    for prefix in sorted(MODEL_FAMILY_PREFIXES, key=len, reverse=True):
        if lower.startswith(prefix):
            return MODEL_FAMILY_PREFIXES[prefix], "prefix"
    return base, "unattributed"


def attributed(per_model: pd.DataFrame, models: pd.DataFrame, parent_of: Mapping[str, str]) -> pd.DataFrame:
    """``per_model`` (one entry per model) with ``organization`` (merged into its parent) and ``attribution``."""
    known = epoch_organizations(models)
    found = [model_organization(model, known) for model in per_model["model"]]
    return per_model.assign(
        organization=[parent_of.get(org, org) for org, _ in found], attribution=[how for _, how in found]
    )


def best_per_organization(rows: pd.DataFrame) -> pd.DataFrame:
    """Per task, the best-scoring model of each organisation (ties by model id)."""
    ranked = rows.sort_values(["task", "best_score", "model"], ascending=[True, False, True])
    return ranked.drop_duplicates(["task", "organization"]).reset_index(drop=True)


def standard_error(score: float, questions: int) -> float:
    """Binomial standard error sqrt(p(1-p)/n) of a score p on n questions."""
    return math.sqrt(score * (1 - score) / questions)


def sampled_range(scores: pd.DataFrame, task: str, questions: int, k: int = SPREAD_RANK) -> tuple[float, float]:
    """Leave-one-out range of the best-minus-k-th gaps, each widened by ``Z95`` standard errors of the gap."""
    values = ranked_scores(scores, task)["best_score"].to_numpy(dtype=float)
    rankings = [values] + [np.delete(values, index) for index in range(k)]
    lows, highs = [], []
    for ranking in rankings:
        gap = ranking[0] - ranking[k - 1]
        error = math.hypot(standard_error(ranking[0], questions), standard_error(ranking[k - 1], questions))
        lows.append(gap - Z95 * error)
        highs.append(gap + Z95 * error)
    return max(0.0, min(lows)), max(highs)


def near_saturation(best: float, margin: float = SATURATION_MARGIN) -> bool:
    """Whether a best score lies within ``margin`` of 100%."""
    return best >= 1 - margin


@dataclass(frozen=True)
class BenchmarkReading:
    """One benchmark's spreads: among organisations (primary), models and entries; sampling error and ceiling."""

    task: str
    organizations: Spread
    models: Spread
    entries: Spread
    questions: int
    sampled_low: float  # leave-one-out range of the organisations' gap widened by its sampling error
    sampled_high: float
    best_error: float  # binomial standard error of the top score

    @property
    def saturated(self) -> bool:
        return near_saturation(self.organizations.best)


def benchmark_readings(
    scores: pd.DataFrame, models: pd.DataFrame, parent_of: Mapping[str, str], tasks: tuple[str, ...]
) -> tuple[list[BenchmarkReading], pd.DataFrame]:
    """Each task's readings, and the per-model entries with their organisation and how it was found."""
    per_model = attributed(one_entry_per_model(scores), models, parent_of)
    per_organization = best_per_organization(per_model)
    readings = []
    for task in tasks:
        questions = QUESTION_COUNTS[task][0]
        primary = benchmark_spread(per_organization, task)
        readings.append(
            BenchmarkReading(
                task,
                primary,
                benchmark_spread(per_model, task),
                benchmark_spread(scores, task),
                questions,
                *sampled_range(per_organization, task, questions),
                standard_error(primary.best, questions),
            )
        )
    return readings, per_model


def attribution_counts(per_model: pd.DataFrame) -> dict[str, int]:
    """Distinct Hub models (ids without setting) by how their organisation was found."""
    rows = per_model.assign(base=per_model["model"].map(base_model)).drop_duplicates("base")
    counts = rows["attribution"].value_counts()
    return {how: int(counts.get(how, 0)) for how in ("epoch_models", "prefix", "unattributed")}
