"""Building blocks of the column registry: what a table and a column may hold.

The registry itself (every table of ``data/``) is in :mod:`scaling_book.schemas.registry`;
the checks that enforce it are in :mod:`scaling_book.inputs.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["id", "text", "int", "float", "bool", "date", "enum"]

# A seed reference: the seed file name, " § ", and the exact text of one of its headings.
SEED_SOURCE_PATTERN = r"^\d{3}_[0-9a-f]{16}\.txt § \S.*$"


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, and the values it accepts."""

    name: str
    kind: Kind
    description: str
    required: bool = True
    unit: str | None = None
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    references: str | None = None  # "table.column" that every value must exist in

    def __post_init__(self) -> None:
        if self.kind == "enum" and not self.allowed:
            raise ValueError(f"enum column {self.name!r} needs allowed values")


@dataclass(frozen=True)
class GroupSum:
    """Within each group of rows, ``column`` must add up to at most ``limit``."""

    column: str
    group_by: tuple[str, ...]
    limit: float = 1.0


@dataclass(frozen=True)
class Ordered:
    """Where both are present, ``first`` must not come after ``second`` (e.g. start <= end)."""

    first: str
    second: str


@dataclass(frozen=True)
class Mirror:
    """``value`` must equal the cell named by ``ref`` ('table:key:column'; composite keys joined by '/')."""

    value: str
    ref: str


@dataclass(frozen=True)
class Table:
    """One CSV file of ``data/``: its columns, key and cross-row rules."""

    name: str
    path: str  # relative to data/
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    provenance: str  # where the rows come from, for the data appendix
    licence: str
    group_sums: tuple[GroupSum, ...] = field(default=())
    ordered: tuple[Ordered, ...] = field(default=())
    mirrors: tuple[Mirror, ...] = field(default=())

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)
