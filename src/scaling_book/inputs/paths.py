"""Where the project's files are, independent of the working directory.

Chapters execute in a staging folder and tests in temporary folders, so the root is
``$SCALING_BOOK_ROOT`` when set (the build sets it to the checkout it builds), else the
checkout containing the working directory, else the checkout holding this package.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "SCALING_BOOK_ROOT"
CHECKOUT_MARKERS = ("book.yml", "_toc.yml", "src/scaling_book")  # what makes a folder a checkout of the book


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is a checkout of the book (its own sources, settings and table of contents)."""
    return all((folder / marker).exists() for marker in CHECKOUT_MARKERS)


def checkout_containing(start: Path) -> Path | None:
    """The innermost checkout that holds ``start`` (the folder itself or a parent), if any."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_checkout(folder):
            return folder
    return None


def project_root() -> Path:
    """The checkout root: ``$SCALING_BOOK_ROOT``, else the checkout holding the working directory, else the package's.

    The working directory comes before the package's location so that a copied checkout whose
    environment still imports the original's ``src/`` reads and writes its own files, never the original's.
    """
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override).resolve()
    try:
        here = checkout_containing(Path.cwd())
    except OSError:  # the working directory was deleted
        here = None
    return here or Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The ``data/`` folder that all tables live in."""
    return project_root() / "data"


def relative_to_root(path: Path) -> str:
    """``path`` as a POSIX path relative to the project root (for messages and provenance)."""
    try:
        return path.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return path.as_posix()
