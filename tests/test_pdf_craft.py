"""The PDF's craft (issue 15): colophon, chapter openers, appendices, tables kept whole at page breaks,
identifiers, the bibliography, and the HTML tables' alignment.

The e2e tests read the book built once by the ``book`` fixture (tests/conftest.py) with pdftotext and pdffonts.
"""

from __future__ import annotations

import csv
import re
import subprocess
from datetime import date
from pathlib import Path

from docutils import nodes
from pybtex.database import parse_string

from scaling_book.bookbuild.sphinx import build_commit, latex_colophon
from scaling_book.inputs.settings import Author, BookMetadata, parse_book
from scaling_book.render.bibliography import AuthorYearStyle, book_bibtex
from scaling_book.render.sphinx_ext import glued_row, html_edition_pointer, numeric_column
from scaling_book.render.tables import MAX_TABLE_ROWS, PREVIEW_ROWS

from .test_build_e2e import html_pages, pdf_path

ROOT = Path(__file__).resolve().parents[1]
METADATA = BookMetadata(
    title="A Book",
    subtitle_zh="一本书",
    authors=(Author("Ann Author"),),
    version="1.2.3",
    release_date=date(2026, 1, 2),
    licence="CC-BY-4.0",
    licence_name="Creative Commons Attribution 4.0 International",
)


def test_the_colophon_names_version_date_licence_and_commit_and_a_url_and_doi_only_when_given():
    colophon = latex_colophon(METADATA, "0123456789ab")
    for text in ("Colophon", "Version 1.2.3, released 2026-01-02", "(CC-BY-4.0)", r"\texttt{0123456789ab}"):
        assert text in colophon, text
    assert "HTML edition" not in colophon and "DOI" not in colophon
    given = BookMetadata(**{**METADATA.__dict__, "url": "https://example.org/book/", "doi": "10.5281/zenodo.1"})
    linked = latex_colophon(given, "")
    assert r"\url{https://example.org/book/}" in linked and r"\href{https://doi.org/10.5281/zenodo.1}" in linked
    assert "outside version control" in linked


def test_build_commit_is_the_checkouts_head_or_empty_outside_git(tmp_path):
    assert build_commit(tmp_path) == ""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if head:  # a reader's copy of the sources may have no git history
        assert head.startswith(build_commit(ROOT).split()[0])


def test_book_yml_url_and_doi_are_optional_strings():
    text = (ROOT / "book.yml").read_text(encoding="utf-8")
    assert parse_book(text).metadata.url is None and parse_book(text).metadata.doi is None
    given = parse_book(text + "\nurl: https://example.org/book/\ndoi: 10.5281/zenodo.1\n").metadata
    assert (given.url, given.doi) == ("https://example.org/book/", "10.5281/zenodo.1")


def test_html_edition_pointers_link_into_the_html_edition_only_when_book_yml_gives_its_url():
    assert html_edition_pointer("data/tbl-a.csv", "") == nodes.Text("Data: data/tbl-a.csv in the HTML edition.")
    linked = html_edition_pointer("data/tbl-a.csv", "https://example.org/book/").astext()
    assert linked.startswith(r"Data: \href{https://example.org/book/data/tbl-a.csv}")
    assert linked.endswith("in the HTML edition.")


def test_a_tables_first_and_last_rows_stay_with_their_neighbours():
    assert [glued_row(index, 5) for index in range(5)] == [True, False, False, True, False]
    assert [glued_row(index, 4) for index in range(4)] == [True, False, True, False]
    assert [glued_row(index, 3) for index in range(3)] == [True, False, False]  # still breakable after row 2
    assert not glued_row(0, 1)


def test_columns_of_numbers_are_told_from_columns_of_words():
    assert numeric_column(["1,324", "198"]) and numeric_column(["12.1–16.9", "4.0–25.2", "–"])
    assert numeric_column(["83.8%", "-0.5"])
    assert not numeric_column(["83.8% (gemini)", "71.7%"]) and not numeric_column(["–", ""])
    assert not numeric_column(["L4", "3"])


def test_the_bibliography_sorts_names_as_printed():
    entries = AuthorYearStyle().sort(parse_string(book_bibtex(ROOT), "bibtex").entries.values())
    keys = [entry.key for entry in entries]
    # "{Epoch AI}" is braced in BibTeX; it sorts under E, between Christiano and Hendrycks, not after Wei.
    assert keys.index("christiano2017rlhf") < keys.index("epoch_notable") < keys.index("hendrycks2021mmlu")


# --- the built book ---------------------------------------------------------------------------------------------


def pdf_pages(root: Path) -> list[str]:
    """The PDF's text page by page, in the order it was typeset (pdftotext -raw)."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path(root)), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def squeezed(text: str) -> str:
    return "".join(text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})).split())


def table_first_cells(root: Path) -> dict[str, list[str]]:
    """Table number ("3.2") -> the first cell of each row the PDF prints, from the HTML caption and its CSV."""
    tables: dict[str, list[str]] = {}
    for page in html_pages(root):
        html = page.read_text(encoding="utf-8")
        for found in re.finditer(r'<span class="caption-number">Table ([A-Z0-9.]+) </span>', html):
            link = re.compile(r'class="sb-download" href="((?:\.\./)*data/tbl-[a-z0-9-]+\.csv)"').search(
                html, found.end()
            )
            if link is None:
                continue
            with (page.parent / link.group(1)).open(encoding="utf-8", newline="") as handle:
                _, *rows = list(csv.reader(handle))
            shown = rows if len(rows) <= MAX_TABLE_ROWS else rows[:PREVIEW_ROWS]
            # The first two cells, which pdftotext -raw prints one after the other: one alone may be a bare "1".
            tables[found.group(1)] = [squeezed("".join(row[:2])) for row in shown]
    return tables


def rows_found(text: str, cells: list[str], start: int) -> int:
    """How many rows, from row ``start`` on and in order, have their first cell in ``text``."""
    position, count = 0, 0
    for cell in cells[start:]:
        found = text.find(cell, position) if cell else position
        if found < 0:
            break
        position, count = found + len(cell), count + 1
    return count


def single_row_splits(root: Path) -> list[str]:
    """Tables that leave one row alone on the page before a break, or on the last page after it."""
    pages = pdf_pages(root)
    tables = table_first_cells(root)
    problems = []
    for number, cells in tables.items():
        continued = [index for index, page in enumerate(pages) if f"Table {number} – continued from previous" in page]
        if not continued or len(cells) < 2:
            continue
        first = squeezed(pages[continued[0] - 1])
        caption = first.rfind(squeezed(f"Table {number}:"))
        counts = [rows_found(first[caption:].split("Continuedonnextpage")[0], cells, 0)]
        for index in continued:
            text = squeezed(pages[index]).split(squeezed(f"Table {number} – continued from previous page"), 1)[1]
            counts.append(rows_found(text.split("Continuedonnextpage")[0], cells, sum(counts)))
        # A table of three rows may end with one row on the next page: glued_row keeps it breakable (see there).
        if counts[0] == 1 or (counts[-1] == 1 and len(cells) > 3):
            problems.append(f"Table {number}: rows per page {counts}")
    return problems


def test_single_row_splits_are_found(tmp_path):
    assert rows_found("L4aL3bL2c", ["L4", "L3", "L2"], 0) == 3
    assert rows_found("L3bL2c", ["L4", "L3", "L2"], 1) == 2
    assert rows_found("L2c", ["L4", "L3", "L2"], 0) == 0


def test_no_table_leaves_a_single_row_alone_across_a_page_break(book):
    assert len(table_first_cells(book)) > 50
    assert single_row_splits(book) == []


def inline_identifiers(root: Path) -> str:
    """Every inline code span of the LaTeX source (identifiers, file names), as printed text, space separated."""
    tex = (root / "_build/.work/latex/book.tex").read_text(encoding="utf-8")
    spans = re.findall(r"\\sphinxupquote\{((?:[^{}]|\{[^{}]*\})*)\}", tex)
    return " ".join(
        re.sub(r"\\allowbreak\{\}|\\sphinxhyphen\{\}", lambda m: "-" if "hyphen" in m.group() else "", span).replace(
            "\\_", "_"
        )
        for span in spans
    )


def hyphens_inside_identifiers(root: Path) -> list[str]:
    """Line ends where the PDF put a hyphen inside an identifier: the halves join into one, the hyphen is not in it."""
    identifiers = inline_identifiers(root)
    problems = []
    for page in pdf_pages(root):
        for before, after in re.findall(r"([\w.]*[A-Za-z])-\n([A-Za-z][\w./]*)", page):
            joined = (before + after).rstrip(".")  # a sentence's full stop does not make a word an identifier
            if re.search(r"[_./]", joined) and joined in identifiers and f"{before}-{after}" not in identifiers:
                problems.append(f"{before}-{after}")
    return problems


def test_no_hyphen_is_inserted_inside_an_identifier(book):
    assert "scaling_book" in inline_identifiers(book)
    assert hyphens_inside_identifiers(book) == []


def test_the_title_verso_has_the_colophon(book):
    metadata = parse_book((book / "book.yml").read_text(encoding="utf-8")).metadata
    verso = squeezed(pdf_pages(book)[1])
    assert squeezed("Colophon") in verso
    assert squeezed(f"Version {metadata.version}, released {metadata.release_date.isoformat()}") in verso
    assert squeezed(f"Licence: {metadata.licence_name} ({metadata.licence})") in verso
    if (book / ".git").exists():
        assert re.search(r"Builtfromcommit[0-9a-f]{12}", verso)
    else:
        assert squeezed("Built from sources outside version control") in verso


def test_chapter_openers_are_numeric_and_the_appendices_have_a_divider(book):
    pages = pdf_pages(book)
    text = "\f".join(pages)
    assert "TWENTY" not in text and "TWELVE" not in text
    assert "Chapter\n21\nEvidence: compute scaling" in text
    divider = [index for index, page in enumerate(pages) if page.strip().splitlines()[:1] == ["Appendices"]]
    assert len(divider) == 1
    assert re.search(r"Appendix\s*\n?\s*A\b", pages[divider[0] + 1])


def test_arxiv_ids_are_linked_once_without_a_footnote_number(book):
    text = squeezed("".join(pdf_pages(book)))  # an id may wrap after "arXiv:"
    eprints = re.findall(r"eprint\s*=\s*\{([^}]+)\}", (book / "references.bib").read_text(encoding="utf-8"))
    assert eprints
    for eprint in eprints:
        assert re.search(rf"arXiv:{re.escape(eprint)}(?!\d)", text), eprint
    # no footnote of the bibliography repeats the address (source tables elsewhere may list it as a URL)
    bibliography = text[text.rindex(squeezed("References (参考文献)")) :]
    for eprint in eprints:
        assert f"https://arxiv.org/abs/{eprint}" not in bibliography, eprint


def test_identifiers_and_formulas_use_the_books_faces(book):
    fonts = subprocess.run(["pdffonts", str(pdf_path(book))], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSansMono" in fonts and "FreeMono" not in fonts
    # Letters and digits in formulas come from FreeSerif (mathastext); Computer Modern keeps only Greek and symbols.
    log = (book / "_build/.work/latex/book.log").read_text(encoding="utf-8", errors="replace")
    assert "Package: mathastext" in log


def test_html_tables_break_no_words_and_align_numbers_right(book):
    css = (book / "_build/html/_static/book.css").read_text(encoding="utf-8")
    assert "anywhere" not in css and "position: sticky" in css
    benchmarks = (book / "_build/html/chapters/evidence/benchmarks.html").read_text(encoding="utf-8")
    assert re.search(r'<td class="[^"]*sb-num[^"]*"><p>1,324</p>', benchmarks)
