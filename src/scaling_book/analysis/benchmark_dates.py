"""Benchmark spreads over time, from the models whose names allow a date.

The runs file carries no dates. A Hub model id often ends in a version date ("gpt-4o-2024-08-06",
"claude-3-opus-20240229"), which dates that version; otherwise a model whose name matches an epoch_models row
(:func:`~scaling_book.analysis.benchmark_orgs.normalised_model`) takes that row's publication date. A model
with neither stays undated and is left out of the dated spreads, so each spread is over the dated models only.
The spread at the end of a year is best minus k-th best organisation among the models dated up to that day.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from scaling_book.analysis.benchmark_orgs import (
    QUESTION_COUNTS,
    best_per_organization,
    normalised_model,
    standard_error,
)
from scaling_book.analysis.benchmarks import SPREAD_RANK, base_model

ID_DATE = re.compile(r"(20\d\d)-?(\d\d)-?(\d\d)(?!\d)")  # a version date inside a Hub id: 2024-08-06 or 20240229


def id_date(model_id: str) -> pd.Timestamp | None:
    """The version date a Hub model id carries, if any (an impossible date counts as none)."""
    found = ID_DATE.search(base_model(model_id))
    if not found:
        return None
    try:
        return pd.Timestamp(year=int(found[1]), month=int(found[2]), day=int(found[3]))
    except ValueError:
        return None


def epoch_dates(models: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Normalised epoch_models name -> its earliest publication date."""
    rows = models[models["publication_date"].notna()]
    dates = pd.to_datetime(rows["publication_date"])
    return dates.groupby(rows["model"].map(normalised_model)).min().to_dict()


def dated(per_model: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """``per_model`` with ``date`` and ``dated_by`` ('model id', 'epoch_models' or 'undated')."""
    known = epoch_dates(models)
    dates, how = [], []
    for model in per_model["model"]:
        from_id = id_date(model)
        from_epoch = known.get(normalised_model(base_model(model)))
        dates.append(from_id if from_id is not None else from_epoch)
        how.append("model id" if from_id is not None else "epoch_models" if from_epoch is not None else "undated")
    return per_model.assign(date=pd.to_datetime(pd.Series(dates, index=per_model.index)), dated_by=how)


def cutoffs(rows: pd.DataFrame, first_year: int) -> list[pd.Timestamp]:
    """The end of every full year from ``first_year`` to the latest dated model's year, then that model's date."""
    latest = rows["date"].max()
    if pd.isna(latest):
        return []
    ends = [pd.Timestamp(year=year, month=12, day=31) for year in range(first_year, latest.year)]
    return [*ends, latest]


def dated_spreads(
    rows: pd.DataFrame, tasks: tuple[str, ...], until: list[pd.Timestamp], k: int = SPREAD_RANK
) -> pd.DataFrame:
    """Per task and cut-off date: dated organisations, the best and k-th best organisation's score, their gap
    and the gap's binomial standard error on ``questions[task]`` questions.

    ``rows`` are per-model entries with ``organization`` and ``date`` (from :func:`dated`). A cut-off with at most
    k dated organisations has no gap (NaN).
    """
    out = []
    for task in tasks:
        questions = QUESTION_COUNTS[task][0]
        for cutoff in until:
            upto = rows[(rows["task"] == task) & rows["date"].notna() & (rows["date"] <= cutoff)]
            best = best_per_organization(upto)["best_score"].to_numpy(dtype=float)
            enough = len(best) > k
            gap = best[0] - best[k - 1] if enough else math.nan
            error = (
                math.hypot(standard_error(best[0], questions), standard_error(best[k - 1], questions))
                if enough
                else math.nan
            )
            out.append(
                {
                    "task": task,
                    "until": cutoff,
                    "organizations": len(best),
                    "best": best[0] if len(best) else math.nan,
                    "kth": best[k - 1] if enough else math.nan,
                    "gap": gap,
                    "gap_error": error,
                }
            )
    return pd.DataFrame(out)
