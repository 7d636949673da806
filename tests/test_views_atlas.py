"""The atlas chapter's view (views/atlas.py), its phrases and tables, on synthetic atlas frames and the real areas."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scaling_book.analysis.atlas_trends import AREA_VERDICTS, VERDICT_CODES
from scaling_book.analysis.placement import LEVELS, PlacementRules, place
from scaling_book.views import atlas_phrases as phrases
from scaling_book.views.atlas import AtlasInputs, atlas_chapter
from scaling_book.views.atlas_tables import level_bands, trajectory_frame
from scaling_book.views.evidence_releases import releases_source

ROOT = Path(__file__).resolve().parents[1]
YEARS = range(2015, 2027)
CHAPTER = ROOT / "chapters" / "evidence" / "atlas.md"


def real_areas() -> pd.DataFrame:
    from scaling_book.analysis import atlas

    return pd.DataFrame([dataclasses.asdict(area) for area in atlas.atlas_areas()])


def synthetic_inputs(years: range = YEARS, partial: int = 2026, seed: int = 3) -> AtlasInputs:
    """Shares and levels with the contract's columns for the real areas; the last area has too few models."""
    areas = real_areas()
    rng = np.random.default_rng(seed)
    level_rows, share_rows = [], []
    for index, area in enumerate(areas.itertuples()):
        n = 3 if index == len(areas) - 1 else 60
        for year in years:
            split = rng.dirichlet(np.ones(len(area.options)) * (1 + year - 2014))
            measured = n >= area.min_n
            for option, share in zip(area.options, split, strict=True):
                share_rows.append(
                    {
                        "area_id": area.area_id,
                        "scenario": "all",
                        "year": year,
                        "option_id": option,
                        "share": share,
                        "n": n,
                        "partial": year == partial,
                    }
                )
            level_rows.append(
                {
                    "area_id": area.area_id,
                    "scenario": "all",
                    "year": year,
                    "n": n,
                    "measurable": measured,
                    "leader": area.options[int(split.argmax())],
                    "leader_share": split.max(),
                    "leader_share_low": split.max() * 0.9,
                    "leader_share_high": min(split.max() * 1.1, 1.0),
                    "effective_options": 1 / (split**2).sum(),
                    "level": place(split) if measured else None,
                    "level_probability": 0.75 if measured else np.nan,
                    "partial": year == partial,
                }
            )
    return AtlasInputs(areas, pd.DataFrame(share_rows), pd.DataFrame(level_rows), PlacementRules())


@pytest.fixture(scope="module")
def results():
    return atlas_chapter(synthetic_inputs())


def test_every_key_the_chapter_uses_is_computed(results):
    text = CHAPTER.read_text()
    used = set(re.findall(r"\{glue\}`([^`]+)`", text)) | set(re.findall(r"glue:figure\}\s+(\S+)", text))
    used |= set(re.findall(r'show\(results, "([^"]+)"\)', text))
    assert used and used <= results.keys(), sorted(used - results.keys())


def test_registry_keys_cover_every_measured_area_year_and_layer(results):
    inputs = synthetic_inputs()
    measured = inputs.levels[inputs.levels["measurable"]]
    for row in measured.itertuples():
        key = f"atlas.{row.area_id}.{row.year}"
        assert results.value(f"{key}.leader_share") == pytest.approx(row.leader_share)
        assert results.shown(f"{key}.level") == row.level
        assert results.value(f"{key}.level") == 4 - LEVELS.index(row.level)
    assert not any(key.startswith(f"atlas.{inputs.areas['area_id'].iloc[-1]}.") for key in results.keys())
    for layer in ("mathematics", "architecture", "capability", "application", "hardware"):
        word = results.shown(f"atlas.layer.{layer}.verdict")
        assert (
            word in (*AREA_VERDICTS, "mixed") and results.value(f"atlas.layer.{layer}.verdict") == VERDICT_CODES[word]
        )


def test_tables_show_every_area_and_the_partial_year(results):
    levels = results.tables["tbl-atlas-levels"].frame
    assert list(levels.columns) == ["Evidence area", *map(str, range(2020, 2026)), "2026 (partial)"]
    assert levels.iloc[-1, 1] == "n = 3"
    verdicts = results.tables["tbl-atlas-verdicts"].frame
    assert verdicts["Item"].str.startswith("Layer: ").sum() == 5
    assert verdicts["Item"].str.startswith("Force: ").sum() == 4
    assert "hardware_known" not in results.blocks["atlas-cannot-measure"]


def test_the_answer_counts_every_layer():
    counts = {"converging": 0, "stable": 1, "diverging": 1, "mixed": 0, "not measurable": 3}
    assert (
        phrases.verdict_answer(counts)
        == "of the 5 convergence layers, 1 diverges, 1 is stable and 3 are not measurable"
    )
    assert phrases.verdict_answer({"not measurable": 5}) == "none of the 5 convergence layers is measurable"
    assert phrases.verdict_answer({"converging": 2}, "forces") == "of the 2 forces, 2 converge"


def test_the_books_data_give_the_answer_and_every_layer_a_verdict():
    results = atlas_chapter()
    assert results.shown("atlas.answer") == "of the 5 convergence layers, 2 are stable and 3 are not measurable"
    assert results.shown("atlas.layer.hardware.verdict") == "stable"
    assert results.shown("atlas.layer.mathematics.verdict") == "not measurable"


def test_the_source_names_each_release_and_its_period():
    releases = pd.DataFrame(
        {
            "release": ["2025-03", "2026-04"],
            "title": "Notable AI Models",
            "url": "https://epoch.ai/data/notable-ai-models",
            "licence": "CC BY 4.0",
            "status": ["read", "read"],
            "snapshot_date": pd.to_datetime(["2025-03-16", "2026-04-24"]),
            "period_from": pd.to_datetime([None, None]),
            "period_to": pd.to_datetime(["2024-12-31", None]),
            "covers_from": pd.to_datetime([None, "2025-01-01"]),
        }
    )
    assert releases_source(releases, "x.csv") == (
        "Epoch AI, Notable AI Models, https://epoch.ai/data/notable-ai-models (releases 2025-03 and 2026-04; "
        "CC BY 4.0); processed in x.csv"
    )
    assert "release 2026-04" not in releases_source(releases.iloc[:1], "x.csv")
    assert "no release supplied" in releases_source(releases.assign(status="absent"), "x.csv")


def test_cells_and_sentences():
    assert (
        phrases.points_phrase(0.01) == "1 percentage point" and phrases.points_phrase(0.025) == "2.5 percentage points"
    )
    assert phrases.level_cell("L2", 0.873, 40, True) == "L2 · 87%"
    assert phrases.level_cell(None, np.nan, 4, False) == "n = 4"
    assert phrases.slope_cell(0.034, 0.012, 0.056, points=True) == "+3.4 pts (+1.2 to +5.6)"
    assert phrases.slope_cell(-0.12, -0.2, -0.05, points=False) == "−0.12 (−0.20 to −0.05)"
    assert phrases.slope_cell(np.nan, np.nan, np.nan, points=False) == "—"
    assert phrases.years_cell(7, 2018, 2024) == "7 (2018–2024)" and phrases.years_cell(0, np.nan, np.nan) == "0"
    assert phrases.seeds_status("反向分化", "reverse divergence") == "reverse divergence (反向分化)"
    assert phrases.unmeasured_sentence("the", []) == ""
    assert phrases.unmeasured_sentence("the", ["a", "b"]) == "No evidence area informs the a and b."
    assert (
        phrases.few_years_sentence(["X"], 4, 2018)
        == "X has fewer than 4 measured full years from 2018, so no trend is fitted."
    )
    trends = pd.DataFrame({"area_id": ["a", "a", "b", "b"], "verdict": ["stable", "stable", "stable", "converging"]})
    assert phrases.start_year_sensitivity(trends, {"a": "A", "b": "B"}) == (
        "the verdict of 1 of 2 areas changes with the start year (B)"
    )
    assert (
        phrases.start_year_sensitivity(trends.iloc[:2], {"a": "A"}) == "no area's verdict changes with the start year"
    )


def test_the_bands_partition_the_leader_share_and_repeat_in_every_panel():
    bands = level_bands(PlacementRules())
    assert list(bands["band_low"]) == [0.95, 0.9, 0.5, 0.0] and list(bands["band_high"]) == [1.0, 0.95, 0.9, 0.5]
    inputs = synthetic_inputs(years=range(2020, 2023), partial=2022)
    frame = trajectory_frame(inputs.levels, inputs.areas, inputs.rules, 2021)
    assert (frame[frame["kind"] == "band"].groupby("area").size() == 4).all()
    assert set(frame.loc[frame["kind"] == "share", "status"]) == {"measured", "partial year", "too few models"}
    assert list(dict.fromkeys(frame["area"])) == list(inputs.areas["name_en"])
    assert frame["year"].min() == 2021


def test_the_sensitivity_sentence_names_the_reading_that_moves_most():
    from scaling_book.analysis.atlas import placement_sensitivity

    assert phrases.sensitivity_sentence(placement_sensitivity()) == (
        "the reading “L1 ceiling 60%” moves the most area-years: 22 of the 89 measured change level"
    )
    rows = pd.DataFrame({"name_en": ["A", "B", "C"], "changed": [3, 3, 1], "area_years": [10, 10, 10]})
    assert phrases.sensitivity_sentence(rows) == (
        "the readings “A” or “B” each move the most area-years: 3 of the 10 measured change level"
    )
    assert phrases.sensitivity_sentence(rows.assign(changed=0)) == (
        "no alternative reading changes the level of any of the 10 measured area-years"
    )


def test_the_moe_check_on_the_labels_and_cases_that_flip_it(results):
    assert results.shown("atlas.moe.labelled") == "42 hand-labelled models"
    assert (results.shown("atlas.moe.precision"), results.shown("atlas.moe.recall")) == ("100%", "68%")
    assert results.shown("atlas.moe.check") == (
        "the flag never marks a dense model as MoE (none of the 8 dense models), and misses 11 of the 34 MoE "
        "models, so the measured MoE share is a lower bound"
    )
    assert phrases.moe_check_sentence(2, 8, 0, 34) == (
        "the flag sometimes marks a dense model as MoE (2 of the 8 dense models), and misses 0 of the 34 MoE "
        "models, so the measured MoE share is an upper bound"
    )
    assert phrases.moe_check_sentence(2, 8, 1, 34).endswith("errs both ways and is no bound")
    assert phrases.moe_check_sentence(0, 8, 0, 34).endswith("matches the labels")


def test_the_misclassified_table_names_the_label_and_its_publisher():
    from scaling_book.views.atlas_tables import misclassified_table

    labels = pd.DataFrame({"model": ["A ", "B"], "label": ["moe", "dense"], "publisher": ["X (blog)", "Y (paper)"]})
    table = misclassified_table(labels, ("B", "A"), ("B",))
    assert table.values.tolist() == [["B", "dense", "MoE", "Y (paper)"], ["A", "MoE", "dense", "X (blog)"]]


def test_the_market_phrase_gives_both_slopes_with_their_intervals_or_says_why_not():
    trend = {
        "verdict": "diverging",
        "first_year": 2022,
        "last_year": 2025,
        "leader_slope": -0.128,
        "leader_slope_low": -0.192,
        "leader_slope_high": -0.049,
        "effective_slope": 2.9,
        "effective_slope_low": 1.13,
        "effective_slope_high": 3.22,
    }
    assert phrases.market_phrase(trend) == (
        "diverging: the largest developer's share falls 12.8 points a year over 2022–2025 (−19.2 to −4.9), "
        "while the effective number of developers rises 2.90 a year (+1.13 to +3.22)"
    )
    assert phrases.market_phrase(trend | {"leader_slope": float("nan")}).startswith("not measurable")


def test_the_market_areas_name_every_parent_company_and_glue_a_trend_each():
    results = atlas_chapter()
    developers = results.value("atlas.market.developers")
    areas = real_areas().set_index("area_id")
    assert developers == len(areas.loc["developer_models", "options"]) == len(areas.loc["developer_compute", "options"])
    assert developers > 10 and areas.loc["developer_compute", "weight_field"] == "training_compute_flop"
    for area_id in ("developer_models", "developer_compute"):
        assert str(results.value(f"atlas.market.{area_id}")).split(":")[0] in {"converging", "stable", "diverging"}
