"""How the prose names framework tables: data/editorial/framework_table_names.csv names framework tables only."""

from __future__ import annotations

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import FRAMEWORK_TABLES
from scaling_book.views.names import table_names


def test_every_prose_name_is_for_a_framework_table():
    names = load_table("framework_table_names")
    assert set(names.table) <= {table.name for table in FRAMEWORK_TABLES}
    assert (names.basis == "book's choice").all()
    assert table_names(["pyramid_layers", "drivers"]) == "the pyramid and the drivers diagram"


def test_a_table_without_a_prose_name_is_named_by_its_description():
    described = next(table for table in FRAMEWORK_TABLES if table.name == "sections")
    assert table_names(["sections"]) == described.description[:1].lower() + described.description[1:]
