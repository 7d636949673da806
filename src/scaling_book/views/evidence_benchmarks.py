"""View of the chapter on benchmark convergence (chapters/evidence/benchmarks.md): the spread among the leading
models of Epoch's Benchmarking Hub against the seeds' claimed bound, or a note when the runs file is absent."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.analysis.benchmarks import (SPREAD_RANK, Spread, benchmark_spreads, one_entry_per_model,
                                              ranked_scores, repeated_entries)
from scaling_book.analysis.evidence_common import dataset_available
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import BENCHMARK_TASKS
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_phrases import absent_note, other_readings, source_line, spread_summary, spread_verdict
from scaling_book.views.evidence_tables import leading_frame, spread_table
from scaling_book.views.results import ChapterResults

BENCHMARK_TASK_KEYS = ("gpqa", "math")  # glue key of each task of ``schemas.processed.BENCHMARK_TASKS``
BENCHMARK_TASK_MEASURES = ("models", "entries", "best", "fifth", "spread", "spread_low", "spread_high",
                           "spread_entries", "spread_entries_low", "spread_entries_high", "relative", "verdict",
                           "repeats")
BENCHMARK_MEASURES = ("summary", "other_readings", "overall")
SHOWN = 2 * SPREAD_RANK  # models drawn per benchmark
CAPTION = ("Best and fifth-best models on two benchmarks (each model once, at its best setting) and the spread "
           "between them (percentage points), relative to the best score, its range over the full ranking and every "
           "ranking with one of the five leaders left out, the verdict that range gives, and the spread when every "
           "setting of a model counts as a separate entry.")


def benchmark_keys() -> list[str]:
    """Every data-dependent glue key of the benchmark chapter."""
    return [f"evidence.benchmarks.{task}.{name}" for task in BENCHMARK_TASK_KEYS for name in BENCHMARK_TASK_MEASURES] \
        + [f"evidence.benchmarks.{name}" for name in BENCHMARK_MEASURES]


def points(value: float) -> str:
    """A score difference in percentage points: 0.0512 -> '5.1 points'."""
    return f"{value * 100:.1f} points"


def benchmark_measures(results: ChapterResults, scores: pd.DataFrame, spreads: list[Spread], entries: list[Spread],
                       claimed: float, shown: int) -> None:
    """Glue every benchmark measure (each key of :func:`benchmark_keys`) from the spreads of ``benchmark_spreads``."""
    before = results.keys()
    for key, spread, entry in zip(BENCHMARK_TASK_KEYS, spreads, entries, strict=True):
        prefix = f"evidence.benchmarks.{key}"
        results.number(f"{prefix}.models", spread.models, "count")
        results.number(f"{prefix}.entries", entry.models, "count")
        results.number(f"{prefix}.best", spread.best, "fraction", text=f"{spread.best:.1%}")
        results.number(f"{prefix}.fifth", spread.kth, "fraction", text=f"{spread.kth:.1%}")
        for name, value in (("spread", spread.spread), ("spread_low", spread.spread_low),
                            ("spread_high", spread.spread_high), ("spread_entries", entry.spread),
                            ("spread_entries_low", entry.spread_low), ("spread_entries_high", entry.spread_high)):
            results.number(f"{prefix}.{name}", value, "fraction", text=points(value))
        relative = spread.spread / spread.best
        results.number(f"{prefix}.relative", relative, "fraction", text=f"{relative:.1%}")
        results.text(f"{prefix}.verdict", spread_verdict(spread, claimed))
        results.number(f"{prefix}.repeats", repeated_entries(ranked_scores(scores, spread.task), shown), "count")
    summary, overall = spread_summary({spread.task: spread_verdict(spread, claimed) for spread in spreads})
    results.text("evidence.benchmarks.summary", summary)
    results.text("evidence.benchmarks.other_readings", other_readings(spreads, entries, claimed))
    results.text("evidence.benchmarks.overall", overall)
    if sorted(results.keys() - before) != sorted(benchmark_keys()):
        raise ValueError("benchmark_measures and benchmark_keys disagree; update BENCHMARK_*_MEASURES")


def benchmarks_chapter() -> ChapterResults:
    """The seeds' claimed spread and, when the Hub's runs were read, the measured spreads, their table and chart."""
    results = ChapterResults()
    manifest = load_table("epoch_manifest")
    scores = load_table("epoch_benchmark_scores")
    note = absent_note(manifest, "benchmarks")
    results.text("evidence.benchmarks.absent_note", note)
    claims = load_table("claims").set_index("claim_id")
    for claim_id, name in (("capability.benchmark_spread", "pyramid"), ("capability.mmlu_spread_caict", "caict")):
        results.text(f"evidence.benchmarks.quote.{name}", claims.loc[claim_id, "quote_zh"])
    claimed = float(claims.loc["capability.benchmark_spread", "value"])
    results.number("evidence.benchmarks.claimed_spread", claimed, "fraction")
    results.number("evidence.benchmarks.rank", SPREAD_RANK, "count")
    task = load_table("timeline_tasks").set_index("task_id").loc["benchmark_homogenisation"]
    results.text("evidence.benchmarks.task_zh", task["name_zh"])
    results.text("evidence.benchmarks.task_en", f"{task['name_en']}, {task['start'].date()} to {task['end'].date()}")
    source = source_line(manifest, "benchmarks", "data/processed/epoch_benchmark_scores.csv")
    results.text("evidence.benchmarks.source", source)

    results.number("evidence.benchmarks.shown", SHOWN, "count")
    chart: alt.TopLevelMixin
    if dataset_available(manifest, "benchmarks"):
        per_model = one_entry_per_model(scores)
        spreads, entries = benchmark_spreads(scores, BENCHMARK_TASKS)
        results.table("tbl-evidence-benchmarks", spread_table(spreads, entries, claimed), caption=CAPTION,
                      source=source, widths=(7, 5, 11, 11, 7, 6, 7, 10, 8))
        benchmark_measures(results, scores, spreads, entries, claimed, SHOWN)
        chart = charts.leading_scores(leading_frame(per_model, BENCHMARK_TASKS, SHOWN, claimed))
    else:
        results.table("tbl-evidence-benchmarks", pd.DataFrame({"Note": [note]}), caption=CAPTION, source=source)
        for key in benchmark_keys():
            results.text(key, "not measured")
        chart = charts.note_chart(pd.DataFrame({"note": [note]}))
    results.chart("fig-evidence-benchmarks", chart, source=source)
    return results
