"""The book covers the overview and all 17 sub-documents, in the overview's order, each with exhibits."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from scaling_book.bookbuild.pages import book_pages, front_matter
from scaling_book.inputs.load import load_table
from scaling_book.views.glossary import glossary, term_sources

from .conftest import ROOT

SEED_CHAPTERS = [page for page in book_pages(ROOT) if page.is_notebook and "seed_doc" in front_matter(page.source)]


def test_one_chapter_per_seed_document_in_the_overviews_order():
    documents = load_table("sub_documents").sort_values("order")
    expected = ["03", *documents.doc_id]
    assert [front_matter(page.source)["seed_doc"] for page in SEED_CHAPTERS] == expected


@pytest.mark.parametrize("page", SEED_CHAPTERS, ids=lambda page: page.docname)
def test_chapter_places_and_cites_a_numbered_chart_and_table(page):
    """Each seed chapter places a table and cites a chart: its own, or its panel of small multiples placed once in
    another chapter (the level and driver chapters share one chart each)."""
    text = page.source.read_text(encoding="utf-8")
    charts = re.findall(r"```\{glue:figure\} (fig-[a-z0-9-]+)\n:name: (fig-[a-z0-9-]+)\n", text)
    tables = re.findall(r'^show\(results, "(tbl-[a-z0-9-]+)"\)$', text, flags=re.MULTILINE)
    assert re.search(r"\{numref\}`fig-[a-z0-9-]+`", text) and tables
    for label, name in charts:
        assert label == name, f"{label} is placed under another name"
        assert f"{{numref}}`{label}`" in text, f"{label} is never cited in the prose"
    for label in tables:
        assert f"{{numref}}`{label}`" in text, f"{label} is never cited in the prose"


CHAPTERS = [
    page for page in book_pages(ROOT) if page.is_notebook and not page.docname.startswith(("index", "chapters/back/"))
]


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda page: page.docname)
def test_every_chapter_opens_with_its_in_brief_box(page):
    text = page.source.read_text(encoding="utf-8")
    cells = re.findall(r"```\{code-cell\} python\n(.*?)```", text, flags=re.DOTALL)
    assert len(cells) >= 2 and 'show(results, "in-brief")' in cells[1], "the In brief box is not the first exhibit"
    before = text[: text.index('show(results, "in-brief")')]
    assert before.count("\n## ") == 0, "the In brief box comes after a section heading"


def test_glossary_has_every_framework_term_in_both_languages():
    terms = glossary()
    pairs = set(zip(terms.english, terms.chinese))
    for table, english, chinese, *_ in term_sources():
        frame = load_table(table)
        for name_en, name_zh in zip(frame[english], frame[chinese]):
            assert (name_en, name_zh) in pairs or pd.isna(name_zh)
    framework = terms[terms.table.str.startswith("data/framework/")]
    assert terms.english.notna().all() and framework.chinese.notna().all()
    assert framework.chinese.str.contains(r"[\u3400-\u9fff]|[A-Za-z]").all()
    # the book's own measures have no Chinese term of the seeds, and say so rather than invent one
    assert terms[terms.table == "data/editorial/book_measures.csv"].chinese.isna().all()
