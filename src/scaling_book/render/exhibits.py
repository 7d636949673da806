"""What every numbered exhibit (table or chart) shares: a label, a source line, a CSV download.

The CSV holds exactly the rows the exhibit shows; during a build it is written to the
chapter's artifact folder and published at ``data/<label>.csv`` in the HTML output.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

import pandas as pd

from scaling_book.inputs import provenance
from scaling_book.inputs.load import load_table

LABEL_PATTERN = re.compile(r"^(fig|tbl)-[a-z0-9]+(-[a-z0-9]+)*$")
DATASET_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOWNLOAD_FOLDER = "data"  # folder of the HTML output that holds exhibit CSVs


def check_label(label: str, prefix: str) -> None:
    if not LABEL_PATTERN.match(label) or not label.startswith(prefix + "-"):
        raise ValueError(f"exhibit label {label!r} must look like '{prefix}-some-name' (lowercase, digits, dashes)")


def check_dataset_name(name: str) -> None:
    if not DATASET_PATTERN.match(name) or name.startswith(("fig-", "tbl-")):
        raise ValueError(f"dataset name {name!r} must look like 'area-name' (lowercase, digits, dashes; no fig-/tbl-)")


def csv_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV of ``frame`` (UTF-8, LF line ends, no index)."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_csv(label: str, frame: pd.DataFrame) -> None:
    """Write the exhibit's data where the build collects it (nothing when not building)."""
    folder = provenance.artifact_dir()
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{label}.csv").write_text(csv_text(frame), encoding="utf-8")
    provenance.note_artifact(f"{DOWNLOAD_FOLDER}/{label}.csv")


def download_href(label: str) -> str:
    """Relative URL of the exhibit's CSV from the page of the executing chapter."""
    docname = provenance.current_docname() or ""
    depth = len(PurePosixPath(docname).parts) - 1 if docname else 0
    return "../" * depth + f"{DOWNLOAD_FOLDER}/{label}.csv"


def seeds_dated_up_to() -> date | None:
    """The latest date any seed document states for itself (the overview states none)."""
    stated = []
    for text in load_table("seeds")["last_updated_as_stated"].dropna():
        try:
            stated.append(date.fromisoformat(text))
        except ValueError:
            continue  # e.g. "2025-01-XX": a month without a day is not a date
    return max(stated, default=None)


def with_snapshot(source: str) -> str:
    """The source line with the date of the seed data it names: the latest date a seed states (Epoch lines carry
    their own release)."""
    if "data/framework/" not in source:
        return source
    latest = seeds_dated_up_to()
    return f"{source}; seeds as of {latest.isoformat()}" if latest else f"{source}; seeds undated"
