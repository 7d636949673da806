"""Run Sphinx (HTML or LaTeX) on the staged sources, and xelatex on the LaTeX output.

Sphinx runs in a child process with every warning turned into an error; the child
writes its warnings to a file so the parent can repeat them at the end of the output.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyter_book.config import get_final_config
from sphinx_external_toc.parsing import parse_toc_yaml

from scaling_book.bookbuild.pages import BuildFailure
from scaling_book.inputs.settings import BookMetadata
from scaling_book.render.citation import authors as citation_authors
from scaling_book.render.citation import book_key, plain_citation
from scaling_book.render.latex_text import latex_escape
from scaling_book.render.sphinx_html import FIGURE_SLOT

LATEX_TARGET = "book.tex"
# Jupyter Book defaults the book does not use: Thebe (live code from a CDN, and it declares its
# globals twice on a page) and the comment widgets.
UNUSED_EXTENSIONS = ("sphinx_thebe", "sphinx_comments")
UNUSED_SETTINGS = ("comments_config", "use_thebe", "thebe_config")


def build_commit(root: Path) -> str:
    """The git commit the book is built from (12 digits, "+ changes" when tracked files differ), or "" outside git."""
    run = {"cwd": root, "capture_output": True, "text": True, "check": False}
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], **run)  # type: ignore[call-overload]
    if head.returncode != 0:
        return ""
    changed = subprocess.run(["git", "diff", "--quiet", "HEAD", "--"], **run)  # type: ignore[call-overload]
    return head.stdout.strip() + (" + changes" if changed.returncode != 0 else "")


def latex_colophon(metadata: BookMetadata, commit: str) -> str:
    """The colophon at the foot of the title verso: edition, licence, build commit, and the URL and DOI if any."""
    lines = [
        rf"\textbf{{{latex_escape(metadata.title)}}} ({latex_escape(metadata.subtitle_zh)})",
        rf"Version {latex_escape(metadata.version)}, released {metadata.release_date.isoformat()}",
        rf"© {metadata.release_date.year} {latex_escape(citation_authors(metadata))}. "
        rf"Licence: {latex_escape(metadata.licence_name)} ({latex_escape(metadata.licence)})",
        rf"Built from commit \texttt{{{latex_escape(commit)}}} of the book's sources"
        if commit
        else "Built from sources outside version control (no commit recorded)",
    ]
    if metadata.url:
        lines.append(rf"HTML edition: \url{{{metadata.url}}}")
    if metadata.doi:
        lines.append(rf"DOI: \href{{https://doi.org/{metadata.doi}}}{{\nolinkurl{{{metadata.doi}}}}}")
    return "\n\\vfill\n\\noindent{\\small\\raggedright\\section*{Colophon}\n" + "\\\\\n".join(lines) + "\\par}\n"


def latex_title_page(metadata: BookMetadata, commit: str = "") -> str:
    """The PDF's title page and, on the page after it, a box saying how to cite the book above the colophon."""
    authors = citation_authors(metadata)
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{3.5cm}}
  {{\Huge\bfseries {latex_escape(metadata.title)}\par}}
  \vspace{{0.8cm}}
  {{\LARGE {latex_escape(metadata.subtitle_zh)}\par}}
  \vspace{{2.5cm}}
  {{\Large {latex_escape(authors)}\par}}
  \vfill
  {{\large Version {latex_escape(metadata.version)} \quad {latex_escape(metadata.release_date.isoformat())}\par}}
  \vspace{{0.4cm}}
  {{{latex_escape(metadata.licence_name)} ({latex_escape(metadata.licence)})\par}}
\end{{titlepage}}
\thispagestyle{{empty}}
\section*{{How to cite this book}}
\noindent\fbox{{\parbox{{\dimexpr\linewidth-2\fboxsep-2\fboxrule\relax}}{{%
{latex_escape(plain_citation(metadata))}\par\medskip
BibTeX key \texttt{{{latex_escape(book_key(metadata))}}}; the entries for the book and for each chapter are in
the appendix “How to cite”.}}}}
{latex_colophon(metadata, commit)}\clearpage
"""


def latex_pdf_info(metadata: BookMetadata) -> str:
    """The PDF's document information (title, author, subject: what ``pdfinfo`` shows), from ``book.yml``."""
    authors = citation_authors(metadata)
    subject = f"{metadata.subtitle_zh}, version {metadata.version}"
    return (
        f"\n\\AtBeginDocument{{\\hypersetup{{pdftitle={{{latex_escape(metadata.title)}}}, "
        f"pdfauthor={{{latex_escape(authors)}}}, pdfsubject={{{latex_escape(subject)}}}}}}}\n"
    )


# Contents, then the list of figures, in roman page numbers like Sphinx's own contents. No list of tables: with
# over a hundred tables it filled five pages, and each table is found from its chapter in the contents.
# (Sphinx names the contents after the first caption of the table of contents; it is "Contents" here.)
LATEX_CONTENTS = (
    r"\renewcommand{\contentsname}{Contents}"
    r"\pagenumbering{roman}\begingroup\parskip 0pt\sphinxtableofcontentshook\tableofcontents"
    r"\listoffigures\endgroup\clearpage\pagenumbering{arabic}"
)


# The text faces of Sphinx's xelatex default, and a monospace legible at small sizes (DejaVu Sans Mono, scaled to
# FreeSerif's x-height) that TeX never hyphenates: identifiers break only where the book allows (after _ . /).
LATEX_FONTS = r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold,
  BoldItalicFont=*BoldOblique]
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase, HyphenChar=None]
"""
# Sphinx's compact fncychap Bjarne heads with numeric chapter openers ("Chapter 21", "Appendix A"), not Bjarne's
# spelled-out "TWENTYONE", and titles as written rather than in capitals.
LATEX_CHAPTER_STYLE = (
    r"\usepackage[Bjarne]{fncychap}\makeatletter\renewcommand{\TheAlphaChapter}{\thechapter}\makeatother"
    r"\ChNameAsIs\ChTitleAsIs"
)
LATEX_CRAFT = r"""
% Letters and digits in formulas from the text face (FreeSerif), not Computer Modern.
\usepackage[italic]{mathastext}
\makeatletter
% A heading, or a table's caption and head, within a few lines of the page foot starts the next page instead
% (unless it directly follows a heading, which has already made room for both).
\newcommand\sb@keepwith[1]{\par\penalty\@M
  \ifdim\dimexpr\pagegoal-\pagetotal\relax<#1\relax\if@nobreak\else\newpage\fi\fi}
\let\sb@section\section\def\section{\sb@keepwith{8\baselineskip}\sb@section}
\let\sb@subsection\subsection\def\subsection{\sb@keepwith{7\baselineskip}\sb@subsection}
\let\sb@subsubsection\subsubsection\def\subsubsection{\sb@keepwith{6\baselineskip}\sb@subsubsection}
\let\sb@atlongtablestart\sphinxatlongtablestart
\def\sphinxatlongtablestart{\sb@keepwith{7\baselineskip}\sb@atlongtablestart}
\makeatother
% An identifier in running text (render/sphinx_ext.py, LatexProseIdentifiers): boxed, so never hyphenated.
\expandafter\def\csname DUrolesbnohyphen\endcsname#1{\mbox{#1}}
% Floats: a chart may fill most of a page above or below text, so fewer charts wait for a later page, and a
% page of floats alone (only at a chapter's end, see figure_align) must be mostly full.
\renewcommand{\topfraction}{0.9}\renewcommand{\bottomfraction}{0.8}\renewcommand{\textfraction}{0.07}
\renewcommand{\floatpagefraction}{0.8}\setcounter{topnumber}{3}\setcounter{bottomnumber}{2}
\setcounter{totalnumber}{4}
"""


def sphinx_config(root: Path, staging: Path, metadata: BookMetadata, pdf_name: str) -> dict[str, Any]:
    """The full Sphinx configuration: ``_config.yml`` through Jupyter Book, plus ``book.yml`` metadata."""
    config, _ = get_final_config(
        user_yaml=root / "_config.yml",
        cli_config={"latex_individualpages": False},
        sourcedir=staging,
        use_external_toc=True,
    )
    title = metadata.title
    authors = citation_authors(metadata)
    root_doc = parse_toc_yaml(root / "_toc.yml").root.docname
    config["extensions"] = [name for name in config["extensions"] if name not in UNUSED_EXTENSIONS]
    config["extensions"] += ["scaling_book.render.sphinx_ext", "scaling_book.bookbuild.citing_pages"]
    for name in UNUSED_SETTINGS:
        config.pop(name, None)
    config.update(
        {
            "project": title,
            "author": authors,
            "copyright": f"{metadata.release_date.year}, {authors}. {metadata.licence_name}",
            "html_title": title,
            "version": metadata.version,
            "release": metadata.version,
            "nb_execution_mode": "off",  # the build executed every chapter already (bookbuild/execute.py)
            "html_extra_path": ["_extra"],
            "exclude_patterns": [*config.get("exclude_patterns", []), "_extra"],
            "latex_documents": [(root_doc, LATEX_TARGET, title, authors, "manual", False)],
        }
    )
    latex_elements = dict(config.get("latex_elements", {}))
    latex_elements.update(
        {
            "maketitle": latex_title_page(metadata, build_commit(root)),
            "tableofcontents": LATEX_CONTENTS,
            "releasename": "Version",  # the running header: "Version 0.1.0"
            "fontpkg": LATEX_FONTS,
            "fncychap": LATEX_CHAPTER_STYLE,
            # Here, top or bottom of a page, never a page of floats alone (a chart there left a page nearly empty).
            "figure_align": "!htb",
            "preamble": latex_elements.get("preamble", "") + LATEX_CRAFT + latex_pdf_info(metadata),
        }
    )
    config["latex_elements"] = latex_elements
    config["book_url"] = metadata.url or ""  # render/sphinx_ext.py links the PDF's "HTML edition" pointers
    context = dict(config.get("html_context", {}))
    # default_mode: without it the theme logs a console error on pages opened from disk.
    context.update(
        {
            "pdf_name": pdf_name,
            "book_version": metadata.version,
            "default_mode": "light",
            "figure_citation": plain_citation(metadata, FIGURE_SLOT),
        }
    )
    config["html_context"] = context
    return config


def release_environment(metadata: BookMetadata) -> dict[str, str]:
    """The environment with the clock fixed at ``book.yml``'s release date, for a byte-identical PDF.

    Sphinx (its ``today``), xelatex (``\\today``) and xdvipdfmx (the PDF's CreationDate, ModDate and ID)
    all read SOURCE_DATE_EPOCH; FORCE_SOURCE_DATE makes TeX use it for its own date too.
    """
    epoch = calendar.timegm(metadata.release_date.timetuple())
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "FORCE_SOURCE_DATE": "1"}


def start_sphinx(
    builder: str,
    staging: Path,
    outdir: Path,
    doctrees: Path,
    config: dict[str, Any],
    log_dir: Path,
    metadata: BookMetadata,
) -> tuple[Path, subprocess.Popen[bytes]]:
    """Start Sphinx for ``builder`` in a child process; returns the warnings file it writes and the process."""
    log_dir.mkdir(parents=True, exist_ok=True)
    config_file = log_dir / f"sphinx-{builder}-config.json"
    config_file.write_text(json.dumps(config, default=str, indent=1, sort_keys=True), encoding="utf-8")
    warnings_file = log_dir / f"sphinx-{builder}-warnings.txt"
    return warnings_file, subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scaling_book.bookbuild.sphinx_child",
            builder,
            str(staging),
            str(outdir),
            str(doctrees),
            str(config_file),
            str(warnings_file),
        ],
        stdout=(log_dir / f"sphinx-{builder}.log").open("w"),
        stderr=subprocess.STDOUT,
        env=release_environment(metadata) if builder == "latex" else None,
    )


def sphinx_problems(builder: str, returncode: int, warnings_file: Path, log_file: Path) -> list[str]:
    """Warnings and errors of a finished Sphinx run (empty when it succeeded cleanly)."""
    warnings = warnings_file.read_text(encoding="utf-8").strip().splitlines() if warnings_file.is_file() else []
    warnings = [line for line in warnings if line.strip()]
    if returncode != 0 and not warnings:
        tail = log_file.read_text(encoding="utf-8").strip().splitlines()[-30:]
        warnings = [f"Sphinx ({builder}) exited with status {returncode}:", *tail]
    return warnings


MISSING_GLYPH = re.compile(r"Missing character: There is no (.+?) in font (.+?)!")
# Content pushed past the bottom of a page: LaTeX ships the page anyway and what does not fit is lost
# or printed over the footer. Usually a table or figure that cannot break across pages.
PAST_PAGE_BOTTOM = re.compile(r"Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output is active")
SHIPPED_PAGE = re.compile(r"(?<![\w\\])\[(\d+)(?=[\s\]{<])")
LISTED_EXHIBIT = re.compile(r"\\contentsline \{(figure|table)\}\{\\numberline \{([^}]*)\}(.*)\}\{(\d+)\}\{[^}]*\}%?$")


def pages_past_bottom(log: str, lists: str = "") -> list[str]:
    """Each place where content ran past the bottom of a page: the page and the tables/figures listed on it.

    ``log`` is xelatex's log; ``lists`` the list of tables and figures (``book.lot`` + ``book.lof``),
    whose page numbers name the exhibits that start on or just before the overfull page.
    """
    exhibits: dict[int, list[str]] = {}
    for line in lists.splitlines():
        found = LISTED_EXHIBIT.search(line.strip())
        if found:
            kind, number, caption, page = found.groups()
            caption = re.sub(r"\\[a-zA-Z]+ ?|[{}]", "", caption).strip()
            caption = caption if len(caption) <= 60 else caption[:57] + "..."
            exhibits.setdefault(int(page), []).append(f"{kind.title()} {number} ({caption})")
    problems = []
    for found in PAST_PAGE_BOTTOM.finditer(log):
        shipped = SHIPPED_PAGE.findall(log[: found.start()])
        page = int(shipped[-1]) + 1 if shipped else 1
        near = exhibits.get(page, []) + exhibits.get(page - 1, [])
        problems.append(
            f"  - page {page} (printed number): {found.group(1)}pt of content ran past the bottom of "
            f"the page" + (f"; exhibits starting there: {'; '.join(near)}" if near else "")
        )
    return problems


def latex_to_pdf(latex_dir: Path, metadata: BookMetadata) -> Path:
    """Compile the LaTeX output with xelatex (dated ``book.yml``'s release date); a missing glyph or unresolved
    reference fails the build."""
    command = ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", LATEX_TARGET]
    result = subprocess.run(
        command, cwd=latex_dir, capture_output=True, text=True, errors="replace", env=release_environment(metadata)
    )
    log_path = latex_dir / LATEX_TARGET.replace(".tex", ".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    if result.returncode != 0:
        errors = [line for line in log.splitlines() if line.startswith(("!", "./")) or ":error:" in line.lower()]
        tail = (errors or (result.stdout + result.stderr).splitlines())[-25:]
        raise BuildFailure("xelatex failed (full log: " + str(log_path) + "):\n" + "\n".join(tail))
    glyphs = sorted(set(MISSING_GLYPH.findall(log)))
    if glyphs:
        shown = "\n".join(f"  - {char} in font {font}" for char, font in glyphs[:20])
        raise BuildFailure(f"the PDF would miss {len(glyphs)} glyph(s); add a font that has them:\n{shown}")
    undefined = sorted(set(re.findall(r"LaTeX Warning: (?:Hyper )?[Rr]eference `([^']+)'", log)))
    if undefined:
        raise BuildFailure("the PDF has unresolved references: " + ", ".join(undefined[:20]))
    lists = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in (latex_dir / LATEX_TARGET.replace(".tex", suffix) for suffix in (".lot", ".lof"))
        if path.is_file()
    )
    overfull = pages_past_bottom(log, lists)
    if overfull:
        raise BuildFailure(
            f"the PDF would lose content at the bottom of {len(overfull)} page(s) (LaTeX: Overfull "
            "\\vbox while \\output is active); a table or figure there is taller than the page "
            f"and cannot break (see {log_path}):\n" + "\n".join(overfull)
        )
    return latex_dir / LATEX_TARGET.replace(".tex", ".pdf")
