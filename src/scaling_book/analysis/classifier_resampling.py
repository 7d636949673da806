"""How stable a level is when the stated shares are uncertain: Dirichlet redraws of each split, classified at once.

The size of the share error, the number of redraws and the random seed are settings in ``book.yml``
under ``analysis.uncertainty``.
"""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np

from scaling_book.analysis import measures as metrics
from scaling_book.analysis.classifier_observe import ALL_SCENARIOS, AreaShares
from scaling_book.analysis.classifier_rules import NONE, OPERATORS, OUTCOMES, UNDETERMINED, Rules, isclose
from scaling_book.inputs import settings


def dirichlet_concentration(share_sd: float) -> float:
    """Concentration κ of a Dirichlet whose 50% component has standard deviation ``share_sd``."""
    if not 0 < share_sd < 0.5:
        raise ValueError(f"the share standard deviation must lie in (0, 0.5), got {share_sd}")
    return 0.25 / share_sd**2 - 1.0


def draw_groups(
    area: AreaShares, share_sd: float, resamples: int, rng: np.random.Generator
) -> dict[str, tuple[list[str], np.ndarray]]:
    """Redrawn splits by scenario: (options, array resamples × options), each row ~ Dirichlet(κ·p).

    Options at zero stay at zero; scenarios are drawn in sorted order so a seed gives the same draws.
    """
    if resamples < 1:
        raise ValueError(f"the number of resamples must be positive, got {resamples}")
    kappa = dirichlet_concentration(share_sd)
    drawn: dict[str, tuple[list[str], np.ndarray]] = {}
    for scenario, group in sorted(area.groups.items()):
        options = sorted(group)
        split = metrics.normalised([group[option] for option in options])
        draws = np.zeros((resamples, len(options)))
        positive = split > 0
        draws[:, positive] = rng.dirichlet(kappa * split[positive], size=resamples) if positive.sum() > 1 else 1.0
        drawn[scenario] = (options, draws)
    return drawn


def resample_groups(
    area: AreaShares, share_sd: float, resamples: int, rng: np.random.Generator
) -> list[dict[str, dict[str, float]]]:
    """The draws of :func:`draw_groups` as one share group per resample (scenario -> option -> share)."""
    drawn = draw_groups(area, share_sd, resamples, rng)
    return [
        {scenario: dict(zip(options, draws[index].tolist())) for scenario, (options, draws) in drawn.items()}
        for index in range(resamples)
    ]


def _aligned(options: list[str], draws: np.ndarray, union: list[str]) -> np.ndarray:
    """Draws normalised per row (as the split of one share group is) and placed in the columns of ``union``."""
    result = np.zeros((draws.shape[0], len(union)))
    result[:, [union.index(option) for option in options]] = draws / draws.sum(axis=1, keepdims=True)
    return result


def observe_draws(drawn: dict[str, tuple[list[str], np.ndarray]], rules: Rules) -> dict[str, np.ndarray | None]:
    """:func:`observe` for every resample at once: each measure as an array over the resamples."""
    union = sorted({option for options, _ in drawn.values() for option in options})
    splits = {scenario: _aligned(options, draws, union) for scenario, (options, draws) in drawn.items()}
    if ALL_SCENARIOS in splits:
        split = splits[ALL_SCENARIOS]
    else:
        split = np.mean(np.stack([splits[scenario] for scenario in sorted(splits)]), axis=0)
    real = (split >= rules.real_option_min_share - metrics.TOLERANCE).sum(axis=1)
    scenarios = [splits[scenario] for scenario in sorted(splits) if scenario != ALL_SCENARIOS]
    varies: np.ndarray | None = None
    if len(scenarios) >= 2:
        # A scenario's leaders are the options within tolerance of its largest share (ties kept);
        # the winner varies when no option leads in every scenario.
        common = np.logical_and.reduce([isclose(values, values.max(axis=1, keepdims=True)) for values in scenarios])
        varies = np.where(common.any(axis=1), 0.0, 1.0)
    return {
        "leader_share": split.max(axis=1),
        "option_count": real.astype(float),
        "effective_alternatives": np.maximum(real - 1, 0).astype(float),
        "winner_varies_by_scenario": varies,
    }


def classify_draws(observed: dict[str, np.ndarray | None], rules: Rules, resamples: int) -> np.ndarray:
    """:func:`classify` for every resample at once: the outcome of each resample as an array of names."""
    outcome = np.full(resamples, "", dtype=object)
    possible = np.zeros(resamples, dtype=int)
    for level in rules.test_order:
        failed = np.zeros(resamples, dtype=bool)
        known = np.ones(resamples, dtype=bool)  # every criterion of the level is known and holds
        for criterion in rules.criteria[level]:
            values = observed[criterion.measure]
            if values is None:
                known[:] = False
                continue
            held = OPERATORS[criterion.operator](values, criterion.value)
            failed |= ~held
            known &= held
        open_ = (outcome == "") & ~failed
        possible += open_
        decided = open_ & known
        outcome[decided] = np.where(possible[decided] == 1, level, UNDETERMINED)
    undecided = outcome == ""
    outcome[undecided] = np.where(possible[undecided] == 0, NONE, UNDETERMINED)
    return outcome


def area_rng(seed: int, area_id: str) -> np.random.Generator:
    """A generator that depends only on the seed and the area, not on which other areas are assessed."""
    return np.random.default_rng([int(seed), zlib.crc32(area_id.encode("utf-8"))])


def outcome_probabilities(
    area: AreaShares, rules: Rules, share_sd: float, resamples: int, seed: int
) -> dict[str, float]:
    """Share of resamples that classify as each outcome (every level, 'none', 'undetermined')."""
    drawn = draw_groups(area, share_sd, resamples, area_rng(seed, area.area_id))
    counts = Counter(classify_draws(observe_draws(drawn, rules), rules, resamples).tolist())
    return {outcome: counts[outcome] / resamples for outcome in OUTCOMES}


def uncertainty_settings() -> settings.UncertaintySettings:
    """The ``analysis.uncertainty`` settings of book.yml, with a share error the Dirichlet redraw can reach."""
    uncertainty = settings.uncertainty_settings()
    dirichlet_concentration(float(uncertainty.share_sd))
    return uncertainty
