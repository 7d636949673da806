"""The processed tables the pipeline derives from parsed Epoch rows, and the manifest row of each raw file."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from scaling_book.pipelines.epoch_files import SCORE, Exclusions, ModelRow, RawFile, Source
from scaling_book.schemas.processed import BENCHMARK_TASKS, OTHER_HARDWARE, PROCESSED_TABLES

LICENCE = "CC BY 4.0"


def compute_table(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """One row per model with a compute estimate."""
    return [
        {
            "dataset": dataset,
            "model": row.model,
            "publication_date": row.published,
            "training_compute_flop": row.compute,
            "frontier": row.frontier,
        }
        for row in rows
        if row.compute is not None
    ]


def models_by_year(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """Per year: models, and the counts behind the openness and MoE shares."""
    years: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts = years[row.published.year]
        counts["models"] += 1
        counts["organization_known"] += row.organization is not None
        counts["accessibility_known"] += row.open_weights is not None
        counts["open_weights"] += bool(row.open_weights)
        counts["language_models"] += row.language
        counts["moe_known"] += row.language and row.moe is not None
        counts["moe_flagged"] += row.language and bool(row.moe)
    columns = (
        "models",
        "organization_known",
        "accessibility_known",
        "open_weights",
        "language_models",
        "moe_known",
        "moe_flagged",
    )
    return [
        {"dataset": dataset, "year": year, **{name: counts[name] for name in columns}} for year, counts in years.items()
    ]


def organizations_by_year(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """Per year and first listed organisation: models."""
    counts = Counter((row.published.year, row.organization) for row in rows if row.organization is not None)
    return [
        {"dataset": dataset, "year": year, "organization": organization, "models": models}
        for (year, organization), models in counts.items()
    ]


def hardware_by_year(dataset: str, rows: list[ModelRow], family_ids: Iterable[str]) -> list[dict[str, object]]:
    """Per year and country group: models with hardware known, and how many mention each family (and other)."""
    families = [*family_ids, OTHER_HARDWARE]
    counts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if not row.hardware:
            continue
        for group in ("all", *sorted(row.countries)):
            tally = counts[(row.published.year, group)]
            tally["hardware_known"] += 1
            for family in row.hardware:
                tally[family] += 1
    return [
        {
            "dataset": dataset,
            "year": year,
            "country": group,
            "hardware_known": tally["hardware_known"],
            **{family: tally[family] for family in families},
        }
        for (year, group), tally in counts.items()
    ]


def benchmark_scores(raw: RawFile, exclusions: Exclusions) -> list[dict[str, object]]:
    """Best score per (task, model) over the runs of the two benchmarks analysed."""
    best: dict[tuple[str, str], float] = {}
    runs: Counter[tuple[str, str]] = Counter()
    for row, line in zip(raw.rows, raw.lines):
        task, model, text = row["task"].strip(), row["model"].strip(), row[SCORE].strip()
        if task not in BENCHMARK_TASKS:
            exclusions.note("task", "out of scope", "row dropped", line, task)
            continue
        if not model:
            exclusions.note("model", "missing", "row dropped", line, "")
            continue
        try:
            score = float(text)
            if not 0 <= score <= 1:
                raise ValueError(text)
        except ValueError:
            exclusions.note(SCORE, "missing" if not text else "unparseable", "row dropped", line, text)
            continue
        key = (task, model)
        best[key] = max(score, best.get(key, score))
        runs[key] += 1
    return [
        {
            "dataset": raw.source.dataset,
            "task": task,
            "model": model,
            "best_score": best[(task, model)],
            "runs": runs[(task, model)],
        }
        for task, model in best
    ]


@dataclass
class Processed:
    """Rows of every processed table, by table name."""

    tables: dict[str, list[dict[str, object]]] = field(
        default_factory=lambda: {table.name: [] for table in PROCESSED_TABLES}
    )

    def add(self, name: str, rows: Iterable[dict[str, object]]) -> None:
        self.tables[name].extend(rows)


def manifest_row(
    source: Source, raw: RawFile | None, dropped: int, dates: list[date], notes: list[str]
) -> dict[str, object]:
    """Provenance of one raw file (or the record that it was absent)."""
    base = {
        "dataset": source.dataset,
        "file": source.file,
        "title": source.title,
        "url": source.url,
        "licence": LICENCE,
    }
    if raw is None:
        return {
            **base,
            "status": "absent",
            "snapshot_date": None,
            "sha256": None,
            "rows_raw": None,
            "rows_kept": None,
            "rows_dropped": None,
            "columns_note": "file not supplied",
        }
    return {
        **base,
        "status": "read",
        "snapshot_date": max(dates) if dates else None,
        "sha256": raw.sha256,
        "rows_raw": len(raw.rows),
        "rows_kept": len(raw.rows) - dropped,
        "rows_dropped": dropped,
        "columns_note": "; ".join(raw.notes + notes) or None,
    }
