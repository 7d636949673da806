"""Sphinx extension of the book: the PDF's front matter and parts, and appendix numbering.

Sphinx's LaTeX writer drops the root document's title and turns its sections into
numbered chapters, and it ignores the captions of the table of contents. This
extension makes the root page (the preface) an unnumbered chapter with unnumbered
sections, and starts a LaTeX ``\\part`` at each caption of ``_toc.yml``. The chapters
after the "Back matter" caption are appendices A, B, ...: their tables and figures are
numbered A.1, A.2, ... in both the HTML and the PDF. In the PDF, the book's tables may
break long identifiers after ``_``, ``.`` and ``/``, and a table's CSV download link
(which a printed page cannot follow) names the file of the HTML edition instead.
"""

from __future__ import annotations

import re
from string import ascii_uppercase
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from scaling_book.render.latex_text import ALLOWED_BREAK

PART_PREFIX = re.compile(r"^Part\s+[IVXLC\d]+\s*[—–:-]\s*")  # "Part I — " is LaTeX's own numbering
BACK_MATTER = "Back matter"  # this caption starts the appendices (lettered chapters) instead of a part
# After LaTeX's \\appendix, number tables and figures by the chapter's letter (Sphinx uses \\arabic{chapter}).
APPENDIX_NUMBERING = "".join(
    rf"\renewcommand{{\the{kind}}}{{\thechapter.\arabic{{{kind}}}}}" for kind in ("figure", "table", "literalblock")
)
TABLE_SIZE = "sb-size-"  # class of a book table naming its font size in the PDF (set by scaling_book.render.tables)
FONT_SIZES = ("normalsize", "small", "footnotesize", "scriptsize")
TABLE_PADDING = "4pt"  # \\tabcolsep of the book's tables (scaling_book.render.tables.PADDING_PT is twice this)
DOWNLOAD_LINK = re.compile(r'<a class="sb-download" href="(?:\.\./)*(data/[a-z0-9-]+\.csv)"')


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

    def run(self, **kwargs: Any) -> None:
        if not any(True for _ in self.document.findall(addnodes.start_of_file)):
            return  # not the assembled book
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None:
            return
        title = root.children[0].astext() if isinstance(root.children[0], nodes.title) else "Preface"
        preface: list[nodes.Node] = [
            _latex(
                rf"\chapter*{{{escape(title)}}}\addcontentsline{{toc}}{{chapter}}{{{escape(title)}}}"
                rf"\markboth{{{escape(title)}}}{{{escape(title)}}}"
            )
        ]
        parts: list[nodes.Node] = []
        for child in root.children[1:]:
            if isinstance(child, nodes.compound) and "book_part" in child:
                caption = PART_PREFIX.sub("", child["book_part"])
                start = r"\appendix" + APPENDIX_NUMBERING if caption == BACK_MATTER else rf"\part{{{escape(caption)}}}"
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


class LatexTableCells(SphinxPostTransform):
    """In the PDF: set each book table at its font size, let its identifiers break after ``_ . /``, and name its
    CSV in words instead of a link."""

    builders = ("latex",)
    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "sb-table" in table["classes"]:
                sizes = [name[len(TABLE_SIZE) :] for name in table["classes"] if name.startswith(TABLE_SIZE)]
                size = sizes[0] if sizes and sizes[0] in FONT_SIZES else "normalsize"
                table.parent.insert(
                    table.parent.index(table), _latex(rf"\begingroup\setlength{{\tabcolsep}}{{{TABLE_PADDING}}}\{size}")
                )
                table.parent.insert(table.parent.index(table) + 1, _latex(r"\endgroup"))
                for text in list(table.findall(nodes.Text)):
                    if not isinstance(text.parent, nodes.FixedTextElement) and ALLOWED_BREAK.search(text):
                        pieces: list[nodes.Node] = []
                        for index, piece in enumerate(ALLOWED_BREAK.split(str(text))):
                            pieces += ([_inline_latex(r"\allowbreak{}")] if index else []) + [nodes.Text(piece)]
                        text.parent.replace(text, pieces)
        for raw in list(self.document.findall(nodes.raw)):
            found = DOWNLOAD_LINK.match(raw.astext()) if "html" in raw.get("format", "").split() else None
            following = raw.next_node(descend=False, siblings=True)
            if found and isinstance(following, nodes.Text):
                raw.parent.replace(following, nodes.Text(f"Data: {found.group(1)} in the HTML edition."))


def _inline_latex(text: str) -> nodes.raw:
    return nodes.raw("", text, format="latex")


def appendix_docnames(env: BuildEnvironment) -> list[str]:
    """The documents listed under the "Back matter" caption of the root page's table of contents, in order."""
    if env.config.root_doc not in env.found_docs:
        return []
    for toctree in env.get_doctree(env.config.root_doc).findall(addnodes.toctree):
        if PART_PREFIX.sub("", toctree.get("caption") or "") == BACK_MATTER:
            return [docname for _, docname in toctree["entries"]]
    return []


def number_appendix_exhibits(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number the tables and figures of the n-th appendix (letter A, B, ...) n.1, n.2, ..., as LaTeX does."""
    for letter, docname in zip(ascii_uppercase, appendix_docnames(env)):
        for kind, numbers in env.toc_fignumbers.get(docname, {}).items():
            in_order = sorted(numbers, key=lambda name: numbers[name])
            # Sphinx declares the numbers as ints; it joins them with "." however they are written.
            env.toc_fignumbers[docname][kind] = {
                name: (letter, index)  # type: ignore[misc]
                for index, name in enumerate(in_order, 1)
            }
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scaling_book.render.sphinx_html")  # the HTML's Chinese, search and PDF download
    app.setup_extension("scaling_book.render.index_terms")  # the index of key terms
    app.add_transform(RememberToctreeCaptions)
    app.add_post_transform(LatexFrontMatterAndParts)
    app.add_post_transform(LatexTableCells)
    app.connect("env-get-updated", number_appendix_exhibits, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
