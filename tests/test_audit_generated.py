"""Generated checks of the claims audit: every share, degree, count and multiple against what bounds it."""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from scaling_book.analysis import audit, audit_generated_counts, audit_generated_levels
from scaling_book.analysis.audit_base import load_context
from scaling_book.inputs import load as data
from scaling_book.inputs.load import load_table
from scaling_book.views import audit_generated_text as text
from scaling_book.views.audit import audit_chapter
from scaling_book.views.audit_words import count_interval

AS_OF = date(2026, 11, 22)


def set_cells(path: Path, key_column: str, key: str, **values: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    matches = [row for row in rows if row[key_column] == key]
    assert len(matches) == 1, key
    matches[0].update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def copied(data_copy, monkeypatch) -> Path:
    """The framework tables in a scratch copy that the audit reads instead of data/."""
    monkeypatch.setattr(data, "data_dir", lambda: data_copy)
    return data_copy / "framework"


def generated(as_of: date = AS_OF) -> dict[str, str]:
    findings = audit.audit(as_of)
    chosen = findings[findings.check_id.str.startswith("generated.")]
    return chosen.set_index("check_id")["verdict"].to_dict()


def test_the_committed_data_give_the_reported_verdicts():
    found = generated()
    assert len(found) == 39
    inconsistent = sorted(check for check, verdict in found.items() if verdict == "inconsistent")
    assert inconsistent == sorted(
        [
            "generated.share.edge_vs_cloud.edge.all.L0.max_share",
            "generated.share.edge_vs_cloud.cloud.all.L0.max_share",
            "generated.share.code_vs_general.general_model.all.L0.max_share",
            "generated.degree.levels.degree_L1.declared_degree",
            "generated.degree.levels.degree_L1_detail.declared_degree",
            "generated.options.reasoning.L1.option_count",
            "generated.options.multimodal_fusion.L1.option_count",
            "generated.options.edge_vs_cloud.L0.max_share",
            "generated.options.code_vs_general.L0.max_share",
        ]
    )
    assert found["generated.share.code_vs_general.code_model.all.L0.max_share"] == "consistent"  # 30% ≤ 30%
    assert found["generated.degree.levels.degree_L1.leader_share"] == "consistent"
    assert found["generated.multiple.market.players_fold_reduction.market.players_2023.market.players_2025"] == (
        "consistent"  # '200+' is at least 200: thirtyfold needs 450, which it allows
    )
    assert found["generated.part_share.market.head_firms_share.market.players_2025"] == "consistent"
    assert found["generated.counts.market.head_firms.market.players_2025"] == "consistent"


def test_a_share_flips_against_its_threshold():
    context = load_context(AS_OF)
    shares = load_table("adoption_shares")
    verdicts = {f.check_id: f.verdict for f in audit_generated_levels.share_threshold_findings(context, shares)}
    assert verdicts["generated.share.edge_vs_cloud.edge.all.L0.max_share"] == "inconsistent"
    lowered = shares.assign(share=[0.3 if o == "edge" else s for o, s in zip(shares.option_id, shares.share)])
    verdicts = {f.check_id: f.verdict for f in audit_generated_levels.share_threshold_findings(context, lowered)}
    assert verdicts["generated.share.edge_vs_cloud.edge.all.L0.max_share"] == "consistent"


def test_a_floor_binds_only_the_largest_share():
    context = load_context(AS_OF)
    context.areas.loc[context.areas.area_id == "edge_vs_cloud", "level_id"] = "L3"  # a copy: load_table copies
    findings = audit_generated_levels.share_threshold_findings(context)
    on_edge = {f.facts["option_id"]: f.verdict for f in findings if f.facts["area_id"] == "edge_vs_cloud"}
    assert on_edge == {"cloud": "inconsistent"}  # 60% ≥ 90%? no; the 40% share is not the leader's


def test_the_splits_a_level_allows():
    rules = load_context(AS_OF).rules
    ranges = audit_generated_levels.allowed_ranges(rules, ["leader_share", "convergence_degree"])
    assert ranges["L4"]["leader_share"] == (1.0, 1.0)  # no real rival: one option holds everything
    assert ranges["L2"]["leader_share"][0] == pytest.approx(0.5)
    assert ranges["L2"]["leader_share"][1] == pytest.approx(0.895)  # no winner: below 90%
    assert ranges["L1"]["convergence_degree"][1] == pytest.approx(0.2232, abs=1e-3)


def test_a_degree_flips_under_its_reading(copied):
    assert generated()["generated.degree.levels.degree_L1.declared_degree"] == "inconsistent"
    set_cells(copied / "levels.csv", "level_id", "L1", claimed_degree="0.2")  # the claims mirror the levels
    for claim_id in ("levels.degree_L1", "levels.degree_L1_detail"):
        set_cells(copied / "claims.csv", "claim_id", claim_id, value="0.2")
    found = generated()
    assert found["generated.degree.levels.degree_L1.declared_degree"] == "consistent"
    assert found["generated.degree.levels.degree_L1.leader_share"] == "consistent"


def test_the_readings_are_data():
    context = load_context(AS_OF)
    readings = pd.DataFrame({"reading_id": ["leader"], "measure": ["leader_share"], "name_en": ["leader share"]})
    findings = audit_generated_levels.degree_reading_findings(context, readings)
    assert {f.check_id.rsplit(".", 1)[1] for f in findings} == {"leader"}
    assert all(f.verdict == "consistent" for f in findings)


def test_named_options_flip_against_the_count_criterion():
    context = load_context(AS_OF)
    options = load_table("options")
    verdicts = {f.check_id: f.verdict for f in audit_generated_levels.named_option_findings(context, options)}
    assert verdicts["generated.options.reasoning.L1.option_count"] == "inconsistent"
    fourth = pd.DataFrame([{**options.iloc[0].to_dict(), "option_id": "fourth", "area_id": "reasoning"}])
    verdicts = {
        f.check_id: f.verdict
        for f in audit_generated_levels.named_option_findings(context, pd.concat([options, fourth]))
    }
    assert verdicts["generated.options.reasoning.L1.option_count"] == "consistent"  # 4 > 3


def test_a_looser_l0_ceiling_lets_two_options_fit(copied):
    set_cells(copied / "level_thresholds.csv", "threshold_id", "L0.max_share", value="0.5")
    set_cells(copied / "claims.csv", "claim_id", "levels.L0_max_share", value="0.5")  # the claim mirrors it
    assert generated()["generated.options.edge_vs_cloud.L0.max_share"] == "consistent"  # 1/2 ≤ 50%


def test_counts_flip(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms", value="20")
    found = generated()
    assert found["generated.counts.market.head_firms.market.players_2025"] == "inconsistent"  # 20 ≤ 15? no
    set_cells(copied / "claims.csv", "claim_id", "market.gantt_three_to_five", value="6", value_high="8")
    assert generated()["generated.counts.market.providers_2027.market.gantt_three_to_five"] == "inconsistent"


def test_a_multiple_flips_when_its_end_point_is_exact(copied):
    set_cells(copied / "claims.csv", "claim_id", "market.players_2023", operator="=")
    check = "generated.multiple.market.players_fold_reduction.market.players_2023.market.players_2025"
    assert generated()[check] == "inconsistent"  # 200 / 15 = 13.3×, not 30× ± 10%


def test_a_share_flips_against_the_counts(copied):
    check = "generated.part_share.market.head_firms_share.market.players_2025"
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms_share", value="0.3")
    assert generated()[check] == "inconsistent"  # the 6 largest of 15 hold at least 40%
    set_cells(copied / "claims.csv", "claim_id", "market.head_firms_share", value="1")
    assert generated()[check] == "inconsistent"  # nine other players remain


def test_interval_reads_the_operator():
    claim = pd.Series({"value": 200.0, "value_high": math.nan, "operator": ">=", "unit": "count"})
    assert audit_generated_counts.interval(claim) == (200.0, math.inf)
    assert audit_generated_counts.interval(claim.replace(">=", ">")) == (201.0, math.inf)
    assert audit_generated_counts.interval(claim.replace(">=", "=")) == (200.0, 200.0)


def test_the_texts_state_the_arithmetic():
    facts = {"level_id": "L0", "criterion_id": "L0.max_share", "option_id": "edge", "share": 0.4, "largest": False}
    _, arithmetic = text.share_threshold_text({**facts, "operator": "<=", "target": 0.3, "holds": False})
    assert arithmetic.endswith("40% ≤ 30%? no")
    assert count_interval(200, math.inf) == "at least 200" and count_interval(3, 5) == "3–5"
    assert count_interval(15, 15) == "15"


def test_the_chapter_counts_and_shows_every_generated_check():
    results = audit_chapter()
    assert results.value("audit.generated.all") == 45 == len(results.tables["tbl-audit-generated"].frame)
    assert results.value("audit.generated.all.inconsistent") == 11
    assert results.value("audit.generated") == 6 and results.value("audit.generated.inconsistent") == 2
    kinds = ("restatements", "event_dates", "shares", "degrees", "counts", "multiples", "bounds")
    assert sum(results.value(f"audit.generated.{kind}") for kind in kinds) == 45
    assert results.value("audit.generated.shares.inconsistent") == 3
    assert results.shown("audit.generated.degrees.failed").startswith("L1 technologies are 30% converged")
