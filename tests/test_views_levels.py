"""The level chapters' view: the phrases the data choose, on the seeds' data and on cases that flip them."""

from __future__ import annotations

import pandas as pd
import pytest

from scaling_book.views import level_chapters as views
from scaling_book.views import levels_l0


@pytest.fixture(scope="module")
def chapters() -> dict[str, object]:
    return {level: views.level_chapter(level) for level in ("L4", "L2", "L1", "L0")}


def test_single_option_levels(chapters):
    assert chapters["L4"].shown("l4.single_option_levels") == "L4 and L3"
    assert chapters["L4"].shown("l4.single_option_areas") == "3 areas have"
    frame = pd.DataFrame({"level_id": ["L2", "L0", "L1"], "options": [1, 1, 2]})
    assert views.single_option_levels(frame) == "L2 and L0"


def test_l2_areas_fit_their_option_count(chapters):
    assert chapters["L2"].shown("l2.count_verdict") == "fit"
    assert chapters["L2"].value("l2.areas_meeting_count") == 2
    assert views.areas_meeting_count(pd.Series([2, 3]), "==", 2) == 1
    assert views.fit_word(1, 2) == "do not all fit"
    assert views.fit_word(2, 2) == "fit"


def test_l1_areas_against_their_own_definition(chapters):
    assert chapters["L1"].shown("l1.count_verdict") == "fail their own definition"
    assert chapters["L1"].value("l1.areas_meeting_count") == 0
    assert views.areas_meeting_count(pd.Series([4, 5, 3]), ">", 3) == 2
    assert views.definition_verdict(2, 2) == "meet their own definition"


def test_small_formats(chapters):
    assert chapters["L2"].shown("l2.long_context_tokens") == "128K"
    assert views.thousands_text(32_000) == "32K"
    assert chapters["L1"].shown("l1.tts_due") == "2026 Q4"
    assert views.quarter_text("2027Q1") == "2027 Q1"


def test_l0_shared_products(chapters):
    assert chapters["L0"].shown("l0.shared_products") == "Claude 3.5 and GPT-4"
    assert levels_l0.shared_products(["a", "b"], ["c"]) == "no product"


def test_l0_leaders_against_the_ceiling(chapters):
    assert chapters["L0"].shown("l0.leaders_above_ceiling") == "among them the leader of every area"
    assert levels_l0.leaders_against_ceiling(pd.Series([0.6, 0.25]), 0.3) == "though not the leader of every area"


def test_l0_majority_picture(chapters):
    assert chapters["L0"].shown("l0.majority_picture").startswith("each of its examples has a clear majority option")
    assert levels_l0.majority_picture(pd.Series([0.8, 0.5])) == "not every example has a majority option"


def test_every_level_chapter_has_its_card_and_assessment(chapters):
    for level, results in chapters.items():
        key = level.lower()
        assert {f"tbl-{key}-card", f"tbl-{key}-assessment"} <= set(results.tables)
    assert "fig-l0-level-probabilities" in chapters["L0"].charts
    with pytest.raises(ValueError, match="unknown level"):
        views.level_chapter("L9")
