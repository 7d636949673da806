"""Sphinx extension of the book's HTML: Chinese tagged ``lang="zh"``, a quiet Chinese search index, the PDF
in the toolbar's download menu.

Every written page has each run of Chinese characters in its text wrapped in ``<span lang="zh">``, so
browsers pick Chinese glyphs and screen readers a Chinese voice (never inside code, scripts, styles, the
``<title>`` or attributes). The search index splits Chinese with jieba (``html_search_language: zh``),
whose start-up messages are silenced. The download menu offers the book's PDF beside the notebook.
Each page carries the book's citation and its own address in ``<meta>`` tags, from which a chart's
"Cite this figure" link writes the figure's citation (``render/assets/charts.js``).
"""

from __future__ import annotations

import html
import logging
import re
import warnings
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

LANG_SPAN = '<span lang="zh">'
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"  # 。，、「」（） and full-width forms
# A run of Chinese: CJK characters with at least one ideograph (a lone full-width comma is not Chinese text).
CHINESE_RUN = re.compile(f"[{IDEOGRAPHS}{CJK_PUNCTUATION}]*[{IDEOGRAPHS}][{IDEOGRAPHS}{CJK_PUNCTUATION}]*")
# Comments, elements whose content is not markup (taken whole), and tags (quoted values may hold ">").
HTML_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea|title)\b(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>"
    r"|</?[a-zA-Z!?](?:[^\"'>]|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Elements whose text is code, notation or a form value: its Chinese is left as it is.
UNTAGGED = frozenset({"code", "pre", "kbd", "samp", "svg", "math", "option"})
DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of the toolbar's download menu
PRINT_BUTTON = "download-pdf-button"  # the theme's ".pdf" entry, which only prints the page (hidden by book.css)
FIGURE_SLOT = "{figure}"  # where charts.js puts "Figure 7.2: caption" into the book's citation


def tag_chinese(html: str) -> str:
    """``html`` with each run of Chinese in its text (outside code, scripts and attributes) in ``<span lang="zh">``.

    Idempotent: text already directly inside such a span is left alone.
    """
    pieces: list[str] = []
    open_untagged = 0
    previous = ""
    position = 0
    for token in HTML_TOKEN.finditer(html):
        pieces.append(_tag_text(html[position : token.start()], open_untagged == 0 and previous != LANG_SPAN))
        previous = token.group(0)
        pieces.append(previous)
        position = token.end()
        name = TAG_NAME.match(previous)
        if name and name.group(2).lower() in UNTAGGED and not previous.endswith("/>"):
            open_untagged = max(0, open_untagged + (-1 if name.group(1) else 1))
    pieces.append(_tag_text(html[position:], open_untagged == 0 and previous != LANG_SPAN))
    return "".join(pieces)


def _tag_text(text: str, taggable: bool) -> str:
    return CHINESE_RUN.sub(lambda run: f"{LANG_SPAN}{run.group(0)}</span>", text) if taggable else text


def tag_chinese_in_pages(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, tag the Chinese of every page the build wrote or kept (rewriting is idempotent)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        if page.relative_to(outdir).parts[0] in {"_static", "_sources", "_images"}:
            continue
        html = page.read_text(encoding="utf-8")
        tagged = tag_chinese(html)
        if tagged != html:
            page.write_text(tagged, encoding="utf-8")


def quiet_chinese_search(app: Sphinx, config: Config) -> None:
    """Keep jieba's start-up messages ("Building prefix dict ...", a pkg_resources warning) off stderr when the
    index is Chinese."""
    if str(config.html_search_language or "").startswith("zh"):
        with warnings.catch_warnings():  # jieba 0.42.1 imports the deprecated pkg_resources when it can
            warnings.simplefilter("ignore", UserWarning)
            import jieba  # type: ignore[import-untyped]  # only the Chinese search language needs it

        jieba.setLogLevel(logging.WARNING)


def book_pdf_button(pdf_url: str, version: str) -> dict[str, str]:
    """The download menu's entry for the book's PDF (a sphinx-book-theme button description)."""
    return {
        "type": "link",
        "url": pdf_url,
        "text": "Book PDF",
        "tooltip": f"Download the whole book as a PDF (version {version})",
        "icon": "fas fa-file-pdf",
        "label": "download-book-pdf-button",
    }


def add_pdf_to_download_menu(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the book's PDF in the toolbar's download menu, before the theme's print entry."""
    pdf_name = context.get("pdf_name")
    if not pdf_name:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == DOWNLOAD_GROUP:
            buttons = group["buttons"]
            labels = [button.get("label") for button in buttons]
            place = labels.index(PRINT_BUTTON) if PRINT_BUTTON in labels else len(buttons)
            url = context["pathto"](pdf_name, 1)
            buttons.insert(place, book_pdf_button(url, str(context.get("book_version", ""))))


def citation_meta(citation: str, url: str, page: str) -> str:
    """The ``<meta>`` tags a chart's cite link reads: the citation with its figure slot, the book's address, the page."""
    tags = {"sb:figure-citation": citation, "sb:book-url": url, "sb:page": page}
    return "".join(
        f'<meta name="{name}" content="{html.escape(value, quote=True)}" />\n' for name, value in tags.items() if value
    )


def add_citation_meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give every page the tags of :func:`citation_meta` (its address relative to the book's root)."""
    citation = str(context.get("figure_citation", ""))
    if citation:
        page = pagename + str(context.get("file_suffix", ".html"))
        url = str(app.config.book_url)  # book.yml's url, a config value render/sphinx_ext.py registers
        context["metatags"] = context.get("metatags", "") + citation_meta(citation, url, page)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", quiet_chinese_search)
    # After sphinx-book-theme builds its header buttons (priority 501).
    app.connect("html-page-context", add_pdf_to_download_menu, priority=600)
    app.connect("html-page-context", add_citation_meta)
    app.connect("build-finished", tag_chinese_in_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
