"""What the evidence atlas measures for a level's areas and a layer (the "What the evidence says" sections).

The level chapters (:func:`level_evidence`) set each seeds' area that an evidence area informs (atlas_areas.csv,
informs_kind "area") beside its level in the matrix; the layer chapters (:func:`layer_evidence`) set the layer's
combined verdict (analysis.atlas_verdicts) beside the seeds' status. Numbers come from the atlas core and trends.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from scaling_book.analysis.atlas_trends import atlas_trends, one_row_per_area_year, trend_rules, trend_years
from scaling_book.analysis.atlas_verdicts import informed_targets, layer_verdicts
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import atlas_settings
from scaling_book.views.atlas_phrases import seeds_status
from scaling_book.views.evidence_releases import releases_source
from scaling_book.views.measured_phrases import (
    layer_sentence,
    leader_cell,
    lower_first,
    measured_level_cell,
    measured_sentence,
    trend_phrase,
    unmeasured_areas_sentence,
)
from scaling_book.views.results import ChapterResults

TABLES = "data/processed/epoch_models.csv"
MEASURED_COLUMNS = [
    "area_id",
    "area_name",
    "evidence_id",
    "evidence_name",
    "fit",
    "year",
    "level",
    "level_probability",
    "leader",
    "leader_share",
    "leader_share_low",
    "leader_share_high",
    "seeds_level",
    "trend",
]


@dataclasses.dataclass(frozen=True)
class Evidence:
    """The atlas frames the sections read: areas (one row per evidence area), levels (one row per area-year),
    shares, and the names of the options by (area_id, option_id)."""

    areas: pd.DataFrame
    levels: pd.DataFrame
    shares: pd.DataFrame
    option_names: dict[tuple[str, str], str]


def book_evidence() -> Evidence:
    """The atlas core's frames for the book's data (analysis/atlas.py)."""
    from scaling_book.analysis import atlas

    listed = atlas.atlas_areas()
    areas = pd.DataFrame([dataclasses.asdict(area) for area in listed])
    names = {(area.area_id, rule.option_id): rule.name_en for area in listed for rule in area.rules}
    return Evidence(areas, one_row_per_area_year(atlas.atlas_levels()), atlas.atlas_shares(), names)


def evidence_trends(evidence: Evidence, area_ids: list[str]) -> pd.DataFrame:
    """The trends of ``area_ids`` from the book's start year (the atlas chapter's, area by area)."""
    return atlas_trends(evidence.levels, evidence.shares, area_ids, [atlas_settings().start_year], trend_rules())


def latest_full_year(levels: pd.DataFrame, area_id: str) -> pd.Series | None:
    """The area's latest measured full year (scenario "all"), or None when it has none."""
    rows = levels[
        (levels["area_id"] == area_id)
        & (levels["scenario"] == "all")
        & levels["measurable"].astype(bool)
        & ~levels["partial"].astype(bool)
    ]
    return None if rows.empty else rows.sort_values("year").iloc[-1]


def steady_leader(evidence: Evidence, area_id: str, start_year: int) -> str | None:
    """The name of the option that leads in every year the trend is fitted over, or None when the lead changes."""
    years = trend_years(evidence.levels, area_id, start_year, trend_rules())
    leaders = set(years["leader"])
    return evidence.option_names.get((area_id, leaders.pop())) if len(leaders) == 1 else None


def measured_frame(level_id: str, evidence: Evidence) -> pd.DataFrame:
    """One row per (seeds' area of the level, evidence area informing it) with a measured full year (MEASURED_COLUMNS)."""
    seeds = load_table("areas")
    seeds = seeds[seeds["level_id"] == level_id].sort_values("order")
    informing = evidence.areas[evidence.areas["informs_kind"] == "area"]
    start, interval = atlas_settings().start_year, trend_rules().interval
    trends = evidence_trends(evidence, list(informing["area_id"])).set_index("area_id")
    rows = []
    for area in seeds.itertuples():
        for ev in informing[informing["informs_id"] == area.area_id].itertuples():
            latest = latest_full_year(evidence.levels, ev.area_id)
            if latest is None:
                continue
            trend = trends.loc[ev.area_id]
            slope = (trend["leader_slope"], trend["leader_slope_low"], trend["leader_slope_high"])
            rows.append(
                (
                    area.area_id,
                    area.name_en,
                    ev.area_id,
                    ev.name_en,
                    ev.fit,
                    int(latest["year"]),
                    latest["level"],
                    float(latest["level_probability"]),
                    evidence.option_names.get((ev.area_id, latest["leader"]), latest["leader"]),
                    float(latest["leader_share"]),
                    float(latest["leader_share_low"]),
                    float(latest["leader_share_high"]),
                    area.level_id,
                    trend_phrase(steady_leader(evidence, ev.area_id, start), *slope, start, interval),
                )
            )
    return pd.DataFrame(rows, columns=MEASURED_COLUMNS)


def measured_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The table of the section: seeds' area, evidence area and fit, latest full year, levels and leader share."""
    return pd.DataFrame(
        {
            "Seeds' area": frame["area_name"],
            "Evidence area": frame["evidence_name"],
            "Fit": frame["fit"],
            "Latest full year": frame["year"].astype(str),
            "Measured level (probability)": [
                measured_level_cell(level, p) for level, p in zip(frame["level"], frame["level_probability"])
            ],
            "Leader share (interval)": [
                leader_cell(*cells)
                for cells in zip(
                    frame["leader"], frame["leader_share"], frame["leader_share_low"], frame["leader_share_high"]
                )
            ],
            "Seeds' level": frame["seeds_level"],
        }
    )


def level_evidence_text(level_id: str, frame: pd.DataFrame) -> str:
    """The glued sentences: each measured area beside the seeds' level, then the level's areas nothing measures."""
    seeds = load_table("areas")
    seeds = seeds[seeds["level_id"] == level_id].sort_values("order")
    measured = set(frame["area_id"])
    sentences = [
        measured_sentence(
            row.evidence_name,
            row.fit,
            row.area_name,
            row.year,
            row.level,
            row.level_probability,
            row.seeds_level,
            row.trend,
        )
        for row in frame.itertuples()
    ]
    unmeasured = [row.name_en for row in seeds.itertuples() if row.area_id not in measured]
    sentences.append(unmeasured_areas_sentence(level_id, unmeasured, len(seeds)))
    return " ".join(sentences)


def evidence_source() -> str:
    """Credit line of the sections: the Epoch releases and the atlas's mapping tables."""
    releases = releases_source(load_table("epoch_releases"), TABLES)
    return f"{releases}; data/editorial/atlas_areas.csv, atlas_options.csv; scaling_book.analysis.atlas"


def level_evidence(results: ChapterResults, level_id: str, evidence: Evidence | None = None) -> None:
    """``<level>.evidence`` (sentences) and, where evidence informs the level's areas, ``tbl-<level>-measured``."""
    key = level_id.lower()
    frame = measured_frame(level_id, evidence or book_evidence())
    results.text(f"{key}.evidence", level_evidence_text(level_id, frame))
    if not frame.empty:
        results.table(
            f"tbl-{key}-measured",
            measured_table(frame),
            caption=f"The {level_id} areas that an evidence area of the atlas informs: the level measured in the "
            "latest full year with the share of bootstrap draws placed in it, the leading option's share with its "
            "interval, and the level the seeds' matrix gives.",
            source=f"{evidence_source()}; data/framework/areas.csv",
        )


def layer_evidence_text(layer_id: str, evidence: Evidence) -> str:
    """The layer's verdict from the atlas with its evidence areas and their fit, beside the seeds' status."""
    convergence_layers = load_table("convergence_layers")
    targets = informed_targets(evidence.areas, convergence_layers)
    mine = targets[(targets["kind"] == "layer") & (targets["target_id"] == layer_id)]
    trends = evidence_trends(evidence, list(mine["area_id"]))
    layer = layer_verdicts(trends, targets, convergence_layers, load_table("caict_layers")).set_index("layer_id")
    names = evidence.areas.set_index("area_id")["name_en"]
    row = layer.loc[layer_id]
    return layer_sentence(
        f"the {lower_first(row['name_en'])}",
        row["verdict"],
        [(names[area], fit) for area, fit in zip(mine["area_id"], mine["fit"], strict=True)],
        seeds_status(row["status_zh"], row["status_en"]),
    )


def layer_evidence(results: ChapterResults, layer_id: str, evidence: Evidence | None = None) -> None:
    """``<layer>.evidence``: the sentence of the layer chapter's "What the evidence says" section."""
    results.text(f"{layer_id}.evidence", layer_evidence_text(layer_id, evidence or book_evidence()))
