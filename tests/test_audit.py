"""The claims audit: a verdict for every claim, the seeds' contradictions found by computation, verdicts that follow the data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from scaling_book.analysis import audit, audit_claims, audit_internal, audit_sources, scorecard
from scaling_book.inputs import load as data

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
    assert all(isinstance(facts, dict) for facts in findings.facts)


def test_the_seeds_contradictions_on_the_committed_data():
    found = verdicts()
    assert found["claim.market.players_fold_reduction"] == "needs evidence"  # only more than '200+' states gives 30×
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
    assert found["claim.market.head_firms"] == "consistent"
    assert found["claim.capability.benchmark_spread"] == found["claim.capability.mmlu_spread_caict"] == "consistent"
    assert found["claim.market.providers_2027"] == "not testable"
    # the anti-convergence document (000) says optimisation algorithms and evaluation methods diverge
    assert found["timeline.optimizer_convergence"] == found["timeline.benchmark_homogenisation"] == "inconsistent"
    assert found["timeline.domestic_compute"] == "not testable"  # the overview states no date to test its start
    assert found["layer.training_paradigm"] == found["layer.application_protocol"] == "needs evidence"
    assert found["layer.capability_performance"] == "not testable"
    # the checks generated from the tables (generated.*) are listed in tests/test_audit_generated.py
    picked = {check: verdict for check, verdict in found.items() if not check.startswith("generated.")}
    assert sorted(check for check, verdict in picked.items() if verdict == "inconsistent") == sorted(
        [
            "claim.levels.L0_max_share",
            "claim.levels.L1_option_count",
            "claim.market.gantt_three_to_five",
            "timeline.cuda_moat",
            "timeline.loss_theory",
            "timeline.transformer_dominance",
            "timeline.optimizer_convergence",
            "timeline.benchmark_homogenisation",
            "event.market_three_to_five.market_three_to_five.market_three_to_five",
            "event.mcp_standard.mcp_standardisation.mcp_standard",
            "layer.infrastructure",
            "layer.hardware_adaptation",
            "level.edge_vs_cloud",
            "level.code_vs_general",
            "level.reasoning",
            "level.multimodal_fusion",
        ]
    )


def test_a_stated_multiple_that_matches_its_counts_is_consistent(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.players_fold_reduction", value="13.3")
    assert verdicts()["claim.market.players_fold_reduction"] == "consistent"


def test_a_stated_multiple_no_allowed_count_gives_is_inconsistent(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.players_2023", operator="=")  # exactly 200, not '200+'
    assert verdicts()["claim.market.players_fold_reduction"] == "inconsistent"
    set_cells(copied / "claims.csv", "claim_id", "market.players_2023", operator=">=", value="450")
    assert verdicts()["claim.market.players_fold_reduction"] == "consistent"


def test_a_looser_l0_ceiling_makes_the_l0_examples_fit(copied):
    set_cells(copied / "claims.csv", "claim_id", "levels.L0_max_share", value="0.7")
    set_cells(copied / "level_thresholds.csv", "threshold_id", "L0.max_share", value="0.7")
    found = verdicts()
    assert found["claim.levels.L0_max_share"] == "consistent"


def test_a_fourth_named_rival_satisfies_the_l1_count(copied):
    rows = read_rows(copied / "options.csv")
    rows.append(
        {
            **[row for row in rows if row["option_id"] == "cot"][0],
            "option_id": "tree_search",
            "name_zh": "树搜索",
            "name_en": "Tree search",
        }
    )
    write_rows(copied / "options.csv", rows)
    found = verdicts()
    assert found["level.reasoning"] == "needs evidence"
    assert found["claim.levels.L1_option_count"] == "inconsistent"  # multimodal fusion still names three


def drop_stances(copied: Path, topic: str) -> None:
    """Remove the seeds' coded statements on one topic, so that the dates alone decide its Gantt status."""
    stances = copied.parent / "editorial" / "audit_stances.csv"
    write_rows(stances, [row for row in read_rows(stances) if row["topic"] != topic])


def test_dates_decide_the_timeline_and_milestone_verdicts(copied):
    drop_stances(copied, "hardware_ecosystem")
    set_cells(copied / "timeline_tasks.csv", "task_id", "cuda_moat", end="2025-06-30")
    set_cells(copied / "timeline_tasks.csv", "task_id", "market_three_to_five", end="2027-11-30")
    found = verdicts()
    assert found["timeline.cuda_moat"] == "not testable"  # ended before the as-of date; the overview is undated
    assert found["claim.market.gantt_three_to_five"] == "consistent"
    set_cells(copied / "seeds.csv", "seed_id", "002_467ff758eae77421.txt", last_updated_as_stated="2025-11-10")
    assert verdicts()["timeline.cuda_moat"] == "consistent"


def test_the_as_of_date_moves_the_verdicts(copied):
    drop_stances(copied, "hardware_ecosystem")
    later = verdicts(date(2028, 1, 1))
    assert later["timeline.cuda_moat"] == "not testable"  # ended by then, but after the latest seed date
    assert later["prediction.market_three_to_five"] == "needs evidence"
    assert later["claim.application.convergence_window"] == "needs evidence"
    earlier = verdicts(date(2026, 6, 1))
    assert earlier["prediction.mcp_standard"] == "not testable"


def test_a_recorded_outcome_is_the_predictions_public_verdict(copied):
    assert verdicts()["prediction.mcp_standard"] == "needs evidence"  # the seeds alone cannot settle it

    def public() -> str:
        rows = audit_sources.scorecard_sources(scorecard.prediction_scores(AS_OF)).set_index("check_id")
        return str(rows.loc["prediction.mcp_standard", "verdict"])

    assert public() == "inconsistent"  # recorded as partly in prediction_outcomes.csv
    set_cells(copied.parent / "editorial/prediction_outcomes.csv", "item_id", "mcp_standard", status="resolved_yes")
    assert public() == "consistent"


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
    assert counts.set_index(["kind", "verdict"]).loc[("claim", "inconsistent"), "checks"] == 3


@pytest.mark.parametrize(
    ("value", "operator", "target", "high", "expected"),
    [
        (0.3, "<=", 0.3, None, True),
        (0.3, "<", 0.3, None, False),
        (3, ">", 3, None, False),
        (4, ">", 3, None, True),
        (2, "=", 2, None, True),
        (2027, "range", 2026, 2027, True),
        (2028, "range", 2026, 2027, False),
    ],
)
def test_compare(value, operator, target, high, expected):
    assert audit.compare(value, operator, target, high) is expected


def test_a_claimed_degree_outside_the_computed_range_is_inconsistent(copied):
    for claim_id in ("levels.degree_L0", "levels.degree_L0_detail"):
        set_cells(copied / "claims.csv", "claim_id", claim_id, value="0.5")
    set_cells(copied / "levels.csv", "level_id", "L0", claimed_degree="0.5")
    assert verdicts()["claim.levels.degree_L0"] == "inconsistent"
    for claim_id in ("levels.degree_L0", "levels.degree_L0_detail"):
        set_cells(copied / "claims.csv", "claim_id", claim_id, value="0.2")
    set_cells(copied / "levels.csv", "level_id", "L0", claimed_degree="0.2")
    assert verdicts()["claim.levels.degree_L0"] == "consistent"  # 4%-16% widened by 5 points reaches 21%


def test_degrees_that_do_not_fall_break_the_ladder(copied):
    assert verdicts()["levels.degree_ladder"] == "consistent"
    set_cells(copied / "claims.csv", "claim_id", "levels.degree_L2", value="0.9")
    set_cells(copied / "levels.csv", "level_id", "L2", claimed_degree="0.9")
    assert verdicts()["levels.degree_ladder"] == "inconsistent"


def test_stated_shares_above_100_percent_together_are_inconsistent():
    assert audit.share_group_verdict({"a": 0.4, "b": 0.6})[1] == "needs evidence"
    total, verdict = audit.share_group_verdict({"a": 0.5, "b": 0.6})
    assert verdict == "inconsistent" and total == pytest.approx(1.1)


def test_an_active_task_that_starts_after_its_seeds_own_date_is_inconsistent(copied):
    set_cells(copied / "seeds.csv", "seed_id", "002_467ff758eae77421.txt", last_updated_as_stated="2024-12-31")
    drop_stances(copied, "optimisers")
    found = verdicts()
    assert found["timeline.domestic_compute"] == "inconsistent"  # starts 2025-01-01
    assert found["timeline.optimizer_convergence"] == "consistent"  # ended 2024-12-31, by the seed's date


def test_a_statement_decides_a_done_status(copied):
    stances = copied.parent / "editorial" / "audit_stances.csv"
    rows = read_rows(stances)
    write_rows(stances, [row for row in rows if row["topic"] != "training_theory"])
    assert verdicts()["timeline.loss_theory"] == "not testable"  # the undated overview cannot date it
    for row in rows:
        if row["topic"] == "architecture" and row["stance"] != "settled":
            row["stance"] = "settled"
    write_rows(stances, rows)
    assert verdicts()["timeline.transformer_dominance"] == "consistent"


def test_the_five_layer_statuses_follow_the_named_options(copied):
    set_cells(copied / "caict_layer_levels.csv", "layer_id", "infrastructure", market_structure_options="")
    set_cells(copied / "caict_layer_levels.csv", "layer_id", "hardware_adaptation", technical_form_options="4")
    set_cells(
        copied / "caict_layer_levels.csv",
        "layer_id",
        "capability_performance",
        level_id="L2",
        technical_form_options="2",
    )
    found = verdicts()
    assert found["layer.infrastructure"] == "needs evidence"
    assert found["layer.hardware_adaptation"] == "needs evidence"  # four options let the leader stay at 25%
    assert found["layer.capability_performance"] == "needs evidence"
    set_cells(copied / "caict_layer_levels.csv", "layer_id", "capability_performance", technical_form_options="3")
    assert verdicts()["layer.capability_performance"] == "inconsistent"


def test_evidence_claims_follow_the_seeds_numbers(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms", value="20")
    set_cells(copied / "claims.csv", "claim_id", "capability.mmlu_spread_caict", value="0.1")
    found = verdicts()
    assert found["claim.market.head_firms"] == "inconsistent"
    assert found["claim.capability.benchmark_spread"] == found["claim.capability.mmlu_spread_caict"] == "inconsistent"
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms_share", value="1")
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms", value="6")
    assert verdicts()["claim.market.head_firms_share"] == "inconsistent"  # nothing left for nine other players


def test_the_criterion_check_reads_the_thresholds_table(copied):
    set_cells(copied / "level_thresholds.csv", "threshold_id", "L1.option_count", operator=">=")
    assert verdicts()["claim.levels.L1_option_count"] == "consistent"


def editorial_checks(data_copy: Path) -> Path:
    return data_copy / "editorial" / "audit_claim_checks.csv"


def test_the_claims_own_tests_are_read_from_the_editorial_table(copied):
    checks = editorial_checks(copied.parent)
    assert verdicts()["claim.market.providers_2027"] == "not testable"  # dated by the 2027Q4 prediction
    set_cells(checks, "claim_id", "market.providers_2027", prediction_id="mcp_standard")
    assert (
        verdicts()["claim.market.providers_2027"] == "needs evidence"
    )  # 2026Q2 has passed; the seeds cannot settle it
    set_cells(
        checks,
        "claim_id",
        "market.head_firms",
        check="unsourced",
        compared_claim="",
        reason_en="a count of head firms with no source",
    )
    findings = audit.audit(AS_OF).set_index("check_id")
    assert findings.loc["claim.market.head_firms", "verdict"] == "needs evidence"
    assert findings.loc["claim.market.head_firms", "facts"]["reason"] == "a count of head firms with no source"


def test_a_claim_whose_editorial_row_is_removed_has_no_check(copied):
    checks = editorial_checks(copied.parent)
    write_rows(checks, [row for row in read_rows(checks) if row["claim_id"] != "training.time_predictability"])
    with pytest.raises(KeyError, match="training.time_predictability"):
        audit.audit(AS_OF)


@pytest.mark.parametrize(
    ("measure", "operator", "applies"),
    [
        ("leader_share", "<=", True),
        ("leader_share", "<", True),
        ("leader_share", ">=", False),
        ("option_count", "<=", False),
    ],
)
def test_leader_floor_applies_to_ceilings_on_the_leader_share(measure, operator, applies):
    assert audit_claims.leader_floor_applies(measure, operator) is applies


def test_quarter_of_a_day():
    assert audit_claims.quarter_of(date(2027, 5, 31)) == "2027Q2"
    assert audit_claims.quarter_of(date(2027, 12, 31)) == "2027Q4"


@pytest.mark.parametrize(
    ("date_verdict", "contradicted", "supported", "expected"),
    [
        (None, True, False, "inconsistent"),
        ("consistent", True, True, "inconsistent"),
        (None, False, True, "consistent"),
        ("needs evidence", False, False, "needs evidence"),
        (None, False, False, "not testable"),
        ("inconsistent", False, True, "inconsistent"),
    ],
)
def test_status_verdict(date_verdict, contradicted, supported, expected):
    assert audit_internal.status_verdict(date_verdict, contradicted, supported) == expected


def test_verdict_total_counts_by_kind():
    findings = audit.audit(AS_OF)
    assert audit.verdict_total(findings, "inconsistent") == 25  # 16 picked or paired, 9 generated from the tables
    assert audit.verdict_total(findings, "inconsistent", "claim") == 3


def test_generated_checks_follow_the_numbers(copied):
    found = verdicts()
    assert found["restated.levels.degree_L1.levels.degree_L1_detail"] == "consistent"  # shown as restated
    assert found["event.mcp_standard.mcp_standardisation.application.convergence_window"] == "consistent"
    set_cells(copied / "claims.csv", "claim_id", "levels.degree_L1_detail", operator=">=")  # "at least 30%"
    set_cells(copied / "predictions.csv", "prediction_id", "mcp_standard", due_quarter="2027Q1")
    found = verdicts()
    assert found["restated.levels.degree_L1.levels.degree_L1_detail"] == "inconsistent"
    assert found["event.mcp_standard.mcp_standardisation.mcp_standard"] == "consistent"
    set_cells(copied / "claims.csv", "claim_id", "application.convergence_window", value="2028", value_high="2029")
    assert verdicts()["event.mcp_standard.mcp_standardisation.application.convergence_window"] == "inconsistent"
