"""The "What the evidence says" sections of the level and layer chapters: phrases and tables on the real data."""

from __future__ import annotations

import dataclasses
import math

import pytest

from scaling_book.views import measured
from scaling_book.views.measured_phrases import (
    layer_sentence,
    leader_cell,
    lower_first,
    measured_level_cell,
    seeds_agreement,
    trend_phrase,
    unmeasured_areas_sentence,
)
from scaling_book.views.results import ChapterResults


@pytest.fixture(scope="module")
def evidence() -> measured.Evidence:
    return measured.book_evidence()


def test_l2_phrase_and_table_on_the_real_data(evidence):
    results = ChapterResults()
    measured.level_evidence(results, "L2", evidence)
    text = results.value("l2.evidence")
    assert text.startswith(
        "Measured on Epoch AI's data, mixture-of-experts vs dense large language models (a close fit for "
        "mixture-of-experts vs dense models) sits at L2 in 2025 (probability 100%), where the seeds place the "
        "area at L2 too; the dense share falls "
    )
    assert text.endswith("No evidence area of the atlas measures long context vs retrieval (RAG).")
    table = measured.measured_table(measured.measured_frame("L2", evidence))
    assert table.to_dict("records") == [
        {
            "Seeds' area": "Mixture-of-experts vs dense models",
            "Evidence area": "Mixture-of-experts vs dense large language models",
            "Fit": "close",
            "Latest full year": "2025",
            "Measured level (probability)": "L2 (100%)",
            "Leader share (interval)": "Dense 57% (51%–74%)",
            "Seeds' level": "L2",
        }
    ]
    assert "tbl-l2-measured" in results.tables


def test_l4_has_no_evidence_and_no_table(evidence):
    results = ChapterResults()
    measured.level_evidence(results, "L4", evidence)
    assert results.value("l4.evidence") == (
        "No evidence area of the atlas measures any of the 3 L4 areas "
        "(attention mechanism, pre-train / fine-tune paradigm and AdamW optimiser)."
    )
    assert measured.measured_frame("L4", evidence).empty
    assert "tbl-l4-measured" not in results.tables


def test_a_different_measured_level_flips_the_l2_phrase(evidence):
    levels = evidence.levels.copy()
    latest = (levels["area_id"] == "moe_dense") & (levels["year"] == 2025) & (levels["scenario"] == "all")
    levels.loc[latest, "level"] = "L3"
    text = measured.level_evidence_text(
        "L2", measured.measured_frame("L2", dataclasses.replace(evidence, levels=levels))
    )
    assert "sits at L3 in 2025 (probability 100%), while the seeds place the area at L2;" in text


def test_layer_verdict_beside_the_seeds_status(evidence):
    assert measured.layer_evidence_text("hardware", evidence) == (
        "Measured on Epoch AI's data, the atlas finds the hardware layer stable, on the evidence of training "
        "hardware family (a close fit), where the seeds call it reverse divergence (反向分化)."
    )
    assert measured.layer_evidence_text("mathematics", evidence) == (
        "No evidence area of the atlas informs the mathematics layer, so it has no measured verdict; "
        "the seeds call it quasi-converged (准收敛)."
    )


def test_seeds_agreement_flips():
    assert seeds_agreement("L2", "L2") == "where the seeds place the area at L2 too"
    assert seeds_agreement("L3", "L0") == "while the seeds place the area at L0"


def test_trend_phrase():
    assert trend_phrase("Dense", -0.121, -0.157, -0.061, 2018, 0.95) == (
        "the dense share falls 12.1 percentage points a year from 2018 (95% interval −15.7 to −6.1)"
    )
    assert trend_phrase(None, 0.02, 0.01, 0.03, 2018, 0.95).startswith("the leading option's share rises 2.0")
    assert trend_phrase("Dense", math.nan, math.nan, math.nan, 2018, 0.95) == (
        "too few measured full years from 2018 for a trend"
    )


def test_unmeasured_areas_sentence():
    assert unmeasured_areas_sentence("L2", [], 2) == "Every L2 area is measured by an evidence area."
    assert unmeasured_areas_sentence("L2", ["Long context vs retrieval (RAG)"], 2) == (
        "No evidence area of the atlas measures long context vs retrieval (RAG)."
    )
    assert unmeasured_areas_sentence("L1", ["Reasoning mechanism", "Multimodal fusion"], 2) == (
        "No evidence area of the atlas measures any of the 2 L1 areas (reasoning mechanism and multimodal fusion)."
    )


def test_layer_sentence_cases():
    fit = [("Training hardware family", "close")]
    assert "finds the hardware layer diverging," in layer_sentence("the hardware layer", "diverging", fit, "x")
    assert "is not measurable yet" in layer_sentence("the hardware layer", "not measurable", fit, "x")
    assert layer_sentence("the hardware layer", "not measurable", [], "x").startswith("No evidence area")


def test_cells_and_names():
    assert measured_level_cell("L2", 0.8765) == "L2 (88%)"
    assert leader_cell("Dense", 0.571, 0.514, 0.743) == "Dense 57% (51%–74%)"
    assert lower_first("Mixture-of-experts vs dense") == "mixture-of-experts vs dense"
    assert lower_first("RLHF alignment") == "RLHF alignment"
    assert lower_first("AdamW optimiser") == "AdamW optimiser"
