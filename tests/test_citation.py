"""One source of metadata: CITATION.cff, BibTeX, plain citations, the changelog rule and the bibliography."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from datetime import date

import pybtex.database
import pytest
import yaml

from scaling_book.bookbuild.pages import book_pages
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import book_metadata
from scaling_book.render import bibliography, citation
from scaling_book.schemas.registry import TABLES
from scaling_book.views import data_dictionary

from .conftest import ROOT

METADATA = book_metadata()


def test_citation_cff_is_generated_from_book_yml():
    assert citation.main(["--check"]) == 0, "run python -m scaling_book.render.citation"
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == str(METADATA.version)
    assert cff["date-released"] == METADATA.release_date.isoformat()
    assert cff["title"] == f"{METADATA.title} ({METADATA.subtitle_zh})"
    assert [author["name"] for author in cff["authors"]] == [author.name for author in METADATA.authors]
    assert cff["license"] == METADATA.licence


def test_citation_cff_validates_against_the_cff_1_2_schema(tmp_path):
    validator = ROOT / ".venv-cff/bin/cffconvert"
    result = subprocess.run(
        [str(validator), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid according to schema version 1.2.0" in result.stdout
    broken = tmp_path / "CITATION.cff"
    broken.write_text(
        (ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0\n", ""), encoding="utf-8"
    )
    assert subprocess.run([str(validator), "--validate", "-i", str(broken)], capture_output=True).returncode != 0


def test_bibtex_entries_parse_with_the_book_metadata():
    chapters = citation.numbered_chapters()
    text = (
        citation.bibtex_book(METADATA)
        + "\n"
        + "\n".join(citation.bibtex_chapter(METADATA, *chapter) for chapter in chapters)
    )
    entries = pybtex.database.parse_string(text, "bibtex").entries
    book = entries[citation.book_key(METADATA)]
    assert book.fields["title"] == METADATA.title and book.fields["version"] == str(METADATA.version)
    assert book.fields["year"] == str(METADATA.release_date.year)
    assert str(book.persons["author"][0]) == "{Scaling Book contributors}"  # one group name, not First Last
    assert len(entries) == len(chapters) + 1
    first = entries[f"{citation.book_key(METADATA)}_ch1"]
    assert first.fields["chapter"] == "1" and first.fields["booktitle"] == METADATA.title
    assert all(len(line) <= citation.BIBTEX_WIDTH for line in text.splitlines())


def test_bibtex_formats_the_entries_without_warnings(tmp_path):
    """Run BibTeX itself (plain style): no missing-field warnings, and no 'edition' made of a version."""
    chapters = citation.numbered_chapters()
    (tmp_path / "cite.bib").write_text(
        citation.bibtex_book(METADATA) + "\n" + citation.bibtex_chapter(METADATA, *chapters[0]), encoding="utf-8"
    )
    (tmp_path / "cite.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{cite}\n", encoding="utf-8")
    result = subprocess.run(["bibtex", "cite"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "Warning" not in result.stdout, result.stdout
    formatted = " ".join((tmp_path / "cite.bbl").read_text(encoding="utf-8").split())
    assert f"Version {METADATA.version}, released {METADATA.release_date.isoformat()}" in formatted
    assert "edition" not in formatted


def test_plain_citation():
    text = citation.plain_citation(METADATA, chapter="3. L3: quasi-convergence")
    assert text.startswith(f"Scaling Book contributors ({METADATA.release_date.year}). \u201c3. L3")
    assert f"version {METADATA.version}" in text and METADATA.subtitle_zh in text


@pytest.mark.parametrize(
    ("changelog", "problem"),
    [
        ("## 0.1.0 — 2026-11-22\n", None),
        ("## 0.2.0 — 2027-01-01\n## 0.1.0 — 2026-11-22\n", None),
        ("## 0.0.9 — 2026-01-01\n", "has no entry for version 0.1.0"),
        ("## 0.1.0 — 2026-10-01\n", "already released on 2026-10-01"),
        ("", "has no entry"),
    ],
)
def test_release_needs_a_matching_changelog_entry(changelog, problem):
    metadata = dataclasses.replace(METADATA, version="0.1.0", release_date=date(2026, 11, 22))
    found = citation.release_problem(metadata, changelog)
    assert (found is None) if problem is None else (problem in found)


def test_committed_changelog_allows_the_current_release():
    assert citation.release_problem(METADATA, (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")) is None


def cited_keys() -> set[str]:
    keys: set[str] = set()
    for page in book_pages(ROOT):
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", page.source.read_text(encoding="utf-8")):
            keys |= {key.strip() for key in group.split(",")}
    return keys


def test_bibliography_holds_exactly_the_works_the_book_cites():
    entries = pybtex.database.parse_string(bibliography.book_bibtex(ROOT), "bibtex").entries
    assert set(entries) == cited_keys()
    for key, entry in entries.items():
        assert entry.fields.get("title") and entry.persons.get("author"), key
        assert entry.fields.get("year") or key == bibliography.EPOCH_KEYS["benchmarks"], key


def test_epoch_entries_carry_the_snapshot_the_manifest_records():
    manifest = load_table("epoch_manifest").set_index("dataset")
    entries = pybtex.database.parse_string(bibliography.book_bibtex(ROOT), "bibtex").entries
    notable = entries[bibliography.EPOCH_KEYS["notable"]]
    snapshot = manifest.loc["notable", "snapshot_date"].date().isoformat()
    assert notable.fields["year"] == snapshot[:4]
    assert snapshot in notable.fields["note"] and manifest.loc["notable", "sha256"][:12] in notable.fields["note"]
    newer = manifest.loc["notable"].copy()
    newer["snapshot_date"], newer["dataset"] = "2027-02-01", "notable"
    assert "year = {2027}" in bibliography.epoch_entry(newer) and "Snapshot 2027-02-01" in bibliography.epoch_entry(
        newer
    )
    undated = newer.copy()
    undated["snapshot_date"] = None
    assert "year" not in bibliography.epoch_entry(undated) and "Undated snapshot" in bibliography.epoch_entry(undated)


def test_labels_are_author_year_and_tell_one_authors_works_of_a_year_apart():
    text = bibliography.book_bibtex(ROOT)
    entries = pybtex.database.parse_string(text, "bibtex").entries
    style = bibliography.AuthorYearStyle()
    formatted = {entry.key: entry.label for entry in style.format_entries(style.sort(entries.values()))}
    assert formatted["vaswani2017attention"] == "Vaswani et al. 2017"
    assert formatted["loshchilov2019adamw"] == "Loshchilov and Hutter 2019"
    assert {formatted["hendrycks2021math"], formatted["hendrycks2021mmlu"]} == {
        "Hendrycks et al. 2021a",
        "Hendrycks et al. 2021b",
    }
    assert len(set(formatted.values())) == len(formatted)


def test_data_appendix_describes_every_table_and_column():
    described = [table for folder in data_dictionary.FOLDERS for table in data_dictionary.tables_in(folder)]
    assert sorted(table.name for table in described) == sorted(TABLES)
    for table in described:
        frame = data_dictionary.column_table(table)
        assert [name.removesuffix(" (key)") for name in frame["Column"]] == list(table.column_names)
    level = data_dictionary.column_table(TABLES["levels"]).set_index("Column")
    assert level.loc["claimed_degree", "Accepted values"] == "from 0 to 1"
    assert level.loc["claimed_degree", "Unit"] == "fraction"
    assert level.loc["level_id (key)", "Accepted values"] == "L4, L3, L2, L1, L0"
    assert (
        data_dictionary.column_table(TABLES["areas"]).set_index("Column").loc["level_id", "Refers to"]
        == "levels.level_id"
    )


def test_data_appendix_chapter_has_a_table_per_registry_table_and_counts_them():
    results = data_dictionary.data_appendix_chapter()
    summaries = [data_dictionary.summary_label(folder) for folder in data_dictionary.FOLDERS]
    assert results.value("appendix.tables") == len(TABLES) == len(results.tables) - len(summaries)
    # the PDF prints one summary line per table (the HTML edition every column)
    assert sum(len(results.tables[label].frame) for label in summaries) == len(TABLES)
    assert results.value("appendix.columns") == sum(len(table.columns) for table in TABLES.values())
    assert data_dictionary.labels_in("editorial")[0] == "tbl-data-hardware-families"
    assert set(data_dictionary.labels_in("editorial")) <= set(results.tables)
    source = data_dictionary.table_source_line(TABLES["glossary_sources"])
    assert source.startswith("Chosen by the book's authors") and "Licence: CC BY 4.0" in source


def test_how_to_cite_and_changelog_pages_take_their_blocks_from_the_metadata():
    results = citation.how_to_cite_chapter()
    assert results.shown("cite.version") == str(METADATA["version"])
    assert results.shown("cite.key") == citation.book_key(METADATA)
    assert set(results.blocks) == {"cite-book-text", "cite-book-bibtex", "cite-chapter-text", "cite-chapters-bibtex"}
    assert results.blocks["cite-book-bibtex"] == "```bibtex\n" + citation.bibtex_book(METADATA) + "\n```"
    chapters = results.blocks["cite-chapters-bibtex"]
    every, _, printed = chapters.partition("::::::{only} latex")
    assert every.count("@misc{") == len(citation.numbered_chapters()) and "\n\n@misc{" in every
    assert every.startswith("::::::{only} html") and printed.count("@misc{") == 1  # print: the first chapter's
    assert "In\\: " in results.blocks["cite-chapter-text"] and "\\." in results.blocks["cite-book-text"]  # escaped
    assert citation.changelog_chapter().blocks["changelog"] == citation.changelog_markdown()


def test_pages_carry_the_figure_citation_with_its_slot_and_the_book_address():
    from scaling_book.render.sphinx_html import FIGURE_SLOT, citation_meta

    template = citation.plain_citation(METADATA, FIGURE_SLOT)
    assert template.count(FIGURE_SLOT) == 1 and METADATA.title in template
    tags = citation_meta('A "quoted" <title>', "", "chapters/levels/l4.html")
    assert tags == (
        '<meta name="sb:figure-citation" content="A &quot;quoted&quot; &lt;title&gt;" />\n'
        '<meta name="sb:page" content="chapters/levels/l4.html" />\n'
    )
    assert 'name="sb:book-url" content="https://example.org/book"' in citation_meta(
        "c", "https://example.org/book", "p"
    )
