"""How numbers, counts, names and bilingual labels are written in the book's text and tables.

One definition of each format: the glue layer uses these for a unit's default text, and the
views use them for table cells and phrases.
"""

from __future__ import annotations

from collections.abc import Callable


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


def bilingual_unless_same(english: object, chinese: object) -> str:
    """'English (中文)', or the name alone when both languages write it the same ('MCP', 'GPU vs TPU')."""
    return str(english) if english == chinese else bilingual(english, chinese)


def days(value: int) -> str:
    """1234 -> '1,234 days', 1 -> '1 day'."""
    return counted(int(value), "day", "days")


def mid_sentence(text: str) -> str:
    """A phrase as it reads inside a sentence: 'The L0 document' -> 'the L0 document'; 'L1 areas' stays."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if len(first) > 1 and first[0].isupper() and first[1:].islower() else text
