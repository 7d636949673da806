"""Benchmark of the build: clean, no-op and one-file rebuilds against their floor, stock Jupyter Book, and 100× data.

Usage: python -m scaling_book.dev.bench [--out FILE] [--repeat N] [--factor F] [--skip-stock] [--skip-scale] [--keep]

Every build runs on a copy of the project in a temporary folder (``SCALING_BOOK_ROOT``
points the build there), never on the checkout's own ``_build``; only the result is
written there (``_build/bench/bench.json`` unless ``--out`` says otherwise).

What is measured (wall-clock seconds; the load average is recorded beside each sample,
because other work on the machine slows builds down):

- floor: each chapter's code cells run once as a plain Python script in a fresh
  interpreter, one after the other (no kernel, no Sphinx, no LaTeX);
- clean (HTML and PDF; and HTML only), no-op, a change to a file one chapter reads, a
  change to a file many chapters read, and the revert of each;
- stock Jupyter Book (``jupyter-book build``, HTML) with ``execute_notebooks: force`` and
  ``cache``: clean, no-op, and a rebuild after the same one-file change, and how many
  glued values its pages show that differ from a correct build (stale values);
- scale: every growable table grown ``--factor`` times (:mod:`scaling_book.dev.synthetic`),
  a clean HTML build, and the weight of each page (the HTML plus the local scripts,
  styles and images it loads) against the same page built from the original data.

Targets: clean ≤ 1.5 × floor; no-op ≤ 10% of clean; a change ≤ no-op + 1.2 × the floor of
the chapters it re-executes; with 100× data, page weight ≤ 1.1 × and clean build time ≤ 2 ×
the original.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jupytext
import yaml

from scaling_book.bookbuild.__main__ import pdf_file_name
from scaling_book.bookbuild.execute import load_cached
from scaling_book.bookbuild.pages import book_pages
from scaling_book.dev.synthetic import DEFAULT_FACTOR, grow_data
from scaling_book.inputs.paths import ROOT_ENV, project_root
from scaling_book.render.figures import javascript_bundle

CLEAN_FLOOR_RATIO = 1.5
NO_OP_SHARE = 0.10
ONE_FILE_FLOOR_RATIO = 1.2
PAGE_WEIGHT_RATIO = 1.1
# The one-file change: one count of a file that one chapter reads (the hardware evidence), in a row whose
# shares the chapter quotes, so that its glued numbers change.
ONE_FILE = "data/processed/epoch_hardware_by_year.csv"
ONE_FILE_ROW = {"dataset": "notable", "year": "2020", "country": "all"}
ONE_FILE_COLUMN = "hardware_known"
# The change to a file that many chapters read: the English name of one level.
MANY_FILE = "data/framework/levels.csv"
MANY_FILE_ROW = {"level_id": "L2"}
MANY_FILE_COLUMN = "name_en"
SCALE_TIME_RATIO = 2.0
IGNORED_IN_COPIES = ("_build", ".venv*", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "raw")
GLUED_VALUE = re.compile(r'<span class="output text_plain">(.*?)</span>', re.DOTALL)
ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?%?")


class BenchFailure(RuntimeError):
    """A build the benchmark needed failed; the message carries the end of its output."""


def copy_project(root: Path, target: Path) -> Path:
    """Copy the checkout's inputs (not its build outputs, environment, git history or raw data)."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(*IGNORED_IN_COPIES))
    return target


def _load() -> float:
    """The machine's load average over the last minute."""
    return round(os.getloadavg()[0], 2)


def timed(run: Callable[[], Any]) -> tuple[float, Any, dict[str, float]]:
    """(seconds, result, load averages before and after) of one call."""
    before = _load()
    started = time.perf_counter()
    result = run()
    return round(time.perf_counter() - started, 3), result, {"load_before": before, "load_after": _load()}


def build(root: Path, *args: str) -> tuple[float, dict[str, Any], dict[str, float]]:
    """Run ``python -m scaling_book.bookbuild`` on the copy at ``root``; return (seconds, its report, load)."""
    report = root.parent / f"{root.name}-report.json"
    env = {**os.environ, ROOT_ENV: str(root)}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scaling_book.bookbuild", "--report", str(report), *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )

    seconds, result, load = timed(run)
    if result.returncode != 0:
        raise BenchFailure(f"build {' '.join(args)} of {root} failed:\n{result.stderr[-3000:]}")
    return seconds, json.loads(report.read_text(encoding="utf-8")), load


def chapter_script(source: Path) -> str:
    """A chapter's code cells, in order, as one plain Python script."""
    notebook = jupytext.read(source)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code") + "\n"


def chapter_floors(root: Path) -> dict[str, float]:
    """Seconds to run each chapter's code as a plain Python script (a fresh interpreter, no kernel), one after another."""
    floors = {}
    env = {**os.environ, ROOT_ENV: str(root)}  # the scripts read the copy's data
    scripts = root.parent / "floor-scripts"
    scripts.mkdir(exist_ok=True)
    for page in (page for page in book_pages(root) if page.is_notebook):
        script = scripts / (page.docname.replace("/", "__") + ".py")
        script.write_text(chapter_script(page.source), encoding="utf-8")
        seconds, result, _ = timed(
            lambda: subprocess.run(
                [sys.executable, str(script)], cwd=page.source.parent, env=env, capture_output=True, text=True
            )
        )
        if result.returncode != 0:
            raise BenchFailure(f"{page.docname} failed as a script:\n{result.stderr[-3000:]}")
        floors[page.docname] = seconds
    return floors


def edit_cell(path: Path, row_match: dict[str, str], column: str, edit: Callable[[str], str]) -> None:
    """Rewrite one cell of a CSV file (the row whose columns equal ``row_match``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    (row,) = [row for row in rows if all(row[name] == value for name, value in row_match.items())]
    row[column] = edit(row[column])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def perturb(root: Path, step: int) -> None:
    """The one-file change: add ``step`` to ``ONE_FILE_COLUMN`` of the ``ONE_FILE_ROW`` row of ``ONE_FILE``."""
    edit_cell(root / ONE_FILE, ONE_FILE_ROW, ONE_FILE_COLUMN, lambda value: str(int(value) + step))


def perturb_many(root: Path, step: int) -> None:
    """The change to a file many chapters read: a mark added to a level's English name in ``MANY_FILE``."""
    edit_cell(root / MANY_FILE, MANY_FILE_ROW, MANY_FILE_COLUMN, lambda value: f"{value} (edit {step})")


def readers(root: Path, name: str) -> list[str]:
    """Chapters whose latest execution read ``name``."""
    work = root / "_build" / ".work"
    return [
        page.docname
        for page in book_pages(root)
        if page.is_notebook and (cached := load_cached(work, page.docname)) and name in cached.inputs
    ]


class _Loads(HTMLParser):
    """The local files a page makes the browser load: scripts, stylesheets, images."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        target = {
            "script": values.get("src"),
            "img": values.get("src"),
            "link": values.get("href") if "stylesheet" in (values.get("rel") or "") else None,
        }.get(tag)
        if target and not target.startswith(("data:", "http:", "https:")):
            self.files.append(target.split("#")[0].split("?")[0])


def page_weights(html_dir: Path) -> dict[str, dict[str, int]]:
    """For every page: bytes of its HTML, and of the HTML plus every local file it loads."""
    weights = {}
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_bytes()
        parser = _Loads()
        parser.feed(text.decode("utf-8"))
        loaded = {(page.parent / name).resolve() for name in parser.files}
        total = len(text) + sum(path.stat().st_size for path in loaded if path.is_file())
        weights[page.relative_to(html_dir).as_posix()] = {"html": len(text), "loaded": total}
    return weights


def weight_ratios(base: dict[str, dict[str, int]], grown: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Largest per-page and whole-book ratios of page weight (grown / base), for HTML alone and as loaded."""
    pages = sorted(set(base) & set(grown))
    result: dict[str, Any] = {"pages": len(pages)}
    for kind in ("html", "loaded"):
        ratios = {page: grown[page][kind] / base[page][kind] for page in pages}
        heaviest = max(ratios, key=ratios.__getitem__)
        result[kind] = {
            "max_page_ratio": round(ratios[heaviest], 3),
            "max_page": heaviest,
            "book_ratio": round(sum(grown[p][kind] for p in pages) / sum(base[p][kind] for p in pages), 3),
        }
    return result


def glued_values(html_dir: Path) -> dict[str, list[str]]:
    """The glued values (numbers and phrases) each page shows, in page order."""
    return {
        page.relative_to(html_dir).as_posix(): GLUED_VALUE.findall(page.read_text(encoding="utf-8"))
        for page in sorted(html_dir.rglob("*.html"))
    }


def page_numbers(html_dir: Path) -> dict[str, list[str]]:
    """Every number in each page's article (prose, tables, and the data embedded in its charts), in order."""
    numbers = {}
    for page in sorted(html_dir.rglob("*.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        text = TAG.sub(" ", article.group(1)) if article else ""
        numbers[page.relative_to(html_dir).as_posix()] = NUMBER.findall(text)
    return numbers


def differing(correct: dict[str, list[str]], shown: dict[str, list[str]]) -> dict[str, int]:
    """Per page, how many items of ``shown`` differ from ``correct`` (aligned in order; pages that agree left out)."""
    counts = {}
    for page, expected in correct.items():
        opcodes = SequenceMatcher(None, expected, shown.get(page, []), autojunk=False).get_opcodes()
        count = sum(
            max(end - start, other_end - other_start)
            for tag, start, end, other_start, other_end in opcodes
            if tag != "equal"
        )
        if count:
            counts[page] = count
    return counts


def stale_values(correct_html: Path, shown_html: Path) -> dict[str, Any]:
    """What a build at ``shown_html`` shows that differs from the correct build at ``correct_html``."""
    correct_glued = glued_values(correct_html)
    glued = differing(correct_glued, glued_values(shown_html))
    numbers = differing(page_numbers(correct_html), page_numbers(shown_html))
    return {
        "stale_glued_values": sum(glued.values()),
        "glued_values": sum(map(len, correct_glued.values())),
        "stale_numbers": sum(numbers.values()),
        "pages_with_stale_numbers": numbers,
    }


def stock_copy(root: Path, target: Path, mode: str) -> Path:
    """A copy whose ``_config.yml`` makes stock ``jupyter-book build`` execute the notebooks in ``mode``."""
    copy_project(root, target)
    config_file = target / "_config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = mode
    metadata = yaml.safe_load((target / "book.yml").read_text(encoding="utf-8"))
    # What the book's own templates need and the build normally supplies (build/sphinx.py).
    context = {"pdf_name": pdf_file_name(metadata), "book_version": str(metadata["version"]), "default_mode": "light"}
    config.setdefault("sphinx", {}).setdefault("config", {})["html_context"] = context
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (target / "_static" / "vega-charts.js").write_text(javascript_bundle(), encoding="utf-8")
    return target


def stock_build(root: Path) -> tuple[float, dict[str, float]]:
    """Run stock ``jupyter-book build`` (HTML) on ``root``; return (seconds, load)."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(root), "--builder", "html"]
    env = {**os.environ, ROOT_ENV: str(root)}
    seconds, result, load = timed(
        lambda: subprocess.run(command, cwd=root.parent, env=env, capture_output=True, text=True)
    )
    if result.returncode != 0:
        raise BenchFailure(f"stock jupyter-book build of {root} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return seconds, load


def median(samples: list[float]) -> float:
    """The median of timing samples, in milliseconds' precision."""
    return round(statistics.median(samples), 3)


def measure_change(
    copy: Path,
    args: tuple[str, ...],
    file: str,
    change: Callable[[Path, int], None],
    samples: int,
    floors: dict[str, float],
    no_op: float,
    keep_html: Path | None = None,
) -> dict[str, Any]:
    """Rebuilds after ``change`` to ``file`` (``samples`` times), each followed by a rebuild after its revert.

    The bound is the target: no-op + ``ONE_FILE_FLOOR_RATIO`` x the floor of the chapters that re-executed.
    ``keep_html`` receives a copy of the HTML built after the first change.
    """
    chapters_reading = readers(copy, file)
    changed, reverted = [], []
    for step in range(1, samples + 1):
        original = (copy / file).read_bytes()
        change(copy, step)
        changed.append(build(copy, *args))
        if step == 1 and keep_html is not None:
            shutil.copytree(copy / "_build" / "html", keep_html)
        (copy / file).write_bytes(original)
        reverted.append(build(copy, *args))
    executed = changed[0][1]["executed"]
    rerun_floor = round(sum(floors[docname] for docname in executed), 3)
    seconds = median([sample[0] for sample in changed])
    bound = round(no_op + ONE_FILE_FLOOR_RATIO * rerun_floor, 3)
    return {
        "file": file,
        "readers": chapters_reading,
        "executed": executed,
        "samples": [sample[0] for sample in changed],
        "median": seconds,
        "steps": [sample[1]["durations"] for sample in changed],
        "load": [sample[2] for sample in changed],
        "rerun_floor": rerun_floor,
        "ratio_to_no_op_plus_floor": round(seconds / (no_op + rerun_floor), 3),
        "bound": bound,
        "target": f"<= no-op + {ONE_FILE_FLOOR_RATIO} x floor of the re-executed chapters",
        "met": seconds <= bound,
        "revert": {
            "samples": [sample[0] for sample in reverted],
            "median": median([sample[0] for sample in reverted]),
            "executed": sorted({d for sample in reverted for d in sample[1]["executed"]}),
            "restored": sorted({d for sample in reverted for d in sample[1]["restored"]}),
        },
    }


def measure_ours(scratch: Path, repeat: int) -> tuple[dict[str, Any], Path, Path]:
    """Floor, clean, no-op, one-file, many-reader and revert timings of this project's build (HTML+PDF and HTML only).

    Also returns, for the comparisons that follow, the HTML built from the original data and a copy
    of the HTML built after the first one-file change.
    """
    root = project_root()
    results: dict[str, Any] = {}
    after_change = scratch / "html-after-change"
    full = copy_project(root, scratch / "full" / "book")
    html = copy_project(root, scratch / "html" / "book")

    _, floors, load = timed(lambda: chapter_floors(copy_project(root, scratch / "floor" / "book")))
    floor = round(sum(floors.values()), 3)
    results["floor_chapters"] = {"seconds": floors, "sum": floor, "load": load}

    for name, copy, args in (("full", full, ()), ("html", html, ("--html-only",))):
        clean_seconds, report, load = build(copy, *args)
        no_op = [build(copy, *args) for _ in range(repeat)]
        if not all(sample[1]["up_to_date"] for sample in no_op):
            raise BenchFailure(f"a no-op {name} build was not up to date")
        no_op_median = median([sample[0] for sample in no_op])
        keep_after = after_change if copy == html else None
        results[name] = {
            "clean": {
                "seconds": clean_seconds,
                "steps": report["durations"],
                "load": load,
                "floor": floor,
                "ratio_to_floor": round(clean_seconds / floor, 3),
                "target": f"<= {CLEAN_FLOOR_RATIO} x floor",
                "met": clean_seconds <= CLEAN_FLOOR_RATIO * floor,
            },
            "no_op": {
                "samples": [sample[0] for sample in no_op],
                "median": no_op_median,
                "share_of_clean": round(no_op_median / clean_seconds, 4),
                "target": f"<= {NO_OP_SHARE:.0%} of clean",
                "met": no_op_median <= NO_OP_SHARE * clean_seconds,
            },
            "one_file": measure_change(copy, args, ONE_FILE, perturb, repeat, floors, no_op_median, keep_after),
            "many_readers": measure_change(copy, args, MANY_FILE, perturb_many, 1, floors, no_op_median),
        }
    unread = full / "data" / "raw" / "epoch"
    unread.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(full / ONE_FILE, unread / "notable_ai_models.csv")
    seconds, report, _ = build(full)
    results["new_unread_file"] = {
        "seconds": seconds,
        "executed": report["executed"],
        "up_to_date": report["up_to_date"],
    }
    return results, html / "_build" / "html", after_change


def measure_stock(scratch: Path, correct_after_change: Path) -> dict[str, Any]:
    """Stock jupyter-book with execute_notebooks force and cache: clean build, no-op rebuild, rebuild after the
    one-file change (step 1 of :func:`perturb`), and what its pages then show that differs from a correct
    build (HTML at ``correct_after_change``)."""
    results = {}
    for mode in ("force", "cache"):
        copy = stock_copy(project_root(), scratch / f"stock-{mode}" / "book", mode)
        clean, load_clean = stock_build(copy)
        no_op, load_no_op = stock_build(copy)
        perturb(copy, 1)
        one_file, load_one_file = stock_build(copy)
        results[mode] = {
            "clean": clean,
            "no_op": no_op,
            "one_file": one_file,
            "load": [load_clean, load_no_op, load_one_file],
            **stale_values(correct_after_change, copy / "_build" / "html"),
        }
    return results


def measure_scale(scratch: Path, factor: int, base_html: Path, base_seconds: float) -> dict[str, Any]:
    """A clean HTML build with every growable table grown ``factor`` times: its time against ``base_seconds``
    (the clean HTML build of the original data) and its page weights against the pages at ``base_html``."""
    copy = copy_project(project_root(), scratch / "scale" / "book")
    growth = grow_data(copy / "data", factor)
    seconds, report, load = build(copy, "--html-only")
    weights = weight_ratios(page_weights(base_html), page_weights(copy / "_build" / "html"))
    loaded = weights["loaded"]["max_page_ratio"]
    return {
        "factor": factor,
        "tables": [vars(item) for item in growth],
        "rows_before": sum(item.rows_before for item in growth),
        "rows_after": sum(item.rows_after for item in growth),
        "clean_html_seconds": seconds,
        "steps": report["durations"],
        "load": load,
        "chapter_seconds": report["chapter_seconds"],
        "page_weight": weights,
        "time_ratio": round(seconds / base_seconds, 3),
        "targets": {
            "page_weight": f"loaded page weight <= {PAGE_WEIGHT_RATIO} x (every page)",
            "time": f"clean HTML build <= {SCALE_TIME_RATIO} x the one of the original data",
        },
        "met": {"page_weight": loaded <= PAGE_WEIGHT_RATIO, "time": seconds <= SCALE_TIME_RATIO * base_seconds},
    }


def _verdict(met: bool, missed_by: str) -> str:
    return "met" if met else f"MISSED by {missed_by}"


def _change_line(title: str, change: dict[str, Any]) -> str:
    executed = change["executed"]
    return (
        f"  {title} {change['median']:7.2f} s = {change['ratio_to_no_op_plus_floor']:.2f} x (no-op + floor of the "
        f"{len(executed)} re-executed chapter(s), {change['rerun_floor']:.2f} s); target <= no-op + "
        f"{ONE_FILE_FLOOR_RATIO} x floor = {change['bound']:.2f} s: "
        f"{_verdict(change['met'], format(change['median'] - change['bound'], '.2f') + ' s')}\n"
        f"            {change['file']}: read by {len(change['readers'])}, re-executed {len(executed)}; revert "
        f"{change['revert']['median']:.2f} s, executed {len(change['revert']['executed'])}, restored "
        f"{len(change['revert']['restored'])} from the cache"
    )


def summary(results: dict[str, Any]) -> str:
    """The figures a person reads first: times, ratios and whether each target is met."""
    floors = results["floor_chapters"]
    lines = [
        f"Machine: {results['cpus']} CPUs, load average {results['load_at_start']} at the start "
        "(timings are wall-clock and slow down when the machine is busy).",
        f"Floor: {floors['sum']:.1f} s to run the {len(floors['seconds'])} chapters as plain Python scripts, "
        "one after the other.",
    ]
    for name, title in (("full", "HTML + PDF"), ("html", "HTML only")):
        part = results[name]
        clean, no_op = part["clean"], part["no_op"]
        steps = clean["steps"]
        lines += [
            f"[{title}]",
            f"  clean     {clean['seconds']:7.1f} s = {clean['ratio_to_floor']:.2f} x floor   target <= "
            f"{CLEAN_FLOOR_RATIO}: {_verdict(clean['met'], format(clean['ratio_to_floor'] - CLEAN_FLOOR_RATIO, '.2f'))}"
            f"   (execution {steps.get('executed chapters', 0):.1f} s, Sphinx {steps.get('ran Sphinx', 0):.1f} s"
            + (
                f", PDF with xelatex {steps['compiled PDF with xelatex']:.1f} s"
                if "compiled PDF with xelatex" in steps
                else ""
            )
            + ")",
            f"  no-op     {no_op['median']:7.2f} s = {no_op['share_of_clean']:.1%} of clean   target <= "
            f"{NO_OP_SHARE:.0%}: {_verdict(no_op['met'], format(no_op['share_of_clean'] - NO_OP_SHARE, '.1%'))}",
            _change_line("one file", part["one_file"]),
            _change_line("many    ", part["many_readers"]),
        ]
    unread = results["new_unread_file"]
    lines.append(
        f"New file no chapter reads: {unread['seconds']:.2f} s, executed {unread['executed'] or 'nothing'}, "
        f"up to date: {unread['up_to_date']}"
    )
    stock_results = results.get("stock", {})
    if "failed" in stock_results:
        lines.append(f"Stock jupyter-book: FAILED ({stock_results['failed'].splitlines()[0]})")
    for mode, stock in ({} if "failed" in stock_results else stock_results).items():
        lines.append(
            f"Stock jupyter-book ({mode}): clean {stock['clean']:.1f} s, no-op {stock['no_op']:.1f} s, "
            f"one file {stock['one_file']:.1f} s; stale after the one-file change: "
            f"{stock['stale_glued_values']} of {stock['glued_values']} glued values, {stock['stale_numbers']} "
            f"numbers on {len(stock['pages_with_stale_numbers'])} page(s) (prose, tables, chart data)"
        )
    if "failed" in results.get("scale", {}):
        lines.append(f"Scale run: FAILED ({results['scale']['failed'].splitlines()[0]}; details in the JSON)")
    elif "scale" in results:
        scale = results["scale"]
        weight = scale["page_weight"]["loaded"]
        lines += [
            f"Scale x{scale['factor']} ({scale['rows_before']:,} -> {scale['rows_after']:,} rows):",
            f"  page weight (as loaded) max {weight['max_page_ratio']:.3f} x ({weight['max_page']}), book "
            f"{weight['book_ratio']:.3f} x; HTML alone max {scale['page_weight']['html']['max_page_ratio']:.2f} x   "
            f"target <= {PAGE_WEIGHT_RATIO}: "
            f"{_verdict(scale['met']['page_weight'], format(weight['max_page_ratio'] - PAGE_WEIGHT_RATIO, '.3f'))}",
            f"  clean HTML {scale['clean_html_seconds']:.1f} s vs {results['html']['clean']['seconds']:.1f} s = "
            f"{scale['time_ratio']:.2f} x   target <= {SCALE_TIME_RATIO}: "
            f"{_verdict(scale['met']['time'], format(scale['time_ratio'] - SCALE_TIME_RATIO, '.2f'))}",
        ]
    return "\n".join(lines)


def _recorded(measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return measure()
    except BenchFailure as failure:
        return {"failed": str(failure)}


def run(out: Path, repeat: int, factor: int, stock: bool, scale: bool, keep: bool) -> dict[str, Any]:
    """Run every measurement in a fresh temporary folder and write the results to ``out``."""
    scratch = Path(tempfile.mkdtemp(prefix="scaling-book-bench-"))
    try:
        results: dict[str, Any] = {"cpus": os.cpu_count(), "load_at_start": _load(), "repeat": repeat}
        ours, base_html, correct_after_change = measure_ours(scratch, repeat)
        results.update(ours)
        # A failed comparison or scale run is a result too: it is recorded, and the rest is kept.
        if stock:
            results["stock"] = _recorded(lambda: measure_stock(scratch, correct_after_change))
        if scale:
            results["scale"] = _recorded(
                lambda: measure_scale(scratch, factor, base_html, ours["html"]["clean"]["seconds"])
            )
        results["load_at_end"] = _load()
    finally:
        if keep:
            print(f"kept the copies in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scaling_book.dev.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=project_root() / "_build" / "bench" / "bench.json")
    parser.add_argument("--repeat", type=int, default=3, help="samples of the no-op, one-file and revert builds")
    parser.add_argument("--factor", type=int, default=DEFAULT_FACTOR, help="growth of the data in the scale run")
    parser.add_argument("--skip-stock", action="store_true", help="leave out the stock Jupyter Book builds")
    parser.add_argument("--skip-scale", action="store_true", help="leave out the scale run")
    parser.add_argument("--keep", action="store_true", help="keep the copies of the project (their path is printed)")
    args = parser.parse_args(argv)
    try:
        results = run(args.out, args.repeat, args.factor, not args.skip_stock, not args.skip_scale, args.keep)
    except BenchFailure as failure:
        print(f"BENCHMARK FAILED: {failure}", file=sys.stderr)
        return 1
    print(summary(results))
    print(f"Results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
