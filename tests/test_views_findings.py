"""The preface's key findings and the In brief boxes: taken from the chapters' own results, boxed when shown."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from IPython.core.formatters import format_display_data

from scaling_book.render import tables
from scaling_book.views.audit import audit_chapter
from scaling_book.views.brief import IN_BRIEF, add_brief, brief_markdown
from scaling_book.views.evidence_compute import compute_chapter
from scaling_book.views.findings import KEY_FINDINGS, copy_glued, findings_markdown, findings_preface
from scaling_book.views.results import ChapterResults

GLUED = re.compile(r"\{glue\}`([^`]+)`")


@pytest.fixture(scope="module")
def preface() -> ChapterResults:
    return findings_preface()


def test_every_finding_is_one_sentence_with_a_link_to_its_exhibit():
    assert 5 <= len(KEY_FINDINGS) <= 8
    for finding in KEY_FINDINGS:
        assert re.search(r"\{(numref|doc)\}`[^`]+`\)\.$", finding), finding
        assert finding.count(". ") == 0, finding  # one sentence: no full stop before the last
    assert findings_markdown().splitlines()[1].startswith("2. Since {glue}`findings.compute.start_year`")


def test_the_findings_glue_what_the_chapters_compute(preface):
    glued = {key for finding in KEY_FINDINGS for key in GLUED.findall(finding)}
    assert glued <= {item.key for item in preface.glued}
    # The current data: the atlas verdicts and the compute growth, as the chapters show them.
    assert preface.shown("findings.layers") == "of the 5 convergence layers, 2 are stable and 3 are not measurable"
    assert preface.shown("findings.compute.growth") == compute_chapter().shown(
        "evidence.compute.growth_per_year.notable"
    )
    audit = audit_chapter()
    assert preface.value("findings.audit.checks") == audit.value("audit.checks")
    assert preface.value("findings.audit.against_evidence") == audit.value("audit.overall.inconsistent_with_evidence")
    assert preface.value("findings.audit.checks") >= sum(
        preface.value(f"findings.audit.{key}")
        for key in ("against_evidence", "against_sources", "inconsistent", "consistent", "restated")
    )
    assert preface.shown("findings.scorecard.pending") == "10 items pending"
    assert preface.blocks["key-findings"] == findings_markdown()


def test_copy_glued_keeps_a_number_a_number_and_a_phrase_a_phrase():
    chapter = ChapterResults()
    chapter.number("chapter.share", 0.25, "fraction")
    chapter.text("chapter.verdict", "rises")
    copied = ChapterResults()
    copy_glued(copied, chapter, {"share": "chapter.share", "verdict": "chapter.verdict"})
    assert (copied.value("findings.share"), copied.shown("findings.share")) == (0.25, "25%")
    assert copied.value("findings.verdict") == "rises"
    with pytest.raises(KeyError):
        copy_glued(copied, chapter, {"missing": "chapter.missing"})


def test_brief_has_three_to_five_lines():
    assert brief_markdown(["a", "b", "c"]) == "- a\n- b\n- c"
    for lines in (["a", "b"], ["a"] * 6):
        with pytest.raises(ValueError):
            brief_markdown(lines)


def test_show_sets_the_in_brief_block_in_a_titled_box_and_other_blocks_as_they_are(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(tables, "display", lambda obj: shown.append(format_display_data(obj)[0]["text/markdown"]))
    results = ChapterResults()
    add_brief(results, ["One.", "Two.", "Three."])
    results.block("plain", "- as it is")
    tables.show(results, IN_BRIEF)
    tables.show(results, "plain")
    assert shown[0].startswith(":::{admonition} In brief\n:class: sb-in-brief\n\n- One.\n")
    assert shown[0].endswith("\n:::")
    assert shown[1] == "- as it is"


def test_the_evidence_chapters_open_with_an_in_brief_box():
    results = compute_chapter()
    lines = results.blocks[IN_BRIEF].splitlines()
    assert 3 <= len(lines) <= 5
    assert results.shown("evidence.compute.growth_per_year.notable") in lines[0]


def test_a_collapsed_table_folds_in_html_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    shown: list[str] = []
    monkeypatch.setattr(tables, "display", lambda obj: shown.append(format_display_data(obj)[0]["text/markdown"]))
    results = ChapterResults()
    results.table("tbl-origins", pd.DataFrame({"File": ["a.csv"]}), caption="Origins.", source="synthetic")
    tables.show(results, "tbl-origins", collapsed="Where <it> comes from")
    tables.show(results, "tbl-origins")
    folded, plain = shown
    assert folded.startswith('<details class="sb-about-data"><summary>Where &lt;it&gt; comes from</summary>\n\n')
    assert folded.endswith("\n\n</details>") and plain in folded
    assert plain.startswith("::::{table} Origins.")
