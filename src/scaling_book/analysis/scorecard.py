"""The prediction scorecard: each dated prediction and timeline task, its criterion, status and outcome on the as-of date.

The status rule: an item with a recorded outcome (a row of data/editorial/prediction_outcomes.csv, or a
measure of the atlas once the item is due) has that outcome; otherwise it is "pending" while its due date
has not passed and "ambiguous" (due, no recorded outcome) once it has. No source, never "resolved".
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from scaling_book.analysis.atlas import atlas_shares
from scaling_book.analysis.timeline import quarter_end
from scaling_book.inputs.load import load_table

# The order of the tally; "pending" is never recorded, only derived from the dates.
ITEM_STATUSES = ("resolved_yes", "resolved_no", "partly", "ambiguous", "pending")
ATLAS_SCENARIO = "all"  # a measure reads the atlas's unsplit shares


def item_status(due: date, as_of: date, outcome: str | None) -> str:
    """The recorded outcome if there is one; otherwise pending before the due date and ambiguous after it."""
    if outcome:
        return outcome
    return "ambiguous" if due < as_of else "pending"


def measured_status(share: float, threshold: float, partly_threshold: float | None) -> str:
    """Yes at or above the threshold, partly at or above the partly threshold, no below."""
    if share >= threshold:
        return "resolved_yes"
    if partly_threshold is not None and share >= partly_threshold:
        return "partly"
    return "resolved_no"


def decimal_year(day: date) -> float:
    """The day as a fraction of its year, e.g. 2026-06-30 -> about 2026.5."""
    start, end = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    return day.year + (day - start).days / (end - start).days


def straight_line(years: pd.Series, values: pd.Series, at: float) -> float:
    """The least-squares straight line through (year, value), read at ``at`` (years are taken at mid-year)."""
    slope, intercept = np.polyfit(years.astype(float) + 0.5, values.astype(float), 1)
    return float(slope * at + intercept)


def measurable_series(shares: pd.DataFrame, area_id: str, option_id: str, min_n: int) -> pd.DataFrame:
    """The option's yearly share in full years with at least ``min_n`` models behind them."""
    rows = shares[
        (shares.area_id == area_id)
        & (shares.option_id == option_id)
        & (shares.scenario == ATLAS_SCENARIO)
        & ~shares.partial.astype(bool)
        & (shares.n >= min_n)
    ]
    return rows.sort_values("year").reset_index(drop=True)


def measure_reading(series: pd.DataFrame, due: date) -> dict[str, object]:
    """The share on the due year (or the last measurable year before it), and the straight line read at the due date."""
    known = series[series.year <= due.year]
    if known.empty:
        return {}
    last = known.iloc[-1]
    reading: dict[str, object] = {
        "measured_year": int(last.year),
        "measured_share": float(last.share),
        "measured_n": int(last.n),
        "measured_source": str(last.source),
    }
    if len(known) >= 2:
        # A share lies in [0, 1]; the straight line is clipped there, not bent.
        line = straight_line(known.year, known.share, decimal_year(due))
        reading["comparator_share"] = min(1.0, max(0.0, line))
        reading["comparator_from"] = int(known.year.iloc[0])
    return reading


def scorecard_items() -> pd.DataFrame:
    """Every dated prediction and timeline task with its statement and due date (a task is due at its end)."""
    predictions = load_table("predictions").sort_values("order")
    tasks = load_table("timeline_tasks").sort_values("order")
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "item_kind": "prediction",
                    "item_id": predictions.prediction_id,
                    "statement_en": predictions.statement_en,
                    "statement_zh": predictions.statement_zh,
                    "due_date": [quarter_end(quarter) for quarter in predictions.due_quarter],
                }
            ),
            pd.DataFrame(
                {
                    "item_kind": "task",
                    "item_id": tasks.task_id,
                    "statement_en": tasks.name_en,
                    "statement_zh": tasks.name_zh,
                    "due_date": [pd.Timestamp(end).date() for end in tasks.end],
                }
            ),
        ],
        ignore_index=True,
    )


def resolve(
    items: pd.DataFrame,
    criteria: pd.DataFrame,
    outcomes: pd.DataFrame,
    shares: pd.DataFrame,
    min_n: dict[str, int],
    as_of: date,
) -> pd.DataFrame:
    """Items with criterion, measure reading, comparator, recorded or measured outcome, and status on ``as_of``."""
    key = ["item_kind", "item_id"]
    merged = items.merge(criteria.drop(columns="basis", errors="ignore"), on=key, how="left", validate="one_to_one")
    recorded = outcomes.drop(columns="basis", errors="ignore").rename(columns={"status": "recorded_status"})
    merged = merged.merge(recorded, on=key, how="left", validate="one_to_one")
    readings: list[dict[str, object]] = []
    for row in merged.itertuples():
        measure = row.measure if isinstance(row.measure, str) else "none"
        if measure == "none":
            readings.append({})
            continue
        _, area_id, option_id, _ = measure.split(":")
        readings.append(measure_reading(measurable_series(shares, area_id, option_id, min_n[area_id]), row.due_date))
    merged = pd.concat([merged, pd.DataFrame(readings, index=merged.index)], axis=1)
    for column in ("measured_year", "measured_share", "measured_n", "measured_source", "comparator_share"):
        if column not in merged:
            merged[column] = None
    statuses, origins = [], []
    for row in merged.itertuples():
        outcome, origin = (row.recorded_status, "source") if isinstance(row.recorded_status, str) else (None, "none")
        due = row.due_date < as_of
        if outcome is None and due and pd.notna(row.measured_share) and pd.notna(row.threshold):
            partly = None if pd.isna(row.partly_threshold) else float(row.partly_threshold)
            outcome, origin = measured_status(float(row.measured_share), float(row.threshold), partly), "measure"
        statuses.append(item_status(row.due_date, as_of, outcome))
        origins.append(origin)
    merged["status"] = statuses
    merged["outcome_origin"] = origins  # source (a recorded row), measure (the atlas), or none
    merged["due_passed"] = [due < as_of for due in merged.due_date]
    return merged


def scorecard_on(as_of: date, kinds: tuple[str, ...] = ("prediction", "task")) -> pd.DataFrame:
    """The scorecard of the book's data on ``as_of``, for the items of ``kinds`` (the atlas only if one needs it)."""
    items = scorecard_items()
    items = items[items.item_kind.isin(kinds)].reset_index(drop=True)
    criteria = load_table("prediction_criteria")
    measured = criteria[criteria.item_kind.isin(kinds) & (criteria.measure != "none")]
    areas = load_table("atlas_areas")
    return resolve(
        items,
        criteria,
        load_table("prediction_outcomes"),
        atlas_shares() if len(measured) else pd.DataFrame(),
        dict(zip(areas.area_id, areas.min_n.astype(int))),
        as_of,
    )


def prediction_scores(as_of: date) -> pd.DataFrame:
    """The overview's dated predictions on ``as_of``, by prediction id: due quarter and date, status and outcome.

    The one place a prediction's outcome is decided; every chapter that states one reads it here.
    """
    predictions = load_table("predictions").set_index("prediction_id")
    scores = scorecard_on(as_of, ("prediction",)).set_index("item_id")
    scores.index.name = "prediction_id"
    return scores.join(predictions[["order", "due_quarter", "layer_id", "source"]])


def tally(scores: pd.DataFrame) -> dict[str, int]:
    """How many items have each status, in the order of :data:`ITEM_STATUSES`."""
    return {status: int((scores.status == status).sum()) for status in ITEM_STATUSES}
