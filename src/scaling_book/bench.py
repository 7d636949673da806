"""Benchmark of the build: clean, no-op and one-file rebuilds against their floor, stock Jupyter Book, and 100× data.

Usage: python -m scaling_book.bench [--out FILE] [--repeat N] [--factor F] [--skip-stock] [--skip-scale] [--keep]

Every build runs on a copy of the project in a temporary folder (``SCALING_BOOK_ROOT``
points the build there), never on the checkout's own ``_build``; only the result is
written there (``_build/bench/bench.json`` unless ``--out`` says otherwise).

What is measured (wall-clock seconds; the load average is recorded beside each sample,
because other work on the machine slows builds down):

- floor: each chapter executed once, serially, in a fresh kernel exactly as stock
  Jupyter Book does it (jupyter-cache's ``single_nb_execution``), plus the rendering
  that any build of the same pages needs (the Sphinx and xelatex steps of the clean build);
- clean (HTML and PDF; and HTML only), no-op, one-file change, and its revert;
- stock Jupyter Book (``jupyter-book build``, HTML) with ``execute_notebooks: force`` and
  ``cache``: a first build, then a rebuild after the same one-file change, and how many
  glued values its pages show that differ from a correct build (stale values);
- scale: every growable table grown ``--factor`` times (:mod:`scaling_book.synthetic`),
  a clean HTML build, and the weight of each page (the HTML plus the local scripts,
  styles and images it loads) against the same page built from the original data.

Targets: clean ≤ 1.5 × floor; no-op ≤ 10% of clean; one-file ≤ no-op + 1.2 × the floor of
the chapters it re-executes; page weight with 100× data ≤ 1.1 × the original.
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
from unittest import mock

import jupytext
import yaml
from jupyter_cache.executors.utils import single_nb_execution

from .build.__main__ import pdf_file_name
from .build.execute import CELL_TIMEOUT_SECONDS, load_cached, local_kernel
from .build.pages import book_pages
from .charts import javascript_bundle
from .paths import ROOT_ENV, project_root
from .synthetic import DEFAULT_FACTOR, grow_data

CLEAN_FLOOR_RATIO = 1.5
NO_OP_SHARE = 0.10
ONE_FILE_FLOOR_RATIO = 1.2
PAGE_WEIGHT_RATIO = 1.1
# The one-file change: one count of a file that one chapter reads (the hardware evidence), in a row whose
# shares the chapter quotes, so that its glued numbers change.
ONE_FILE = "data/processed/epoch_hardware_by_year.csv"
ONE_FILE_ROW = {"dataset": "notable", "year": "2020", "country": "all"}
ONE_FILE_COLUMN = "hardware_known"
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
    """Run ``python -m scaling_book.build`` on the copy at ``root``; return (seconds, its report, load)."""
    report = root.parent / f"{root.name}-report.json"
    env = {**os.environ, ROOT_ENV: str(root)}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "scaling_book.build", "--report", str(report), *args],
                              cwd=root, env=env, capture_output=True, text=True)

    seconds, result, load = timed(run)
    if result.returncode != 0:
        raise BenchFailure(f"build {' '.join(args)} of {root} failed:\n{result.stderr[-3000:]}")
    return seconds, json.loads(report.read_text(encoding="utf-8")), load


def chapter_floors(root: Path) -> dict[str, float]:
    """Seconds to execute each chapter once in a fresh kernel, one after the other, as stock Jupyter Book does."""
    floors = {}
    with mock.patch.dict(os.environ, {ROOT_ENV: str(root)}):  # the kernels read the copy's data
        for page in (page for page in book_pages(root) if page.is_notebook):
            notebook = jupytext.read(page.source)
            with local_kernel() as manager:  # the build's kernel set-up, so that only the build's own work differs
                seconds, result, _ = timed(lambda: single_nb_execution(
                    notebook, cwd=str(page.source.parent), timeout=CELL_TIMEOUT_SECONDS, allow_errors=False,
                    km=manager))
            if result.err is not None:
                raise BenchFailure(f"{page.docname} failed to execute:\n{result.exc_string}")
            floors[page.docname] = seconds
    return floors


def perturb(root: Path, step: int) -> None:
    """Make the one-file change: add ``step`` to ``ONE_FILE_COLUMN`` of the ``ONE_FILE_ROW`` row of ``ONE_FILE``."""
    path = root / ONE_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    (row,) = [row for row in rows if all(row[column] == value for column, value in ONE_FILE_ROW.items())]
    row[ONE_FILE_COLUMN] = str(int(row[ONE_FILE_COLUMN]) + step)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def readers(root: Path, name: str) -> list[str]:
    """Chapters whose latest execution read ``name``."""
    work = root / "_build" / ".work"
    return [page.docname for page in book_pages(root)
            if page.is_notebook and (cached := load_cached(work, page.docname)) and name in cached.inputs]


class _Loads(HTMLParser):
    """The local files a page makes the browser load: scripts, stylesheets, images."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        target = {"script": values.get("src"), "img": values.get("src"),
                  "link": values.get("href") if "stylesheet" in (values.get("rel") or "") else None}.get(tag)
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
        result[kind] = {"max_page_ratio": round(ratios[heaviest], 3), "max_page": heaviest,
                        "book_ratio": round(sum(grown[p][kind] for p in pages) / sum(base[p][kind] for p in pages), 3)}
    return result


def glued_values(html_dir: Path) -> dict[str, list[str]]:
    """The glued values (numbers and phrases) each page shows, in page order."""
    return {page.relative_to(html_dir).as_posix(): GLUED_VALUE.findall(page.read_text(encoding="utf-8"))
            for page in sorted(html_dir.rglob("*.html"))}


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
        count = sum(max(end - start, other_end - other_start)
                    for tag, start, end, other_start, other_end in opcodes if tag != "equal")
        if count:
            counts[page] = count
    return counts


def stale_values(correct_html: Path, shown_html: Path) -> dict[str, Any]:
    """What a build at ``shown_html`` shows that differs from the correct build at ``correct_html``."""
    correct_glued = glued_values(correct_html)
    glued = differing(correct_glued, glued_values(shown_html))
    numbers = differing(page_numbers(correct_html), page_numbers(shown_html))
    return {"stale_glued_values": sum(glued.values()), "glued_values": sum(map(len, correct_glued.values())),
            "stale_numbers": sum(numbers.values()), "pages_with_stale_numbers": numbers}


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
    seconds, result, load = timed(lambda: subprocess.run(command, cwd=root.parent, env=env, capture_output=True,
                                                         text=True))
    if result.returncode != 0:
        raise BenchFailure(f"stock jupyter-book build of {root} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return seconds, load


def median(samples: list[float]) -> float:
    """The median of timing samples, in milliseconds' precision."""
    return round(statistics.median(samples), 3)


def measure_ours(scratch: Path, repeat: int) -> tuple[dict[str, Any], Path, Path]:
    """Floor, clean, no-op, one-file and revert timings of this project's build (HTML+PDF and HTML only).

    Also returns, for the comparisons that follow, the HTML built from the original data and a copy
    of the HTML built after the first one-file change.
    """
    root = project_root()
    results: dict[str, Any] = {}
    after_change = scratch / "html-after-change"
    full = copy_project(root, scratch / "full" / "book")
    html = copy_project(root, scratch / "html" / "book")

    _, floors, load = timed(lambda: chapter_floors(copy_project(root, scratch / "floor" / "book")))
    results["floor_chapters"] = {"seconds": floors, "sum": round(sum(floors.values()), 3), "load": load}

    for name, copy, args in (("full", full, ()), ("html", html, ("--html-only",))):
        clean_seconds, report, load = build(copy, *args)
        render = report["durations"].get("ran Sphinx", 0) + report["durations"].get("compiled PDF with xelatex", 0)
        floor = round(results["floor_chapters"]["sum"] + render, 3)
        no_op = [build(copy, *args) for _ in range(repeat)]
        if not all(sample[1]["up_to_date"] for sample in no_op):
            raise BenchFailure(f"a no-op {name} build was not up to date")
        changed_readers = readers(copy, ONE_FILE)
        one_file, revert = [], []
        for step in range(1, repeat + 1):
            original = (copy / ONE_FILE).read_bytes()
            perturb(copy, step)
            one_file.append(build(copy, *args))
            if step == 1 and copy == html:
                shutil.copytree(copy / "_build" / "html", after_change)
            (copy / ONE_FILE).write_bytes(original)
            revert.append(build(copy, *args))
        executed = one_file[0][1]["executed"]
        rerun_floor = round(sum(floors[docname] for docname in executed), 3)
        no_op_median = median([sample[0] for sample in no_op])
        one_file_median = median([sample[0] for sample in one_file])
        results[name] = {
            "clean": {"seconds": clean_seconds, "steps": report["durations"], "load": load,
                      "floor": floor, "floor_render": round(render, 3), "ratio_to_floor": round(clean_seconds / floor, 3),
                      "target": f"<= {CLEAN_FLOOR_RATIO} x floor", "met": clean_seconds <= CLEAN_FLOOR_RATIO * floor},
            "no_op": {"samples": [sample[0] for sample in no_op], "median": no_op_median,
                      "share_of_clean": round(no_op_median / clean_seconds, 4),
                      "target": f"<= {NO_OP_SHARE:.0%} of clean", "met": no_op_median <= NO_OP_SHARE * clean_seconds},
            "one_file": {"file": ONE_FILE, "readers": changed_readers, "executed": executed,
                         "samples": [sample[0] for sample in one_file], "median": one_file_median,
                         "steps": [sample[1]["durations"] for sample in one_file],
                         "load": [sample[2] for sample in one_file],
                         "rerun_floor": rerun_floor, "bound": round(no_op_median + ONE_FILE_FLOOR_RATIO * rerun_floor, 3),
                         "target": f"<= no-op + {ONE_FILE_FLOOR_RATIO} x floor of the re-executed chapters",
                         "met": one_file_median <= no_op_median + ONE_FILE_FLOOR_RATIO * rerun_floor},
            "revert": {"samples": [sample[0] for sample in revert], "median": median([sample[0] for sample in revert]),
                       "executed": sorted({d for sample in revert for d in sample[1]["executed"]}),
                       "restored": sorted({d for sample in revert for d in sample[1]["restored"]})},
        }
    unread = full / "data" / "raw" / "epoch"
    unread.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(full / ONE_FILE, unread / "notable_ai_models.csv")
    seconds, report, _ = build(full)
    results["new_unread_file"] = {"seconds": seconds, "executed": report["executed"], "up_to_date": report["up_to_date"]}
    return results, html / "_build" / "html", after_change


def measure_stock(scratch: Path, correct_after_change: Path) -> dict[str, Any]:
    """Stock jupyter-book with execute_notebooks force and cache: first build, rebuild after the one-file change
    (step 1 of :func:`perturb`), and what its pages show that differs from a correct build (HTML at
    ``correct_after_change``)."""
    results = {}
    for mode in ("force", "cache"):
        copy = stock_copy(project_root(), scratch / f"stock-{mode}" / "book", mode)
        first, load_first = stock_build(copy)
        perturb(copy, 1)
        again, load_again = stock_build(copy)
        results[mode] = {"first_build": first, "rebuild_after_change": again, "load": [load_first, load_again],
                         **stale_values(correct_after_change, copy / "_build" / "html")}
    return results


def measure_scale(scratch: Path, factor: int, base_html: Path) -> dict[str, Any]:
    """A clean HTML build with every growable table grown ``factor`` times, and its page weights."""
    copy = copy_project(project_root(), scratch / "scale" / "book")
    growth = grow_data(copy / "data", factor)
    seconds, report, load = build(copy, "--html-only")
    weights = weight_ratios(page_weights(base_html), page_weights(copy / "_build" / "html"))
    loaded = weights["loaded"]["max_page_ratio"]
    return {"factor": factor, "tables": [vars(item) for item in growth],
            "rows_before": sum(item.rows_before for item in growth), "rows_after": sum(item.rows_after for item in growth),
            "clean_html_seconds": seconds, "steps": report["durations"], "load": load,
            "chapter_seconds": report["chapter_seconds"], "page_weight": weights,
            "target": f"loaded page weight <= {PAGE_WEIGHT_RATIO} x (every page)", "met": loaded <= PAGE_WEIGHT_RATIO}


def summary(results: dict[str, Any]) -> str:
    """The figures a person reads first: times, ratios and whether each target is met."""
    lines = [f"Machine: {results['cpus']} CPUs, load average {results['load_at_start']} at the start "
             "(timings are wall-clock and slow down when the machine is busy)."]
    floors = results["floor_chapters"]
    lines.append(f"Floor: {floors['sum']:.1f} s to execute the {len(floors['seconds'])} chapters one after the other.")
    for name, title in (("full", "HTML + PDF"), ("html", "HTML only")):
        part = results[name]
        clean, no_op, one, revert = part["clean"], part["no_op"], part["one_file"], part["revert"]
        lines += [
            f"[{title}]",
            f"  clean     {clean['seconds']:7.1f} s = {clean['ratio_to_floor']:.2f} x floor ({clean['floor']:.1f} s: "
            f"chapters + {clean['floor_render']:.1f} s rendering)   target <= {CLEAN_FLOOR_RATIO}: "
            f"{'met' if clean['met'] else 'MISSED'}",
            f"  no-op     {no_op['median']:7.2f} s = {no_op['share_of_clean']:.1%} of clean   target <= "
            f"{NO_OP_SHARE:.0%}: {'met' if no_op['met'] else 'MISSED'}",
            f"  one file  {one['median']:7.2f} s ({', '.join(one['executed'])} re-executed; bound no-op + "
            f"{ONE_FILE_FLOOR_RATIO} x {one['rerun_floor']:.2f} s = {one['bound']:.2f} s): "
            f"{'met' if one['met'] else 'MISSED by ' + format(one['median'] - one['bound'], '.2f') + ' s'}",
            f"  revert    {revert['median']:7.2f} s (executed: {revert['executed'] or 'nothing'}; "
            f"restored: {revert['restored'] or 'nothing'})",
        ]
    unread = results["new_unread_file"]
    lines.append(f"New file no chapter reads: {unread['seconds']:.2f} s, executed {unread['executed'] or 'nothing'}, "
                 f"up to date: {unread['up_to_date']}")
    stock_results = results.get("stock", {})
    if "failed" in stock_results:
        lines.append(f"Stock jupyter-book: FAILED ({stock_results['failed'].splitlines()[0]})")
    for mode, stock in ({} if "failed" in stock_results else stock_results).items():
        lines.append(f"Stock jupyter-book ({mode}): first build {stock['first_build']:.1f} s, rebuild after the change "
                     f"{stock['rebuild_after_change']:.1f} s; stale after it: {stock['stale_glued_values']} of "
                     f"{stock['glued_values']} glued values, {stock['stale_numbers']} numbers on "
                     f"{len(stock['pages_with_stale_numbers'])} page(s) (prose, tables, chart data)")
    if "failed" in results.get("scale", {}):
        lines.append(f"Scale run: FAILED ({results['scale']['failed'].splitlines()[0]}; details in the JSON)")
    elif "scale" in results:
        scale = results["scale"]
        weight = scale["page_weight"]
        lines.append(f"Scale x{scale['factor']} ({scale['rows_before']:,} -> {scale['rows_after']:,} rows): clean HTML "
                     f"{scale['clean_html_seconds']:.1f} s vs {results['html']['clean']['seconds']:.1f} s; page weight "
                     f"(as loaded) max {weight['loaded']['max_page_ratio']:.3f} x ({weight['loaded']['max_page']}), "
                     f"book {weight['loaded']['book_ratio']:.3f} x; HTML alone max {weight['html']['max_page_ratio']:.2f} x"
                     f"   target <= {PAGE_WEIGHT_RATIO}: {'met' if scale['met'] else 'MISSED'}")
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
            results["scale"] = _recorded(lambda: measure_scale(scratch, factor, base_html))
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
    parser = argparse.ArgumentParser(prog="python -m scaling_book.bench", description=__doc__.splitlines()[0])
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
