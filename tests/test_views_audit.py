"""How the claims audit reads: the arithmetic of each check, the words its comparisons pick, the chapter's phrases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from scaling_book.analysis import audit
from scaling_book.inputs import load as data
from scaling_book.inputs.load import load_table
from scaling_book.views import audit as view
from scaling_book.views import audit_claim_text, audit_text, audit_words

AS_OF = date(2026, 11, 22)


def set_cells(path: Path, key_column: str, key: str, **values: str) -> None:
    """Change cells of the one row whose ``key_column`` is ``key``."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (frame[key_column] == key).sum() == 1, key
    for column, value in values.items():
        frame.loc[frame[key_column] == key, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def arithmetic() -> pd.Series:
    return audit_text.audit_rows(audit.audit(AS_OF)).set_index("check_id")["arithmetic"]


def test_arithmetic_is_shown():
    findings = arithmetic()
    assert "200 / 15 = 13.3×" in findings["claim.market.players_fold_reduction"]
    assert (
        "450 players in 2023, which the stated at least 200 allows" in findings["claim.market.players_fold_reduction"]
    )
    assert "60% <= 30% is false" in findings["claim.levels.L0_max_share"]
    assert "at least 4 options" in findings["claim.levels.L0_max_share"]
    assert "3 > 3 is false" in findings["claim.levels.L1_option_count"]
    assert "184 days apart" in findings["claim.market.gantt_three_to_five"]
    assert "'数学原理仍不完整'" in findings["timeline.loss_theory"]
    assert "states no date of its own" in findings["timeline.loss_theory"]
    assert "2025-11-10" not in findings["timeline.loss_theory"]  # no other seed's date is borrowed
    assert "names 2: real alternatives to the leader == 0: observed 1, failed" in findings["layer.infrastructure"]
    assert "at least 50% with 2 named options, failed" in findings["layer.hardware_adaptation"]
    assert "6 head firms <= 15 mainstream players is true" in findings["claim.market.head_firms"]
    assert findings["claim.training.time_predictability"] == "no planned and actual training times are given or public"


def test_the_rows_keep_the_columns_the_tables_show():
    rows = audit_text.audit_rows(audit.audit(AS_OF))
    assert list(rows.columns) == ["check_id", "kind", "subject", "quote_zh", "source", "test", "arithmetic", "verdict"]
    assert rows.arithmetic.str.len().min() > 0 and rows.test.str.len().min() > 0
    ladder = rows.set_index("check_id").loc["levels.degree_ladder"]
    assert (ladder.subject, ladder.quote_zh) == ("Claimed degrees fall from L4 to L0", "收敛度")


def test_a_reason_changed_in_the_editorial_table_changes_the_arithmetic(data_copy, monkeypatch):
    monkeypatch.setattr(data, "data_dir", lambda: data_copy)
    set_cells(
        data_copy / "editorial" / "audit_claim_checks.csv",
        "claim_id",
        "levels.long_context_threshold",
        reason_en="a definition, nothing more",
    )
    assert arithmetic()["claim.levels.long_context_threshold"] == "a definition, nothing more"


@pytest.mark.parametrize(
    ("word", "yes", "no"),
    [
        (audit_words.true_false, "true", "false"),
        (audit_words.inside_outside, "inside", "outside"),
        (audit_words.all_inside, "all inside", "not all inside"),
        (audit_words.falling_words, "strictly falling", "not strictly falling"),
        (audit_words.same_different, "the same", "different"),
        (audit_words.before_after, "before", "after"),
    ],
)
def test_the_words_a_comparison_picks(word, yes, no):
    assert (word(True), word(False)) == (yes, no)


def test_shown_uses_the_units_format():
    assert audit_words.shown(0.3, "fraction") == "30%"
    assert audit_words.shown(1234, "count") == "1,234"
    assert audit_words.shown(30, "multiple") == "30.0×"
    assert audit_words.shown(2027, "year") == "2027"


def test_share_group_text():
    assert (
        audit_claim_text.share_group_text("g", {"a": 0.5, "b": 0.6}, 1.1, True)
        == "shares of g: a 50% + b 60% = 110%, more than 100%"
    )
    assert audit_claim_text.share_group_text("g", {"a": 0.4}, 0.4, False).endswith(
        "no source, date or definition of adoption is given"
    )


def test_prediction_state_text():
    facts = {"due_quarter": "2026Q2", "due": date(2026, 6, 30), "as_of": AS_OF, "state": "passed"}
    assert audit_claim_text.prediction_state_text(facts) == (
        "due 2026Q2 (ends 2026-06-30), before the as-of date 2026-11-22; the seeds cannot settle it"
    )
    assert audit_claim_text.prediction_state_text({**facts, "state": "not_due"}).endswith(": not yet due")


def test_passed_predictions_text():
    passed = pd.DataFrame(
        {"statement_en": ["MCP wins"], "due_quarter": ["2026Q2"], "status": ["partly"], "outcome_origin": ["source"]}
    )
    assert view.passed_predictions_text(passed) == "MCP wins (due 2026Q2; scorecard: partly)"
    assert view.passed_predictions_text(passed.iloc[0:0]) == "none"


def test_verdict_key():
    assert view.verdict_key("needs evidence") == "needs_evidence"
    assert view.verdict_key("consistent") == "consistent"


def test_phrase_helpers():
    assert view.quoted(["甲", "乙"]) == "“甲” and “乙”"
    assert view.sorted_names([3, 2, 3]) == "2, 3"
    areas = pd.DataFrame({"area": ["A", "B"], "leader_share": [0.6, 0.55]})
    assert view.area_shares_text(areas) == "A 60% and B 55%"
    seeds = pd.DataFrame({"last_updated_as_stated": ["2025-11-10", None]}, index=["s1", "s2"])
    assert view.seed_dates_text(seeds) == "s1 states 2025-11-10"


def test_the_chapter_on_the_committed_data():
    results = view.audit_chapter()
    checks = len(load_table("claims")) + results.value("audit.internal")
    assert results.value("audit.checks") == checks == 114
    assert results.shown("audit.verdict.claim.market.players_fold_reduction") == "needs evidence"
    assert results.shown("audit.players.claimed") == "30×"
    assert results.shown("audit.market.days_apart") == "184"
    assert results.shown("audit.loss.quotes").startswith("“")
    assert set(results.tables) == {
        "tbl-audit-inconsistent",
        "tbl-audit-generated",
        "tbl-audit-claims",
        "tbl-audit-internal",
        "tbl-audit-statements",
        "tbl-audit-source-counts",
        "tbl-audit-sources",
        "tbl-audit-pairs",
        "tbl-audit-public",
    }
    assert results.shown("audit.verdict.claim.capability.benchmark_spread") == "restated"
    assert results.value("audit.pairs") == 29 and results.value("audit.generated.inconsistent") == 2
    assert len(results.tables["tbl-audit-inconsistent"].frame) == results.value("audit.inconsistent")
    assert list(results.charts) == ["fig-audit-verdicts"]


def test_the_chapter_follows_the_as_of_date(monkeypatch):
    monkeypatch.setattr(view, "as_of", lambda: date(2026, 6, 1))
    results = view.audit_chapter()
    assert results.shown("audit.predictions.passed_list") == "none"
    assert results.shown("audit.verdict.prediction.mcp_standard") == "not testable"
