"""The printed layout of the built book: tables whole and unclipped, numbering, metadata, fonts.

Uses the book built once by the ``book`` fixture (tests/conftest.py), like tests/test_build_e2e.py.
"""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml

from scaling_book.bookbuild.sphinx import pages_past_bottom
from scaling_book.render.tables import (
    CELL_EM,
    FONT_SIZES_PT,
    MAX_TABLE_ROWS,
    PADDING_PT,
    PREVIEW_ROWS,
    TEXT_WIDTH_PT,
    display_length,
    table_layout,
    table_markdown,
    unbreakable_pieces,
)

from .test_build_e2e import (
    assert_failed_and_kept,
    build_with_overview_ending,
    html_pages,
    offline_browser,
    pdf_path,
    pdf_text,
    published,
)

e2e = pytest.mark.e2e

LATEX_DIR = Path("_build/.work/latex")


def test_every_table_can_break_across_pages():
    markdown = table_markdown(pd.DataFrame({"a": [1]}), label="tbl-one", caption="One row.", source="synthetic")
    (classes,) = [line for line in markdown.splitlines() if line.startswith(":class:")]
    assert classes.split()[1:3] == ["sb-table", "longtable"]


def printed_widths(frame: pd.DataFrame, wanted: tuple[int, ...] | None = None) -> tuple[float, list[float]]:
    """The font size and each column's text width in points, as LaTeX sets them from the relative widths."""
    size, widths = table_layout(frame, wanted)
    return FONT_SIZES_PT[size], [TEXT_WIDTH_PT * width / sum(widths) - PADDING_PT for width in widths]


@pytest.mark.parametrize(
    "frame, wanted",
    [
        (pd.DataFrame({"Level": ["L4"], "Certainty": ["★★★★★"], "Note": ["word " * 60]}), None),
        (
            pd.DataFrame(
                {"id": ["L0.scenario_split"], "Statement (seed wording)": ["x " * 200], "Verdict": ["consistent"]}
            ),
            (4, 7, 2),
        ),
        (pd.DataFrame({f"Computed degree {index}": ["Mixture-of-experts"] for index in range(9)}), None),
        (pd.DataFrame({"English": ["Quasi-convergence"], "中文": ["收敛进行时"], "Definition": ["text " * 80]}), None),
    ],
)
def test_every_column_holds_its_longest_unbreakable_piece(frame, wanted):
    points, widths = printed_widths(frame, wanted)
    for column, width in zip(frame.columns, widths):
        texts = [str(column), *map(str, frame[column])]
        longest = max(display_length(piece) for text in texts for piece in unbreakable_pieces(text))
        assert width >= longest * CELL_EM * points, (column, width)


def test_a_wide_table_is_set_smaller_and_identifiers_break_after_underscore_and_dot():
    assert table_layout(pd.DataFrame({"a": ["x"], "b": ["y"]}))[0] == "normalsize"
    assert table_layout(pd.DataFrame({f"Computed degree {index}": ["1"] for index in range(9)}))[0] != "normalsize"
    assert unbreakable_pieces("sub_documents.doc_id rows_dropped 0.5 2025-04-16 收敛进行时") == [
        "sub_",
        "documents.",
        "doc_",
        "id",
        "rows_dropped",
        "0.5",
        "2025-04-16",
        "收敛进行时",
    ]


QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})  # Sphinx sets straight quotes curly


def squeezed(text: str) -> str:
    """Text without whitespace and with straight quotes, so words a table cell wraps compare equal to the data."""
    return "".join(text.translate(QUOTES).split())


def pdf_text_in_content_order(root: Path) -> str:
    """The PDF's text in the order it was typeset: a table cell's lines stay together (pdftotext -raw)."""
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path(root)), "-"], capture_output=True, text=True, check=True
    ).stdout


HTML_ONLY_TABLE = re.compile(r'<div class="sb-html-only"><span id="(tbl-[a-z0-9-]+)"></span>')


def html_only_tables(root: Path) -> set[str]:
    """Labels of the tables the HTML edition alone prints (render.tables, ``html_only``)."""
    return {label for path in html_pages(root) for label in HTML_ONLY_TABLE.findall(path.read_text(encoding="utf-8"))}


def table_csvs(root: Path) -> list[Path]:
    """The CSV behind every table the PDF prints (exhibits.py names them data/tbl-<name>.csv; charts data/fig-*)."""
    html_only = html_only_tables(root)
    return sorted(path for path in (root / "_build/html/data").glob("tbl-*.csv") if path.stem not in html_only)


def last_shown_row(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        _, *rows = list(csv.reader(handle))
    return rows[-1] if len(rows) <= MAX_TABLE_ROWS else rows[PREVIEW_ROWS - 1]


@e2e
def test_every_table_prints_its_last_row(book):
    text = pdf_text_in_content_order(book)
    plain = squeezed(text)
    unhyphenated = squeezed(re.sub(r"-\n", "", text))  # a word the PDF hyphenated at a line end
    files = table_csvs(book)
    assert len(files) > 50
    lost = []
    for path in files:
        first = squeezed(last_shown_row(path)[0]) or "–"
        if first not in plain and first not in unhyphenated:
            lost.append(f"{path.stem}: {first!r}")
    assert lost == [], f"the last row of these tables is missing from the PDF: {lost}"


def table_lines(tex: str) -> list[tuple[int, int]]:
    """Line ranges (1-based, inclusive) of the longtables of the LaTeX source."""
    starts, ranges = [], []
    for number, line in enumerate(tex.splitlines(), 1):
        if line.startswith(r"\begin{longtable}"):
            starts.append(number)
        elif line.startswith(r"\end{longtable}"):
            ranges.append((starts.pop(), number))
    return ranges


@e2e
def test_no_table_cell_is_wider_than_its_column(book):
    # A word wider than its column runs under the next column's shading and is clipped in print;
    # LaTeX reports it as an overfull line in a paragraph of the table.
    latex = book / LATEX_DIR
    tex = (latex / "book.tex").read_text(encoding="utf-8")
    tables = table_lines(tex)
    assert len(tables) > 50
    log = (latex / "book.log").read_text(encoding="utf-8", errors="replace")
    clipped = []
    for width, first, last in re.findall(
        r"Overfull \\hbox \(([\d.]+)pt too wide\) in (?:paragraph|alignment) "
        r"at lines (\d+)--(\d+)",
        log,
    ):
        if float(width) > 1 and any(start <= int(first) and int(last) <= end for start, end in tables):
            clipped.append(f"book.tex lines {first}-{last}: {width}pt")
    assert clipped == [], clipped


@e2e
def test_long_identifiers_and_header_words_print_whole(book):
    plain = squeezed(pdf_text(book))
    # Identifiers a narrow column must break (after "_" or ".") are read in pieces between the next
    # column's lines; these are ones their columns hold on one line, so a clipped one goes missing.
    for text in [
        "L3.new_product_adoption",
        "data/framework/sub_documents.csv",  # the data appendix's summary lines (its column tables are HTML-only)
        "data/editorial/audit_evidence_links.csv",
        "Certainty",
        "What it holds",
        "★★★★★",
    ]:
        assert squeezed(text) in plain, text


def test_content_past_the_page_bottom_is_found_and_named():
    log = (
        "(fancyhdr) x\n\n[10]\nOverfull \\vbox (21.3232pt too high) has occurred while \\output is active []\n"
        "[11] [12\n\nOverfull \\vbox (2.0pt too high) detected at line 5\n"
    )
    lists = "\\contentsline {table}{\\numberline {1.5}{\\ignorespaces The overview’s predictions.}}{11}{table.1.5}%\n"
    (problem,) = pages_past_bottom(log, lists)
    assert "page 11" in problem and "21.3232pt" in problem and "Table 1.5 (The overview’s predictions.)" in problem
    assert pages_past_bottom("[1] [2]\nOverfull \\vbox (3pt too high) detected at line 9\n") == []


@e2e
def test_the_built_book_has_no_content_past_a_page_bottom(book):
    log = (book / LATEX_DIR / "book.log").read_text(encoding="utf-8", errors="replace")
    assert pages_past_bottom(log) == []


@e2e
def test_content_taller_than_a_page_fails_the_build_and_names_the_page(scratch):
    before = published(scratch)
    result = build_with_overview_ending(scratch, "\n```{raw} latex\n\\noindent\\rule{1pt}{40cm}\n```\n")
    assert_failed_and_kept(scratch, result, "ran past the bottom of the page", "Overfull \\vbox")
    assert re.search(r"page \d+ \(printed number\)", result.stderr)
    assert published(scratch) == before


def caption_numbers_html(root: Path, kind: str) -> list[str]:
    numbers = []
    for path in html_pages(root):
        html = path.read_text(encoding="utf-8")
        numbers += re.findall(rf'<span class="caption-number">{kind} ([A-Z0-9.]+) </span>', html)
    return numbers


@e2e
def test_back_matter_tables_are_numbered_by_appendix_letter_alike_in_html_and_pdf(book):
    html = caption_numbers_html(book, "Table")
    assert len(html) == len(set(html)), "the HTML uses a table number twice"
    assert len(html_only_tables(book)) > 50  # the data appendix's column tables, unnumbered
    # Only a caption puts a colon after the number ("Table A.1: ..."); it may wrap onto the next line.
    pdf = set(re.findall(r"\bTable ([A-Z0-9.]*[A-Z0-9]):", pdf_text_in_content_order(book)))
    assert sorted(set(html)) == sorted(pdf)
    appendix = (book / "_build/html/chapters/back/data_appendix.html").read_text(encoding="utf-8")
    glossary = (book / "_build/html/chapters/back/glossary.html").read_text(encoding="utf-8")
    assert '<span class="caption-number">Table A.1 </span>' in appendix
    assert 'id="tbl-glossary-a-n"' in glossary  # the glossary's tables are HTML-only; in print, paragraphs
    entry = squeezed("Leader share · measure or concept of this book · The share held by")
    assert entry in squeezed(pdf_text(book))
    assert not [number for number in html if number.startswith("A.") and number not in pdf]


@e2e
def test_the_pdf_names_each_tables_csv_instead_of_a_dead_link(book):
    text = pdf_text(book)
    plain = squeezed(text)
    assert "Data (CSV)" not in text
    assert squeezed("Data: data/tbl-levels.csv in the HTML edition.") in plain
    assert plain.count(squeezed("in the HTML edition.")) >= len(table_csvs(book))


@e2e
def test_pdf_information_comes_from_book_yml(book):
    metadata = yaml.safe_load((book / "book.yml").read_text(encoding="utf-8"))
    info = subprocess.run(["pdfinfo", str(pdf_path(book))], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == metadata["title"]
    assert fields["Author"].strip() == ", ".join(author["name"] for author in metadata["authors"])
    assert metadata["subtitle_zh"] in fields["Subject"]
    text = pdf_text(book)  # the running header of every page with one, besides the title page
    assert text.count(f"Version {metadata['version']}") > 20 and f"Release {metadata['version']}" not in text


@e2e
def test_html_sets_curly_apostrophes_at_latin_width(book):
    # From a CJK font (the fallback when no Latin font of the stack is installed) ’ is one em wide.
    overview = book / "_build/html/chapters/overview.html"
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(overview.as_uri())
        widths = page.evaluate("""() => {
            const paragraph = document.querySelector('article p');
            const width = text => {
                const span = document.createElement('span');
                span.textContent = text;
                paragraph.appendChild(span);
                const found = span.getBoundingClientRect().width;
                span.remove();
                return found;
            };
            return [width('overview\\u2019s'), width("overview's"), parseFloat(getComputedStyle(paragraph).fontSize)];
        }""")
    curly, straight, size = widths
    assert curly - straight < 0.3 * size, widths
