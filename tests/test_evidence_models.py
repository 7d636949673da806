"""The evidence measures on epoch_models (concentration by compute, frontier developers, compute growth by
composition and start year): known values on the committed data, synthetic cases and the phrases they choose."""

from __future__ import annotations

import pandas as pd
import pytest

from scaling_book.analysis import evidence_releases as rel
from scaling_book.analysis import frontier_developers as fd
from scaling_book.analysis.concentration import parent_companies
from scaling_book.inputs.load import load_table
from scaling_book.views import evidence_frontier as vf
from scaling_book.views import evidence_releases as vr


@pytest.fixture(scope="module")
def releases() -> pd.DataFrame:
    return load_table("epoch_releases")


@pytest.fixture(scope="module")
def frontier(releases: pd.DataFrame) -> pd.DataFrame:
    return fd.frontier_by_year(load_table("epoch_models"), parent_companies(), rel.combined_years(releases))


def synthetic(rows: list[tuple[int, str | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "lead_organization", "training_compute_flop"])


def test_combined_years_run_to_the_newer_release_with_its_year_partial(releases):
    assert rel.combined_full_year(releases) == 2025
    assert rel.combined_partial_year(releases) == 2026
    assert rel.combined_years(releases)[-1] == 2026
    assert rel.seam_date(releases) == pd.Timestamp("2025-01-01")


def test_without_the_newer_release_there_is_no_seam(releases):
    older = releases.assign(status=["read", "absent"])
    assert rel.seam_date(older) is None
    assert rel.combined_partial_year(older) == 2025


def test_frontier_counts_of_the_committed_data(frontier):
    row = frontier.set_index("year").loc[2025]
    assert (row["models"], row["developers"]) == (38, 17)
    assert (row["above_1e23"], row["above_1e25"], row["near_largest"]) == (16, 6, 3)
    assert row["largest_flop"] == pytest.approx(5e26)
    assert row["top5_compute"] > row["top5_count"]


def test_year_measures_on_a_synthetic_year():
    models = synthetic(
        [
            (2025, "A", 1e26),
            (2025, "A", 1e22),
            (2025, "B", 2e25),
            (2025, "C", 5e23),
            (2025, None, 3e26),  # the year's largest, organisation unknown
            (2025, "D", None),  # no estimate: left out
        ]
    )
    row = fd.frontier_by_year(models, {"C": "A"}, [2025]).iloc[0]
    assert (row["models"], row["organization_known"], row["developers"]) == (5, 4, 2)
    assert (row["above_1e23"], row["above_1e25"]) == (2, 2)
    assert row["near_largest"] == 1  # only A's 1e26 is within 10x of 3e26
    assert row["hhi_count"] == pytest.approx(0.75**2 + 0.25**2)


def test_threshold_name_and_flop():
    assert fd.threshold_name(1e23) == "1e23"
    assert vf.flop(5e26) == "5.0e26"
    assert vf.flop(3.810001e25) == "3.8e25"


def test_weighting_verdict(frontier):
    row = frontier.set_index("year").loc[2025]
    assert vf.weighting_verdict(row["top5_count"], row["top5_compute"]) == (
        "more concentrated by compute than by model count"
    )
    assert vf.weighting_verdict(0.6, 0.4) == "less concentrated by compute than by model count"
    assert vf.weighting_verdict(0.401, 0.399) == "as concentrated by compute as by model count"


def test_partial_note():
    assert vf.partial_note(2026) == "2026, the snapshot's last year, is partial"
    assert vf.partial_note(None) == "no year is partial"


def test_releases_source_names_each_release_and_its_period(releases):
    line = vr.releases_source(releases, "data/processed/epoch_models.csv")
    assert "(releases 2025-03 and 2026-04; CC BY 4.0)" in line
    assert "(release 2025-03; CC BY 4.0)" in vr.releases_source(releases.iloc[:1], "x")
    assert "2026-04" not in vr.releases_source(releases.assign(status=["read", "absent"]), "x")


def test_composition_growth_of_the_committed_data(releases):
    from datetime import date

    from scaling_book.analysis import compute_growth as cg

    fits = cg.composition_growth(load_table("epoch_models"), date(rel.combined_full_year(releases), 12, 31))
    assert [fit.start.year for fit in fits] == [2010, 2018]
    since_2010, since_2018 = fits
    assert (since_2010.everything.models, since_2010.language.models) == (446, 289)
    assert (since_2018.everything.models, since_2018.language.models) == (365, 252)
    assert since_2010.everything.last_date <= date(2025, 12, 31)
    assert since_2010.difference.excludes_zero and since_2018.difference.excludes_zero
    assert round(since_2010.everything.growth, 1) == 4.7 and round(since_2010.language.growth, 1) == 6.4


def test_subset_difference_reproduces_the_frontier_comparison():
    from scaling_book.analysis import compute_growth as cg

    compute = load_table("epoch_compute")
    rows = cg.compute_sample(compute)
    assert cg.subset_difference(rows, cg.frontier_mask(rows)) == cg.slope_difference(compute)


def test_higher_or_lower():
    from scaling_book.views.evidence_compute import higher_or_lower

    assert higher_or_lower(4.7, 6.6) == "higher than"
    assert higher_or_lower(6.6, 4.7) == "lower than"
    assert higher_or_lower(4.71, 4.74) == "the same as"


def test_per_year_counts_from_epoch_models_reproduce_the_older_release_up_to_2024():
    from scaling_book.analysis import evidence_models as em

    models = load_table("epoch_models")
    combined = em.models_by_year_from(models).set_index("year")
    older = load_table("epoch_models_by_year").query("dataset == 'notable' and year <= 2024").set_index("year")
    columns = [column for column in older.columns if column != "dataset"]
    assert (combined.loc[older.index, columns].to_numpy() == older[columns].to_numpy()).all()
    assert tuple(combined.loc[2025, ["models", "accessibility_known", "open_weights"]]) == (103, 100, 40)
    assert tuple(combined.loc[2025, ["language_models", "moe_known", "moe_flagged"]]) == (85, 85, 25)
    hardware = em.hardware_by_year_from(models, ["nvidia", "google_tpu", "huawei_ascend"])
    old_hw = load_table("epoch_hardware_by_year").query("dataset == 'notable' and year <= 2024")
    up_to_2024 = hardware[hardware["year"] <= 2024].set_index(["year", "country"]).sort_index()
    old_keyed = old_hw.set_index(["year", "country"]).sort_index()
    assert list(up_to_2024.index) == list(old_keyed.index)
    for column in ["hardware_known", "nvidia", "google_tpu", "huawei_ascend", "other"]:
        assert (up_to_2024[column].to_numpy() == old_keyed[column].to_numpy()).all()
    china_2025 = hardware.set_index(["year", "country"]).loc[(2025, "China")]
    assert tuple(china_2025[["hardware_known", "nvidia", "huawei_ascend"]]) == (6, 5, 1)


def test_with_combined_takes_the_notable_rows_from_the_seam_year_on():
    from scaling_book.analysis import evidence_models as em

    per_year = pd.DataFrame({"dataset": ["notable", "notable", "all"], "year": [2024, 2025, 2025], "models": [1, 3, 2]})
    combined = pd.DataFrame({"year": [2024, 2025], "models": [5, 6], "dataset": em.COMBINED})
    merged = em.with_combined(per_year, combined, 2025)
    assert sorted(zip(merged["dataset"], merged["year"], merged["models"])) == [
        ("all", 2025, 2),
        ("notable", 2024, 1),
        ("notable", 2025, 6),
    ]
    assert em.with_combined(per_year, combined, None) is per_year


def test_seam_year(releases):
    assert rel.seam_year(releases) == 2025
    assert rel.seam_year(releases.assign(status=["read", "absent"])) is None


def test_wider_partial_note():
    from scaling_book.views.evidence_openness import wider_partial_note

    manifest = load_table("epoch_manifest")
    assert wider_partial_note(manifest, ["notable", "all"]) == (
        " The All AI Models column ends on 2025-03-14, so its 2025 is partial."
    )
    assert wider_partial_note(manifest, ["notable"]) == ""


def test_seam_sentence(releases):
    assert vr.seam_sentence(releases) == (
        "Years before 2025 come from Epoch's release 2025-03 and years from 2025-01-01 on from its release 2026-04, "
        "with no model counted twice."
    )
    assert vr.seam_sentence(releases.assign(status=["read", "absent"])) == (
        "All years come from Epoch's release 2025-03; no newer release was supplied."
    )
