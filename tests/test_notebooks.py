"""Every notebook of the book executes cleanly under nbval (MyST .md converted with jupytext)."""

from __future__ import annotations

import subprocess
import sys

import jupytext
import pytest

from scaling_book.bookbuild.pages import book_pages

from .conftest import ROOT

NOTEBOOKS = [page for page in book_pages(ROOT) if page.is_notebook]


@pytest.mark.parametrize("page", NOTEBOOKS, ids=lambda page: page.docname)
def test_chapter_runs_under_nbval(page, tmp_path):
    notebook = tmp_path / (page.source.stem + ".ipynb")
    jupytext.write(jupytext.read(page.source), notebook)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(notebook),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
