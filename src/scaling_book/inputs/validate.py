"""Check CSV files against the column registry and turn them into typed DataFrames.

Every problem names the file, the row (and its line in the file), the column and
the rule broken, so a researcher who edits ``data/`` can fix it without reading code.
This module reads a file and checks its encoding, delimiter and header; :mod:`scaling_book.inputs.cells`
parses its cells and :mod:`scaling_book.inputs.table_rules` applies the rules across rows and tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from scaling_book.inputs.paths import data_dir
from scaling_book.schemas.table import Table

MAX_REPORTED = 50  # beyond this many problems in one run, the rest are counted, not listed


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place of one file."""

    file: str
    rule: str
    message: str
    row: int | None = None  # 1-based data row; None for the file or its header
    line: int | None = None  # 1-based line of the file
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row} (line {self.line})")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message} [rule: {self.rule}]"


class DataValidationError(ValueError):
    """Raised when data files break their schema; the message lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = [f"  - {problem}" for problem in problems[:MAX_REPORTED]]
        if len(problems) > MAX_REPORTED:
            shown.append(f"  ... and {len(problems) - MAX_REPORTED} more problems")
        super().__init__(f"invalid data ({len(problems)} problem(s)):\n" + "\n".join(shown))


@dataclass
class RawTable:
    """A CSV file read as text: header, rows of strings, and each row's line number."""

    table: Table
    file: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def read_raw(table: Table, root: Path | None = None) -> tuple[RawTable | None, list[Problem]]:
    """Read ``table``'s file as UTF-8 CSV text; check encoding and header, not values."""
    base = root or data_dir()
    path = base / table.path
    file = path.relative_to(base.parent).as_posix()  # e.g. data/framework/levels.csv
    if not path.is_file():
        return None, [Problem(file, "file", f"required data file is missing (table {table.name!r})")]
    payload = path.read_bytes()
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_encoding_problem(file, payload, error)]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return None, [Problem(file, "columns", "file is empty: expected a header line", line=1)]
    except csv.Error as error:
        return None, [Problem(file, "csv", f"malformed CSV: {error}", line=1)]

    wrong_delimiter = _delimiter_problem(table, file, header)
    if wrong_delimiter:
        return None, [wrong_delimiter]
    problems = _header_problems(table, file, header)
    if problems:
        return None, problems

    rows: list[dict[str, str]] = []
    lines: list[int] = []
    try:
        for record in reader:
            line = reader.line_num
            if not record:
                continue  # blank line
            if len(record) != len(header):
                problems.append(
                    Problem(
                        file,
                        "csv",
                        f"has {len(record)} fields, the header has {len(header)}",
                        row=len(rows) + 1,
                        line=line,
                    )
                )
                continue
            rows.append(dict(zip(header, record)))
            lines.append(line)
    except csv.Error as error:
        problems.append(Problem(file, "csv", f"malformed CSV: {error}", line=reader.line_num))
    if problems:
        return None, problems
    return RawTable(table, file, header, rows, lines), []


def _encoding_problem(file: str, payload: bytes, error: UnicodeDecodeError) -> Problem:
    line_start = payload.rfind(b"\n", 0, error.start) + 1
    line = payload.count(b"\n", 0, error.start) + 1
    first_line = payload.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
    prefix = payload[line_start : error.start].decode("utf-8", errors="replace")
    header = next(csv.reader([first_line]), [])
    field_index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
    column = header[field_index] if 0 <= field_index < len(header) else None
    bad = payload[error.start : error.end].hex(" ")
    return Problem(
        file,
        "encoding",
        f"is not valid UTF-8 (byte(s) {bad} at byte {error.start - line_start + 1} of the line); "
        "save the file as UTF-8",
        row=line - 1 if line > 1 else None,
        line=line,
        column=column,
    )


def _header_problems(table: Table, file: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, "columns", "column appears twice in the header", line=1, column=name))
        seen.add(name)
        if name not in table.column_names:
            problems.append(
                Problem(
                    file,
                    "columns",
                    f"unknown column (the schema of table {table.name!r} does not define it)",
                    line=1,
                    column=name,
                )
            )
    for name in table.column_names:
        if name not in seen:
            problems.append(Problem(file, "columns", "required column is missing from the header", line=1, column=name))
    return problems


def _delimiter_problem(table: Table, file: str, header: list[str]) -> Problem | None:
    """The header is one field holding the column names joined by another delimiter (e.g. ';' from a spreadsheet)."""
    if len(header) != 1:
        return None
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
        names = header[0].split(delimiter)
        if len(names) > 1 and set(names) & set(table.column_names):
            return Problem(
                file,
                "delimiter",
                f"the columns are separated by {name} ({delimiter!r}); this file must "
                "use commas: save it as CSV with ',' as the separator (e.g. LibreOffice: Save As, "
                "'Text CSV', field delimiter ',')",
                line=1,
            )
    return None
