"""How to cite the book: CITATION.cff, BibTeX and plain-text citations, all from ``book.yml``.

``python -m scaling_book.render.citation`` rewrites CITATION.cff; ``--check`` fails when the committed
file differs from what ``book.yml`` gives (the tests run it).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from datetime import date
from typing import TYPE_CHECKING

import yaml
from sphinx_external_toc.parsing import parse_toc_data

from scaling_book.inputs import provenance
from scaling_book.inputs.paths import project_root
from scaling_book.inputs.settings import BookMetadata, book_metadata
from scaling_book.render.latex_text import CITATION_SPECIALS, latex_escape

if TYPE_CHECKING:
    from scaling_book.views.results import ChapterResults

CFF_FILE = "CITATION.cff"
CHANGELOG_FILE = "CHANGELOG.md"
CHANGELOG_ENTRY = re.compile(r"^## (?P<version>\d+\.\d+\.\d+\S*) — (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)


def authors(metadata: BookMetadata) -> str:
    """Author names joined for a plain citation."""
    return ", ".join(author.name for author in metadata.authors)


def plain_citation(metadata: BookMetadata, chapter: str | None = None) -> str:
    """'Authors (year). Title (Chinese subtitle), version X, released YYYY-MM-DD.' (optionally a chapter in it)."""
    released: date = metadata.release_date
    book = (
        f"{metadata.title} ({metadata.subtitle_zh}), version {metadata.version}, "
        f"released {released.isoformat()}. Licence {metadata.licence}."
    )
    if chapter:
        return f"{authors(metadata)} ({released.year}). \u201c{chapter}\u201d. In: {book}"
    return f"{authors(metadata)} ({released.year}). {book}"


def _bibtex_value(text: str) -> str:
    """Protect capitals and BibTeX specials in a field value."""
    return "{" + latex_escape(text, CITATION_SPECIALS) + "}"


def bibtex_authors(metadata: BookMetadata) -> str:
    """The author field: each name braced, so BibTeX keeps a group's name whole ('and' between names)."""
    return "{" + " and ".join("{" + author.name + "}" for author in metadata.authors) + "}"


def book_key(metadata: BookMetadata) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", metadata.title.lower()).strip("_")
    return f"{slug}_{metadata.version.replace('.', '_')}"


BIBTEX_WIDTH = 72  # longer lines would be wrapped with continuation marks in the PDF, breaking copy and paste


def bibtex_book(metadata: BookMetadata) -> str:
    """BibTeX ``@misc`` entry for the whole book (no publisher, so not ``@book``, which requires one)."""
    released: date = metadata.release_date
    fields = {
        "title": metadata.title,
        "author": bibtex_authors(metadata),
        "year": str(released.year),
        "version": str(metadata.version),
        "howpublished": f"Version {metadata.version}, released {released.isoformat()}",
        "note": f"{metadata.subtitle_zh}. Licence {metadata.licence}",
    }
    return _entry("misc", book_key(metadata), fields)


def bibtex_chapter(metadata: BookMetadata, number: int, docname: str, title: str) -> str:
    """BibTeX ``@misc`` entry for one chapter, naming the book and its version."""
    released: date = metadata.release_date
    fields = {
        "title": f"Chapter {number}: {title}",
        "author": bibtex_authors(metadata),
        "year": str(released.year),
        "version": str(metadata.version),
        "booktitle": metadata.title,
        "chapter": str(number),
        "howpublished": f"In: {metadata.title}, version {metadata.version}, released {released.isoformat()}",
        "note": f"Chapter file {docname}. Licence {metadata.licence}",
    }
    return _entry("misc", f"{book_key(metadata)}_ch{number}", fields)


def _entry(kind: str, key: str, fields: dict[str, str]) -> str:
    """A BibTeX entry whose lines fit BIBTEX_WIDTH (a field value may continue on the next lines)."""
    lines = [f"@{kind}{{{key},"]
    for name, value in fields.items():
        shown = value if name == "author" else _bibtex_value(value)
        start = f"  {name} = "
        lines.extend(
            textwrap.wrap(
                f"{start}{shown},",
                width=BIBTEX_WIDTH,
                subsequent_indent=" " * len(start),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    lines.append("}")
    return "\n".join(lines)


def citation_cff(metadata: BookMetadata) -> str:
    """The CITATION.cff document (Citation File Format 1.2.0) for the book."""

    def people() -> list[dict[str, str]]:  # a fresh list each time, so YAML writes no anchors
        return [{"name": author.name} for author in metadata.authors]

    document = {
        "cff-version": "1.2.0",
        "message": "If you use this book, its data or its numbers, please cite it as below.",
        "type": "software",
        "title": f"{metadata.title} ({metadata.subtitle_zh})",
        "authors": people(),
        "version": str(metadata.version),
        "date-released": metadata.release_date.isoformat(),
        "license": metadata.licence,
        "keywords": ["scaling laws", "convergence", "artificial intelligence", "executable book", "Epoch AI"],
        "preferred-citation": {
            "type": "book",
            "title": metadata.title,
            "authors": people(),
            "year": metadata.release_date.year,
            "version": str(metadata.version),
            "date-released": metadata.release_date.isoformat(),
            "license": metadata.licence,
        },
    }
    header = "# Generated from book.yml by `python -m scaling_book.render.citation`; do not edit by hand.\n"
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def changelog_dates(text: str) -> dict[str, str]:
    """Version -> release date of every entry of the changelog."""
    return {match["version"]: match["date"] for match in CHANGELOG_ENTRY.finditer(text)}


def release_problem(metadata: BookMetadata, changelog: str) -> str | None:
    """Why the changelog does not allow releasing ``book.yml``'s version, or None when it does."""
    version, released = str(metadata.version), metadata.release_date.isoformat()
    entries = changelog_dates(changelog)
    if version not in entries:
        return f"{CHANGELOG_FILE} has no entry for version {version}: add '## {version} — {released}' with what changed"
    if entries[version] != released:
        return (
            f"version {version} was already released on {entries[version]} according to {CHANGELOG_FILE}, "
            f"but book.yml says {released}: a version names one release, so bump the version in book.yml "
            "and add a new changelog entry"
        )
    return None


def _read_recorded(name: str) -> str:
    """A file of the project as text, recorded as an input of the executing chapter."""
    payload = (project_root() / name).read_bytes()
    provenance.note_input(name, payload)
    return payload.decode("utf-8")


def numbered_chapters() -> list[tuple[int, str, str]]:
    """(number, docname, title) of every numbered chapter, numbered on across parts as the book does."""
    site_map = parse_toc_data(yaml.safe_load(_read_recorded("_toc.yml")))
    chapters: list[tuple[int, str, str]] = []
    for subtree in site_map[site_map.root.docname].subtrees:
        if not subtree.numbered:
            continue
        for docname in subtree.files():
            title = next(
                line[2:].strip() for line in _read_recorded(f"{docname}.md").splitlines() if line.startswith("# ")
            )
            chapters.append((len(chapters) + 1, docname, title))
    return chapters


def changelog_markdown() -> str:
    """The changelog's entries as MyST for a page (entry headings become bold lines)."""
    text = _read_recorded(CHANGELOG_FILE)
    body = text.split("\n## ", 1)[1] if "\n## " in text else ""
    return re.sub(r"^## (.+)$", r"**\1**", "## " + body, flags=re.MULTILINE) if body else "No release yet."


def bibtex_block(entries: list[str]) -> str:
    """BibTeX entries as a Markdown code block, one blank line between entries."""
    return "```bibtex\n" + "\n\n".join(entries) + "\n```"


def how_to_cite_chapter() -> ChapterResults:
    """The how-to-cite page: the version glued into its prose, and the book's and the chapters' citations."""
    # Imported here, so the command line and the Sphinx configuration need not import IPython and Altair.
    from scaling_book.render.tables import md_escape
    from scaling_book.views.results import ChapterResults

    results = ChapterResults()
    metadata = book_metadata()
    chapters = numbered_chapters()
    results.text("cite.version", str(metadata["version"]))
    results.text("cite.release_date", metadata["release_date"].isoformat())
    results.text("cite.key", book_key(metadata))
    results.block("cite-book-text", md_escape(plain_citation(metadata)))
    results.block("cite-book-bibtex", bibtex_block([bibtex_book(metadata)]))
    number, _, title = chapters[0]  # the first chapter's citation stands for all
    results.block("cite-chapter-text", md_escape(plain_citation(metadata, chapter=f"{number}. {title}")))
    every = bibtex_block([bibtex_chapter(metadata, *chapter) for chapter in chapters])
    first = bibtex_block([bibtex_chapter(metadata, *chapters[0])])
    # Every chapter's entry in HTML; print shows the first and says where the rest are (they fill six pages).
    results.block(
        "cite-chapters-bibtex",
        f"::::::{{only}} html\n{every}\n::::::\n\n::::::{{only}} latex\n{first}\n\nThe HTML edition lists the "
        f"entry of each of the {len(chapters)} numbered chapters, built the same way.\n::::::",
    )
    return results


def changelog_chapter() -> ChapterResults:
    """The changelog page: the changelog's entries as one Markdown block, 'changelog'."""
    from scaling_book.views.results import ChapterResults

    results = ChapterResults()
    results.block("changelog", changelog_markdown())
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if CITATION.cff is not up to date")
    args = parser.parse_args(argv)
    target = project_root() / CFF_FILE
    wanted = citation_cff(book_metadata())
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != wanted:
            print(
                f"{CFF_FILE} is out of date with book.yml: run python -m scaling_book.render.citation", file=sys.stderr
            )
            return 1
        return 0
    target.write_text(wanted, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
