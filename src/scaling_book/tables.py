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


def display_length(text: str) -> int:
    """Printed width of text in character cells: a CJK character takes two."""
    return sum(2 if "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" else 1 for char in text)


def content_widths(frame: pd.DataFrame) -> tuple[int, ...]:
    """Relative column widths from the content, so the PDF wraps long text instead of squeezing short columns.

    A column is as wide as its longest word (a short Chinese term counts as one word) and at least
    its typical cell (the 80th percentile of lengths), within 4 to 24 character cells: long prose
    wraps, short terms stay whole.
    """
    widths = []
    for column in frame.columns:
        texts = [str(column)] + ["" if value is None else str(value) for value in frame[column]]
        longest_word = max((display_length(word) for text in texts for word in text.split()), default=0)
        typical = pd.Series([display_length(text) for text in texts[1:]] or [0]).quantile(0.8)
        widths.append(int(min(24, max(4, min(longest_word, 12), typical))))
    return tuple(widths)


def table_markdown(frame: pd.DataFrame, *, label: str, caption: str, source: str,
                   widths: tuple[int, ...] | None = None) -> str:
    """MyST source of a numbered table with caption, source line and CSV download link.

    ``caption`` is the author's Markdown (it may glue numbers); ``source`` and all cells are data.
    ``widths`` (relative column widths; by default from the content) lets long text wrap in the PDF:
    without them LaTeX squeezes short columns and a longtable's columns do not wrap at all.
    A table longer than ``MAX_TABLE_ROWS`` shows its first ``PREVIEW_ROWS`` rows, and its source line says so.
    """
    exhibits.check_label(label, "tbl")
    if frame.empty:
        raise ValueError(f"table {label!r} has no rows")
    if widths is not None and (len(widths) != len(frame.columns) or min(widths) < 1):
        raise ValueError(f"table {label!r}: give one positive width per column ({len(frame.columns)})")
    shown = frame if len(frame) <= MAX_TABLE_ROWS else frame.head(PREVIEW_ROWS)
    widths = widths or content_widths(shown)
    header = "| " + " | ".join(md_escape(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in shown.itertuples(index=False)]
    left_out = (f" The first {len(shown):,} of {len(frame):,} rows are shown; the CSV has all of them."
                if len(shown) < len(frame) else "")
    href = html.escape(exhibits.download_href(label), quote=True)
    return "\n".join([
        f"::::{{table}} {caption}",
        f":name: {label}",
        ":class: sb-table",
        f":widths: {' '.join(str(width) for width in widths)}",
        "",
        header, rule, *body,
        "::::",
        "",
        f"Source: {md_escape(exhibits.with_snapshot(source))}.{left_out} "
        f'<a class="sb-download" href="{href}" download>Data (CSV)</a>',
    ])


def show_table(frame: pd.DataFrame, *, label: str, caption: str, source: str,
               widths: tuple[int, ...] | None = None) -> None:
    """Display the table in the executing chapter and write its CSV (every row) for download."""
    exhibits.write_csv(label, frame)
    display(Markdown(table_markdown(frame, label=label, caption=caption, source=source, widths=widths)))
