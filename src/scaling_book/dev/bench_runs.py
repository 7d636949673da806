"""The benchmark's runs: copies of the project, the edits it makes to them, and timed builds and chapter scripts."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jupytext
import yaml

from scaling_book.bookbuild.__main__ import pdf_file_name
from scaling_book.bookbuild.pages import book_pages
from scaling_book.bookbuild.records import load_cached
from scaling_book.inputs.paths import ROOT_ENV
from scaling_book.inputs.settings import BOOK_FILE, parse_book
from scaling_book.render.figures import javascript_bundle

# The one-file change: one count of a file that one chapter reads (the hardware evidence), in a row whose
# shares the chapter quotes, so that its glued numbers change.
ONE_FILE = "data/processed/epoch_hardware_by_year.csv"
ONE_FILE_ROW = {"dataset": "notable", "year": "2020", "country": "all"}
ONE_FILE_COLUMN = "hardware_known"
# The change to a file that many chapters read: the English name of one level.
MANY_FILE = "data/framework/levels.csv"
MANY_FILE_ROW = {"level_id": "L2"}
MANY_FILE_COLUMN = "name_en"
IGNORED_IN_COPIES = ("_build", ".venv*", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "raw")


class BenchFailure(RuntimeError):
    """A build the benchmark needed failed; the message carries the end of its output."""


def copy_project(root: Path, target: Path) -> Path:
    """Copy the checkout's inputs (not its build outputs, environment, git history or raw data)."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(*IGNORED_IN_COPIES))
    return target


def load_average() -> float:
    """The machine's load average over the last minute."""
    return round(os.getloadavg()[0], 2)


def timed(run: Callable[[], Any]) -> tuple[float, Any, dict[str, float]]:
    """(seconds, result, load averages before and after) of one call."""
    before = load_average()
    started = time.perf_counter()
    result = run()
    return round(time.perf_counter() - started, 3), result, {"load_before": before, "load_after": load_average()}


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
        run = partial(
            subprocess.run,
            [sys.executable, str(script)],
            cwd=page.source.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds, result, _ = timed(run)
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


def stock_copy(root: Path, target: Path, mode: str) -> Path:
    """A copy whose ``_config.yml`` makes stock ``jupyter-book build`` execute the notebooks in ``mode``."""
    copy_project(root, target)
    config_file = target / "_config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = mode
    metadata = parse_book((target / BOOK_FILE).read_bytes()).metadata
    # What the book's own templates need and the build normally supplies (bookbuild/sphinx.py).
    context = {"pdf_name": pdf_file_name(metadata), "book_version": metadata.version, "default_mode": "light"}
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
