"""What every check of the claims audit shares: the verdicts, a finding, and the data the checks read.

A finding holds numbers, dates, ids and a verdict, no sentences: :mod:`scaling_book.views.audit_text`
writes the test and its arithmetic from ``check`` and ``facts``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from scaling_book.analysis import audit_stances, classifier
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import audit_settings

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
NOT_TESTABLE = "not testable"
NEEDS_EVIDENCE = "needs evidence"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_TESTABLE, NEEDS_EVIDENCE)


@dataclass(frozen=True)
class Finding:
    """One row of the audit: which test was run, on what values, and the verdict."""

    check_id: str
    kind: str  # "claim" or "internal"
    check: str  # the test, which names how the views write it
    source: str
    verdict: str
    facts: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"audit check {self.check_id}: unknown verdict {self.verdict!r}")


@dataclass(frozen=True)
class Context:
    """Everything the checks read, loaded once."""

    as_of: date
    claims: pd.DataFrame
    areas: pd.DataFrame
    assessed: pd.DataFrame
    tasks: pd.DataFrame
    predictions: pd.DataFrame
    seeds: pd.DataFrame
    statements: pd.DataFrame  # the seeds' coded statements and the Gantt's done statuses (audit_stances)
    rules: classifier.Rules
    multiple_tolerance: float
    degree_tolerance: float
    claim_checks: pd.DataFrame  # data/editorial/audit_claim_checks.csv, by claim

    def claim(self, claim_id: str) -> pd.Series:
        if claim_id not in self.claims.index:
            raise KeyError(f"the audit needs claim {claim_id!r}, which data/framework/claims.csv does not have")
        return self.claims.loc[claim_id]

    def criterion(self, criterion_id: str) -> classifier.Criterion:
        """The level criterion of that id (a row of level_thresholds.csv), as the classifier applies it."""
        found = [c for level in self.rules.criteria.values() for c in level if c.criterion_id == criterion_id]
        if not found:
            raise KeyError(f"the audit needs criterion {criterion_id!r}, which level_thresholds.csv does not have")
        return found[0]

    def seed_date(self, source: str) -> date | None:
        """The full date (YYYY-MM-DD) the seed named by ``source`` states as its own last update, if any."""
        stated = self.seeds.set_index("seed_id")["last_updated_as_stated"].get(seed_of(source))
        parsed = pd.to_datetime(stated, format="%Y-%m-%d", errors="coerce") if isinstance(stated, str) else pd.NaT
        return None if pd.isna(parsed) else parsed.date()


def interval(claim: pd.Series) -> tuple[float, float]:
    """The values a claim allows, by its operator (counts are whole, so '>3' starts at 4)."""
    value, operator = float(claim["value"]), claim["operator"]
    whole = claim["unit"] == "count"
    if operator == "range":
        return value, float(claim["value_high"])
    if operator in (">=", ">"):
        return value + (1 if whole and operator == ">" else 0), math.inf
    if operator in ("<=", "<"):
        return 0.0, value - (1 if whole and operator == "<" else 0)
    return value, value


def seed_of(source: str) -> str:
    """The seed file of a seed reference ('file § heading')."""
    return source.partition(" § ")[0]


def load_context(as_of: date) -> Context:
    """Read every table and setting the audit uses."""
    tolerances = audit_settings()
    claims = load_table("claims").set_index("claim_id")
    claim_checks = load_table("audit_claim_checks").set_index("claim_id")
    stray = sorted(set(claim_checks.index) - set(claims.index))
    if stray:
        raise KeyError(f"data/editorial/audit_claim_checks.csv names claims that claims.csv does not have: {stray}")
    return Context(
        as_of=as_of,
        claims=claims,
        areas=load_table("areas"),
        assessed=classifier.assessment().set_index("area_id"),
        tasks=load_table("timeline_tasks").set_index("task_id"),
        predictions=load_table("predictions").set_index("prediction_id"),
        seeds=load_table("seeds"),
        statements=audit_stances.all_statements(),
        rules=classifier.load_rules(),
        multiple_tolerance=float(tolerances.multiple_tolerance),
        degree_tolerance=float(tolerances.degree_tolerance),
        claim_checks=claim_checks,
    )


def compare(value: float, operator: str, target: float, high: float | None = None) -> bool:
    """``value operator target`` for the comparators of the claims table ('range' uses ``high``)."""
    if operator == "range":
        if high is None:
            raise ValueError("a 'range' comparison needs an upper end")
        return target <= value <= high
    return classifier.holds(value, operator, target)


def strictly_falling(values: Sequence[float]) -> bool:
    """Each value larger than the next."""
    return all(a > b for a, b in zip(values, values[1:]))
