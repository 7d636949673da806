"""The prediction scorecard: status rule, period-ended wording, the straight-line comparator, and the tally."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scaling_book.analysis import scorecard, timeline
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import prediction_states, recorded_phrase, status_word, tally_counts

AS_OF = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("due", "outcome", "status"),
    [
        (date(2026, 11, 23), None, "pending"),
        (date(2026, 11, 22), None, "pending"),  # due on the as-of date itself: not yet passed
        (date(2026, 11, 21), None, "ambiguous"),
        (date(2026, 11, 21), "resolved_no", "resolved_no"),
        (date(2027, 6, 30), "partly", "partly"),  # an outcome recorded early still counts
    ],
)
def test_item_status_rule(due, outcome, status):
    assert scorecard.item_status(due, AS_OF, outcome) == status


def test_due_without_an_outcome_reads_as_such():
    assert status_word("ambiguous", "none") == "ambiguous (due, no recorded outcome)"
    assert status_word("ambiguous", "source") == "ambiguous"
    assert status_word("resolved_yes", "source") == "resolved yes"


def test_a_past_end_date_reads_period_ended_never_finished():
    assert timeline.task_status("2024-01-01", "2024-12-31", False, AS_OF) == "period ended"
    statuses = set(timeline.timeline_with_status(date(2030, 1, 1)).status_on_as_of)
    assert "finished" not in statuses and "period ended" in statuses


def test_straight_line_comparator_on_a_known_line():
    years = pd.Series([2020, 2021, 2022])
    values = 0.1 * (years + 0.5 - 2020)  # 0.05, 0.15, 0.25 at mid-year
    assert scorecard.straight_line(years, values, 2024.0) == pytest.approx(0.4)
    assert scorecard.decimal_year(date(2026, 1, 1)) == 2026.0


def test_measured_status_thresholds():
    assert scorecard.measured_status(0.5, 0.5, 0.25) == "resolved_yes"
    assert scorecard.measured_status(0.43, 0.5, 0.25) == "partly"
    assert scorecard.measured_status(0.2, 0.5, 0.25) == "resolved_no"
    assert scorecard.measured_status(0.43, 0.5, None) == "resolved_no"


def _synthetic(outcomes: pd.DataFrame) -> pd.DataFrame:
    items = pd.DataFrame(
        {
            "item_kind": ["prediction", "task", "task"],
            "item_id": ["p", "t_due", "t_measured"],
            "statement_en": ["P", "T", "M"],
            "statement_zh": ["P", "T", "M"],
            "due_date": [date(2027, 1, 1), date(2025, 6, 30), date(2026, 6, 30)],
        }
    )
    criteria = pd.DataFrame(
        {
            "item_kind": items.item_kind,
            "item_id": items.item_id,
            "criterion_en": ["c"] * 3,
            "measure": ["none", "none", "atlas:area:opt:share"],
            "threshold": [None, None, 0.5],
            "partly_threshold": [None, None, 0.25],
        }
    )
    shares = pd.DataFrame(
        {
            "area_id": "area",
            "scenario": "all",
            "option_id": "opt",
            "year": [2023, 2024, 2025, 2026],
            "share": [0.1, 0.2, 0.3, 0.9],
            "n": [20, 20, 20, 3],
            "partial": [False, False, False, True],
            "source": "Epoch test",
        }
    )
    return scorecard.resolve(items, criteria, outcomes, shares, {"area": 10}, AS_OF)


def test_measure_comparator_and_tally_follow_the_data():
    empty = pd.DataFrame(columns=["item_kind", "item_id", "status", "evidence_en", "source_url", "publisher"])
    scores = _synthetic(empty).set_index("item_id")
    measured = scores.loc["t_measured"]
    assert measured.measured_year == 2025 and measured.status == "partly" and measured.outcome_origin == "measure"
    assert measured.comparator_share == pytest.approx(0.1 + 0.1 * (scorecard.decimal_year(date(2026, 6, 30)) - 2023.5))
    assert scores.loc["t_due", "status"] == "ambiguous" and scores.loc["p", "status"] == "pending"
    before = scorecard.tally(scores)
    assert before == {"resolved_yes": 0, "resolved_no": 0, "partly": 1, "ambiguous": 1, "pending": 1}
    recorded = pd.DataFrame(
        {
            "item_kind": ["task"],
            "item_id": ["t_due"],
            "status": ["resolved_no"],
            "evidence_en": ["e"],
            "source_url": ["https://example.org"],
            "publisher": ["x"],
        }
    )
    after = scorecard.tally(_synthetic(recorded))
    assert after["resolved_no"] == 1 and after["ambiguous"] == 0


def test_book_data_every_due_item_is_resolved_or_ambiguous():
    scores = scorecard.scorecard_on(AS_OF)
    assert set(scores[scores.due_passed].status) <= {"resolved_yes", "resolved_no", "partly", "ambiguous"}
    assert (scores[~scores.due_passed & (scores.outcome_origin == "none")].status == "pending").all()
    assert scores.criterion_en.notna().all()  # a criterion for every item, written before its outcome
    resolved = scores[scores.status.isin(["resolved_yes", "resolved_no", "partly"])]
    assert (resolved.outcome_origin != "none").all()  # never resolved without a source or a measure
    assert sum(scorecard.tally(scores).values()) == len(scores)
    results = ChapterResults()
    tally_counts(results, "t", scorecard.tally(scores))
    assert {number.key for number in results.glued} == {f"t.{status}" for status in scorecard.ITEM_STATUSES}


def test_the_predictions_status_is_the_scorecards_in_every_view():
    states = prediction_states(AS_OF)
    full = scorecard.scorecard_on(AS_OF)
    predictions = full[full.item_kind == "prediction"].set_index("item_id")
    assert states.status.to_dict() == predictions.status.to_dict()
    assert list(states.index) == sorted(states.index, key=lambda item: int(states.loc[item, "order"]))
    assert states.loc["mcp_standard", "state"] == "partly"  # prediction_outcomes.csv, with its source


def test_recorded_phrase_counts_and_names_the_recorded_outcomes():
    def states(*origins: str) -> pd.DataFrame:
        return pd.DataFrame(
            {"statement_en": [f"P{i}" for i in range(len(origins))], "state": "partly", "outcome_origin": origins}
        )

    assert recorded_phrase(states("none", "none")) == "none has a recorded outcome"
    assert recorded_phrase(states("source")) == "it has a recorded outcome (P0: partly)"
    assert recorded_phrase(states("source", "measure")) == "all 2 have a recorded outcome (P0: partly; P1: partly)"
    assert recorded_phrase(states("none", "source", "none")) == "1 of the 3 has a recorded outcome (P1: partly)"
