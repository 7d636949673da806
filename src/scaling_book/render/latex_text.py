"""Plain text in LaTeX and BibTeX: how each special character is written, and where an identifier may break.

Each rule is written here once; the PDF's title page (bookbuild/sphinx.py), the bibliography, the BibTeX
citations, the Sphinx extension and the table layout use it.
"""

from __future__ import annotations

import re

# The ten characters LaTeX gives a meaning, and how to print each of them literally.
LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
ALL_SPECIALS = "".join(LATEX_SPECIALS)
# The specials each BibTeX producer escapes (they differ in "_" and "#"; escaping both in both would
# change the entries the book prints, e.g. "Chapter file chapters/timeline/long_term").
EPOCH_ENTRY_SPECIALS = "\\&%_"  # render/bibliography.py: the Epoch datasets' titles and notes
CITATION_SPECIALS = "\\&%#"  # render/citation.py: the book's and chapters' own entries


def latex_escape(text: str, specials: str = ALL_SPECIALS) -> str:
    """``text`` with each character of ``specials`` (by default all ten) written as LaTeX prints it literally."""
    return "".join(LATEX_SPECIALS[char] if char in specials else char for char in text)


# Where the PDF may break an identifier in a table: after "_" or "/", and after a "." before a letter
# (the Sphinx extension inserts \allowbreak there); TeX itself also breaks after a hyphen between letters.
_ALLOWED_BREAKS = r"(?<=[_/])(?=\S)|(?<=[A-Za-z0-9]\.)(?=[A-Za-z_])"
_HYPHEN_BREAK = r"(?<=[A-Za-z]-)(?=[A-Za-z])"
ALLOWED_BREAK = re.compile(_ALLOWED_BREAKS)
ANY_BREAK = re.compile(f"{_ALLOWED_BREAKS}|{_HYPHEN_BREAK}")  # what a table's column width must allow for
