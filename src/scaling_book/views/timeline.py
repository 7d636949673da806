"""Views for the timeline chapters (Part V): the overview's Gantt chart cut by period, and the scorecard."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.analysis import timeline
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.layers import task_table
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import prediction_states, recorded_phrase, resolution
from scaling_book.views.text import bilingual, days, names_list

SOURCE = "seed 002 (section overview), section 七 (timeline)"
LABEL_LENGTH = 40  # characters of a prediction's statement kept in the scorecard chart's labels


def names_or_none(names: list[str]) -> str:
    """'a, b and c', or 'none' when there is no name."""
    return names_list(names) if names else "none"


def prediction_label(quarter: str, statement: str, length: int = LABEL_LENGTH) -> str:
    """'2026Q2 · MCP becomes …': the due quarter and the statement, cut after ``length`` characters."""
    return f"{quarter} · {statement[:length]}…" if len(statement) > length else f"{quarter} · {statement}"


def period_task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The period's timeline entries for display, with the layer of each."""
    return task_table(tasks).assign(Layer=tasks.layer_en.to_list())


def period_predictions_table(scores: pd.DataFrame) -> pd.DataFrame:
    """The period's predictions for display, with their state on the as-of date."""
    return scores.reset_index()[["due_quarter", "statement_en", "statement_zh", "state"]].rename(
        columns={
            "due_quarter": "Due",
            "statement_en": "Prediction",
            "statement_zh": "中文",
            "state": "State on the as-of date",
        }
    )


def _period_exhibits(
    results: ChapterResults, key: str, tasks: pd.DataFrame, period: tuple[str, str], scores: pd.DataFrame, on: str
) -> None:
    """The tasks table, the Gantt chart cut to the period and the predictions table of a forecast chapter."""
    results.table(
        f"tbl-{key}-tasks",
        period_task_table(tasks),
        caption="Timeline entries that overlap the period, with the seed's status and the status on the as-of date.",
        source=f"{SOURCE}; data/framework/timeline_tasks.csv",
    )
    results.chart(
        f"fig-{key}-timeline",
        charts.timeline_gantt(tasks, period),
        source=f"{SOURCE}; data/framework/timeline_tasks.csv; as of {on}",
    )
    results.table(
        f"tbl-{key}-predictions",
        period_predictions_table(scores),
        caption="The overview's predictions that fall due in the period.",
        source=f"{SOURCE}; data/framework/predictions.csv",
    )


def forecast_2025_2026_chapter() -> ChapterResults:
    """The first period (chapters/timeline/forecast_2025_2026.md): its tasks, predictions and contradictions."""
    results, on = ChapterResults(), as_of()
    start, end = timeline.period_of("03.4.1")
    results.text("forecast1.start", start.isoformat())
    results.text("forecast1.end", end.isoformat())
    results.text("forecast1.as_of", on.isoformat())
    all_tasks = timeline.timeline_with_status(on)
    results.number("forecast1.chart_first_year", all_tasks.start.min().year, "year")
    results.number("forecast1.chart_last_year", all_tasks.end.max().year, "year")
    results.number("forecast1.all_predictions", len(timeline.predictions_with_status(on)), "count")
    tasks = timeline.tasks_in_period(start, end, on)
    results.count("forecast1.tasks", len(tasks), "of the chart's entries touches", "of the chart's entries touch")
    results.number("forecast1.layers", tasks.layer_id.nunique(), "count")
    running = timeline.done_but_running(tasks, on)
    results.count(
        "forecast1.done_but_running",
        len(running),
        "entry is marked done although its bar runs",
        "entries are marked done although their bars run",
    )
    results.text(
        "forecast1.done_but_running_names",
        names_or_none([f"{en} ({zh})" for en, zh in zip(running.name_en, running.name_zh)]),
    )
    results.count("forecast1.under_way", int((tasks.status_on_as_of == "under way").sum()), "of them is", "of them are")
    predictions = timeline.predictions_in_period(start, end, on)
    scores = prediction_states(on).loc[predictions.prediction_id]
    results.text("forecast1.recorded", recorded_phrase(scores))
    results.count(
        "forecast1.predictions",
        len(predictions),
        "of the overview's predictions falls",
        "of the overview's predictions fall",
    )
    results.count("forecast1.predictions_due", int(predictions.due_passed.sum()), "of them has", "of them have")
    mcp_task_end = tasks.set_index("task_id").loc["mcp_standardisation", "end"].date()
    mcp_due = predictions.set_index("prediction_id").loc["mcp_standard", "due_date"]
    results.text("forecast1.mcp_due", mcp_due.isoformat())
    results.text("forecast1.mcp_task_end", mcp_task_end.isoformat())
    gap = (mcp_task_end - mcp_due).days
    results.number("forecast1.mcp_gap_days", gap, "days", text=days(gap))
    _period_exhibits(results, "forecast1", tasks, (start.isoformat(), end.isoformat()), scores, on.isoformat())
    shown = results.shown
    add_brief(
        results,
        [
            f"{shown('forecast1.tasks')} this period, across {shown('forecast1.layers')} layers; on the as-of date "
            f"{shown('forecast1.under_way')} under way by their dates.",
            f"{shown('forecast1.done_but_running')} past the as-of date.",
            f"{shown('forecast1.predictions')} due in the period, and on the as-of date "
            f"{shown('forecast1.predictions_due')} passed the due date; {shown('forecast1.recorded')}.",
        ],
    )
    return results


def forecast_2026_2027_chapter() -> ChapterResults:
    """The second period (chapters/timeline/forecast_2026_2027.md): its tasks, predictions and contradictions."""
    results, on = ChapterResults(), as_of()
    start, end = timeline.period_of("03.4.2")
    results.text("forecast2.start", start.isoformat())
    results.text("forecast2.end", end.isoformat())
    predictions = timeline.predictions_in_period(start, end, on)
    results.number("forecast2.predictions_here", len(predictions), "count")
    results.number("forecast2.predictions_all", len(timeline.predictions_with_status(on)), "count")
    tasks = timeline.tasks_in_period(start, end, on)
    results.count("forecast2.tasks", len(tasks), "entry reaches", "entries reach")
    for key, claim_id in [("milestone", "market.gantt_three_to_five"), ("providers", "market.providers_2027")]:
        stated = fw.claim(claim_id)
        results.number(f"forecast2.{key}_low", stated["value"], "count")
        results.number(f"forecast2.{key}_high", stated["value_high"], "count")
    results.number("forecast2.milestones", int(tasks.milestone.sum()), "count")
    results.number("forecast2.critical", int(tasks.critical.sum()), "count")
    scores = prediction_states(on).loc[predictions.prediction_id]
    results.count("forecast2.predictions", len(predictions), "prediction falls", "predictions fall")
    milestone = tasks.set_index("task_id").loc["market_three_to_five", "end"].date()
    market_due = predictions.set_index("prediction_id").loc["market_three_to_five", "due_date"]
    gap = (market_due - milestone).days
    results.text("forecast2.milestone_date", milestone.isoformat())
    results.text("forecast2.market_due", market_due.isoformat())
    results.number("forecast2.market_gap_days", gap, "days", text=days(gap))
    _period_exhibits(results, "forecast2", tasks, (start.isoformat(), end.isoformat()), scores, on.isoformat())
    shown = results.shown
    add_brief(
        results,
        [
            f"{shown('forecast2.tasks')} into this period, {shown('forecast2.milestones')} of them milestones and "
            f"{shown('forecast2.critical')} marked critical.",
            f"{shown('forecast2.predictions')} due in this period.",
            f"The milestone of a market of {shown('forecast2.milestone_low')} to {shown('forecast2.milestone_high')} "
            f"players sits on {shown('forecast2.milestone_date')}, while the prediction of "
            f"{shown('forecast2.providers_low')} to {shown('forecast2.providers_high')} foundation-model providers "
            f"is due on {shown('forecast2.market_due')}, {shown('forecast2.market_gap_days')} later.",
        ],
    )
    return results


def long_term_chapter() -> ChapterResults:
    """Long-term trends (chapters/timeline/long_term.md): each layer's span on the timeline, and the scorecard."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 五, 七 and 八"
    results.text("longterm.as_of", on.isoformat())
    spans = timeline.layer_spans(on)
    caict = load_table("caict_layers").set_index("layer_id")
    mapping = load_table("convergence_layers").set_index("layer_id")["caict_layer_id"]
    spans["layer"] = [bilingual(en, zh) for en, zh in zip(spans.layer_en, spans.layer_zh)]
    spans["outlook"] = [
        bilingual(caict.loc[mapping[layer], "improvement_en"], caict.loc[mapping[layer], "improvement_zh"])
        for layer in spans.layer_id
    ]
    spans["as_of"] = on.isoformat()
    results.number("longterm.layers", len(spans), "count")
    all_finished, none_finished = timeline.fully_and_never_finished(spans)
    results.count("longterm.layers_all_finished", all_finished, "layer has", "layers have")
    results.count("longterm.layers_none_finished", none_finished, "layer has", "layers have")
    frame = spans.assign(
        first_start=spans.first_start.dt.date.astype(str), last_end=spans.last_end.dt.date.astype(str)
    )[["layer", "first_start", "last_end", "tasks", "ended", "outlook"]].rename(
        columns={
            "layer": "Layer",
            "first_start": "First start",
            "last_end": "Last end",
            "tasks": "Entries",
            "ended": "Periods ended on the as-of date",
            "outlook": "Room for improvement (five-layer table)",
        }
    )
    results.table(
        "tbl-longterm-spans",
        frame,
        caption="The span of each layer's entries on the timeline, and the five-layer table's outlook for "
        "the matching layer (this book's pairing).",
        source=f"{source}; data/framework/timeline_tasks.csv, caict_layers.csv, convergence_layers.csv",
    )
    results.chart(
        "fig-longterm-spans",
        charts.layer_span_bars(spans),
        source=f"{source}; data/framework/timeline_tasks.csv, caict_layers.csv; as of {on.isoformat()}",
    )
    scores = prediction_states(on)
    scores["label"] = [
        prediction_label(quarter, statement) for quarter, statement in zip(scores.due_quarter, scores.statement_en)
    ]
    scores["as_of"] = on.isoformat()
    due = scores[scores.due_passed]
    results.number("longterm.predictions", len(scores), "count")
    results.count("longterm.due", len(due), "is due", "are due")
    results.count("longterm.not_yet_due", len(scores) - len(due), "is not yet due", "are not yet due")
    results.text("longterm.recorded", recorded_phrase(scores))
    results.chart(
        "fig-longterm-scorecard",
        charts.prediction_timeline(scores),
        source=f"seed 002, section 七; data/framework/predictions.csv, data/editorial/prediction_outcomes.csv; "
        f"as of {on.isoformat()}",
    )
    resolution(results, on)
    shown = results.shown
    add_brief(
        results,
        [
            f"Of the {shown('longterm.layers')} layers, {shown('longterm.layers_all_finished')} seen the period of "
            f"every entry end and {shown('longterm.layers_none_finished')} seen none end.",
            f"Of the {shown('longterm.items')} predictions and tasks scored, {shown('longterm.items_due')} are due on "
            f"the as-of date, {shown('longterm.as_of')}.",
            f"The scorecard counts {shown('longterm.tally.resolved_yes')}, {shown('longterm.tally.resolved_no')}, "
            f"{shown('longterm.tally.partly')}, {shown('longterm.tally.ambiguous')} and "
            f"{shown('longterm.tally.pending')}.",
        ],
    )
    return results
