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
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaling_book.dev.bench_measure import measure_ours, measure_scale, measure_stock
from scaling_book.dev.bench_pages import page_numbers, page_weights, stale_values, weight_ratios
from scaling_book.dev.bench_runs import (
    MANY_FILE,
    ONE_FILE,
    BenchFailure,
    chapter_script,
    copy_project,
    edit_cell,
    load_average,
    perturb,
    perturb_many,
    readers,
)
from scaling_book.dev.bench_summary import summary
from scaling_book.dev.synthetic import DEFAULT_FACTOR
from scaling_book.inputs.paths import project_root

# What the tests import from here, though it is defined in the bench_* modules.
__all__ = [
    "MANY_FILE",
    "ONE_FILE",
    "chapter_script",
    "copy_project",
    "edit_cell",
    "main",
    "page_numbers",
    "page_weights",
    "perturb",
    "perturb_many",
    "readers",
    "run",
    "stale_values",
    "weight_ratios",
]


def _recorded(measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return measure()
    except BenchFailure as failure:
        return {"failed": str(failure)}


def run(out: Path, repeat: int, factor: int, stock: bool, scale: bool, keep: bool) -> dict[str, Any]:
    """Run every measurement in a fresh temporary folder and write the results to ``out``."""
    scratch = Path(tempfile.mkdtemp(prefix="scaling-book-bench-"))
    try:
        results: dict[str, Any] = {"cpus": os.cpu_count(), "load_at_start": load_average(), "repeat": repeat}
        ours, base_html, correct_after_change = measure_ours(scratch, repeat)
        results.update(ours)
        # A failed comparison or scale run is a result too: it is recorded, and the rest is kept.
        if stock:
            results["stock"] = _recorded(lambda: measure_stock(scratch, correct_after_change))
        if scale:
            results["scale"] = _recorded(
                lambda: measure_scale(scratch, factor, base_html, ours["html"]["clean"]["seconds"])
            )
        results["load_at_end"] = load_average()
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
