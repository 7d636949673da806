"""Recovering from a killed build, and putting ``data/processed/`` back when a refreshed snapshot fails the build.

A build marks each step that leaves state on disk (Sphinx's doctrees, LaTeX's .aux files) before it
starts and unmarks it when the step finished; a mark found at the start of a build means the step was
killed, so its state is removed and the step starts afresh. Leftover ``*.new``/``*.old`` folders from
an interrupted publish are removed too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scaling_book.bookbuild.pages import BuildFailure

LEFTOVER_FOLDERS = ("html.new", "pdf.new", "html.old", "pdf.old")
MARK_SUFFIX = ".incomplete"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = path.with_name(f".{path.name}.{os.getpid()}.partial")
    pending.write_text(text, encoding="utf-8")
    pending.replace(path)


def begin_step(work: Path, step: str, *state: Path) -> None:
    """Mark ``step`` as running; if its mark is still there, the last run was killed: clear its ``state`` first."""
    mark = work / f"{step}{MARK_SUFFIX}"
    if mark.exists():
        for folder in state:
            shutil.rmtree(folder, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    mark.touch()


def end_step(work: Path, step: str) -> None:
    """The step finished: its state may be reused by the next build."""
    (work / f"{step}{MARK_SUFFIX}").unlink(missing_ok=True)


def clear_interrupted(output: Path, work: Path) -> list[str]:
    """Remove what a killed build left half-done; returns what was removed (for the log)."""
    removed = []
    for name in LEFTOVER_FOLDERS:
        if (output / name).exists():
            shutil.rmtree(output / name, ignore_errors=True)
            removed.append(f"_build/{name}")
    for partial in work.glob("**/.*.partial") if work.is_dir() else []:
        partial.unlink(missing_ok=True)
        removed.append(partial.relative_to(output.parent).as_posix())
    return removed


def _snapshot(folder: Path) -> dict[str, bytes]:
    return (
        {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()} if folder.is_dir() else {}
    )


@contextmanager
def epoch_refresh(root: Path, epoch_dir: Path, newer: Path | None = None) -> Iterator[list[str]]:
    """Rebuild ``data/processed/`` from ``epoch_dir``; if the build then fails, put every file back as it was.

    Yields the files the refresh rewrote. The pipeline itself validates its tables before writing;
    this also covers a snapshot that is valid but that the chapters cannot use (e.g. a missing year).
    ``newer`` is a newer release's extract that the per-model table takes from the seam on.
    """
    processed = root / "data" / "processed"
    before = _snapshot(processed)
    result = subprocess.run(
        [sys.executable, "-m", "scaling_book.pipelines.epoch", str(epoch_dir), "--data", str(root / "data")]
        + (["--newer", str(newer)] if newer else []),
        cwd=root,
        capture_output=True,
        text=True,
    )
    print(result.stdout, end="", flush=True)
    after = _snapshot(processed)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    if result.returncode != 0:
        _restore(processed, before, changed)
        raise BuildFailure(
            f"the Epoch pipeline failed on {epoch_dir}; data/processed/ is unchanged:\n" + result.stderr.strip()
        )
    rewritten = [f"data/processed/{name}" for name in changed]
    print(
        f"  refreshed from {epoch_dir}: rewrote {len(rewritten)} file(s)"
        + ("".join(f"\n    - {name}" for name in rewritten) if rewritten else " (the tables were unchanged)"),
        flush=True,
    )
    try:
        yield rewritten
    except BaseException as failure:  # a failed or interrupted build: the old tables come back
        _restore(processed, before, changed)
        if rewritten and isinstance(failure, BuildFailure):
            raise BuildFailure(
                f"{failure}\n\nThe new Epoch snapshot in {epoch_dir} did not build, so data/processed/ "
                f"was restored as it was before ({len(rewritten)} file(s) put back: "
                f"{', '.join(rewritten)})."
            ) from None
        raise


def _restore(processed: Path, before: dict[str, bytes], changed: list[str]) -> None:
    for name in changed:
        path = processed / name
        if name in before:
            path.write_bytes(before[name])
        else:
            path.unlink(missing_ok=True)
