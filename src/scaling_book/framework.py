"""Derived views of the framework tables: joins, claimed values and date-dependent statuses."""

from __future__ import annotations

from datetime import date

import pandas as pd

from .data import load_table

LEVEL_ORDER = ["L4", "L3", "L2", "L1", "L0"]


def bilingual(english: object, chinese: object) -> str:
    """'English (中文)' label used in tables and chart axes."""
    return f"{english} ({chinese})"


def claim(claim_id: str) -> pd.Series:
    """One row of the claims table."""
    claims = load_table("claims").set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim {claim_id!r} in data/framework/claims.csv")
    return claims.loc[claim_id]


def levels_with_areas() -> pd.DataFrame:
    """Levels L4–L0 (highest first) with the technology areas the matrix assigns to each."""
    levels = load_table("levels")
    areas = load_table("areas").sort_values("order")
    names = areas.groupby("level_id")["name_en"].agg("; ".join).rename("areas_en")
    names_zh = areas.groupby("level_id")["name_zh"].agg("；".join).rename("areas_zh")
    counts = areas.groupby("level_id").size().rename("area_count")
    merged = levels.join(names, on="level_id").join(names_zh, on="level_id").join(counts, on="level_id")
    return merged.sort_values("rank", ascending=False).reset_index(drop=True)


def player_reduction() -> dict[str, float]:
    """Market players claimed for 2023 and 2025, the fold reduction they imply, and the one claimed."""
    before = float(claim("market.players_2023")["value"])
    after = float(claim("market.players_2025")["value"])
    return {"players_2023": before, "players_2025": after, "implied_multiple": before / after,
            "claimed_multiple": float(claim("market.players_fold_reduction")["value"])}


def quarter_end(quarter: str) -> date:
    """'2026Q2' -> 2026-06-30, the last day of the quarter."""
    year, number = int(quarter[:4]), int(quarter[-1])
    month = 3 * number
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()


def task_status(start: object, end: object, milestone: bool, as_of: date) -> str:
    """Status of a timeline task on ``as_of``, from its dates alone."""
    end_day = pd.Timestamp(end).date()
    if milestone:
        return "milestone passed" if end_day < as_of else "milestone ahead"
    start_day = pd.Timestamp(start).date()
    if as_of < start_day:
        return "not started"
    return "finished" if end_day < as_of else "under way"


def timeline_with_status(as_of: date) -> pd.DataFrame:
    """Timeline tasks with their layer names and their status on ``as_of``."""
    tasks = load_table("timeline_tasks")
    layers = load_table("convergence_layers")[["layer_id", "order", "name_en", "name_zh"]].rename(
        columns={"order": "layer_order", "name_en": "layer_en", "name_zh": "layer_zh"})
    merged = tasks.merge(layers, on="layer_id", how="left", validate="many_to_one")
    merged["status_on_as_of"] = [
        task_status(row.start, row.end, bool(row.milestone), as_of) for row in merged.itertuples()
    ]
    merged["start"] = merged["start"].fillna(merged["end"])  # a milestone is drawn at its single date
    return merged.sort_values(["layer_order", "order"]).reset_index(drop=True)


def predictions_with_status(as_of: date) -> pd.DataFrame:
    """Predictions with their due date and whether it has passed on ``as_of``."""
    predictions = load_table("predictions").sort_values("order").reset_index(drop=True)
    predictions["due_date"] = [quarter_end(quarter) for quarter in predictions["due_quarter"]]
    predictions["due_passed"] = [due < as_of for due in predictions["due_date"]]
    return predictions
