"""Yearly shares of notable models: by training hardware family, with open weights, and flagged mixture-of-experts.

Each share comes with the count behind it and its Wilson interval (:func:`evidence_common.with_shares`).
Hardware families are the book's table ``data/editorial/hardware_families.csv`` plus the residual
``OTHER_HARDWARE`` (hardware matching none of them), shown as ``OTHER_NAME``.
"""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.evidence_common import with_shares
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import OTHER_HARDWARE

OTHER_NAME = "Other"  # name shown for the pipeline's column of hardware in none of the families


def hardware_families() -> dict[str, str]:
    """Family id -> name shown, in the editorial table's order, then the residual family."""
    table = load_table("hardware_families").sort_values("order")
    return dict(zip(table["family_id"], table["name_en"])) | {OTHER_HARDWARE: OTHER_NAME}


def hardware_shares(hardware_by_year: pd.DataFrame, dataset: str, families: dict[str, str],
                    country: str = "all") -> pd.DataFrame:
    """Tidy per (year, family): models mentioning the family among those with hardware known, share, interval.

    ``families`` maps the columns counting each family to the names shown, in their order (see
    :func:`hardware_families`)."""
    rows = hardware_by_year[(hardware_by_year["dataset"] == dataset) & (hardware_by_year["country"] == country)]
    long = rows.melt(id_vars=["year", "hardware_known"], value_vars=list(families),
                     var_name="family", value_name="models")
    long["family"] = long["family"].map(families)
    long = with_shares(long, "models", "hardware_known")
    order = {name: index for index, name in enumerate(families.values())}
    return long.sort_values(["year", "family"], key=lambda column: column.map(order) if column.name == "family"
                            else column).reset_index(drop=True)


def majority_years(shares: pd.DataFrame) -> tuple[int, int]:
    """(years with a share above one half, years whose whole interval lies above one half)."""
    return int((shares["share"] > 0.5).sum()), int((shares["share_low"] > 0.5).sum())


def open_weights_by_year(models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: models with accessibility known, those with open weights, share and interval."""
    rows = models_by_year[models_by_year["dataset"] == dataset]
    return with_shares(rows[["year", "accessibility_known", "open_weights"]], "open_weights", "accessibility_known")


def moe_by_year(models_by_year: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """Per year: language models with a readable MoE flag, those flagged, share and interval."""
    rows = models_by_year[models_by_year["dataset"] == dataset]
    return with_shares(rows[["year", "language_models", "moe_known", "moe_flagged"]], "moe_flagged", "moe_known")
