"""Chapter prose quotes no number that is not glued (or a level id, a document number, a seed quote)."""

from __future__ import annotations

import re

import pytest

from scaling_book.build.pages import book_pages

from .conftest import ROOT

CJK = r"[\u3400-\u9fff]"
# Removed before looking for digits: roles (glue, numref, ...), inline code and math, and spans
# quoting the seeds: quotes or brackets that contain Chinese text.
ALLOWED_SPANS = [
    re.compile(r"\{[a-z:]+\}`[^`]*`"),
    re.compile(r"`[^`]*`"),
    re.compile(r"\$[^$]+\$"),
    re.compile(rf"\"[^\"\n]*{CJK}[^\"\n]*\""),
    re.compile(rf"“[^”\n]*{CJK}[^”\n]*”"),
    re.compile(rf"\([^()\n]*{CJK}[^()\n]*\)"),
    re.compile(rf"（[^（）\n]*{CJK}[^（）\n]*）"),
]
# Names that contain digits but are not quantities.
ALLOWED_TOKENS = re.compile(r"\bL[0-4]\b|\b0\d(?:\.\d+)*\b|\bSystem [12]\b|\bGPT-4\b|\bClaude 3\.5\b|"
                            r"\bLlama 3\.1 8B\b|\bPhi-3\b|\bQ[1-4]\b|\bMATH level 5\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def prose_lines(text: str):
    """(line number, text) of the prose: no front matter, code cells, or directive options."""
    in_code = in_math = False
    in_front = text.startswith("---\n")
    for number, line in enumerate(text.splitlines(), start=1):
        if in_front:
            in_front = not (number > 1 and line == "---")
            continue
        if line.startswith("```"):
            in_code = line.startswith("```{code-cell}") or (in_code and not line.strip() == "```")
            continue
        if line.strip() == "$$":
            in_math = not in_math  # display math: formulas, not quoted numbers
            continue
        if in_code or in_math or re.match(r"^:[a-z_-]+:", line):
            continue
        yield number, line


def typed_numbers(text: str) -> list[str]:
    problems = []
    for number, line in prose_lines(text):
        cleaned = line
        for pattern in ALLOWED_SPANS:
            cleaned = pattern.sub(" ", cleaned)
        cleaned = ALLOWED_TOKENS.sub(" ", cleaned)
        if line.startswith("#"):
            cleaned = YEAR.sub(" ", cleaned)  # a heading may name a period, e.g. a forecast for 2025–2026
        if re.search(r"\d", cleaned):
            problems.append(f"line {number}: {line.strip()}")
    return problems


@pytest.mark.parametrize("page", book_pages(ROOT), ids=lambda page: page.docname)
def test_no_typed_numbers_in_prose(page):
    assert typed_numbers(page.source.read_text(encoding="utf-8")) == []


def test_the_checker_finds_typed_numbers():
    text = "---\nkernelspec: {}\n---\n# Title\n\nThe share is 40% here.\n\nGlued {glue}`k` and (采用率 40%) and L4.\n"
    assert typed_numbers(text) == ["line 6: The share is 40% here."]
    assert typed_numbers("```{code-cell} python\nx = 40\n```\nText 2025 here.\n") == ["line 4: Text 2025 here."]
    assert typed_numbers("# Forecast for 2025–2026\n\nSee 03.1.5 and \"无方案采用率超过 30%\".\n") == []
