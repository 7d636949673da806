"""The key findings that open the preface (index.md), taken from the results the chapters themselves compute.

Every finding's numbers and verdict words are copied from the chapter's own view function (or the analysis it
calls), so the preface and the chapter behind each finding always agree. Keys: ``findings.<finding>.<measure>``.
"""

from __future__ import annotations

from scaling_book.analysis import scorecard
from scaling_book.analysis.frontier_developers import TOP_K
from scaling_book.inputs.settings import as_of
from scaling_book.views.atlas import atlas_chapter
from scaling_book.views.audit import audit_chapter
from scaling_book.views.evidence_benchmarks import benchmarks_chapter
from scaling_book.views.evidence_compute import compute_chapter
from scaling_book.views.evidence_concentration import concentration_chapter
from scaling_book.views.evidence_hardware import hardware_chapter
from scaling_book.views.evidence_openness import openness_chapter
from scaling_book.views.overview import preface_chapter
from scaling_book.views.results import ChapterResults, Number
from scaling_book.views.scorecard import tally_counts

# The key findings, in the order of the book, each one sentence that glues its numbers and links its exhibit.
KEY_FINDINGS = (
    (
        "Measured on Epoch AI's data, {glue}`findings.layers`, and {glue}`findings.forces` "
        "({numref}`tbl-atlas-verdicts`)."
    ),
    (
        "Since {glue}`findings.compute.start_year`, the training compute of notable AI models has grown by a "
        "factor of {glue}`findings.compute.growth` a year ({glue}`findings.compute.growth_low` to "
        "{glue}`findings.compute.growth_high`), a doubling every {glue}`findings.compute.doubling` months "
        "({numref}`fig-evidence-compute`)."
    ),
    (
        "In {glue}`findings.concentration.frontier_year` the {glue}`findings.concentration.top_k` largest "
        "developers trained {glue}`findings.concentration.frontier_top5_compute` of the estimated training compute of "
        "notable models but published {glue}`findings.concentration.frontier_top5_count` of the models with an estimate, so the field is "
        "{glue}`findings.concentration.frontier_weighting` ({numref}`tbl-evidence-frontier-developers`)."
    ),
    (
        "NVIDIA hardware trained {glue}`findings.hardware.nvidia` ({glue}`findings.hardware.nvidia_low` to "
        "{glue}`findings.hardware.nvidia_high`) of the {glue}`findings.hardware.known` notable models of "
        "{glue}`findings.hardware.year` whose hardware is recorded, and more than half of them in "
        "{glue}`findings.hardware.majority_years` of the {glue}`findings.hardware.years` years counted "
        "({numref}`fig-evidence-hardware`)."
    ),
    (
        "Of the notable models of {glue}`findings.open.year` whose accessibility is recorded, "
        "{glue}`findings.open.share` ({glue}`findings.open.low` to {glue}`findings.open.high`) have open "
        "weights, against {glue}`findings.open.first_share` in {glue}`findings.open.first_year` "
        "({numref}`fig-evidence-open-weights`)."
    ),
    (
        "The seeds' claim that the leading models' benchmark scores lie within "
        "{glue}`findings.benchmarks.claimed` of each other is {glue}`findings.benchmarks.overall` on the "
        "benchmarks Epoch runs: the claim {glue}`findings.benchmarks.summary`, and the best MATH level 5 "
        "score ({glue}`findings.benchmarks.math_best`) is {glue}`findings.benchmarks.math_saturation` "
        "({numref}`fig-evidence-benchmarks`)."
    ),
    (
        "The claims audit sets {glue}`findings.audit.checks` checks of the seeds against the seeds' own figures, "
        "the evidence and public sources and finds {glue}`findings.audit.against_evidence` inconsistent with the "
        "evidence, {glue}`findings.audit.against_sources` with public sources and "
        "{glue}`findings.audit.inconsistent` with the seeds' other statements, {glue}`findings.audit.consistent` "
        "consistent and {glue}`findings.audit.restated` only restated ({numref}`tbl-audit-source-counts`)."
    ),
    (
        "Of the {glue}`findings.scorecard.items` predictions and timeline tasks the book scores, "
        "{glue}`findings.scorecard.due` are due by {glue}`preface.as_of`, and the scorecard counts "
        "{glue}`findings.scorecard.resolved_yes`, {glue}`findings.scorecard.resolved_no`, "
        "{glue}`findings.scorecard.partly`, {glue}`findings.scorecard.ambiguous` and "
        "{glue}`findings.scorecard.pending` ({numref}`tbl-longterm-resolution`)."
    ),
)


def findings_markdown(findings: tuple[str, ...] = KEY_FINDINGS) -> str:
    """The key findings as a numbered Markdown list."""
    return "\n".join(f"{number}. {finding}" for number, finding in enumerate(findings, start=1))


def copy_glued(results: ChapterResults, chapter: ChapterResults, pairs: dict[str, str]) -> None:
    """Glue ``findings.<new>`` for each ``new: old`` pair: the chapter's number (value, unit, text) or phrase."""
    items = {item.key: item for item in chapter.glued}
    for new, old in pairs.items():
        item = items[old]
        if isinstance(item, Number):
            results.number(f"findings.{new}", item.value, item.unit, text=item.text)
        else:
            results.text(f"findings.{new}", item.text)


def evidence_findings(results: ChapterResults) -> None:
    """Findings 1 to 6: the atlas's verdicts, compute growth, concentration, hardware, open weights, benchmarks."""
    copy_glued(results, atlas_chapter(), {"layers": "atlas.answer", "forces": "atlas.forces.answer"})
    growth = "evidence.compute.growth_per_year.notable"
    copy_glued(
        results,
        compute_chapter(),
        {
            "compute.start_year": "evidence.compute.start_year",
            "compute.growth": growth,
            "compute.growth_low": f"{growth}.low",
            "compute.growth_high": f"{growth}.high",
            "compute.doubling": "evidence.compute.doubling_months.notable",
        },
    )
    frontier = "evidence.concentration.frontier"
    copy_glued(
        results,
        concentration_chapter(),
        {
            "concentration.frontier_year": f"{frontier}.year",
            "concentration.frontier_top5_count": f"{frontier}.top5_count_last",
            "concentration.frontier_top5_compute": f"{frontier}.top5_compute_last",
            "concentration.frontier_weighting": f"{frontier}.weighting",
        },
    )
    results.number("findings.concentration.top_k", TOP_K, "count")
    copy_glued(
        results,
        hardware_chapter(),
        {
            "hardware.year": "evidence.hardware.last_full_year",
            "hardware.nvidia": "evidence.hardware.nvidia_last",
            "hardware.nvidia_low": "evidence.hardware.nvidia_last_low",
            "hardware.nvidia_high": "evidence.hardware.nvidia_last_high",
            "hardware.known": "evidence.hardware.known_last",
            "hardware.majority_years": "evidence.hardware.nvidia_majority_years",
            "hardware.years": "evidence.hardware.years_counted",
        },
    )
    copy_glued(
        results,
        openness_chapter(),
        {
            "open.year": "evidence.openness.last_full_year",
            "open.share": "evidence.openness.open_last",
            "open.low": "evidence.openness.open_last_low",
            "open.high": "evidence.openness.open_last_high",
            "open.first_year": "evidence.openness.first_year",
            "open.first_share": "evidence.openness.open_first",
        },
    )
    copy_glued(
        results,
        benchmarks_chapter(),
        {
            "benchmarks.claimed": "evidence.benchmarks.claimed_spread",
            "benchmarks.overall": "evidence.benchmarks.overall",
            "benchmarks.summary": "evidence.benchmarks.summary",
            "benchmarks.math_best": "evidence.benchmarks.math.best",
            "benchmarks.math_saturation": "evidence.benchmarks.math.saturation",
        },
    )


def audit_findings(results: ChapterResults) -> None:
    """Findings 7 and 8: the verdicts of the claims audit and the tally of the prediction scorecard."""
    day = as_of()
    copy_glued(
        results,
        audit_chapter(),
        {
            "audit.checks": "audit.checks",
            "audit.against_evidence": "audit.overall.inconsistent_with_evidence",
            "audit.against_sources": "audit.overall.inconsistent_with_public_sources",
            "audit.inconsistent": "audit.overall.inconsistent",
            "audit.consistent": "audit.overall.consistent",
            "audit.restated": "audit.overall.restated",
        },
    )
    scores = scorecard.scorecard_on(day)
    results.number("findings.scorecard.items", len(scores), "count")
    results.number("findings.scorecard.due", int(scores.due_passed.sum()), "count")
    tally_counts(results, "findings.scorecard", scorecard.tally(scores))


def findings_preface() -> ChapterResults:
    """The preface: its version, dates and sub-documents (overview.preface_chapter) and the key findings."""
    results = preface_chapter()
    evidence_findings(results)
    audit_findings(results)
    results.block("key-findings", findings_markdown())
    return results
