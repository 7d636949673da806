"""Known values of the framework views: claims, fold reductions, quarters and statuses."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scaling_book.analysis import framework as fw
from scaling_book.analysis import timeline
from scaling_book.views.names import table_names
from scaling_book.views.text import counted, names_list


def test_player_reduction_known_values():
    players = fw.player_reduction()
    assert players == {
        "players_2023": 200.0,
        "players_2025": 15.0,
        "implied_multiple": pytest.approx(13.3333333),
        "claimed_multiple": 30.0,
    }


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        ("2026Q1", date(2026, 3, 31)),
        ("2026Q2", date(2026, 6, 30)),
        ("2026Q3", date(2026, 9, 30)),
        ("2027Q4", date(2027, 12, 31)),
    ],
)
def test_quarter_end(quarter, end):
    assert timeline.quarter_end(quarter) == end


@pytest.mark.parametrize(
    ("start", "end", "milestone", "as_of", "status"),
    [
        ("2025-01-01", "2025-06-30", False, date(2024, 12, 31), "not started"),
        ("2025-01-01", "2025-06-30", False, date(2025, 1, 1), "under way"),
        ("2025-01-01", "2025-06-30", False, date(2025, 6, 30), "under way"),
        ("2025-01-01", "2025-06-30", False, date(2025, 7, 1), "period ended"),
        (None, "2026-12-31", True, date(2026, 12, 31), "milestone ahead"),
        (None, "2026-12-31", True, date(2027, 1, 1), "milestone passed"),
    ],
)
def test_task_status_boundaries(start, end, milestone, as_of, status):
    assert timeline.task_status(start, end, milestone, as_of) == status


def test_timeline_status_depends_on_the_as_of_date_only():
    early = timeline.timeline_with_status(date(2023, 6, 1))
    late = timeline.timeline_with_status(date(2028, 1, 1))
    assert set(early.loc[~early.milestone, "status_on_as_of"]) == {"not started", "under way"}
    assert set(late.loc[~late.milestone, "status_on_as_of"]) == {"period ended"}
    assert set(late.loc[late.milestone, "status_on_as_of"]) == {"milestone passed"}


def test_predictions_due_dates():
    predictions = timeline.predictions_with_status(date(2026, 11, 22)).set_index("prediction_id")
    assert predictions.loc["mcp_standard", "due_date"] == date(2026, 6, 30)
    assert predictions["due_passed"].to_dict() == {
        "mcp_standard": True,
        "test_time_scaling": False,
        "self_improvement_incident": False,
        "market_three_to_five": False,
    }


def test_levels_with_areas_orders_levels_and_counts_areas():
    levels = fw.levels_with_areas()
    assert list(levels.level_id) == ["L4", "L3", "L2", "L1", "L0"]
    assert levels.set_index("level_id")["area_count"].to_dict() == {"L4": 3, "L3": 3, "L2": 2, "L1": 2, "L0": 2}


def test_counted_agrees_with_the_number():
    assert counted(1, "entry is", "entries are") == "1 entry is"
    assert counted(3, "entry is", "entries are") == "3 entries are"
    assert counted(0, "entry is", "entries are") == "0 entries are"


def test_names_list_and_table_names():
    assert names_list(["a"]) == "a"
    assert names_list(["a", "b"]) == "a and b"
    assert names_list(["a", "b", "c"], "or") == "a, b or c"
    with pytest.raises(ValueError):
        names_list([])
    assert table_names(["caict_layers", "timeline_tasks", "caict_layers"]) == "the five-layer table and the timeline"
    assert "caict_layers" not in table_names(["caict_layers", "sections"])
    with pytest.raises(KeyError):
        table_names(["no_such_table"])


def test_quotes_come_from_the_data():
    assert fw.quote("idc_converged") == "NLP 大模型底层技术能力已趋于收敛"
    with pytest.raises(KeyError):
        fw.quote("no_such_quote")


def test_done_but_running_and_layer_counts():
    tasks = timeline.timeline_with_status(date(2026, 11, 22))
    running = timeline.done_but_running(tasks, date(2026, 11, 22))
    assert set(running.seed_status) == {"done"} and (running.end.dt.date > date(2026, 11, 22)).all()
    assert timeline.done_but_running(tasks, date(2040, 1, 1)).empty
    spans = pd.DataFrame({"tasks": [2, 3, 1], "ended": [2, 0, 0]})
    assert timeline.fully_and_never_finished(spans) == (1, 2)


def test_assessment_summary_reads_well_for_any_count():
    import pandas as pd

    from scaling_book.views.levels import assessment_summary

    def frame(bases, verdicts):
        return pd.DataFrame({"basis": bases, "claimed_level_verdict": verdicts})

    none = assessment_summary(frame(["none", "none"], ["consistent", "consistent"]))
    assert none == (
        "none of its areas has the adoption shares the degree needs, and for none do the seed's own "
        "criteria contradict the level it assigns"
    )
    assert assessment_summary(frame(["adoption shares"] * 2, ["inconsistent"] * 2)).startswith("every one")
    mixed = assessment_summary(frame(["adoption shares", "none", "none"], ["inconsistent", "consistent", "consistent"]))
    assert mixed.startswith("1 of its areas has") and "for 1 area the seed's" in mixed
    assert " 0 " not in none
