"""The book's index of key terms (HTML general index and PDF index), placed from a list of terms as data.

Each term of ``data/editorial/index_terms.csv`` is indexed at its first mention in each page's running text
(paragraphs outside tables, captions and code), so the index points to every chapter that discusses the
term without a single index directive in the chapters' prose.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from scaling_book.inputs.load import load_table
from scaling_book.inputs.paths import data_dir
from scaling_book.schemas.registry import TABLES

SKIPPED = (nodes.table, nodes.caption, nodes.literal_block, nodes.title, nodes.field_list)


def index_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(term, compiled pattern) of every index term, in the table's order; patterns match whole words, any case."""
    terms = load_table("index_terms")
    return [
        (term, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE))
        for term, pattern in zip(terms["term"], terms["pattern"], strict=True)
    ]


def running_text(paragraph: nodes.paragraph) -> str:
    """A paragraph's text without its inline code (identifiers are not mentions of a term)."""
    return " ".join(
        text.astext() for text in paragraph.findall(nodes.Text) if not isinstance(text.parent, nodes.literal)
    )


def in_running_text(paragraph: nodes.paragraph) -> bool:
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, SKIPPED):
            return False
        parent = parent.parent
    return True


class IndexKeyTerms(SphinxTransform):
    """Before the first paragraph of a page that mentions a term: a target and an index entry for it."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        self.env.note_dependency(str(data_dir() / TABLES["index_terms"].path))
        remaining = index_patterns()
        for count, paragraph in enumerate(list(self.document.findall(nodes.paragraph))):
            if not remaining:
                break
            if not in_running_text(paragraph):
                continue
            text = running_text(paragraph)
            found = [term for term, pattern in remaining if pattern.search(text)]
            if not found:
                continue
            target_id = f"index-term-{count}"
            target = nodes.target("", "", ids=[target_id])
            entries = [("single", term, target_id, "", None) for term in found]
            index = addnodes.index(entries=entries, inline=False)
            paragraph.parent.insert(paragraph.parent.index(paragraph), [index, target])
            remaining = [(term, pattern) for term, pattern in remaining if term not in found]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(IndexKeyTerms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
