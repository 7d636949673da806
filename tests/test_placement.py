"""The level partition places every share vector in exactly one level, anchored on the seeds' thresholds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_book.analysis.placement import (
    LEVELS,
    PlacementRules,
    declared_degree,
    level_probabilities,
    place,
    place_draws,
)


@pytest.mark.parametrize(
    ("shares", "level"),
    [
        ([1.0], "L4"),
        ([0.97, 0.03], "L4"),  # the rival is below the 5% floor: no effective alternative
        ([0.92, 0.08], "L3"),
        ([0.9, 0.1], "L3"),  # the seeds' "90% or more"
        ([0.89, 0.11], "L2"),  # no winner yet
        ([0.6, 0.4], "L2"),
        ([0.6, 0.2, 0.2], "L2"),  # three options, a leader above the L1 ceiling
        ([0.4, 0.3, 0.3], "L1"),  # the vector the seeds' criteria leave without a level
        ([0.5, 0.2, 0.2, 0.1], "L1"),  # more than three real options
        ([0.25, 0.25, 0.25, 0.25], "L1"),
    ],
)
def test_known_vectors(shares, level):
    assert place(shares) == level


def test_a_split_by_scenario_is_l0_first_and_only_without_a_winner_when_tested_last():
    assert place([0.95, 0.05], scenario_split=True) == "L0"
    last = PlacementRules(scenario_split_first=False)
    assert place([0.95, 0.05], last, scenario_split=True) == "L3"
    assert place([0.6, 0.4], last, scenario_split=True) == "L0"


def test_open_choices_move_the_boundaries():
    assert place([0.85, 0.15], PlacementRules(winner_share=0.8)) == "L3"
    assert place([0.6, 0.2, 0.2], PlacementRules(max_contested=2)) == "L1"
    assert place([0.93, 0.07], PlacementRules(real_option_min_share=0.1)) == "L4"


def test_rules_that_contradict_each_other_are_refused():
    with pytest.raises(ValueError, match="placement thresholds"):
        PlacementRules(fragmented_below=0.95)
    with pytest.raises(ValueError, match="max_contested"):
        PlacementRules(max_contested=1)


share_vectors = st.lists(st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=1, max_size=8).filter(
    lambda values: sum(values) > 1e-6
)


@settings(max_examples=300, deadline=None)
@given(
    share_vectors,
    st.booleans(),
    st.sampled_from([0.01, 0.05, 0.1]),
    st.sampled_from([0.8, 0.9, 0.95]),
    st.sampled_from([2, 3, 4]),
    st.booleans(),
)
def test_every_vector_gets_exactly_one_level_and_the_vectorised_path_agrees(
    values, split, floor, winner, contested, first
):
    rules = PlacementRules(
        real_option_min_share=floor, winner_share=winner, max_contested=contested, scenario_split_first=first
    )
    shares = np.asarray(values) / sum(values)
    level = place(shares.tolist(), rules, scenario_split=split)
    assert level in LEVELS
    assert place_draws(shares[None, :], rules, np.array([split]))[0] == level


def test_level_probabilities_count_every_level():
    probabilities = level_probabilities(np.array(["L2", "L2", "L3", "L1"]))
    assert probabilities == {"L4": 0.0, "L3": 0.25, "L2": 0.5, "L1": 0.25, "L0": 0.0}


def test_declared_degree_does_not_move_when_a_zero_share_option_is_named():
    assert declared_degree([0.6, 0.4], 3) == pytest.approx(declared_degree([0.6, 0.4, 0.0], 3))
    assert declared_degree([0.6, 0.4], 3) == pytest.approx((3 * 0.52 - 1) / 2)
    assert declared_degree([0.6, 0.4], 2) == pytest.approx(0.04)
    with pytest.raises(ValueError, match="declares 2 options"):
        declared_degree([0.5, 0.3, 0.2], 2)
