"""The years that epoch_models (two releases of Epoch AI's Notable AI Models joined at a seam) covers.

The combined snapshot ends on the newest publication date of the releases read; its year is partial
unless that date is 31 December. The seam is the first date the newer release supplies (empty when
only one release was read).
"""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.evidence_common import EVIDENCE_YEARS


def read_releases(releases: pd.DataFrame) -> pd.DataFrame:
    """The releases the pipeline read, oldest first."""
    return releases[releases["status"] == "read"].sort_values("release").reset_index(drop=True)


def combined_snapshot(releases: pd.DataFrame) -> pd.Timestamp:
    """The newest publication date over the releases read."""
    return pd.Timestamp(read_releases(releases)["snapshot_date"].max())


def combined_partial_year(releases: pd.DataFrame) -> int | None:
    """The combined snapshot's year if it ends before 31 December, else None."""
    snapshot = combined_snapshot(releases)
    return None if (snapshot.month, snapshot.day) == (12, 31) else int(snapshot.year)


def combined_full_year(releases: pd.DataFrame) -> int:
    """The last calendar year the combined releases cover completely."""
    snapshot = combined_snapshot(releases)
    return int(snapshot.year) - (combined_partial_year(releases) is not None)


def combined_years(releases: pd.DataFrame) -> list[int]:
    """Years of the yearly tables on epoch_models: from the first glued year to the combined snapshot's year."""
    return list(range(EVIDENCE_YEARS[0], int(combined_snapshot(releases).year) + 1))


def seam_date(releases: pd.DataFrame) -> pd.Timestamp | None:
    """First publication date taken from the newer release (None when only one release was read)."""
    read = read_releases(releases)
    starts = read["period_from"].dropna() if len(read) > 1 else pd.Series([], dtype="datetime64[s]")
    return pd.Timestamp(starts.min()) if len(starts) else None


def seam_year(releases: pd.DataFrame) -> int | None:
    """Year of the seam (None when only one release was read)."""
    seam = seam_date(releases)
    return None if seam is None else int(seam.year)
