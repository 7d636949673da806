"""Epoch AI's raw files: which the pipeline knows, their column aliases, and reading and parsing their rows.

A required column that is missing stops the run with its name and the file's; values that
cannot be read are counted in :class:`Exclusions` with their first line, never dropped silently.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import OTHER_HARDWARE

T = TypeVar("T")

# Canonical column name -> names other Epoch releases use for it.
ALIASES: dict[str, tuple[str, ...]] = {
    "Model": ("System",),
    "Country (from Organization)": ("Country (of organization)",),
    "Training dataset size (datapoints)": ("Training dataset size (total)",),
    "model": ("Model version",),
}
MODEL_COLUMNS = (
    "Model",
    "Organization",
    "Country (from Organization)",
    "Publication date",
    "Training compute (FLOP)",
    "Training hardware",
    "Model accessibility",
    "Domain",
)
MOE_FLAG = "MoE (from parameter notes)"
PARAMETER_NOTES = "Parameters notes"
# The heuristic the shared snapshots used for MOE_FLAG (notes mention experts, mixture-of-experts
# included, or active parameters), applied when a release has only the notes.
MOE_NOTES_PATTERN = re.compile(r"experts|active param", re.IGNORECASE)
SCORE = "Best score (across scorers)"

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
    Source(
        "notable",
        "notable_ai_models.csv",
        "Notable AI Models",
        "https://epoch.ai/data/notable-ai-models",
        True,
        MODEL_COLUMNS + ("Frontier model",),
    ),
    Source("all", "all_ai_models.csv", "All AI Models", "https://epoch.ai/data/ai-models", False, MODEL_COLUMNS),
    Source(
        "benchmarks",
        "benchmark_runs.csv",
        "AI Benchmarking Hub",
        "https://epoch.ai/data/ai-benchmarking-dashboard",
        False,
        ("task", "model", SCORE),
    ),
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
        return [
            {
                "dataset": self.dataset,
                "column": column,
                "reason": reason,
                "action": action,
                "rows": self.counts[(column, reason, action)],
                "first_line": self.first[(column, reason, action)][0],
                "example": self.first[(column, reason, action)][1],
            }
            for column, reason, action in self.counts
        ]


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
                raise EpochInputError(
                    f"{file}: both {canonical!r} and its alias {name!r} are columns; "
                    "remove one so the pipeline knows which to read"
                )
            notes.append(f"{name!r} read as {canonical!r}")
        renamed.append(canonical)
    return renamed, notes


def read_epoch_file(path: Path, source: Source) -> RawFile:
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
                raise EpochInputError(
                    f"{source.file}, line {reader.line_num}: {len(record)} fields, the header has {len(header)}"
                )
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


@dataclass(frozen=True)
class HardwareFamily:
    """An accelerator family of ``data/editorial/hardware_families.csv``: its id and the prefix that marks it."""

    family_id: str
    match_prefix: str


def load_hardware_families() -> tuple[HardwareFamily, ...]:
    """The editorial hardware families in their table order (the first matching prefix wins)."""
    frame = load_table("hardware_families").sort_values("order")
    return tuple(HardwareFamily(str(row["family_id"]), str(row["match_prefix"])) for _, row in frame.iterrows())


def families_mentioned(text: str, families: tuple[HardwareFamily, ...]) -> set[str]:
    """Ids of the families the hardware cell mentions, ``other`` for an item that matches none."""
    found = set()
    for item in tokens(text):
        found.add(
            next(
                (family.family_id for family in families if item.lower().startswith(family.match_prefix.lower())),
                OTHER_HARDWARE,
            )
        )
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


def optional_value(
    exclusions: Exclusions, column: str, parse: Callable[[str], T], text: str | None, line: int
) -> T | None:
    """``parse(text)``, or None when the cell is empty or unreadable (an unreadable cell is counted)."""
    if text is None or not text.strip():
        return None
    try:
        return parse(text.strip())
    except ValueError:
        exclusions.note(column, "unparseable", "value treated as unknown", line, text)
        return None


def dated_rows(raw: RawFile, exclusions: Exclusions) -> Iterator[tuple[dict[str, str], int, date]]:
    """(row, line, publication date) of a models file; rows without a name or a readable date are dropped and counted."""
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
        yield row, line, published


def model_rows(raw: RawFile, exclusions: Exclusions, families: tuple[HardwareFamily, ...]) -> list[ModelRow]:
    """Parse the rows of a models file; rows without a name or a readable date are dropped and counted."""
    kept = []
    for row, line, published in dated_rows(raw, exclusions):
        frontier = None
        if "Frontier model" in row:  # Epoch leaves the flag empty for models that are not frontier models
            frontier = optional_value(exclusions, "Frontier model", parse_flag, row["Frontier model"] or "False", line)
        countries = set(tokens(row["Country (from Organization)"]))
        accessibility = row["Model accessibility"].strip()
        organization = tokens(row["Organization"])
        kept.append(
            ModelRow(
                model=row["Model"].strip(),
                published=published,
                compute=optional_value(
                    exclusions, "Training compute (FLOP)", parse_flop, row["Training compute (FLOP)"], line
                ),
                frontier=frontier,
                organization=organization[0] if organization else None,
                countries=frozenset(group for group, name in COUNTRIES if name in countries),
                hardware=frozenset(families_mentioned(row["Training hardware"], families)),
                open_weights=accessibility.startswith(OPEN_WEIGHTS_PREFIX) if accessibility else None,
                language="Language" in tokens(row["Domain"]),
                moe=optional_value(exclusions, MOE_FLAG, parse_flag, moe_flag(row), line),
            )
        )
    return kept
