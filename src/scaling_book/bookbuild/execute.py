"""Execute the book's notebooks, reusing a chapter's cached outputs while none of its inputs changed.

A chapter's inputs are its own source, the ``scaling_book`` package, the pinned
requirements, and whatever it read while executing (data files and ``book.yml``
settings, recorded by :mod:`scaling_book.inputs.provenance`). Any change to one of them, a
deleted input included, re-executes that chapter and no other.

Each chapter keeps its last few executions (``MAX_ENTRIES_PER_CHAPTER``), each named by
its static key and the hashes of what it read, so that reverting an edit brings the
earlier outputs back without executing anything.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import yaml
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from scaling_book.inputs import provenance
from scaling_book.inputs.load import input_digest
from scaling_book.render.exhibits import DOWNLOAD_FOLDER
from scaling_book.bookbuild.pages import BuildFailure, Page

CELL_TIMEOUT_SECONDS = 300
# After a cell's reply, its last outputs must arrive within this time; otherwise the build fails
# (nbclient's default is to warn and go on with outputs missing).
OUTPUT_TIMEOUT_SECONDS = 60
MAX_ENTRIES_PER_CHAPTER = 3  # enough for an edit and its revert (or an A/B toggle) to stay cached
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass
class ChapterRecord:
    """What one execution of a chapter used and produced."""

    docname: str
    static_key: str
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> sha256 at read time
    numbers: dict[str, dict[str, object]] = field(default_factory=dict)
    artifacts: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def entry_id(self) -> str:
        """Name of this execution in the cache: what the chapter was (static key) and what it read."""
        payload = json.dumps([self.static_key, sorted(self.inputs.items())]).encode()
        return hashlib.sha256(payload).hexdigest()[:16]


def environment_key(root: Path) -> str:
    """Fingerprint of everything every chapter depends on: the package (minus the build tools) and the pins.

    Files are named relative to their folder, so a copy of the checkout elsewhere has the same key.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if path.is_file() and "__pycache__" not in relative.parts and relative.parts[0] != "build":
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(b"requirements.txt\0" + (root / "requirements.txt").read_bytes())
    return digest.hexdigest()


def static_key(page: Page, env_key: str) -> str:
    digest = hashlib.sha256()
    digest.update(page.docname.encode())
    digest.update(page.source.read_bytes())
    digest.update(env_key.encode())
    return digest.hexdigest()


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
        """``config:a.b`` names the value at ``a`` → ``b`` of ``book.yml``, hashed as config.setting() records it."""
        if self._book is None:
            with (self.root / "book.yml").open(encoding="utf-8") as handle:
                self._book = yaml.safe_load(handle) or {}
        value: Any = self._book
        for part in name.removeprefix("config:").split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return provenance.sha256_bytes(json.dumps(value, default=str, sort_keys=True).encode())

    def changed(self, chapter: ChapterRecord) -> list[str]:
        """Inputs of ``chapter`` that differ from what it read when it executed."""
        return [name for name, digest in chapter.inputs.items() if self.digest(name) != digest]


def cache_dir(work: Path, docname: str) -> Path:
    """Folder of one chapter's cached executions."""
    return work / "exec" / docname


def entry_dir(work: Path, chapter: ChapterRecord) -> Path:
    """Folder holding one cached execution: ``record.json``, ``notebook.ipynb`` and ``artifacts/``."""
    return cache_dir(work, chapter.docname) / "entries" / chapter.entry_id


def read_record(folder: Path, docname: str) -> ChapterRecord | None:
    """The execution stored in ``folder``, or None when it is incomplete or unreadable (then it is re-executed).

    Complete means: ``record.json`` parses into a record of ``docname`` whose entry id is the folder's
    name, and the executed ``notebook.ipynb`` and every artifact it lists exist.
    """
    try:
        fields = json.loads((folder / "record.json").read_text(encoding="utf-8"))
        record = ChapterRecord(**fields)
        json.loads((folder / "notebook.ipynb").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
    well_typed = (isinstance(record.inputs, dict) and isinstance(record.numbers, dict)
                  and isinstance(record.artifacts, list) and isinstance(record.static_key, str))
    if not well_typed or record.docname != docname or record.entry_id != folder.name:
        return None
    if not all((folder / "artifacts" / Path(artifact).relative_to(DOWNLOAD_FOLDER)).is_file() for artifact in record.artifacts):
        return None
    return record


def _index(index: Path) -> list[str]:
    """Entry names in a chapter's index; an unreadable index lists none, so the chapter re-executes."""
    try:
        names = json.loads(index.read_text(encoding="utf-8")) if index.is_file() else []
    except (OSError, ValueError):
        return []
    return [str(name) for name in names] if isinstance(names, list) else []


def cached_entries(work: Path, docname: str) -> list[ChapterRecord]:
    """The chapter's complete cached executions, most recently used first; incomplete ones are discarded."""
    entries = []
    for entry in _index(cache_dir(work, docname) / "entries.json"):
        folder = cache_dir(work, docname) / "entries" / str(entry)
        record = read_record(folder, docname)
        if record is None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            entries.append(record)
    return entries


def load_cached(work: Path, docname: str) -> ChapterRecord | None:
    """The chapter's most recently used execution, if it has one."""
    entries = cached_entries(work, docname)
    return entries[0] if entries else None


def _make_most_recent(work: Path, chapter: ChapterRecord) -> None:
    """Put ``chapter`` first in its chapter's index and drop the entries beyond the bound."""
    folder = cache_dir(work, chapter.docname)
    index = folder / "entries.json"
    known = _index(index)
    entries = [chapter.entry_id, *(entry for entry in known if entry != chapter.entry_id)]
    for dropped in entries[MAX_ENTRIES_PER_CHAPTER:]:
        shutil.rmtree(folder / "entries" / dropped, ignore_errors=True)
    pending = index.with_name(f".entries.{os.getpid()}.partial")
    pending.write_text(json.dumps(entries[:MAX_ENTRIES_PER_CHAPTER]), encoding="utf-8")
    pending.replace(index)


RUNNING_PREFIX = ".running-"


def running_dir(work: Path, docname: str) -> Path:
    """A fresh folder where a chapter executes before its outputs become a cache entry (one per execution)."""
    folder = cache_dir(work, docname)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=RUNNING_PREFIX, dir=folder))


def clear_running(work: Path) -> None:
    """Remove executions a killed build left unfinished (called while holding the build lock)."""
    for folder in sorted((work / "exec").glob(f"**/{RUNNING_PREFIX}*")) if (work / "exec").is_dir() else []:
        shutil.rmtree(folder, ignore_errors=True)


def _read_events(path: Path, chapter: ChapterRecord) -> None:
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            event = json.loads(line)
        except ValueError:
            raise BuildFailure(f"{chapter.docname}: its record of reads and numbers is cut off at line {number}; "
                               "the chapter is executed again by the next build") from None
        kind = event.pop("event")
        if kind == "read":
            chapter.inputs.setdefault(event["name"], event["sha256"])
        elif kind == "number":
            key = event.pop("key")
            if key in chapter.numbers:
                raise BuildFailure(f"{chapter.docname}: number {key!r} is glued twice")
            chapter.numbers[key] = event
        elif kind == "artifact":
            if event["path"] not in chapter.artifacts:
                chapter.artifacts.append(event["path"])


def _failure_message(docname: str, error: Exception) -> str:
    if isinstance(error, CellTimeoutError):
        reason = str(error).strip().splitlines()[0]
        return (f"chapter {docname}: a cell ran longer than {CELL_TIMEOUT_SECONDS} s, or its outputs stopped "
                f"arriving ({reason})")
    if isinstance(error, CellExecutionError):
        lines = [line for line in ANSI_ESCAPE.sub("", str(error)).splitlines() if line.strip()]
        return f"chapter {docname} raised an error while executing:\n" + "\n".join(lines[-25:])
    return f"chapter {docname} could not be executed: {type(error).__name__}: {error}"


@contextmanager
def local_kernel() -> Iterator[AsyncKernelManager]:
    """A kernel manager for one notebook, shut down afterwards.

    Local sockets (ipc) instead of TCP: nothing listens on the network, and the kernel does not
    warn about unencrypted TCP. Socket paths must be short, hence a fresh temporary folder.
    The asynchronous manager (nbclient's default) keeps the cell and output timeouts working:
    with a blocking client, waiting for a lost output message would block forever.
    """
    with tempfile.TemporaryDirectory(prefix="sbk-") as sockets:
        manager = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "k"))
        try:
            yield manager
        finally:
            if manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)


def execute_chapter(root: str, work: str, docname: str, source: str, key: str) -> ChapterRecord:
    """Run one chapter in a fresh kernel and store its outputs and record in the cache.

    Runs in a worker process; raises BuildFailure with a message a person can act on. The cache
    entry appears in one rename, only after the chapter finished and its outputs were checked.
    """
    folder = running_dir(Path(work), docname)
    try:
        return _execute_into(folder, root, work, docname, source, key)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # renamed into the cache on success; discarded on failure


def _execute_into(folder: Path, root: str, work: str, docname: str, source: str, key: str) -> ChapterRecord:
    started = time.perf_counter()
    events = folder / "events.jsonl"
    notebook = jupytext.read(source)
    env = {**os.environ, provenance.RECORD_ENV: str(events), provenance.DOCNAME_ENV: docname,
           "SCALING_BOOK_ROOT": root, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    with local_kernel() as manager:
        client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT_SECONDS, record_timing=False,
                                iopub_timeout=OUTPUT_TIMEOUT_SECONDS, raise_on_iopub_timeout=True,
                                resources={"metadata": {"path": str(Path(source).parent)}})
        try:
            client.execute(env=env)
        except Exception as error:  # noqa: BLE001 - every failure is reported with the chapter's name
            raise BuildFailure(_failure_message(docname, error)) from None
    _check_outputs(docname, notebook)

    chapter = ChapterRecord(docname=docname, static_key=key)
    _read_events(events, chapter)
    chapter.seconds = round(time.perf_counter() - started, 3)
    nbformat.write(notebook, folder / "notebook.ipynb")
    (folder / "record.json").write_text(json.dumps(asdict(chapter), ensure_ascii=False, indent=1, sort_keys=True),
                                        encoding="utf-8")
    events.unlink(missing_ok=True)
    target = entry_dir(Path(work), chapter)
    shutil.rmtree(target, ignore_errors=True)  # the same execution again (e.g. --force): the new one wins
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    _make_most_recent(Path(work), chapter)
    return chapter


def _check_outputs(docname: str, notebook: nbformat.NotebookNode) -> None:
    """Every code cell ran, and none produced an error or wrote to stderr."""
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") == "code" and cell.get("source", "").strip() and cell.get("execution_count") is None:
            raise BuildFailure(f"chapter {docname}: code cell {index} did not run; the kernel stopped early")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                # e.g. an exception inside a display formatter: IPython reports it but the cell "succeeds"
                trace = ANSI_ESCAPE.sub("", "\n".join(output.get("traceback", [])[-8:]))
                raise BuildFailure(f"chapter {docname}: code cell {index} produced an error output "
                                   f"({output.get('ename')}: {output.get('evalue')}):\n{trace}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                raise BuildFailure(f"chapter {docname}: code cell {index} wrote to stderr "
                                   f"(a warning is a failure here):\n{output.get('text', '').strip()}")


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


def _settle(work: Path, outcomes: Iterable[tuple[str, ChapterRecord | BuildFailure]],
            reasons: dict[str, str]) -> tuple[dict[str, ChapterRecord], list[str]]:
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


def _run_stale(root: Path, work: Path, stale: list[tuple[Page, str]], jobs: int,
               reasons: dict[str, str]) -> tuple[dict[str, ChapterRecord], list[str]]:
    """Execute the stale chapters (in parallel worker processes when there are several); return records and failures."""
    calls = {page.docname: (str(root), str(work), page.docname, str(page.source), key) for page, key in stale}
    workers = max(1, min(jobs, len(stale)))
    if workers == 1:
        # One chapter (e.g. after a one-file edit): a worker process would only add its start-up time.
        return _settle(work, ((docname, _attempt(partial(execute_chapter, *call))) for docname, call in calls.items()),
                       reasons)
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
                _make_most_recent(work, match)
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
