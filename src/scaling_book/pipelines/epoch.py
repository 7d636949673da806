"""Turn Epoch AI's raw CSV files into the processed tables of ``data/processed/``.

Usage: python -m scaling_book.pipelines.epoch <folder with Epoch CSVs> [--newer <folder>] [--seam <date>]
[--data <data folder>]

``notable_ai_models.csv`` is required; ``all_ai_models.csv`` and ``benchmark_runs.csv`` are
optional (an absent one is recorded in the manifest and its tables get no rows). Column
names that changed between Epoch releases are mapped to one name; a required column that
is missing stops the run with its name and the file's. Values that cannot be read are
counted in ``epoch_exclusions`` with their first line, never dropped silently. The output
is byte-deterministic: same raw files, same processed files. Hardware families come from
``data/editorial/hardware_families.csv``. Reading the raw files is in :mod:`.epoch_files`,
the derived tables in :mod:`.epoch_tables`. The per-model table ``epoch_models`` combines the
notable file with a newer release's extract (``--newer``) by period, see :mod:`.epoch_releases`.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from scaling_book.inputs.load import validate_tables
from scaling_book.inputs.paths import data_dir, relative_to_root
from scaling_book.inputs.validate import DataValidationError
from scaling_book.pipelines.epoch_files import (
    MOE_FLAG,
    PARAMETER_NOTES,
    SOURCES,
    EpochInputError,
    Exclusions,
    HardwareFamily,
    load_hardware_families,
    model_rows,
    read_epoch_file,
)
from scaling_book.pipelines.epoch_releases import DEFAULT_SEAM, NEWER, model_tables
from scaling_book.pipelines.epoch_tables import (
    Processed,
    benchmark_scores,
    compute_table,
    hardware_by_year,
    manifest_row,
    models_by_year,
    organizations_by_year,
)
from scaling_book.schemas.processed import MATCH_KINDS, PROCESSED_TABLES, RELEASE_DATASETS


def process(
    folder: Path,
    families: tuple[HardwareFamily, ...] | None = None,
    newer: Path | None = None,
    seam: date = DEFAULT_SEAM,
) -> Processed:
    """Read every known Epoch file in ``folder`` (and the newer release in ``newer``) and derive the processed tables.

    ``families`` defaults to ``data/editorial/hardware_families.csv`` of the project (:func:`data_dir`).
    Without ``newer``, ``epoch_models`` holds the notable file alone.
    """
    if families is None:
        families = load_hardware_families()
    family_ids = [family.family_id for family in families]
    if not folder.is_dir():
        raise EpochInputError(f"{folder}: no such folder (download the Epoch AI CSVs into it, see README)")
    processed = Processed()
    notable = None
    for source in SOURCES:
        path = folder / source.file
        if not path.is_file():
            if source.required:
                raise EpochInputError(f"{source.file}: required file is missing from {folder}")
            processed.add("epoch_manifest", [manifest_row(source, None, 0, [], [])])
            continue
        raw = read_epoch_file(path, source)
        if source.dataset == "notable":
            notable = raw
        exclusions = Exclusions(source.dataset)
        notes: list[str] = []
        dates: list[date] = []
        if source.dataset == "benchmarks":
            processed.add("epoch_benchmark_scores", benchmark_scores(raw, exclusions))
        else:
            if MOE_FLAG not in raw.header:
                notes.append(
                    f"{MOE_FLAG!r} derived from {PARAMETER_NOTES!r} by keyword"
                    if PARAMETER_NOTES in raw.header
                    else f"{MOE_FLAG!r} absent"
                )
            rows = model_rows(raw, exclusions, families)
            if source.dataset == "notable":
                processed.add("epoch_compute", compute_table(source.dataset, rows))
            processed.add("epoch_models_by_year", models_by_year(source.dataset, rows))
            processed.add("epoch_org_year", organizations_by_year(source.dataset, rows))
            processed.add("epoch_hardware_by_year", hardware_by_year(source.dataset, rows, family_ids))
            dates = [row.published for row in rows]
        processed.add("epoch_exclusions", exclusions.rows())
        processed.add("epoch_manifest", [manifest_row(source, raw, exclusions.dropped(), dates, notes)])
    assert notable is not None  # the notable file is required
    for name, table_rows in model_tables(notable, newer, seam, families).items():
        processed.add(name, table_rows)
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


def processed_csv_text(name: str, rows: list[dict[str, object]]) -> str:
    """A processed table as CSV text, rows sorted by the table's key (LF line ends)."""
    table = next(table for table in PROCESSED_TABLES if table.name == name)
    order = {
        dataset: index
        for index, dataset in enumerate(dict.fromkeys([source.dataset for source in SOURCES] + list(RELEASE_DATASETS)))
    }

    def sort_key(row: dict[str, object]) -> tuple[object, ...]:
        return tuple(order[str(row[name])] if name == "dataset" else row[name] for name in table.key)

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
            (staged / f"{name}.csv").write_bytes(processed_csv_text(name, rows).encode("utf-8"))
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
        lines.append(
            f"- {row['file']}: {row['rows_raw']} rows, {row['rows_kept']} kept, {row['rows_dropped']} "
            f"dropped; snapshot {cell_text(row['snapshot_date']) or '(no dates)'}; sha256 {row['sha256']}"
        )
        if row["columns_note"]:
            lines.append(f"    columns: {row['columns_note']}")
    for row in processed.tables["epoch_exclusions"]:
        lines.append(
            f"    {row['dataset']}: {row['rows']} row(s) with {row['reason']} {row['column']!r} "
            f"({row['action']}; first at line {row['first_line']}: {row['example']!r})"
        )
    lines.append("epoch_models (one row per notable model):")
    for row in processed.tables["epoch_releases"]:
        if row["status"] == "absent":
            lines.append(f"- {row['file']}: not supplied (--newer); the per-model table holds the older release alone")
            continue
        period = f"{cell_text(row['period_from']) or 'start'} to {cell_text(row['period_to']) or 'end'}"
        lines.append(
            f"- release {row['release']} ({row['file']}): {row['models']} models, published {period}; "
            f"{row['rows_raw']} rows, {row['rows_dropped']} dropped; sha256 {row['sha256']}"
        )
    for row in processed.tables["epoch_model_exclusions"]:
        lines.append(
            f"    {row['dataset']}: {row['rows']} row(s) with {row['reason']} {row['column']!r} "
            f"({row['action']}; first at line {row['first_line']}: {row['example']!r})"
        )
    pairs = {(row["model"], row["match"]): row["differing"] for row in processed.tables["epoch_release_revisions"]}
    if pairs:
        kinds = Counter(match for _, match in pairs)
        revised = sum(1 for differing in pairs.values() if differing)
        lines.append(
            "    overlap window: "
            + ", ".join(f"{kinds[kind]} {kind}" for kind in MATCH_KINDS)
            + f"; {revised} matched model(s) with revised values"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the pipeline from the command line; 1 with the reason on stderr when the input cannot be used."""
    parser = argparse.ArgumentParser(prog="python -m scaling_book.pipelines.epoch", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding the Epoch AI CSV files")
    parser.add_argument(
        "--newer",
        type=Path,
        default=None,
        help="folder holding the newer release's extract "
        f"{NEWER.source.file} (epoch_models then takes rows from the seam on from it)",
    )
    parser.add_argument(
        "--seam",
        type=date.fromisoformat,
        default=DEFAULT_SEAM,
        help=f"first publication date taken from the newer release (default {DEFAULT_SEAM})",
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="data folder to write processed/ into (default: the project's data/)"
    )
    args = parser.parse_args(argv)
    try:
        processed = process(args.folder, newer=args.newer, seam=args.seam)
        written = write_processed(processed, args.data or data_dir())
    except (EpochInputError, DataValidationError) as error:
        print(f"EPOCH PIPELINE FAILED: {error}", file=sys.stderr)
        return 1
    print(summary(processed))
    print(f"wrote {len(written)} tables to {relative_to_root(written[0].parent)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
