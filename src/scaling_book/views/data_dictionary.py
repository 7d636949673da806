"""The data appendix: every table and column of the registry, described for readers."""

from __future__ import annotations

import pandas as pd

from scaling_book.schemas.observations import OBSERVATION_TABLES
from scaling_book.schemas.registry import EDITORIAL_TABLES, FRAMEWORK_TABLES, PROCESSED_TABLES
from scaling_book.schemas.table import Column, Table
from scaling_book.views.results import ChapterResults

KIND_NAMES = {
    "id": "identifier",
    "text": "text",
    "int": "whole number",
    "float": "number",
    "bool": "true / false",
    "date": "date (YYYY-MM-DD)",
    "enum": "one of a list",
}


FOLDERS = ("framework", "processed", "editorial", "observations")  # the appendix's sections, in order
FOLDER_TABLES = {
    "framework": FRAMEWORK_TABLES,
    "processed": PROCESSED_TABLES,
    "editorial": EDITORIAL_TABLES,
    "observations": OBSERVATION_TABLES,
}


def tables_in(folder: str) -> list[Table]:
    """The registry's tables stored under ``data/<folder>/``, in registry order."""
    return list(FOLDER_TABLES[folder])


def accepted_values(column: Column) -> str:
    """What a column accepts beyond its type: allowed values, range, pattern."""
    rules = []
    if column.allowed:
        rules.append(", ".join(column.allowed))
    if column.minimum is not None or column.maximum is not None:
        low = "" if column.minimum is None else f"{column.minimum:g}"
        high = "" if column.maximum is None else f"{column.maximum:g}"
        rules.append(f"from {low or '−∞'} to {high or '∞'}")
    if column.pattern:
        rules.append(f"pattern {column.pattern}")
    return "; ".join(rules) or "–"


def column_table(table: Table) -> pd.DataFrame:
    """One row per column of ``table``: name, type, unit, required, accepted values, reference, meaning."""
    key = set(table.key)
    return pd.DataFrame(
        {
            "Column": [column.name + (" (key)" if column.name in key else "") for column in table.columns],
            "Type": [KIND_NAMES[column.kind] for column in table.columns],
            "Unit": [column.unit or "–" for column in table.columns],
            "Required": ["yes" if column.required else "no" for column in table.columns],
            "Accepted values": [accepted_values(column) for column in table.columns],
            "Refers to": [column.references or "–" for column in table.columns],
            "Description": [column.description for column in table.columns],
        }
    )


def label(table: Table) -> str:
    """'tbl-data-' and the table's name, e.g. 'tbl-data-force-cases'."""
    return "tbl-data-" + table.name.replace("_", "-")


def caption(table: Table) -> str:
    """Caption naming the table, its file and what a row is (data, so escaped by the table renderer)."""
    rules = [
        f"shares in {rule.column} sum to at most {rule.limit:g} per {', '.join(rule.group_by)}"
        for rule in table.group_sums
    ]
    rules += [f"{rule.first} not after {rule.second}" for rule in table.ordered]
    extra = f" Rules across rows: {'; '.join(rules)}." if rules else ""
    return f"`data/{table.path}`: {table.description}.{extra}"


def table_source_line(table: Table) -> str:
    """Source line of a table's entry: where its rows come from, its licence and its schema."""
    return f"{table.provenance}. Licence: {table.licence}. Schema: scaling_book registry"


def summary_label(folder: str) -> str:
    """Label of the one-line-per-table summary of a folder, e.g. 'tbl-data-summary-framework'."""
    return f"tbl-data-summary-{folder}"


def summary_table(folder: str) -> pd.DataFrame:
    """One row per table under ``data/<folder>/``: its file, what it holds, its key and how many columns."""
    tables = tables_in(folder)
    return pd.DataFrame(
        {
            "File": [f"data/{table.path}" for table in tables],
            "What it holds": [table.description for table in tables],
            "Key": [", ".join(table.key) or "–" for table in tables],
            "Columns": [len(table.columns) for table in tables],
        }
    )


def labels_in(folder: str) -> list[str]:
    """Labels of the appendix's tables for the tables under ``data/<folder>/``, in registry order."""
    return [label(table) for table in tables_in(folder)]


def data_appendix_chapter() -> ChapterResults:
    """The data appendix: how many tables and columns it describes, and one table per table of data/."""
    results = ChapterResults()
    described = [table for folder in FOLDERS for table in tables_in(folder)]
    results.number("appendix.tables", len(described), "count")
    results.number("appendix.columns", sum(len(table.columns) for table in described), "count")
    for folder in FOLDERS:
        results.table(
            summary_label(folder),
            summary_table(folder),
            caption=f"The tables under data/{folder}/, one line each.",
            source="scaling_book registry (src/scaling_book/schemas/)",
            widths=(3, 6, 2, 1),
        )
    for table in described:
        results.table(label(table), column_table(table), caption=caption(table), source=table_source_line(table))
    return results
