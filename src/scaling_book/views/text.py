"""How numbers, counts, names and bilingual labels are written in the book's text and tables.

One definition of each format: the glue layer uses these for a unit's default text, and the
views use them for table cells and phrases.
"""

from __future__ import annotations

from collections.abc import Callable

from scaling_book.schemas.registry import FRAMEWORK_TABLES


def percent(value: float, digits: int = 0) -> str:
    """0.953 -> '95%' (digits after the decimal point of the percentage)."""
    return f"{value * 100:.{digits}f}%"


def count(value: float) -> str:
    """1234 -> '1,234'."""
    return f"{int(round(value)):,}"


def multiple(value: float, digits: int = 1) -> str:
    """13.33 -> '13.3×'."""
    return f"{value:.{digits}f}×"


def decimal(value: float, digits: int = 1) -> str:
    """1.25 -> '1.2' with a fixed number of digits."""
    return f"{value:.{digits}f}"


def year(value: float) -> str:
    """2024.0 -> '2024'."""
    return f"{int(value)}"


def star_bar(rating: int, out_of: int = 5) -> str:
    """3 -> '★★★☆☆'."""
    return "★" * rating + "☆" * (out_of - rating)


def stars(rating: int, out_of: int = 5) -> str:
    """3 -> '★★★☆☆ (3/5)'."""
    return f"{star_bar(rating, out_of)} ({rating}/{out_of})"


FORMATTERS: dict[str, Callable[[float], str]] = {
    "fraction": percent,
    "count": count,
    "multiple": multiple,
    "year": year,
    "stars": lambda value: stars(int(value)),
}


def bilingual(english: object, chinese: object) -> str:
    """'English (中文)' label used in tables and chart axes."""
    return f"{english} ({chinese})"


def counted(number: int, one: str, many: str) -> str:
    """'1 entry is' / '3 entries are': a count with the phrase that agrees with it."""
    return f"{number:,} {one if number == 1 else many}"


def names_list(names: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    names = [str(name) for name in names]
    if not names:
        raise ValueError("names_list needs at least one name")
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


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
