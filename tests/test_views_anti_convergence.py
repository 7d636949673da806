"""The anti-convergence chapter: the counts and phrases its view computes, with the cases that flip them."""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.views import anti_convergence as anti


def test_missing_in_overview_phrase_agrees_with_its_counts():
    assert anti.missing_in_overview([], []) == "every force is drawn as a cause"
    assert anti.missing_in_overview(["a (甲)"], []) == "a (甲) is not drawn as a cause"
    assert anti.missing_in_overview(["a (甲)", "b (乙)"], ["b"]) == (
        "a (甲) and b (乙) are not drawn as causes; b appears there only as an effect"
    )
    assert anti.missing_in_overview(["a (甲)", "b (乙)"], ["a", "b"]).endswith(
        "; a and b appear there only as an effect"
    )


def test_the_overview_draws_two_of_the_four_forces():
    results = anti.anti_chapter()
    assert results.value("anti.forces") == 4 and results.value("anti.forces_in_overview") == 2
    assert results.shown("anti.missing_in_overview") == (
        "scenario split (场景撕裂) and vertical optimisation (垂直优化) are not drawn as causes; "
        "vertical optimisation appears there only as an effect"
    )
    assert results.shown("anti.forces_without_contrast") == "vertical optimisation (垂直优化)"
    assert results.value("anti.references") == 11 and results.value("anti.conclusions") == 4
    assert len(results.tables) == 6 and len(results.charts) == 2


def test_drawn_as_causes_matches_the_start_of_a_cause():
    forces = pd.DataFrame({"name_zh": ["硬件差异", "场景撕裂"]})
    arrows = pd.DataFrame({"cause_zh": ["硬件差异（GPU/TPU）"]})
    assert anti.drawn_as_causes(forces, arrows) == ["硬件差异"]
    assert anti.drawn_as_causes(forces, arrows.assign(cause_zh=["其他"])) == []


def test_template_mechanisms_count_only_the_force_s_own_name():
    forces = load_table("forces")
    assert anti.template_mechanisms(forces) == 4
    forces.loc[0, "mechanism_zh"] = "别的原因导致架构分化"
    assert anti.template_mechanisms(forces) == 3


def test_chain_tails_and_endings():
    chains = load_table("force_chains")
    assert anti.chain_tails(chains).nunique() == 2
    matrix = anti.force_chain_matrix()
    assert anti.chains_ending_in(matrix, anti.REVERSE_DIVERGENCE) == 4
    assert anti.chains_ending_in(matrix, "架构分化") == 0
    toy = pd.DataFrame({"force_id": ["a", "a", "b", "b"], "step": [2, 1, 1, 2], "node_zh": ["y", "x", "z", "y"]})
    assert anti.chain_tails(toy).to_dict() == {"a": "y", "b": "y"}


def test_is_pair_needs_the_spaced_vs():
    cases = pd.Series(["GPU vs TPU", "国产算力", "versus"])
    assert anti.is_pair(cases).to_list() == [True, False, False]
    assert int(anti.is_pair(load_table("force_cases").case_zh).sum()) == 8
