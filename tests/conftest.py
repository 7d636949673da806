"""Shared fixtures: the project root, a scratch copy of data/, and a built copy of the whole book.

Test tiers: a test that uses the built book (``book``, ``scratch``) is marked ``e2e`` and one that executes
a chapter under nbval ``notebooks``, here, so ``make check`` (``-m "not e2e and not notebooks and not slow"``)
never builds or executes the book, whatever marks a test module remembers to set; tests that run notebooks in a
kernel themselves are marked ``slow`` where they are defined.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaling_book.dev import bench
from scaling_book.inputs.paths import project_root

ROOT = project_root()
# The seeds and the Epoch snapshots live beside the checkout (../shared) in CI, not in a reader's clone;
# tests that need them are skipped there, with the reason. SCALING_BOOK_SHARED points elsewhere.
SHARED = Path(os.environ.get("SCALING_BOOK_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
SHARED_EPOCH = SHARED / "data" / "epoch"
IN_CI = bool(os.environ.get("CI"))  # CI has ../shared: there a missing folder fails these tests instead of skipping
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir() and not IN_CI,
    reason=f"needs the seed texts in {SEEDS} (beside the checkout in CI; a reader's clone has none)",
)
needs_shared_epoch = pytest.mark.skipif(
    not SHARED_EPOCH.is_dir() and not IN_CI,
    reason=f"needs the shared Epoch snapshots in {SHARED_EPOCH} (beside the checkout in CI; a reader's clone has none)",
)
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
LATEX_PAYLOAD = "& % $ # _ { } ~ ^ \\"
BUILT_BOOK_FIXTURES = {"book", "scratch"}
NOTEBOOK_MODULES = {"test_notebooks.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILT_BOOK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
        if item.path.name in NOTEBOOK_MODULES:
            item.add_marker(pytest.mark.notebooks)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (framework and processed tables) to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("raw"))
    return target


def copy_project(target: Path) -> Path:
    """Copy the checkout without its build outputs, environment and git history."""
    return bench.copy_project(ROOT, target)


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCALING_BOOK_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "scaling_book.bookbuild", *args], cwd=root, env=env, capture_output=True, text=True
    )


def edit_csv(path: Path, key_column: str, key: str, column: str, value: str) -> None:
    bench.edit_cell(path, {key_column: key}, column, lambda _: value)


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    """A copy of the project whose L0 name carries script and LaTeX payloads, built to HTML and PDF."""
    root = copy_project(tmp_path_factory.mktemp("e2e") / "book")
    edit_csv(
        root / "data/framework/levels.csv",
        "level_id",
        "L0",
        "name_en",
        f"Reverse divergence {SCRIPT_PAYLOAD} {LATEX_PAYLOAD}",
    )
    result = run_build(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return root


@pytest.fixture
def scratch(book, tmp_path) -> Path:
    """A copy of the built book (outputs and caches included) that a test may break."""
    target = tmp_path / "book"
    shutil.copytree(book, target, symlinks=True)
    return target


def sphinx_html(source: Path, config: dict[str, object]) -> Path:
    """One incremental Sphinx HTML build of ``source`` with ``config``; output and doctrees sit beside it."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():
        app = Sphinx(
            srcdir=str(source),
            confdir=None,
            outdir=str(source.parent / "html"),
            doctreedir=str(source.parent / "doctrees"),
            buildername="html",
            confoverrides=config,
            status=None,
            warningiserror=True,
        )
        app.build()
    return source.parent / "html"
