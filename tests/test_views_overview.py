"""The preface's and the overview's phrases: known values from the data, and synthetic cases that flip them."""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.views.overview import coverage_label, overview_chapter, preface_chapter, star_pattern, yes_no


def test_coverage_label_says_whether_a_seed_holds_the_full_text():
    documents = load_table("sub_documents")
    labels = [coverage_label(seed) for seed in documents.full_text_seed]
    assert labels.count("full text (seed)") == int(documents.full_text_seed.notna().sum()) == 2
    assert coverage_label("000_63e4bc02e6cbc53d.txt") == "full text (seed)"
    assert coverage_label(float("nan")) == coverage_label(None) == "reconstructed from the overview"


def test_star_pattern_of_the_five_layer_table_and_an_uneven_one():
    stars = load_table("caict_layers").sort_values("order").predictability_stars
    assert star_pattern(stars) == "falls by exactly one star per layer down the table"
    assert star_pattern(pd.Series([5, 4, 4, 2])) == "does not fall evenly down the table"


def test_yes_no():
    assert (yes_no(True), yes_no(False)) == ("yes", "no")


def test_preface_results():
    results = preface_chapter()
    assert (results.shown("preface.sub_documents"), results.shown("preface.full_seeds")) == ("17", "2")
    assert list(results.tables) == ["tbl-preface-documents"]


def test_overview_results_glue_the_data_dependent_phrases():
    results = overview_chapter()
    assert results.shown("overview.caict.star_pattern") == "falls by exactly one star per layer down the table"
    assert results.shown("overview.caict.converged_layers") == "1 of them is"
    assert results.tables["tbl-predictions"].frame.iloc[:, 3].to_list() == ["yes", "no", "no", "no"]
    assert set(results.charts) == {"fig-players", "fig-levels", "fig-caict", "fig-timeline"}
