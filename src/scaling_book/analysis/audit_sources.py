"""Three sources of verdicts per audit check: the seeds themselves, the evidence atlas, and public sources.

The seeds' verdict is the audit's own (:func:`scaling_book.analysis.audit.audit`), except that a figure
borne out only by another statement of the same figure is "restated", not "consistent". The evidence
verdict compares what the seeds say with the atlas's measure named in ``audit_evidence_links.csv``
(the last full measured year, all scenarios together). The public verdict is that of the rows of
``audit_public_sources.csv``. The overall verdict lets the evidence overrule the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from scaling_book.analysis.audit_base import CONSISTENT, INCONSISTENT, NEEDS_EVIDENCE, NOT_TESTABLE

RESTATED = "restated"
NOT_SETTLED = "not settled"
AGAINST_EVIDENCE = "inconsistent with evidence"
AGAINST_SOURCES = "inconsistent with public sources"
SOURCES = ("seeds", "evidence", "public")
SOURCE_VERDICTS = (CONSISTENT, RESTATED, INCONSISTENT, NOT_SETTLED, NEEDS_EVIDENCE, NOT_TESTABLE)
OVERALL_VERDICTS = (AGAINST_EVIDENCE, AGAINST_SOURCES, INCONSISTENT, CONSISTENT, RESTATED, NEEDS_EVIDENCE, NOT_TESTABLE)
OPPOSITE_TRENDS = {"converging": "diverging", "diverging": "converging"}


@dataclass(frozen=True)
class Atlas:
    """The atlas's frames the evidence verdicts read: levels and shares by area-year, the area trends."""

    levels: pd.DataFrame  # one row per area-year (analysis.atlas_trends.one_row_per_area_year)
    shares: pd.DataFrame  # analysis.atlas.atlas_shares()
    trends: pd.DataFrame  # analysis.atlas_trends.atlas_trends(), main start year
    interval: float  # the atlas's interval: a level drawn in fewer than 1 - interval of draws is ruled out
    fits: dict[str, str] = field(default_factory=dict)  # area -> 'close' or 'loose' (atlas_areas.csv)


def seeds_verdict(check: str, verdict: str) -> str:
    """The audit's verdict, with agreement of a figure with its own restatement called 'restated'."""
    return RESTATED if check in ("same_statement", "restatement") and verdict == CONSISTENT else verdict


def last_measured(frame: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The rows of an area's last full measured year (scenario 'all')."""
    rows = frame[(frame["area_id"] == area_id) & (frame["scenario"] == "all") & ~frame["partial"].astype(bool)]
    if "measurable" in rows:
        rows = rows[rows["measurable"].astype(bool)]
    return rows[rows["year"] == rows["year"].max()]


def level_verdict(atlas: Atlas, area_id: str, seed_level: str) -> tuple[str, dict[str, Any]]:
    """Seeds' level against the atlas: same level consistent; drawn in fewer than 1 - interval of draws inconsistent."""
    row = last_measured(atlas.levels, area_id).iloc[0]
    drawn = float(row[f"p_{seed_level}"])
    facts = {"year": int(row["year"]), "level": row["level"], "p_seed": drawn, "floor": 1 - atlas.interval}
    if row["level"] == seed_level:
        return CONSISTENT, facts
    return (INCONSISTENT if drawn < 1 - atlas.interval else NOT_SETTLED), facts


def trend_verdict(atlas: Atlas, area_id: str, seed_trend: str) -> tuple[str, dict[str, Any]]:
    """Seeds' direction against the atlas's trend: the same consistent, the opposite inconsistent, else not settled."""
    found = str(atlas.trends.set_index("area_id").loc[area_id, "verdict"])
    facts = {"trend": found}
    if found == seed_trend:
        return CONSISTENT, facts
    return (INCONSISTENT if OPPOSITE_TRENDS.get(seed_trend) == found else NOT_SETTLED), facts


def share_verdict(atlas: Atlas, area_id: str, option_id: str, seed_share: float) -> tuple[str, dict[str, Any]]:
    """A stated share against the atlas's interval for that option: inside consistent, outside inconsistent."""
    rows = last_measured(atlas.shares, area_id)
    row = rows[rows["option_id"] == option_id].iloc[0]
    low, high = float(row["share_low"]), float(row["share_high"])
    facts = {"year": int(row["year"]), "share": float(row["share"]), "low": low, "high": high}
    return (CONSISTENT if low <= seed_share <= high else INCONSISTENT), facts


def leader_verdict(atlas: Atlas, area_id: str, seed_leader: str) -> tuple[str, dict[str, Any]]:
    """The option the seeds say leads against the atlas's leader."""
    row = last_measured(atlas.levels, area_id).iloc[0]
    facts = {"year": int(row["year"]), "leader": row["leader"], "share": float(row["leader_share"])}
    return (CONSISTENT if row["leader"] == seed_leader else INCONSISTENT), facts


def link_verdict(atlas: Atlas, link: pd.Series) -> tuple[str, dict[str, Any]]:
    """One row of audit_evidence_links.csv judged against the atlas; a loose proxy cannot contradict the seeds,
    so its 'inconsistent' reads 'not settled' (the measured facts are kept, marked ``proxy``)."""
    verdict, facts = measured_verdict(atlas, link)
    if atlas.fits.get(link["area_id"]) == "loose":
        return (NOT_SETTLED if verdict == INCONSISTENT else verdict), {**facts, "proxy": "loose"}
    return verdict, facts


def measured_verdict(atlas: Atlas, link: pd.Series) -> tuple[str, dict[str, Any]]:
    """One row of audit_evidence_links.csv against the atlas's measure it names."""
    measure, area, value = link["measure"], link["area_id"], str(link["seed_value"])
    if measure == "level":
        return level_verdict(atlas, area, value)
    if measure == "trend":
        return trend_verdict(atlas, area, value)
    if measure == "share":
        return share_verdict(atlas, area, str(link["option_id"]), float(value))
    return leader_verdict(atlas, area, value)


def combined(verdicts: list[str]) -> str:
    """Several verdicts of one source on one check: any inconsistent wins, then consistent, then not settled."""
    for verdict in (INCONSISTENT, CONSISTENT, NOT_SETTLED):
        if verdict in verdicts:
            return verdict
    return NEEDS_EVIDENCE


def overall_verdict(seeds: str, evidence: str, public: str) -> str:
    """The evidence overrules the seeds, public sources come next; otherwise the seeds' own verdict stands."""
    if evidence == INCONSISTENT:
        return AGAINST_EVIDENCE
    if public == INCONSISTENT:
        return AGAINST_SOURCES
    if seeds == INCONSISTENT:
        return INCONSISTENT
    if CONSISTENT in (seeds, evidence, public):
        return CONSISTENT
    return seeds if seeds in OVERALL_VERDICTS else NEEDS_EVIDENCE


SCORE_VERDICTS = {"resolved_yes": CONSISTENT, "resolved_no": INCONSISTENT, "partly": INCONSISTENT}


def scorecard_sources(scores: pd.DataFrame) -> pd.DataFrame:
    """Outcomes the scorecard records from public sources, as public-source rows of the predictions' checks."""
    recorded = scores[(scores["outcome_origin"] == "source") & scores["status"].isin(list(SCORE_VERDICTS))]
    ids = [str(item) for item in recorded.index]
    return pd.DataFrame(
        {
            "source_id": [f"scorecard.{item}" for item in ids],
            "check_id": [f"prediction.{item}" for item in ids],
            "verdict": [SCORE_VERDICTS[status] for status in recorded["status"]],
            "paraphrase_en": list(recorded["evidence_en"]),
            "source_url": list(recorded["source_url"]),
            "publisher": list(recorded["publisher"]),
            "source_date": list(recorded["source_date"]),
            "basis": "data/editorial/prediction_outcomes.csv",
        }
    )


def three_sources(findings: pd.DataFrame, atlas: Atlas, links: pd.DataFrame, public: pd.DataFrame) -> pd.DataFrame:
    """Per check: the verdict of each source, what the evidence measured, the public sources, the overall verdict."""
    stray = sorted((set(links["check_id"]) | set(public["check_id"])) - set(findings["check_id"]))
    if stray:
        raise KeyError(f"audit_evidence_links / audit_public_sources name checks the audit does not have: {stray}")
    rows = []
    for finding in findings.itertuples():
        judged = [
            (link, *link_verdict(atlas, link)) for _, link in links[links["check_id"] == finding.check_id].iterrows()
        ]
        sources = public[public["check_id"] == finding.check_id]
        seeds = seeds_verdict(finding.check, finding.verdict)
        evidence = combined([verdict for _, verdict, _ in judged])
        said = combined(list(sources["verdict"]))
        rows.append(
            {
                "check_id": finding.check_id,
                "seeds": seeds,
                "evidence": evidence,
                "public": said,
                "overall": overall_verdict(seeds, evidence, said),
                "measured": [(dict(link), verdict, facts) for link, verdict, facts in judged],
                "sources": sources.to_dict("records"),
            }
        )
    return pd.DataFrame(rows)


def source_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of each verdict by source (seeds, evidence, public), zeros included."""
    counts = {source: table[source].value_counts().reindex(SOURCE_VERDICTS, fill_value=0) for source in SOURCES}
    return pd.DataFrame(counts).rename_axis("verdict").reset_index()


def load_atlas() -> Atlas:
    """The atlas as its chapter computes it: levels and shares of the book's data, trends from the main start year."""
    from scaling_book.analysis import atlas
    from scaling_book.analysis.atlas_trends import atlas_trends, one_row_per_area_year, trend_rules
    from scaling_book.inputs.settings import atlas_settings

    settings = atlas_settings()
    levels, shares = one_row_per_area_year(atlas.atlas_levels()), atlas.atlas_shares()
    fits = {area.area_id: area.fit for area in atlas.atlas_areas()}
    trends = atlas_trends(levels, shares, list(fits), settings.trend_start_years, trend_rules())
    return Atlas(levels, shares, trends[trends["start_year"] == settings.start_year], settings.interval, fits)
