"""What the evidence chapters say about the two releases epoch_models joins: the credit line with each release's
snapshot and period, and the sentence naming the seam."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.evidence_releases import read_releases, seam_date


def releases_source(releases: pd.DataFrame, tables: str) -> str:
    """Credit line of the releases epoch_models joins: each release's snapshot and period, and the seam."""
    read = read_releases(releases)
    first = read.iloc[0]
    parts = []
    for _, row in read.iterrows():
        period = (
            f"from {row['period_from'].date().isoformat()}"
            if pd.notna(row["period_from"])
            else f"up to {row['period_to'].date().isoformat()}"
            if pd.notna(row["period_to"])
            else "all dates"
        )
        parts.append(f"release {row['release']} (snapshot {row['snapshot_date'].date().isoformat()}), {period}")
    seam = seam_date(releases)
    joined = (
        f"; seam {seam.date().isoformat()}, {len(read)} releases, no model counted twice" if seam is not None else ""
    )
    return f"Epoch AI, {first['title']}, {first['url']}: {'; '.join(parts)}{joined} ({first['licence']}); processed in {tables}"


def seam_sentence(releases: pd.DataFrame) -> str:
    """Which release supplies which years: the seam, or that a single release supplies them all."""
    read = read_releases(releases)
    seam = seam_date(releases)
    if seam is None:
        return f"All years come from Epoch's release {read.iloc[0]['release']}; no newer release was supplied."
    return (
        f"Years before {seam.year} come from Epoch's release {read.iloc[0]['release']} and years from "
        f"{seam.date().isoformat()} on from its release {read.iloc[-1]['release']}, with no model counted twice."
    )
