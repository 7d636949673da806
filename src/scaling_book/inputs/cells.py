"""Parse one cell of a data file into its typed value, and validated rows into a typed DataFrame."""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

from scaling_book.schemas.table import Column, Table

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT_PATTERN = re.compile(r"^[+-]?\d+$")
BOOL_VALUES = {"true": True, "false": False}
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


def parse_cell(column: Column, text: str) -> tuple[object, str | None, str | None]:
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
