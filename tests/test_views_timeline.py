"""The timeline chapters' phrases: known values from the data, and synthetic cases that flip them."""

from __future__ import annotations

from scaling_book.views import timeline as views
from scaling_book.views.text import days


def test_names_or_none():
    assert views.names_or_none(["CUDA ecosystem moat (CUDA生态壁垒)"]) == "CUDA ecosystem moat (CUDA生态壁垒)"
    assert views.names_or_none(["a", "b"]) == "a and b"
    assert views.names_or_none([]) == "none"


def test_prediction_label_cuts_long_statements_only():
    assert views.prediction_label("2026Q2", "x" * 40) == "2026Q2 · " + "x" * 40
    assert views.prediction_label("2026Q2", "x" * 41) == "2026Q2 · " + "x" * 40 + "…"


def test_days():
    assert (days(185), days(1), days(1234)) == ("185 days", "1 day", "1,234 days")


def test_forecast_2025_2026_known_phrases():
    results = views.forecast_2025_2026_chapter()
    assert results.shown("forecast1.done_but_running") == "1 entry is marked done although its bar runs"
    assert results.shown("forecast1.done_but_running_names") == "CUDA ecosystem moat (CUDA生态壁垒)"
    assert results.shown("forecast1.mcp_gap_days") == "185 days"
    assert set(results.tables) == {"tbl-forecast1-tasks", "tbl-forecast1-predictions"}


def test_forecast_2026_2027_and_long_term_results():
    assert set(views.forecast_2026_2027_chapter().charts) == {"fig-forecast2-timeline"}
    results = views.long_term_chapter()
    assert (results.shown("longterm.due"), results.shown("longterm.not_yet_due")) == ("1 is due", "3 are not yet due")
    assert results.shown("longterm.recorded") == (
        "1 of the 4 has a recorded outcome (The Model Context Protocol (MCP) becomes the de facto standard for "
        "agents and ends the protocol war: partly)"
    )
    assert set(results.charts) == {"fig-longterm-spans", "fig-longterm-scorecard"}
