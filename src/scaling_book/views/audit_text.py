"""How the claims audit reads: the subject, seed wording, test and arithmetic of every finding.

:mod:`scaling_book.analysis.audit` decides each verdict and keeps the values it used; this module
only writes them out, with one writer per kind of check (:mod:`scaling_book.views.audit_claim_text` for
single claims, :mod:`scaling_book.views.audit_internal_text` for internal checks).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scaling_book.views.audit_claim_text import (
    criterion_no_figure_text,
    criterion_text,
    degree_text,
    forecast_text,
    milestone_text,
    players_multiple_text,
    rating_text,
    same_statement_text,
    share_left_text,
    share_text,
    unsourced_text,
    untestable_text,
    window_text,
    within_count_text,
)
from scaling_book.views.audit_generated_text import GENERATED_WRITERS, event_dates_text, restatement_text
from scaling_book.views.audit_internal_text import (
    ladder_text,
    layer_text,
    layer_unread_text,
    level_text,
    prediction_text,
    timeline_text,
)
from scaling_book.views.audit_words import Facts, Text
from scaling_book.views.classifier_tables import area_names

WRITERS: dict[str, Callable[[Facts], Text]] = {
    "degree": degree_text,
    "criterion_no_figure": criterion_no_figure_text,
    "criterion": criterion_text,
    "share": share_text,
    "players_multiple": players_multiple_text,
    "forecast": forecast_text,
    "milestone": milestone_text,
    "window": window_text,
    "unsourced": unsourced_text,
    "within_count": within_count_text,
    "share_left": share_left_text,
    "same_statement": same_statement_text,
    "untestable": untestable_text,
    "rating": rating_text,
    "level": level_text,
    "layer_unread": layer_unread_text,
    "layer": layer_text,
    "timeline": timeline_text,
    "prediction": prediction_text,
    "ladder": ladder_text,
    "restatement": restatement_text,
    "event_dates": event_dates_text,
    **GENERATED_WRITERS,
}


def subject_and_quote(check: str, facts: Facts) -> tuple[str, str]:
    """What a finding is about, in English, and the seed's wording of it."""
    if check == "level":
        return f"{area_names()[facts['area_id']]} is at {facts['claimed_level']}", facts["matrix_text_zh"]
    if check in ("layer", "layer_unread"):
        return f"{facts['name_en']} is {facts['status_en']}", f"{facts['name_zh']}（{facts['status_zh']}）"
    if check == "timeline":
        return f"Gantt task '{facts['name_en']}' is {facts['status']}", f"{facts['name_zh']} :{facts['status']}"
    if check == "prediction":
        return facts["statement_en"], facts["statement_zh"]
    if check == "ladder":
        return "Claimed degrees fall from L4 to L0", "收敛度"
    return facts["statement_en"], facts["quote_zh"]


def audit_rows(findings: pd.DataFrame) -> pd.DataFrame:
    """The audit as the reader sees it: check_id, kind, subject, quote_zh, source, test, arithmetic, verdict."""
    rows = []
    for finding in findings.itertuples():
        subject, quote = subject_and_quote(finding.check, finding.facts)
        test, arithmetic = WRITERS[finding.check](finding.facts)
        rows.append(
            {
                "check_id": finding.check_id,
                "kind": finding.kind,
                "subject": subject,
                "quote_zh": quote,
                "source": finding.source,
                "test": test,
                "arithmetic": arithmetic,
                "verdict": finding.verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["check_id", "kind", "subject", "quote_zh", "source", "test", "arithmetic", "verdict"]
    )
