"""The "In brief" block that opens a chapter: a few bullet lines, each with its numbers written in."""

from __future__ import annotations

from collections.abc import Sequence

from scaling_book.views.results import ChapterResults

IN_BRIEF = "in-brief"  # the block's name; render.tables.show() sets it in a box titled "In brief"


def brief_markdown(lines: Sequence[str]) -> str:
    """The bullet list of an In brief box (three to five lines)."""
    if not 3 <= len(lines) <= 5:
        raise ValueError(f"an In brief box has three to five lines, got {len(lines)}")
    return "\n".join(f"- {line}" for line in lines)


def add_brief(results: ChapterResults, lines: Sequence[str]) -> None:
    """The chapter's In brief block, shown by ``show(results, "in-brief")`` right after its title."""
    results.block(IN_BRIEF, brief_markdown(lines))
