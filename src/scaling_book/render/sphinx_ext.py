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
from sphinx.writers.latex import LaTeXTranslator

from scaling_book.render.latex_text import ALLOWED_BREAK

PART_PREFIX = re.compile(r"^Part\s+[IVXLC\d]+\s*[—–:-]\s*")  # "Part I — " is LaTeX's own numbering
BACK_MATTER = "Back matter"  # this caption starts the appendices (lettered chapters) instead of a part
# After LaTeX's \\appendix, number tables and figures by the chapter's letter (Sphinx uses \\arabic{chapter}).
APPENDIX_NUMBERING = "".join(
    rf"\renewcommand{{\the{kind}}}{{\thechapter.\arabic{{{kind}}}}}" for kind in ("figure", "table", "literalblock")
)
# The back matter gets a divider page of its own, listed in the contents (and the PDF's bookmarks) at the level of
# a part, so its appendices are not read as chapters of the last part.
APPENDICES = (
    r"\cleardoublepage\phantomsection\addcontentsline{toc}{part}{Appendices}\part*{Appendices}\appendix"
    + APPENDIX_NUMBERING
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
                start = APPENDICES if caption == BACK_MATTER else rf"\part{{{escape(caption)}}}"
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
                raw.parent.replace(following, html_edition_pointer(found.group(1), self.config.book_url))


def html_edition_pointer(path: str, url: str) -> nodes.Node:
    """ "Data: <path> in the HTML edition.", the path a link to the file when ``book.yml`` gives the book's URL.

    The link is LaTeX's own ``\\href``, not a reference: Sphinx would add a footnote repeating the address.
    """
    if not url:
        return nodes.Text(f"Data: {path} in the HTML edition.")
    target = url.rstrip("/") + "/" + path
    return _inline_latex(rf"Data: \href{{{_href_target(target)}}}{{{escape(path)}}} in the HTML edition.")


def _href_target(uri: str) -> str:
    """A URL as the first argument of ``\\href`` takes it: ``%`` and ``#`` escaped."""
    return uri.replace("%", r"\%").replace("#", r"\#")


class LatexIdentifierBreaks(SphinxPostTransform):
    """In the PDF's running text, let inline code (identifiers, file names) break after ``_ . /`` like in tables."""

    builders = ("latex",)
    default_priority = 401  # after LatexTableCells, which has done the tables' cells

    # run, not apply: SphinxPostTransform.apply checks the builder (these must not touch the HTML).
    def run(self, **kwargs: Any) -> None:
        for literal in list(self.document.findall(nodes.literal)):
            # Highlighted code is typeset from its text, and a title's code also becomes a PDF bookmark.
            if literal.get("language") or any(isinstance(node, nodes.title) for node in _ancestors(literal)):
                continue
            for text in list(literal.findall(nodes.Text)):
                if ALLOWED_BREAK.search(text) and not isinstance(text.parent, nodes.raw):
                    pieces: list[nodes.Node] = []
                    for index, piece in enumerate(ALLOWED_BREAK.split(str(text))):
                        pieces += ([_inline_latex(r"\allowbreak{}")] if index else []) + [nodes.Text(piece)]
                    text.parent.replace(text, pieces)


# A file name, path, URL or dotted name in running text (data/framework/areas.csv, L3.new_product_adoption).
IDENTIFIER_TOKEN = re.compile(r"[^\s()\[\],;]*[A-Za-z0-9][_/.][A-Za-z][^\s()\[\],;]*?(?=[.,:;]?(?:\s|$))")
NO_HYPHENATION = "sbnohyphen"  # \\DUrolesbnohyphen (bookbuild/sphinx.py) boxes its text: TeX cannot hyphenate it


def unhyphenated_identifiers(text: str) -> list[nodes.Node]:
    """``text`` with each identifier in boxed pieces that break only after ``_ . /``, never with a hyphen."""
    pieces: list[nodes.Node] = []
    position = 0
    for found in IDENTIFIER_TOKEN.finditer(text):
        if found.start() > position:
            pieces.append(nodes.Text(text[position : found.start()]))
        for index, piece in enumerate(ALLOWED_BREAK.split(found.group())):
            pieces += ([_inline_latex(r"\allowbreak{}")] if index else []) + [
                nodes.inline(piece, piece, classes=[NO_HYPHENATION])
            ]
        position = found.end()
    if position < len(text):
        pieces.append(nodes.Text(text[position:]))
    return pieces


class LatexProseIdentifiers(SphinxPostTransform):
    """In the PDF's paragraphs outside tables (source lines among them), identifiers are not hyphenated."""

    builders = ("latex",)
    default_priority = 402

    # run, not apply: SphinxPostTransform.apply checks the builder (these must not touch the HTML).
    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if any(isinstance(node, nodes.table | nodes.title) for node in _ancestors(paragraph)):
                continue
            for text in list(paragraph.findall(nodes.Text)):
                parents = [text.parent, *_ancestors(text.parent)]
                if any(
                    isinstance(node, nodes.literal | nodes.math | nodes.raw | nodes.FixedTextElement | nodes.reference)
                    for node in parents
                ):
                    continue
                if IDENTIFIER_TOKEN.search(text):
                    text.parent.replace(text, unhyphenated_identifiers(str(text)))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


IDENTIFIER_LINK = re.compile(r"^(?:arXiv|doi|DOI):(\S+)$")


class LinkIdentifiersOnce(SphinxPostTransform):
    """An arXiv id or DOI that links to its own address is the link itself in the PDF: no footnote repeats the URL
    (Sphinx's ``latex_show_urls: footnote`` would glue the footnote's number to the id)."""

    builders = ("latex",)
    default_priority = 390  # before Sphinx's ShowUrlsTransform (400) adds the footnotes

    # run, not apply: SphinxPostTransform.apply checks the builder (these must not touch the HTML).
    def run(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            found = IDENTIFIER_LINK.match(reference.astext())
            uri = reference.get("refuri", "")
            if found and uri.endswith(found.group(1)):
                link = rf"\href{{{_href_target(uri)}}}{{\nolinkurl{{{reference.astext()}}}}}"
                reference.parent.replace(reference, _inline_latex(link))


_NUMBER = r"[-−+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:%|×)?"
NUMERIC_CELL = re.compile(rf"^(?:{_NUMBER}(?:\s*[–-]\s*{_NUMBER})?|[–—-]|)$")  # 1,324  12.1  83.8%  4.0–25.2  –
NUMERIC_CLASS = "sb-num"  # _static/book.css sets these cells right-aligned, in tabular figures


def numeric_column(cells: list[str]) -> bool:
    """Whether a column's body cells are all numbers (or number ranges, or a dash for none), at least one a number."""
    return any(cell.strip() not in ("", "–", "—", "-") for cell in cells) and all(
        NUMERIC_CELL.match(cell.strip()) for cell in cells
    )


class NumericColumns(SphinxTransform):
    """Mark the cells of each book table's columns of numbers, head included, so HTML aligns them right."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "sb-table" not in table["classes"]:
                continue
            rows = [list(row.findall(nodes.entry)) for row in table.findall(nodes.row)]
            body = [list(row.findall(nodes.entry)) for body in table.findall(nodes.tbody) for row in body.children]
            for column in range(min((len(row) for row in rows), default=0)):
                if body and numeric_column([row[column].astext() for row in body if column < len(row)]):
                    for row in rows:
                        row[column]["classes"].append(NUMERIC_CLASS)


class BookLatexTranslator(LaTeXTranslator):
    """Sphinx's LaTeX writer, except that a table's first and last body rows are not left alone on a page.

    Where :func:`glued_row` says so, the row end is followed by ``\\noalign{\\nobreak}`` (no page break there).
    (Longtable's starred row end does not hold in Sphinx's tables, whose colortbl rows end through another macro.)
    """

    def depart_row(self, node: nodes.Element) -> None:
        super().depart_row(node)
        if isinstance(node.parent, nodes.tbody) and glued_row(node.parent.index(node), len(node.parent)):
            row_end = len(self.body) - 1 - self.body[::-1].index(ROW_END)
            self.body[row_end] = ROW_END_KEPT


ROW_END = "\\\\\n"  # what Sphinx's depart_row writes
ROW_END_KEPT = "\\\\\\noalign{\\nobreak}\n"


def glued_row(index: int, rows: int) -> bool:
    """Whether body row ``index`` (from 0) of ``rows`` must stay on the page of the row after it.

    The first row stays with the second; the last with the one before it only in tables of four rows or more,
    so every table of three rows or more can still break somewhere: a table that cannot break, below a chart
    placed at the top of a page, would run past the page's bottom.
    """
    return rows > 1 and (index == 0 or (rows >= 4 and index == rows - 2))


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
    app.add_transform(NumericColumns)
    app.add_post_transform(LatexFrontMatterAndParts)
    app.add_post_transform(LatexTableCells)
    app.set_translator("latex", BookLatexTranslator)
    app.add_post_transform(LatexIdentifierBreaks)
    app.add_post_transform(LinkIdentifiersOnce)
    app.add_post_transform(LatexProseIdentifiers)
    app.add_config_value("book_url", "", "env")  # book.yml's url (bookbuild/sphinx.py), or "" when it gives none
    app.connect("env-get-updated", number_appendix_exhibits, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
