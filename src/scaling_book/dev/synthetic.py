"""Synthetic growth of ``data/`` for the scale benchmark: many more rows that still pass validation.

Every table that can grow gets ``factor - 1`` copies of its rows. Copy ``k`` suffixes the
ids that make a row unique (``_s01`` … ``_s99``; counters and ``order`` columns move past the
original's largest value), and every reference to a grown table carries the same suffix, so copy ``k`` of the
data is a complete, consistent replica of the original next to it: shares still sum to at
most one per group and dates stay in order. Names and titles say which copy they belong to
("Transformer (copy 7)"), so that tables and charts list distinct entities, as real data would.

A table cannot grow when every column of its key is enumerated or bounded (the levels
L4–L0, the Epoch datasets, calendar years, country groups) or has a fixed form (seed
file names). A few more keep their rows because copies would not be more data but a
different book (``KEPT``). :func:`grow_data` reports which tables grew and why the others did not.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from scaling_book.schemas.registry import TABLES
from scaling_book.schemas.table import Column, Table

DEFAULT_FACTOR = 100
NAME_COLUMNS = ("name_en", "name_zh", "title_en", "title_zh")
ORDER = "order"  # position in the seed's own order (registry._order)
KEPT = {
    "claims": "kept: each claim of the seeds has its own check in scaling_book/audit.py",
    "level_thresholds": "kept: the criteria that define the five levels (copies would repeat every criterion)",
    "level_profiles": "kept: profiles of the five levels (copies would repeat them)",
}


@dataclass(frozen=True)
class Growth:
    """What happened to one table: rows before and after, and how it grew or why it could not."""

    table: str
    rows_before: int
    rows_after: int
    how: str


def _is_free(column: Column) -> bool:
    """A column whose values can take any suffix and still be valid."""
    return (
        column.kind in ("id", "text")
        and column.allowed is None
        and column.pattern is None
        and column.references is None
    )


def _is_unbounded_int(column: Column) -> bool:
    """A counter that can move past its largest value and still be valid."""
    return column.kind == "int" and column.maximum is None


def _follows_grown_key(column: Column, varying: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``column`` references a varying key column of a table that grows."""
    if not column.references:
        return False
    target, target_column = column.references.split(".")
    return target_column in varying.get(target, ())


def varying_columns(tables: dict[str, Table]) -> dict[str, tuple[str, ...]]:
    """For each table that can grow, the key columns that differ between copies (fixpoint over references)."""
    varying: dict[str, tuple[str, ...]] = {}
    changed = True
    while changed:
        changed = False
        for table in tables.values():
            key = [table.column(name) for name in table.key]
            by_reference = tuple(column.name for column in key if _follows_grown_key(column, varying))
            free = tuple(column.name for column in key if _is_free(column))
            counted = tuple(column.name for column in key if _is_unbounded_int(column))
            chosen = by_reference or free or counted
            if chosen and varying.get(table.name) != chosen:
                varying[table.name] = chosen
                changed = True
    return varying


def _suffix(value: str, copy: int) -> str:
    """'transformer' -> 'transformer_s07' for copy 7."""
    return f"{value}_s{copy:02d}"


class _Copier:
    """Makes copy ``k`` of a row: suffixed ids, offset counters, and references that follow their targets.

    (Cell references such as the claims' ``ref`` are not followed: the claims are kept as they are.)
    """

    def __init__(
        self, tables: dict[str, Table], varying: dict[str, tuple[str, ...]], rows: dict[str, list[dict[str, str]]]
    ):
        self.tables = tables
        self.varying = varying
        # Counters move past the original's largest value: keys (e.g. an order within a seed's list) stay
        # unique, and every "order" column keeps each copy's rows together and in their original order.
        self.offsets = {
            (name, column.name): max((int(row[column.name]) for row in rows[name] if row[column.name]), default=0)
            for name, table in tables.items()
            for column in table.columns
            if column.kind == "int" and (column.name in varying.get(name, ()) or column.name == ORDER)
        }

    def key_value(self, table: str, column: str, value: str, copy: int) -> str:
        """Copy ``copy`` of a value of a varying key column or counter of ``table``."""
        if (table, column) in self.offsets:
            return str(int(value) + copy * self.offsets[(table, column)])
        return _suffix(value, copy)

    def row(self, table: Table, row: dict[str, str], copy: int) -> dict[str, str]:
        """Copy ``copy`` of one row of ``table``."""
        result = dict(row)
        own = self.varying[table.name]
        for column in table.columns:
            value = row[column.name]
            if value == "":
                continue
            if _follows_grown_key(column, self.varying):
                target, target_column = str(column.references).split(".")
                result[column.name] = self.key_value(target, target_column, value, copy)
            elif column.name in own or column.name == ORDER:
                result[column.name] = self.key_value(table.name, column.name, value, copy)
            elif column.name in NAME_COLUMNS:
                result[column.name] = f"{value} (copy {copy})"
        return result


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file, as text."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _csv(header: list[str], rows: list[dict[str, str]]) -> str:
    """CSV text in the form the data files use (UTF-8, LF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def grow_data(data_dir: Path, factor: int = DEFAULT_FACTOR) -> list[Growth]:
    """Rewrite every growable table under ``data_dir`` with ``factor`` times its rows; report each table."""
    if factor < 1:
        raise ValueError(f"the growth factor must be at least 1, got {factor}")
    varying = varying_columns({name: table for name, table in TABLES.items() if name not in KEPT})
    headers: dict[str, list[str]] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    files = {name: table for name, table in TABLES.items() if "*" not in table.path}  # user folders are not grown
    for name, table in files.items():
        headers[name], rows[name] = _read(data_dir / table.path)
    copier = _Copier(files, varying, rows)
    report = []
    for name, table in files.items():
        original = rows[name]
        if name in KEPT:
            report.append(Growth(name, len(original), len(original), KEPT[name]))
            continue
        if name not in varying:
            report.append(
                Growth(
                    name,
                    len(original),
                    len(original),
                    "fixed: every key column is enumerated, bounded or of a fixed form",
                )
            )
            continue
        grown = original + [copier.row(table, row, copy) for copy in range(1, factor) for row in original]
        (data_dir / table.path).write_text(_csv(headers[name], grown), encoding="utf-8")
        report.append(Growth(name, len(original), len(grown), "copies vary " + ", ".join(varying[name])))
    return report
