"""What the benchmark reads from built HTML: the weight of each page and the values that differ between builds."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GLUED_VALUE = re.compile(r'<span class="output text_plain">(.*?)</span>', re.DOTALL)
ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?%?")


class _Loads(HTMLParser):
    """The local files a page makes the browser load: scripts, stylesheets, images."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        target = {
            "script": values.get("src"),
            "img": values.get("src"),
            "link": values.get("href") if "stylesheet" in (values.get("rel") or "") else None,
        }.get(tag)
        if target and not target.startswith(("data:", "http:", "https:")):
            self.files.append(target.split("#")[0].split("?")[0])


def page_weights(html_dir: Path) -> dict[str, dict[str, int]]:
    """For every page: bytes of its HTML, and of the HTML plus every local file it loads."""
    weights = {}
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_bytes()
        parser = _Loads()
        parser.feed(text.decode("utf-8"))
        loaded = {(page.parent / name).resolve() for name in parser.files}
        total = len(text) + sum(path.stat().st_size for path in loaded if path.is_file())
        weights[page.relative_to(html_dir).as_posix()] = {"html": len(text), "loaded": total}
    return weights


def weight_ratios(base: dict[str, dict[str, int]], grown: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Largest per-page and whole-book ratios of page weight (grown / base), for HTML alone and as loaded."""
    pages = sorted(set(base) & set(grown))
    result: dict[str, Any] = {"pages": len(pages)}
    for kind in ("html", "loaded"):
        ratios = {page: grown[page][kind] / base[page][kind] for page in pages}
        heaviest = max(ratios, key=ratios.__getitem__)
        result[kind] = {
            "max_page_ratio": round(ratios[heaviest], 3),
            "max_page": heaviest,
            "book_ratio": round(sum(grown[p][kind] for p in pages) / sum(base[p][kind] for p in pages), 3),
        }
    return result


def glued_values(html_dir: Path) -> dict[str, list[str]]:
    """The glued values (numbers and phrases) each page shows, in page order."""
    return {
        page.relative_to(html_dir).as_posix(): GLUED_VALUE.findall(page.read_text(encoding="utf-8"))
        for page in sorted(html_dir.rglob("*.html"))
    }


def page_numbers(html_dir: Path) -> dict[str, list[str]]:
    """Every number in each page's article (prose, tables, and the data embedded in its charts), in order."""
    numbers = {}
    for page in sorted(html_dir.rglob("*.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        text = TAG.sub(" ", article.group(1)) if article else ""
        numbers[page.relative_to(html_dir).as_posix()] = NUMBER.findall(text)
    return numbers


def differing(correct: dict[str, list[str]], shown: dict[str, list[str]]) -> dict[str, int]:
    """Per page, how many items of ``shown`` differ from ``correct`` (aligned in order; pages that agree left out)."""
    counts = {}
    for page, expected in correct.items():
        opcodes = SequenceMatcher(None, expected, shown.get(page, []), autojunk=False).get_opcodes()
        count = sum(
            max(end - start, other_end - other_start)
            for tag, start, end, other_start, other_end in opcodes
            if tag != "equal"
        )
        if count:
            counts[page] = count
    return counts


def stale_values(correct_html: Path, shown_html: Path) -> dict[str, Any]:
    """What a build at ``shown_html`` shows that differs from the correct build at ``correct_html``."""
    correct_glued = glued_values(correct_html)
    glued = differing(correct_glued, glued_values(shown_html))
    numbers = differing(page_numbers(correct_html), page_numbers(shown_html))
    return {
        "stale_glued_values": sum(glued.values()),
        "glued_values": sum(map(len, correct_glued.values())),
        "stale_numbers": sum(numbers.values()),
        "pages_with_stale_numbers": numbers,
    }
