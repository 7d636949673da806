"""Trends and verdicts of the evidence atlas (analysis/atlas_trends.py, analysis/atlas_verdicts.py) on synthetic frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_book.analysis import atlas_trends as trends
from scaling_book.analysis.atlas_verdicts import (
    force_verdicts,
    informed_targets,
    layer_verdicts,
    target_verdicts,
)

RULES = trends.TrendRules(resamples=400, seed=7)


def synthetic(area: str, splits: dict[int, tuple[float, ...]], n: int = 5000, partial: int | None = None):
    """Levels and shares frames with the contract's columns for one area (scenario "all")."""
    level_rows, share_rows = [], []
    for year, split in splits.items():
        values = np.array(split) / sum(split)
        level_rows.append(
            {
                "area_id": area,
                "scenario": "all",
                "year": year,
                "n": n,
                "measurable": True,
                "leader_share": values.max(),
                "effective_options": 1 / (values**2).sum(),
                "partial": year == partial,
            }
        )
        share_rows += [
            {"area_id": area, "scenario": "all", "year": year, "option_id": f"o{i}", "share": share, "n": n}
            for i, share in enumerate(values)
        ]
    level_columns = ["area_id", "scenario", "year", "n", "measurable", "leader_share", "effective_options", "partial"]
    share_columns = ["area_id", "scenario", "year", "option_id", "share", "n"]
    return pd.DataFrame(level_rows, columns=level_columns), pd.DataFrame(share_rows, columns=share_columns)


def two_way(leaders: dict[int, float]) -> dict[int, tuple[float, ...]]:
    return {year: (leader, 1 - leader) for year, leader in leaders.items()}


RISING = two_way({2018: 0.5, 2019: 0.6, 2020: 0.7, 2021: 0.8})


def test_slope_of_a_straight_line_is_its_gradient():
    assert trends.slopes(np.array([2018, 2019, 2020]), np.array([[0.1, 0.3, 0.5]]))[0] == pytest.approx(0.2)


def test_a_rising_leader_with_fewer_options_converges_with_known_slopes():
    levels, shares = synthetic("a", RISING)
    row = trends.area_trend(levels, shares, "a", 2018, RULES)
    effective = 1 / (np.array([0.5, 0.6, 0.7, 0.8]) ** 2 + np.array([0.5, 0.4, 0.3, 0.2]) ** 2)
    assert row["leader_slope"] == pytest.approx(0.1)
    assert row["effective_slope"] == pytest.approx(np.polyfit([2018, 2019, 2020, 2021], effective, 1)[0])
    assert row["leader_slope_low"] < 0.1 < row["leader_slope_high"]
    assert (row["years"], row["first_year"], row["last_year"], row["verdict"]) == (4, 2018, 2021, "converging")


def test_the_reverse_diverges_and_a_flat_series_is_stable():
    falling = two_way({2018: 0.8, 2019: 0.7, 2020: 0.6, 2021: 0.5})
    flat = two_way(dict.fromkeys(range(2018, 2023), 0.7))
    assert trends.area_trend(*synthetic("a", falling), "a", 2018, RULES)["verdict"] == "diverging"
    assert trends.area_trend(*synthetic("a", flat), "a", 2018, RULES)["verdict"] == "stable"


def test_a_trend_within_its_sampling_error_is_stable():
    # Ten models a year: the leader share's rise of 2 points a year is well inside the bootstrap interval.
    drifting = two_way({2018: 0.60, 2019: 0.62, 2020: 0.64, 2021: 0.66})
    assert trends.area_trend(*synthetic("a", drifting, n=10), "a", 2018, RULES)["verdict"] == "stable"


def test_too_few_years_are_not_measurable_and_the_start_year_cuts_years():
    levels, shares = synthetic("a", RISING)
    row = trends.area_trend(levels, shares, "a", 2019, RULES)
    assert (row["years"], row["verdict"]) == (3, "not measurable") and np.isnan(row["leader_slope"])
    levels.loc[levels["year"] == 2020, "measurable"] = False
    assert trends.area_trend(levels, shares, "a", 2018, RULES)["verdict"] == "not measurable"


def test_the_partial_year_is_left_out_unless_a_setting_includes_it():
    splits = {**RISING, 2022: (0.5, 0.5)}
    levels, shares = synthetic("a", splits, partial=2022)
    assert trends.area_trend(levels, shares, "a", 2018, RULES)["leader_slope"] == pytest.approx(0.1)
    with_partial = trends.TrendRules(resamples=400, seed=7, include_partial_year=True)
    row = trends.area_trend(levels, shares, "a", 2018, with_partial)
    assert row["years"] == 5 and row["leader_slope"] != pytest.approx(0.1)


def test_the_bootstrap_is_identical_across_runs_and_the_frame_has_every_start_year():
    levels, shares = synthetic("a", RISING)
    first = trends.atlas_trends(levels, shares, ["a"], [2015, 2018, 2020], RULES)
    second = trends.atlas_trends(levels, shares, ["a"], [2015, 2018, 2020], RULES)
    pd.testing.assert_frame_equal(first, second)
    assert list(first["start_year"]) == [2015, 2018, 2020] and list(first.columns) == trends.TREND_COLUMNS
    assert list(first["verdict"]) == ["converging", "converging", "not measurable"]


@settings(max_examples=60, deadline=None)
@given(
    leaders=st.lists(st.floats(0.34, 1.0), min_size=0, max_size=7),
    n=st.integers(1, 200),
    start=st.sampled_from([2015, 2018, 2020]),
)
def test_every_verdict_is_one_of_the_four_words(leaders, n, start):
    splits = {2016 + index: (leader, 1 - leader) for index, leader in enumerate(leaders)}
    levels, shares = synthetic("a", splits, n=n)
    rules = trends.TrendRules(resamples=50, seed=1)
    assert trends.area_trend(levels, shares, "a", start, rules)["verdict"] in trends.AREA_VERDICTS


def test_combined_verdicts():
    assert trends.combined_verdict(["converging", "converging"]) == "converging"
    assert trends.combined_verdict(["converging", "not measurable"]) == "converging"
    assert trends.combined_verdict(["converging", "stable"]) == "mixed"
    assert trends.combined_verdict(["not measurable"]) == trends.combined_verdict([]) == "not measurable"
    assert trends.verdict_counts(["stable", "stable", "mixed"])["stable"] == 2


AREAS = pd.DataFrame(
    {
        "area_id": ["hw", "release", "scale", "domain"],
        "informs_kind": ["layer", "pyramid", "area", "force"],
        "informs_id": ["hardware", "mathematics", "edge_vs_cloud", "task"],
        "fit": ["close", "loose", "loose", "loose"],
    }
)
LAYERS = pd.DataFrame(
    {
        "layer_id": ["mathematics", "hardware", "application"],
        "order": [1, 5, 4],
        "name_en": ["Mathematics layer", "Hardware layer", "Application layer"],
        "name_zh": ["数学层", "硬件层", "应用层"],
        "pyramid_layer_id": ["mathematics", None, None],
        "caict_layer_id": ["training_paradigm", "hardware_adaptation", "application_protocol"],
    }
)
CAICT = pd.DataFrame(
    {
        "layer_id": ["training_paradigm", "hardware_adaptation", "application_protocol"],
        "status_zh": ["准收敛", "反向分化", "未收敛"],
        "status_en": ["quasi-converged", "reverse divergence", "not converged"],
    }
)


def test_targets_follow_informs_and_the_pyramid_link():
    targets = informed_targets(AREAS, LAYERS)
    layer_rows = targets[targets["kind"] == "layer"]
    assert set(zip(layer_rows["target_id"], layer_rows["area_id"], layer_rows["link"])) == {
        ("hardware", "hw", "direct"),
        ("mathematics", "release", "through the pyramid layer"),
    }
    assert len(targets) == 5  # four direct rows and one through the pyramid


def test_layer_verdicts_sit_beside_the_seeds_status_in_layer_order():
    targets = informed_targets(AREAS, LAYERS)
    verdicts = pd.DataFrame({"area_id": ["hw", "release"], "verdict": ["diverging", "stable"]})
    table = layer_verdicts(verdicts, targets, LAYERS, CAICT)
    assert list(table["layer_id"]) == ["mathematics", "application", "hardware"]
    assert list(table["verdict"]) == ["stable", "not measurable", "diverging"]
    assert list(table["fit"]) == ["loose", "", "close"]
    assert list(table["status_en"]) == ["quasi-converged", "not converged", "reverse divergence"]
    forces = pd.DataFrame(
        {
            "force_id": ["task", "hardware"],
            "order": [2, 1],
            "name_en": ["Task differences", "Hardware differences"],
            "name_zh": ["任务差异", "硬件差异"],
            "effect_zh": ["架构分化"] * 2,
            "effect_en": ["architectural divergence"] * 2,
        }
    )
    assert list(force_verdicts(verdicts, targets, forces)["verdict"]) == ["not measurable", "not measurable"]
    mixed = target_verdicts(
        pd.DataFrame({"area_id": ["a", "b"], "verdict": ["converging", "diverging"]}),
        pd.DataFrame({"kind": "layer", "target_id": "x", "area_id": ["a", "b"], "fit": "close", "link": "direct"}),
        "layer",
        ["x"],
    )
    assert mixed.loc[0, "verdict"] == "mixed" and mixed.loc[0, "area_ids"] == ("a", "b")
