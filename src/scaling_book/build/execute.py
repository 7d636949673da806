"""Execute the book's notebooks, reusing a chapter's last outputs while none of its inputs changed.

A chapter's inputs are its own source, the ``scaling_book`` package, the pinned
requirements, and whatever it read while executing (data files and ``book.yml``
settings, recorded by :mod:`scaling_book.record`). Any change to one of them, a
deleted input included, re-executes that chapter and no other.
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from .. import record
from .pages import BuildFailure, Page

CELL_TIMEOUT_SECONDS = 300
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


def current_input_hash(root: Path, name: str) -> str | None:
    """Hash of an input as it is now (None when a data file no longer exists)."""
    if name.startswith("config:"):
        section, _, key = name.removeprefix("config:").partition(".")
        with (root / "book.yml").open(encoding="utf-8") as handle:
            values = (yaml.safe_load(handle) or {}).get(section, {})
        if key not in values:
            return None
        return record.sha256_bytes(json.dumps(values[key], default=str, sort_keys=True).encode())
    path = root / name
    return record.sha256_bytes(path.read_bytes()) if path.is_file() else None


def changed_inputs(root: Path, chapter: ChapterRecord) -> list[str]:
    return [name for name, digest in chapter.inputs.items() if current_input_hash(root, name) != digest]


def cache_dir(work: Path, docname: str) -> Path:
    return work / "exec" / docname


def load_cached(work: Path, docname: str) -> ChapterRecord | None:
    path = cache_dir(work, docname) / "record.json"
    if not path.is_file() or not (cache_dir(work, docname) / "notebook.ipynb").is_file():
        return None
    return ChapterRecord(**json.loads(path.read_text(encoding="utf-8")))


def _read_events(path: Path, chapter: ChapterRecord) -> None:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
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
        return f"chapter {docname}: a cell ran longer than {CELL_TIMEOUT_SECONDS} s"
    if isinstance(error, CellExecutionError):
        lines = [line for line in ANSI_ESCAPE.sub("", str(error)).splitlines() if line.strip()]
        return f"chapter {docname} raised an error while executing:\n" + "\n".join(lines[-25:])
    return f"chapter {docname} could not be executed: {type(error).__name__}: {error}"


def execute_chapter(root: str, work: str, docname: str, source: str, key: str) -> ChapterRecord:
    """Run one chapter in a fresh kernel and store its outputs and record in the cache.

    Runs in a worker process; raises BuildFailure with a message a person can act on.
    """
    started = time.perf_counter()
    folder = cache_dir(Path(work), docname)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    events = folder / "events.jsonl"
    notebook = jupytext.read(source)
    env = {**os.environ, record.RECORD_ENV: str(events), record.DOCNAME_ENV: docname,
           "SCALING_BOOK_ROOT": root, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    # Local sockets (ipc) instead of TCP: nothing listens on the network, and the kernel does not
    # warn about unencrypted TCP. Socket paths must be short, hence a fresh temporary folder.
    with tempfile.TemporaryDirectory(prefix="sbk-") as sockets:
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "k"))
        client = NotebookClient(notebook, km=manager, timeout=CELL_TIMEOUT_SECONDS, record_timing=False,
                                resources={"metadata": {"path": str(Path(source).parent)}})
        try:
            client.execute(env=env)
        except Exception as error:  # noqa: BLE001 - every failure is reported with the chapter's name
            raise BuildFailure(_failure_message(docname, error)) from None
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)

    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                # e.g. an exception inside a display formatter: IPython reports it but the cell "succeeds"
                trace = ANSI_ESCAPE.sub("", "\n".join(output.get("traceback", [])[-8:]))
                raise BuildFailure(f"chapter {docname}: code cell {index} produced an error output "
                                   f"({output.get('ename')}: {output.get('evalue')}):\n{trace}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                raise BuildFailure(f"chapter {docname}: code cell {index} wrote to stderr "
                                   f"(a warning is a failure here):\n{output.get('text', '').strip()}")

    chapter = ChapterRecord(docname=docname, static_key=key)
    _read_events(events, chapter)
    chapter.seconds = round(time.perf_counter() - started, 3)
    nbformat.write(notebook, folder / "notebook.ipynb")
    (folder / "record.json").write_text(json.dumps(asdict(chapter), ensure_ascii=False, indent=1, sort_keys=True),
                                        encoding="utf-8")
    events.unlink(missing_ok=True)
    return chapter


@dataclass
class ExecutionResult:
    chapters: dict[str, ChapterRecord]
    executed: list[str]  # docnames executed in this run, in book order
    reasons: dict[str, str]


def execute_pages(root: Path, work: Path, pages: list[Page], jobs: int, force: bool = False) -> ExecutionResult:
    """Bring every notebook's cached outputs up to date, executing only stale chapters."""
    env_key = environment_key(root)
    chapters: dict[str, ChapterRecord] = {}
    stale: list[tuple[Page, str]] = []
    reasons: dict[str, str] = {}
    for page in (page for page in pages if page.is_notebook):
        key = static_key(page, env_key)
        cached = None if force else load_cached(work, page.docname)
        if cached is None:
            reasons[page.docname] = "not executed before" if not force else "forced"
        elif cached.static_key != key:
            reasons[page.docname] = "its source, the scaling_book package or the requirements changed"
        elif changed := changed_inputs(root, cached):
            reasons[page.docname] = "changed input(s): " + ", ".join(changed)
        else:
            chapters[page.docname] = cached
            continue
        stale.append((page, key))

    failures: list[str] = []
    if stale:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(stale))), mp_context=context) as pool:
            futures = {
                page.docname: pool.submit(execute_chapter, str(root), str(work), page.docname, str(page.source), key)
                for page, key in stale
            }
            for docname, future in futures.items():
                try:
                    chapters[docname] = future.result()
                    print(f"  executed {docname} ({chapters[docname].seconds:.1f} s): {reasons[docname]}")
                except BuildFailure as failure:
                    failures.append(str(failure))
                    shutil.rmtree(cache_dir(work, docname), ignore_errors=True)
    if failures:
        raise BuildFailure("\n\n".join(failures))
    return ExecutionResult(chapters, [page.docname for page, _ in stale], reasons)
