"""The evidence chapters' phrases: the phrase the committed data give, and a synthetic case that flips it;
and each chapter's view computes every key its prose glues and every table it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from scaling_book.analysis import compute_growth as cg
from scaling_book.analysis import concentration as conc
from scaling_book.analysis import evidence_common as common
from scaling_book.analysis import evidence_shares as sh
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import BENCHMARK_TASKS
from scaling_book.views import evidence_benchmarks as vb
from scaling_book.views import evidence_phrases as ph
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import percent

from .conftest import ROOT
from .test_evidence import MANIFEST, SCORES, spread_with_range


@pytest.fixture(scope="module")
def manifest() -> pd.DataFrame:
    return load_table("epoch_manifest")


@pytest.fixture(scope="module")
def last(manifest: pd.DataFrame) -> int:
    return common.latest_full_year(manifest, "notable")


def test_difference_verdict_says_whether_the_interval_excludes_one():
    difference = cg.slope_difference(load_table("epoch_compute"))
    assert ph.difference_verdict(difference) == "includes one, so the data cannot tell the two rates apart"
    apart = cg.SlopeDifference(0.2, 0.1, 0.3, 100)
    assert ph.difference_verdict(apart) == "excludes one, so the two rates differ beyond sampling noise"


def test_concentration_phrases_on_the_committed_data(manifest, last):
    org_year, models = load_table("epoch_org_year"), load_table("epoch_models_by_year")
    notable = conc.concentration_by_year(org_year, models, "notable").set_index("year")
    wide = conc.concentration_by_year(org_year, models, "all").set_index("year")
    parents = conc.concentration_by_year(
        conc.by_parent(org_year, conc.parent_companies()), models, "notable"
    ).set_index("year")
    claims = load_table("claims").set_index("claim_id")
    head_share = float(claims.loc["market.head_firms_share", "value"])
    low, high = (float(claims.loc["market.providers_2027", column]) for column in ("value", "value_high"))
    claimed_players = float(claims.loc["market.players_2025", "value"])
    first, final = notable.loc[2023], notable.loc[last]
    assert ph.compared(first["organizations"], final["organizations"]) == "fewer"
    assert ph.position(final["top6_share"], head_share) == "below"
    assert ph.position(final["effective_organizations"], low, high) == "above"
    before, after = int(wide.loc[2023, "organizations"]), int(wide.loc[last, "organizations"])
    assert ph.wider_count(before, after, 2023, last) == (
        f"In Epoch's wider dataset of all models, {before:,} organisations published a model in 2023 and {after:,} "
        f"in {last} (more)."
    )
    counts = [int(final["organizations"]), after]
    assert ph.versus_claimed_players(counts, claimed_players, last) == f"Both counts for {last} stay above"
    assert ph.parent_verdicts(final, parents.loc[last], head_share, low, high) == "leaves both verdicts above unchanged"
    assert ph.change_phrase([("HHI", final["hhi"], parents.loc[last, "hhi"], "{:.3f}".format)]).startswith(
        "leaves its HHI ("
    )


def test_concentration_phrases_flip():
    assert (ph.compared(3, 3), ph.compared(3, 4)) == ("as many", "more")
    assert (ph.position(0.5, 0.5), ph.position(0.6, 0.5), ph.position(4, 3, 5)) == ("at", "above", "within")
    assert ph.wider_count(None, None, 2023, 2024).startswith("This edition was built without")
    assert ph.versus_claimed_players([40], 50, 2024) == "The count for 2024 do not stay above"
    split = pd.Series({"top6_share": 0.5, "effective_organizations": 6.0})
    merged = pd.Series({"top6_share": 0.7, "effective_organizations": 6.0})
    assert ph.parent_verdicts(split, merged, 0.6, 3, 5) == "changes a verdict above"
    assert ph.parent_verdicts(split, split, 0.6, 3, 5) == "leaves both verdicts above unchanged"


def test_change_phrase_says_whether_a_measure_moves():
    three = "{:.3f}".format
    assert ph.change_phrase([("HHI", 0.0551, 0.0552, three)]) == "leaves its HHI (0.055) unchanged"
    assert ph.change_phrase([("HHI", 0.05, 0.1, three), ("top-five share", 0.4, 0.4, percent)]) == (
        "moves its HHI from 0.050 to 0.100 and leaves its top-five share (40%) unchanged"
    )


def test_hardware_phrases_on_the_committed_data(manifest, last):
    hardware = load_table("epoch_hardware_by_year")
    families = sh.hardware_families()
    overall = sh.hardware_shares(hardware, "notable", families).set_index(["year", "family"])
    nvidia = overall.loc[(last, families["nvidia"])]
    assert ph.majority_phrase(nvidia["share"]) == "held a majority"
    assert ph.moat_reading(nvidia["share"], nvidia["share_low"]) == "support"
    china = hardware[(hardware["dataset"] == "notable") & (hardware["country"] == "China")].set_index("year")
    china_last = china[["nvidia", "huawei_ascend"]].reindex([last], fill_value=0).iloc[0]
    assert ph.breakthrough_reading(int(china_last["nvidia"]), int(china_last["huawei_ascend"])) == (
        "give no support yet to"
    )
    end = load_table("timeline_tasks").set_index("task_id").loc["domestic_compute", "end"]
    assert ph.window_state(common.snapshot_date(manifest, "notable"), end) == "before the end"


def test_hardware_phrases_flip():
    assert ph.majority_phrase(0.5) == "did not hold a majority"
    assert ph.moat_reading(0.6, 0.45).startswith("are consistent with")
    assert ph.moat_reading(0.4, 0.2) == "do not support"
    assert ph.breakthrough_reading(3, 1) == "give only weak support to"
    assert ph.breakthrough_reading(2, 2) == "support"
    assert ph.window_state(pd.Timestamp("2031-01-01"), pd.Timestamp("2030-12-31")) == "after the end"


def test_openness_phrases_on_the_committed_data(manifest, last):
    shares = sh.open_weights_by_year(load_table("epoch_models_by_year"), "notable").set_index("year")
    recent = shares.loc[[year for year in shares.index if common.EVIDENCE_YEARS[0] <= year <= last], "share"]
    assert ph.openness_reading(recent.median()) == "no fringe"
    note = manifest.set_index("dataset")["columns_note"].fillna("")["all"]
    assert ph.moe_column(note).startswith("a column added to the copies of Epoch's files")
    task = load_table("timeline_tasks").set_index("task_id").loc["moe_standard"]
    assert ph.moe_window_state(common.snapshot_date(manifest, "all"), task["start"], task["end"]) == (
        "covers only the start of that period"
    )


def test_openness_phrases_flip():
    assert ph.openness_reading(0.6) == "the majority"
    assert ph.openness_reading(ph.FRINGE_SHARE) == "no fringe"
    assert ph.openness_reading(0.1) == "a small minority"
    assert ph.moe_column("moe_flag derived from parameter notes").startswith("derived by this book's pipeline")
    start, end = pd.Timestamp("2025-01-01"), pd.Timestamp("2026-12-31")
    assert ph.moe_window_state(pd.Timestamp("2024-06-01"), start, end) == "ends before that period begins"
    assert ph.moe_window_state(pd.Timestamp("2027-01-01"), start, end) == "covers that whole period"


def test_benchmark_phrases_on_the_committed_data(manifest):
    from scaling_book.analysis.benchmark_orgs import benchmark_readings
    from scaling_book.analysis.concentration import parent_companies

    scores = load_table("epoch_benchmark_scores")
    readings, _ = benchmark_readings(scores, load_table("epoch_models"), parent_companies(), BENCHMARK_TASKS)
    claimed = float(load_table("claims").set_index("claim_id").loc["capability.benchmark_spread", "value"])
    verdicts = {reading.task: vb.reading_verdict(reading, claimed) for reading in readings}
    assert ph.spread_summary(verdicts) == ("fails on MATH level 5; is undecided on GPQA diamond", "not supported")
    alternatives = vb.alternative_verdicts(readings, claimed)
    assert alternatives["without the sampling error"] == ["above the claimed bound throughout"] * 2
    assert ph.other_readings(list(verdicts.values()), alternatives).startswith(
        "change a verdict (read without the sampling error, relative to the best score,"
    )
    assert (
        ph.absent_note(manifest, "benchmarks")
        == "The measures below rest on benchmark_runs.csv as the pipeline read it."
    )
    absent = manifest.assign(status=manifest["status"].where(manifest["dataset"] != "benchmarks", "absent"))
    assert ph.absent_note(absent, "benchmarks") == (
        "benchmark_runs.csv was absent from the snapshot; this chapter's measures are skipped."
    )


def test_the_verdict_rests_on_the_whole_leave_one_out_range():
    assert ph.spread_verdict(spread_with_range("A", 0.01, 0.04), 0.05) == "below the claimed bound throughout"
    assert ph.spread_verdict(spread_with_range("A", 0.05, 0.07), 0.05) == "above the claimed bound throughout"
    assert ph.spread_verdict(spread_with_range("A", 0.048, 0.067), 0.05) == "on both sides of the claimed bound"
    verdicts = {"A": "above the claimed bound throughout", "B": "on both sides of the claimed bound"}
    assert ph.spread_summary(verdicts) == ("fails on A; is undecided on B", "not supported")
    verdicts["A"] = "below the claimed bound throughout"
    assert ph.spread_summary(verdicts) == ("holds on A; is undecided on B", "partly supported")
    assert ph.spread_summary({"B": verdicts["B"]}) == ("is undecided on B", "not established")
    assert ph.spread_summary({"A": verdicts["A"]}) == ("holds on A", "supported")


def test_other_readings_name_the_reading_that_changes_a_verdict():
    both = "on both sides of the claimed bound"
    above = "above the claimed bound throughout"
    assert ph.other_readings([both], {"relative": [both]}) == "give the same verdicts"
    assert (
        ph.other_readings([both], {"relative": [both], "as entries": [above]}) == "change a verdict (read as entries)"
    )
    assert ph.other_readings([both], {"x": [above], "y": [above]}) == "change a verdict (read x or y)"


def test_source_line_credits_epoch_with_url_and_snapshot():
    assert ph.source_line(MANIFEST, "notable", "data/processed/x.csv") == (
        "Epoch AI, Notable AI Models, https://epoch.ai/data/notable-ai-models (snapshot 2025-03-16; CC BY 4.0); "
        "processed in data/processed/x.csv"
    )
    assert "(undated; SHA-256 bbbbbbbbbbbb;" in ph.source_line(MANIFEST, "benchmarks", "y")
    both = ph.source_lines(MANIFEST, "z")
    assert both.count("Epoch AI, ") == 2 and "snapshot 2025-03-16" in both and "https://epoch.ai/data/x" in both
    assert both.count("processed in") == 1 and both.endswith("; processed in z")
    absent = MANIFEST.assign(status=["read", "absent"])
    assert ph.source_lines(absent, "z") == ph.source_line(MANIFEST, "notable", "z")


def test_benchmark_measures_cover_exactly_the_chapter_keys():
    from scaling_book.analysis.benchmark_orgs import benchmark_readings

    scores = pd.concat([SCORES, SCORES.assign(task="MATH level 5")], ignore_index=True)
    no_models = pd.DataFrame({"model": pd.Series([], dtype=str), "lead_organization": pd.Series([], dtype=str)})
    readings, per_model = benchmark_readings(scores, no_models, {}, ("GPQA diamond", "MATH level 5"))
    results = ChapterResults()
    vb.benchmark_measures(results, readings, scores, 0.05, 10)
    vb.scope_measures(results, per_model)
    assert sorted(results.keys()) == sorted(vb.benchmark_keys())
    # each synthetic id is unattributed, so it is its own organisation: 6 models, 6 organisations, 7 entries
    assert results.value("evidence.benchmarks.gpqa.organizations") == 6
    assert results.value("evidence.benchmarks.gpqa.models") == 6
    assert results.value("evidence.benchmarks.gpqa.entries") == 7
    assert results.value("evidence.benchmarks.unattributed") == 6
    assert results.shown("evidence.benchmarks.gpqa.verdict") == "above the claimed bound throughout"
    assert results.shown("evidence.benchmarks.gpqa.spread") == "50.0 points"
    assert results.shown("evidence.benchmarks.overall") == "not supported"


CHAPTERS = {
    "compute": "evidence_compute",
    "concentration": "evidence_concentration",
    "hardware": "evidence_hardware",
    "openness": "evidence_openness",
    "benchmarks": "evidence_benchmarks",
}


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_view_computes_what_its_chapter_glues_and_shows(chapter):
    import importlib

    view = getattr(importlib.import_module(f"scaling_book.views.{CHAPTERS[chapter]}"), f"{chapter}_chapter")
    results = view()
    text = (Path(ROOT) / "chapters" / "evidence" / f"{chapter}.md").read_text(encoding="utf-8")
    glued = set(re.findall(r"\{glue\}`([^`]+)`", text)) | set(re.findall(r"\{glue:figure\} (\S+)", text))
    shown = set(re.findall(r'show\(results, "([^"]+)"[,)]', text))  # a table may be shown collapsed=...
    assert glued - results.keys() == set()
    assert shown == set(results.tables) | set(results.blocks)
    assert set(re.findall(r"\{glue:figure\} (\S+)", text)) == set(results.charts)
