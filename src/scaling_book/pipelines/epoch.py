"""Turn Epoch AI's raw CSV files into the processed tables of ``data/processed/``.

Usage: python -m scaling_book.pipelines.epoch <folder with Epoch CSVs> [--data <data folder>]

``notable_ai_models.csv`` is required; ``all_ai_models.csv`` and ``benchmark_runs.csv`` are
optional (an absent one is recorded in the manifest and its tables get no rows). Column
names that changed between Epoch releases are mapped to one name; a required column that
is missing stops the run with its name and the file's. Values that cannot be read are
counted in ``epoch_exclusions`` with their first line, never dropped silently. The output
is byte-deterministic: same raw files, same processed files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from scaling_book.inputs.load import validate_tables
from scaling_book.inputs.paths import data_dir, relative_to_root
from scaling_book.schemas.processed import BENCHMARK_TASKS, PROCESSED_TABLES
from scaling_book.inputs.validate import DataValidationError

T = TypeVar("T")
LICENCE = "CC BY 4.0"

# Canonical column name -> names other Epoch releases use for it.
ALIASES: dict[str, tuple[str, ...]] = {
    "Model": ("System",),
    "Country (from Organization)": ("Country (of organization)",),
    "Training dataset size (datapoints)": ("Training dataset size (total)",),
    "model": ("Model version",),
}
MODEL_COLUMNS = ("Model", "Organization", "Country (from Organization)", "Publication date",
                 "Training compute (FLOP)", "Training hardware", "Model accessibility", "Domain")
MOE_FLAG = "MoE (from parameter notes)"
PARAMETER_NOTES = "Parameters notes"
# The heuristic the shared snapshots used for MOE_FLAG (notes mention experts, mixture-of-experts
# included, or active parameters), applied when a release has only the notes.
MOE_NOTES_PATTERN = re.compile(r"experts|active param", re.IGNORECASE)
SCORE = "Best score (across scorers)"

HARDWARE_PREFIXES = (("nvidia", "NVIDIA"), ("google_tpu", "Google TPU"), ("huawei_ascend", "Huawei Ascend"))
COUNTRIES = (("United States", "United States of America"), ("China", "China"))
OPEN_WEIGHTS_PREFIX = "Open weights"


@dataclass(frozen=True)
class Source:
    """One Epoch AI file the pipeline knows: where it is published and which columns it needs."""

    dataset: str
    file: str
    title: str
    url: str
    required: bool
    columns: tuple[str, ...]


SOURCES = (
    Source("notable", "notable_ai_models.csv", "Notable AI Models", "https://epoch.ai/data/notable-ai-models",
           True, MODEL_COLUMNS + ("Frontier model",)),
    Source("all", "all_ai_models.csv", "All AI Models", "https://epoch.ai/data/ai-models", False, MODEL_COLUMNS),
    Source("benchmarks", "benchmark_runs.csv", "AI Benchmarking Hub",
           "https://epoch.ai/data/ai-benchmarking-dashboard", False, ("task", "model", SCORE)),
)


class EpochInputError(ValueError):
    """A raw file the pipeline cannot use; the message names the file (and the column or line)."""


@dataclass
class RawFile:
    """A raw CSV file: its bytes' digest, canonical header, rows and their line numbers."""

    source: Source
    sha256: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    notes: list[str]


@dataclass
class Exclusions:
    """Counts of left-out rows and values by (column, reason, action), with the first line and value."""

    dataset: str
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    first: dict[tuple[str, str, str], tuple[int, str]] = field(default_factory=dict)

    def note(self, column: str, reason: str, action: str, line: int, value: str) -> None:
        key = (column, reason, action)
        self.counts[key] += 1
        self.first.setdefault(key, (line, value))

    def dropped(self) -> int:
        """Rows left out entirely (as opposed to single values treated as unknown)."""
        return sum(rows for (_, _, action), rows in self.counts.items() if action == "row dropped")

    def rows(self) -> list[dict[str, object]]:
        return [{"dataset": self.dataset, "column": column, "reason": reason, "action": action,
                 "rows": self.counts[(column, reason, action)], "first_line": self.first[(column, reason, action)][0],
                 "example": self.first[(column, reason, action)][1]}
                for column, reason, action in self.counts]


def canonical_header(header: list[str], file: str) -> tuple[list[str], list[str]]:
    """Header with known aliases renamed, and a note for each renaming; raises on ambiguity."""
    if len(set(header)) != len(header):
        twice = sorted({name for name in header if header.count(name) > 1})
        raise EpochInputError(f"{file}: column(s) {', '.join(map(repr, twice))} appear twice in the header")
    renamed, notes = [], []
    for name in header:
        canonical = next((key for key, aliases in ALIASES.items() if name in aliases), name)
        if canonical != name:
            if canonical in header:
                raise EpochInputError(f"{file}: both {canonical!r} and its alias {name!r} are columns; "
                                      "remove one so the pipeline knows which to read")
            notes.append(f"{name!r} read as {canonical!r}")
        renamed.append(canonical)
    return renamed, notes


def read_raw(path: Path, source: Source) -> RawFile:
    """Read one Epoch CSV, map its column aliases and check that every required column is there."""
    payload = path.read_bytes()
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EpochInputError(f"{source.file}: not valid UTF-8 at byte {error.start}") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header, notes = canonical_header(next(reader), source.file)
        rows, lines = [], []
        for record in reader:
            if not record:
                continue
            if len(record) != len(header):
                raise EpochInputError(f"{source.file}, line {reader.line_num}: {len(record)} fields, "
                                      f"the header has {len(header)}")
            rows.append(dict(zip(header, record)))
            lines.append(reader.line_num)
    except StopIteration:
        raise EpochInputError(f"{source.file}: the file is empty (no header line)") from None
    except csv.Error as error:
        raise EpochInputError(f"{source.file}, line {reader.line_num}: malformed CSV ({error})") from None
    for column in source.columns:
        if column not in header:
            also = ALIASES.get(column, ())
            hint = f" (nor its alias {', '.join(map(repr, also))})" if also else ""
            raise EpochInputError(f"{source.file}: required column {column!r}{hint} is missing")
    return RawFile(source, hashlib.sha256(payload).hexdigest(), header, rows, lines, notes)


def parse_date(text: str) -> date:
    """An ISO date 'YYYY-MM-DD'; raises ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return date.fromisoformat(text)


def parse_flop(text: str) -> float:
    """A positive, finite amount of compute; raises ValueError otherwise."""
    value = float(text)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(text)
    return value


def parse_flag(text: str) -> bool:
    """'True' or 'False' in any case; raises ValueError otherwise."""
    lowered = text.strip().lower()
    if lowered not in ("true", "false"):
        raise ValueError(text)
    return lowered == "true"


def tokens(text: str) -> list[str]:
    """Comma-separated list as Epoch writes multi-valued cells."""
    return [part.strip() for part in text.split(",") if part.strip()]


def hardware_families(text: str) -> set[str]:
    """Families the hardware cell mentions: nvidia, google_tpu, huawei_ascend, other."""
    found = set()
    for item in tokens(text):
        family = next((name for name, prefix in HARDWARE_PREFIXES if item.lower().startswith(prefix.lower())), "other")
        found.add(family)
    return found


@dataclass(frozen=True)
class ModelRow:
    """What the measures need from one dated model row."""

    model: str
    published: date
    compute: float | None
    frontier: bool | None
    organization: str | None
    countries: frozenset[str]
    hardware: frozenset[str]
    open_weights: bool | None
    language: bool
    moe: bool | None


def moe_flag(row: dict[str, str]) -> str | None:
    """The MoE flag as text: from the shared files' column, else derived from the parameter notes."""
    if MOE_FLAG in row:
        return row[MOE_FLAG]
    if PARAMETER_NOTES in row:
        return str(bool(MOE_NOTES_PATTERN.search(row[PARAMETER_NOTES])))
    return None


def optional_value(exclusions: Exclusions, column: str, parse: Callable[[str], T], text: str | None,
                   line: int) -> T | None:
    """``parse(text)``, or None when the cell is empty or unreadable (an unreadable cell is counted)."""
    if text is None or not text.strip():
        return None
    try:
        return parse(text.strip())
    except ValueError:
        exclusions.note(column, "unparseable", "value treated as unknown", line, text)
        return None


def model_rows(raw: RawFile, exclusions: Exclusions) -> list[ModelRow]:
    """Parse the rows of a models file; rows without a name or a readable date are dropped and counted."""
    kept = []
    for row, line in zip(raw.rows, raw.lines):
        if not row["Model"].strip():
            exclusions.note("Model", "missing", "row dropped", line, "")
            continue
        published_text = row["Publication date"].strip()
        if not published_text:
            exclusions.note("Publication date", "missing", "row dropped", line, "")
            continue
        try:
            published = parse_date(published_text)
        except ValueError:
            exclusions.note("Publication date", "unparseable", "row dropped", line, published_text)
            continue
        frontier = None
        if "Frontier model" in row:  # Epoch leaves the flag empty for models that are not frontier models
            frontier = optional_value(exclusions, "Frontier model", parse_flag, row["Frontier model"] or "False", line)
        countries = set(tokens(row["Country (from Organization)"]))
        accessibility = row["Model accessibility"].strip()
        organization = tokens(row["Organization"])
        kept.append(ModelRow(
            model=row["Model"].strip(),
            published=published,
            compute=optional_value(exclusions, "Training compute (FLOP)", parse_flop, row["Training compute (FLOP)"],
                                   line),
            frontier=frontier,
            organization=organization[0] if organization else None,
            countries=frozenset(group for group, name in COUNTRIES if name in countries),
            hardware=frozenset(hardware_families(row["Training hardware"])),
            open_weights=accessibility.startswith(OPEN_WEIGHTS_PREFIX) if accessibility else None,
            language="Language" in tokens(row["Domain"]),
            moe=optional_value(exclusions, MOE_FLAG, parse_flag, moe_flag(row), line),
        ))
    return kept


def compute_table(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """One row per model with a compute estimate."""
    return [{"dataset": dataset, "model": row.model, "publication_date": row.published,
             "training_compute_flop": row.compute, "frontier": row.frontier}
            for row in rows if row.compute is not None]


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
    columns = ("models", "organization_known", "accessibility_known", "open_weights", "language_models",
               "moe_known", "moe_flagged")
    return [{"dataset": dataset, "year": year, **{name: counts[name] for name in columns}}
            for year, counts in years.items()]


def organizations_by_year(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """Per year and first listed organisation: models."""
    counts = Counter((row.published.year, row.organization) for row in rows if row.organization is not None)
    return [{"dataset": dataset, "year": year, "organization": organization, "models": models}
            for (year, organization), models in counts.items()]


def hardware_by_year(dataset: str, rows: list[ModelRow]) -> list[dict[str, object]]:
    """Per year and country group: models with hardware known, and how many mention each family."""
    families = [name for name, _ in HARDWARE_PREFIXES] + ["other"]
    counts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if not row.hardware:
            continue
        for group in ("all", *sorted(row.countries)):
            tally = counts[(row.published.year, group)]
            tally["hardware_known"] += 1
            for family in row.hardware:
                tally[family] += 1
    return [{"dataset": dataset, "year": year, "country": group, "hardware_known": tally["hardware_known"],
             **{family: tally[family] for family in families}}
            for (year, group), tally in counts.items()]


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
    return [{"dataset": raw.source.dataset, "task": task, "model": model, "best_score": best[(task, model)],
             "runs": runs[(task, model)]} for task, model in best]


@dataclass
class Processed:
    """Rows of every processed table, by table name."""

    tables: dict[str, list[dict[str, object]]] = field(
        default_factory=lambda: {table.name: [] for table in PROCESSED_TABLES})

    def add(self, name: str, rows: Iterable[dict[str, object]]) -> None:
        self.tables[name].extend(rows)


def manifest_row(source: Source, raw: RawFile | None, dropped: int, dates: list[date],
                 notes: list[str]) -> dict[str, object]:
    """Provenance of one raw file (or the record that it was absent)."""
    base = {"dataset": source.dataset, "file": source.file, "title": source.title, "url": source.url,
            "licence": LICENCE}
    if raw is None:
        return {**base, "status": "absent", "snapshot_date": None, "sha256": None, "rows_raw": None,
                "rows_kept": None, "rows_dropped": None, "columns_note": "file not supplied"}
    return {**base, "status": "read", "snapshot_date": max(dates) if dates else None, "sha256": raw.sha256,
            "rows_raw": len(raw.rows), "rows_kept": len(raw.rows) - dropped, "rows_dropped": dropped,
            "columns_note": "; ".join(raw.notes + notes) or None}


def process(folder: Path) -> Processed:
    """Read every known Epoch file in ``folder`` and derive the processed tables."""
    if not folder.is_dir():
        raise EpochInputError(f"{folder}: no such folder (download the Epoch AI CSVs into it, see README)")
    processed = Processed()
    for source in SOURCES:
        path = folder / source.file
        if not path.is_file():
            if source.required:
                raise EpochInputError(f"{source.file}: required file is missing from {folder}")
            processed.add("epoch_manifest", [manifest_row(source, None, 0, [], [])])
            continue
        raw = read_raw(path, source)
        exclusions = Exclusions(source.dataset)
        notes: list[str] = []
        dates: list[date] = []
        if source.dataset == "benchmarks":
            processed.add("epoch_benchmark_scores", benchmark_scores(raw, exclusions))
        else:
            if MOE_FLAG not in raw.header:
                notes.append(f"{MOE_FLAG!r} derived from {PARAMETER_NOTES!r} by keyword"
                             if PARAMETER_NOTES in raw.header else f"{MOE_FLAG!r} absent")
            rows = model_rows(raw, exclusions)
            if source.dataset == "notable":
                processed.add("epoch_compute", compute_table(source.dataset, rows))
            processed.add("epoch_models_by_year", models_by_year(source.dataset, rows))
            processed.add("epoch_org_year", organizations_by_year(source.dataset, rows))
            processed.add("epoch_hardware_by_year", hardware_by_year(source.dataset, rows))
            dates = [row.published for row in rows]
        processed.add("epoch_exclusions", exclusions.rows())
        processed.add("epoch_manifest", [manifest_row(source, raw, exclusions.dropped(), dates, notes)])
    return processed


def cell_text(value: object) -> str:
    """Fixed text form of a value: floats round-trip exactly, booleans lowercase, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_text(name: str, rows: list[dict[str, object]]) -> str:
    """A processed table as CSV text, rows sorted by the table's key (LF line ends)."""
    table = next(table for table in PROCESSED_TABLES if table.name == name)
    order = {source.dataset: index for index, source in enumerate(SOURCES)}

    def sort_key(row: dict[str, object]) -> tuple[object, ...]:
        return tuple(order[row[name]] if name == "dataset" else row[name] for name in table.key)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in sorted(rows, key=sort_key):
        writer.writerow([cell_text(row[column]) for column in table.column_names])
    return buffer.getvalue()


def write_processed(processed: Processed, data: Path) -> list[Path]:
    """Validate the tables in a scratch folder, then replace those in ``data/processed``; returns the files."""
    target = data / "processed"
    data.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="epoch-", dir=data) as scratch:
        staged = Path(scratch) / "processed"
        staged.mkdir()
        for name, rows in processed.tables.items():
            (staged / f"{name}.csv").write_bytes(csv_text(name, rows).encode("utf-8"))
        problems = validate_tables(set(processed.tables), Path(scratch))
        if problems:
            raise DataValidationError(problems)
        target.mkdir(exist_ok=True)
        written = []
        for name in processed.tables:
            shutil.copyfile(staged / f"{name}.csv", target / f"{name}.csv")
            written.append(target / f"{name}.csv")
    return written


def summary(processed: Processed) -> str:
    """What was read and what was left out, for the person running the pipeline."""
    lines = []
    for row in processed.tables["epoch_manifest"]:
        if row["status"] == "absent":
            lines.append(f"- {row['file']}: not supplied (optional here; see the README for what the book does)")
            continue
        lines.append(f"- {row['file']}: {row['rows_raw']} rows, {row['rows_kept']} kept, {row['rows_dropped']} "
                     f"dropped; snapshot {cell_text(row['snapshot_date']) or '(no dates)'}; sha256 {row['sha256']}")
        if row["columns_note"]:
            lines.append(f"    columns: {row['columns_note']}")
    for row in processed.tables["epoch_exclusions"]:
        lines.append(f"    {row['dataset']}: {row['rows']} row(s) with {row['reason']} {row['column']!r} "
                     f"({row['action']}; first at line {row['first_line']}: {row['example']!r})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scaling_book.pipelines.epoch", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding the Epoch AI CSV files")
    parser.add_argument("--data", type=Path, default=None, help="data folder to write processed/ into "
                        "(default: the project's data/)")
    args = parser.parse_args(argv)
    try:
        processed = process(args.folder)
        written = write_processed(processed, args.data or data_dir())
    except (EpochInputError, DataValidationError) as error:
        print(f"EPOCH PIPELINE FAILED: {error}", file=sys.stderr)
        return 1
    print(summary(processed))
    print(f"wrote {len(written)} tables to {relative_to_root(written[0].parent)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
