"""What every table of ``data/editorial/`` shares: its licence, its provenance and the ``basis`` of each row."""

from __future__ import annotations

from scaling_book.schemas.table import Column, Table

EDITORIAL_LICENCE = "CC BY 4.0 (this book's editorial choices)"
EDITORIAL_PROVENANCE = (
    "Chosen by the book's authors; each row's basis column names its source or says it is the book's choice"
)
BOOKS_CHOICE = "book's choice"

BASIS = Column(
    "basis",
    "text",
    f"Where the row comes from: '{BOOKS_CHOICE}', or a source (seed reference, "
    "dataset and version, or URL with publisher and date)",
)


def editorial(name: str, description: str, columns: tuple[Column, ...], key: tuple[str, ...]) -> Table:
    """A table of ``data/editorial/`` with the ``basis`` column appended."""
    return Table(
        name=name,
        path=f"editorial/{name}.csv",
        description=description,
        columns=columns + (BASIS,),
        key=key,
        provenance=EDITORIAL_PROVENANCE,
        licence=EDITORIAL_LICENCE,
    )
