"""Checks of the seeds against themselves: levels, five-layer statuses, Gantt statuses, predictions, the degree ladder."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.analysis.audit_base import (
    CONSISTENT,
    INCONSISTENT,
    NEEDS_EVIDENCE,
    NOT_TESTABLE,
    Context,
    Finding,
    seed_of,
    strictly_falling,
)
from scaling_book.analysis.audit_claims import prediction_state
from scaling_book.analysis.audit_stances import opposite_pairs, task_contradictions, task_support
from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import LEVEL_IDS


def level_findings(context: Context) -> list[Finding]:
    """Each area's level in the matrix against the seeds' criteria for that level."""
    areas = context.areas.set_index("area_id")
    findings = []
    for area_id, row in context.assessed.iterrows():
        computed = row["computed_level"]
        findings.append(
            Finding(
                f"level.{area_id}",
                "internal",
                "level",
                areas.loc[area_id, "source"],
                row["claimed_level_verdict"],
                {
                    "area_id": area_id,
                    "claimed_level": row["claimed_level"],
                    "matrix_text_zh": areas.loc[area_id, "matrix_text_zh"],
                    "basis": row["basis"],
                    "computed_level": computed,
                    "determined": computed in LEVEL_IDS,
                    "possible_levels": row["possible_levels"],
                },
            )
        )
    return findings


def date_reason(context: Context, task: pd.Series) -> tuple[str | None, str]:
    """(verdict or None, case) of a status against the task's dates, the seed's own date and the as-of date.

    A seed that states no date of its own cannot date its statuses: such a check is not testable
    (no other seed's date is borrowed).
    """
    start = task["start"].date() if pd.notna(task["start"]) else None
    end = task["end"].date()
    seed_date = context.seed_date(task["source"])
    if task["seed_status"] == "done":
        if end > context.as_of:
            return INCONSISTENT, "done_runs_past"
        if seed_date is None:
            return None, "done_undated"
        if end > seed_date:
            return None, "done_after_seed"
        return CONSISTENT, "done_before_seed"
    if seed_date is not None and start is not None and start > seed_date:
        return INCONSISTENT, "active_starts_after_seed"
    if end < context.as_of:
        return NEEDS_EVIDENCE, "active_end_passed"
    return None, "active_running"


def status_verdict(date_verdict: str | None, contradicted: bool, supported: bool) -> str:
    """A Gantt status: inconsistent when its dates or a statement of the seeds contradict it;
    consistent when the dates or a statement bear it out and nothing contradicts it."""
    if date_verdict == INCONSISTENT or contradicted:
        return INCONSISTENT
    if date_verdict == CONSISTENT or supported:
        return CONSISTENT
    return date_verdict or NOT_TESTABLE


def _statements(rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(quote, statement, heading of the seed) of each statement."""
    return [(row.quote_zh, row.statement_en, row.source.partition(" § ")[2]) for row in rows.itertuples()]


def timeline_findings(context: Context) -> list[Finding]:
    """Statuses the Gantt chart gives (done, active) against the tasks' dates and the seeds' statements on the
    same topic (audit_stances: an open statement contradicts a done status, another closed one supports it)."""
    marked = context.tasks[context.tasks["seed_status"] != "none"]
    pairs = opposite_pairs(context.statements)
    by_id = context.statements.set_index("statement_id")
    findings = []
    for task_id, task in marked.sort_values("order").iterrows():
        date_verdict, case = date_reason(context, task)
        against = by_id.loc[task_contradictions(pairs, str(task_id))].reset_index()
        backing = by_id.loc[task_support(context.statements, str(task_id))].reset_index()
        verdict = status_verdict(date_verdict, not against.empty, not backing.empty)
        findings.append(
            Finding(
                f"timeline.{task_id}",
                "internal",
                "timeline",
                task["source"],
                verdict,
                {
                    "name_en": task["name_en"],
                    "name_zh": task["name_zh"],
                    "status": task["seed_status"],
                    "start": task["start"].date() if pd.notna(task["start"]) else None,
                    "end": task["end"].date(),
                    "case": case,
                    "seed": seed_of(task["source"]),
                    "seed_date": context.seed_date(task["source"]),
                    "as_of": context.as_of,
                    "contradicted_by": _statements(against),
                    "supported_by": _statements(backing),
                },
            )
        )
    return findings


def layer_findings(context: Context) -> list[Finding]:
    """Each status of the five-layer table, read as a level, against that level's criteria."""
    rules = context.rules
    layers = load_table("caict_layers").set_index("layer_id")
    mapping = load_table("caict_layer_levels").set_index("layer_id")
    missing = sorted(set(layers.index) - set(mapping.index))
    if missing:
        raise KeyError(f"caict_layer_levels.csv has no row for the layers {missing}")
    findings = []
    for layer_id, layer in layers.sort_values("order").iterrows():
        row = mapping.loc[layer_id]
        facts: dict[str, Any] = {key: layer[key] for key in ("name_en", "status_en", "name_zh", "status_zh")}
        facts["reading"] = row["basis_en"]
        if pd.isna(row["level_id"]):
            findings.append(
                Finding(f"layer.{layer_id}", "internal", "layer_unread", layer["source"], NOT_TESTABLE, facts)
            )
            continue
        level = str(row["level_id"])
        aspects, failed = [], False
        for aspect in ("technical_form", "market_structure"):
            named = row[f"{aspect}_options"]
            observed = None if pd.isna(named) else classifier.observe_named(int(named))
            if observed is not None:
                failed = failed or classifier.level_status(rules.criteria[level], observed) is False
            aspects.append(
                {"text": layer[f"{aspect}_zh"], "named": None if pd.isna(named) else int(named), "observed": observed}
            )
        findings.append(
            Finding(
                f"layer.{layer_id}",
                "internal",
                "layer",
                row["source"],
                INCONSISTENT if failed else NEEDS_EVIDENCE,
                {**facts, "level": level, "aspects": aspects, "rules": rules},
            )
        )
    return findings


def prediction_findings(context: Context) -> list[Finding]:
    """Each dated prediction on the as-of date: not yet due, due with no outcome, or settled."""
    findings = []
    for prediction_id, prediction in context.predictions.sort_values("order").iterrows():
        verdict, facts = prediction_state(context, str(prediction_id))
        findings.append(
            Finding(
                f"prediction.{prediction_id}",
                "internal",
                "prediction",
                prediction["source"],
                verdict,
                {"statement_en": prediction["statement_en"], "statement_zh": prediction["statement_zh"], **facts},
            )
        )
    return findings


def ladder_finding(context: Context) -> Finding:
    """The claimed degrees must fall from L4 to L0, as the levels' order says."""
    levels = load_table("levels").sort_values("rank", ascending=False)
    degrees = [float(value) for value in levels["claimed_degree"]]
    falling = strictly_falling(degrees)
    return Finding(
        "levels.degree_ladder",
        "internal",
        "ladder",
        levels.iloc[0]["source"],
        CONSISTENT if falling else INCONSISTENT,
        {"degrees": list(zip(levels["level_id"], degrees)), "falling": falling},
    )
