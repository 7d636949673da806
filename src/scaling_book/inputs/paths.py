"""Where the project's files are, independent of the working directory.

Chapters execute in a staging folder and tests in temporary folders, so every
path is resolved from the installed package (an editable install of ``src/``).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "SCALING_BOOK_ROOT"


def project_root() -> Path:
    """The checkout root: ``$SCALING_BOOK_ROOT`` if set, else three levels above this module."""
    override = os.environ.get(ROOT_ENV)
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The ``data/`` folder that all tables live in."""
    return project_root() / "data"


def relative_to_root(path: Path) -> str:
    """``path`` as a POSIX path relative to the project root (for messages and provenance)."""
    try:
        return path.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return path.as_posix()
