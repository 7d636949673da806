"""What the evidence chapters say about the two releases epoch_models joins: the credit line with each release's
snapshot and period, and the sentence naming the seam."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.evidence_releases import read_releases, seam_date


def releases_source(releases: pd.DataFrame, tables: str) -> str:
    """Credit line of the Epoch releases a series reads: the releases and the licence, in one short line.

    The models each release supplies, snapshot dates, digests and the seam are in the data manifest and the
    chapter's note on the releases (:func:`seam_sentence`).
    """
    read = read_releases(releases)
    if read.empty:
        return f"Epoch AI, Notable AI Models (no release supplied to this edition); processed in {tables}"
    first = read.iloc[0]
    names = ("release " if len(read) == 1 else "releases ") + " and ".join(read["release"].astype(str))
    return f"Epoch AI, {first['title']}, {first['url']} ({names}; {first['licence']}); processed in {tables}"


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
