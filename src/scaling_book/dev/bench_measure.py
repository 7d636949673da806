"""The benchmark's measurements: this project's builds against their floor, stock Jupyter Book, and grown data."""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaling_book.dev.bench_pages import page_weights, stale_values, weight_ratios
from scaling_book.dev.bench_runs import (
    MANY_FILE,
    ONE_FILE,
    BenchFailure,
    build,
    chapter_floors,
    copy_project,
    perturb,
    perturb_many,
    readers,
    stock_build,
    stock_copy,
    timed,
)
from scaling_book.dev.synthetic import grow_data
from scaling_book.inputs.paths import project_root

# The targets (the module docstring of scaling_book.dev.bench explains them).
CLEAN_FLOOR_RATIO = 1.5
NO_OP_SHARE = 0.10
ONE_FILE_FLOOR_RATIO = 1.2
PAGE_WEIGHT_RATIO = 1.1
SCALE_TIME_RATIO = 2.0


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
