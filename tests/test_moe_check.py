"""The MoE keyword heuristic against hand labels: known counts on synthetic labels, and the real sample."""

from __future__ import annotations


import pandas as pd
import pytest

from scaling_book.analysis.moe_check import moe_check
from scaling_book.inputs.load import load_table
from scaling_book.inputs.paths import project_root

SHARED = project_root().parent / "shared" / "data"
RAW_FLAG = "MoE (from parameter notes)"


def synthetic() -> tuple[pd.DataFrame, pd.DataFrame]:
    """3 true positives, 1 false positive, 2 false negatives, 4 true negatives, 1 undisclosed, 1 unmatched."""
    rows = [("tp1", "moe", True), ("tp2", "moe", True), ("tp3", "moe", True), ("fp1", "dense", True),
            ("fn1", "moe", False), ("fn2", "moe", False), ("tn1", "dense", False), ("tn2", "dense", False),
            ("tn3", "dense", False), ("tn4", "dense", False), ("und", "undisclosed", True)]
    labels = pd.DataFrame({"model": [name for name, _, _ in rows] + ["lost"],
                           "publication_date": ["2024-01-02"] * (len(rows) + 1),
                           "label": [label for _, label, _ in rows] + ["moe"]})
    flags = pd.DataFrame({"model": [f" {name} " for name, _, _ in rows],  # white space as in Epoch's names
                          "publication_date": pd.to_datetime(["2024-01-02"] * len(rows)),
                          "moe_flag": [flag for _, _, flag in rows]})
    return labels, flags


def test_synthetic_counts_precision_recall() -> None:
    labels, flags = synthetic()
    check = moe_check(labels, flags)
    assert (check.true_positives, check.false_positives, check.false_negatives, check.true_negatives) == (3, 1, 2, 4)
    assert check.labelled == 10
    assert check.precision == pytest.approx(3 / 4)
    assert check.recall == pytest.approx(3 / 5)
    assert check.false_positive_models == ("fp1",)
    assert check.false_negative_models == ("fn1", "fn2")
    assert check.misclassified == ("fp1", "fn1", "fn2")
    assert check.unmatched == ("lost",)


def test_no_flagged_model_has_no_precision() -> None:
    labels, flags = synthetic()
    check = moe_check(labels, flags.assign(moe_flag=False))
    assert check.precision is None
    assert check.recall == 0.0


def test_a_flag_differing_only_by_date_does_not_match() -> None:
    labels, flags = synthetic()
    check = moe_check(labels, flags.assign(publication_date=pd.to_datetime("2024-01-03")))
    assert check.labelled == 0 and len(check.unmatched) == 11


def raw_flags() -> pd.DataFrame:
    """The heuristic's flag per model from the two raw Epoch files, combined by period (to 2024 / from 2025)."""
    march = SHARED / "epoch" / "notable_ai_models.csv"
    april = SHARED / "epoch-2026-04" / "notable_ai_models_2025-01-01_on.csv"
    if not (march.exists() and april.exists()):
        pytest.skip("the raw Epoch files in ../shared/data are not here")
    frames = []
    for path, first, last in ((march, "0000", "2024-12-31"), (april, "2025-01-01", "9999")):
        raw = pd.read_csv(path, usecols=["Model", "Publication date", RAW_FLAG]).dropna(subset=["Publication date"])
        frames.append(raw[raw["Publication date"].between(first, last)])
    return pd.concat(frames, ignore_index=True)


def test_real_labels_counts_add_up() -> None:
    labels = load_table("moe_labels")
    check = moe_check(labels, raw_flags(), flag=RAW_FLAG, model="Model", date="Publication date")
    assert check.unmatched == ()
    assert check.labelled == int(labels["label"].isin(("moe", "dense")).sum())
