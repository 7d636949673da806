"""The audit's three sources (seeds, evidence atlas, public sources) and the seeds' opposite statements."""

from __future__ import annotations

import pandas as pd
import pytest

from scaling_book.analysis import audit, audit_stances
from scaling_book.analysis import audit_sources as sources
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of
from scaling_book.views.audit_sources import evidence_text, in_brief


@pytest.fixture(scope="module")
def atlas() -> sources.Atlas:
    return sources.load_atlas()


@pytest.fixture(scope="module")
def table(atlas: sources.Atlas) -> pd.DataFrame:
    findings = audit.audit(as_of())
    links, public = load_table("audit_evidence_links"), load_table("audit_public_sources")
    return sources.three_sources(findings, atlas, links, public).set_index("check_id")


def test_the_evidence_overrules_the_seeds_on_the_committed_data(table):
    # training hardware (a close fit) sits at L2, not at the L0 the seeds' 反向分化 reads as
    assert table.loc["layer.hardware_adaptation", "evidence"] == "inconsistent"
    assert table.loc["layer.hardware_adaptation", "overall"] == sources.AGAINST_EVIDENCE
    # the model-scale proxy puts edge-vs-cloud at L3, but a loose proxy cannot overrule the seeds' L0
    assert table.loc["level.edge_vs_cloud", "evidence"] == sources.NOT_SETTLED
    assert table.loc["claim.l0.share_cloud", "seeds"] == "needs evidence"
    assert table.loc["claim.l0.share_cloud", "overall"] == "needs evidence"
    assert table.loc["level.moe_vs_dense", "evidence"] == "consistent"
    assert table.loc["level.attention", "overall"] == sources.AGAINST_SOURCES
    assert table.loc["claim.market.players_2023", "evidence"] == "needs evidence"  # no link, no verdict


def test_a_figure_restated_elsewhere_is_restated_not_consistent(table):
    assert table.loc["claim.capability.benchmark_spread", "seeds"] == sources.RESTATED
    assert sources.seeds_verdict("same_statement", "inconsistent") == "inconsistent"
    assert sources.seeds_verdict("degree", "consistent") == "consistent"


def test_changing_the_seeds_number_flips_the_evidence_verdict(atlas):
    link = load_table("audit_evidence_links").set_index(["check_id", "measure"]).loc[("claim.l0.share_cloud", "share")]
    assert sources.measured_verdict(atlas, pd.Series({**link, "measure": "share"}))[0] == "inconsistent"
    assert sources.link_verdict(atlas, pd.Series({**link, "measure": "share"}))[0] == sources.NOT_SETTLED  # loose
    share = float(sources.last_measured(atlas.shares, "model_scale").set_index("option_id").loc["large", "share"])
    moved = pd.Series({**link, "measure": "share", "seed_value": str(share)})
    assert sources.measured_verdict(atlas, moved)[0] == "consistent"


def test_a_level_drawn_often_enough_is_not_settled_rather_than_inconsistent(atlas):
    levels = atlas.levels.copy()
    last = sources.last_measured(levels, "model_scale").index
    levels.loc[last, "p_L0"] = 0.2
    verdict, facts = sources.level_verdict(sources.Atlas(levels, atlas.shares, atlas.trends, 0.95), "model_scale", "L0")
    assert verdict == sources.NOT_SETTLED and facts["level"] == "L3"
    assert sources.level_verdict(atlas, "model_scale", "L3")[0] == "consistent"


def test_trend_verdicts():
    trends = pd.DataFrame({"area_id": ["a", "b"], "verdict": ["stable", "converging"]})
    atlas = sources.Atlas(pd.DataFrame(), pd.DataFrame(), trends, 0.95)
    assert sources.trend_verdict(atlas, "a", "diverging")[0] == sources.NOT_SETTLED
    assert sources.trend_verdict(atlas, "b", "diverging")[0] == "inconsistent"
    assert sources.trend_verdict(atlas, "b", "converging")[0] == "consistent"


@pytest.mark.parametrize(
    "seeds, evidence, public, expected",
    [
        ("consistent", "inconsistent", "needs evidence", sources.AGAINST_EVIDENCE),
        ("inconsistent", "needs evidence", "inconsistent", sources.AGAINST_SOURCES),
        ("inconsistent", "consistent", "needs evidence", "inconsistent"),
        ("needs evidence", "consistent", "needs evidence", "consistent"),
        ("restated", "needs evidence", "needs evidence", "restated"),
        ("not testable", "needs evidence", "needs evidence", "not testable"),
    ],
)
def test_overall_verdict(seeds, evidence, public, expected):
    assert sources.overall_verdict(seeds, evidence, public) == expected


def test_opposite_statements_on_the_committed_data():
    pairs = audit_stances.opposite_pairs(audit_stances.all_statements())
    found = set(zip(pairs["closed_id"], pairs["open_id"]))
    assert ("gantt.optimizer_convergence", "optimisers.algorithms_diverge") in found
    assert ("gantt.benchmark_homogenisation", "evaluation.methods_diverge") in found
    assert ("architecture.rules_everywhere", "architecture.hardware_splits") in found
    assert not any(
        topic == "training_paradigm" and closed.startswith("gantt.")
        for topic, closed in zip(pairs["topic"], pairs["closed_id"])
    )


def test_a_stance_flip_removes_the_pair():
    stances = load_table("audit_stances")
    flipped = stances.assign(stance=stances["stance"].where(stances["topic"] != "evaluation", "settled"))
    pairs = audit_stances.opposite_pairs(audit_stances.all_statements(stances=flipped))
    assert "evaluation" not in set(pairs["topic"])
    assert audit_stances.task_contradictions(pairs, "benchmark_homogenisation") == []


def test_a_done_task_without_a_topic_stops_the_build():
    tasks = load_table("timeline_tasks")
    with pytest.raises(KeyError, match="audit_task_topics"):
        audit_stances.done_statements(tasks, load_table("audit_task_topics").iloc[:1])


def test_evidence_links_state_what_the_seeds_tables_say():
    links = load_table("audit_evidence_links").set_index(["check_id", "measure"])["seed_value"]
    areas = load_table("areas").set_index("area_id")["level_id"]
    layers = load_table("caict_layer_levels").set_index("layer_id")["level_id"]
    claims = load_table("claims").set_index("claim_id")["value"]
    assert links[("level.edge_vs_cloud", "level")] == areas["edge_vs_cloud"]
    assert links[("level.moe_vs_dense", "level")] == areas["moe_vs_dense"]
    assert links[("layer.infrastructure", "level")] == layers["infrastructure"]
    assert links[("layer.hardware_adaptation", "level")] == layers["hardware_adaptation"]
    assert float(links[("claim.l0.share_cloud", "share")]) == claims["l0.share_cloud"]
    assert float(links[("claim.l0.share_edge", "share")]) == claims["l0.share_edge"]


def test_the_brief_and_the_arithmetic_carry_the_numbers(table):
    pairs = audit_stances.opposite_pairs(audit_stances.all_statements())
    brief = in_brief(table.reset_index(), pairs, pairs["topic"].nunique())
    assert brief.count("\n- ") + 1 == 4 and f"{len(table)} checks" in brief
    text = evidence_text(table.loc["level.edge_vs_cloud", "measured"])
    assert "seeds L0, atlas “Model scale of language models” 2025 L3" in text


def test_a_loose_proxy_cannot_contradict_the_seeds():
    levels = pd.DataFrame(
        {"area_id": ["a"], "scenario": ["all"], "year": [2024], "partial": [False], "measurable": [True]}
    ).assign(level="L3", p_L0=0.0)
    link = pd.Series({"measure": "level", "area_id": "a", "seed_value": "L0", "option_id": None})
    close = sources.Atlas(levels, pd.DataFrame(), pd.DataFrame(), 0.95, {"a": "close"})
    loose = sources.Atlas(levels, pd.DataFrame(), pd.DataFrame(), 0.95, {"a": "loose"})
    assert sources.link_verdict(close, link)[0] == "inconsistent"
    verdict, facts = sources.link_verdict(loose, link)
    assert verdict == "not settled" and facts["proxy"] == "loose" and facts["level"] == "L3"
