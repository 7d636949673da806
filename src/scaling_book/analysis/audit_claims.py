"""Checks of single claims of ``data/framework/claims.csv``: one finding per claim, or the build stops.

A claim is tested by the row of ``data/editorial/audit_claim_checks.csv`` that names it, or else
by the table its value mirrors (a level's degree, a rating, a level criterion, an adoption share).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
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
    compare,
    interval,
    strictly_falling,
)
from scaling_book.analysis.timeline import quarter_end
from scaling_book.inputs.load import load_table

Result = tuple[str, str, dict[str, Any]]  # (check, verdict, facts)
# The measures a level criterion can be tested on, and the column of the assessed areas holding each.
CRITERION_COLUMNS = {"leader_share": "leader_share", "option_count": "named_options"}


def _level_areas(context: Context, level_id: str) -> pd.DataFrame:
    """The assessed areas that the seeds place at ``level_id``."""
    return context.assessed[context.assessed["claimed_level"] == level_id]


def check_degree(context: Context, claim: pd.Series, level_id: str) -> Result:
    """A level's claimed degree against the computed degrees of the areas the seeds place there."""
    areas = _level_areas(context, level_id).dropna(subset=["computed_degree"])
    facts: dict[str, Any] = {
        "level_id": level_id,
        "claimed": float(claim["value"]),
        "areas": [(row.Index, float(row.computed_degree)) for row in areas.itertuples()],
    }
    if areas.empty:
        return "degree", NEEDS_EVIDENCE, facts
    low, high = float(areas["computed_degree"].min()), float(areas["computed_degree"].max())
    tolerance = context.degree_tolerance
    inside = low - tolerance <= claim["value"] <= high + tolerance
    facts.update(
        low=low,
        high=high,
        tolerance=tolerance,
        widened_low=max(0.0, low - tolerance),
        widened_high=min(1.0, high + tolerance),
        inside=bool(inside),
    )
    return "degree", CONSISTENT if inside else INCONSISTENT, facts


def leader_floor_applies(measure: str, operator: str) -> bool:
    """A ceiling on the leader share: with k options the leader holds at least 1/k, so small fields fail it."""
    return measure == "leader_share" and operator in ("<", "<=")


def check_criterion(context: Context, claim: pd.Series, threshold_id: str) -> Result:
    """A level criterion of the seeds against the seeds' own figures for the areas at that level."""
    criterion = context.criterion(threshold_id)
    level_id, measure = criterion.level_id, criterion.measure
    if measure not in CRITERION_COLUMNS:
        return "criterion_no_figure", NEEDS_EVIDENCE, {"threshold_id": threshold_id}
    column = CRITERION_COLUMNS[measure]
    # The criterion as the classifier applies it: operator and value from level_thresholds.csv.
    operator, target = criterion.operator, criterion.value
    measured = _level_areas(context, level_id).dropna(subset=[column])
    results = [
        (row.Index, getattr(row, column), compare(getattr(row, column), operator, target))
        for row in measured.itertuples()
    ]
    facts: dict[str, Any] = {
        "level_id": level_id,
        "measure": measure,
        "operator": operator,
        "target": target,
        "unit": claim["unit"],
        "results": results,
        "options_needed": None,
    }
    if measured.empty:
        return "criterion", NEEDS_EVIDENCE, facts
    if leader_floor_applies(measure, operator):
        facts.update(
            options_needed=classifier.options_needed(target, operator), named=sorted(set(measured["named_options"]))
        )
    return "criterion", CONSISTENT if all(ok for _, _, ok in results) else INCONSISTENT, facts


def share_group_verdict(group: dict[str, float]) -> tuple[float, str]:
    """(total, verdict) of one group of stated shares: above 100% together is inconsistent;
    otherwise the figures agree with each other but their origin needs evidence."""
    total = float(sum(group.values()))
    return total, INCONSISTENT if total > 1 + 1e-9 else NEEDS_EVIDENCE


def check_share(context: Context, claim: pd.Series, ref_key: str) -> Result:
    """An adoption share the seeds state: its group must add up to at most 100%; its origin needs evidence."""
    area_id, option_id, scenario = ref_key.split("/")
    shares = load_table("adoption_shares")
    group = shares[(shares["area_id"] == area_id) & (shares["scenario"] == scenario)].sort_values("option_id")
    values = {str(option): float(share) for option, share in zip(group["option_id"], group["share"])}
    total, verdict = share_group_verdict(values)
    return (
        "share",
        verdict,
        {"area_id": area_id, "scenario": scenario, "group": values, "total": total, "over": verdict == INCONSISTENT},
    )


def check_players_multiple(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """'Players down thirtyfold' against the two player counts it summarises, each read as its operator states.

    Consistent when the counts as stated give the multiple; needs evidence when only a count beyond the
    stated one ('200+' read as more than 200) would; inconsistent when no count the operators allow does.
    """
    earlier, later = context.claim(row["compared_claim"]), context.claim(row["second_claim"])
    before, after = float(earlier["value"]), float(later["value"])
    (before_low, before_high), (after_low, after_high) = interval(earlier), interval(later)
    claimed, tolerance = float(claim["value"]), context.multiple_tolerance
    implied = before / after
    gap = abs(implied - claimed) / claimed
    possible = claimed * (1 - tolerance) <= before_high / after_low and before_low / after_high <= claimed * (
        1 + tolerance
    )
    verdict = CONSISTENT if gap <= tolerance else NEEDS_EVIDENCE if possible else INCONSISTENT
    return (
        "players_multiple",
        verdict,
        {
            "before": before,
            "after": after,
            "before_range": (before_low, before_high),
            "implied": implied,
            "claimed": claimed,
            "gap": gap,
            "tolerance": tolerance,
            "needed": claimed * after,
            "before_year": int(earlier["year"]),
            "possible": possible,
        },
    )


def prediction_state(context: Context, prediction_id: str) -> tuple[str, dict[str, Any]]:
    """(verdict, facts) of a dated prediction on the as-of date, by the seeds alone: due or not yet due.

    The seeds, written before the due dates, cannot settle their own predictions: a due prediction needs
    evidence, and the outcomes the scorecard records from public sources are the audit's public verdict.
    """
    prediction = context.predictions.loc[prediction_id]
    due = quarter_end(prediction["due_quarter"])
    facts = {"due_quarter": prediction["due_quarter"], "due": due, "as_of": context.as_of}
    if due < context.as_of:
        return NEEDS_EVIDENCE, {**facts, "state": "passed"}
    return NOT_TESTABLE, {**facts, "state": "not_due"}


def check_forecast(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """A forecast claim, judged by the state of the prediction that dates it."""
    verdict, facts = prediction_state(context, row["prediction_id"])
    return "forecast", verdict, facts


def quarter_of(day: date) -> str:
    """2027-05-31 -> '2027Q2', as the predictions' due quarters are written."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def check_milestone(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """The Gantt milestone against the list of predictions: the same forecast should carry the same date."""
    milestone = context.tasks.loc[row["task_id"], "end"].date()
    prediction = context.predictions.loc[row["prediction_id"]]
    due = quarter_end(prediction["due_quarter"])
    same = quarter_of(milestone) == prediction["due_quarter"]
    return (
        "milestone",
        CONSISTENT if same else INCONSISTENT,
        {
            "milestone": milestone,
            "milestone_quarter": quarter_of(milestone),
            "due_quarter": prediction["due_quarter"],
            "due": due,
            "days_apart": (due - milestone).days,
        },
    )


def check_window(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """'Expected to converge in 2026–2027' against the layer's own dates and the as-of date."""
    first, last, layer_id = int(claim["value"]), int(claim["value_high"]), row["layer_id"]
    tasks = context.tasks[context.tasks["layer_id"] == layer_id]
    predictions = context.predictions[context.predictions["layer_id"] == layer_id]
    years = sorted({*tasks["end"].dt.year.tolist(), *[int(q[:4]) for q in predictions["due_quarter"]]})
    inside = all(first <= year <= last for year in years)
    closes = date(last, 12, 31)
    closed = closes < context.as_of
    facts = {
        "layer_id": layer_id,
        "first": first,
        "last": last,
        "years": years,
        "inside": inside,
        "closes": closes,
        "closed": closed,
        "as_of": context.as_of,
    }
    if not inside:
        return "window", INCONSISTENT, facts
    return "window", NEEDS_EVIDENCE if closed else NOT_TESTABLE, facts


def check_unsourced(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """A figure about the world with no source, which no other figure of the seeds bears on."""
    return "unsourced", NEEDS_EVIDENCE, {"reason": row["reason_en"]}


def check_within_count(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """A count that must fit inside another count of the same seed (head firms among the players)."""
    total = float(context.claim(row["compared_claim"])["value"])
    fits = bool(claim["value"] <= total)
    return (
        "within_count",
        CONSISTENT if fits else INCONSISTENT,
        {"part": float(claim["value"]), "total": total, "fits": fits},
    )


def check_share_left(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """A share held by some firms against the players it leaves the rest to."""
    firms = float(context.claim(row["second_claim"])["value"])
    rest = float(context.claim(row["compared_claim"])["value"]) - firms
    left = 1 - float(claim["value"])
    nothing_left = left < -1e-9 or (rest > 0 and left <= 1e-9)
    return (
        "share_left",
        INCONSISTENT if nothing_left else NEEDS_EVIDENCE,
        {"share": float(claim["value"]), "firms": firms, "rest": rest, "left": left, "nothing_left": nothing_left},
    )


def check_same_statement(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """Two statements of the same figure in the seeds against each other."""
    other = context.claim(row["compared_claim"])
    mine, theirs = float(claim["value"]), float(other["value"])
    same = abs(mine - theirs) <= 1e-9 and claim["operator"] == other["operator"]
    return (
        "same_statement",
        CONSISTENT if same else INCONSISTENT,
        {
            "operator": claim["operator"],
            "value": mine,
            "other_operator": other["operator"],
            "other_value": theirs,
            "same": same,
        },
    )


def check_untestable(context: Context, claim: pd.Series, row: pd.Series) -> Result:
    """Definitions and statements that no data in the seeds or public sources could settle."""
    return "untestable", NOT_TESTABLE, {"reason": row["reason_en"]}


def check_rating(context: Context, claim: pd.Series) -> Result:
    """A star rating: the seeds give no method, so it can only be read, not tested."""
    table = claim["ref"].split(":")[0]
    ratings = (
        load_table("levels").sort_values("rank", ascending=False)["certainty_stars"]
        if table == "levels"
        else load_table("caict_layers").sort_values("order")["predictability_stars"]
    )
    values = [int(value) for value in ratings]
    return "rating", NOT_TESTABLE, {"ratings": values, "falling": strictly_falling(values)}


# The tests that audit_claim_checks.csv may name (schemas.editorial.AUDIT_CHECKS).
NAMED_CHECKS: dict[str, Callable[[Context, pd.Series, pd.Series], Result]] = {
    "players_multiple": check_players_multiple,
    "forecast": check_forecast,
    "milestone": check_milestone,
    "window": check_window,
    "unsourced": check_unsourced,
    "within_count": check_within_count,
    "share_left": check_share_left,
    "same_statement": check_same_statement,
    "untestable": check_untestable,
}


def check_claim(context: Context, claim: pd.Series) -> Finding:
    """The check that belongs to one claim: by its row of audit_claim_checks.csv, or by the table its value mirrors."""
    ref = "" if pd.isna(claim["ref"]) else str(claim["ref"])
    table, key, column = ref.split(":") if ref else ("", "", "")
    if claim.name in context.claim_checks.index:
        row = context.claim_checks.loc[claim.name]
        check, verdict, facts = NAMED_CHECKS[row["check"]](context, claim, row)
    elif (table, column) == ("levels", "claimed_degree"):
        check, verdict, facts = check_degree(context, claim, key)
    elif (table, column) in (("levels", "certainty_stars"), ("caict_layers", "predictability_stars")):
        check, verdict, facts = check_rating(context, claim)
    elif table == "level_thresholds":
        check, verdict, facts = check_criterion(context, claim, key)
    elif table == "adoption_shares":
        check, verdict, facts = check_share(context, claim, key)
    else:
        raise KeyError(
            f"claim {claim.name!r} has no check: add a row to data/editorial/audit_claim_checks.csv "
            "or a test in scaling_book/analysis/audit_claims.py"
        )
    facts = {"statement_en": claim["statement_en"], "quote_zh": claim["quote_zh"], **facts}
    return Finding(f"claim.{claim.name}", "claim", check, claim["source"], verdict, facts)
