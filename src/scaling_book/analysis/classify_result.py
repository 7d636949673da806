"""The classify command's numbers for one set of shares: measures, level, level probabilities and sensitivity.

The level is :func:`scaling_book.analysis.placement.place_split` with the rules the book uses; the
probabilities come from a multinomial bootstrap over the models behind the shares when their count is
known, and otherwise from the Dirichlet sensitivity of the stated shares (classifier_resampling).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling_book.analysis import measures as metrics
from scaling_book.analysis.atlas_levels import placement_rules
from scaling_book.analysis.atlas_observe import USER, Group, draws
from scaling_book.analysis.atlas_sensitivity import READINGS
from scaling_book.analysis.classifier_observe import ALL_SCENARIOS, AreaShares
from scaling_book.analysis.classifier_resampling import area_rng, draw_groups
from scaling_book.analysis.classifier_rules import isclose
from scaling_book.analysis.classify_input import ShareInput
from scaling_book.analysis.placement import (
    LEVELS,
    PlacementRules,
    declared_degree,
    level_probabilities,
    place_draws,
    place_split,
)
from scaling_book.inputs.settings import uncertainty_settings

BOOTSTRAP = "multinomial bootstrap over the models behind the shares"
DIRICHLET = "Dirichlet sensitivity of the stated shares (no model counts given)"


@dataclass(frozen=True)
class Uncertainty:
    """How the level probabilities were drawn."""

    method: str
    resamples: int
    seed: int
    share_sd: float | None  # the Dirichlet's spread; None for the bootstrap
    counts: dict[str, int] | None  # the models behind each scenario's shares; None for the Dirichlet


@dataclass(frozen=True)
class ClassifyResult:
    """Everything the command prints for one set of shares."""

    shares: ShareInput
    split: dict[str, float]  # option -> share of the overall split, on the declared options
    scenario_split: bool  # the leading option differs between scenarios
    measures: dict[str, float]
    scenario_measures: dict[str, dict[str, float]]
    rules: PlacementRules
    level: str
    probabilities: dict[str, float]
    uncertainty: Uncertainty
    sensitivity: tuple[tuple[str, str], ...]  # (alternative reading, level under it)


def aligned(groups: dict[str, dict[str, float]], options: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Each scenario's normalised split as a vector over ``options`` (zeros for options it does not name)."""
    result = {}
    for scenario, group in sorted(groups.items()):
        vector = np.array([group.get(option, 0.0) for option in options])
        result[scenario] = metrics.normalised(vector)
    return result


def overall(splits: dict[str, np.ndarray]) -> np.ndarray:
    """The 'all' split if given, else the mean of the scenario splits (as the book's classifier reads them)."""
    if ALL_SCENARIOS in splits:
        return splits[ALL_SCENARIOS]
    return np.mean(np.stack([splits[name] for name in sorted(splits)]), axis=0)


def leader_varies(splits: dict[str, np.ndarray]) -> np.ndarray:
    """True where no option leads (ties kept) in every scenario; False with fewer than two scenarios."""
    scenarios = [splits[name] for name in sorted(splits) if name != ALL_SCENARIOS]
    if len(scenarios) < 2:
        return np.zeros(scenarios[0].shape[:-1] if scenarios else (), dtype=bool)
    leading = [isclose(values, values.max(axis=-1, keepdims=True)) for values in scenarios]
    return ~np.logical_and.reduce(leading).any(axis=-1)


def shape_measures(vector: np.ndarray, declared: int) -> dict[str, float]:
    """Leader share, HHI, effective options, normalised entropy and the degree on the declared option set."""
    return {
        "coverage": float(vector.sum()),
        "leader_share": metrics.leader_share(vector),
        "hhi": metrics.hhi(vector),
        "effective_options": metrics.effective_options(vector),
        "normalised_entropy": metrics.normalised_entropy(vector),
        "degree": declared_degree(vector.tolist(), declared),
    }


def _draws(shares: ShareInput, options: tuple[str, ...], resamples: int, seed: int) -> dict[str, np.ndarray]:
    """Redrawn splits by scenario (resamples × options): a multinomial bootstrap with n, else the Dirichlet."""
    if shares.counts is None:
        share_sd = float(uncertainty_settings().share_sd)
        area = AreaShares(shares.area_id, options, shares.groups)
        drawn = draw_groups(area, share_sd, resamples, area_rng(seed, shares.area_id))
        result = {}
        for scenario, (names, redrawn) in drawn.items():
            columns = np.zeros((resamples, len(options)))
            columns[:, [options.index(name) for name in names]] = redrawn / redrawn.sum(axis=1, keepdims=True)
            result[scenario] = columns
        return result
    # The atlas's own bootstrap of a user's shares with n (atlas_observe.draws), scenario by scenario.
    result = {}
    for scenario, group in sorted(shares.groups.items()):
        point = np.array([group.get(option, 0.0) for option in options])
        n = shares.counts[scenario]
        stated = Group(shares.area_id, scenario, shares.year, USER, shares.source, "", options, point, n, min_n=1)
        sample = draws(stated, resamples, seed)
        assert sample is not None  # a user group with n and a positive share is always resampled
        result[scenario] = sample
    return result


def classify_shares(shares: ShareInput, rules: PlacementRules | None = None) -> ClassifyResult:
    """Measures, level, level probabilities and sensitivity of one set of shares, with the book's settings."""
    rules = rules or placement_rules()
    named = tuple(dict.fromkeys(option for group in shares.groups.values() for option in group))
    options = shares.declared + tuple(option for option in named if option not in shares.declared)
    point = {scenario: np.array([group.get(o, 0.0) for o in options]) for scenario, group in shares.groups.items()}
    splits = aligned(shares.groups, options)
    split = overall(splits)
    varies = bool(leader_varies(splits))
    measures = shape_measures(split, len(options))
    measures["coverage"] = float(np.mean([vector.sum() for vector in point.values()]))
    by_scenario = (
        {}
        if set(point) == {ALL_SCENARIOS}
        else {name: shape_measures(point[name], len(options)) for name in sorted(point)}
    )
    level = place_split(split, rules, varies)

    config = uncertainty_settings()
    resamples, seed = int(config.resamples), int(config.seed)
    drawn = _draws(shares, options, resamples, seed)
    levels = place_draws(overall(drawn), rules, leader_varies(drawn) if len(drawn) > 1 else None)
    uncertainty = Uncertainty(
        BOOTSTRAP if shares.counts else DIRICHLET,
        resamples,
        seed,
        None if shares.counts else float(config.share_sd),
        shares.counts,
    )
    sensitivity = tuple(
        (reading.name_en, place_split(split, rules.varied(**{reading.parameter: reading.value}), varies))
        for reading in READINGS
    )
    return ClassifyResult(
        shares=shares,
        split=dict(zip(options, split.tolist())),
        scenario_split=varies,
        measures=measures,
        scenario_measures=by_scenario,
        rules=rules,
        level=level,
        probabilities={name: level_probabilities(levels)[name] for name in LEVELS},
        uncertainty=uncertainty,
        sensitivity=sensitivity,
    )
