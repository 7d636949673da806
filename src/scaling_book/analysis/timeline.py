"""The timeline: task statuses and prediction due dates judged against the as-of date (never the clock)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from scaling_book.inputs.load import load_table


def quarter_end(quarter: str) -> date:
    """'2026Q2' -> 2026-06-30, the last day of the quarter."""
    year, number = int(quarter[:4]), int(quarter[-1])
    month = 3 * number
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()


def task_status(start: object, end: object, milestone: bool, as_of: date) -> str:
    """Status of a timeline task on ``as_of``, from its dates alone: a past end date says the period ended, not the outcome."""
    end_day = pd.Timestamp(end).date()
    if milestone:
        return "milestone passed" if end_day < as_of else "milestone ahead"
    start_day = pd.Timestamp(start).date()
    if as_of < start_day:
        return "not started"
    return "period ended" if end_day < as_of else "under way"


def timeline_with_status(as_of: date) -> pd.DataFrame:
    """Timeline tasks with their layer names and their status on ``as_of``."""
    tasks = load_table("timeline_tasks")
    layers = load_table("convergence_layers")[["layer_id", "order", "name_en", "name_zh"]].rename(
        columns={"order": "layer_order", "name_en": "layer_en", "name_zh": "layer_zh"}
    )
    merged = tasks.merge(layers, on="layer_id", how="left", validate="many_to_one")
    merged["status_on_as_of"] = [
        task_status(row.start, row.end, bool(row.milestone), as_of) for row in merged.itertuples()
    ]
    merged["start"] = merged["start"].fillna(merged["end"])  # a milestone is drawn at its single date
    merged["as_of"] = as_of.isoformat()  # drawn as the dashed rule of the Gantt charts
    return merged.sort_values(["layer_order", "order"]).reset_index(drop=True)


def predictions_with_status(as_of: date) -> pd.DataFrame:
    """Predictions with their due date and whether it has passed on ``as_of``."""
    predictions = load_table("predictions").sort_values("order").reset_index(drop=True)
    predictions["due_date"] = [quarter_end(quarter) for quarter in predictions["due_quarter"]]
    predictions["due_passed"] = [due < as_of for due in predictions["due_date"]]
    return predictions


def period_of(doc_id: str) -> tuple[date, date]:
    """First and last day of the years named in a sub-document's title, e.g. '2025-2026 预测'."""
    documents = load_table("sub_documents").set_index("doc_id")
    years = [int(year) for year in re.findall(r"(?<!\d)(\d{4})(?!\d)", documents.loc[doc_id, "title_zh"])]
    if not years:
        raise ValueError(f"the title of {doc_id} names no year")
    return date(min(years), 1, 1), date(max(years), 12, 31)


def tasks_in_period(start: date, end: date, as_of: date) -> pd.DataFrame:
    """Tasks whose bar overlaps the period (milestones whose date falls in it), with their status."""
    tasks = timeline_with_status(as_of)
    overlaps = (tasks.start.dt.date <= end) & (tasks.end.dt.date >= start)
    return tasks[overlaps].reset_index(drop=True)


def predictions_in_period(start: date, end: date, as_of: date) -> pd.DataFrame:
    """Predictions falling due within the period."""
    predictions = predictions_with_status(as_of)
    due = predictions.due_date.map(lambda day: start <= day <= end)
    return predictions[due].reset_index(drop=True)


def layer_spans(as_of: date) -> pd.DataFrame:
    """For each layer: its tasks' first start and last end, and how many have ended (period or milestone) on ``as_of``."""
    tasks = timeline_with_status(as_of)
    spans = tasks.groupby(["layer_order", "layer_id", "layer_en", "layer_zh"], as_index=False).agg(
        first_start=("start", "min"),
        last_end=("end", "max"),
        tasks=("task_id", "size"),
        ended=("status_on_as_of", lambda statuses: int(statuses.isin(["period ended", "milestone passed"]).sum())),
    )
    return spans.sort_values("layer_order").reset_index(drop=True)


def done_but_running(tasks: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Tasks the seed marks done whose bar still runs after ``as_of``."""
    return tasks[(tasks.seed_status == "done") & (tasks.end.dt.date > as_of)]


def fully_and_never_finished(spans: pd.DataFrame) -> tuple[int, int]:
    """How many layers of :func:`layer_spans` have every task's period ended, and how many none."""
    return int((spans.ended == spans.tasks).sum()), int((spans.ended == 0).sum())
