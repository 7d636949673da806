"""Incremental rebuilds: exactly the readers of a changed input re-execute, a revert brings the earlier
outputs back without executing, a missing input names its chapter, and clean builds are reproducible.

The first tests run the executor on a one-chapter project (fast); the others rebuild copies of the
book that the end-to-end fixture built (HTML only, so they stay quick).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from scaling_book.bookbuild.execute import MAX_ENTRIES_PER_CHAPTER, cached_entries, execute_pages
from scaling_book.bookbuild.pages import BuildFailure, Page
from scaling_book.dev.bench import copy_project

from .conftest import ROOT, edit_csv, run_build, sphinx_html

DEMO = "chapters/demo"
DEMO_SOURCE = """---
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Demo

```{code-cell} python
from scaling_book.inputs.load import load_table
from scaling_book.render.glue import glue_number
levels = load_table("levels").set_index("level_id")
glue_number("demo.l2_degree", levels.loc["L2", "claimed_degree"], "fraction")
```
"""


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A project with the book's data and settings and one chapter that glues L2's claimed degree."""
    root = tmp_path / "demo"
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("raw"))
    for name in ("book.yml", "requirements.txt"):
        shutil.copyfile(ROOT / name, root / name)
    (root / "chapters").mkdir()
    (root / "chapters/demo.md").write_text(DEMO_SOURCE, encoding="utf-8")
    return root


def execute_demo(root: Path) -> tuple[list[str], list[str], float]:
    """Bring the demo chapter up to date; return (executed, restored, the glued degree)."""
    result = execute_pages(root, root / "_build/.work", [Page(DEMO, root / "chapters/demo.md")], jobs=1)
    return result.executed, result.restored, result.chapters[DEMO].numbers["demo.l2_degree"]["value"]


def set_l2_degree(root: Path, value: str) -> None:
    edit_csv(root / "data/framework/levels.csv", "level_id", "L2", "claimed_degree", value)


@pytest.mark.slow
def test_a_revert_reuses_the_earlier_execution_and_the_cache_stays_bounded(demo):
    assert execute_demo(demo) == ([DEMO], [], 0.6)
    set_l2_degree(demo, "0.7")
    assert execute_demo(demo) == ([DEMO], [], 0.7)
    set_l2_degree(demo, "0.6")
    assert execute_demo(demo) == ([], [DEMO], 0.6)  # the first execution, reused
    assert execute_demo(demo) == ([], [], 0.6)  # now the latest: a plain no-op

    for value in ("0.71", "0.72", "0.73"):
        set_l2_degree(demo, value)
        assert execute_demo(demo)[0] == [DEMO]
    assert len(cached_entries(demo / "_build/.work", DEMO)) == MAX_ENTRIES_PER_CHAPTER
    set_l2_degree(demo, "0.6")
    assert execute_demo(demo) == ([DEMO], [], 0.6)  # the oldest entry was dropped


@pytest.mark.slow
def test_a_failed_execution_keeps_the_earlier_entries(demo):
    execute_demo(demo)
    source = demo / "chapters/demo.md"
    source.write_text(
        DEMO_SOURCE.replace("glue_number(", "raise RuntimeError('broken')\nglue_number("), encoding="utf-8"
    )
    with pytest.raises(BuildFailure, match="chapters/demo"):
        execute_demo(demo)
    source.write_text(DEMO_SOURCE, encoding="utf-8")
    assert execute_demo(demo) == ([], [], 0.6)


HARDWARE_FILE = "data/processed/epoch_hardware_by_year.csv"
HARDWARE_CHAPTER = "chapters/evidence/hardware"
HARDWARE_READERS = ["index", HARDWARE_CHAPTER]  # the preface's key findings quote the hardware chapter


BIB_ENTRY = (
    "@misc{{data,\n  author = {{Epoch AI}},\n  title = {{Data}},\n  year = {{2025}},\n  note = {{{note}}},\n}}\n"
)


@pytest.mark.parametrize("rebuilt", [True, False])
def test_a_page_that_cites_the_bibliography_is_rebuilt_when_it_changes(tmp_path, rebuilt):
    """Issue 16, item 4 in small: a citation's hover text (an entry's note) follows the bibliography."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   cites\n   refs\n", encoding="utf-8")
    (source / "cites.rst").write_text("Cites\n=====\n\nSee :cite:p:`data`.\n", encoding="utf-8")
    (source / "refs.rst").write_text("References\n==========\n\n.. bibliography::\n", encoding="utf-8")
    config = {
        "extensions": ["sphinxcontrib.bibtex", *(["scaling_book.bookbuild.citing_pages"] if rebuilt else [])],
        "bibtex_bibfiles": ["refs.bib"],
    }
    (source / "refs.bib").write_text(BIB_ENTRY.format(note="SHA-256 aaaaaaaaaaaa"), encoding="utf-8")
    sphinx_html(source, config)
    (source / "refs.bib").write_text(BIB_ENTRY.format(note="SHA-256 bbbbbbbbbbbb"), encoding="utf-8")
    sphinx_html(source, config)
    assert "bbbbbbbbbbbb" in (tmp_path / "html" / "refs.html").read_text(encoding="utf-8")
    # Without the extension the citing page keeps the old note: what the build's own extension prevents.
    assert ("bbbbbbbbbbbb" in (tmp_path / "html" / "cites.html").read_text(encoding="utf-8")) is rebuilt


def edit_hardware_row(root: Path, year: str, nvidia: str) -> None:
    """Set the NVIDIA count of the notable models of ``year`` (all countries)."""
    path = root / HARDWARE_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [row for row in rows if (row["dataset"], row["year"], row["country"]) == ("notable", year, "all")]
    row["nvidia"] = nvidia
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_report(root: Path, *args: str) -> dict[str, object]:
    report = root / "report.json"
    result = run_build(root, "--html-only", "--report", str(report), *args)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(report.read_text(encoding="utf-8"))


def published_numbers(root: Path) -> dict[str, dict[str, object]]:
    return json.loads((root / "_build/html/numbers.json").read_text(encoding="utf-8"))


def published_csvs(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "_build/html/data").glob("*.csv"))}


@pytest.mark.e2e
def test_a_file_re_executes_exactly_the_chapters_that_read_it_and_a_revert_restores_their_outputs(scratch):
    numbers_before = (scratch / "_build/html/numbers.json").read_bytes()
    csvs_before = published_csvs(scratch)
    original = (scratch / HARDWARE_FILE).read_bytes()
    edit_hardware_row(scratch, "2020", "25")

    report = build_report(scratch)
    assert report["executed"] == HARDWARE_READERS
    before, after = json.loads(numbers_before), published_numbers(scratch)
    changed = {key for key in before if before[key]["value"] != after[key]["value"]}
    assert "evidence.hardware.nvidia.share.2020" in changed
    assert after["evidence.hardware.nvidia.share.2020"]["value"] == pytest.approx(25 / 31)
    changed_chapters = {after[key]["chapter"] for key in changed}
    assert HARDWARE_CHAPTER in changed_chapters and changed_chapters <= set(HARDWARE_READERS)
    assert published_csvs(scratch) != csvs_before

    (scratch / HARDWARE_FILE).write_bytes(original)
    report = build_report(scratch)
    assert report["executed"] == [] and report["restored"] == HARDWARE_READERS
    assert (scratch / "_build/html/numbers.json").read_bytes() == numbers_before
    assert published_csvs(scratch) == csvs_before


@pytest.mark.e2e
def test_a_deleted_input_stops_the_build_naming_the_chapter_and_the_file(scratch):
    (scratch / HARDWARE_FILE).unlink()
    result = run_build(scratch, "--html-only")
    assert result.returncode != 0
    assert f"chapter {HARDWARE_CHAPTER} reads {HARDWARE_FILE}, which is missing" in result.stderr


@pytest.mark.e2e
def test_a_new_file_that_no_chapter_reads_re_executes_nothing(scratch):
    raw = scratch / "data/raw/epoch"
    raw.mkdir(parents=True)
    shutil.copyfile(scratch / HARDWARE_FILE, raw / "notable_ai_models.csv")
    (scratch / "data/framework/NOTES.md").write_text("Notes on the framework tables.\n", encoding="utf-8")
    report = build_report(scratch)
    assert report["executed"] == [] and report["restored"] == [] and report["up_to_date"] is True


@pytest.mark.e2e
def test_two_clean_builds_publish_identical_numbers_and_csvs(book, tmp_path):
    again = copy_project(book, tmp_path / "elsewhere" / "book")
    build_report(again)
    assert (again / "_build/html/numbers.json").read_bytes() == (book / "_build/html/numbers.json").read_bytes()
    csvs = published_csvs(book)
    assert len(csvs) > 50 and published_csvs(again) == csvs
