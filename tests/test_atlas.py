"""The evidence atlas: coding rules as data, observations of every origin, shares, levels, bootstrap, sensitivity."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scaling_book.analysis.atlas import (
    CodingRuleError,
    atlas_areas,
    atlas_levels,
    atlas_shares,
    observation_groups,
    observations,
    placement_sensitivity,
)
from scaling_book.analysis.atlas_observe import draws
from scaling_book.analysis.placement import LEVELS, PlacementRules
from scaling_book.inputs.load import load_table
from scaling_book.inputs.validate import DataValidationError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "observations" / "survey.csv"
RULES = PlacementRules()  # the seeds' thresholds and the book's defaults
NO_USER = pd.DataFrame(columns=["area_id", "option_id", "scenario", "year", "share", "n", "source", "method"])
NO_SEED = pd.DataFrame(columns=["area_id", "option_id", "scenario", "share", "year", "source"])


def model(year: int, name: str, **values: object) -> dict[str, object]:
    """One synthetic row of epoch_models (every atlas column empty unless given)."""
    row: dict[str, object] = {
        "release": "2025-03",
        "model": name,
        "publication_date": pd.Timestamp(f"{year}-06-01"),
        "year": year,
        "countries": None,
        "domain": None,
        "language": False,
        "hardware_families": None,
        "accessibility": None,
        "base_model": None,
        "parameters": np.nan,
        "training_compute_flop": np.nan,
        "moe_flag": None,
        "lead_organization": None,
    }
    return row | values


@pytest.fixture
def models() -> pd.DataFrame:
    rows = [
        model(2020, "a", hardware_families="nvidia", countries="United States", domain="Language", language=True),
        model(2020, "b", hardware_families="nvidia", countries="United States", domain="Vision"),
        model(2020, "c", hardware_families="google_tpu", countries="United States", domain="Language,Vision"),
        model(2020, "d", hardware_families="nvidia;other", countries="China", domain="Games"),
        model(2021, "e", hardware_families="nvidia", countries="United States", parameters=5e9, language=True),
        model(2021, "f", hardware_families="nvidia", countries="United States", parameters=2e10, language=True),
        model(2021, "g", hardware_families="google_tpu", countries="China", parameters=3e10, language=True),
        model(2021, "h", hardware_families="google_tpu", countries="China", parameters=4e10, language=True),
        model(2022, "i", accessibility="Open weights (unrestricted)", base_model="Llama 2-7B"),
        model(2022, "j", accessibility="API access", base_model="Qwen2.5-72B"),
    ]
    frame = pd.DataFrame(rows)
    return frame.astype({"language": "boolean", "moe_flag": "boolean"})


@pytest.fixture
def areas() -> list:
    """The book's areas with a minimum n of 1, so the tiny frame is measurable."""
    return [dataclasses.replace(area, min_n=1) for area in atlas_areas()]


def groups(models: pd.DataFrame, areas: list, user: pd.DataFrame = NO_USER) -> list:
    return observation_groups(models, areas, seed_shares=NO_SEED, user=user)


def row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def test_areas_are_data_and_inform_framework_items():
    areas = atlas_areas()
    assert [area.area_id for area in areas][:3] == ["training_hardware", "release_mode", "base_family"]
    hardware = areas[0]
    assert hardware.options == ("nvidia", "google_tpu", "huawei_ascend", "other")
    assert (hardware.informs_kind, hardware.informs_id, hardware.scenario_field) == ("layer", "hardware", "countries")
    bad = load_table("atlas_areas").assign(informs_id="no_such_layer")
    with pytest.raises(CodingRuleError, match="no_such_layer"):
        atlas_areas(bad)


def test_shares_count_multi_valued_models_by_fraction(models, areas):
    shares = observations(models, areas, seed_shares=NO_SEED, user=NO_USER)
    hardware = shares[(shares["area_id"] == "training_hardware") & (shares["scenario"] == "all")]
    year = hardware[hardware["year"] == 2020].set_index("option_id")
    assert year["share"].to_dict() == {"nvidia": 0.625, "google_tpu": 0.25, "huawei_ascend": 0.0, "other": 0.125}
    assert set(year["n"]) == {4} and set(year["origin"]) == {"epoch"}
    domain = shares[(shares["area_id"] == "domain") & (shares["year"] == 2020)].set_index("option_id")["share"]
    assert domain.to_dict() == {"multimodal": 0.25, "language": 0.25, "vision": 0.25, "other": 0.25}
    scale = shares[(shares["area_id"] == "model_scale") & (shares["year"] == 2021)].set_index("option_id")["share"]
    assert scale.to_dict() == {"small": 0.25, "large": 0.75}
    release = shares[(shares["area_id"] == "release_mode")].set_index("option_id")["share"]
    assert release.to_dict() == {"open_weights": 0.5, "api_or_hosted": 0.5, "unreleased": 0.0}
    family = shares[(shares["area_id"] == "base_family")].set_index("option_id")["share"]
    assert family[["llama", "qwen", "other"]].tolist() == [0.5, 0.5, 0.0]


def developer_models() -> pd.DataFrame:
    """Large models of three organisations; Google's two units merge into their parent company."""
    rows = [
        model(2024, "p", lead_organization="Google DeepMind", training_compute_flop=6e24),
        model(2024, "q", lead_organization="Google Brain", training_compute_flop=2e24),
        model(2024, "r", lead_organization="OpenAI", training_compute_flop=1e23),
        model(2024, "s", lead_organization="Tiny Lab", training_compute_flop=1e23),
        model(2024, "t", lead_organization="Tiny Lab", training_compute_flop=1e22),  # below 1e23: not large
    ]
    return pd.DataFrame(rows).astype({"language": "boolean", "moe_flag": "boolean"})


def test_each_value_of_a_field_is_an_option_of_its_own():
    frame = developer_models()
    areas = {area.area_id: area for area in atlas_areas(models=frame)}
    assert areas["developer_models"].options == ("alphabet_google", "openai", "tiny_lab")
    assert [rule.name_en for rule in areas["developer_models"].rules] == ["Alphabet (Google)", "OpenAI", "Tiny Lab"]
    clash = frame.assign(lead_organization=["A-B", "A B", "OpenAI", "x", "y"])
    with pytest.raises(CodingRuleError, match="clashing option ids"):
        atlas_areas(models=clash)


def test_a_weighted_area_shares_compute_and_resamples_models_with_their_weights():
    frame = developer_models()
    chosen = [dataclasses.replace(area, min_n=1) for area in atlas_areas(models=frame)]
    found = groups(frame, [area for area in chosen if area.area_id.startswith("developer")])
    by_count, by_compute = (
        next(g for g in found if g.area_id == name) for name in ("developer_models", "developer_compute")
    )
    assert by_count.n == by_compute.n == 4
    assert by_count.shares.tolist() == [0.5, 0.25, 0.25]
    assert by_compute.shares == pytest.approx([8e24 / 8.2e24, 1e23 / 8.2e24, 1e23 / 8.2e24])
    assert by_count.effective_n == 4 and by_compute.effective_n == pytest.approx(8.2**2 / (36 + 4 + 0.01 + 0.01))
    assert "weighted by its training_compute_flop" in by_compute.method
    sample = draws(by_compute, 500, 3)
    assert sample is not None and np.allclose(sample.sum(axis=1), 1.0)
    # Redrawing models moves Google's compute share both ways; a draw of only the two small models gives it 0.
    assert ((sample >= 0) & (sample <= 1)).all() and sample[:, 0].std() > 0
    assert sample[:, 0].min() < by_compute.shares[0] < sample[:, 0].max() + 1e-12


def test_levels_measures_and_scenario_split_known_values(models, areas):
    levels = atlas_levels(groups(models, areas), RULES, resamples=200, seed=1)
    hardware = row(levels, area_id="training_hardware", scenario="all", year=2020)
    assert hardware["leader"] == "nvidia" and hardware["leader_share"] == pytest.approx(0.625)
    assert hardware["effective_options"] == pytest.approx(1 / 0.46875)
    assert hardware["degree"] == pytest.approx((4 * 0.46875 - 1) / 3)
    assert hardware["level"] == "L2" and not hardware["scenario_split"]
    # 2021: NVIDIA leads in the United States, TPUs in China: the leader differs by scenario (L0, tested first).
    split = row(levels, area_id="training_hardware", scenario="all", year=2021)
    assert split["scenario_split"] and split["level"] == "L0" and split["p_L0"] == 1.0
    assert row(levels, area_id="training_hardware", scenario="China", year=2021)["level"] == "L4"
    assert row(levels, area_id="model_scale", year=2021)["level"] == "L2"
    assert row(levels, area_id="release_mode", year=2022)["partial"]
    assert not hardware["partial"]


def test_a_coding_rule_change_changes_the_shares(models):
    options = load_table("atlas_options")
    changed = options.copy()
    changed.loc[(changed["area_id"] == "model_scale"), "value"] = "3.5e10"
    before = observations(models, atlas_areas(), seed_shares=NO_SEED, user=NO_USER)
    after = observations(models, atlas_areas(None, changed), seed_shares=NO_SEED, user=NO_USER)
    pick = (before["area_id"] == "model_scale") & (before["option_id"] == "small")
    assert before.loc[pick, "share"].tolist() == [0.25]
    assert after.loc[pick, "share"].tolist() == [0.75]
    other = ~(before["area_id"] == "model_scale")
    pd.testing.assert_frame_equal(before[other], after[other])


def test_bootstrap_is_identical_across_runs_and_intervals_hold_the_share(models, areas):
    first = atlas_levels(groups(models, areas), RULES, resamples=300)
    again = atlas_levels(groups(models, areas), RULES, resamples=300)
    pd.testing.assert_frame_equal(first, again)
    shares = atlas_shares(groups(models, areas), resamples=300)
    pd.testing.assert_frame_equal(shares, atlas_shares(groups(models, areas), resamples=300))
    assert ((shares["share_low"] <= shares["share"] + 1e-12) & (shares["share"] <= shares["share_high"] + 1e-12)).all()


def test_seed_shares_are_levels_without_a_bootstrap(areas, models):
    levels = atlas_levels(observation_groups(models, areas, user=NO_USER), RULES, resamples=100)
    seeds = levels[levels["origin"] == "seed"]
    assert set(seeds["area_id"]) == {"edge_vs_cloud", "code_vs_general"}
    assert seeds["level"].isin(LEVELS).all() and seeds["level_probability"].isna().all()
    assert seeds["leader_share_low"].isna().all()


def test_every_measured_area_year_has_one_level_and_probabilities_adding_to_one():
    levels = atlas_levels(resamples=200)
    keys = ["area_id", "scenario", "year", "origin", "source"]
    assert not levels.duplicated(keys).any()
    measured = levels[levels["measurable"] & (levels["origin"] == "epoch")]
    assert len(measured) > 50 and measured["level"].isin(LEVELS).all()
    total = measured[[f"p_{level}" for level in LEVELS]].sum(axis=1)
    assert np.allclose(total, 1.0)
    assert (measured["level_probability"] > 0).all()
    assert levels.loc[levels["year"] == levels["year"].max(), "partial"].all()


def test_sensitivity_counts_area_years_that_change_level(models, areas):
    user = pd.DataFrame(
        [
            ["moe_dense", "moe", "all", 2025, 0.15, 50, "Survey, version 1", "count"],
            ["moe_dense", "dense", "all", 2025, 0.85, 50, "Survey, version 1", "count"],
        ],
        columns=NO_USER.columns,
    )
    table = placement_sensitivity(groups(models.iloc[:0], areas, user), RULES).set_index("reading_id")
    assert (
        table.loc["winner_80", "changed"] == 1 and table.loc["winner_80", "changed_area_years"] == "moe_dense:2025:user"
    )
    assert table.loc["winner_95", "changed"] == 0 and table.loc["floor_10", "area_years"] == 1


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    """A copy of the data and settings, read by the loader instead of the checkout's."""
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("raw"))
    shutil.copy(ROOT / "book.yml", tmp_path / "book.yml")
    monkeypatch.setenv("SCALING_BOOK_ROOT", str(tmp_path))
    (tmp_path / "data" / "observations").mkdir(exist_ok=True)
    return tmp_path


def test_a_user_file_with_a_url_source_appears_in_the_atlas(checkout, models, areas):
    assert load_table("observations").empty  # an empty folder is fine
    shutil.copy(FIXTURE, checkout / "data" / "observations" / "survey.csv")
    assert len(load_table("observations")) == 2
    seen = observations(models, areas)
    user = seen[seen["origin"] == "user"].set_index("option_id")
    assert user["share"].to_dict() == {"moe": 0.6, "dense": 0.4}
    assert set(user["source"]) == {"https://example.org/survey (Example Lab, 2025-12-01)"}
    levels = atlas_levels(observation_groups(models, areas), RULES, resamples=200)
    mine = row(levels, origin="user")
    assert (mine["area_id"], mine["year"], mine["leader"], mine["n"], mine["level"]) == (
        "moe_dense",
        2025,
        "moe",
        20,
        "L2",
    )
    assert sum(mine[f"p_{level}"] for level in LEVELS) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("share", ["data/observations/bad.csv", "row 1 (line 2)", "column 'share'", "0.4 for 40%"]),
        ("delimiter", ["data/observations/bad.csv", "line 1", "semicolons"]),
        ("column", ["data/observations/bad.csv", "line 1", "column 'comment'", "unknown column"]),
        ("source", ["data/observations/bad.csv", "row 1 (line 2)", "column 'source'"]),
    ],
)
def test_a_bad_user_file_names_file_row_and_column(checkout, text, expected):
    good = FIXTURE.read_text(encoding="utf-8")
    header, first, second = good.splitlines()
    bad = {
        "share": good.replace(",0.6,", ",40%,"),
        "delimiter": good.replace(",", ";"),
        "column": "\n".join([header + ",comment", first + ",x", second + ",y"]) + "\n",
        "source": good.replace("https://example.org/survey (Example Lab, 2025-12-01)", "my notes"),
    }[text]
    (checkout / "data" / "observations" / "bad.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_table("observations")
    for part in expected:
        assert part in str(error.value)
