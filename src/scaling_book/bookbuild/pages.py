"""The pages of the book as ``_toc.yml`` lists them, and which of them are notebooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sphinx_external_toc.parsing import parse_toc_yaml


class BuildFailure(RuntimeError):
    """A build step failed; the message says what to fix."""


@dataclass(frozen=True)
class Page:
    """One page of the book: its Sphinx docname and its source file."""

    docname: str  # e.g. "chapters/overview"
    source: Path

    @property
    def is_notebook(self) -> bool:
        """A MyST Markdown notebook has a ``kernelspec`` in its YAML front matter."""
        return self.source.suffix == ".md" and "kernelspec" in front_matter(self.source)


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    loaded = yaml.safe_load(text[4:end])
    return loaded if isinstance(loaded, dict) else {}


def book_pages(root: Path) -> list[Page]:
    """Pages in table-of-contents order; a listed file that does not exist stops the build."""
    site_map = parse_toc_yaml(root / "_toc.yml")
    pages = []
    for docname in site_map.keys():
        candidates = [root / f"{docname}{suffix}" for suffix in (".md", ".ipynb")]
        found = [path for path in candidates if path.is_file()]
        if not found:
            raise BuildFailure(f"_toc.yml lists {docname!r} but neither {docname}.md nor {docname}.ipynb exists")
        if len(found) > 1:
            raise BuildFailure(f"{docname} exists as both .md and .ipynb: keep one")
        pages.append(Page(docname, found[0]))
    return pages
