"""Running one chapter in a fresh Jupyter kernel, checking its outputs, and storing the execution in the cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from scaling_book.bookbuild.pages import BuildFailure
from scaling_book.bookbuild.records import ChapterRecord, entry_dir, make_most_recent, read_events, running_dir
from scaling_book.inputs import provenance

CELL_TIMEOUT_SECONDS = 300
# After a cell's reply, its last outputs must arrive within this time; otherwise the build fails
# (nbclient's default is to warn and go on with outputs missing).
OUTPUT_TIMEOUT_SECONDS = 60
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _failure_message(docname: str, error: Exception) -> str:
    if isinstance(error, CellTimeoutError):
        reason = str(error).strip().splitlines()[0]
        return (
            f"chapter {docname}: a cell ran longer than {CELL_TIMEOUT_SECONDS} s, or its outputs stopped "
            f"arriving ({reason})"
        )
    if isinstance(error, CellExecutionError) and error.ename == "KeyError":
        return missing_data_message(docname, error)
    if isinstance(error, CellExecutionError):
        lines = [line for line in ANSI_ESCAPE.sub("", str(error)).splitlines() if line.strip()]
        return f"chapter {docname} raised an error while executing:\n" + "\n".join(lines[-25:])
    return f"chapter {docname} could not be executed: {type(error).__name__}: {error}"


# A frame of the book's own code in a traceback: 'File ".../scaling_book/views/x.py", line 12' (ANSI removed).
OWN_FRAME = re.compile(r'File "[^"]*?(scaling_book/[\w/]+\.py)", line (\d+)')


def missing_data_message(docname: str, error: CellExecutionError) -> str:
    """What a chapter looked up and did not find (a year, column or category its data lack), without a traceback."""
    frames = OWN_FRAME.findall(ANSI_ESCAPE.sub("", str(error)))
    where = f" (looked up in src/{frames[-1][0]}, line {frames[-1][1]})" if frames else ""
    return (
        f"chapter {docname} needs {error.evalue} in the data it reads, and the data have no such year, column or "
        f"category{where}. This happens when a new snapshot lacks something the chapter shows: check the files "
        "the chapter reads (numbers.json of the last good build lists them) for it, or restore the earlier data."
    )


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
    env = {
        **os.environ,
        provenance.RECORD_ENV: str(events),
        provenance.DOCNAME_ENV: docname,
        "SCALING_BOOK_ROOT": root,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    with local_kernel() as manager:
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=CELL_TIMEOUT_SECONDS,
            record_timing=False,
            iopub_timeout=OUTPUT_TIMEOUT_SECONDS,
            raise_on_iopub_timeout=True,
            resources={"metadata": {"path": str(Path(source).parent)}},
        )
        try:
            client.execute(env=env)
        except Exception as error:  # noqa: BLE001 - every failure is reported with the chapter's name
            raise BuildFailure(_failure_message(docname, error)) from None
    _check_outputs(docname, notebook)

    chapter = ChapterRecord(docname=docname, static_key=key)
    read_events(events, chapter)
    chapter.seconds = round(time.perf_counter() - started, 3)
    nbformat.write(notebook, folder / "notebook.ipynb")
    (folder / "record.json").write_text(
        json.dumps(asdict(chapter), ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    events.unlink(missing_ok=True)
    target = entry_dir(Path(work), chapter)
    shutil.rmtree(target, ignore_errors=True)  # the same execution again (e.g. --force): the new one wins
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    make_most_recent(Path(work), chapter)
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
                raise BuildFailure(
                    f"chapter {docname}: code cell {index} produced an error output "
                    f"({output.get('ename')}: {output.get('evalue')}):\n{trace}"
                )
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                raise BuildFailure(
                    f"chapter {docname}: code cell {index} wrote to stderr "
                    f"(a warning is a failure here):\n{output.get('text', '').strip()}"
                )
