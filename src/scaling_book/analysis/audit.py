"""The claims audit: every claim of the seeds with a computed check and a verdict.

Two kinds of rows: one per row of ``data/framework/claims.csv`` (a claim without a check
stops the build), and internal checks of the seeds against themselves (each area's level and
each five-layer status against the level criteria, Gantt statuses against their dates and the
seeds' statements on the same topic in ``audit_stances.csv``, predictions against the as-of date). Every
verdict is computed from the data: change a number and the verdict follows. The findings hold
values and verdicts; :mod:`scaling_book.views.audit_text` writes their tests and arithmetic.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pandas as pd

from scaling_book.analysis.audit_base import (  # noqa: F401  (the audit's vocabulary, re-exported)
    CONSISTENT,
    INCONSISTENT,
    NEEDS_EVIDENCE,
    NOT_TESTABLE,
    VERDICTS,
    Finding,
    compare,
    load_context,
)
from scaling_book.analysis.audit_claims import check_claim, share_group_verdict  # noqa: F401
from scaling_book.analysis.audit_generated import derived_findings, event_findings, restatement_findings
from scaling_book.analysis.audit_internal import (
    ladder_finding,
    layer_findings,
    level_findings,
    prediction_findings,
    timeline_findings,
)

KINDS = ("claim", "internal")


def audit(as_of: date) -> pd.DataFrame:
    """Every claim's finding, then the internal checks, as one table (check_id, kind, check, source, verdict, facts)."""
    context = load_context(as_of)
    findings = [check_claim(context, claim) for _, claim in context.claims.iterrows()]
    findings += [
        ladder_finding(context),
        *level_findings(context),
        *layer_findings(context),
        *timeline_findings(context),
        *prediction_findings(context),
        *restatement_findings(context),
        *event_findings(context),
        *derived_findings(context),
    ]
    return pd.DataFrame(
        [{field.name: getattr(finding, field.name) for field in fields(Finding)} for finding in findings]
    )


def verdict_counts(findings: pd.DataFrame, verdicts: tuple[str, ...] = VERDICTS) -> pd.DataFrame:
    """Tidy counts of verdicts by kind of check (every verdict and kind present, zeros included)."""
    index = pd.MultiIndex.from_product([list(KINDS), list(verdicts)], names=["kind", "verdict"])
    counts = findings.groupby(["kind", "verdict"]).size().reindex(index, fill_value=0)
    return counts.rename("checks").reset_index()


def verdict_total(findings: pd.DataFrame, verdict: str, kind: str | None = None) -> int:
    """How many checks (of one kind, if given) end in ``verdict``."""
    chosen = findings.verdict == verdict
    if kind is not None:
        chosen &= findings.kind == kind
    return int(chosen.sum())
