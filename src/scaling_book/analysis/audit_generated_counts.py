"""Generated checks of counts, shares and multiples that ``audit_quantities.csv`` ties to one population.

Every pair of counts of the population in one year must overlap; a part cannot exceed the whole; a
stated multiple must fit the ratio of the counts stated under its own heading; and the share a part
holds is bounded by the counts: the k largest of n hold at least k/n, and less than all when others remain.
Each claim is read as the interval its operator states ('200+' is at least 200).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd

from scaling_book.analysis.audit_base import CONSISTENT, INCONSISTENT, Context, Finding, interval
from scaling_book.inputs.load import load_table

EPSILON = 1e-9


def _quantities(context: Context, quantities: pd.DataFrame | None) -> pd.DataFrame:
    table = load_table("audit_quantities") if quantities is None else quantities
    return table.assign(
        source=[context.claim(cid)["source"] for cid in table["claim_id"]],
        low=[interval(context.claim(cid))[0] for cid in table["claim_id"]],
        high=[interval(context.claim(cid))[1] for cid in table["claim_id"]],
    )


def _finding(check_id: str, check: str, source: str, agree: bool, facts: dict[str, Any]) -> Finding:
    return Finding(check_id, "internal", check, source, CONSISTENT if agree else INCONSISTENT, facts)


def _label(context: Context, claim_id: str) -> str:
    return str(context.claim(claim_id)["quote_zh"])


def count_findings(context: Context, quantities: pd.DataFrame | None = None) -> list[Finding]:
    """Counts of one population in one year against each other, and each part against each whole."""
    table = _quantities(context, quantities)
    findings = []
    for (population, year), group in table[table.role.isin(["total", "part"])].groupby(["population", "year"]):
        for a, b in combinations(group.itertuples(), 2):
            if a.role == b.role == "part":
                continue
            part, whole = (a, b) if a.role == "part" else (b, a)
            both_totals = a.role == b.role == "total"
            agree = (a.low <= b.high and b.low <= a.high) if both_totals else part.low <= whole.high + EPSILON
            first, second = (a, b) if both_totals else (part, whole)
            facts: dict[str, Any] = {
                "statement_en": f"two counts of {population} in {int(year)}",
                "quote_zh": f"{_label(context, first.claim_id)} / {_label(context, second.claim_id)}",
                "case": "totals" if both_totals else "part",
                "first": first.claim_id,
                "second": second.claim_id,
                "first_range": (first.low, first.high),
                "second_range": (second.low, second.high),
                "year": int(year),
                "agree": agree,
            }
            check_id = f"generated.counts.{first.claim_id}.{second.claim_id}"
            findings.append(_finding(check_id, "count_pair", second.source, agree, facts))
    return findings


def multiple_findings(context: Context, quantities: pd.DataFrame | None = None) -> list[Finding]:
    """Each stated multiple against the ratio of every pair of counts of its population under its own heading."""
    table = _quantities(context, quantities)
    tolerance = context.multiple_tolerance
    findings = []
    for multiple in table[table.role == "multiple"].itertuples():
        ends = table[
            (table.role == "total") & (table.population == multiple.population) & (table.source == multiple.source)
        ].sort_values("year")
        for earlier, later in combinations(ends.itertuples(), 2):
            if earlier.year == later.year:
                continue
            ratio_low, ratio_high = earlier.low / later.high, earlier.high / later.low
            stated = float(context.claim(multiple.claim_id)["value"])
            low, high = stated * (1 - tolerance), stated * (1 + tolerance)
            agree = low <= ratio_high + EPSILON and ratio_low <= high + EPSILON
            facts: dict[str, Any] = {
                "statement_en": f"the stated multiple against the counts of {int(earlier.year)} and {int(later.year)}",
                "quote_zh": " / ".join(
                    _label(context, c) for c in (multiple.claim_id, earlier.claim_id, later.claim_id)
                ),
                "multiple": multiple.claim_id,
                "stated": stated,
                "tolerance": tolerance,
                "earlier": (earlier.low, earlier.high),
                "later": (later.low, later.high),
                "earlier_year": int(earlier.year),
                "later_year": int(later.year),
                "ratio": (ratio_low, ratio_high),
                "needed": stated * later.low,
                "agree": agree,
            }
            check_id = f"generated.multiple.{multiple.claim_id}.{earlier.claim_id}.{later.claim_id}"
            findings.append(_finding(check_id, "multiple_ends", multiple.source, agree, facts))
    return findings


def part_share_findings(context: Context, quantities: pd.DataFrame | None = None) -> list[Finding]:
    """The share a part holds against the bounds the part's and the whole's counts set on it."""
    table = _quantities(context, quantities)
    findings = []
    for share in table[table.role == "part_share"].itertuples():
        same = table[(table.population == share.population) & (table.year == share.year)]
        for part in same[same.role == "part"].itertuples():
            for whole in same[same.role == "total"].itertuples():
                stated = float(context.claim(share.claim_id)["value"])
                floor = part.low / whole.high
                others_remain = whole.low > part.high
                agree = stated >= floor - EPSILON and (stated < 1 - EPSILON or not others_remain)
                facts: dict[str, Any] = {
                    "statement_en": f"the share the part holds against the counts of {share.population} "
                    f"in {int(share.year)}",
                    "quote_zh": " / ".join(
                        dict.fromkeys(_label(context, c) for c in (share.claim_id, part.claim_id, whole.claim_id))
                    ),
                    "share": stated,
                    "part": (part.low, part.high),
                    "whole": (whole.low, whole.high),
                    "floor": floor,
                    "others_remain": others_remain,
                    "agree": agree,
                }
                check_id = f"generated.part_share.{share.claim_id}.{whole.claim_id}"
                findings.append(_finding(check_id, "part_share", share.source, agree, facts))
    return findings
