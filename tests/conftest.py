"""Shared fixtures: the project root, a scratch copy of data/, and a built copy of the whole book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scaling_book.paths import project_root

ROOT = project_root()
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (framework and processed tables) to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("raw"))
    return target


def copy_project(target: Path) -> Path:
    """Copy the checkout without its build outputs, environment and git history."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "raw"))
    return target
