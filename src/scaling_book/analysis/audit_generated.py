"""Internal checks generated from the data rather than picked: every pair of statements of one quantity or event.

Beyond the two kinds below, :func:`derived_findings` gathers the checks of figures against their level's
criteria (:mod:`audit_generated_levels`) and of counts, shares and multiples of one population
(:mod:`audit_generated_counts`).

Restatements: every pair of claims that state the same cell of a seed table (the same ``ref`` in
claims.csv) — the same value is restated (not corroborated), a different one inconsistent. Event dates:
every pair of dated statements that ``audit_events.csv`` ties to one event — two point dates must fall in
the same quarter, and a point date must fall inside a window of years.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Any

import pandas as pd

from scaling_book.analysis.audit_base import CONSISTENT, INCONSISTENT, Context, Finding
from scaling_book.analysis.audit_claims import quarter_of
from scaling_book.analysis.audit_generated_counts import count_findings, multiple_findings, part_share_findings
from scaling_book.analysis.audit_generated_levels import (
    degree_reading_findings,
    named_option_findings,
    share_threshold_findings,
)
from scaling_book.analysis.timeline import quarter_end
from scaling_book.inputs.load import load_table


def restatement_findings(context: Context) -> list[Finding]:
    """Each pair of claims that state the same cell of a seed table, compared value for value."""
    claims = context.claims.dropna(subset=["ref"])
    findings = []
    for ref, group in claims.groupby("ref", sort=False):
        for first, second in combinations(group.index, 2):
            a, b = group.loc[first], group.loc[second]
            same = abs(float(a["value"]) - float(b["value"])) <= 1e-9 and a["operator"] == b["operator"]
            facts: dict[str, Any] = {
                "statement_en": a["statement_en"],
                "quote_zh": a["quote_zh"],
                "ref": ref,
                "first": first,
                "second": second,
                "first_value": float(a["value"]),
                "second_value": float(b["value"]),
                "unit": a["unit"],
                "first_source": a["source"],
                "second_source": b["source"],
                "same": same,
            }
            verdict = CONSISTENT if same else INCONSISTENT
            findings.append(
                Finding(f"restated.{first}.{second}", "internal", "restatement", b["source"], verdict, facts)
            )
    return findings


def dated_item(context: Context, kind: str, item_id: str) -> dict[str, Any]:
    """A dated statement as (label, source, quarter or year window, the date itself)."""
    if kind == "task":
        task = context.tasks.loc[item_id]
        end = task["end"].date()
        return {"label": f"Gantt {task['name_zh']}", "source": task["source"], "quarter": quarter_of(end), "day": end}
    if kind == "prediction":
        row = context.predictions.loc[item_id]
        due: date = quarter_end(row["due_quarter"])
        return {
            "label": f"prediction “{row['statement_zh']}”",
            "source": row["source"],
            "quarter": row["due_quarter"],
            "day": due,
        }
    claim = context.claim(item_id)
    return {
        "label": f"“{claim['quote_zh']}”",
        "source": claim["source"],
        "window": (int(claim["value"]), int(claim["value_high"])),
    }


def dates_agree(first: dict[str, Any], second: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    """Two point dates agree when they fall in one quarter; a point date and a window when its year is inside."""
    if "window" in first or "window" in second:
        window, point = (first, second) if "window" in first else (second, first)
        if "window" in point:
            return True, {"case": "windows"}
        low, high = window["window"]
        return low <= point["day"].year <= high, {"case": "window", "low": low, "high": high, "year": point["day"].year}
    days = abs((second["day"] - first["day"]).days)
    return first["quarter"] == second["quarter"], {"case": "points", "days_apart": days}


def event_findings(context: Context, events: pd.DataFrame | None = None) -> list[Finding]:
    """Every pair of dated statements of one event, compared by their dates."""
    events = load_table("audit_events") if events is None else events
    findings = []
    for event_id, group in events.groupby("event_id", sort=False):
        items = [(row.item_kind, row.item_id) for row in group.itertuples()]
        for (kind_a, id_a), (kind_b, id_b) in combinations(items, 2):
            first, second = dated_item(context, kind_a, id_a), dated_item(context, kind_b, id_b)
            agree, facts = dates_agree(first, second)
            facts.update(
                event_id=event_id,
                first=first,
                second=second,
                agree=agree,
                statement_en=f"{first['label']} and {second['label']} date the same event",
                quote_zh=f"{first['label']} / {second['label']}",
            )
            verdict = CONSISTENT if agree else INCONSISTENT
            check_id = f"event.{event_id}.{id_a}.{id_b}"
            findings.append(Finding(check_id, "internal", "event_dates", second["source"], verdict, facts))
    return findings


# Every generated check, by the kind of comparison it makes (ids; the views name them).
GENERATED_KINDS = {
    "restatement": "restatements",
    "event_dates": "event_dates",
    "share_threshold": "shares",
    "degree_reading": "degrees",
    "count_criterion": "counts",
    "count_pair": "counts",
    "multiple_ends": "multiples",
    "count_share": "bounds",
    "part_share": "bounds",
}


def derived_findings(context: Context) -> list[Finding]:
    """The generated checks beyond restatements and event dates: shares, degrees, counts, multiples, bounds."""
    return [
        *share_threshold_findings(context),
        *degree_reading_findings(context),
        *named_option_findings(context),
        *count_findings(context),
        *multiple_findings(context),
        *part_share_findings(context),
    ]
