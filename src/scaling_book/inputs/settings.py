"""The book's metadata and analysis settings, read from ``book.yml`` at the project root."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

import yaml

from scaling_book.inputs import provenance
from scaling_book.inputs.paths import project_root


BOOK_FILE = "book.yml"


@cache
def _book_file() -> tuple[bytes, dict[str, Any]]:
    """The bytes of ``book.yml`` and what they say, read once per process."""
    payload = (project_root() / BOOK_FILE).read_bytes()
    return payload, yaml.safe_load(payload.decode("utf-8"))


def book_metadata() -> dict[str, Any]:
    """Everything in ``book.yml`` (title, authors, version, release date, licence, analysis settings).

    A chapter that calls this depends on the whole file, so it is recorded as reading ``book.yml``.
    """
    payload, values = _book_file()
    provenance.note_input(BOOK_FILE, payload)
    return values


def setting(name: str) -> Any:
    """One value of the ``analysis`` section, recorded as an input of the executing chapter."""
    analysis = _book_file()[1].get("analysis", {})
    if name not in analysis:
        raise KeyError(f"book.yml has no setting analysis.{name}")
    value = analysis[name]
    provenance.note_input(f"config:analysis.{name}", json.dumps(value, default=str, sort_keys=True).encode())
    return value


def as_of() -> date:
    """The date that time-dependent results are computed against (never the clock)."""
    value = setting("as_of")
    if not isinstance(value, date):
        raise ValueError(f"book.yml: analysis.as_of must be a date like 2026-11-22, got {value!r}")
    return value
