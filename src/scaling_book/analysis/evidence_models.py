"""Yearly counts from epoch_models, in the shape of the per-year tables of the March 2025 release, so that the
evidence chapters can show 2025 as a complete year: years before the seam stay as the older release's tables
give them, years from the seam's on are counted from epoch_models (whose rows from 2025-01-01 come from the
newer release). Up to 2024 the two agree exactly (tests/test_evidence_models.py).

The coding follows the pipeline's per-year tables: accessibility known when filled in, open weights when it
starts with 'Open weights'; language models by the language flag, MoE known when their flag is readable;
hardware known when any family is listed, each family counted when mentioned; a country row counts the models
whose country groups include it.
"""

from __future__ import annotations

import pandas as pd

from scaling_book.schemas.processed import COUNTRY_GROUPS, OTHER_HARDWARE

COMBINED = "notable_combined"  # dataset label of the series built from epoch_models


def models_by_year_from(models: pd.DataFrame) -> pd.DataFrame:
    """Per year: models, organisation known, accessibility known, open weights, language models, MoE known and flagged."""
    rows = models.assign(
        organization_known=models["lead_organization"].notna(),
        accessibility_known=models["accessibility"].notna(),
        open_weights=models["accessibility"].fillna("").str.startswith("Open weights"),
        language_models=models["language"].fillna(False).astype(bool),
    )
    rows["moe_known"] = rows["language_models"] & rows["moe_flag"].notna()
    rows["moe_flagged"] = rows["moe_known"] & rows["moe_flag"].fillna(False).astype(bool)
    columns = [
        "organization_known",
        "accessibility_known",
        "open_weights",
        "language_models",
        "moe_known",
        "moe_flagged",
    ]
    counts = rows.groupby(rows["year"].astype(int))[columns].sum().astype(int)
    counts.insert(0, "models", rows.groupby(rows["year"].astype(int)).size())
    return counts.reset_index().assign(dataset=COMBINED)


def hardware_by_year_from(models: pd.DataFrame, family_ids: list[str]) -> pd.DataFrame:
    """Per year and country group: models with hardware known and those mentioning each family (and other);
    like the pipeline's table, a year and group with no hardware known has no row."""
    families = models["hardware_families"].fillna("").str.split(";")
    frames = []
    for country in COUNTRY_GROUPS:
        mask = (
            pd.Series(True, index=models.index)
            if country == "all"
            else models["countries"].fillna("").str.split(";").map(lambda groups, c=country: c in groups)
        )
        rows = pd.DataFrame({"year": models["year"].astype(int), "hardware_known": families.map(any)})[mask]
        for family in [*family_ids, OTHER_HARDWARE]:
            rows[family] = families[mask].map(lambda listed, f=family: f in listed)
        counts = rows[rows["hardware_known"]].groupby("year").sum().astype(int).reset_index()
        frames.append(counts.assign(country=country, dataset=COMBINED))
    return pd.concat(frames, ignore_index=True)


def with_combined(
    per_year: pd.DataFrame, combined: pd.DataFrame, from_year: int | None, dataset: str = "notable"
) -> pd.DataFrame:
    """``per_year`` with the rows of ``dataset`` from ``from_year`` on (the seam's year) taken from ``combined``;
    earlier years stay as the older release's table gives them. Unchanged when there is no seam (None)."""
    if from_year is None:
        return per_year
    kept = per_year[(per_year["dataset"] != dataset) | (per_year["year"] < from_year)]
    newer = combined[combined["year"] >= from_year].assign(dataset=dataset)[per_year.columns]
    return pd.concat([kept, newer], ignore_index=True)
