"""Convergence measures: hand-computed values, invariants (hypothesis) and clear errors on bad shares."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from scaling_book.analysis import measures as metrics
from scaling_book.analysis.measures import SharesError

# (shares, leader share, HHI, normalised entropy, convergence degree), computed by hand.
KNOWN = [
    ([0.6, 0.4], 0.6, 0.52, -(0.6 * math.log(0.6) + 0.4 * math.log(0.4)) / math.log(2), 0.04),
    ([0.3, 0.7], 0.7, 0.58, -(0.3 * math.log(0.3) + 0.7 * math.log(0.7)) / math.log(2), 0.16),
    ([0.5, 0.5], 0.5, 0.5, 1.0, 0.0),
    ([0.5, 0.25, 0.25], 0.5, 0.375, (0.5 * math.log(2) + 0.5 * math.log(4)) / math.log(3), 0.0625),
    ([1.0], 1.0, 1.0, 0.0, 1.0),
    ([1.0, 0.0], 1.0, 1.0, 0.0, 1.0),
    ([0.5, 0.5, 0.0], 0.5, 0.5, math.log(2) / math.log(3), 0.25),
    ([0.3, 0.2], 0.6, 0.52, -(0.6 * math.log(0.6) + 0.4 * math.log(0.4)) / math.log(2), 0.04),  # coverage 50%
]


@pytest.mark.parametrize(("shares", "leader", "hhi", "entropy", "degree"), KNOWN)
def test_known_values(shares, leader, hhi, entropy, degree):
    assert metrics.leader_share(shares) == pytest.approx(leader)
    assert metrics.hhi(shares) == pytest.approx(hhi)
    assert metrics.effective_options(shares) == pytest.approx(1 / hhi)
    assert metrics.normalised_entropy(shares) == pytest.approx(entropy)
    assert metrics.convergence_degree(shares) == pytest.approx(degree)


def test_known_entropy_digits():
    assert metrics.normalised_entropy([0.6, 0.4]) == pytest.approx(0.970950594, abs=1e-9)
    assert metrics.normalised_entropy([0.5, 0.25, 0.25]) == pytest.approx(0.946394630, abs=1e-9)


def test_measures_reports_count_and_coverage():
    result = metrics.measures([0.3, 0.2])
    assert result["option_count"] == 2 and result["coverage"] == pytest.approx(0.5)
    assert set(result) == {"option_count", "coverage", *metrics.MEASURES}


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([], "at least one"),
        ([0.5, -0.1], "negative"),
        ([1.2], "exceed 1"),
        ([0.7, 0.6], "add up to 1.3"),
        ([0.0, 0.0], "add up to zero"),
        ([0.5, float("nan")], "finite"),
    ],
)
def test_bad_shares_raise_a_clear_error(shares, message):
    with pytest.raises(SharesError, match=message):
        metrics.convergence_degree(shares)


share_lists = (
    st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=1, max_size=12)
    .map(lambda values: [value / max(1.0, sum(values)) for value in values])
    .filter(lambda values: sum(values) > 1e-6)
)


@given(share_lists)
def test_every_measure_stays_in_its_range(shares):
    n = len(shares)
    values = metrics.measures(shares)
    assert 0 <= values["convergence_degree"] <= 1
    assert 0 <= values["normalised_entropy"] <= 1 + 1e-12
    assert 1 / n - 1e-12 <= values["hhi"] <= 1 + 1e-12
    assert 1 - 1e-9 <= values["effective_options"] <= n + 1e-9
    assert 1 / n - 1e-12 <= values["leader_share"] <= 1


@given(share_lists, st.randoms(use_true_random=False))
def test_measures_do_not_depend_on_option_order(shares, random):
    shuffled = list(shares)
    random.shuffle(shuffled)
    for name, function in metrics.MEASURES.items():
        assert function(shuffled) == pytest.approx(function(shares), abs=1e-12), name


@given(st.floats(min_value=1e-6, max_value=1))
def test_a_single_option_is_full_convergence(share):
    assert metrics.convergence_degree([share]) == 1
    assert metrics.leader_share([share]) == 1
    assert metrics.normalised_entropy([share]) == 0


@given(st.integers(min_value=2, max_value=30), st.floats(min_value=1e-3, max_value=1))
def test_equal_shares_are_the_minimum(n, total):
    shares = [total / n] * n
    assert metrics.convergence_degree(shares) == pytest.approx(0, abs=1e-9)
    assert metrics.normalised_entropy(shares) == pytest.approx(1)
    assert metrics.hhi(shares) == pytest.approx(1 / n)
    assert metrics.effective_options(shares) == pytest.approx(n)


@given(share_lists, st.floats(min_value=0.01, max_value=1))
def test_measures_use_the_split_not_the_scale(shares, factor):
    scaled = [share * factor for share in shares]
    assume(sum(scaled) > 1e-6)
    assert metrics.convergence_degree(scaled) == pytest.approx(metrics.convergence_degree(shares), abs=1e-9)


@given(share_lists, st.floats(min_value=0.01, max_value=1))
def test_moving_share_to_the_larger_option_raises_the_degree(shares, fraction):
    assume(len(shares) >= 2)
    ordered = sorted(shares, reverse=True)
    assume(ordered[1] > 1e-6)
    moved = ordered[1] * fraction
    transferred = [ordered[0] + moved, ordered[1] - moved, *ordered[2:]]
    assert metrics.convergence_degree(transferred) > metrics.convergence_degree(ordered) - 1e-12
    assert metrics.normalised_entropy(transferred) < metrics.normalised_entropy(ordered) + 1e-12


@given(st.floats(min_value=0, max_value=1))
def test_two_options_degree_is_the_squared_gap(p):
    assert metrics.convergence_degree([p, 1 - p]) == pytest.approx((2 * p - 1) ** 2, abs=1e-12)


def test_two_option_curves_run_from_an_even_split_to_a_monopoly():
    curves = metrics.two_option_curves(11)
    degree = curves[curves.measure == "convergence_degree"].set_index("leader_share")["value"]
    assert len(degree) == 11
    assert degree.iloc[0] == pytest.approx(0) and degree.iloc[-1] == pytest.approx(1)
    assert degree.is_monotonic_increasing


def test_group_measures_of_the_seeds_shares():
    from scaling_book.inputs.load import load_table

    groups = metrics.group_measures(load_table("adoption_shares")).set_index("area_id")
    assert groups.loc["edge_vs_cloud", "leader"] == "cloud"
    assert groups.loc["edge_vs_cloud", "convergence_degree"] == pytest.approx(0.04)
    assert groups.loc["code_vs_general", "leader"] == "general_model"
    assert groups.loc["code_vs_general", "convergence_degree"] == pytest.approx(0.16)


def test_group_measures_refuses_several_years_in_one_group():
    frame = pd.DataFrame(
        {
            "area_id": ["a", "a"],
            "option_id": ["x", "y"],
            "scenario": ["all", "all"],
            "share": [0.5, 0.5],
            "year": [2024, 2025],
        }
    )
    with pytest.raises(SharesError, match="several years"):
        metrics.group_measures(frame)
