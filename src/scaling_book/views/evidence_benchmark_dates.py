"""The benchmarks chapter's spreads over time (chapters/evidence/benchmarks.md), from models whose names give a date."""

from __future__ import annotations

import math

import pandas as pd

from scaling_book.analysis.benchmark_dates import cutoffs, dated, dated_spreads
from scaling_book.analysis.benchmarks import SPREAD_RANK
from scaling_book.analysis.evidence_common import Z95
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import names_list, percent

DATED_KEYS = tuple(
    f"evidence.benchmarks.dated.{name}" for name in ("by_id", "by_epoch", "undated", "trend")
)  # what glue_dated_spreads glues, for a build without the runs file
NO_GAP = "—"  # a cut-off with too few dated organisations for a gap


def gap_change(first: float, first_error: float, last: float, last_error: float) -> str:
    """'narrowed', 'widened' or 'did not change beyond sampling error': the change against Z95 errors of both gaps."""
    margin = Z95 * math.hypot(first_error, last_error)
    if last - first < -margin:
        return "narrowed"
    if last - first > margin:
        return "widened"
    return "did not change beyond sampling error"


def trend_sentence(spreads: pd.DataFrame) -> str:
    """Per task, how the gap moved from the first cut-off that has one to the last, e.g. 'on MATH level 5 it
    narrowed (31.5 to 14.4 points from 2024-12-31 to 2025-04-16)'."""
    parts = []
    for task, rows in spreads.dropna(subset=["gap"]).groupby("task", sort=False):
        if len(rows) < 2:
            parts.append(f"on {task} only one cut-off has enough dated organisations")
            continue
        first, last = rows.iloc[0], rows.iloc[-1]
        word = gap_change(first["gap"], first["gap_error"], last["gap"], last["gap_error"])
        parts.append(
            f"on {task} it {word} ({first['gap'] * 100:.1f} to {last['gap'] * 100:.1f} points "
            f"from {first['until'].date()} to {last['until'].date()})"
        )
    return names_list(parts) if parts else "no benchmark has enough dated organisations for a gap"


def dated_table(spreads: pd.DataFrame) -> pd.DataFrame:
    """The reader's table: per benchmark and cut-off, dated organisations, best, k-th best and the gap ± 95%."""

    def score(value: float) -> str:
        return NO_GAP if math.isnan(value) else percent(value, 1)

    return pd.DataFrame(
        {
            "Benchmark": spreads["task"],
            "Models dated up to": [until.date().isoformat() for until in spreads["until"]],
            "Organisations": spreads["organizations"],
            "Best": [score(value) for value in spreads["best"]],
            f"{SPREAD_RANK}th best": [score(value) for value in spreads["kth"]],
            "Gap (± 95% sampling error)": [
                NO_GAP if math.isnan(gap) else f"{gap * 100:.1f} ± {Z95 * error * 100:.1f} points"
                for gap, error in zip(spreads["gap"], spreads["gap_error"], strict=True)
            ],
        }
    )


def glue_dated_spreads(
    results: ChapterResults, per_model: pd.DataFrame, models: pd.DataFrame, tasks: tuple[str, ...], source: str
) -> None:
    """Date what the model names allow, and glue the organisations' gap at the end of each year since it exists."""
    rows = dated(per_model, models)
    counts = rows.drop_duplicates("model")["dated_by"].value_counts()
    results.number("evidence.benchmarks.dated.by_id", int(counts.get("model id", 0)), "count")
    results.number("evidence.benchmarks.dated.by_epoch", int(counts.get("epoch_models", 0)), "count")
    results.number("evidence.benchmarks.dated.undated", int(counts.get("undated", 0)), "count")
    spreads = dated_spreads(rows, tasks, cutoffs(rows, int(rows["date"].min().year)))
    with_gap = spreads.groupby("until")["gap"].transform(lambda gaps: gaps.notna().any())
    first = spreads.loc[with_gap, "until"].min()
    spreads = spreads[spreads["until"] >= first - pd.DateOffset(years=1)].reset_index(drop=True)
    results.text("evidence.benchmarks.dated.trend", trend_sentence(spreads))
    results.table(
        "tbl-evidence-benchmarks-dated",
        dated_table(spreads),
        caption=f"Gap between the best and the {SPREAD_RANK}th best organisation (each at its best model) among "
        "the models dated up to each day, with the gap's binomial sampling error; undated models are left out.",
        source=f"{source}; dates from the version date in a model's id, else the publication date of the "
        "epoch_models row its name matches",
    )
