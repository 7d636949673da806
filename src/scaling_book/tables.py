"""Numbered, captioned tables rendered from DataFrames through MyST Markdown.

The table becomes a real Sphinx table (numbered, cross-referenceable, escaped for
HTML and LaTeX alike); every cell is backslash-escaped so data can never inject
markup, HTML or LaTeX.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import Markdown, display

from . import exhibits

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# A table of up to MAX_TABLE_ROWS rows is shown whole (the longest of the book, the glossary, is).
# A longer one is too long to read on a page: the page shows its first PREVIEW_ROWS rows and says so,
# so pages stay light however much data there is. The CSV download always holds every row.
MAX_TABLE_ROWS = 150
PREVIEW_ROWS = 30


def md_escape(text: object) -> str:
    """Plain text as inline MyST Markdown that renders literally (no markup, roles, math or HTML)."""
    flat = " ".join(str(text).split())
    return _PUNCTUATION.sub(r"\\\1", flat)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    return md_escape(value)


def table_markdown(frame: pd.DataFrame, *, label: str, caption: str, source: str,
                   widths: tuple[int, ...] | None = None) -> str:
    """MyST source of a numbered table with caption, source line and CSV download link.

    ``caption`` is the author's Markdown (it may glue numbers); ``source`` and all cells are data.
    ``widths`` (relative column widths) lets long text wrap in the PDF: a table of more than
    30 rows becomes a LaTeX longtable, whose columns do not wrap unless widths are given.
    A table longer than ``MAX_TABLE_ROWS`` shows its first ``PREVIEW_ROWS`` rows, and its source line says so.
    """
    exhibits.check_label(label, "tbl")
    if frame.empty:
        raise ValueError(f"table {label!r} has no rows")
    if widths is not None and (len(widths) != len(frame.columns) or min(widths) < 1):
        raise ValueError(f"table {label!r}: give one positive width per column ({len(frame.columns)})")
    header = "| " + " | ".join(md_escape(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    shown = frame if len(frame) <= MAX_TABLE_ROWS else frame.head(PREVIEW_ROWS)
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in shown.itertuples(index=False)]
    left_out = (f" The first {len(shown):,} of {len(frame):,} rows are shown; the CSV has all of them."
                if len(shown) < len(frame) else "")
    href = html.escape(exhibits.download_href(label), quote=True)
    return "\n".join([
        f"::::{{table}} {caption}",
        f":name: {label}",
        ":class: sb-table",
        *([f":widths: {' '.join(str(width) for width in widths)}"] if widths else []),
        "",
        header, rule, *body,
        "::::",
        "",
        f"Source: {md_escape(source)}.{left_out} "
        f'<a class="sb-download" href="{href}" download>Data (CSV)</a>',
    ])


def show_table(frame: pd.DataFrame, *, label: str, caption: str, source: str,
               widths: tuple[int, ...] | None = None) -> None:
    """Display the table in the executing chapter and write its CSV (every row) for download."""
    exhibits.write_csv(label, frame)
    display(Markdown(table_markdown(frame, label=label, caption=caption, source=source, widths=widths)))
