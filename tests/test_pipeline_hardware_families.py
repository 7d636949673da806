"""Hardware families: defined once in data/editorial/hardware_families.csv, counted by the Epoch pipeline."""

from __future__ import annotations

from scaling_book.inputs.load import load_table
from scaling_book.pipelines.epoch_files import HardwareFamily, families_mentioned, load_hardware_families
from scaling_book.schemas.processed import OTHER_HARDWARE, PROCESSED_TABLES

HARDWARE_TABLE = next(table for table in PROCESSED_TABLES if table.name == "epoch_hardware_by_year")


def test_editorial_families_and_the_processed_count_columns_agree():
    columns = list(HARDWARE_TABLE.column_names)
    counts = columns[columns.index("hardware_known") + 1 :]
    families = load_table("hardware_families").sort_values("order")["family_id"].tolist()
    assert counts == [*families, OTHER_HARDWARE], (
        "data/editorial/hardware_families.csv and the count columns of epoch_hardware_by_year "
        "(schemas/processed.py) must name the same families in the same order"
    )


def test_families_load_in_table_order():
    assert load_hardware_families() == (
        HardwareFamily("nvidia", "NVIDIA"),
        HardwareFamily("google_tpu", "Google TPU"),
        HardwareFamily("huawei_ascend", "Huawei Ascend"),
    )


def test_a_hardware_cell_counts_each_family_it_mentions_once():
    families = load_hardware_families()
    assert families_mentioned("NVIDIA A100 SXM4 40 GB, nvidia V100,Google TPU v4", families) == {"nvidia", "google_tpu"}
    assert families_mentioned("Huawei Ascend 910, AMD Instinct MI250X", families) == {"huawei_ascend", OTHER_HARDWARE}
    assert families_mentioned(" , ", families) == set()


def test_the_editorial_table_decides_the_families():
    with_amd = (*load_hardware_families(), HardwareFamily("amd", "AMD"))
    assert families_mentioned("AMD Instinct MI250X", with_amd) == {"amd"}
    assert families_mentioned("AMD Instinct MI250X", with_amd[:1]) == {OTHER_HARDWARE}
