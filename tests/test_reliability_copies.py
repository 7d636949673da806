"""A copied checkout builds itself: its paths, its package and its environment are its own."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaling_book.bookbuild.__main__ import build_root
from scaling_book.inputs import paths

from .conftest import ROOT


def fake_checkout(folder: Path) -> Path:
    for marker in ("book.yml", "_toc.yml"):
        (folder / marker).parent.mkdir(parents=True, exist_ok=True)
        (folder / marker).write_text("")
    (folder / "src" / "scaling_book").mkdir(parents=True)
    return folder


def test_paths_follow_the_working_directory_when_no_root_is_set(tmp_path, monkeypatch):
    copy = fake_checkout(tmp_path / "book-copy")
    (copy / "chapters").mkdir()
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    monkeypatch.chdir(copy / "chapters")
    # This process imports the package from another checkout, like a copy whose .venv points at the original.
    assert paths.project_root() == copy.resolve()
    assert paths.data_dir() == copy.resolve() / "data"
    assert build_root() == copy.resolve()
    monkeypatch.chdir(tmp_path)  # not inside any checkout: the package's own checkout
    assert paths.project_root() == Path(paths.__file__).resolve().parents[3]
    monkeypatch.setenv(paths.ROOT_ENV, str(copy))
    assert paths.project_root() == copy.resolve()


@pytest.mark.slow
def test_the_build_of_a_copy_runs_the_copys_own_package(tmp_path):
    """With the original's package on the path, the build re-runs itself with the copy's src/ first."""
    copy = fake_checkout(tmp_path / "book-copy")
    shutil.copytree(
        ROOT / "src" / "scaling_book",
        copy / "src" / "scaling_book",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    # The copy's build stops at its own lock, held here, so nothing of the original is touched.
    (copy / "_build").mkdir()
    (copy / "_build" / "build.lock").write_text(f"{os.getpid()}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop(paths.ROOT_ENV, None)
    result = subprocess.run(
        [sys.executable, "-m", "scaling_book.bookbuild", "--html-only"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"building {copy.resolve()} with its own {copy.resolve() / 'src'}" in result.stdout
    assert f"process id {os.getpid()}" in result.stderr and str(copy / "_build") in result.stderr


def test_bootstrap_reinstalls_the_package_when_the_environment_imports_another_checkout(tmp_path):
    copy = tmp_path / "book-copy"
    (copy / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "bootstrap.sh", copy / "tools")
    requirements = ("requirements.txt", "requirements-test.txt", "requirements-dev.txt")
    for name in (*requirements, "pyproject.toml", "tools/requirements-cff.txt"):
        shutil.copy(ROOT / name, copy / name)
    (copy / "src" / "scaling_book").mkdir(parents=True)
    venv = copy / ".venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.log"
    # A stand-in for the copied environment's python: it imports the original's package, and logs pip calls.
    (venv / "bin" / "python").write_text(
        f'#!/bin/sh\nif [ "$1" = -c ]; then echo {ROOT / "src" / "scaling_book"}; else echo "$@" >> {log}; fi\n'
    )
    (venv / "bin" / "python").chmod(0o755)
    stamp = hashlib.sha256(b"".join((copy / name).read_bytes() for name in (*requirements, "pyproject.toml")))
    (venv / ".requirements.sha256").write_text(stamp.hexdigest() + "\n")
    (copy / ".venv-cff").mkdir()
    (copy / ".venv-cff" / ".requirements.sha256").write_text(
        hashlib.sha256((copy / "tools/requirements-cff.txt").read_bytes()).hexdigest() + "\n"
    )
    result = subprocess.run(
        ["bash", str(copy / "tools" / "bootstrap.sh")], capture_output=True, text=True, timeout=120, cwd=copy
    )
    if "missing Debian packages" in result.stderr:
        import pytest

        pytest.skip("this machine lacks the Debian packages bootstrap checks first")
    assert result.returncode == 0, result.stderr
    assert "reinstalling it from" in result.stdout
    assert f"--editable {copy}" in log.read_text()
