"""The audit's three sources shown: verdict counts by source, the full table, the statement pairs, the brief."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from scaling_book.analysis import audit_sources as sources
from scaling_book.analysis import audit_stances, scorecard
from scaling_book.analysis.atlas import atlas_areas
from scaling_book.inputs.load import load_table
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import count, counted, names_list, percent

SOURCE_NAMES = {"seeds": "The seeds' own figures", "evidence": "The evidence atlas", "public": "Public sources"}
# The exhibit that shows each kind of inconsistency: the atlas's table or chart for its measure, the audit's own tables.
EVIDENCE_EXHIBITS = {
    "level": "tbl-atlas-levels",
    "leader": "tbl-atlas-levels",
    "share": "fig-atlas-trajectories",
    "trend": "tbl-atlas-trends",
}
SEEDS_EXHIBIT, PAIRS_EXHIBIT, PUBLIC_EXHIBIT = "tbl-audit-inconsistent", "tbl-audit-pairs", "tbl-audit-public"


def heading(source: str) -> str:
    """The seed heading of a reference ('file § heading' -> 'heading')."""
    return source.partition(" § ")[2] or source


def atlas_names() -> dict[str, str]:
    """Reader-facing names of the atlas's areas and options (those an ``each`` rule draws from the data too):
    area_id -> name, 'area_id/option_id' -> name."""
    names: dict[str, str] = {}
    for area in atlas_areas():
        names[area.area_id] = area.name_en
        names.update({f"{area.area_id}/{rule.option_id}": rule.name_en for rule in area.rules})
    return names


def evidence_text(
    measured: list[tuple[dict[str, Any], str, dict[str, Any]]], names: dict[str, str] | None = None
) -> str:
    """What the atlas measured for each link of a check, with the rule that decides it; '' when nothing is linked.

    Areas and options read by their names (``names``, from :func:`atlas_names` by default), not their ids."""
    names = atlas_names() if names is None else names
    parts = []
    for link, verdict, facts in measured:
        area = link["area_id"]
        where = f"“{names.get(area, area)}” {facts.get('year', '')}".strip()

        def option(option_id: object, area: str = area) -> str:
            return names.get(f"{area}/{option_id}", str(option_id))

        if link["measure"] == "level":
            parts.append(
                f"seeds {link['seed_value']}, atlas {where} {facts['level']}; {link['seed_value']} in "
                f"{percent(float(facts['p_seed']))} of draws (ruled out below {percent(float(facts['floor']))}): {verdict}"
            )
        elif link["measure"] == "share":
            parts.append(
                f"seeds {percent(float(link['seed_value']))}, atlas {where} {option(link['option_id'])} "
                f"{percent(float(facts['share']))} ({percent(float(facts['low']))}–{percent(float(facts['high']))}): "
                f"{verdict}"
            )
        elif link["measure"] == "trend":
            parts.append(
                f"seeds {link['seed_value']}, atlas “{names.get(area, area)}” trend {facts['trend']}: {verdict}"
            )
        else:
            parts.append(
                f"seeds {option(link['seed_value'])} leads, atlas {where} leader {option(facts['leader'])} "
                f"({percent(float(facts['share']))}): {verdict}"
            )
        if facts.get("proxy"):
            parts[-1] += " (a loose proxy of the seeds' area: it cannot contradict them)"
    return "; ".join(parts)


def public_text(rows: list[dict[str, Any]]) -> str:
    """Each public source as 'publisher, date (url): paraphrase'."""
    return "; ".join(
        f"{row['publisher']}, {row['source_date']} ({row['source_url']}): {row['paraphrase_en']}" for row in rows
    )


def topic_of(check_id: str) -> str:
    """The topic a check belongs to, for filtering: 'claim.market.x' -> 'market', 'level.x' -> 'level'."""
    parts = check_id.split(".")
    return parts[1] if parts[0] == "claim" else parts[0]


def sources_table(table: pd.DataFrame, subjects: pd.Series) -> pd.DataFrame:
    """The full audit, one row per check: the verdict of each source with its arithmetic or citation, the overall."""
    order = {verdict: index for index, verdict in enumerate(sources.OVERALL_VERDICTS)}
    names = atlas_names()
    shown = table.assign(
        subject=table["check_id"].map(subjects),
        topic=table["check_id"].map(topic_of),
        evidence_arithmetic=table["measured"].map(lambda measured: evidence_text(measured, names)),
        public_citation=table["sources"].map(public_text),
        rank=table["overall"].map(order),
    ).sort_values(["rank", "topic", "check_id"], kind="stable")
    return shown[
        ["overall", "topic", "subject", "seeds", "evidence", "evidence_arithmetic", "public", "public_citation"]
    ].rename(
        columns={
            "overall": "Overall verdict",
            "topic": "Topic",
            "subject": "Statement",
            "seeds": "Seeds",
            "evidence": "Evidence",
            "evidence_arithmetic": "What the atlas measured",
            "public": "Public sources",
            "public_citation": "Sources",
        }
    )


def pairs_table(pairs: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every pair of statements that say opposite things about one topic, with both seed headings."""
    by_id = statements.set_index("statement_id")
    return pd.DataFrame(
        {
            "Topic": pairs["topic"],
            "Closed statement": [f"{by_id.loc[i, 'quote_zh']} ({by_id.loc[i, 'stance']})" for i in pairs["closed_id"]],
            "Its heading": [heading(s) for s in pairs["closed_source"]],
            "Open statement": [f"{by_id.loc[i, 'quote_zh']} ({by_id.loc[i, 'stance']})" for i in pairs["open_id"]],
            "Its heading ": [heading(s) for s in pairs["open_source"]],
        }
    )


def exhibit_links(table: pd.DataFrame, subjects: pd.Series) -> str:
    """Markdown list: every check some source finds inconsistent, with the exhibit that shows each inconsistency."""
    lines = []
    for row in table.itertuples():
        refs = [EVIDENCE_EXHIBITS[link["measure"]] for link, verdict, _ in row.measured if verdict == "inconsistent"]
        if row.public == "inconsistent":
            refs.append(PUBLIC_EXHIBIT)
        if row.seeds == "inconsistent":
            refs.append(PAIRS_EXHIBIT if row.check_id.startswith("timeline.") else SEEDS_EXHIBIT)
        if refs:
            shown = ", ".join(f"{{numref}}`{ref}`" for ref in dict.fromkeys(refs))
            lines.append(f"- {subjects[row.check_id]} ({row.overall}): {shown}")
    return "\n".join(lines)


def in_brief(table: pd.DataFrame, pairs: pd.DataFrame, topics: int) -> str:
    """Three to five bullet lines with the audit's computed numbers."""
    total = len(table)
    against_evidence = int((table["overall"] == sources.AGAINST_EVIDENCE).sum())
    judged_by_evidence = int((table["evidence"] != sources.NEEDS_EVIDENCE).sum())
    judged_by_public = int((table["public"] != sources.NEEDS_EVIDENCE).sum())
    inconsistent = int(table["overall"].str.startswith("inconsistent").sum())
    restated = int((table["seeds"] == sources.RESTATED).sum())
    return "\n".join(
        [
            f"- Of {counted(total, 'check', 'checks')}, {count(inconsistent)} end inconsistent with the seeds, "
            f"the evidence or a public source ({percent(inconsistent / total)}).",
            f"- The evidence atlas speaks to {count(judged_by_evidence)} checks and contradicts "
            f"{count(against_evidence)} of them; public sources speak to {count(judged_by_public)}.",
            f"- {counted(len(pairs), 'pair', 'pairs')} of the seeds' statements say opposite things about "
            f"{counted(topics, 'topic', 'topics')}.",
            f"- {counted(restated, 'figure is', 'figures are')} only restated elsewhere in the seeds, "
            "which is not corroboration.",
        ]
    )


def glue_sources(results: ChapterResults, findings: pd.DataFrame, subjects: pd.Series, day: date) -> None:
    """Counts by overall verdict and by source, the full table, the pairs, the public sources, the links, the brief.

    Public sources are the audit's own rows and the outcomes the prediction scorecard records on ``day``.
    """
    links = load_table("audit_evidence_links")
    recorded = sources.scorecard_sources(scorecard.prediction_scores(day))
    public = pd.concat([load_table("audit_public_sources"), recorded], ignore_index=True)
    table = sources.three_sources(findings, sources.load_atlas(), links, public)
    for verdict in sources.OVERALL_VERDICTS:
        key = verdict.replace(" ", "_")
        results.number(f"audit.overall.{key}", int((table["overall"] == verdict).sum()), "count")
    counts = sources.source_counts(table)
    for source in sources.SOURCES:
        for verdict, value in zip(counts["verdict"], counts[source]):
            results.number(f"audit.source.{source}.{verdict.replace(' ', '_')}", int(value), "count")
    statements = audit_stances.all_statements()
    pairs = audit_stances.opposite_pairs(statements)
    results.number("audit.pairs", len(pairs), "count")
    results.number("audit.pairs.topics", pairs["topic"].nunique(), "count")
    results.text("audit.pairs.topic_list", names_list(sorted(set(pairs["topic"]))))
    results.block("in-brief", in_brief(table, pairs, pairs["topic"].nunique()))
    results.table(
        "tbl-audit-source-counts",
        counts.rename(columns={"verdict": "Verdict", **SOURCE_NAMES}),
        caption="How many checks each source gives each verdict ('needs evidence': the source does not speak to it).",
        source="computed by scaling_book.analysis.audit_sources",
    )
    results.table(
        "tbl-audit-sources",
        sources_table(table, subjects),
        widths=(2, 1, 3, 1, 1, 3, 1, 4),
        caption="Every check of the audit with the verdict of each source, what the atlas measured, the public "
        "sources, and the overall verdict (the evidence overrules the seeds).",
        source="computed by scaling_book.analysis.audit_sources from data/framework/*.csv, "
        "data/editorial/audit_evidence_links.csv, data/editorial/audit_public_sources.csv and the evidence atlas",
    )
    results.table(
        "tbl-audit-pairs",
        pairs_table(pairs, statements),
        widths=(1, 3, 2, 3, 2),
        caption="Pairs of the seeds' statements that say opposite things about one topic: a closed stance "
        "(settled, no alternative, done) against an open one (contested, challenged, diverging, incomplete).",
        source="data/editorial/audit_stances.csv, audit_stance_poles.csv and audit_task_topics.csv; "
        "Gantt statuses from data/framework/timeline_tasks.csv",
    )
    results.table(
        "tbl-audit-public",
        public[["check_id", "verdict", "publisher", "source_date", "source_url", "paraphrase_en"]].rename(
            columns={
                "check_id": "Check",
                "verdict": "Verdict",
                "publisher": "Publisher",
                "source_date": "Date",
                "source_url": "Address",
                "paraphrase_en": "What it says",
            }
        ),
        widths=(2, 1, 2, 1, 2, 5),
        caption="Public sources recorded against the seeds' statements about the world.",
        source="data/editorial/audit_public_sources.csv",
    )
    results.block("audit-links", exhibit_links(table, subjects))
