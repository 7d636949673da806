"""End to end: build a copy of the book (with a hostile data string) to HTML and PDF, then inspect both.

The HTML is opened in Debian's headless Chromium with every non-file request blocked;
the PDF is read with pdftotext and pdffonts.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Route, sync_playwright

from scaling_book.bookbuild.pages import book_pages
from scaling_book.dev import bench

from .conftest import LATEX_PAYLOAD, SCRIPT_PAYLOAD, SHARED_EPOCH, edit_csv, needs_shared_epoch, run_build

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def html_pages(root: Path) -> list[Path]:
    return [root / "_build/html" / f"{page.docname}.html" for page in book_pages(root)]


def chapter_titles(root: Path) -> list[str]:
    titles = []
    for page in book_pages(root):
        heading = next(line for line in page.source.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        titles.append(heading[2:].strip())
    return titles


def pdf_path(root: Path) -> Path:
    (pdf,) = (root / "_build/pdf").glob("*.pdf")
    return pdf


def pdf_text(root: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path(root)), "-"], capture_output=True, text=True, check=True
    ).stdout


@contextmanager
def offline_browser() -> Iterator[tuple[BrowserContext, list[str]]]:
    """A headless Chromium context that lets pages load local files only; the URLs it blocked are listed."""
    outside: list[str] = []

    def block(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route("**/*", block)
        try:
            yield context, outside
        finally:
            browser.close()


def test_every_chart_draws_offline_without_errors(book):
    charts_seen = 0
    with offline_browser() as (context, outside):
        for path in html_pages(book):
            page = context.new_page()
            errors: list[str] = []
            dialogs: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(path.as_uri())
            expected = page.locator("div.sb-chart").count()
            if expected:
                page.wait_for_function(
                    "() => [...document.querySelectorAll('div.sb-chart')].every(chart => chart.dataset.state)",
                    timeout=30_000,
                )
            states = page.eval_on_selector_all(
                "div.sb-chart",
                "charts => charts.map(chart => [chart.id, chart.dataset.state, "
                "chart.querySelectorAll('svg g.role-mark > *').length])",
            )
            for chart_id, state, marks in states:
                assert state == "drawn", f"{path.name}: {chart_id} is {state}"
                assert marks > 0, f"{path.name}: {chart_id} drew no marks"
            charts_seen += len(states)
            assert errors == [], f"{path.name}: console errors {errors}"
            assert dialogs == [], f"{path.name}: a script ran and opened a dialog"
            page.close()
    assert outside == [], f"requests left the machine: {outside[:5]}"
    assert charts_seen > 0


def test_formulas_render_offline_as_embedded_svg(book):
    methods = book / "_build/html/chapters/method/methods.html"
    with offline_browser() as (context, outside):
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(methods.as_uri())
        formulas = page.eval_on_selector_all(
            "img.math, div.math img",
            "images => images.map(image => [image.complete, image.naturalWidth, "
            "image.getAttribute('src').slice(0, 26), image.alt])",
        )
        scripts = page.eval_on_selector_all("script[src]", "scripts => scripts.map(script => script.src)")
    assert len(formulas) >= 5, formulas
    for complete, width, src, alt in formulas:
        assert complete and width > 0 and src == "data:image/svg+xml;base64,", (src, alt)
    assert any("\\frac{nH - 1}{n - 1}" in alt for *_, alt in formulas)
    assert not [script for script in scripts if "mathjax" in script.lower()]
    assert errors == [] and outside == []


def test_script_payload_stays_text_in_tables_labels_and_tooltips(book):
    overview = book / "_build/html/chapters/overview.html"
    with offline_browser() as (context, _):
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(overview.as_uri())
        page.wait_for_function("() => [...document.querySelectorAll('div.sb-chart')].every(c => c.dataset.state)")
        table_text = page.locator("table#tbl-levels").inner_text()
        assert SCRIPT_PAYLOAD in table_text
        chart = page.locator("#sb-chart-fig-levels")
        assert "</script>" in chart.locator("svg.marks").text_content()  # the axis label (Vega may shorten it)
        bar = chart.locator("svg g.role-mark path[aria-label*='alert(1)']").first
        bar.hover()
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible")
        assert SCRIPT_PAYLOAD in tooltip.inner_text()
        assert tooltip.locator("script").count() == 0
        executable_with_payload = page.evaluate(
            "[...document.querySelectorAll('script')].filter(s => s.type !== 'application/json'"
            " && s.textContent.includes('alert(1)')).length"
        )
        assert executable_with_payload == 0
    assert dialogs == []


def test_pdf_has_every_chapter_chinese_terms_and_latex_specials(book):
    text = " ".join(pdf_text(book).split())
    lowered = text.lower()
    for title in chapter_titles(book):
        assert " ".join(title.split()).lower() in lowered, f"chapter {title!r} is not in the PDF"
    with (book / "data/framework/levels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["name_zh"] in text
    squeezed = "".join(text.split())  # table cells wrap, so compare without whitespace
    assert "".join(LATEX_PAYLOAD.split()) in squeezed and SCRIPT_PAYLOAD in squeezed
    assert "alt.Chart" not in text and "[chart fig-" not in text


def test_pdf_embeds_a_cjk_font(book):
    fonts = subprocess.run(["pdffonts", str(pdf_path(book))], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk), fonts  # the "emb" column


def test_pdf_sets_english_apostrophes_at_latin_width(book, tmp_path):
    # As CJK punctuation a curly apostrophe would be set one em wide ("seeds’ own" with a gap).
    subprocess.run(["pdftotext", "-bbox", str(pdf_path(book)), str(tmp_path / "words.html")], check=True)
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        (tmp_path / "words.html").read_text(encoding="utf-8"),
    )

    def width(text: str) -> float:
        return statistics.median(float(x_max) - float(x_min) for x_min, _, x_max, _, word in words if word == text)

    height = statistics.median(float(y_max) - float(y_min) for _, y_min, _, y_max, word in words if word == "seeds")
    assert width("seeds’") - width("seeds") < 0.4 * height


def test_one_pdf_figure_per_html_chart(book):
    charts = sum(path.read_text(encoding="utf-8").count('class="sb-chart"') for path in html_pages(book))
    figures = set(re.findall(r"^Figure (\d+\.\d+): ", pdf_text(book), re.MULTILINE))
    assert charts > 0 and len(figures) == charts


def test_the_only_pdf_offered_is_the_books(book):
    chapter = book / "_build/html/chapters/overview.html"
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(chapter.as_uri())
        assert page.locator("div.sb-pdf-download a[download]").is_visible()
        assert page.locator("div.sb-pdf-download a[download]").get_attribute("href").endswith(pdf_path(book).name)
        assert page.locator("div.sb-pdf-download a:not([download])").get_attribute("href").endswith("genindex.html")
        assert page.locator(".btn-download-pdf-button").count() == 1  # the theme's print button exists ...
        page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
        assert page.locator(".dropdown-download-buttons .btn-download-source-button").is_visible()
        assert not page.locator(".btn-download-pdf-button").is_visible()  # ... but is not offered as "the PDF"


def test_html_links_the_pdf_and_publishes_numbers(book):
    index = (book / "_build/html/index.html").read_text(encoding="utf-8")
    pdf_name = pdf_path(book).name
    assert f'href="{pdf_name}"' in index and (book / "_build/html" / pdf_name).is_file()
    numbers = json.loads((book / "_build/html/numbers.json").read_text(encoding="utf-8"))
    entry = numbers["overview.players.2025"]
    assert entry["value"] == 15 and entry["unit"] == "count" and entry["chapter"] == "chapters/overview"
    assert "data/framework/claims.csv" in entry["sources"]


def assert_failed_and_kept(root: Path, result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode != 0
    tail = result.stderr[-3000:]
    assert "BUILD FAILED" in tail, tail
    for text in expected:
        assert text in tail, f"{text!r} not at the end of the output:\n{tail}"


def published(root: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in [root / "_build/html/chapters/overview.html", root / "_build/html/numbers.json", pdf_path(root)]
    }


def build_with_overview_ending(root: Path, text: str) -> subprocess.CompletedProcess[str]:
    """Append ``text`` to the overview chapter of ``root`` and build."""
    chapter = root / "chapters/overview.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + text, encoding="utf-8")
    return run_build(root)


def test_notebook_error_fails_and_keeps_the_last_good_book(scratch):
    before = published(scratch)
    result = build_with_overview_ending(
        scratch, '\n```{code-cell} python\nraise RuntimeError("boom from the test")\n```\n'
    )
    assert_failed_and_kept(scratch, result, "chapters/overview", "RuntimeError", "boom from the test")
    assert published(scratch) == before


def test_sphinx_warning_fails_the_build(scratch):
    before = published(scratch)
    result = build_with_overview_ending(scratch, "\nSee {numref}`fig-that-does-not-exist`.\n")
    assert_failed_and_kept(scratch, result, "fig-that-does-not-exist", "WARNING")
    assert published(scratch) == before


def test_invalid_data_fails_before_any_chapter_runs(scratch):
    before = published(scratch)
    edit_csv(scratch / "data/framework/levels.csv", "level_id", "L2", "claimed_degree", "1.5")
    result = run_build(scratch)
    assert_failed_and_kept(
        scratch, result, "data/framework/levels.csv, row 3 (line 4), column 'claimed_degree'", "[rule: range]"
    )
    assert "executed chapters" not in result.stdout
    assert published(scratch) == before


def test_missing_glyph_fails_the_pdf_and_keeps_the_last_good_book(scratch):
    before = published(scratch)
    edit_csv(scratch / "data/framework/levels.csv", "level_id", "L1", "name_en", "Not converged \U00013000")
    result = run_build(scratch)
    assert_failed_and_kept(scratch, result)
    assert "glyph" in result.stderr[-3000:] or "Missing character" in result.stderr[-3000:]
    assert published(scratch) == before


def test_changed_data_re_executes_its_readers_and_no_number_is_stale(scratch):
    readers = bench.readers(scratch, "data/framework/claims.csv")
    assert "chapters/overview" in readers and "chapters/evidence/compute" not in readers
    edit_csv(scratch / "data/framework/claims.csv", "claim_id", "market.players_2025", "value", "20")
    report = scratch / "report.json"
    result = run_build(scratch, "--html-only", "--report", str(report))
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(report.read_text())["executed"] == readers, result.stdout
    numbers = json.loads((scratch / "_build/html/numbers.json").read_text(encoding="utf-8"))
    assert numbers["overview.players.2025"]["value"] == 20
    assert numbers["audit.players.implied"]["value"] == pytest.approx(10.0)
    assert numbers["overview.players.implied_multiple"]["value"] == pytest.approx(10.0)
    page = (scratch / "_build/html/chapters/overview.html").read_text(encoding="utf-8")
    assert "10.0×" in page and "13.3×" not in page


EVIDENCE_YEARS = range(2015, 2025)


def test_numbers_json_holds_the_evidence_keys(book):
    numbers = json.loads((book / "_build/html/numbers.json").read_text(encoding="utf-8"))
    keys = [
        f"evidence.compute.{measure}.{group}"
        for measure in ("growth_per_year", "doubling_months")
        for group in ("notable", "frontier")
    ]
    keys += [
        f"evidence.{measure}.{year}"
        for year in EVIDENCE_YEARS
        for measure in (
            "models.count",
            "orgs.distinct",
            "open_weights.share",
            "hardware.nvidia.share",
            "hardware.tpu.share",
        )
    ]
    missing = [key for key in keys if key not in numbers]
    assert missing == []
    for key in keys:
        entry = numbers[key]
        assert {"value", "unit", "chapter"} <= set(entry) and entry["chapter"].startswith("chapters/evidence/")
        if key.split(".")[-2] == "share":
            assert entry["unit"] == "fraction" and 0 <= entry["value"] <= 1, key
    assert 1 < numbers["evidence.compute.growth_per_year.notable"]["value"] < 100


@needs_shared_epoch
def test_another_epoch_snapshot_changes_the_numbers_that_depend_on_it_and_nothing_else(scratch, tmp_path):
    """Issue 13: a different snapshot changes every evidence and atlas number it feeds, and no other."""
    raw = tmp_path / "raw"
    shutil.copytree(SHARED_EPOCH, raw)
    with (raw / "notable_ai_models.csv").open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    published = header.index("Publication date")
    kept = [row for index, row in enumerate(rows) if not (row[published][:4] in ("2019", "2023") and index % 2)]
    with (raw / "notable_ai_models.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *kept])  # half the models of two years
    before = json.loads((scratch / "_build/html/numbers.json").read_text(encoding="utf-8"))
    env = {**os.environ, "SCALING_BOOK_ROOT": str(scratch)}
    newer = SHARED_EPOCH.parent / "epoch-2026-04"
    pipeline = subprocess.run(
        [sys.executable, "-m", "scaling_book.pipelines.epoch", str(raw), "--newer", str(newer)],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
    )
    assert pipeline.returncode == 0, pipeline.stderr
    report = scratch / "report.json"
    result = run_build(scratch, "--html-only", "--report", str(report))
    assert result.returncode == 0, result.stderr[-3000:]
    after = json.loads((scratch / "_build/html/numbers.json").read_text(encoding="utf-8"))
    assert set(after) == set(before)
    changed = {key for key in before if before[key]["value"] != after[key]["value"]}
    # Only numbers computed after reading a processed Epoch table can change, and only their chapters re-ran.
    assert all(any(source.startswith("data/processed/") for source in after[key]["sources"]) for key in changed)
    executed = set(json.loads(report.read_text())["executed"])
    evidence = {page.docname for page in book_pages(scratch) if page.docname.startswith("chapters/evidence/")}
    assert evidence <= executed  # the chapters that read the Epoch tables re-ran (the atlas's readers too)
    assert {
        "evidence.compute.growth_per_year.notable",
        "evidence.models.count.2019",
        "evidence.orgs.distinct.2023",
    } <= changed
    assert any(key.startswith("atlas.") and ".2019." in key for key in changed)


def test_a_new_snapshot_checksum_shows_on_every_page_that_cites_it(scratch):
    """Issue 16, item 4: the citing pages (how_to_cite) are rebuilt with the bibliography, not only references."""
    manifest = scratch / "data/processed/epoch_manifest.csv"
    with manifest.open(encoding="utf-8", newline="") as handle:
        old = next(row["sha256"] for row in csv.DictReader(handle) if row["dataset"] == "notable")
    new = old[::-1]  # another SHA-256, as a new snapshot of the file would have
    edit_csv(manifest, "dataset", "notable", "sha256", new)
    result = run_build(scratch, "--html-only")
    assert result.returncode == 0, result.stderr[-3000:]
    html = scratch / "_build" / "html"
    for page in ("chapters/back/how_to_cite.html", "chapters/back/references.html"):
        assert new[:12] in (html / page).read_text(encoding="utf-8"), page
    assert not [page.name for page in html_pages(scratch) if old[:12] in page.read_text(encoding="utf-8")]


def chart_specs(path: Path) -> list[tuple[str, dict]]:
    """(label, spec) of every chart on a built page, read from its embedded JSON."""
    html = path.read_text(encoding="utf-8")
    found = re.findall(
        r'<div class="sb-chart" id="sb-chart-[^"]+" data-label="([^"]+)">.*?'
        r'<script type="application/json" class="sb-chart-spec">(.*?)</script>',
        html,
        re.S,
    )
    return [(label, json.loads(payload)) for label, payload in found]


# In the browser: the values (in the CSV's columns) of every mark the chart drew from a data row.
# Marks drawn from derived data (an aggregated rule, a facet group) lack some column and are left out.
DRAWN_ROWS_JS = """(chart, columns) => {
  const rows = [];
  const walk = (item) => {
    if (item.datum && columns.every((column) => column in item.datum)) {
      rows.push(columns.map((column) => item.datum[column]));
    }
    (item.items || []).forEach(walk);
  };
  walk(chart.sbView.scenegraph().root);
  return rows;
}"""
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")


def comparable(value: object) -> object:
    """One cell as CSV and as Vega hold it: dates as UTC milliseconds (Vega parses them), numbers to 9 digits."""
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and ISO_DATE.match(value):
        return float(pd.Timestamp(value, tz="UTC").value // 1_000_000)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(f"{value:.9g}")
    return value


def test_every_chart_csv_holds_exactly_the_rows_it_draws(book):
    import pandas as pd

    checked = 0
    with offline_browser() as (context, _):
        for path in html_pages(book):
            charts = chart_specs(path)
            if not charts:
                continue
            page = context.new_page()
            page.goto(path.as_uri())
            page.wait_for_function("() => [...document.querySelectorAll('div.sb-chart')].every(c => c.dataset.state)")
            for label, spec in charts:
                (rows,) = spec["datasets"].values()
                csv_file = book / "_build/html/data" / f"{label}.csv"
                assert csv_file.is_file(), f"{label}: no CSV download"
                published = csv_file.read_text(encoding="utf-8")
                columns = published.splitlines()[0].split(",")  # the spec's JSON sorts keys; the CSV keeps the order
                inline = pd.DataFrame(rows)
                assert sorted(inline.columns) == sorted(columns), f"{label}: CSV columns differ from the chart's data"
                assert published == inline[columns].to_csv(index=False, lineterminator="\n"), (
                    f"{label}: CSV rows differ from the chart's data"
                )
                drawn = page.locator(f'div.sb-chart[data-label="{label}"]').evaluate(DRAWN_ROWS_JS, columns)
                drawn_rows = {tuple(comparable(value) for value in row) for row in drawn}
                csv_rows = {tuple(comparable(row.get(column)) for column in columns) for row in rows}
                assert drawn_rows == csv_rows, (
                    f"{label}: rows in the CSV but not drawn {list(csv_rows - drawn_rows)[:3]}, "
                    f"drawn but not in the CSV {list(drawn_rows - csv_rows)[:3]}"
                )
                checked += 1
            page.close()
    assert checked == sum(path.read_text(encoding="utf-8").count('class="sb-chart"') for path in html_pages(book))


def test_every_table_links_its_csv(book):
    for path in html_pages(book):
        html = path.read_text(encoding="utf-8")
        for label in re.findall(r'<table class="[^"]*" id="(tbl-[a-z0-9-]+)"', html):
            assert (book / "_build/html/data" / f"{label}.csv").is_file(), f"{path.name}: {label} has no CSV"
            assert f'data/{label}.csv"' in html
        # the PDF names a CSV "in the HTML edition"; the HTML itself offers the link
        assert ".csv in the HTML edition" not in html, f"{path.name} points to the HTML edition inside it"


def test_how_to_cite_bibtex_parses_and_matches_the_metadata(book):
    import html as html_module

    import pybtex.database
    import yaml

    page = (book / "_build/html/chapters/back/how_to_cite.html").read_text(encoding="utf-8")
    blocks = [
        html_module.unescape(re.sub(r"<[^>]+>", "", block))
        for block in re.findall(
            r'<div class="highlight-bibtex notranslate"><div class="highlight"><pre>(.*?)</pre>', page, re.S
        )
    ]
    assert len(blocks) == 2
    entries = pybtex.database.parse_string("\n".join(blocks), "bibtex").entries
    cff = yaml.safe_load((book / "CITATION.cff").read_text(encoding="utf-8"))
    books = [entry for entry in entries.values() if "chapter" not in entry.fields]
    assert len(books) == 1 and books[0].fields["version"] == str(cff["version"])
    assert sum("chapter" in entry.fields for entry in entries.values()) > 20


def test_pdf_opens_on_a_title_page_and_ends_with_the_back_matter(book):
    import yaml

    cff = yaml.safe_load((book / "CITATION.cff").read_text(encoding="utf-8"))
    first = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf_path(book)), "-"], capture_output=True, text=True, check=True
    ).stdout
    for text in [
        cff["preferred-citation"]["title"],
        "Scaling Law 与收敛分析",
        f"Version {cff['version']}",
        cff["date-released"],
        cff["license"],
        cff["authors"][0]["name"],
    ]:
        assert text in first, f"{text!r} is not on the title page"
    second = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf_path(book)), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "How to cite this book" in second
    assert pdf_path(book).name.endswith(f"-{cff['version']}.pdf")
    text = pdf_text(book)
    # A list of figures, and no list of tables: over a hundred tables filled five pages (bookbuild.sphinx).
    assert "LIST OF FIGURES" in text.upper() and "LIST OF TABLES" not in text.upper()
    upper = text.upper()  # chapter heads are set in capitals or not, as the chapter style has it
    order = [
        upper.rindex(heading)
        for heading in [
            "DATA APPENDIX (数据说明)",
            "GLOSSARY (术语表)",
            "HOW TO CITE (引用本书)",
            "REFERENCES (参考文献)",
        ]
    ]
    assert order == sorted(order)
    assert "Attention is all you need" in text or "Attention Is All You Need" in text


def test_a_release_with_a_reused_version_is_refused(scratch):
    before = published(scratch)
    book_yml = scratch / "book.yml"
    book_yml.write_text(
        book_yml.read_text(encoding="utf-8").replace("release_date: 2026-11-22", "release_date: 2026-12-01"),
        encoding="utf-8",
    )
    result = run_build(scratch)
    assert_failed_and_kept(scratch, result, "already released on 2026-11-22")
    assert published(scratch) == before


def test_two_compilations_of_the_same_book_give_the_same_pdf_bytes(book, tmp_path, monkeypatch):
    """The PDF is dated from book.yml's release_date (SOURCE_DATE_EPOCH), not the clock."""
    import time

    from scaling_book.bookbuild.sphinx import latex_to_pdf
    from scaling_book.inputs.settings import book_metadata

    monkeypatch.setenv("SCALING_BOOK_ROOT", str(book))
    again = tmp_path / "latex"
    shutil.copytree(book / "_build/.work/latex", again)
    (again / "book.pdf").unlink()
    time.sleep(1.5)  # a clock-dated PDF would now differ
    [published] = (book / "_build/pdf").glob("*.pdf")
    assert latex_to_pdf(again, book_metadata()).read_bytes() == published.read_bytes()
