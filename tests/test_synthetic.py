"""The synthetic growth used by the scale benchmark keeps every table valid and is reproducible."""

from __future__ import annotations

import csv
import shutil

import pytest

from scaling_book.dev.synthetic import grow_data
from scaling_book.inputs.load import validate_all
from scaling_book.schemas.registry import TABLES

from .conftest import ROOT

FIXED = {
    "seeds",
    "levels",
    "epoch_manifest",
    "epoch_models_by_year",
    "epoch_hardware_by_year",
    "claims",
    "level_thresholds",
    "level_profiles",
    "audit_claim_checks",
    "audit_quantities",  # one row per kept claim
    "audit_stance_poles",  # keyed by an enumerated stance
    "epoch_releases",
}


FILE_TABLES = {name: table for name, table in TABLES.items() if "*" not in table.path}  # user folders do not grow


def rows_of(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
@pytest.mark.parametrize("factor", [3, 100])
def test_grown_data_passes_validation(data_copy, factor):
    before = {name: len(rows_of(data_copy / table.path)) for name, table in FILE_TABLES.items()}
    report = {growth.table: growth for growth in grow_data(data_copy, factor)}
    assert validate_all(data_copy) == []
    assert {name for name, growth in report.items() if growth.rows_after == growth.rows_before} == FIXED
    for name, table in FILE_TABLES.items():
        expected = before[name] if name in FIXED else factor * before[name]
        assert len(rows_of(data_copy / table.path)) == expected == report[name].rows_after, name


def test_copies_follow_their_references(data_copy):
    grow_data(data_copy, 3)
    options = {row["option_id"]: row for row in rows_of(data_copy / "framework/options.csv")}
    shares = {
        (row["area_id"], row["option_id"], row["scenario"]): row
        for row in rows_of(data_copy / "framework/adoption_shares.csv")
    }
    (area, option, scenario), original = next(iter(shares.items()))
    copy = shares[(area + "_s02", option + "_s02", scenario)]
    assert copy["share"] == original["share"]
    assert options[option + "_s02"]["area_id"] == options[option]["area_id"] + "_s02" == area + "_s02"
    assert options[option + "_s02"]["name_en"] == options[option]["name_en"] + " (copy 2)"


def test_growth_is_reproducible(data_copy, tmp_path):
    grow_data(data_copy, 4)
    first = {table.path: (data_copy / table.path).read_bytes() for table in FILE_TABLES.values()}
    again = tmp_path / "again"
    shutil.copytree(ROOT / "data", again, ignore=shutil.ignore_patterns("raw"))
    grow_data(again, 4)
    assert {table.path: (again / table.path).read_bytes() for table in FILE_TABLES.values()} == first
