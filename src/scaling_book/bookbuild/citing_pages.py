"""Sphinx extension of the build: a page that cites the bibliography is re-read whenever the bibliography changes.

sphinxcontrib-bibtex makes only the page with the ``{bibliography}`` directive depend on the ``.bib`` files.
A citation's label and hover text (an Epoch entry's snapshot date and SHA-256, from the manifest) are
written into the citing page too, so without this a page like ``how_to_cite`` kept the old snapshot's values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

CITATION_DOMAINS = ("cite", "footcite")


def cites(doctree: nodes.document) -> bool:
    """Whether the page holds a citation (``{cite:p}``, ``{cite:t}``, … or a footnote citation)."""
    return any(node.get("refdomain") in CITATION_DOMAINS for node in doctree.findall(addnodes.pending_xref))


def note_bibliography(app: Sphinx, doctree: nodes.document) -> None:
    """Record the bibliography files as dependencies of a page that cites them."""
    if cites(doctree):
        for name in app.config.bibtex_bibfiles:
            app.env.note_dependency(str((Path(app.srcdir) / name).resolve()))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", note_bibliography)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
