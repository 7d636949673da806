"""The layer chapters' phrases: known values from the data, and synthetic cases that flip them."""

from __future__ import annotations

from datetime import date

import pytest

from scaling_book.views import layers


def test_quarter_label():
    prediction = layers.layer_predictions("capability", date(2026, 11, 22)).iloc[0]
    assert layers.quarter_label(prediction.due_quarter) == "2026 Q4"
    assert layers.quarter_label("2031Q1") == "2031 Q1"


def test_seed_status_label():
    assert layers.seed_status_label("done", False, False) == "done"
    assert layers.seed_status_label("active", False, True) == "active, critical"
    assert layers.seed_status_label("active", True, False) == "milestone"


def test_task_table_of_the_hardware_layer():
    table = layers.task_table(layers.layer_tasks("hardware", date(2026, 11, 22)))
    assert len(table) == 2 and set(table["Seed's status"]) <= {"done", "done, critical", "active", "active, critical"}


@pytest.mark.parametrize("layer", ["mathematics", "architecture", "capability", "application", "hardware"])
def test_each_layer_chapter_has_its_profile_tasks_and_chart(layer):
    results = getattr(layers, f"{layer}_chapter")()
    assert {f"tbl-{layer}-profile", f"tbl-{layer}-tasks"} <= set(results.tables)
    assert list(results.charts) == [f"fig-{layer}-timeline"]
    assert results.shown(f"{layer}.tasks").isdigit()


def test_layer_chapters_known_phrases():
    assert layers.hardware_chapter().shown("hardware.case_names") == (
        "GPU vs TPU, CUDA vs TPU and domestic (Chinese) compute (国产算力)")
    assert layers.application_chapter().shown("application.due_passed") == (
        "1 application prediction has passed its due date")
    assert layers.capability_chapter().shown("capability.prediction_due") == "2026 Q4"
