"""Assemble the Sphinx source folder: executed notebooks, plain pages, assets, downloads.

Files are rewritten only when their bytes change, so Sphinx re-reads exactly the
pages whose content changed; files that no longer belong are removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from scaling_book.bookbuild.pages import BuildFailure, Page
from scaling_book.bookbuild.records import ChapterRecord, entry_dir
from scaling_book.render.bibliography import REFERENCES_FILE, book_bibtex
from scaling_book.render.exhibits import DOWNLOAD_FOLDER
from scaling_book.render.figures import javascript_bundle, javascript_bundle_key

COPIED_FOLDERS = ("_static", "_templates")
COPIED_FILES = ("_toc.yml", "_config.yml")
EXTRA_FOLDER = "_extra"  # html_extra_path: copied as-is to the root of the HTML output
CHART_SCRIPT = "_static/vega-charts.js"


def write_if_changed(path: Path, payload: bytes) -> bool:
    if path.is_file() and path.read_bytes() == payload:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return True


def chart_script(work: Path) -> bytes:
    """The offline chart script; kept in ``work`` under the key of what it is made of, as making it takes a second."""
    kept = work / "cache" / f"vega-charts-{javascript_bundle_key()}.js"
    if not kept.is_file():
        kept.parent.mkdir(parents=True, exist_ok=True)
        pending = kept.with_suffix(".partial")
        pending.write_bytes(javascript_bundle().encode("utf-8"))
        pending.replace(kept)
    return kept.read_bytes()


def collect_numbers(chapters: dict[str, ChapterRecord]) -> dict[str, dict[str, object]]:
    """Every glued number of the book; a key glued by two chapters stops the build."""
    numbers: dict[str, dict[str, object]] = {}
    owner: dict[str, str] = {}
    for docname, chapter in chapters.items():
        for key, entry in chapter.numbers.items():
            if key in numbers:
                raise BuildFailure(f"number {key!r} is glued by both {owner[key]} and {docname}; keys must be unique")
            numbers[key] = {
                "value": entry["value"],
                "unit": entry["unit"],
                "chapter": docname,
                "sources": entry.get("sources", []),
            }
            owner[key] = docname
    return dict(sorted(numbers.items()))


def stage_sources(root: Path, work: Path, pages: list[Page], chapters: dict[str, ChapterRecord]) -> Path:
    """Write the Sphinx source folder under ``work/src`` and return it."""
    staging = work / "src"
    wanted: dict[Path, bytes] = {}

    for name in COPIED_FILES:
        if (root / name).is_file():
            wanted[staging / name] = (root / name).read_bytes()
    for copied in COPIED_FOLDERS:
        for path in sorted((root / copied).rglob("*")) if (root / copied).is_dir() else []:
            if path.is_file():
                wanted[staging / path.relative_to(root)] = path.read_bytes()
    wanted[staging / CHART_SCRIPT] = chart_script(work)
    wanted[staging / REFERENCES_FILE] = book_bibtex(root).encode("utf-8")

    artifacts_owner: dict[str, str] = {}
    for page in pages:
        if not page.is_notebook:
            wanted[staging / page.source.relative_to(root)] = page.source.read_bytes()
            continue
        chapter = chapters[page.docname]
        folder = entry_dir(work, chapter)
        wanted[staging / f"{page.docname}.ipynb"] = (folder / "notebook.ipynb").read_bytes()
        for artifact in chapter.artifacts:
            if artifact in artifacts_owner:
                raise BuildFailure(
                    f"{artifact} is written by both {artifacts_owner[artifact]} and {page.docname}: "
                    "exhibit labels must be unique in the book"
                )
            artifacts_owner[artifact] = page.docname
            source = folder / "artifacts" / Path(artifact).relative_to(DOWNLOAD_FOLDER)
            wanted[staging / EXTRA_FOLDER / artifact] = source.read_bytes()

    numbers = collect_numbers(chapters)
    wanted[staging / EXTRA_FOLDER / "numbers.json"] = (
        json.dumps(numbers, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    ).encode("utf-8")

    for path, payload in wanted.items():
        write_if_changed(path, payload)
    if staging.is_dir():
        for path in sorted(staging.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return staging


def prune_stale_extras(staging: Path, html: Path) -> list[str]:
    """Delete from Sphinx's HTML output the files of staged extra folders (``data/``) that staging no longer has.

    Sphinx copies ``html_extra_path`` into an output it never empties, so the CSV of a removed exhibit would
    stay published. Returns the removed paths, relative to ``html``."""
    extra = staging / EXTRA_FOLDER
    removed = []
    for folder in sorted(path for path in extra.iterdir() if path.is_dir()) if extra.is_dir() else []:
        published = html / folder.name
        for path in sorted(published.rglob("*")) if published.is_dir() else []:
            if path.is_file() and not (folder / path.relative_to(published)).is_file():
                path.unlink()
                removed.append(path.relative_to(html).as_posix())
    return removed


def tree_fingerprint(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every staged file."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            result[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def copy_tree(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
