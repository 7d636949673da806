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

from scaling_book.render import exhibits
from scaling_book.render.latex_text import ANY_BREAK
from scaling_book.views.brief import IN_BRIEF
from scaling_book.views.results import MAX_TABLE_ROWS, ChapterResults, DatasetExhibit

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# A table longer than MAX_TABLE_ROWS is too long to read on a page: the page shows its first PREVIEW_ROWS
# rows and says so, so pages stay light however much data there is. The CSV download always holds every row.
PREVIEW_ROWS = 30


def md_escape(text: object) -> str:
    """Plain text as inline MyST Markdown that renders literally (no markup, roles, math or HTML)."""
    flat = " ".join(str(text).split())
    return _PUNCTUATION.sub(r"\\\1", flat)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    return md_escape(value)


# The PDF's layout, in points: the text width (A4 with one-inch margins), a character cell (half an em:
# a Latin letter is about that wide, a CJK character two cells) and a cell's padding (2 x \\tabcolsep,
# set by sphinx_ext). A table whose words do not fit at the body size is set smaller.
TEXT_WIDTH_PT = 452.0
CELL_EM = 0.5
PADDING_PT = 8.0
HEADER_SCALE = 1.1  # header words are set in the (wider) sans-serif font
FONT_SIZES_PT = {"normalsize": 10.95, "small": 10.0, "footnotesize": 9.0, "scriptsize": 8.0}


WIDE_CHARACTERS = {"m": 1.6, "w": 1.5, "M": 1.8, "W": 1.9, "%": 1.7, "@": 1.9}  # wider than their class in FreeSerif


def display_length(text: str) -> float:
    """Printed width of text in character cells: a CJK character or a symbol such as ★ takes two, a capital 1.4,
    the widest letters and signs more (WIDE_CHARACTERS)."""
    return sum(
        2
        if "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or "\u2190" <= char <= "\u2bff"
        else WIDE_CHARACTERS.get(char) or (1.4 if char.isupper() else 1)
        for char in text
    )


CJK_RUN = re.compile(r"([\u2e80-\u9fff\uff00-\uffef]+)")
MAX_CJK_TERM = 8  # a run of Chinese characters up to this long is a term, kept on one line; longer runs are prose
KEEP_WHOLE = 13  # an identifier up to this many cells is kept on one line (its column is made wide enough)


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of ``text`` no line break should split: words, long identifiers split where the PDF may break them
    (``latex_text.ANY_BREAK``), Chinese terms (a longer Chinese run may break between any two characters, as the PDF does)."""
    pieces = []
    for word in text.split():
        for index, run in enumerate(CJK_RUN.split(word)):
            if not run:
                continue
            if index % 2:
                pieces += [run] if len(run) <= MAX_CJK_TERM else list(run)
            else:
                short = display_length(run) <= KEEP_WHOLE
                pieces += [run] if short else [piece for piece in ANY_BREAK.split(run) if piece]
    return pieces


def _longest_piece(texts: list[str], scale: float = 1.0) -> float:
    return max((scale * display_length(piece) for text in texts for piece in unbreakable_pieces(text)), default=0)


def table_layout(frame: pd.DataFrame, wanted: tuple[int, ...] | None = None) -> tuple[str, tuple[int, ...]]:
    """The PDF font size of a table (a LaTeX size name) and its relative column widths (tenths of a point).

    Each column is at least as wide as its longest unbreakable piece (header words included), at the
    largest font size at which all columns fit the line. The room left goes to the columns by what they
    would like: ``wanted`` (relative widths given by the author) or else their typical cell (the 80th
    percentile of the lengths of its non-empty cells, at most 40 cells), so long prose wraps and short terms stay whole.
    """
    pieces, typical = [], []
    for column in frame.columns:
        cells = [
            "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            for value in frame[column]
        ]
        pieces.append(max(_longest_piece(cells), _longest_piece([str(column)], HEADER_SCALE), 2))
        lengths = [display_length(cell) for cell in cells if cell] or [
            0
        ]  # a mostly empty column is as wide as its text
        typical.append(min(float(pd.Series(lengths).quantile(0.8)), 40))
    for size, points in FONT_SIZES_PT.items():  # noqa: B007 (the size the loop stops at is the table's)
        cell = CELL_EM * points
        minimal = [piece * cell + PADDING_PT for piece in pieces]
        if sum(minimal) <= TEXT_WIDTH_PT:
            break
    desired = [max(least, width * cell + PADDING_PT) for least, width in zip(minimal, typical)]
    if wanted is not None:
        desired = [max(least, TEXT_WIDTH_PT * share / sum(wanted)) for least, share in zip(minimal, wanted)]
    if sum(desired) > TEXT_WIDTH_PT >= sum(minimal):
        room = TEXT_WIDTH_PT - sum(minimal)
        extra = [want - least for want, least in zip(desired, minimal)]
        desired = [least + room * more / sum(extra) for least, more in zip(minimal, extra)]
    elif sum(desired) > TEXT_WIDTH_PT:
        desired = minimal  # wider than the page even at the smallest size: the narrowest layout
    return size, tuple(max(1, round(10 * width)) for width in desired)


def table_markdown(
    frame: pd.DataFrame, *, label: str, caption: str, source: str, widths: tuple[int, ...] | None = None
) -> str:
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
    size, widths = table_layout(shown, widths)
    header = "| " + " | ".join(md_escape(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in shown.itertuples(index=False)]
    left_out = (
        f" The first {len(shown):,} of {len(frame):,} rows are shown; the CSV has all of them."
        if len(shown) < len(frame)
        else ""
    )
    href = html.escape(exhibits.download_href(label), quote=True)
    return "\n".join(
        [
            f"::::{{table}} {caption}",
            f":name: {label}",
            f":class: sb-table longtable sb-size-{size}",  # the PDF's table breaks across pages, at this font size
            f":widths: {' '.join(str(width) for width in widths)}",
            "",
            header,
            rule,
            *body,
            "::::",
            "",
            f"Source: {md_escape(exhibits.with_snapshot(source))}.{left_out} "
            f'<a class="sb-download" href="{href}" download>Data (CSV)</a>',
        ]
    )


def show_table(
    frame: pd.DataFrame,
    *,
    label: str,
    caption: str,
    source: str,
    widths: tuple[int, ...] | None = None,
    collapsed: str | None = None,
    html_only: bool = False,
    print_note: bool = False,
    print_list: bool = False,
) -> None:
    """Display the table in the executing chapter and write its CSV (every row) for download.

    With ``collapsed`` (a title) the table sits in a closed ``<details>`` element in HTML; the PDF, which drops raw
    HTML, prints it as usual (a LaTeX longtable cannot sit inside an admonition's frame). With ``print_note`` an
    HTML-only table leaves the PDF a line in its place: its caption, its row count and its CSV; with ``print_list``
    the PDF sets its rows as run-in paragraphs (first cell in bold), as a printed glossary does."""
    if (print_note or print_list) and not html_only:
        raise ValueError(f"table {label!r}: a print note or list stands in for an HTML-only table (html_only=True)")
    exhibits.write_csv(label, frame)
    markdown = table_markdown(frame, label=label, caption=caption, source=source, widths=widths)
    note = print_note_markdown(frame, label=label, caption=caption) if print_note else ""
    if print_list:
        note += print_list_markdown(frame, caption=caption, source=source)
    if collapsed is not None:
        summary = html.escape(collapsed, quote=False)
        markdown = f'<details class="sb-about-data"><summary>{summary}</summary>\n\n{markdown}\n\n</details>'
    if html_only:
        # In the HTML edition only (an ``{only}`` block), and unnumbered, so that every table number means the
        # same table in the HTML and the PDF; an anchor keeps the label's link.
        heading, _, rest = markdown.partition("\n")  # "::::{table} <caption>": a caption would be numbered
        rest = rest.replace(f":name: {label}\n", "", 1)
        markdown = f"**{heading.removeprefix('::::{table} ')}**\n\n::::{{table}}\n{rest}"
        markdown = (
            f'::::::{{only}} html\n<div class="sb-html-only"><span id="{label}"></span>\n\n{markdown}\n\n</div>\n::::::'
        )
    display(Markdown(markdown + note))


def print_list_markdown(frame: pd.DataFrame, *, caption: str, source: str) -> str:
    """The PDF's rows of an HTML-only table as paragraphs: '**first cell** · second · …', empty cells and '—' left out."""
    entries = []
    for row in frame.itertuples(index=False):
        first, *rest = (str(value).strip() for value in row)
        shown = [md_escape(value) for value in rest if value and value not in ("—", "nan")]
        entries.append(" · ".join([f"**{md_escape(first)}**", *shown]))
    body = "\n\n".join(entries)
    return (
        f"\n\n::::::{{only}} latex\n*{caption}*\n\n{body}\n\n"
        f"Source: {md_escape(exhibits.with_snapshot(source))}.\n::::::"
    )


def print_note_markdown(frame: pd.DataFrame, *, label: str, caption: str) -> str:
    """The PDF's line in place of an HTML-only table: '**<caption>** In the HTML edition only (n rows). Data: …'."""
    href = html.escape(exhibits.download_href(label), quote=True)
    rows = f"{len(frame):,} row" + ("" if len(frame) == 1 else "s")
    return (
        f"\n\n::::::{{only}} latex\n**{caption}** In the HTML edition only ({rows}), to keep the print edition "
        f'short. <a class="sb-download" href="{href}" download>Data (CSV)</a>\n::::::'
    )


def dataset_markdown(dataset: DatasetExhibit) -> str:
    """The line that links a published dataset: its file, row and column counts and what it holds."""
    href = html.escape(exhibits.download_href(dataset.name), quote=True)
    rows, columns = dataset.frame.shape
    return (
        f'<a class="sb-download" href="{href}" download>Data (CSV)</a> '
        f"{rows:,} rows × {columns} columns: {md_escape(dataset.description)}"
    )


def show(
    results: ChapterResults,
    name: str,
    collapsed: str | None = None,
    html_only: bool = False,
    print_note: bool = False,
    print_list: bool = False,
) -> None:
    """Show the table, Markdown block or dataset link ``name`` of a chapter's results where this cell stands.

    The block ``in-brief`` is set in a box titled "In brief"; a table with ``collapsed`` in a closed dropdown, one
    with ``html_only`` in the HTML edition only (with ``print_note``, a line in its place in the PDF; with
    ``print_list``, its rows as paragraphs)."""
    if name == IN_BRIEF:  # a boxed summary (an admonition, so it is framed in HTML and in the PDF)
        display(Markdown(f":::{{admonition}} In brief\n:class: sb-in-brief\n\n{results.blocks[name]}\n:::"))
        return
    if name in results.datasets:
        exhibits.check_dataset_name(name)
        exhibits.write_csv(name, results.datasets[name].frame)
        display(Markdown(dataset_markdown(results.datasets[name])))
        return
    if name in results.blocks:
        display(Markdown(results.blocks[name]))
        return
    if name not in results.tables:
        raise KeyError(f"the chapter's results have no table or block {name!r}")
    table = results.tables[name]
    show_table(
        table.frame,
        label=table.label,
        caption=table.caption,
        source=table.source,
        widths=table.widths,
        collapsed=collapsed,
        html_only=html_only,
        print_note=print_note,
        print_list=print_list,
    )
