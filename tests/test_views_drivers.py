"""The technical, market and standards chapters: the arrows of their group, the players' counts, the standard tasks."""

from __future__ import annotations

import pytest

from scaling_book.views import drivers
from scaling_book.views.text import bilingual_unless_same


def test_bilingual_unless_same_drops_the_repeat():
    assert bilingual_unless_same("Scaling laws", "Scaling Law") == "Scaling laws (Scaling Law)"
    assert bilingual_unless_same("GPU vs TPU vs NPU", "GPU vs TPU vs NPU") == "GPU vs TPU vs NPU"


def test_layers_phrase_agrees_with_the_number_of_layers():
    assert drivers.layers_phrase(["capability"]) == "capability layer"
    assert drivers.layers_phrase(["capability", "application"]) == "capability and application layers"


def test_arrows_section_names_its_group():
    results = drivers.technical_chapter()
    assert results.value("technical.arrows") == 2 and results.value("technical.all_arrows") == 8
    assert results.tables["tbl-technical-drivers"].caption == "The technical drivers in the overview's diagram."
    assert "fig-drivers" in results.charts
    assert results.shown("technical.quote.idc") == "NLP 大模型底层技术能力已趋于收敛"
    with pytest.raises(KeyError):
        drivers.group_table("no_such_group")


def test_the_drivers_diagram_is_drawn_once_with_a_panel_per_group():
    chapters = [drivers.technical_chapter(), drivers.market_chapter(), drivers.standards_chapter()]
    assert [sorted(label for label in results.charts if "driver" in label) for results in chapters] == [
        ["fig-drivers"],
        [],
        [],
    ]
    frame = chapters[0].charts["fig-drivers"].chart.data
    assert len(frame) == 8 and frame["group"].nunique() == 4


def test_market_chapter_numbers():
    results = drivers.market_chapter()
    assert results.value("market.players_2023") == 200 and results.value("market.players_2025") == 15
    assert results.shown("market.claimed_multiple") == "30×" and results.shown("market.implied_multiple") == "13.3×"
    assert (results.value("market.forecast_low"), results.value("market.forecast_high")) == (3, 5)
    assert results.shown("market.further_reduction_low") == "3.0×"
    assert results.shown("market.year_forecast") == "2027"


def test_standards_chapter_finds_the_standard_tasks_and_their_layers():
    results = drivers.standards_chapter()
    tasks = results.tables["tbl-standards-tasks"].frame
    assert results.value("standards.tasks") == len(tasks) > 0
    assert tasks["中文"].str.contains(drivers.STANDARD_WORDS).all()
    layers = tasks.Layer.str.removesuffix(" layer").str.lower().unique().tolist()
    assert results.shown("standards.task_layers") == drivers.layers_phrase(layers)
