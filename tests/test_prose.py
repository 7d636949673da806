"""Chapter prose quotes no number that is not glued (or a level id, a document number, a seed quote)."""

from __future__ import annotations

import functools
import re

import pytest

from scaling_book.bookbuild.pages import book_pages

from .conftest import ROOT, SEEDS, needs_seeds

CJK = r"[\u3400-\u9fff]"
# Removed before looking for digits: roles (glue, numref, ...), inline code and math.
ALLOWED_SPANS = [
    re.compile(r"\{[a-z:]+\}`[^`]*`"),
    re.compile(r"`[^`]*`"),
    re.compile(r"\$[^$]+\$"),
]
# Spans quoting the seeds: quotes or brackets that contain Chinese text. They are removed only when
# their content is verbatim seed text (spaces and markdown emphasis ignored), so "(长上下文, 128K
# tokens or more)" does not hide a typed number behind a Chinese word.
QUOTE_SPANS = [
    re.compile(rf"\"([^\"\n]*{CJK}[^\"\n]*)\""),
    re.compile(rf"“([^”\n]*{CJK}[^”\n]*)”"),
    re.compile(rf"\(([^()\n]*{CJK}[^()\n]*)\)"),
    re.compile(rf"（([^（）\n]*{CJK}[^（）\n]*)）"),
]
# Number words are numbers too. "one" is left out: it is mostly a pronoun ("the one chain that differs").
NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                          r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|twice|thrice|"
                          r"twofold|threefold|thirtyfold)\b", re.IGNORECASE)
# Names that contain a number word but are not counts: the seeds' own exhibits (三层模型, 四层金字塔模型,
# the five-layer table of 信通院) and the idiom 百家争鸣 ("a hundred schools contend").
NAMED_NUMBER_WORDS = re.compile(r"\b(?:three-layer model|four-layer pyramid|five-layer table|"
                                r"a hundred schools contend)\b", re.IGNORECASE)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("**", ""))


@functools.cache
def seed_corpus() -> str:
    """All seed text, without spaces or markdown emphasis ('' when the seeds are not beside the checkout)."""
    return "".join(_squeeze(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt")))


def _remove_seed_quotes(line: str, corpus: str) -> str:
    def keep_unless_verbatim(match: re.Match[str]) -> str:
        inner = match.group(1)
        if not re.search(r"\d", inner) or _squeeze(inner) in corpus:
            return " "
        return match.group(0)

    for pattern in QUOTE_SPANS:
        line = pattern.sub(keep_unless_verbatim, line)
    return line
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


def typed_numbers(text: str, corpus: str | None = None, words: bool = False) -> list[str]:
    """Prose lines with a typed number (digits; with ``words``, number words too) outside the allowed spans."""
    corpus = seed_corpus() if corpus is None else corpus
    problems = []
    for number, line in prose_lines(text):
        cleaned = line
        for pattern in ALLOWED_SPANS:
            cleaned = pattern.sub(" ", cleaned)
        cleaned = _remove_seed_quotes(cleaned, corpus)
        cleaned = ALLOWED_TOKENS.sub(" ", cleaned)
        if line.startswith("#"):
            cleaned = YEAR.sub(" ", cleaned)  # a heading may name a period, e.g. a forecast for 2025–2026
        if re.search(r"\d", cleaned) or (words and NUMBER_WORDS.search(NAMED_NUMBER_WORDS.sub(" ", cleaned))):
            problems.append(f"line {number}: {line.strip()}")
    return problems


def framework_page(page) -> bool:
    """The preface and the chapters of Parts I–V, whose prose the number-word check covers."""
    return page.docname == "index" or page.docname.split("/")[1:2] in (["levels"], ["layers"], ["drivers"],
                                                                        ["timeline"]) or page.docname.endswith("overview")


@needs_seeds  # quotes of the seeds may hold digits; without the seeds they cannot be told from typed numbers
@pytest.mark.parametrize("page", book_pages(ROOT), ids=lambda page: page.docname)
def test_no_typed_numbers_in_prose(page):
    assert typed_numbers(page.source.read_text(encoding="utf-8"), words=framework_page(page)) == []


def test_the_number_word_check_covers_the_framework_chapters():
    covered = [page.docname for page in book_pages(ROOT) if framework_page(page)]
    assert "index" in covered and "chapters/overview" in covered
    assert sum(name.startswith("chapters/levels/") for name in covered) == len(list((ROOT / "chapters/levels").glob("*.md")))


@needs_seeds  # the quote below is verbatim seed text
def test_the_checker_finds_typed_numbers():
    text = "---\nkernelspec: {}\n---\n# Title\n\nThe share is 40% here.\n\nGlued {glue}`k` and (无方案采用率超过 30%) and L4.\n"
    assert typed_numbers(text) == ["line 6: The share is 40% here."]
    assert typed_numbers("```{code-cell} python\nx = 40\n```\nText 2025 here.\n") == ["line 4: Text 2025 here."]
    assert typed_numbers("# Forecast for 2025–2026\n\nSee 03.1.5 and \"无方案采用率超过 30%\".\n") == []


def test_a_chinese_word_does_not_hide_a_typed_number():
    corpus = _squeeze("无方案采用率超过 30%，代码模型（超长上下文）")
    assert typed_numbers("Text (长上下文, 128K tokens or more).\n", corpus) == ["line 1: Text (长上下文, 128K tokens or more)."]
    assert typed_numbers("Quoted (无方案采用率超过30%) and \"代码模型（超长上下文）\".\n", corpus) == []
    assert typed_numbers("Quoted \"无方案采用率超过 40%\".\n", corpus) == ["line 1: Quoted \"无方案采用率超过 40%\"."]


def test_number_words_are_typed_numbers():
    assert typed_numbers("Four chains and two short lists.\n", "", words=True) == [
        "line 1: Four chains and two short lists."]
    assert typed_numbers("The three-layer model and the one chain, {glue}`x.count` chains.\n", "", words=True) == []
    assert typed_numbers("Four chains.\n", "", words=False) == []
    assert typed_numbers("As quoted (两个模型, two models).\n", "", words=True) == []
