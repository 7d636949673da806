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


# Where a long identifier may break in a narrow cell (after "_", "." or "/" followed by a letter or digit);
# the PDF allows a line break there (scaling_book.sphinx_ext), so a column need only hold the longest piece.
BREAK_AFTER = re.compile(r"(?<=[A-Za-z0-9][_./])(?=[A-Za-z0-9])")
# The PDF's text width in character cells of the table font, and what each column loses to its padding.
LINE_CELLS = 80
PADDING_CELLS = 3
HEADER_SCALE = 1.2  # header words are set in bold


def display_length(text: str) -> int:
    """Printed width of text in character cells: a CJK character or a symbol such as ★ takes two."""
    return sum(2 if "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or "\u2190" <= char <= "\u2bff"
               else 1 for char in text)


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of ``text`` no line break may split: words, and identifiers split after ``_``, ``.`` and ``/``."""
    return [piece for word in text.split() for piece in BREAK_AFTER.split(word) if piece]


def _longest_piece(texts: list[str], scale: float = 1.0) -> float:
    return max((scale * display_length(piece) for text in texts for piece in unbreakable_pieces(text)), default=0)


def content_widths(frame: pd.DataFrame, wanted: tuple[int, ...] | None = None) -> tuple[int, ...]:
    """Relative column widths (in tenths of a character cell) so no cell's word is wider than its column.

    Each column is at least as wide as its longest unbreakable piece (header words included). The room
    left on the line goes to the columns by what they would like: ``wanted`` (relative widths given by
    the author) or else their typical cell (the 80th percentile of lengths, at most 40 cells), so long
    prose wraps and short terms stay whole.
    """
    minimal, desired = [], []
    for index, column in enumerate(frame.columns):
        cells = ["" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                 for value in frame[column]]
        least = max(_longest_piece(cells), _longest_piece([str(column)], HEADER_SCALE), 2) + PADDING_CELLS
        typical = float(pd.Series([display_length(cell) for cell in cells] or [0]).quantile(0.8))
        minimal.append(least)
        desired.append(max(least, min(typical, 40) + PADDING_CELLS))
    if wanted is not None:
        desired = [max(least, LINE_CELLS * share / sum(wanted)) for least, share in zip(minimal, wanted)]
    if sum(desired) > LINE_CELLS and sum(minimal) < LINE_CELLS:
        room = LINE_CELLS - sum(minimal)
        extra = [want - least for want, least in zip(desired, minimal)]
        desired = [least + room * more / sum(extra) for least, more in zip(minimal, extra)]
    elif sum(desired) > LINE_CELLS:
        desired = minimal  # wider than the page whatever we do: the narrowest layout
    return tuple(max(1, round(10 * width)) for width in desired)


def table_markdown(frame: pd.DataFrame, *, label: str, caption: str, source: str,
                   widths: tuple[int, ...] | None = None) -> str:
    """MyST source of a numbered table with caption, source line and CSV download link.

    ``caption`` is the author's Markdown (it may glue numbers); ``source`` and all cells are data.
    ``widths`` (relative column widths; by default from the content) lets long text wrap in the PDF;
    every column stays at least as wide as its longest word. In the PDF the table breaks across pages.
    A table longer than ``MAX_TABLE_ROWS`` shows its first ``PREVIEW_ROWS`` rows, and its source line says so.
    """
    exhibits.check_label(label, "tbl")
    if frame.empty:
        raise ValueError(f"table {label!r} has no rows")
    if widths is not None and (len(widths) != len(frame.columns) or min(widths) < 1):
        raise ValueError(f"table {label!r}: give one positive width per column ({len(frame.columns)})")
    shown = frame if len(frame) <= MAX_TABLE_ROWS else frame.head(PREVIEW_ROWS)
    widths = content_widths(shown, widths)
    header = "| " + " | ".join(md_escape(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in shown.itertuples(index=False)]
    left_out = (f" The first {len(shown):,} of {len(frame):,} rows are shown; the CSV has all of them."
                if len(shown) < len(frame) else "")
    href = html.escape(exhibits.download_href(label), quote=True)
    return "\n".join([
        f"::::{{table}} {caption}",
        f":name: {label}",
        ":class: sb-table longtable",  # the PDF's table breaks across pages however many rows it has
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
