"""Glue computed numbers into the prose and register them for ``numbers.json``.

A chapter never types a result: its view computes a :class:`~scaling_book.views.results.ChapterResults`
and :func:`publish` glues each number's text under its key (used in the prose as ``{glue}`key```),
records ``key -> {value, unit, text, chapter, sources}`` for the book's number registry, and glues
each chart for its ``{glue:figure}``.
"""

from __future__ import annotations

from myst_nb import glue

from scaling_book.inputs import provenance
from scaling_book.render.figures import glue_chart
from scaling_book.views.results import ChapterResults, Number

_glued: set[str] = set()


class GluedText:
    """Display object with only a plain-text form, so the prose shows exactly ``text``."""

    def __init__(self, text: str):
        self.text = text

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def _glue_number(number: Number) -> None:
    if number.key in _glued:
        raise ValueError(f"number {number.key!r} is glued twice in this chapter")
    _glued.add(number.key)
    glue(number.key, GluedText(number.text), display=False)
    provenance.note_number(
        number.key,
        {
            "value": number.value,
            "unit": number.unit,
            "text": number.text,
            "chapter": provenance.current_docname(),
            "sources": list(number.sources),
        },
    )


def publish(results: ChapterResults) -> None:
    """Glue every number, phrase and chart a view computed for the executing chapter."""
    for item in results.glued:
        if isinstance(item, Number):
            _glue_number(item)
        else:
            glue_text(item.key, item.text)
    for chart in results.charts.values():
        glue_chart(chart.label, chart.chart, source=chart.source)


def glue_number(key: str, value: object, unit: str, text: str | None = None) -> None:
    """Glue ``value`` under ``key``; ``text`` overrides the unit's default format."""
    single = ChapterResults()
    single.number(key, value, unit, text)
    _glue_number(single.glued[0])  # type: ignore[arg-type]


def glue_text(key: str, text: str) -> None:
    """Glue a computed word or phrase (not a number, so not in ``numbers.json``)."""
    glue(key, GluedText(text), display=False)


def glue_count(key: str, number: int, one: str, many: str) -> None:
    """Glue a count together with the noun (and verb) that agree with it, e.g. ('entry is', 'entries are')."""
    single = ChapterResults()
    single.count(key, number, one, many)
    _glue_number(single.glued[0])  # type: ignore[arg-type]
