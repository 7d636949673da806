"""The bilingual glossary, generated from every framework table that names a term."""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import TABLES
from scaling_book.views.results import MAX_TABLE_ROWS, ChapterResults


class TermSource(NamedTuple):
    """A framework column pair that names glossary terms (a row of data/editorial/glossary_sources.csv)."""

    table: str
    english: str
    chinese: str
    kind: str
    definition: str | None  # template filled from the term's row; None: the table's definition_en column, or none


def term_sources() -> list[TermSource]:
    """The column pairs whose terms the glossary holds, first source of a repeated term first."""
    sources = load_table("glossary_sources").sort_values("order")
    return [
        TermSource(table, english, chinese, kind, None if pd.isna(definition) else definition)
        for table, english, chinese, kind, definition in zip(
            sources.table, sources.english_column, sources.chinese_column, sources.kind, sources.definition
        )
    ]


def excluded_pairs() -> dict[tuple[str, str], str]:
    """(table, English column) of each framework pair that holds sentences or values, not terms -> why."""
    exclusions = load_table("glossary_exclusions")
    return {
        (table, english): reason
        for table, english, reason in zip(exclusions.table, exclusions.english_column, exclusions.reason)
    }


# A template names an item by its name, not its id: {area_name} is the name_en of the row's area_id in areas.csv.
NAMED_IDS = {
    "area_id": "areas",
    "force_id": "forces",
    "system_layer_id": "system_layers",
    "layer_id": "convergence_layers",
}


def _with_names(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``<item>_name`` column (English name) beside each id column of NAMED_IDS it holds."""
    named = frame.copy()
    for column, table in NAMED_IDS.items():
        if column in frame:
            names = load_table(table).set_index(column)["name_en"]
            named[column.removesuffix("_id") + "_name"] = frame[column].map(names)
    return named


def _definitions(template: str | None, frame: pd.DataFrame) -> list[object]:
    """The definition of each row's term: the table's own column, or one composed from the row."""
    if "definition_en" in frame:
        return frame["definition_en"].to_list()
    if template is None:
        return [None] * len(frame)
    named = _with_names(frame)
    rows = named.astype(object).where(named.notna(), "").to_dict("records")
    return [re.sub(r"([.?!])\.$", r"\1", template.format(**row)) for row in rows]


def glossary() -> pd.DataFrame:
    """Every framework term once, English and Chinese side by side, with where it is defined."""
    rows = []
    sources = term_sources()
    frames = {table: load_table(table) for table in dict.fromkeys(source.table for source in sources)}
    for table, english, chinese, kind, template in sources:
        frame = frames[table]
        definitions = _definitions(template, frame)
        for name_en, name_zh, definition in zip(frame[english], frame[chinese], definitions):
            rows.append(
                {
                    "english": name_en,
                    "chinese": name_zh,
                    "kind": kind,
                    "definition": definition,
                    "table": f"data/{TABLES[table].path}",
                }
            )
    terms = pd.DataFrame(rows)
    first = terms.drop_duplicates(subset=["english", "chinese"], keep="first")
    return first.sort_values(["english", "chinese"], key=lambda column: column.str.casefold()).reset_index(drop=True)


def glossary_parts(terms: pd.DataFrame | None = None, max_rows: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """The glossary (``terms``, by default :func:`glossary`) in alphabetical parts ('0–K', 'L–Z', ...) short
    enough to be shown in full as tables."""
    limit = MAX_TABLE_ROWS if max_rows is None else max_rows
    terms = glossary() if terms is None else terms
    initials = terms.english.str[0].str.upper()
    parts: list[list[str]] = []
    sizes: list[int] = []
    for initial, size in initials.value_counts(sort=False).items():
        if size > limit:
            raise ValueError(f"{size} glossary terms start with {initial!r}, more than a table shows ({limit})")
        if parts and sizes[-1] + size <= limit:
            parts[-1].append(initial)
            sizes[-1] += size
        else:
            parts.append([initial])
            sizes.append(size)
    return [
        (
            f"{letters[0]}–{letters[-1]}" if len(letters) > 1 else letters[0],
            terms[initials.isin(letters)].reset_index(drop=True),
        )
        for letters in parts
    ]


# As published; the term sources are now data/editorial/glossary_sources.csv (new text would change the page).
GLOSSARY_SOURCE = "data/framework/*.csv and data/editorial/book_measures.csv, terms chosen as data/editorial/glossary_sources.csv says"


def glossary_label(letters: str) -> str:
    """'L–Z' -> 'tbl-glossary-l-z'."""
    return f"tbl-glossary-{letters.lower().replace('–', '-')}"


def glossary_chapter() -> ChapterResults:
    """The glossary page: how many terms and kinds, and the glossary in alphabetical parts."""
    results = ChapterResults()
    terms = glossary()
    results.number("glossary.terms", len(terms), "count")
    results.number("glossary.kinds", terms.kind.nunique(), "count")
    for letters, part in glossary_parts(terms):
        shown = part.assign(definition=part.definition.fillna(""), chinese=part.chinese.fillna("—"))[
            ["english", "chinese", "kind", "definition"]
        ]
        results.table(
            glossary_label(letters),
            shown.rename(columns={"english": "English", "chinese": "中文", "kind": "Kind", "definition": "Definition"}),
            caption=f"Bilingual glossary of the framework's terms, {letters}.",
            source=GLOSSARY_SOURCE,
        )
    return results
