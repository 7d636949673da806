"""The per-model table (epoch_models): two Epoch releases combined by period, each model once, revisions reported.

Tests on the shared snapshots skip when ../shared/data/ is not beside the checkout; the byte-for-byte
check of the committed outputs is in test_epoch.py (it runs the pipeline with --newer).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scaling_book.pipelines import epoch
from scaling_book.pipelines.epoch_files import HardwareFamily
from scaling_book.pipelines.epoch_models import ModelRecord, country_groups, hardware_families, notes_amount
from scaling_book.pipelines.epoch_releases import ReleaseError, combine, match_releases, normalised

from .conftest import IN_CI, SHARED_EPOCH

FIXTURE = Path(__file__).parent / "fixtures" / "epoch"
SHARED_NEWER = SHARED_EPOCH.parent / "epoch-2026-04"
HAS_SHARED = SHARED_EPOCH.is_dir() and SHARED_NEWER.is_dir()
SKIP_REASON = f"needs {SHARED_EPOCH} and {SHARED_NEWER} (beside the checkout in CI; a reader's clone has none)"
needs_shared = pytest.mark.skipif(not HAS_SHARED and not IN_CI, reason=SKIP_REASON)


def record(model: str, published: str, organization: str = "Lab", dataset: str = "notable") -> ModelRecord:
    return ModelRecord(
        {
            "dataset": dataset,
            "model": model,
            "organization": organization,
            "publication_date": date.fromisoformat(published),
        }
    )


def tables_of(processed: epoch.Processed) -> dict[str, list[dict[str, str]]]:
    """Every table as the text rows its CSV holds."""
    return {
        name: list(csv.DictReader(epoch.processed_csv_text(name, rows).splitlines()))
        for name, rows in processed.tables.items()
    }


@pytest.fixture(scope="module")
def combined() -> dict[str, list[dict[str, str]]]:
    if not HAS_SHARED and not IN_CI:
        pytest.skip(SKIP_REASON)
    return tables_of(epoch.process(SHARED_EPOCH, newer=SHARED_NEWER))


def test_names_match_across_spacing_and_hyphens_but_not_symbols():
    assert normalised("Grok-3") == normalised("grok 3") == normalised("Grok_3")
    assert normalised("DeepLabV3+") != normalised("DeepLabV3")


def test_matching_prefers_exact_rows_then_revised_dates_then_renames():
    older = [record("A", "2025-01-05"), record("B-2", "2025-01-06"), record("C", "2025-01-07")]
    newer = [
        record("A", "2025-01-05"),
        record("B 2", "2025-01-06"),
        record("C", "2025-02-01"),
        record("C", "2025-01-07", organization="Other lab"),
    ]
    found = {(old.model, new.model, str(new.published), match) for old, new, match in match_releases(older, newer)}
    assert found == {
        ("A", "A", "2025-01-05", "same"),
        ("B-2", "B 2", "2025-01-06", "renamed"),
        ("C", "C", "2025-02-01", "same"),
    }


def test_a_model_whose_date_crosses_the_seam_is_counted_once_from_the_newer_release():
    older = [record("X", "2024-12-30"), record("Y", "2024-06-01"), record("Z", "2025-01-03")]
    newer = [record("X", "2025-01-02", dataset="notable_2026_04"), record("W", "2025-02-01", dataset="notable_2026_04")]
    kept = combine(older, newer, date(2025, 1, 1), date(2025, 1, 3))
    assert sorted((row.model, row.values["dataset"]) for row in kept) == [
        ("W", "notable_2026_04"),
        ("X", "notable_2026_04"),
        ("Y", "notable"),
    ]  # Z: dropped by the newer release


def test_a_seam_outside_what_the_files_cover_is_refused():
    with pytest.raises(ReleaseError, match="before 2025-01-01"):
        combine([record("Y", "2024-06-01")], [], date(2024, 12, 1), date(2025, 3, 16))
    with pytest.raises(ReleaseError, match="in neither release"):
        combine([record("Y", "2024-06-01")], [], date(2025, 6, 1), date(2025, 3, 16))


def test_country_groups_and_hardware_families_keep_other_and_unknown_apart():
    assert country_groups("China,United States of America,China") == "United States;China"
    assert country_groups("Korea (Republic of),China") == "China;other"
    assert country_groups("") == ""
    families = (HardwareFamily("nvidia", "NVIDIA"), HardwareFamily("google_tpu", "Google TPU"))
    assert hardware_families("Google TPU v4,Nvidia H100 80G,AMD MI300X", families) == "nvidia;google_tpu;other"
    assert hardware_families("", families) == ""


def test_notes_amount_reads_the_first_stated_total():
    assert notes_amount("1.6T total, 49B active") == 1.6e12
    assert notes_amount("355 billion total parameters") == 355e9
    assert notes_amount("Table 1") is None


def test_without_the_newer_release_the_table_holds_the_older_alone():
    tables = tables_of(epoch.process(FIXTURE))
    assert {row["dataset"] for row in tables["epoch_models"]} == {"notable"}
    assert len(tables["epoch_models"]) == 10 and {row["release"] for row in tables["epoch_models"]} == {"2022-12"}
    releases = {row["dataset"]: row for row in tables["epoch_releases"]}
    assert releases["notable"]["period_to"] == "" and releases["notable"]["models"] == "10"
    assert releases["notable_2026_04"]["status"] == "absent"
    assert "older release alone" in releases["notable_2026_04"]["columns_note"]
    assert tables["epoch_release_revisions"] == []


def test_a_newer_folder_without_its_file_is_an_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaling_book.pipelines.epoch",
            str(FIXTURE),
            "--newer",
            str(tmp_path),
            "--data",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "notable_ai_models_2025-01-01_on.csv: missing from" in result.stderr


@needs_shared
def test_shared_older_release_alone_has_no_newer_rows():
    tables = tables_of(epoch.process(SHARED_EPOCH))
    assert {row["release"] for row in tables["epoch_models"]} == {"2025-03"}
    assert len(tables["epoch_models"]) == 923


def test_no_model_appears_twice(combined):
    models = combined["epoch_models"]
    names = [(normalised(row["model"]), row["lead_organization"]) for row in models]
    assert len(names) == len(set(names))
    assert len(models) == 912 + 128


def test_a_model_of_the_overlap_window_comes_from_the_newer_release(combined):
    rows = {row["model"]: row for row in combined["epoch_models"]}
    assert rows["DeepSeek-R1"]["release"] == "2026-04" and rows["DeepSeek-R1"]["training_compute_flop"] == "3.5e+24"
    assert rows["GPT-4.5"]["training_compute_flop"] == "3.8e+26"
    assert {row["release"] for row in combined["epoch_models"] if row["year"] < "2025"} == {"2025-03"}
    assert {row["release"] for row in combined["epoch_models"] if row["year"] >= "2025"} == {"2026-04"}


def test_the_renamed_grok_model_is_reported_as_renamed(combined):
    rows = [row for row in combined["epoch_release_revisions"] if row["model"] == "Grok 3"]
    assert {(row["model_older"], row["match"]) for row in rows} == {("Grok-3", "renamed")}
    compute = next(row for row in rows if row["field"] == "training_compute_flop")
    assert (compute["value_older"], compute["value_newer"]) == ("4.64e+26", "3.5e+26")
    models = {row["model"] for row in combined["epoch_models"]}
    assert "Grok 3" in models and "Grok-3" not in models


def test_2026_rows_are_present_and_the_newer_snapshot_is_dated(combined):
    years = [row["year"] for row in combined["epoch_models"]]
    assert years.count("2026") == 25 and years.count("2025") == 103
    releases = {row["dataset"]: row for row in combined["epoch_releases"]}
    newer = releases["notable_2026_04"]
    assert (newer["status"], newer["snapshot_date"], newer["period_from"]) == ("read", "2026-04-24", "2025-01-01")
    assert newer["sha256"] == "373747396e9c59ad5d4d25f566b8049dbbf8692071ac8fb054144cdd80a70daf"
    assert releases["notable"]["period_to"] == "2024-12-31"


def test_epoch_values_that_look_wrong_are_reported_not_fixed(combined):
    rows = {row["model"]: row for row in combined["epoch_models"]}
    assert rows["DeepSeek-V4-Flash"]["parameters"] == "284000000.0"
    assert any(
        row["reason"] == "disagrees with notes" and row["example"].startswith("DeepSeek-V4-Flash")
        for row in combined["epoch_model_exclusions"]
    )


@needs_shared
def test_the_seam_is_a_setting():
    tables = tables_of(epoch.process(SHARED_EPOCH, newer=SHARED_NEWER, seam=date(2025, 2, 1)))
    rows = {row["model"]: row["release"] for row in tables["epoch_models"]}
    assert rows["DeepSeek-R1"] == "2025-03" and rows["Grok 3"] == "2026-04" and "Grok-3" not in rows
    assert {row["dataset"]: row["period_to"] for row in tables["epoch_releases"]}["notable"] == "2025-01-31"
