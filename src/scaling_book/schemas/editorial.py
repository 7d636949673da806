"""Schemas of ``data/editorial/``: the book's own editorial choices, as data that can be cited and changed.

Mappings, coding rules, display names and readings of seed terms that the analysis or the text
depends on. Every row says where it comes from in ``basis``: ``book's choice`` when the book
decided it, or a source (a seed reference, a dataset with its version, or a URL with publisher
and date). Changing a row re-executes the chapters that read the table, like any data file.
"""

from __future__ import annotations

from scaling_book.schemas.table import Column, Table

EDITORIAL_LICENCE = "CC BY 4.0 (this book's editorial choices)"
EDITORIAL_PROVENANCE = "Chosen by the book's authors; each row's basis column names its source or says it is the book's choice"
BOOKS_CHOICE = "book's choice"

BASIS = Column("basis", "text", f"Where the row comes from: '{BOOKS_CHOICE}', or a source (seed reference, "
               "dataset and version, or URL with publisher and date)")


def editorial(name: str, description: str, columns: tuple[Column, ...], key: tuple[str, ...]) -> Table:
    """A table of ``data/editorial/`` with the ``basis`` column appended."""
    return Table(name=name, path=f"editorial/{name}.csv", description=description, columns=columns + (BASIS,),
                 key=key, provenance=EDITORIAL_PROVENANCE, licence=EDITORIAL_LICENCE)


# Each helper/author appends its tables here (one entry per table, in the order of the book's parts).
EDITORIAL_TABLES: tuple[Table, ...] = (
    editorial("hardware_families", "Accelerator families the evidence chapters tell apart in Epoch's 'Training hardware' "
              "column; hardware that matches none of them counts as 'Other'", (
        Column("family_id", "id", "Family, as the column of epoch_hardware_by_year that counts it"),
        Column("order", "int", "Position in tables and charts", minimum=1),
        Column("name_en", "text", "Name shown to the reader"),
        Column("match_prefix", "text", "A hardware item belongs to the family when its name starts with this "
               "(case-insensitive)"),
    ), key=("family_id",)),
    editorial("parent_companies", "Epoch organisation names that are units of one company, and the company that "
              "owns them, merged only as a sensitivity check of concentration; well-known ownership (DeepMind is "
              "Alphabet's since 2014, Facebook renamed itself Meta in 2021, the research labs are units of their "
              "companies), acquisition dates ignored; names not listed stand for themselves", (
        Column("organization", "text", "Organisation as Epoch's 'Organization' field names it"),
        Column("parent", "text", "Company it is merged into"),
    ), key=("organization",)),
)
