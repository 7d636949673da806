"""What a chapter read and what it glued, written down while it executes.

The build sets ``SCALING_BOOK_RECORD`` to a file for each chapter it executes; the
data loader and the number registry append one JSON line per event. The build uses
the reads to re-execute exactly the chapters whose inputs changed, and the numbers
to publish ``numbers.json``. Outside the build (tests, a notebook) nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

RECORD_ENV = "SCALING_BOOK_RECORD"
DOCNAME_ENV = "SCALING_BOOK_DOCNAME"

_reads: dict[str, str] = {}  # input name -> sha256, in first-read order


def sha256_bytes(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def current_docname() -> str | None:
    """The chapter being executed by the build (e.g. ``chapters/overview``), if any."""
    return os.environ.get(DOCNAME_ENV)


def _append(event: dict[str, object]) -> None:
    target = os.environ.get(RECORD_ENV)
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")


def note_input(name: str, payload: bytes) -> None:
    """Record that the chapter used ``name`` (a data path or ``config:<key>``) with this content."""
    note_input_digest(name, sha256_bytes(payload))


def note_input_digest(name: str, digest: str) -> None:
    """:func:`note_input` for content whose SHA-256 is already known."""
    if _reads.get(name) == digest:
        return
    _reads[name] = digest
    _append({"event": "read", "name": name, "sha256": digest})


def inputs_so_far() -> list[str]:
    """Names of everything this process has read, in first-read order."""
    return list(_reads)


def note_number(key: str, entry: dict[str, object]) -> None:
    """Record one glued number for ``numbers.json``."""
    _append({"event": "number", "key": key, **entry})


def note_artifact(relative_path: str) -> None:
    """Record a file the chapter wrote for the HTML output (e.g. a chart's CSV)."""
    _append({"event": "artifact", "path": relative_path})


def artifact_dir() -> Path | None:
    """Folder where the build collects this chapter's downloadable files, if building."""
    target = os.environ.get(RECORD_ENV)
    return Path(target).parent / "artifacts" if target else None
