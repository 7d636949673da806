"""The level classifier (L4–L0) applied to the framework's areas, and how stable its result is.

The classifier is split by job: its rules (:mod:`classifier_rules`), what one area's data says and the
level it gets (:mod:`classifier_observe`), and the resampling of uncertain shares
(:mod:`classifier_resampling`). This module assesses the seeds' areas with them, and every name
of the classifier stays importable from here (``from scaling_book.analysis import classifier``).
Numbers and categories only: the words of the assessment are in :mod:`scaling_book.views.classifier_tables`.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from scaling_book.analysis import measures as metrics
from scaling_book.analysis.classifier_observe import (
    ALL_SCENARIOS,
    LEADER_SHARE_MIN,
    AreaShares,
    Classification,
    area_coverage,
    area_split,
    classify,
    criterion_result,
    level_status,
    observe,
    observe_named,
)
from scaling_book.analysis.classifier_resampling import (
    area_rng,
    classify_draws,
    dirichlet_concentration,
    draw_groups,
    observe_draws,
    outcome_probabilities,
    resample_groups,
    uncertainty_settings,
)
from scaling_book.analysis.classifier_rules import (
    NEGATED,
    NONE,
    OPERATORS,
    OUTCOMES,
    UNDETERMINED,
    Criterion,
    Rules,
    holds,
    load_rules,
    options_needed,
    with_operator,
)
from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import LEVEL_IDS

__all__ = [
    "ALL_SCENARIOS",
    "LEADER_SHARE_MIN",
    "NEGATED",
    "NONE",
    "NOT_COMPUTABLE",
    "OPERATORS",
    "OUTCOMES",
    "UNDETERMINED",
    "AreaShares",
    "Classification",
    "Criterion",
    "Rules",
    "area_coverage",
    "area_rng",
    "area_split",
    "areas_with_scenario_shares",
    "assessment",
    "claimed_level_verdict",
    "classify",
    "classify_draws",
    "criterion_result",
    "dirichlet_concentration",
    "draw_groups",
    "framework_areas",
    "holds",
    "level_probabilities",
    "level_status",
    "load_rules",
    "observe",
    "observe_draws",
    "observe_named",
    "options_needed",
    "outcome_probabilities",
    "reading_sensitivity",
    "resample_groups",
    "sensitivity",
    "uncertainty_settings",
    "with_operator",
]

NOT_COMPUTABLE = "not computable from the seeds' data"


def framework_areas() -> list[AreaShares]:
    """Every area of areas.csv (matrix order) with its named options and its adoption shares."""
    areas = load_table("areas").sort_values("order")
    options = load_table("options")
    shares = load_table("adoption_shares")
    metrics.group_measures(shares)  # one year per group, valid shares: fail loudly before anything else
    named = options.groupby("area_id")["option_id"].agg(lambda ids: tuple(sorted(ids))).to_dict()
    groups: dict[str, dict[str, dict[str, float]]] = {}
    for row in shares.itertuples():
        groups.setdefault(row.area_id, {}).setdefault(row.scenario, {})[row.option_id] = float(row.share)
    return [AreaShares(area_id, named.get(area_id, ()), groups.get(area_id, {})) for area_id in areas["area_id"]]


def areas_with_scenario_shares() -> list[str]:
    """Areas whose shares are split by scenario, the only data that can show a scenario split (L0)."""
    return [area.area_id for area in framework_areas() if set(area.groups) - {ALL_SCENARIOS}]


def claimed_level_verdict(claimed: str, classification: Classification, has_shares: bool) -> str:
    """consistent / inconsistent / needs evidence: the seed's level against its own criteria."""
    if classification.statuses[claimed] is False:
        return "inconsistent"
    if has_shares and classification.outcome in LEVEL_IDS:
        return "consistent" if classification.outcome == claimed else "inconsistent"
    return "needs evidence"


def assessment(level_id: str | None = None) -> pd.DataFrame:
    """One row per area (of ``level_id``, or all): the seed's level and degree beside the computed ones.

    Columns: area_id, claimed_level, claimed_degree, basis, named_options, coverage, the measures of
    :mod:`metrics`, computed_level, possible_levels, leader_share_min, p_<outcome> for every outcome,
    level_probability, fragile and claimed_level_verdict. Measures and probabilities are NaN where
    the seeds give no shares.
    """
    if level_id is not None and level_id not in LEVEL_IDS:
        raise ValueError(f"unknown level {level_id!r}; expected one of {LEVEL_IDS}")
    rules = load_rules()
    uncertainty = uncertainty_settings()
    areas = load_table("areas").set_index("area_id")
    claimed_degrees = load_table("levels").set_index("level_id")["claimed_degree"]
    rows = []
    for area in framework_areas():
        info = areas.loc[area.area_id]
        if level_id is not None and info["level_id"] != level_id:
            continue
        observed = observe(area, rules)
        classification = classify(observed, rules)
        row: dict[str, Any] = {
            "area_id": area.area_id,
            "claimed_level": info["level_id"],
            "claimed_degree": float(claimed_degrees[info["level_id"]]),
            "basis": "adoption shares" if area.has_shares else "named options only",
            "named_options": len(area.named_options),
        }
        if area.has_shares:
            split = area_split(area)
            row.update(
                {
                    "coverage": area_coverage(area),
                    **{name: function(list(split.values())) for name, function in metrics.MEASURES.items()},
                }
            )
            probabilities = outcome_probabilities(
                area, rules, float(uncertainty.share_sd), uncertainty.resamples, uncertainty.seed
            )
            level_probability = probabilities[classification.outcome]
            fragile: object = level_probability < uncertainty.stable_probability
            computed_level = classification.outcome
        else:
            row.update({"coverage": math.nan, **{name: math.nan for name in metrics.MEASURES}})
            probabilities = {outcome: math.nan for outcome in OUTCOMES}
            level_probability, fragile, computed_level = math.nan, pd.NA, NOT_COMPUTABLE
        row["computed_degree"] = row.pop("convergence_degree")
        row.update(
            {
                "computed_level": computed_level,
                "possible_levels": ", ".join(classification.possible) or NONE,
                "leader_share_min": math.nan if observed[LEADER_SHARE_MIN] is None else observed[LEADER_SHARE_MIN],
                **{f"p_{outcome}": probabilities[outcome] for outcome in OUTCOMES},
                "level_probability": level_probability,
                "fragile": fragile,
                "claimed_level_verdict": claimed_level_verdict(info["level_id"], classification, area.has_shares),
            }
        )
        rows.append(row)
    if not rows:
        raise ValueError(f"no technology area is placed at level {level_id!r} in areas.csv")
    frame = pd.DataFrame(rows)
    frame["fragile"] = frame["fragile"].astype("boolean")
    return frame


def reading_sensitivity(criterion_id: str, operator: str, examples: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Areas (by area_id) and example splits (by name) whose result changes when ``criterion_id`` is read with ``operator``.

    One row each: the result and the levels still possible under the seeds' reading and under the other.
    """
    rules = load_rules()
    other = with_operator(rules, criterion_id, operator)
    cases = [(area.area_id, area) for area in framework_areas()]
    cases += [
        (name, AreaShares(name, tuple(sorted(split)), {ALL_SCENARIOS: split})) for name, split in examples.items()
    ]
    rows = []
    for name, area in cases:
        seeds, alternative = (classify(observe(area, r), r) for r in (rules, other))
        if (seeds.outcome, seeds.possible) != (alternative.outcome, alternative.possible):
            rows.append(
                {
                    "case": name,
                    "seeds_reading": seeds.outcome,
                    "seeds_possible": ", ".join(seeds.possible) or NONE,
                    "other_reading": alternative.outcome,
                    "other_possible": ", ".join(alternative.possible) or NONE,
                }
            )
    return pd.DataFrame(rows, columns=["case", "seeds_reading", "seeds_possible", "other_reading", "other_possible"])


def sensitivity(assessed: pd.DataFrame) -> pd.DataFrame:
    """For each area with shares, the probability of its computed level at each share error of book.yml.

    ``assessed`` is a frame of :func:`views.classifier_tables.assessed_areas`; its ``area`` label names the rows.
    """
    rules = load_rules()
    uncertainty = uncertainty_settings()
    areas = {area.area_id: area for area in framework_areas()}
    rows = []
    for row in assessed[assessed["basis"] == "adoption shares"].itertuples():
        for share_sd in uncertainty.sensitivity_sds:
            probabilities = outcome_probabilities(
                areas[row.area_id], rules, float(share_sd), uncertainty.resamples, uncertainty.seed
            )
            rows.append(
                {
                    "area": row.area,
                    "share_sd": float(share_sd),
                    "level": row.computed_level,
                    "probability": probabilities[row.computed_level],
                }
            )
    if not rows:
        raise ValueError("none of these areas has adoption shares, so there is nothing to resample")
    return pd.DataFrame(rows)


def level_probabilities(assessed: pd.DataFrame) -> pd.DataFrame:
    """Tidy (area, outcome, probability) rows of the areas of ``assessed`` (as in :func:`sensitivity`) that have shares."""
    computable = assessed[assessed["basis"] == "adoption shares"]
    if computable.empty:
        raise ValueError(
            "none of these areas has adoption shares, so no level probabilities exist; "
            "show the assessment table instead"
        )
    rows = [
        {
            "area": row.area,
            "outcome": outcome,
            "probability": getattr(row, f"p_{outcome}"),
            "computed_level": row.computed_level,
            "claimed_level": row.claimed_level,
        }
        for row in computable.itertuples()
        for outcome in OUTCOMES
    ]
    return pd.DataFrame(rows)
