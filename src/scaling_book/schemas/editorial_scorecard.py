"""Schemas of the prediction scorecard's editorial tables: resolution criteria and sourced outcomes."""

from __future__ import annotations

from scaling_book.schemas.editorial_base import editorial
from scaling_book.schemas.table import Column, Table

# The items of the prediction scorecard, and the outcomes a source (or a measure) can give them.
ITEM_KINDS = ("prediction", "task")
OUTCOME_STATUSES = ("resolved_yes", "resolved_no", "partly", "ambiguous")


def scorecard_tables() -> tuple[Table, ...]:
    """The two tables, built with the editorial helper of :mod:`scaling_book.schemas.editorial`."""
    return (
        editorial(
            "prediction_criteria",
            "Resolution criteria of the seeds' dated predictions and timeline tasks, written before any outcome was "
            "looked up: what counts as yes, no or partly, and the measure that settles it where the data have one",
            (
                Column("item_kind", "enum", "Kind of item: a dated prediction or a timeline task", allowed=ITEM_KINDS),
                Column("item_id", "id", "The prediction_id of predictions.csv or the task_id of timeline_tasks.csv"),
                Column("criterion_en", "text", "What would count as yes, no or partly, measurable where possible"),
                Column(
                    "measure",
                    "text",
                    "Measure that settles the item: 'atlas:<area>:<option>:share' (the option's share in the atlas on "
                    "the due year, or the last measurable year before it), or 'none'",
                    pattern=r"^(none|atlas:[a-z_]+:[a-z_]+:share)$",
                ),
                Column(
                    "threshold", "float", "Share at or above which the measure reads yes", required=False, minimum=0
                ),
                Column(
                    "partly_threshold",
                    "float",
                    "Share at or above which the measure reads partly (below the yes threshold)",
                    required=False,
                    minimum=0,
                ),
            ),
            ("item_kind", "item_id"),
        ),
        editorial(
            "prediction_outcomes",
            "Outcomes of the seeds' dated predictions and timeline tasks recorded from public sources, each with its "
            "evidence paraphrased; an item without a row here has no recorded outcome",
            (
                Column("item_kind", "enum", "Kind of item: a dated prediction or a timeline task", allowed=ITEM_KINDS),
                Column("item_id", "id", "The prediction_id of predictions.csv or the task_id of timeline_tasks.csv"),
                Column("status", "enum", "Outcome the source supports", allowed=OUTCOME_STATUSES),
                Column("evidence_en", "text", "What the source says, paraphrased"),
                Column("source_url", "text", "Address of the source"),
                Column("publisher", "text", "Who published the source"),
                Column(
                    "source_date",
                    "text",
                    "Publication date of the source (YYYY-MM-DD, or YYYY-MM when only the month is known)",
                    pattern=r"^\d{4}-\d{2}(-\d{2})?$",
                ),
            ),
            ("item_kind", "item_id"),
        ),
    )
