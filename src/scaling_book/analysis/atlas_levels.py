"""Shares and levels of the atlas by area, scenario and year, with bootstrap intervals and level probabilities.

Levels come from :mod:`scaling_book.analysis.placement` with rules built from the seeds' thresholds
(level_thresholds.csv) and book.yml's classifier settings; the bootstrap's resamples and seed are
book.yml's ``analysis.uncertainty`` values. :func:`placement_sensitivity` varies the open choices.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from scaling_book.analysis.atlas_observe import ALL, Group, draws, observation_groups
from scaling_book.analysis.placement import LEVELS, PlacementRules, declared_degree, place, place_draws
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import classifier_settings, uncertainty_settings

CONFIDENCE = 0.95  # book's choice: the bootstrap intervals are central 95% percentile intervals
L1_CEILING_THRESHOLD = "L1.max_share"  # the seeds' row giving the L1 leader's ceiling (<50%)


def placement_rules() -> PlacementRules:
    """The partition's rules: the seeds' winner share and L1 ceiling, the book's floor and test order."""
    settings = classifier_settings()
    thresholds = load_table("level_thresholds").set_index("threshold_id")["value"]
    return PlacementRules(
        real_option_min_share=float(settings.real_option_min_share),
        winner_share=float(thresholds[settings.winner_threshold]),
        fragmented_below=float(thresholds[L1_CEILING_THRESHOLD]),
        scenario_split_first=settings.test_order[0] == "L0",
    )


def _bounds(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of the draws (rows), column by column."""
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(values, [tail, 1 - tail], axis=0)
    return low, high


def _sample(groups: Sequence[Group], resamples: int | None, seed: int | None) -> list[np.ndarray | None]:
    settings = uncertainty_settings()
    count = settings.resamples if resamples is None else resamples
    chosen = settings.seed if seed is None else seed
    return [draws(group, count, chosen) for group in groups]


def atlas_shares(
    groups: Sequence[Group] | None = None, resamples: int | None = None, seed: int | None = None
) -> pd.DataFrame:
    """One row per option of each group: share, n (and the effective n of a weighted share), bootstrap interval
    (empty when not resampled), partial, origin."""
    groups = observation_groups() if groups is None else groups
    rows = []
    for group, sample in zip(groups, _sample(groups, resamples, seed)):
        low, high = _bounds(sample) if sample is not None else (None, None)
        for index, option in enumerate(group.options):
            rows.append(
                {
                    "area_id": group.area_id,
                    "scenario": group.scenario,
                    "year": group.year,
                    "option_id": option,
                    "share": float(group.shares[index]),
                    "n": group.n,
                    "n_effective": group.effective_n,
                    "share_low": np.nan if low is None else float(low[index]),
                    "share_high": np.nan if high is None else float(high[index]),
                    "partial": group.partial,
                    "origin": group.origin,
                    "source": group.source,
                }
            )
    return pd.DataFrame(rows).astype({"year": "Int64", "n": "Int64"})


def _leader(split: np.ndarray) -> np.ndarray:
    """Index of the leading option of each row (the first declared option on a tie)."""
    return np.argmax(split, axis=-1)


def _family(group: Group) -> tuple[str, int | None, str, str]:
    """The groups whose scenarios are compared: one area and year from one origin and dataset."""
    return group.area_id, group.year, group.origin, group.source.split(", release")[0]


def scenario_splits(groups: Sequence[Group]) -> dict[int, bool]:
    """For each group of scenario 'all' (by position): whether the leader differs between its measurable scenarios."""
    leaders: dict[tuple[str, int | None, str, str], set[int]] = {}
    for group in groups:
        if group.scenario != ALL and group.measurable and group.shares.sum() > 0:
            leaders.setdefault(_family(group), set()).add(int(_leader(group.shares)))
    return {index: len(leaders.get(_family(g), set())) > 1 for index, g in enumerate(groups) if g.scenario == ALL}


def _split_draws(groups: Sequence[Group], samples: list[np.ndarray | None], index: int, size: int) -> np.ndarray:
    """Per draw, whether the leaders of the group's measurable scenarios differ (scenarios resampled independently)."""
    target = groups[index]
    stack = [
        _leader(sample)
        for group, sample in zip(groups, samples)
        if sample is not None and group.scenario != ALL and group.measurable and _family(group) == _family(target)
    ]
    if len(stack) < 2:
        return np.zeros(size, dtype=bool)
    leaders = np.vstack(stack)
    return (leaders != leaders[0]).any(axis=0)


def _degrees(split: np.ndarray, declared: int) -> np.ndarray:
    """Normalised HHI on the declared option set, row by row (as placement.declared_degree)."""
    if declared == 1:
        return np.ones(len(split))
    return np.clip((declared * (split**2).sum(axis=1) - 1) / (declared - 1), 0.0, 1.0)


def atlas_levels(
    groups: Sequence[Group] | None = None,
    rules: PlacementRules | None = None,
    resamples: int | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """One row per group: n, measurable, leader, leader share, effective options, degree, level and its probabilities."""
    groups = observation_groups() if groups is None else groups
    rules = placement_rules() if rules is None else rules
    samples = _sample(groups, resamples, seed)
    splits = scenario_splits(groups)
    rows = []
    for index, (group, sample) in enumerate(zip(groups, samples)):
        split_flag = splits.get(index, False)
        point = group.shares / group.shares.sum()
        row: dict[str, object] = {
            "area_id": group.area_id,
            "scenario": group.scenario,
            "year": group.year,
            "n": group.n,
            "measurable": group.measurable,
            "leader": group.options[int(_leader(point))],
            "leader_share": float(point.max()),
            "effective_options": float(1.0 / (point**2).sum()),
            "degree": declared_degree(group.shares, len(group.options)),
            "level": place(group.shares, rules, split_flag),
            "scenario_split": split_flag,
        }
        if sample is None:
            row |= {
                f"{name}_{end}": np.nan
                for name in ("leader_share", "effective_options", "degree")
                for end in ("low", "high")
            }
            row |= {f"p_{level}": np.nan for level in LEVELS} | {"level_probability": np.nan}
        else:
            measures = {
                "leader_share": sample.max(axis=1),
                "effective_options": 1.0 / (sample**2).sum(axis=1),
                "degree": _degrees(sample, len(group.options)),
            }
            for name, values in measures.items():
                low, high = _bounds(values)
                row |= {f"{name}_low": float(low), f"{name}_high": float(high)}
            split_draws = _split_draws(groups, samples, index, len(sample)) if group.scenario == ALL else None
            levels = place_draws(sample, rules, split_draws)
            probabilities = {level: float((levels == level).mean()) for level in LEVELS}
            row |= {f"p_{level}": p for level, p in probabilities.items()}
            row["level_probability"] = probabilities[str(row["level"])]
        row |= {"partial": group.partial, "origin": group.origin, "source": group.source}
        rows.append(row)
    return pd.DataFrame(rows).astype({"year": "Int64", "n": "Int64"})
