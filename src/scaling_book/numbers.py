"""Glue computed numbers into the prose and register them for ``numbers.json``.

A chapter never types a result: it calls :func:`glue_number`, which formats the value,
glues the text under ``key`` (used in the prose as ``{glue}`key```) and records
``key -> {value, unit, text, chapter, sources}`` for the book's number registry.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Integral, Real

from myst_nb import glue

from . import record

_glued: set[str] = set()


class GluedText:
    """Display object with only a plain-text form, so the prose shows exactly ``text``."""

    def __init__(self, text: str):
        self.text = text

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


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
    return f"{int(value)}"


FORMATTERS: dict[str, Callable[[float], str]] = {
    "fraction": percent,
    "count": count,
    "multiple": multiple,
    "year": year,
    "stars": lambda value: "★" * int(value) + "☆" * (5 - int(value)) + f" ({int(value)}/5)",
}


def _plain(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"glue_number expects a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"glue_number got a non-finite value {value!r}")
    return int(value) if isinstance(value, Integral) else number


def glue_number(key: str, value: object, unit: str, text: str | None = None) -> None:
    """Glue ``value`` under ``key``; ``text`` overrides the unit's default format."""
    if key in _glued:
        raise ValueError(f"number {key!r} is glued twice in this chapter")
    number = _plain(value)
    if text is None:
        if unit not in FORMATTERS:
            raise ValueError(f"no default format for unit {unit!r}: pass text=")
        text = FORMATTERS[unit](number)
    _glued.add(key)
    glue(key, GluedText(text), display=False)
    record.note_number(key, {"value": number, "unit": unit, "text": text,
                             "chapter": record.current_docname(), "sources": record.inputs_so_far()})


def glue_text(key: str, text: str) -> None:
    """Glue a computed word or phrase (not a number, so not in ``numbers.json``)."""
    glue(key, GluedText(text), display=False)
