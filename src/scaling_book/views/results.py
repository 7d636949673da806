"""What a chapter shows, computed in one place: its glued numbers and phrases, tables, charts and blocks.

A view function (one per chapter, in the modules of this package) fills a :class:`ChapterResults`;
the chapter passes it to :func:`scaling_book.render.glue.publish` and places its tables with
:func:`scaling_book.render.tables.show`. Every number's display text is decided here, so the
phrases a chapter prints are unit-tested without running the chapter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Integral, Real

import altair as alt
import pandas as pd

from scaling_book.inputs import provenance
from scaling_book.views.text import FORMATTERS, counted

# A table of up to this many rows is shown whole (the longest of the book, the glossary, is split to fit).
MAX_TABLE_ROWS = 150


@dataclass(frozen=True)
class Number:
    """A glued number: its value, unit, display text and what the chapter had read when it was computed."""

    key: str
    value: int | float
    unit: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A glued word or phrase decided by the data (not a number, so not in ``numbers.json``)."""

    key: str
    text: str


@dataclass(frozen=True)
class TableExhibit:
    """A numbered table: its rows, caption (Markdown; may glue numbers), source line and column widths."""

    label: str
    frame: pd.DataFrame
    caption: str
    source: str
    widths: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ChartExhibit:
    """A numbered chart, placed in the text by a ``{glue:figure}`` of the same label."""

    label: str
    chart: alt.TopLevelMixin
    source: str


@dataclass(frozen=True)
class DatasetExhibit:
    """A machine-readable table published whole as ``data/<name>.csv``, with a line that links it."""

    name: str
    frame: pd.DataFrame
    description: str


def plain_number(value: object) -> int | float:
    """``value`` as a Python int or float; booleans, non-numbers and non-finite values are errors."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"a glued number must be a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"a glued number must be finite, got {value!r}")
    return int(value) if isinstance(value, Integral) else number


@dataclass
class ChapterResults:
    """Everything one chapter glues and shows, in the order it was computed."""

    glued: list[Number | Phrase] = field(default_factory=list)
    tables: dict[str, TableExhibit] = field(default_factory=dict)
    charts: dict[str, ChartExhibit] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)  # name -> Markdown shown as it is
    datasets: dict[str, DatasetExhibit] = field(default_factory=dict)

    def _check_new(self, key: str) -> None:
        if key in self.keys():
            raise ValueError(f"{key!r} is computed twice for this chapter")

    def keys(self) -> set[str]:
        return (
            {item.key for item in self.glued}
            | set(self.tables)
            | set(self.charts)
            | set(self.blocks)
            | set(self.datasets)
        )

    def number(self, key: str, value: object, unit: str, text: str | None = None) -> None:
        """A number for ``{glue}`key```; ``text`` overrides the unit's default format."""
        self._check_new(key)
        plain = plain_number(value)
        if text is None:
            if unit not in FORMATTERS:
                raise ValueError(f"no default format for unit {unit!r}: pass text=")
            text = FORMATTERS[unit](plain)
        self.glued.append(Number(key, plain, unit, text, tuple(provenance.inputs_so_far())))

    def count(self, key: str, number: int, one: str, many: str) -> None:
        """A count glued with the noun (and verb) that agree with it, e.g. ('entry is', 'entries are')."""
        self.number(key, int(number), "count", text=counted(int(number), one, many))

    def text(self, key: str, text: str) -> None:
        """A computed word or phrase for ``{glue}`key```."""
        self._check_new(key)
        self.glued.append(Phrase(key, str(text)))

    def table(
        self, label: str, frame: pd.DataFrame, *, caption: str, source: str, widths: tuple[int, ...] | None = None
    ) -> None:
        self._check_new(label)
        self.tables[label] = TableExhibit(label, frame, caption, source, widths)

    def chart(self, label: str, chart: alt.TopLevelMixin, *, source: str) -> None:
        self._check_new(label)
        self.charts[label] = ChartExhibit(label, chart, source)

    def block(self, name: str, markdown: str) -> None:
        """Markdown shown where the chapter calls ``show(results, name)`` (e.g. a citation in a code block)."""
        self._check_new(name)
        self.blocks[name] = markdown

    def dataset(self, name: str, frame: pd.DataFrame, *, description: str) -> None:
        """A table published whole for download (no row limit) where the chapter calls ``show(results, name)``."""
        self._check_new(name)
        self.datasets[name] = DatasetExhibit(name, frame, description)

    def value(self, key: str) -> int | float | str:
        """The value of a glued number, or the text of a glued phrase (for tests and for later sections)."""
        for item in self.glued:
            if item.key == key:
                return item.value if isinstance(item, Number) else item.text
        raise KeyError(f"nothing glued under {key!r}")

    def shown(self, key: str) -> str:
        """What the prose shows for ``key``: a number's display text or a phrase."""
        for item in self.glued:
            if item.key == key:
                return item.text
        raise KeyError(f"nothing glued under {key!r}")
