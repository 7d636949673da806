"""Check CSV files against the column registry and turn them into typed DataFrames.

Every problem names the file, the row (and its line in the file), the column and
the rule broken, so a researcher who edits ``data/`` can fix it without reading code.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from scaling_book.inputs.paths import data_dir
from scaling_book.schemas.table import Column, Table

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT_PATTERN = re.compile(r"^[+-]?\d+$")
BOOL_VALUES = {"true": True, "false": False}
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
                    Problem(file, "csv", f"has {len(record)} fields, the header has {len(header)}",
                            row=len(rows) + 1, line=line)
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
    prefix = payload[line_start:error.start].decode("utf-8", errors="replace")
    header = next(csv.reader([first_line]), [])
    field_index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
    column = header[field_index] if 0 <= field_index < len(header) else None
    bad = payload[error.start:error.end].hex(" ")
    return Problem(
        file, "encoding",
        f"is not valid UTF-8 (byte(s) {bad} at byte {error.start - line_start + 1} of the line); "
        "save the file as UTF-8",
        row=line - 1 if line > 1 else None, line=line, column=column,
    )


def _header_problems(table: Table, file: str, header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, "columns", "column appears twice in the header", line=1, column=name))
        seen.add(name)
        if name not in table.column_names:
            problems.append(Problem(file, "columns",
                                    f"unknown column (the schema of table {table.name!r} does not define it)",
                                    line=1, column=name))
    for name in table.column_names:
        if name not in seen:
            problems.append(Problem(file, "columns", "required column is missing from the header",
                                    line=1, column=name))
    return problems


PERCENT = re.compile(r"^[+-]?\d+(?:\.\d+)?\s*%$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def _number_hint(text: str) -> str:
    """How to write a percentage or a decimal comma as the number the file expects."""
    if PERCENT.match(text):
        share = float(text.rstrip("% ").strip()) / 100
        return f"; write shares as decimals: {share:g} for {text}"
    if DECIMAL_COMMA.match(text):
        return f"; use a point for decimals: write {text.replace(',', '.')}"
    return ""


def _delimiter_problem(table: Table, file: str, header: list[str]) -> Problem | None:
    """The header is one field holding the column names joined by another delimiter (e.g. ';' from a spreadsheet)."""
    if len(header) != 1:
        return None
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
        names = header[0].split(delimiter)
        if len(names) > 1 and set(names) & set(table.column_names):
            return Problem(file, "delimiter", f"the columns are separated by {name} ({delimiter!r}); this file must "
                           "use commas: save it as CSV with ',' as the separator (e.g. LibreOffice: Save As, "
                           "'Text CSV', field delimiter ',')", line=1)
    return None


def _parse_cell(column: Column, text: str) -> tuple[object, str | None, str | None]:
    """Return (value, rule, message); rule and message are None when the cell is valid."""
    if text.strip() == "":
        if column.required:
            return None, "required", "value is missing"
        return None, None, None
    if text != text.strip():
        return None, "type", f"value {text!r} has leading or trailing spaces"
    kind = column.kind
    value: object
    if kind == "id":
        if not ID_PATTERN.match(text):
            return None, "type", f"{text!r} is not a valid id (letters, digits, _ . : - only)"
        value = text
    elif kind in ("text", "enum"):
        value = text
    elif kind == "int":
        if not INT_PATTERN.match(text):
            return None, "type", f"{text!r} is not a whole number"
        value = int(text)
    elif kind == "float":
        try:
            number = float(text)
        except ValueError:
            return None, "type", f"{text!r} is not a number" + _number_hint(text)
        if not math.isfinite(number):
            return None, "type", f"{text!r} is not a finite number"
        value = number
    elif kind == "bool":
        if text.lower() not in BOOL_VALUES:
            return None, "type", f"{text!r} is not true or false"
        value = BOOL_VALUES[text.lower()]
    elif kind == "date":
        try:
            if not DATE_PATTERN.match(text):
                raise ValueError
            value = date.fromisoformat(text)
        except ValueError:
            return None, "type", f"{text!r} is not a date in the form YYYY-MM-DD"
    else:  # pragma: no cover - Column.kind is a closed Literal
        raise AssertionError(kind)

    if column.allowed is not None and str(value) not in column.allowed:
        return None, "allowed", f"{text!r} is not one of the allowed values {', '.join(column.allowed)}"
    if column.pattern is not None and not re.match(column.pattern, text):
        return None, "pattern", f"{text!r} does not match the pattern {column.pattern}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if column.minimum is not None and value < column.minimum:
            return None, "range", f"{text} is below the minimum {column.minimum:g}"
        if column.maximum is not None and value > column.maximum:
            return None, "range", f"{text} is above the maximum {column.maximum:g}"
    return value, None, None


def check_rows(raw: RawTable) -> tuple[list[dict[str, object]], list[Problem]]:
    """Parse every cell and apply the per-row and cross-row rules of one table."""
    table = raw.table
    parsed: list[dict[str, object]] = []
    problems: list[Problem] = []
    for index, (row, line) in enumerate(zip(raw.rows, raw.lines), start=1):
        values: dict[str, object] = {}
        for column in table.columns:
            value, rule, message = _parse_cell(column, row[column.name])
            if rule:
                problems.append(Problem(raw.file, rule, message or "", row=index, line=line, column=column.name))
            values[column.name] = value
        parsed.append(values)

    seen_keys: dict[tuple[object, ...], int] = {}
    for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
        key = tuple(values[name] for name in table.key)
        if None not in key:
            if key in seen_keys:
                shown = ", ".join(f"{name}={value}" for name, value in zip(table.key, key))
                problems.append(Problem(raw.file, "unique", f"duplicate id ({shown}) first used in row {seen_keys[key]}",
                                        row=index, line=line, column=table.key[-1]))
            else:
                seen_keys[key] = index
        for rule in table.ordered:
            first, second = values[rule.first], values[rule.second]
            if first is not None and second is not None and first > second:  # type: ignore[operator]
                problems.append(Problem(raw.file, "order", f"{rule.first} {first} comes after {rule.second} {second}",
                                        row=index, line=line, column=rule.second))

    for rule in table.group_sums:
        totals: dict[tuple[object, ...], float] = {}
        members: dict[tuple[object, ...], list[tuple[int, int]]] = {}
        for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
            amount = values[rule.column]
            if amount is None:
                continue
            group = tuple(values[name] for name in rule.group_by)
            totals[group] = totals.get(group, 0.0) + float(amount)  # type: ignore[arg-type]
            members.setdefault(group, []).append((index, line))
        for group, total in totals.items():
            if total > rule.limit + 1e-9:
                shown = ", ".join(f"{name}={value}" for name, value in zip(rule.group_by, group))
                # Every row of the group: the one that was edited is among them, whichever it is.
                rows = "; ".join(f"row {index} (line {line}): {parsed[index - 1][rule.column]:g}"
                                 for index, line in members[group])
                index, line = members[group][-1]
                problems.append(Problem(raw.file, "group-sum",
                                        f"{rule.column} adds up to {total:g} for ({shown}), more than {rule.limit:g}; "
                                        f"the rows of this group are {rows}",
                                        row=index, line=line, column=rule.column))
    return parsed, problems


def check_references(raw: RawTable, parsed: list[dict[str, object]],
                     known: dict[str, set[object]]) -> list[Problem]:
    """Every value of a referencing column must exist in the referenced ``table.column``."""
    problems = []
    for column in raw.table.columns:
        if column.references is None:
            continue
        if column.references not in known:
            continue  # the referenced table could not be read; that problem is reported already
        targets = known[column.references]
        for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
            value = values[column.name]
            if value is not None and value not in targets:
                problems.append(Problem(raw.file, "reference",
                                        f"{value!r} does not exist in {column.references}",
                                        row=index, line=line, column=column.name))
    return problems


def to_frame(table: Table, parsed: list[dict[str, object]]) -> pd.DataFrame:
    """Typed DataFrame of validated rows (nullable integer and boolean types, dates as datetimes)."""
    frame = pd.DataFrame(parsed, columns=list(table.column_names))
    for column in table.columns:
        series = frame[column.name]
        if column.kind == "int":
            frame[column.name] = series.astype("Int64")
        elif column.kind == "float":
            frame[column.name] = series.astype("float64")
        elif column.kind == "bool":
            frame[column.name] = series.astype("boolean")
        elif column.kind == "date":
            frame[column.name] = pd.to_datetime(series)
        else:
            frame[column.name] = series.astype("str").where(series.notna(), None)
    return frame
