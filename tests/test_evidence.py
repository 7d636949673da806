"""The evidence measures: known values worked out by hand, and invariants checked with hypothesis."""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_book.analysis import benchmarks as bm
from scaling_book.analysis import compute_growth as cg
from scaling_book.analysis import concentration as conc
from scaling_book.analysis import evidence_common as common
from scaling_book.analysis import evidence_shares as sh
from scaling_book.analysis.measures import hhi
from scaling_book.pipelines import epoch
from scaling_book.views import evidence_tables as et


def compute_frame(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dataset": "notable",
            "model": [f"m{index}" for index in range(len(rows))],
            "publication_date": pd.to_datetime([row[0] for row in rows]),
            "training_compute_flop": [row[1] for row in rows],
            "frontier": pd.array([row[2] for row in rows], dtype="boolean"),
        }
    )


def test_decimal_year():
    dates = pd.Series(pd.to_datetime(["2020-01-01", "2021-07-02", "2019-12-31"]))
    assert cg.decimal_year(dates) == pytest.approx([2020.0, 2021 + 182 / 365.25, 2019 + 364 / 365.25])


def test_growth_and_doubling_conversions():
    assert cg.growth_per_year(math.log10(4)) == pytest.approx(4)
    assert cg.doubling_months(math.log10(2)) == pytest.approx(12)
    assert cg.doubling_months(2 * math.log10(2)) == pytest.approx(6)
    assert cg.doubling_months(0.0) == math.inf


def test_compute_growth_recovers_an_exact_exponential():
    # Compute quadruples every year (doubling every six months); one earlier model lies off the line
    # and must be ignored because it predates the start of the fit.
    start = date(2010, 1, 1)
    rows = [("2009-06-01", 1e30, True)]
    rows += [(f"{2010 + year}-01-01", 1e15 * 4 ** (year + 0.0), year % 2 == 0) for year in range(10)]
    # Dates on 1 January make the decimal year an integer, so the line is exact.
    growth = cg.compute_growth(compute_frame(rows), resamples=200)
    assert cg.COMPUTE_START == start
    assert growth.models == 10
    assert growth.growth == pytest.approx(4)
    assert growth.doubling == pytest.approx(6)
    assert growth.growth_interval == pytest.approx((4, 4))  # every resample lies on the same line
    assert growth.trend(2012.0) == pytest.approx(1e15 * 16)
    frontier = cg.compute_growth(compute_frame(rows), frontier_only=True, resamples=200)
    assert frontier.models == 5 and frontier.growth == pytest.approx(4)


def test_compute_growth_interval_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(1)
    years = rng.uniform(2010, 2024, 200)
    rows = [
        (f"{int(year)}-{1 + int((year % 1) * 12):02d}-15", 10 ** (15 + 0.6 * (year - 2010) + rng.normal(0, 1)), False)
        for year in years
    ]
    frame = compute_frame(rows)
    first, again = cg.compute_growth(frame), cg.compute_growth(frame)
    other = cg.compute_growth(frame, seed=cg.BOOTSTRAP_SEED + 1)
    assert first == again
    assert (first.slope_low, first.slope_high) != (other.slope_low, other.slope_high)
    assert first.slope_low < first.slope < first.slope_high
    low, high = first.doubling_interval
    assert low < first.doubling < high


def test_bootstrap_in_blocks_draws_as_one_block(monkeypatch):
    rng = np.random.default_rng(4)
    x, y = rng.uniform(2010, 2025, 301), rng.normal(size=301)
    whole = cg.bootstrap_slopes(x, y, 50, seed=9)
    monkeypatch.setattr(cg, "BOOTSTRAP_BLOCK", 301 * 7)  # 8 blocks, the last one short
    assert np.array_equal(cg.bootstrap_slopes(x, y, 50, seed=9), whole)
    picks = np.random.default_rng(9).integers(0, 301, size=(50, 301))
    xs = x[picks] - x[picks].mean(axis=1, keepdims=True)
    expected = (xs * (y[picks] - y[picks].mean(axis=1, keepdims=True))).sum(axis=1) / (xs**2).sum(axis=1)
    assert np.array_equal(whole, expected)


def test_slope_difference_is_bootstrapped_on_the_same_resamples():
    rng = np.random.default_rng(2)
    years = rng.uniform(2010, 2024, 120)
    frontier = rng.uniform(size=120) < 0.4
    rows = [
        (
            f"{int(year)}-{1 + int((year % 1) * 12):02d}-15",
            10 ** (15 + (0.9 if top else 0.5) * (year - 2010) + rng.normal(0, 0.5)),
            bool(top),
        )
        for year, top in zip(years, frontier)
    ]
    frame = compute_frame(rows)
    difference = cg.slope_difference(frame, resamples=400)
    expected = cg.compute_growth(frame, True, resamples=10).slope - cg.compute_growth(frame, resamples=10).slope
    assert difference.difference == pytest.approx(expected)
    assert 0 < difference.low < difference.difference < difference.high and difference.excludes_zero
    assert difference == cg.slope_difference(frame, resamples=400)
    # When the frontier models lie on the same line as the rest, the difference is zero in every resample.
    same = compute_frame([(f"{2010 + year}-01-01", 1e15 * 4**year, year % 2 == 0) for year in range(10)])
    flat = cg.slope_difference(same, resamples=200)
    assert (flat.difference, flat.low, flat.high) == pytest.approx((0, 0, 0), abs=1e-9)
    assert not flat.excludes_zero and flat.resamples <= 200
    with pytest.raises(ValueError, match="at least 3 frontier models"):
        cg.slope_difference(compute_frame([(f"{2010 + year}-01-01", 1e15, year == 0) for year in range(5)]))


def test_compute_growth_needs_three_models():
    with pytest.raises(ValueError, match="at least 3 models"):
        cg.compute_growth(compute_frame([("2011-01-01", 1e20, False), ("2012-01-01", 1e21, False)]))


def test_compute_by_year_summarises_each_year():
    rows = [
        ("2010-01-01", 1e10, False),
        ("2010-06-01", 1e12, False),
        ("2010-09-01", 1e14, False),
        ("2011-01-01", 1e13, False),
    ]
    frame = compute_frame(rows)
    summary = cg.compute_by_year(frame, cg.compute_growth(frame, resamples=50), False, "all").set_index("year")
    assert summary.loc[2010, ["models", "min_flop", "median_flop", "max_flop"]].tolist() == [3, 1e10, 1e12, 1e14]
    assert summary.loc[2011, "models"] == 1 and set(summary["group"]) == {"all"}


def test_hhi_and_top_share_known_values():
    assert hhi([0.25] * 4) == pytest.approx(0.25)
    assert hhi([1.0]) == pytest.approx(1.0)
    assert hhi([0.5, 0.25, 0.25]) == pytest.approx(0.25 + 0.0625 + 0.0625)
    assert conc.top_share(pd.Series([1, 5, 3, 1]), 2) == pytest.approx(0.8)


@given(st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=40))
def test_concentration_invariants(counts):
    series = pd.Series(counts)
    index = hhi(series / series.sum())
    assert 1 / len(counts) - 1e-12 <= index <= 1 + 1e-12
    assert 1 / index <= len(counts) + 1e-9
    shares = [conc.top_share(series, k) for k in range(1, len(counts) + 1)]
    assert all(a <= b + 1e-12 for a, b in zip(shares, shares[1:])) and shares[-1] == pytest.approx(1)


def test_concentration_by_year():
    org_year = pd.DataFrame(
        {
            "dataset": "notable",
            "year": [2020, 2020, 2020, 2021],
            "organization": ["A", "B", "C", "A"],
            "models": [2, 1, 1, 3],
        }
    )
    models = pd.DataFrame({"dataset": "notable", "year": [2020, 2021], "models": [5, 3], "organization_known": [4, 3]})
    result = conc.concentration_by_year(org_year, models, "notable").set_index("year")
    assert result.loc[2020, ["models", "organization_known", "organizations"]].tolist() == [5, 4, 3]
    assert result.loc[2020, "hhi"] == pytest.approx(0.375)
    assert result.loc[2020, "effective_organizations"] == pytest.approx(1 / 0.375)
    assert result.loc[2020, "top5_share"] == pytest.approx(1.0)
    assert result.loc[2021, "hhi"] == pytest.approx(1.0)


def test_wilson_interval_known_values():
    assert common.wilson_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    low, high = common.wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    assert all(math.isnan(value) for value in common.wilson_interval(0, 0))


@given(st.integers(min_value=1, max_value=2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_contains_the_share(case):
    successes, n = case
    low, high = common.wilson_interval(successes, n)
    assert 0 <= low <= successes / n + 1e-12 and successes / n - 1e-12 <= high <= 1
    # No floating-point residue at the ends: none or all successes give exactly 0 or 1.
    assert (low == 0.0) == (successes == 0) and (high == 1.0) == (successes == n)


def test_hardware_shares_are_tidy_and_count_based():
    hardware = pd.DataFrame(
        {
            "dataset": "notable",
            "year": [2020, 2020, 2021],
            "country": ["all", "China", "all"],
            "hardware_known": [4, 1, 0],
            "nvidia": [3, 1, 0],
            "google_tpu": [2, 0, 0],
            "huawei_ascend": [0, 0, 0],
            "other": [0, 0, 0],
        }
    )
    families = sh.hardware_families()
    assert families == {
        "nvidia": "NVIDIA",
        "google_tpu": "Google TPU",
        "huawei_ascend": "Huawei Ascend",
        "other": "Other",
    }  # the editorial table in its order, then the residual family
    shares = sh.hardware_shares(hardware, "notable", families)
    assert list(shares["family"]) == ["NVIDIA", "Google TPU", "Huawei Ascend", "Other"]  # 2021 has nothing known
    assert shares["share"].tolist() == pytest.approx([0.75, 0.5, 0.0, 0.0])
    assert shares["few_rows"].all()
    china = sh.hardware_shares(hardware, "notable", families, "China")
    assert china.set_index("family").loc["NVIDIA", "share"] == 1.0


def test_open_weights_and_moe_shares():
    models = pd.DataFrame(
        {
            "dataset": ["notable", "notable", "all"],
            "year": [2020, 2021, 2020],
            "models": [30, 12, 50],
            "organization_known": [30, 12, 50],
            "accessibility_known": [20, 0, 40],
            "open_weights": [5, 0, 10],
            "language_models": [12, 4, 30],
            "moe_known": [12, 4, 30],
            "moe_flagged": [3, 0, 1],
        }
    )
    open_weights = sh.open_weights_by_year(models, "notable")
    assert open_weights["year"].tolist() == [2020] and open_weights["share"].tolist() == [0.25]
    moe = sh.moe_by_year(models, "notable").set_index("year")
    assert moe.loc[2020, "share"] == 0.25 and moe.loc[2021, "share"] == 0 and bool(moe.loc[2021, "few_rows"])


SCORES = pd.DataFrame(
    {
        "dataset": "benchmarks",
        "task": "GPQA diamond",
        "model": ["a_high", "a_low", "b", "c", "d", "e", "f"],
        "best_score": [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
        "runs": 1,
    }
)


def test_benchmark_spread_and_its_leave_one_out_range():
    spread = bm.benchmark_spread(SCORES, "GPQA diamond")
    assert (spread.best, spread.kth, spread.best_model, spread.kth_model) == (0.9, 0.5, "a_high", "d")
    assert spread.spread == pytest.approx(0.4)
    # Leaving out the leader: 0.8 - 0.4; leaving out any other of the top five: 0.9 - 0.4.
    assert (spread.spread_low, spread.spread_high) == pytest.approx((0.4, 0.5))
    # Relative to each ranking's best: 0.4/0.8 = 0.5 (leader out) and 0.5/0.9 (another out); full 0.4/0.9.
    assert (spread.relative_low, spread.relative_high) == pytest.approx((0.4 / 0.9, 0.5 / 0.9))
    with pytest.raises(ValueError, match="needs more than 5 models"):
        bm.benchmark_spread(SCORES.head(5), "GPQA diamond")


def test_each_model_counts_once_at_its_best_setting():
    once = bm.one_entry_per_model(SCORES)
    assert once["model"].tolist() == ["a_high", "b", "c", "d", "e", "f"]
    assert bm.benchmark_spread(once, "GPQA diamond").spread == pytest.approx(0.5)
    assert bm.repeated_entries(bm.ranked_scores(SCORES, "GPQA diamond"), 10) == 1
    assert bm.base_model("claude-3-7-sonnet-20250219_64K") == "claude-3-7-sonnet-20250219"
    assert bm.base_model("o3-mini-2025-01-31_medium") == "o3-mini-2025-01-31"
    # An underscore that does not introduce a setting is part of the model's name.
    assert bm.base_model("some_model-7b") == "some_model-7b" and bm.base_model("grok-3-beta") == "grok-3-beta"


def spread_with_range(task: str, low: float, high: float) -> bm.Spread:
    return bm.Spread(task, 10, 1.0, "a", 1.0 - low, "e", low, high, low, high)  # best 1: relative = points


MANIFEST = pd.DataFrame(
    {
        "dataset": ["notable", "benchmarks"],
        "title": ["Notable AI Models", "AI Benchmarking Hub"],
        "url": ["https://epoch.ai/data/notable-ai-models", "https://epoch.ai/data/x"],
        "licence": "CC BY 4.0",
        "status": "read",
        "snapshot_date": pd.to_datetime(["2025-03-16", None]),
        "sha256": ["a" * 64, "b" * 64],
    }
)


def test_snapshot_years():
    assert common.snapshot_year(MANIFEST, "notable") == 2025
    assert common.partial_year(MANIFEST, "notable") == 2025
    assert common.latest_full_year(MANIFEST, "notable") == 2024
    assert common.table_years(MANIFEST, "notable") == list(range(2015, 2026))
    full = MANIFEST.assign(snapshot_date=pd.to_datetime(["2024-12-31", None]))
    assert common.partial_year(full, "notable") is None and common.latest_full_year(full, "notable") == 2024


def test_share_table_shows_count_interval_and_few_rows():
    frame = pd.DataFrame(
        {
            "year": [2020],
            "series": ["A"],
            "k": [5],
            "n": [10],
            "share": [0.5],
            "share_low": [0.2366],
            "share_high": [0.7634],
        }
    )
    table = et.share_table(frame, series="series", count_column="k", total="n", years=[2020, 2021], partial=2021)
    assert table.to_dict("list") == {"Year": ["2020", "2021 (partial)"], "A": ["50% (5/10; 24–76%)", "–"]}
    few = et.share_cell(2, 4, 0.5, 0.15, 0.85)
    assert few == "50% (2/4; 15–85%; few rows)"


def test_every_evidence_chart_draws_exactly_its_frame():
    from scaling_book.render.figures import ChartFigure
    from scaling_book.views.charts import evidence as charts

    compute = compute_frame([("2010-01-01", 1e15, True), ("2011-06-01", 1e16, False), ("2012-01-01", 1e17, True)])
    growth = cg.compute_growth(compute, resamples=50)
    trend = pd.concat(
        [cg.compute_by_year(compute, growth, False, "All"), cg.compute_by_year(compute, growth, True, "F")]
    )
    concentration = pd.DataFrame(
        {
            "year": [2020, 2021],
            "models": [5, 6],
            "organization_known": [5, 6],
            "organizations": [3, 4],
            "hhi": [0.4, 0.3],
            "top5_share": [1.0, 0.9],
        }
    )
    shares = common.with_shares(
        pd.DataFrame({"year": [2020, 2021], "group": ["A", "A"], "k": [1, 3], "n": [4, 12]}), "k", "n"
    )
    leading = et.leading_frame(SCORES, ("GPQA diamond",), 6, 0.05)
    cases = [
        (charts.compute_trend(trend), len(trend)),
        (charts.organizations_by_year(et.organizations_frame({"Notable": concentration}, 2020)), 4),
        (charts.concentration_indices(et.indices_frame(concentration, 2020)), 4),
        (charts.share_by_year(shares, series="group", count="k", total="n", title="Share"), 2),
        (charts.leading_scores(leading), 6),
    ]
    for index, (chart, rows) in enumerate(cases):
        figure = ChartFigure(f"fig-test-{index}", chart, source="test")
        assert len(figure.data) == rows


def test_majority_years_count_shares_and_intervals_above_one_half():
    shares = pd.DataFrame({"share": [0.6, 0.7, 0.4], "share_low": [0.45, 0.55, 0.2]})
    assert sh.majority_years(shares) == (2, 1)


def test_country_table_gives_shares_with_intervals():
    hardware = pd.DataFrame(
        {
            "dataset": "notable",
            "year": [2020, 2020, 2020],
            "country": ["all", "China", "United States"],
            "hardware_known": [6, 4, 2],
            "nvidia": [5, 4, 1],
            "google_tpu": [1, 0, 1],
            "huawei_ascend": [0, 0, 0],
            "other": [0, 0, 0],
        }
    )
    table = et.country_hardware_table(hardware, "notable", [2020], None, sh.hardware_families())
    assert table["Country"].tolist() == ["United States", "China"]
    low, high = common.wilson_interval(4, 4)
    assert table["NVIDIA"].tolist() == ["50% (1/2; 9–91%; few rows)", f"100% (4/4; {low * 100:.0f}–100%; few rows)"]
    assert table["Huawei Ascend"].tolist()[1] == "0% (0/4; 0–49%; few rows)"


def test_parent_companies_merge_their_units_and_raise_concentration():
    org_year = pd.DataFrame(
        {
            "dataset": "notable",
            "year": 2020,
            "organization": ["Google", "DeepMind", "Google Brain", "Meta AI", "Facebook", "MIT"],
            "models": [2, 1, 1, 1, 1, 4],
        }
    )
    merged = conc.by_parent(org_year, conc.parent_companies())  # the editorial table
    assert dict(zip(merged["organization"], merged["models"])) == {
        "Alphabet (Google)": 4,
        "Meta (Facebook)": 2,
        "MIT": 4,
    }
    models = pd.DataFrame({"dataset": "notable", "year": [2020], "models": [11], "organization_known": [10]})
    split, joined = (conc.concentration_by_year(frame, models, "notable") for frame in (org_year, merged))
    assert split["hhi"][0] == pytest.approx(0.24) and joined["hhi"][0] == pytest.approx(0.36)
    assert joined["organizations"][0] == 3 and joined["models"][0] == 11 and joined["organization_known"][0] == 10


@pytest.mark.slow
def test_benchmark_chapter_builds_with_a_note_when_the_runs_file_is_absent(tmp_path):
    from scaling_book.bookbuild.execute import entry_dir, execute_chapter

    from .conftest import copy_project

    root = copy_project(tmp_path / "book")
    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).parent / "fixtures" / "epoch", raw)
    (raw / "benchmark_runs.csv").unlink()
    epoch.write_processed(epoch.process(raw), root / "data")
    manifest = pd.read_csv(root / "data" / "processed" / "epoch_manifest.csv").set_index("dataset")
    assert manifest.loc["benchmarks", "status"] == "absent"
    record = execute_chapter(
        str(root),
        str(tmp_path / "work"),
        "chapters/evidence/benchmarks",
        str(root / "chapters" / "evidence" / "benchmarks.md"),
        "key",
    )
    assert not any(key.startswith("evidence.benchmarks.gpqa.") for key in record.numbers)
    note = pd.read_csv(entry_dir(tmp_path / "work", record) / "artifacts" / "tbl-evidence-benchmarks.csv")
    assert note["Note"].tolist() == [
        "benchmark_runs.csv was absent from the snapshot; this chapter's measures are skipped."
    ]
    notebook = (entry_dir(tmp_path / "work", record) / "notebook.ipynb").read_text(encoding="utf-8")
    assert "evidence.benchmarks.absent_note" in notebook and "not measured" in notebook
