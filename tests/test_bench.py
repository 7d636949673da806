"""The benchmark's measures (not its timings): page weight, stale values, the one-file change."""

from __future__ import annotations

from pathlib import Path

from scaling_book.dev import bench

from .conftest import ROOT


def page(folder: Path, name: str, article: str, head: str = "") -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<html><head>{head}</head><body><p>Version 0.1.0</p><article class="bd-article">{article}'
        "</article></body></html>",
        encoding="utf-8",
    )


def test_page_weight_counts_the_html_and_the_local_files_it_loads(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static/app.js").write_text("x" * 1000)
    (tmp_path / "_static/style.css").write_text("y" * 500)
    head = (
        '<script src="_static/app.js?v=1"></script><link rel="stylesheet" href="_static/style.css">'
        '<script src="https://example.org/remote.js"></script>'
    )
    page(tmp_path, "index.html", "<p>text</p>", head)
    html_bytes = (tmp_path / "index.html").stat().st_size
    assert bench.page_weights(tmp_path) == {"index.html": {"html": html_bytes, "loaded": html_bytes + 1500}}
    grown = {"index.html": {"html": 2 * html_bytes, "loaded": 2 * html_bytes + 1500}}
    ratios = bench.weight_ratios(bench.page_weights(tmp_path), grown)
    assert ratios["html"]["max_page_ratio"] == 2.0
    assert ratios["loaded"]["max_page_ratio"] == round((2 * html_bytes + 1500) / (html_bytes + 1500), 3)


def test_stale_values_are_the_numbers_a_page_shows_that_differ_from_a_correct_build(tmp_path):
    glued = '<span class="output text_plain">{}</span>'
    chart = '<script type="application/json" class="sb-chart-spec">{{"values":[{{"share":{}}}]}}</script>'
    page(
        tmp_path / "correct", "a.html", f"<p>Share {glued.format('59%')} of l4.</p><td>1,234</td>" + chart.format(0.59)
    )
    page(tmp_path / "stale", "a.html", f"<p>Share {glued.format('61%')} of l4.</p><td>1,234</td>" + chart.format(0.61))
    page(tmp_path / "correct", "b.html", glued.format("7"))
    page(tmp_path / "stale", "b.html", glued.format("7"))
    assert bench.page_numbers(tmp_path / "correct")["a.html"] == ["59%", "1,234", "0.59"]
    stale = bench.stale_values(tmp_path / "correct", tmp_path / "stale")
    assert stale == {
        "stale_glued_values": 1,
        "glued_values": 2,
        "stale_numbers": 2,
        "pages_with_stale_numbers": {"a.html": 2},
    }
    assert bench.stale_values(tmp_path / "correct", tmp_path / "correct")["stale_numbers"] == 0


def changed_lines(tmp_path: Path, file: str, change) -> list[tuple[str, str]]:
    """(before, after) of each line that ``change`` rewrites in a copy of the project's ``file``."""
    root = tmp_path / "book"
    original = (ROOT / file).read_text(encoding="utf-8")
    (root / file).parent.mkdir(parents=True)
    (root / file).write_text(original, encoding="utf-8")
    change(root, 2)
    return [
        (before, after)
        for before, after in zip(original.splitlines(), (root / file).read_text().splitlines())
        if before != after
    ]


def test_the_one_file_change_touches_one_count_of_the_file_one_chapter_reads(tmp_path):
    [(before, after)] = changed_lines(tmp_path, bench.ONE_FILE, bench.perturb)
    assert before.startswith("notable,2020,all,") and int(after.split(",")[3]) == int(before.split(",")[3]) + 2


def test_the_many_reader_change_renames_one_level(tmp_path):
    [(before, after)] = changed_lines(tmp_path, bench.MANY_FILE, bench.perturb_many)
    assert before.startswith("L2,")
    assert after == before.replace(",Convergence in progress,", ",Convergence in progress (edit 2),", 1)


def test_a_chapter_script_is_its_code_cells_in_order(tmp_path):
    source = tmp_path / "chapter.md"
    source.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\nkernelspec:\n  name: python3\n"
        "  display_name: Python 3\n---\n# Title\n\nProse.\n\n```{code-cell} ipython3\nx = 1\n```\n\n"
        "More prose.\n\n```{code-cell} ipython3\nprint(x + 1)\n```\n",
        encoding="utf-8",
    )
    script = bench.chapter_script(source)
    assert script == "x = 1\n\nprint(x + 1)\n"
