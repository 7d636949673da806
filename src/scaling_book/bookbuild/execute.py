"""Execute the book's notebooks, reusing a chapter's cached outputs while none of its inputs changed.

A chapter's inputs are its own source, the ``scaling_book`` package, the pinned
requirements, and whatever it read while executing (data files and ``book.yml``
settings, recorded by :mod:`scaling_book.inputs.provenance`). Any change to one of them, a
deleted input included, re-executes that chapter and no other. The cache of executions is
:mod:`scaling_book.bookbuild.records`; one execution is :mod:`scaling_book.bookbuild.kernel`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from scaling_book.bookbuild.kernel import execute_chapter
from scaling_book.bookbuild.pages import BuildFailure, Page
from scaling_book.bookbuild.records import (
    MAX_ENTRIES_PER_CHAPTER,
    ChapterRecord,
    cache_dir,
    cached_entries,
    clear_running,
    entry_dir,
    load_cached,
    make_most_recent,
)
from scaling_book.inputs import provenance
from scaling_book.inputs.load import input_digest
from scaling_book.inputs.settings import BOOK_FILE, SettingsError, parse_book, plain

# What other modules and tests import from here, though it is defined in records.py and kernel.py.
__all__ = [
    "MAX_ENTRIES_PER_CHAPTER",
    "ChapterRecord",
    "ExecutionResult",
    "cache_dir",
    "cached_entries",
    "entry_dir",
    "execute_chapter",
    "execute_pages",
    "load_cached",
]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The build and its benchmark: no chapter imports them, so editing them re-executes nothing.
BUILD_TOOLS = ("bookbuild", "dev")


def environment_key(root: Path) -> str:
    """Fingerprint of everything every chapter depends on: the package (minus the build tools) and the pins.

    Files are named relative to their folder, so a copy of the checkout elsewhere has the same key.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if path.is_file() and "__pycache__" not in relative.parts and relative.parts[0] not in BUILD_TOOLS:
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(b"requirements.txt\0" + (root / "requirements.txt").read_bytes())
    return digest.hexdigest()


def static_key(page: Page, env_key: str) -> str:
    """What a chapter is before it runs: its name, its source and the environment key."""
    digest = hashlib.sha256()
    digest.update(page.docname.encode())
    digest.update(page.source.read_bytes())
    digest.update(env_key.encode())
    return digest.hexdigest()


def book_values(payload: bytes) -> dict[str, Any]:
    """``book.yml`` as plain data shaped like the file (metadata keys at the top, then ``analysis``), or {} when
    it no longer parses into the settings (then every setting a chapter read counts as changed)."""
    try:
        settings = parse_book(payload)
    except SettingsError:
        return {}
    return {**plain(settings.metadata), "analysis": plain(settings.analysis)}


class CurrentInputs:
    """Hashes of the inputs as they are now, each computed once per build (None: it no longer exists)."""

    def __init__(self, root: Path):
        self.root = root
        self._hashes: dict[str, str | None] = {}
        self._book: dict[str, Any] | None = None

    def digest(self, name: str) -> str | None:
        if name not in self._hashes:
            self._hashes[name] = self._config_digest(name) if name.startswith("config:") else self._file_digest(name)
        return self._hashes[name]

    def _file_digest(self, name: str) -> str | None:
        """As the chapter recorded it: a data table by its parsed values, any other file by its bytes."""
        return input_digest(name, self.root)

    def _config_digest(self, name: str) -> str | None:
        """``config:a.b`` names the value at ``a`` → ``b`` of ``book.yml``, hashed as the settings module records it
        (``inputs/settings.py``: the JSON of the value as YAML gave it, keys sorted)."""
        if self._book is None:
            book = self.root / BOOK_FILE
            self._book = book_values(book.read_bytes()) if book.is_file() else {}
        value: Any = self._book
        for part in name.removeprefix("config:").split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return provenance.sha256_bytes(json.dumps(value, default=str, sort_keys=True).encode())

    def changed(self, chapter: ChapterRecord) -> list[str]:
        """Inputs of ``chapter`` that differ from what it read when it executed."""
        return [name for name, digest in chapter.inputs.items() if self.digest(name) != digest]


@dataclass
class ExecutionResult:
    chapters: dict[str, ChapterRecord]
    executed: list[str]  # docnames executed in this run, in book order
    restored: list[str]  # docnames whose earlier (not the latest) cached execution matched again
    reasons: dict[str, str]


def _attempt(run: Callable[[], ChapterRecord]) -> ChapterRecord | BuildFailure:
    try:
        return run()
    except BuildFailure as failure:
        return failure


def _settle(
    work: Path, outcomes: Iterable[tuple[str, ChapterRecord | BuildFailure]], reasons: dict[str, str]
) -> tuple[dict[str, ChapterRecord], list[str]]:
    """Report each outcome as it arrives; return the new records and the failure messages."""
    done: dict[str, ChapterRecord] = {}
    failures: list[str] = []
    for docname, outcome in outcomes:
        if isinstance(outcome, BuildFailure):
            failures.append(str(outcome))  # its unfinished execution was discarded; earlier entries stay usable
        else:
            done[docname] = outcome
            print(f"  executed {docname} ({outcome.seconds:.1f} s): {reasons[docname]}", flush=True)
    return done, failures


def _run_stale(
    root: Path, work: Path, stale: list[tuple[Page, str]], jobs: int, reasons: dict[str, str]
) -> tuple[dict[str, ChapterRecord], list[str]]:
    """Execute the stale chapters (in parallel worker processes when there are several); return records and failures."""
    calls = {page.docname: (str(root), str(work), page.docname, str(page.source), key) for page, key in stale}
    workers = max(1, min(jobs, len(stale)))
    if workers == 1:
        # One chapter (e.g. after a one-file edit): a worker process would only add its start-up time.
        return _settle(
            work, ((docname, _attempt(partial(execute_chapter, *call))) for docname, call in calls.items()), reasons
        )
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {docname: pool.submit(execute_chapter, *call) for docname, call in calls.items()}
        return _settle(work, ((docname, _attempt(future.result)) for docname, future in futures.items()), reasons)


def execute_pages(root: Path, work: Path, pages: list[Page], jobs: int, force: bool = False) -> ExecutionResult:
    """Bring every notebook's cached outputs up to date, executing only chapters no cached execution matches."""
    clear_running(work)
    env_key = environment_key(root)
    current = CurrentInputs(root)
    chapters: dict[str, ChapterRecord] = {}
    stale: list[tuple[Page, str]] = []
    restored: list[str] = []
    reasons: dict[str, str] = {}
    for page in (page for page in pages if page.is_notebook):
        key = static_key(page, env_key)
        entries = [] if force else cached_entries(work, page.docname)
        match = next((entry for entry in entries if entry.static_key == key and not current.changed(entry)), None)
        if match is not None:
            chapters[page.docname] = match
            if match is not entries[0]:
                make_most_recent(work, match)
                restored.append(page.docname)
                print(f"  reused an earlier execution of {page.docname}: its inputs are as they were then")
            continue
        if force:
            reasons[page.docname] = "forced"
        elif not entries:
            reasons[page.docname] = "not executed before"
        elif entries[0].static_key != key:
            reasons[page.docname] = "its source, the scaling_book package or the requirements changed"
        else:
            reasons[page.docname] = "changed input(s): " + ", ".join(current.changed(entries[0]))
        stale.append((page, key))

    done, failures = _run_stale(root, work, stale, jobs, reasons) if stale else ({}, [])
    if failures:
        raise BuildFailure("\n\n".join(failures))
    chapters.update(done)
    in_book_order = {page.docname: chapters[page.docname] for page in pages if page.is_notebook}
    return ExecutionResult(in_book_order, [page.docname for page, _ in stale], restored, reasons)
