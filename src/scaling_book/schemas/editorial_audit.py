"""Schemas of the claims audit's editorial tables: evidence links, public sources and the seeds' stances."""

from __future__ import annotations

from scaling_book.schemas.editorial_base import editorial
from scaling_book.schemas.table import Column, Table

EVIDENCE_MEASURES = ("level", "trend", "share", "leader")
SOURCE_VERDICTS = ("consistent", "inconsistent")
STANCES = ("settled", "no_alternative", "done", "contested", "challenged", "diverging", "incomplete")
POLES = ("closed", "open")
DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"


def audit_tables() -> tuple[Table, ...]:
    """The audit's tables, built with the editorial helper of :mod:`scaling_book.schemas.editorial`."""
    return (
        editorial(
            "audit_evidence_links",
            "Audit checks the evidence atlas can speak to: which atlas area and measure, and what the seeds say "
            "the measure should show",
            (
                Column("check_id", "text", "Check of the audit (claim.<claim_id>, level.<area>, layer.<layer>, …)"),
                Column("measure", "enum", "What of the atlas is compared", allowed=EVIDENCE_MEASURES),
                Column("area_id", "id", "Atlas area", references="atlas_areas.area_id"),
                Column("option_id", "id", "Option of the area (share and leader measures)", required=False),
                Column("seed_value", "text", "What the seeds say: a level id, a trend, a share or a leading option"),
            ),
            ("check_id", "measure"),
        ),
        editorial(
            "audit_public_sources",
            "Public sources that bear on a check of the audit, each paraphrased; a check without a row has no "
            "public-source verdict",
            (
                Column("source_id", "id", "Source"),
                Column("check_id", "text", "Check of the audit the source bears on"),
                Column("verdict", "enum", "What the source makes of the seeds' statement", allowed=SOURCE_VERDICTS),
                Column("paraphrase_en", "text", "What the source says, in the book's words"),
                Column("source_url", "text", "Address of the source"),
                Column("publisher", "text", "Who published the source"),
                Column("source_date", "text", "Publication date (YYYY-MM-DD or YYYY-MM)", pattern=DATE_PATTERN),
            ),
            ("source_id",),
        ),
        editorial(
            "audit_stances",
            "Qualitative statements of the seeds coded by topic and stance (settled, contested, …), each with the "
            "seed heading it comes from",
            (
                Column("statement_id", "id", "Statement"),
                Column("topic", "id", "What the statement is about"),
                Column("stance", "enum", "What it says of the topic", allowed=STANCES),
                Column("quote_zh", "text", "The seed's wording"),
                Column("statement_en", "text", "What it says, in English"),
                Column("source", "text", "Seed file and heading"),
            ),
            ("statement_id",),
        ),
        editorial(
            "audit_stance_poles",
            "Which stances close a topic and which leave it open: a closed and an open statement on one topic "
            "contradict each other",
            (
                Column("stance", "enum", "Stance", allowed=STANCES),
                Column("pole", "enum", "Closed (decided) or open (undecided)", allowed=POLES),
                Column("meaning_en", "text", "What the stance means"),
            ),
            ("stance",),
        ),
        editorial(
            "audit_task_topics",
            "The topic of each Gantt task marked done, so that its done status meets the seeds' statements on it",
            (
                Column("task_id", "id", "Gantt task", references="timeline_tasks.task_id"),
                Column("topic", "id", "Topic of audit_stances.csv"),
            ),
            ("task_id",),
        ),
    )


EVENT_ITEMS = ("task", "prediction", "claim")
# Measures of scaling_book.analysis.measures a convergence degree can be read as.
DEGREE_MEASURES = ("leader_share", "hhi", "convergence_degree")
# A count of the whole population, a count of a part of it, the share that part holds, a multiple between two years.
QUANTITY_ROLES = ("total", "part", "part_share", "multiple")


def event_tables() -> tuple[Table, ...]:
    """The table of dated statements that name one event, whose dates the audit compares pairwise."""
    return (
        editorial(
            "audit_events",
            "Dated statements of the seeds (Gantt tasks, predictions, forecast windows) that name the same event",
            (
                Column("event_id", "id", "Event"),
                Column("item_kind", "enum", "Kind of dated statement", allowed=EVENT_ITEMS),
                Column("item_id", "text", "task_id, prediction_id or claim_id (a claim in years)"),
            ),
            ("event_id", "item_kind", "item_id"),
        ),
        editorial(
            "audit_degree_readings",
            "Defensible readings of the seeds' term 收敛度 (convergence degree) as a measure of a split of adoption, "
            "under each of which the audit tests every stated degree against its own level's criteria",
            (
                Column("reading_id", "id", "Reading"),
                Column("measure", "enum", "Measure of a split the degree is read as", allowed=DEGREE_MEASURES),
                Column("name_en", "text", "Name shown to the reader"),
            ),
            ("reading_id",),
        ),
        editorial(
            "audit_quantities",
            "What each count, share and multiple of the market claims describes: one population, the part of it or "
            "the share that part holds, in one year; the audit compares every pair these rows make comparable",
            (
                Column("claim_id", "id", "Claim", references="claims.claim_id"),
                Column("population", "id", "What is counted"),
                Column("role", "enum", "What the claim states of the population", allowed=QUANTITY_ROLES),
                Column("year", "int", "Year the claim describes (none for a multiple)", required=False),
            ),
            ("claim_id",),
        ),
    )
