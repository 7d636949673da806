"""How the prose names the framework's tables."""

from __future__ import annotations

from scaling_book.schemas.registry import FRAMEWORK_TABLES
from scaling_book.views.text import names_list


# How the prose names a framework table; tables not listed are named by their registry description.
TABLE_NAMES: dict[str, str] = {
    "caict_layers": "the five-layer table", "pyramid_layers": "the pyramid", "pyramid_open_fronts": "the pyramid's open fronts",
    "timeline_tasks": "the timeline", "predictions": "the dated predictions", "conclusions": "the overview's conclusions",
    "drivers": "the drivers diagram", "level_profiles": "the L0 document's level profiles",
    "option_attributes": "the L0 document's rival profiles", "scenario_analysis": "the L0 document's scenario analysis",
    "document_conclusions": "the conclusions of the full sub-documents", "quotes": "the seeds' verbatim statements",
    "products": "the representative products", "claims": "the claims table", "force_chains": "the force chains",
    "force_effects": "the force effects", "force_cases": "the force cases",
}


def table_names(tables: list[str]) -> str:
    """Readable names of framework tables, in the given order without repeats: 'the pyramid and the timeline'."""
    descriptions = {table.name: table.description for table in FRAMEWORK_TABLES}
    unknown = [table for table in tables if table not in descriptions]
    if unknown:
        raise KeyError(f"not framework tables: {unknown}")
    names = [TABLE_NAMES.get(table, descriptions[table][:1].lower() + descriptions[table][1:])
             for table in dict.fromkeys(tables)]
    return names_list(names)
