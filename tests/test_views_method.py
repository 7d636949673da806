"""The methods chapter's view: the phrases the data choose, on the seeds' data and on cases that flip them."""

from __future__ import annotations

import pandas as pd
import pytest

from scaling_book.views import method


@pytest.fixture(scope="module")
def results():
    return method.methods_chapter()


def test_bound_words(results):
    assert [results.shown(f"method.{key}.word") for key, _ in method.WORDED_BOUNDS] == [
        "at least",
        "more than",
        "below",
        "at most",
    ]
    assert method.bound_word(">") == "more than"
    with pytest.raises(ValueError, match="no words"):
        method.bound_word("==")


def test_coverage_note(results):
    assert results.shown("method.coverage_note") == "every share group the seeds give covers the whole market"
    assert method.coverage_note(pd.Series([1.0, 0.8, 0.9])) == (
        "the named options cover less than the whole market in 2 of the areas with shares"
    )


def test_fragile_from(results):
    assert results.shown("method.fragile_at").startswith("Code models vs general models")
    rows = pd.DataFrame({"area": ["a", "a", "b"], "share_sd": [0.1, 0.2, 0.2], "probability": [0.9, 0.5, 0.9]})
    assert method.fragile_from(rows, 0.8) == "a from σ = 20%"
    assert method.fragile_from(rows, 0.4) == "no area at any of the errors tried"


def test_the_chapter_shows_its_tables_and_charts(results):
    assert set(results.tables) == {
        "tbl-method-shares",
        "tbl-method-measures",
        "tbl-method-criteria",
        "tbl-method-l1-reading",
        "tbl-method-levels",
    }
    assert set(results.charts) == {"fig-method-curves", "fig-method-probabilities", "fig-method-sensitivity"}
    assert results.value("method.areas") == results.value("method.areas_with_shares") + results.value(
        "method.areas_without_shares"
    )


def test_the_zero_option_example(results):
    shown = [results.shown(f"method.zero_option.{key}") for key in ("split", "two", "three", "declared")]
    assert shown == ["60/40", "0.04", "0.28", "0.28"]
    assert results.shown("method.zero_option.declared_same") == "whether the third option is named or not"
    assert method.declared_same(0.28, 0.30) == "but 0.30 once the third option is named"
