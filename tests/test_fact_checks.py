"""Every statement of the book's prose about the world has a row in data/editorial/fact_checks.csv.

A sentence is a world-claim candidate when it matches a trigger (a citation, "et al.", a name followed by a
year in parentheses, introduced / proposed / invented / pioneered / coined / predates, saturated). Each
candidate must share key words with a fact-check row of its page, or be listed in ALLOWED with the reason
it is not a statement about the world.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from scaling_book.inputs.load import load_table

ROOT = Path(__file__).resolve().parents[1]

TRIGGERS = (
    r"\{cite:[pt]\}",
    r"\bet al\.",
    r"\b[A-Z][\w-]+(?: and [A-Z][\w-]+)? \((?:19|20)\d{2}\)",
    r"\b(?:introduced|proposed|invented|pioneered|coined|predates?)\b",
    r"\bthe first to\b|\bwas the first\b|\bfirst (?:introduced|proposed|described)\b",
    r"\bsaturat",
)
TRIGGER = re.compile("|".join(TRIGGERS))
KEY_WORDS_SHARED = 2  # a sentence and a row's claim_en must share this many key words
STOP_WORDS = frozenset(
    "that this with from their there which what when where into than them they these those have been "
    "also only more most such each every over under about while does said says seeds seed book".split()
)

# (page, a phrase of the sentence, why it is not a statement about the world). Empty today: every trigger
# sentence of the prose has its row. A sentence that only looks like a claim (a seed's own title, say) goes here.
ALLOWED: tuple[tuple[str, str, str], ...] = (
    (
        "chapters/evidence/benchmarks",
        "is flagged as near its ceiling",
        "the book's own flag, defined by a setting, not a claim about the world",
    ),
)


def prose(text: str) -> str:
    """The Markdown of a page without its front matter and code cells (figure captions are kept)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return re.sub(r"```\{code-cell\}.*?\n```", "", text, flags=re.S)


def sentences(text: str) -> list[str]:
    """Sentences of prose, split at a full stop, question or exclamation mark before a space, or a blank line."""
    flat = re.sub(r"\s*\n\s*", " ", re.sub(r"\n\s*\n", "\n\n¶", text))
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z{(\"])|¶", flat)
    return [part.strip() for part in parts if part.strip()]


def key_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, a plural's s dropped (citation and glue keys split into their
    words), stop words left out."""
    words = re.findall(r"[a-z][a-z-]{3,}", re.sub(r"[_.]", " ", text.lower()))
    return {word.removesuffix("s") for word in words if word not in STOP_WORDS}


def book_pages() -> dict[str, str]:
    """Docname -> prose of index.md and every chapter."""
    paths = [ROOT / "index.md", *sorted((ROOT / "chapters").rglob("*.md"))]
    return {str(path.relative_to(ROOT).with_suffix("")): prose(path.read_text(encoding="utf-8")) for path in paths}


def unchecked(pages: dict[str, str], checks: pd.DataFrame, allowed: tuple = ALLOWED) -> list[tuple[str, str]]:
    """(page, sentence) of every trigger sentence with no fact-check row of its page and no allowance."""
    claims = {page: [key_words(claim) for claim in rows.claim_en] for page, rows in checks.groupby("page")}
    missing = []
    for page, text in pages.items():
        for sentence in sentences(text):
            if not TRIGGER.search(sentence):
                continue
            if any(page == where and phrase in sentence for where, phrase, _ in allowed):
                continue
            words = key_words(sentence)
            if not any(len(words & claim) >= KEY_WORDS_SHARED for claim in claims.get(page, [])):
                missing.append((page, sentence))
    return missing


@pytest.fixture(scope="module")
def checks() -> pd.DataFrame:
    return load_table("fact_checks")


def test_every_world_claim_of_the_prose_has_a_fact_check(checks):
    missing = unchecked(book_pages(), checks)
    assert not missing, "sentences about the world without a row in fact_checks.csv:\n" + "\n".join(
        f"{page}: {sentence}" for page, sentence in missing
    )


def test_a_new_claim_without_a_row_fails_and_passes_once_recorded(checks):
    pages = book_pages()
    pages["chapters/levels/l4"] += "\nThe widget network was introduced by Smith in 2015.\n"
    assert unchecked(pages, checks) == [("chapters/levels/l4", "The widget network was introduced by Smith in 2015.")]
    row = {"page": "chapters/levels/l4", "claim_en": "Smith introduced the widget network"}
    assert unchecked(pages, pd.concat([checks, pd.DataFrame([row])])) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Attention was pioneered by Graves (2013).",
        "The idea predates the Transformer {cite:p}`graves2013`.",
        "Jones et al. showed the same in a later study.",
        "Benchmark X is now saturated.",
    ],
)
def test_each_trigger_flags_an_unrecorded_sentence(checks, sentence):
    assert unchecked({"chapters/levels/l0": sentence}, checks) == [("chapters/levels/l0", sentence)]


def test_an_allowance_exempts_its_sentence_and_no_other(checks):
    pages = {"chapters/levels/l0": "The seed's title was coined by its authors. Widgets were invented in 1990."}
    allowed = (("chapters/levels/l0", "was coined by its authors", "a seed's title, not a claim about the world"),)
    assert unchecked(pages, checks, allowed) == [("chapters/levels/l0", "Widgets were invented in 1990.")]
    for page, phrase, reason in ALLOWED:
        assert phrase in re.sub(r"\s+", " ", book_pages()[page]) and reason, (page, phrase)


def test_every_row_names_a_page_of_the_book(checks):
    pages = set(book_pages())
    assert set(checks.page) <= pages, set(checks.page) - pages
    assert not checks.loc[checks.verdict != "removed", "source_url"].isna().any() or set(
        checks.loc[checks.source_url.isna(), "fact_id"]
    ) <= {"rlhf_theory_empirical", "math_level5_saturated"}
