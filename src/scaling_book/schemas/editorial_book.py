"""Schemas of the editorial tables of the book's reference apparatus: its own measures (glossary) and index terms."""

from __future__ import annotations

from scaling_book.schemas.editorial_base import editorial
from scaling_book.schemas.table import Column, Table


def book_tables() -> tuple[Table, ...]:
    """The two tables, built with the editorial helper of :mod:`scaling_book.schemas.editorial`."""
    return (
        editorial(
            "book_measures",
            "The book's own measures and concepts, defined in its words for the glossary",
            (
                Column("term_id", "id", "Term"),
                Column("name_en", "text", "Term"),
                Column("name_zh", "text", "Term in Chinese, where the seeds use one", required=False),
                Column("definition_en", "text", "Definition in this book's words"),
            ),
            ("term_id",),
        ),
        editorial(
            "index_terms",
            "Key terms of the book's index; each is indexed at its first mention in each page",
            (
                Column("term", "text", "Entry as the index shows it"),
                Column("pattern", "text", "Regular expression of its mentions (whole words, any case)"),
            ),
            ("term",),
        ),
    )
