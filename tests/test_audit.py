"""The claims audit: a verdict for every claim, the seeds' contradictions found by computation, verdicts that follow the data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from scaling_book import audit, data

AS_OF = date(2026, 11, 22)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cells(path: Path, key_column: str, key: str, **values: str) -> None:
    rows = read_rows(path)
    matches = [row for row in rows if row[key_column] == key]
    assert len(matches) == 1, key
    matches[0].update(values)
    write_rows(path, rows)


@pytest.fixture
def copied(data_copy, monkeypatch) -> Path:
    """The framework tables in a scratch copy that the audit reads instead of data/."""
    monkeypatch.setattr(data, "data_dir", lambda: data_copy)
    return data_copy / "framework"


def verdicts(as_of: date = AS_OF) -> dict[str, str]:
    return audit.audit(as_of).set_index("check_id")["verdict"].to_dict()


def test_every_claim_gets_exactly_one_finding():
    findings = audit.audit(AS_OF)
    claim_ids = [row["claim_id"] for row in read_rows(data.data_dir() / "framework/claims.csv")]
    assert list(findings[findings.kind == "claim"].check_id) == [f"claim.{cid}" for cid in claim_ids]
    assert findings.check_id.is_unique
    assert set(findings.verdict) <= set(audit.VERDICTS)
    assert findings.arithmetic.str.len().min() > 0


def test_the_seeds_contradictions_on_the_committed_data():
    found = verdicts()
    assert found["claim.market.players_fold_reduction"] == "inconsistent"
    assert found["claim.levels.L0_max_share"] == "inconsistent"
    assert found["claim.levels.L1_option_count"] == "inconsistent"
    assert found["claim.market.gantt_three_to_five"] == "inconsistent"
    assert found["timeline.cuda_moat"] == "inconsistent"
    assert found["level.edge_vs_cloud"] == found["level.code_vs_general"] == "inconsistent"
    assert found["level.reasoning"] == found["level.multimodal_fusion"] == "inconsistent"
    assert found["prediction.mcp_standard"] == "needs evidence"
    assert found["claim.levels.L2_option_count"] == "consistent"
    assert found["claim.levels.degree_L0"] == "consistent"
    assert found["claim.levels.degree_L3"] == "needs evidence"
    assert found["claim.market.head_firms_share"] == "needs evidence"
    assert found["claim.market.providers_2027"] == "not testable"
    assert sorted(check for check, verdict in found.items() if verdict == "inconsistent") == sorted([
        "claim.market.players_fold_reduction", "claim.levels.L0_max_share", "claim.levels.L1_option_count",
        "claim.market.gantt_three_to_five", "timeline.cuda_moat", "level.edge_vs_cloud",
        "level.code_vs_general", "level.reasoning", "level.multimodal_fusion"])


def test_arithmetic_is_shown():
    findings = audit.audit(AS_OF).set_index("check_id")["arithmetic"]
    assert "200 / 15 = 13.3×" in findings["claim.market.players_fold_reduction"]
    assert "450 players" in findings["claim.market.players_fold_reduction"]
    assert "60% <= 30% is false" in findings["claim.levels.L0_max_share"]
    assert "at least 4 options" in findings["claim.levels.L0_max_share"]
    assert "3 > 3 is false" in findings["claim.levels.L1_option_count"]
    assert "184 days apart" in findings["claim.market.gantt_three_to_five"]


def test_a_stated_multiple_that_matches_its_counts_is_consistent(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.players_fold_reduction", value="13.3")
    assert verdicts()["claim.market.players_fold_reduction"] == "consistent"


def test_a_looser_l0_ceiling_makes_the_l0_examples_fit(copied):
    set_cells(copied / "claims.csv", "claim_id", "levels.L0_max_share", value="0.7")
    set_cells(copied / "level_thresholds.csv", "threshold_id", "L0.max_share", value="0.7")
    found = verdicts()
    assert found["claim.levels.L0_max_share"] == "consistent"


def test_a_fourth_named_rival_satisfies_the_l1_count(copied):
    rows = read_rows(copied / "options.csv")
    rows.append({**[row for row in rows if row["option_id"] == "cot"][0],
                 "option_id": "tree_search", "name_zh": "树搜索", "name_en": "Tree search"})
    write_rows(copied / "options.csv", rows)
    found = verdicts()
    assert found["level.reasoning"] == "needs evidence"
    assert found["claim.levels.L1_option_count"] == "inconsistent"  # multimodal fusion still names three


def test_dates_decide_the_timeline_and_milestone_verdicts(copied):
    set_cells(copied / "timeline_tasks.csv", "task_id", "cuda_moat", end="2025-06-30")
    set_cells(copied / "timeline_tasks.csv", "task_id", "market_three_to_five", end="2027-11-30")
    found = verdicts()
    assert found["timeline.cuda_moat"] == "consistent"
    assert found["claim.market.gantt_three_to_five"] == "consistent"


def test_the_as_of_date_moves_the_verdicts():
    later = verdicts(date(2028, 1, 1))
    assert later["timeline.cuda_moat"] == "not testable"  # ended by then, but after the latest seed date
    assert later["prediction.market_three_to_five"] == "needs evidence"
    assert later["claim.application.convergence_window"] == "needs evidence"
    earlier = verdicts(date(2026, 6, 1))
    assert earlier["prediction.mcp_standard"] == "not testable"


def test_a_recorded_outcome_settles_a_prediction(copied):
    set_cells(copied / "predictions.csv", "prediction_id", "mcp_standard", outcome="refuted",
              outcome_evidence="test evidence", outcome_source="test source")
    assert verdicts()["prediction.mcp_standard"] == "inconsistent"


def test_a_claim_without_a_check_stops_the_audit(copied):
    rows = read_rows(copied / "claims.csv")
    rows.append({**rows[0], "claim_id": "market.new_claim", "ref": ""})
    write_rows(copied / "claims.csv", rows)
    with pytest.raises(KeyError, match="market.new_claim"):
        audit.audit(AS_OF)


def test_verdict_counts_cover_every_check():
    findings = audit.audit(AS_OF)
    counts = audit.verdict_counts(findings)
    assert len(counts) == 2 * len(audit.VERDICTS)
    assert counts.checks.sum() == len(findings)
    assert counts.set_index(["kind", "verdict"]).loc[("claim", "inconsistent"), "checks"] == 4


@pytest.mark.parametrize(("value", "operator", "target", "high", "expected"), [
    (0.3, "<=", 0.3, None, True), (0.3, "<", 0.3, None, False), (3, ">", 3, None, False),
    (4, ">", 3, None, True), (2, "=", 2, None, True), (2027, "range", 2026, 2027, True),
    (2028, "range", 2026, 2027, False),
])
def test_compare(value, operator, target, high, expected):
    assert audit.compare(value, operator, target, high) is expected
