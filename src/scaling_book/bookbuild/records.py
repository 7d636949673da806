"""The cache of chapter executions: one folder per execution, written all at once and read back only when complete.

Each chapter keeps its last few executions (``MAX_ENTRIES_PER_CHAPTER``), each named by its static key and
the hashes of what it read, so that reverting an edit brings the earlier outputs back without executing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scaling_book.bookbuild.pages import BuildFailure
from scaling_book.render.exhibits import DOWNLOAD_FOLDER

MAX_ENTRIES_PER_CHAPTER = 3  # enough for an edit and its revert (or an A/B toggle) to stay cached
RUNNING_PREFIX = ".running-"


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
    well_typed = (
        isinstance(record.inputs, dict)
        and isinstance(record.numbers, dict)
        and isinstance(record.artifacts, list)
        and isinstance(record.static_key, str)
    )
    if not well_typed or record.docname != docname or record.entry_id != folder.name:
        return None
    if not all(
        (folder / "artifacts" / Path(artifact).relative_to(DOWNLOAD_FOLDER)).is_file() for artifact in record.artifacts
    ):
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


def make_most_recent(work: Path, chapter: ChapterRecord) -> None:
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


def running_dir(work: Path, docname: str) -> Path:
    """A fresh folder where a chapter executes before its outputs become a cache entry (one per execution)."""
    folder = cache_dir(work, docname)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=RUNNING_PREFIX, dir=folder))


def clear_running(work: Path) -> None:
    """Remove executions a killed build left unfinished (called while holding the build lock)."""
    for folder in sorted((work / "exec").glob(f"**/{RUNNING_PREFIX}*")) if (work / "exec").is_dir() else []:
        shutil.rmtree(folder, ignore_errors=True)


def read_events(path: Path, chapter: ChapterRecord) -> None:
    """Add the reads, numbers and artifacts a chapter recorded while executing (``events.jsonl``) to its record."""
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            event = json.loads(line)
        except ValueError:
            raise BuildFailure(
                f"{chapter.docname}: its record of reads and numbers is cut off at line {number}; "
                "the chapter is executed again by the next build"
            ) from None
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
