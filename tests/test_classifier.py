"""The level classifier at each threshold, with unknown measures, under resampling, and on the seeds' areas."""

from __future__ import annotations

import csv
import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_book.analysis import classifier, classifier_rules
from scaling_book.analysis.classifier import AreaShares
from scaling_book.inputs import load as data
from scaling_book.inputs import settings as settings_module
from scaling_book.inputs.load import load_table
from scaling_book.views import classifier_tables
from scaling_book.views.classifier_tables import assessed_areas, criteria_report


@pytest.fixture(scope="module")
def rules() -> classifier.Rules:
    return classifier.load_rules()


def shares(*values: float, scenario: str = "all") -> AreaShares:
    options = tuple(f"o{index}" for index in range(len(values)))
    return AreaShares("test", options, {scenario: dict(zip(options, values))})


def level(area: AreaShares, rules: classifier.Rules) -> str:
    return classifier.classify(classifier.observe(area, rules), rules).outcome


def classify_stated(area: AreaShares, rules: classifier.Rules) -> str:
    """The vectorised classifier's outcome for the area's stated shares, taken as a single draw."""
    stated = {
        scenario: (sorted(group), np.array([[group[option] for option in sorted(group)]]))
        for scenario, group in area.groups.items()
    }
    [outcome] = classifier.classify_draws(classifier.observe_draws(stated, rules), rules, 1).tolist()
    return outcome


def test_rules_come_from_the_thresholds_table_and_book_yml(rules):
    assert rules.test_order == ("L0", "L4", "L3", "L2", "L1")
    assert rules.real_option_min_share == 0.05
    by_id = {c.criterion_id: c for items in rules.criteria.values() for c in items}
    assert (by_id["L3.new_product_adoption"].operator, by_id["L3.new_product_adoption"].value) == (">=", 0.9)
    assert (by_id["L2.no_winner"].operator, by_id["L2.no_winner"].value) == ("<", 0.9)
    assert (by_id["L1.option_count"].operator, by_id["L1.option_count"].value) == (">", 3)
    assert (by_id["L0.max_share"].operator, by_id["L0.max_share"].value) == ("<=", 0.3)


def test_claims_mirror_the_thresholds_operator_and_value():
    """A claim that restates a criterion states the same comparison as the classifier applies."""
    thresholds = load_table("level_thresholds").set_index("threshold_id")
    claims = load_table("claims")
    mirrored = claims[claims["ref"].fillna("").str.startswith("level_thresholds:")]
    assert len(mirrored) == 5
    for claim in mirrored.itertuples():
        threshold = thresholds.loc[claim.ref.split(":")[1]]
        assert (claim.operator, claim.value) == (threshold["operator"], threshold["value"]), claim.claim_id


def test_a_leader_share_floor_from_named_options_rules_levels_out(rules):
    observed = classifier.observe_named(3)
    assert observed["leader_share_min"] == pytest.approx(1 / 3)
    report = criteria_report("L0", observed, rules)
    assert "at least 33% with 3 named options, failed" in report
    assert classifier.level_status(rules.criteria["L1"], classifier.observe_named(5)) is None  # 20% < 50% possible


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((1.0,), "L4"),
        ((0.96, 0.04), "L4"),  # 4% is below the real-option minimum: no real alternative
        ((0.95, 0.05), "L3"),  # exactly 5% is a real alternative; 95% >= 90%
        ((0.9, 0.1), "L3"),  # exactly at the L3 threshold
        ((0.899, 0.101), "L2"),  # just below it: two rivals, no winner
        ((0.6, 0.4), "L2"),
        ((0.5, 0.5), "L2"),
        ((0.4, 0.3, 0.3), "none"),  # three options: not two, not more than three
        ((0.4, 0.2, 0.2, 0.2), "L1"),  # four real options, leader below 50%
        ((0.5, 0.2, 0.2, 0.1), "none"),  # leader exactly 50%: L1 needs less
        ((0.49, 0.21, 0.2, 0.1), "L1"),
        ((0.7, 0.28, 0.02), "L2"),  # the 2% option is not a real rival
    ],
)
def test_levels_at_each_threshold(values, expected, rules):
    assert level(shares(*values), rules) == expected


def split_by_scenario(first: dict[str, float], second: dict[str, float]) -> AreaShares:
    return AreaShares("test", tuple(sorted(first)), {"home": first, "office": second})


def test_l0_when_the_winner_differs_by_scenario_and_no_option_reaches_the_ceiling(rules):
    area = split_by_scenario({"a": 0.29, "b": 0.27, "c": 0.22, "d": 0.22}, {"a": 0.27, "b": 0.29, "c": 0.22, "d": 0.22})
    observed = classifier.observe(area, rules)
    assert observed["winner_varies_by_scenario"] == 1 and observed["leader_share"] == pytest.approx(0.28)
    assert level(area, rules) == "L0"


def test_same_winner_in_every_scenario_is_not_l0(rules):
    area = split_by_scenario({"a": 0.29, "b": 0.27, "c": 0.22, "d": 0.22}, {"a": 0.29, "b": 0.25, "c": 0.24, "d": 0.22})
    assert level(area, rules) == "L1"


def test_leader_exactly_at_the_l0_ceiling_is_not_l0(rules):
    area = split_by_scenario({"a": 0.3, "b": 0.25, "c": 0.25, "d": 0.2}, {"a": 0.25, "b": 0.3, "c": 0.25, "d": 0.2})
    assert classifier.observe(area, rules)["leader_share"] == pytest.approx(0.275)
    tie = split_by_scenario({"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2}, {"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2})
    assert classifier.observe(tie, rules)["leader_share"] == pytest.approx(0.3)
    assert level(tie, rules) == "L1"  # 30% is not below 30%, and the leaders are the same


def test_an_unknown_scenario_split_leaves_the_result_open(rules):
    result = classifier.classify(classifier.observe(shares(0.25, 0.25, 0.25, 0.25), rules), rules)
    assert result.outcome == "undetermined" and result.possible == ("L0", "L1")


@pytest.mark.parametrize(
    ("named", "possible", "l1_status"),
    [
        (1, ("L0", "L4", "L3", "L2", "L1"), None),  # one named technology says nothing about rivals
        (2, ("L3", "L2"), False),  # the leader holds at least 1/2 > 30%: not L0
        (3, ("L3",), False),  # L1 needs more than three; 1/3 > 30%: not L0
        (4, ("L0", "L3", "L1"), None),
    ],
)
def test_without_shares_only_the_named_rivals_count(named, possible, l1_status, rules):
    area = AreaShares("test", tuple(f"o{i}" for i in range(named)), {})
    result = classifier.classify(classifier.observe(area, rules), rules)
    assert result.outcome == "undetermined" and result.possible == possible
    assert result.statuses["L1"] is l1_status


def test_rules_follow_the_typed_settings(monkeypatch):
    real = classifier_rules.classifier_settings()
    order = ("L4", "L3", "L2", "L1", "L0")
    monkeypatch.setattr(
        classifier_rules,
        "classifier_settings",
        lambda: dataclasses.replace(real, test_order=order, real_option_min_share=0.1),
    )
    rules = classifier.load_rules()
    assert rules.test_order == order and rules.real_option_min_share == 0.1


def test_a_winner_threshold_without_its_row_fails_loudly(monkeypatch):
    real = classifier_rules.classifier_settings()
    monkeypatch.setattr(
        classifier_rules, "classifier_settings", lambda: dataclasses.replace(real, winner_threshold="L3.nothing")
    )
    with pytest.raises(KeyError, match="winner_threshold"):
        classifier.load_rules()


def test_dirichlet_concentration_matches_the_share_error():
    assert classifier.dirichlet_concentration(0.1) == pytest.approx(24)
    draws = np.random.default_rng(1).dirichlet([12, 12], size=20_000)[:, 0]
    assert draws.std() == pytest.approx(0.1, rel=0.03)
    with pytest.raises(ValueError):
        classifier.dirichlet_concentration(0.5)


def test_resampling_is_reproducible_and_adds_up(rules):
    area = shares(0.7, 0.3)
    first = classifier.outcome_probabilities(area, rules, 0.2, 2000, seed=7)
    again = classifier.outcome_probabilities(area, rules, 0.2, 2000, seed=7)
    other = classifier.outcome_probabilities(area, rules, 0.2, 2000, seed=8)
    assert first == again and first != other
    assert sum(first.values()) == pytest.approx(1)
    assert 0.7 < first["L2"] < 0.95 and first["L3"] > 0.03  # a 20-point error lets the leader win sometimes


def test_resampled_shares_keep_their_mean_and_zeros(rules):
    area = shares(0.6, 0.4, 0.0)
    draws = classifier.resample_groups(area, 0.1, 3000, np.random.default_rng(3))
    first = np.array([draw["all"]["o0"] for draw in draws])
    assert first.mean() == pytest.approx(0.6, abs=0.01)
    assert all(draw["all"]["o2"] == 0 for draw in draws)
    assert all(sum(draw["all"].values()) == pytest.approx(1) for draw in draws)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=1), min_size=1, max_size=5))
def test_a_tiny_error_keeps_the_stated_level(values):
    rules = classifier.load_rules()
    total = sum(values)
    area = shares(*[value / total for value in values])
    stated = level(area, rules)
    # Skip splits sitting on a threshold, where any error flips the level.
    observed = classifier.observe(area, rules)
    near = [
        c
        for items in rules.criteria.values()
        for c in items
        if c.measure == "leader_share" and abs(observed["leader_share"] - c.value) < 0.02
    ]
    near += [1 for share in area.groups["all"].values() if abs(share - rules.real_option_min_share) < 0.02]
    if near:
        return
    probabilities = classifier.outcome_probabilities(area, rules, 0.001, 200, seed=1)
    assert probabilities[stated] > 0.95


def test_assessment_of_the_seeds_areas():
    assessed = assessed_areas().set_index("area_id")
    l0 = assessed.loc[["edge_vs_cloud", "code_vs_general"]]
    assert list(l0.computed_level) == ["L2", "L2"]
    assert list(l0.computed_degree) == pytest.approx([0.04, 0.16])
    assert list(l0.claimed_level_verdict) == ["inconsistent", "inconsistent"]
    assert (l0.p_L2 > 0.95).all() and (l0.p_L0 == 0).all() and not l0.fragile.any()
    reasoning = assessed.loc["reasoning"]
    assert reasoning.computed_level == classifier.NOT_COMPUTABLE and math.isnan(reasoning.computed_degree)
    assert reasoning.claimed_level_verdict == "inconsistent" and "observed 3, failed" in reasoning.criteria
    assert assessed.loc["moe_vs_dense", "claimed_level_verdict"] == "needs evidence"
    assert assessed.loc["attention", "possible_levels"] == "L0, L4, L3, L2, L1"
    assert assessed.loc["reasoning", "possible_levels"] == "L3"  # three named: not L2, not L1 (>3), not L0 (1/3 > 30%)
    assert assessed.loc["moe_vs_dense", "possible_levels"] == "L3, L2"
    table = classifier_tables.assessment_table(assessed.reset_index()).set_index("Area")
    reasoning_row = table.loc[assessed.loc["reasoning", "area"]]
    assert reasoning_row["Levels still possible"] == "L3"
    assert reasoning_row["Leader share"] == "unknown; at least 33% of the named options"
    assert reasoning_row["Computed degree"] == classifier.NOT_COMPUTABLE


def test_assessment_by_level_and_the_probability_frame():
    assert list(assessed_areas("L0").area_id) == ["edge_vs_cloud", "code_vs_general"]
    frame = classifier.level_probabilities(assessed_areas("L0"))
    assert len(frame) == 2 * len(classifier.OUTCOMES)
    assert frame.groupby("area").probability.sum().tolist() == pytest.approx([1, 1])
    with pytest.raises(ValueError, match="none of these areas has adoption shares"):
        classifier.level_probabilities(assessed_areas("L4"))
    with pytest.raises(ValueError, match="unknown level"):
        assessed_areas("L9")


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_changed_shares_change_the_level(data_copy, monkeypatch):
    monkeypatch.setattr(data, "data_dir", lambda: data_copy)
    path = data_copy / "framework/adoption_shares.csv"
    rows = read_rows(path)
    for row in rows:
        if row["area_id"] == "edge_vs_cloud":
            row["share"] = "0.97" if row["option_id"] == "cloud" else "0.03"
    write_rows(path, rows)
    claims = data_copy / "framework/claims.csv"
    claim_rows = read_rows(claims)
    for row in claim_rows:
        if row["claim_id"] in ("l0.share_edge", "l0.share_cloud"):
            row["value"] = "0.03" if row["claim_id"] == "l0.share_edge" else "0.97"
    write_rows(claims, claim_rows)
    assessed = assessed_areas("L0").set_index("area_id")
    assert assessed.loc["edge_vs_cloud", "computed_level"] == "L4"
    assert assessed.loc["edge_vs_cloud", "computed_degree"] == pytest.approx((0.97 - 0.03) ** 2)


share_groups = st.lists(
    st.sampled_from([0.0, 0.05, 0.1, 0.25, 0.3, 0.45, 0.5, 0.6, 0.9, 1.0]), min_size=1, max_size=4
).filter(lambda values: 0 < sum(values))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(share_groups, min_size=1, max_size=3),
    st.booleans(),
    st.permutations(["L0", "L4", "L3", "L2", "L1"]),
    st.sampled_from([0.001, 0.1, 0.3]),
    st.integers(min_value=0, max_value=2**16),
)
def test_the_vectorised_resampling_classifies_every_draw_as_the_scalar_classifier(
    groups, with_all, order, share_sd, seed
):
    # Shares on round values and a tiny error put draws on thresholds and ties, where the two are most likely to differ.
    base = classifier.load_rules()
    rules = classifier.Rules(base.criteria, tuple(order), base.real_option_min_share)
    scenarios = ["all"] if with_all and len(groups) == 1 else [f"s{index}" for index in range(len(groups))]
    area = AreaShares(
        "test",
        (),
        {
            scenario: {f"o{index}": value / max(sum(values), 1) for index, value in enumerate(values)}
            for scenario, values in zip(scenarios, groups)
        },
    )
    drawn = classifier.draw_groups(area, share_sd, 50, np.random.default_rng(seed))
    vectorised = classifier.classify_draws(classifier.observe_draws(drawn, rules), rules, 50).tolist()
    per_draw = classifier.resample_groups(area, share_sd, 50, np.random.default_rng(seed))
    scalar = [
        classifier.classify(classifier.observe(AreaShares("test", (), groups), rules), rules).outcome
        for groups in per_draw
    ]
    assert vectorised == scalar
    # The stated shares themselves, as one draw, sit exactly on thresholds and ties.
    assert classify_stated(area, rules) == level(area, rules)


@pytest.mark.parametrize(
    "groups",
    [
        {"all": {"a": 0.3, "b": 0.3, "c": 0.3, "d": 0.1}},  # leader exactly at L0's 30% ceiling
        {"all": {"a": 0.9, "b": 0.1}},  # leader exactly at the winner threshold
        {"all": {"a": 0.95, "b": 0.05}},  # rival exactly at the real-option floor
        {"all": {"a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25}},
        {"x": {"a": 0.5, "b": 0.5}, "y": {"a": 0.6, "b": 0.4}},  # a tie that shares its leader with the other scenario
        {"x": {"a": 0.6, "b": 0.4}, "y": {"a": 0.4, "b": 0.6}},  # winners differ by scenario
        {"x": {"a": 0.2, "b": 0.2}, "y": {"c": 0.3, "d": 0.1}},  # scenarios name different options
    ],
)
def test_the_vectorised_classifier_agrees_on_thresholds_and_ties(groups, rules):
    area = AreaShares("test", (), groups)
    assert classify_stated(area, rules) == level(area, rules)


def test_reading_l1_as_three_or_more_changes_only_three_option_cases():
    frame = classifier.reading_sensitivity(
        "L1.option_count",
        ">=",
        {"even": {"a": 0.4, "b": 0.3, "c": 0.3}, "four": {"a": 0.4, "b": 0.2, "c": 0.2, "d": 0.2}},
    )
    rows = frame.set_index("case")
    assert (rows.loc["even", "seeds_reading"], rows.loc["even", "other_reading"]) == ("none", "L1")
    assert "four" not in rows.index  # four options are L1 under both readings
    assert list(rows.loc[[case for case in rows.index if case != "even"], "other_possible"]) == ["L3, L1", "L3, L1"]
    with pytest.raises(KeyError, match="no criterion"):
        classifier.with_operator(classifier.load_rules(), "L9.nothing", ">=")


def test_the_areas_are_named_in_the_reading_table():
    frame = classifier_tables.reading_table("L1.option_count", ">=", {"even": {"a": 0.4, "b": 0.3, "c": 0.3}})
    names = classifier_tables.area_names()
    assert set(frame["case"]) - {"even"} <= set(names.values())
    assert "even" in set(frame["case"])


def test_criteria_in_words(rules):
    by_id = {c.criterion_id: c for items in rules.criteria.values() for c in items}
    assert classifier_tables.criterion_test(by_id["L0.max_share"]) == "leader share <= 30%"
    assert classifier_tables.criterion_test(by_id["L1.option_count"]) == "real options > 3"
    table = classifier_tables.criteria_table(rules)
    assert table["order"].iloc[0] == 1 and table["level"].iloc[0] == rules.test_order[0]
    assert classifier_tables.stability_word(True) == "fragile" and classifier_tables.stability_word(pd.NA) == "–"


def test_uncertainty_settings_refuse_a_share_error_the_dirichlet_cannot_reach(monkeypatch):
    real = settings_module.uncertainty_settings()
    assert classifier.uncertainty_settings() == real
    monkeypatch.setattr(settings_module, "uncertainty_settings", lambda: dataclasses.replace(real, share_sd=0.5))
    with pytest.raises(ValueError):
        classifier.uncertainty_settings()
