"""How the prose names the framework's tables (the names are data/editorial/framework_table_names.csv)."""

from __future__ import annotations

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import FRAMEWORK_TABLES
from scaling_book.views.text import names_list


def table_names(tables: list[str]) -> str:
    """Readable names of framework tables, in the given order without repeats: 'the pyramid and the timeline'."""
    descriptions = {table.name: table.description for table in FRAMEWORK_TABLES}
    unknown = [table for table in tables if table not in descriptions]
    if unknown:
        raise KeyError(f"not framework tables: {unknown}")
    prose = load_table("framework_table_names").set_index("table").prose_name.to_dict()
    names = [prose.get(table, descriptions[table][:1].lower() + descriptions[table][1:])
             for table in dict.fromkeys(tables)]
    return names_list(names)
