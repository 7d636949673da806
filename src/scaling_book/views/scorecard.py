"""The prediction scorecard as the reader sees it: status words, the outcome and its source, the comparator."""

from __future__ import annotations

from datetime import date

import pandas as pd

from scaling_book.analysis import scorecard
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import percent

STATUS_WORDS = {
    "resolved_yes": "resolved yes",
    "resolved_no": "resolved no",
    "partly": "partly",
    "ambiguous": "ambiguous",
    "pending": "pending",
}
KIND_WORDS = {"prediction": "Prediction", "task": "Timeline task"}


def status_word(status: str, outcome_origin: str) -> str:
    """The status as the table shows it; an item due without a recorded outcome says so."""
    if status == "ambiguous" and outcome_origin == "none":
        return "ambiguous (due, no recorded outcome)"
    return STATUS_WORDS[status]


def prediction_states(on: date) -> pd.DataFrame:
    """The overview's predictions on ``on``, in their order, with the status the reader sees (column ``state``)."""
    scores = scorecard.prediction_scores(on).sort_values("order")
    return scores.assign(state=[status_word(s, o) for s, o in zip(scores.status, scores.outcome_origin)])


def recorded_phrase(states: pd.DataFrame) -> str:
    """How many of these predictions have a recorded outcome, and which: 'none has a recorded outcome'."""
    recorded = states[states.outcome_origin != "none"]
    if recorded.empty:
        return "none has a recorded outcome"
    which = "; ".join(f"{row.statement_en}: {row.state}" for row in recorded.itertuples())
    if len(recorded) == len(states):
        subject = "it has" if len(states) == 1 else f"all {len(states)} have"
    else:
        subject = f"{len(recorded)} of the {len(states)} " + ("has" if len(recorded) == 1 else "have")
    return f"{subject} a recorded outcome ({which})"


def outcome_text(row: pd.Series) -> str:
    """The evidence for the outcome: the source's paraphrase, or the atlas's measured share."""
    if row.outcome_origin == "source":
        return f"{row.evidence_en} ({row.publisher}, {row.source_date}: {row.source_url})"
    if row.outcome_origin == "measure":
        return (
            f"Measured: {percent(row.measured_share)} of {row.measured_n} models in {row.measured_year} "
            f"({row.measured_source}, atlas)"
        )
    return ""


def comparator_text(row: pd.Series) -> str:
    """The straight line through the measured shares, read at the due date ('' without a measure)."""
    if pd.isna(row.comparator_share):
        return ""
    return (
        f"{percent(row.comparator_share)} (straight line through {int(row.comparator_from)}–"
        f"{int(row.measured_year)}, read at {row.due_date.isoformat()})"
    )


def tally_counts(results: ChapterResults, prefix: str, counts: dict[str, int]) -> None:
    """One glued count per status, e.g. ``longterm.tally.partly`` -> '2 items partly'."""
    for status, number in counts.items():
        word = STATUS_WORDS[status]
        results.count(f"{prefix}.{status}", number, f"item {word}", f"items {word}")


def resolution(results: ChapterResults, on: date) -> None:
    """The scorecard of every prediction and task on ``on`` (table ``tbl-longterm-resolution``) and its tally."""
    scores = scorecard.scorecard_on(on)
    results.number("longterm.items", len(scores), "count")
    results.number("longterm.items_due", int(scores.due_passed.sum()), "count")
    tally_counts(results, "longterm.tally", scorecard.tally(scores))
    frame = pd.DataFrame(
        {
            "Item": [KIND_WORDS[kind] for kind in scores.item_kind],
            "Statement": scores.statement_en,
            "Due": scores.due_date.astype(str),
            "Criterion": scores.criterion_en,
            "Status on the as-of date": [
                status_word(status, origin) for status, origin in zip(scores.status, scores.outcome_origin)
            ],
            "Outcome and source": [outcome_text(row) for _, row in scores.iterrows()],
            "Straight-line comparator": [comparator_text(row) for _, row in scores.iterrows()],
        }
    )
    results.table(
        "tbl-longterm-resolution",
        frame,
        caption="Every dated prediction and timeline task with its resolution criterion (written before the "
        "outcome was looked up), its status on the as-of date and the outcome's source.",
        source="seed 002, section 七; data/framework/predictions.csv, timeline_tasks.csv; "
        "data/editorial/prediction_criteria.csv, prediction_outcomes.csv; atlas (Epoch AI Notable AI Models); "
        f"as of {on.isoformat()}",
    )
