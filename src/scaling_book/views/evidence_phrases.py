"""The words the evidence chapters' data decide: credit lines, verdicts and readings of the measures.

Each function turns numbers of :mod:`scaling_book.analysis` (compute growth, concentration, shares,
benchmarks) into the phrase the prose glues; thresholds that choose a word are named here.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scaling_book.analysis.benchmarks import Spread
from scaling_book.analysis.compute_growth import SlopeDifference
from scaling_book.analysis.evidence_common import dataset_available
from scaling_book.views.text import names_list

FRINGE_SHARE = 0.2  # below this median share, open-weight releases are called a small minority
MAJORITY = 0.5  # a share above this is a majority


def dataset_credit(manifest: pd.DataFrame, dataset: str) -> str:
    """Epoch AI, dataset title and URL, snapshot date (or file digest) and licence."""
    row = manifest.set_index("dataset").loc[dataset]
    if row["status"] != "read":
        return f"Epoch AI, {row['title']}, {row['url']} ({row['file']} not supplied to this edition; {row['licence']})"
    if pd.isna(row["snapshot_date"]):
        snapshot = f"undated; SHA-256 {str(row['sha256'])[:12]}"  # the digest names the version of an undated file
    else:
        snapshot = f"snapshot {row['snapshot_date'].date().isoformat()}"
    return f"Epoch AI, {row['title']}, {row['url']} ({snapshot}; {row['licence']})"


def source_line(manifest: pd.DataFrame, dataset: str, tables: str) -> str:
    """Credit line of one dataset and the tables the pipeline processed it into."""
    credit = dataset_credit(manifest, dataset)
    return (
        credit if manifest.set_index("dataset").loc[dataset, "status"] != "read" else f"{credit}; processed in {tables}"
    )


def source_lines(manifest: pd.DataFrame, tables: str) -> str:
    """Credit lines of every dataset the pipeline read, then the tables it processed them into, named once."""
    read = [dataset for dataset in manifest["dataset"] if dataset_available(manifest, dataset)]
    return "; ".join(dataset_credit(manifest, dataset) for dataset in read) + f"; processed in {tables}"


def absent_note(manifest: pd.DataFrame, dataset: str) -> str:
    """What a chapter's measures rest on, or, when the pipeline was not given the file, that they are skipped."""
    file = manifest.set_index("dataset").loc[dataset, "file"]
    if dataset_available(manifest, dataset):
        return f"The measures below rest on {file} as the pipeline read it."
    return f"{file} was absent from the snapshot; this chapter's measures are skipped."


def difference_verdict(difference: SlopeDifference) -> str:
    """What the interval of the frontier/notable growth ratio says: whether it excludes one."""
    return (
        "excludes one, so the two rates differ beyond sampling noise"
        if difference.excludes_zero
        else "includes one, so the data cannot tell the two rates apart"
    )


def compared(before: float, after: float) -> str:
    """'fewer', 'as many' or 'more': how ``after`` compares with ``before``."""
    return "fewer" if after < before else "as many" if after == before else "more"


def position(value: float, low: float, high: float | None = None) -> str:
    """'below', 'within' or 'above' the range low..high (a single bound when ``high`` is None: 'at')."""
    top = low if high is None else high
    if value < low:
        return "below"
    if value > top:
        return "above"
    return "at" if high is None else "within"


def change_phrase(measures: list[tuple[str, float, float, Callable[[float], str]]]) -> str:
    """'leaves its HHI (0.055) unchanged' or 'moves its HHI from 0.055 to 0.061', joined with 'and'."""
    parts = [
        f"leaves its {name} ({fmt(before)}) unchanged"
        if fmt(before) == fmt(after)
        else f"moves its {name} from {fmt(before)} to {fmt(after)}"
        for name, before, after, fmt in measures
    ]
    return " and ".join(parts)


def wider_count(before: int | None, after: int | None, claim_year: int, last: int) -> str:
    """Organisations of the wider dataset in the claim's year and the last full year, or that it is absent (None)."""
    if before is None or after is None:
        return "This edition was built without Epoch's All AI Models file, so no wider count is shown."
    return (
        f"In Epoch's wider dataset of all models, {before:,} organisations published a model in {claim_year} "
        f"and {after:,} in {last} ({compared(before, after)})."
    )


def versus_claimed_players(counts: list[int], claimed: float, last: int) -> str:
    """Whether the last full year's organisation counts (one or both datasets) stay above the claimed players."""
    return (
        f"{'Both counts' if len(counts) > 1 else 'The count'} for {last} "
        f"{'stay above' if min(counts) > claimed else 'do not stay above'}"
    )


def parent_verdicts(split: pd.Series, merged: pd.Series, head_share: float, low: float, high: float) -> str:
    """Whether merging units into parents changes the head-firm and few-providers verdicts of a year."""
    same = position(merged["top6_share"], head_share) == position(split["top6_share"], head_share) and position(
        merged["effective_organizations"], low, high
    ) == position(split["effective_organizations"], low, high)
    return "leaves both verdicts above unchanged" if same else "changes a verdict above"


def window_state(snapshot: pd.Timestamp, end: pd.Timestamp) -> str:
    """Whether the snapshot ends before or after the end of a timeline window."""
    return "before the end" if snapshot < end else "after the end"


def majority_phrase(share: float) -> str:
    """'held a majority' when the share is above one half."""
    return "held a majority" if share > MAJORITY else "did not hold a majority"


def moat_reading(share: float, share_low: float) -> str:
    """How a year's NVIDIA share bears on the CUDA moat: its interval above one half, only its estimate, or neither."""
    return (
        "support"
        if share_low > MAJORITY
        else "are consistent with, without establishing,"
        if share > MAJORITY
        else "do not support"
    )


def breakthrough_reading(nvidia: int, ascend: int) -> str:
    """How a year's Chinese models with known hardware bear on a domestic breakthrough (Ascend against NVIDIA)."""
    return (
        "support"
        if ascend >= nvidia and ascend > 0
        else "give only weak support to"
        if ascend > 0
        else "give no support yet to"
    )


def openness_reading(median_share: float) -> str:
    """How open-weight releases stand by their median yearly share: majority, no fringe, or small minority."""
    return (
        "the majority"
        if median_share > MAJORITY
        else "no fringe"
        if median_share >= FRINGE_SHARE
        else "a small minority"
    )


def moe_column(columns_note: str) -> str:
    """Where this edition's mixture-of-experts flag comes from, by the manifest's note on the columns."""
    return (
        "derived by this book's pipeline from Epoch's parameter notes"
        if "derived" in columns_note
        else "a column added to the copies of Epoch's files that this book reads, not part of Epoch's own download"
    )


def moe_window_state(snapshot: pd.Timestamp, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """How much of the timeline's period for MoE becoming standard the snapshot covers."""
    return (
        "ends before that period begins"
        if snapshot < start
        else "covers only the start of that period"
        if snapshot < end
        else "covers that whole period"
    )


def range_verdict(low: float, high: float, claimed: float) -> str:
    """Where the range low..high lies relative to the claimed bound."""
    if high < claimed:
        return "below the claimed bound throughout"
    if low >= claimed:
        return "above the claimed bound throughout"
    return "on both sides of the claimed bound"


def spread_verdict(spread: Spread, claimed: float) -> str:
    """Where the spread's leave-one-out range (percentage points) lies relative to the claimed bound."""
    return range_verdict(spread.spread_low, spread.spread_high, claimed)


def spread_summary(verdicts: dict[str, str]) -> tuple[str, str]:
    """(what the claim does per benchmark, overall verdict) from each benchmark's verdict."""
    groups: dict[str, list[str]] = {"holds on": [], "fails on": [], "is undecided on": []}
    for task, verdict in verdicts.items():
        key = (
            "holds on"
            if verdict.startswith("below")
            else "fails on"
            if verdict.startswith("above")
            else "is undecided on"
        )
        groups[key].append(task)
    summary = "; ".join(f"{key} {' and '.join(tasks)}" for key, tasks in groups.items() if tasks)
    holds, fails = groups["holds on"], groups["fails on"]
    overall = (
        "supported"
        if len(holds) == len(verdicts)
        else "partly supported"
        if holds
        else "not supported"
        if fails
        else "not established"
    )
    return summary, overall


def other_readings(primary: list[str], readings: dict[str, list[str]]) -> str:
    """Whether another reading (name -> each benchmark's verdict) changes a verdict of the ``primary`` reading."""
    changed = [name for name, verdicts in readings.items() if verdicts != primary]
    return "give the same verdicts" if not changed else f"change a verdict (read {names_list(changed, 'or')})"


def saturation_phrase(saturated: bool) -> str:
    """Whether a benchmark's top score nears the ceiling, where a spread can only shrink."""
    return "near the ceiling" if saturated else "clear of the ceiling"
