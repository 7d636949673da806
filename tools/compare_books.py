"""Compare two built books: numbers.json, every exhibit CSV, the text of every HTML page and of the PDF.

    python tools/compare_books.py OLD_BUILD NEW_BUILD [NEW=OLD ...]   # each a folder holding html/ and pdf/

Each optional ``NEW=OLD`` pair is an intended rename (e.g. a module path named in a source line): the new
text is compared with ``NEW`` read as ``OLD``. The PDF's text is compared word by word, with line-end
hyphens joined, so a renamed word that reflows a paragraph does not hide or fake a difference.

Prints each difference (a number's value/unit/text/chapter, a CSV, a page's text lines, the PDF's text lines)
and exits 1 when there is one. ``sources`` of numbers are compared separately and only counted, since
they list what a chapter had read so far, which a refactor may reorder.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path


class _Text(HTMLParser):
    """Visible text of a page's main article, one line per block."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in {"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "br", "td", "th", "caption"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(path: Path) -> list[str]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return [line.strip() for line in "".join(parser.parts).splitlines() if line.strip()]


def pdf_text(folder: Path) -> list[str]:
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        return []
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.rstrip() for line in text.splitlines()]


RENAMES: list[tuple[str, str]] = []


def renamed(lines: list[str]) -> list[str]:
    for new, old in RENAMES:
        lines = [line.replace(new, old) for line in lines]
    return lines


def words(lines: list[str]) -> list[str]:
    """The PDF's words in reading order: hyphens at line ends joined, page furniture kept."""
    text = "\n".join(lines)
    text = text.replace("-\n", "")
    return text.split()


def diff(label: str, old: list[str], new: list[str], limit: int = 12) -> int:
    new = renamed(new)
    if old == new:
        return 0
    lines = list(difflib.unified_diff(old, new, lineterm="", n=0))[2:]
    print(f"== {label}: {sum(1 for line in lines if line[:1] in '+-')} changed line(s)")
    for line in lines[:limit]:
        print("   " + line[:220])
    return 1


def compare(old: Path, new: Path) -> int:
    differences = 0
    old_numbers = json.loads((old / "html/numbers.json").read_text(encoding="utf-8"))
    new_numbers = json.loads((new / "html/numbers.json").read_text(encoding="utf-8"))
    old_entries = old_numbers.get("numbers", old_numbers)
    new_entries = new_numbers.get("numbers", new_numbers)
    sources_changed = 0
    for key in sorted(set(old_entries) | set(new_entries)):
        a, b = old_entries.get(key), new_entries.get(key)
        if a is None or b is None:
            print(f"== number {key}: {'added' if a is None else 'removed'}")
            differences += 1
            continue
        strip = {name: value for name, value in a.items() if name != "sources"}
        if strip != {
            name: renamed([value])[0] if isinstance(value, str) else value
            for name, value in b.items()
            if name != "sources"
        }:
            print(f"== number {key}: {strip} -> {b}")
            differences += 1
        sources_changed += a.get("sources") != b.get("sources")
    print(f"numbers: {len(old_entries)} before, {len(new_entries)} after; sources lists changed for {sources_changed}")
    for folder, pattern, reader in (
        ("html/data", "*.csv", lambda p: p.read_text(encoding="utf-8").splitlines()),
        ("html", "**/*.html", page_text),
    ):
        old_files = {p.relative_to(old / folder).as_posix() for p in (old / folder).glob(pattern)}
        new_files = {p.relative_to(new / folder).as_posix() for p in (new / folder).glob(pattern)}
        for name in sorted(old_files ^ new_files):
            print(f"== {folder}/{name}: only {'before' if name in old_files else 'after'}")
            differences += 1
        for name in sorted(old_files & new_files):
            differences += diff(f"{folder}/{name}", reader(old / folder / name), reader(new / folder / name))
    differences += diff("PDF words", words(pdf_text(old / "pdf")), words(renamed(pdf_text(new / "pdf"))), limit=30)
    print(f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    RENAMES.extend(tuple(pair.split("=", 1)) for pair in sys.argv[3:])  # type: ignore[misc]
    sys.exit(compare(Path(sys.argv[1]), Path(sys.argv[2])))
