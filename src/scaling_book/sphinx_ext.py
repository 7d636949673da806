"""Sphinx extension of the book: the PDF's front matter and parts.

Sphinx's LaTeX writer drops the root document's title and turns its sections into
numbered chapters, and it ignores the captions of the table of contents. This
extension makes the root page (the preface) an unnumbered chapter with unnumbered
sections, and starts a LaTeX ``\\part`` at each caption of ``_toc.yml``.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

PART_PREFIX = re.compile(r"^Part\s+[IVXLC\d]+\s*[—–:-]\s*")  # "Part I — " is LaTeX's own numbering
BACK_MATTER = "Back matter"  # this caption starts the appendices (lettered chapters) instead of a part


class RememberToctreeCaptions(SphinxTransform):
    """On the root page, copy each toctree's caption to its wrapper, which survives LaTeX assembly."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname != self.config.root_doc:
            return
        for wrapper in self.document.findall(nodes.compound):
            if "toctree-wrapper" in wrapper["classes"] and wrapper.children:
                toctree = wrapper.children[0]
                if isinstance(toctree, addnodes.toctree) and toctree.get("caption"):
                    wrapper["book_part"] = toctree["caption"]


def _latex(text: str) -> nodes.raw:
    return nodes.raw("", text + "\n", format="latex")


class LatexFrontMatterAndParts(SphinxPostTransform):
    """Restructure the assembled LaTeX document: unnumbered preface first, then one part per caption."""

    builders = ("latex",)
    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        if not any(True for _ in self.document.findall(addnodes.start_of_file)):
            return  # not the assembled book
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None:
            return
        title = root.children[0].astext() if isinstance(root.children[0], nodes.title) else "Preface"
        preface: list[nodes.Node] = [_latex(
            rf"\chapter*{{{escape(title)}}}\addcontentsline{{toc}}{{chapter}}{{{escape(title)}}}"
            rf"\markboth{{{escape(title)}}}{{{escape(title)}}}")]
        parts: list[nodes.Node] = []
        for child in root.children[1:]:
            if isinstance(child, nodes.compound) and "book_part" in child:
                caption = PART_PREFIX.sub("", child["book_part"])
                start = r"\appendix" if caption == BACK_MATTER else rf"\part{{{escape(caption)}}}"
                parts += [_latex(start), child]
            elif isinstance(child, nodes.section):
                preface += self._unnumbered(child)
            else:
                preface.append(child)
        root.children = [root.children[0], *preface, *parts]
        for node in root.children[1:]:
            node.parent = root

    def _unnumbered(self, section: nodes.section) -> list[nodes.Node]:
        """A preface section as an unnumbered LaTeX section, keeping its content and label."""
        heading = section.children[0].astext()
        result: list[nodes.Node] = [_latex(rf"\section*{{{escape(heading)}}}")]
        for child in section.children[1:]:
            result += self._unnumbered(child) if isinstance(child, nodes.section) else [child]
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(RememberToctreeCaptions)
    app.add_post_transform(LatexFrontMatterAndParts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
