"""The book's bibliography: the works in ``references.bib``, the Epoch AI datasets as the manifest records
them, and author–year labels that tell apart two works of one author and year (2025a, 2025b).

Loaded as a Sphinx extension, it registers the label style with pybtex; the build stages
:func:`book_bibtex` as the bibliography file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from string import ascii_lowercase
from typing import Any

import pandas as pd
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting

from scaling_book.inputs.load import load_table
from scaling_book.render.latex_text import EPOCH_ENTRY_SPECIALS, latex_escape

REFERENCES_FILE = "references.bib"
STYLE_NAME = "book_author_year"
# Citation key of each Epoch dataset of the manifest (the chapters cite these keys).
EPOCH_KEYS = {"notable": "epoch_notable", "all": "epoch_all_models", "benchmarks": "epoch_benchmarks"}


def epoch_entry(row: pd.Series) -> str:
    """One Epoch dataset as BibTeX: its year and note come from the snapshot that the manifest records."""
    # Double braces keep the dataset's own capitals ("AI"), which BibTeX styles would lower.
    fields = {"author": "{{Epoch AI}}", "title": "{{" + latex_escape(str(row["title"]), EPOCH_ENTRY_SPECIALS) + "}}"}
    dated = not pd.isna(row["snapshot_date"]) and str(row["snapshot_date"]) != ""
    snapshot = pd.Timestamp(row["snapshot_date"]).date().isoformat() if dated else None
    if snapshot:
        fields["year"] = "{" + snapshot[:4] + "}"
    fields["howpublished"] = r"{Dataset, \url{" + str(row["url"]) + "}}"
    if row["status"] != "read":
        what = "Not part of the snapshot this version was built from"
    elif snapshot:
        what = f"Snapshot {snapshot} (newest publication date in the file), SHA-256 {str(row['sha256'])[:12]}…"
    else:
        what = f"Undated snapshot (the file has no publication dates), SHA-256 {str(row['sha256'])[:12]}…"
    fields["note"] = "{" + latex_escape(f"{what}. Licensed {row['licence']}", EPOCH_ENTRY_SPECIALS) + "}"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{EPOCH_KEYS[row['dataset']]},\n{body},\n}}\n"


def book_bibtex(root: Path) -> str:
    """``references.bib`` followed by one entry per Epoch dataset of the committed manifest."""
    manifest = load_table("epoch_manifest")
    unknown = sorted(set(manifest["dataset"]) - set(EPOCH_KEYS))
    if unknown:
        raise ValueError(f"epoch_manifest.csv names datasets with no citation key in bibliography.py: {unknown}")
    generated = "".join(epoch_entry(row) for _, row in manifest.iterrows())
    return (root / REFERENCES_FILE).read_text(encoding="utf-8").rstrip("\n") + "\n\n" + generated


def _first_author(entry: Entry) -> str:
    persons = entry.persons.get("author", [])
    if not persons:
        raise ValueError(f"bibliography entry {entry.key!r} has no author")
    surname = Text.from_latex(" ".join(persons[0].prelast_names + persons[0].last_names)).render_as("text")
    if len(persons) == 1:
        return surname
    if len(persons) == 2:
        second = Text.from_latex(" ".join(persons[1].last_names)).render_as("text")
        return f"{surname} and {second}"
    return f"{surname} et al."


def author_year(entry: Entry) -> str:
    """'Vaswani et al. 2017', 'Loshchilov and Hutter 2019', 'Epoch AI n.d.'."""
    return f"{_first_author(entry)} {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabels(BaseLabelStyle):
    """Author–year labels; works sharing one get a, b, c … in the order of the sorted list."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = [author_year(entry) for entry in entries]
        shared = {label for label, count in Counter(labels).items() if count > 1}
        seen: Counter[str] = Counter()
        for label in labels:
            if label in shared:
                seen[label] += 1
                yield label + ascii_lowercase[seen[label] - 1]
            else:
                yield label


class PlainNameSorting(AuthorYearTitleSorting):
    """Author, year and title order on names as printed: "{Epoch AI}" sorts under E, "{\\L}ukasz" under L."""

    def person_key(self, person: Any) -> str:
        return Text.from_latex(super().person_key(person)).render_as("text").lower()


class AuthorYearStyle(PlainStyle):
    """BibTeX's plain style, sorted by author, year and title, with author–year labels."""

    default_label_style = AuthorYearLabels
    default_sorting_style = PlainNameSorting


def setup(app: Any) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
