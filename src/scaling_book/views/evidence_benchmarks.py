"""View of the chapter on benchmark convergence (chapters/evidence/benchmarks.md): the spread among the leading
models of Epoch's Benchmarking Hub against the seeds' claimed bound, or a note when the runs file is absent."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scaling_book.analysis.benchmark_orgs import (
    QUESTION_COUNTS,
    SATURATION_MARGIN,
    BenchmarkReading,
    attribution_counts,
    benchmark_readings,
    best_per_organization,
)
from scaling_book.analysis.benchmarks import SPREAD_RANK, ranked_scores, repeated_entries
from scaling_book.analysis.concentration import parent_companies
from scaling_book.analysis.evidence_common import dataset_available
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import BENCHMARK_TASKS
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_benchmark_dates import DATED_KEYS, glue_dated_spreads
from scaling_book.views.evidence_phrases import (
    absent_note,
    other_readings,
    range_verdict,
    saturation_phrase,
    source_line,
    spread_summary,
)
from scaling_book.views.evidence_tables import interval, leading_frame
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import percent

BENCHMARK_TASK_KEYS = ("gpqa", "math")  # glue key of each task of ``schemas.processed.BENCHMARK_TASKS``
BENCHMARK_TASK_MEASURES = (
    "organizations",
    "models",
    "entries",
    "questions",
    "best",
    "best_model",
    "best_error",
    "fifth",
    "fifth_model",
    "spread",
    "spread_low",
    "spread_high",
    "sampled_low",
    "sampled_high",
    "spread_models",
    "spread_models_low",
    "spread_models_high",
    "spread_entries",
    "spread_entries_low",
    "spread_entries_high",
    "relative",
    "verdict",
    "saturation",
    "repeats",
)
BENCHMARK_MEASURES = (
    "summary",
    "other_readings",
    "overall",
    "by_epoch_models",
    "by_prefix",
    "unattributed",
    "out_of_scope",
    "out_of_scope_example",
)
SHOWN = 2 * SPREAD_RANK  # organisations drawn per benchmark
CAPTION = (
    "Best and fifth-best organisations on two benchmarks (each at its best model, each model at its best setting): "
    "questions in the benchmark, the top score's binomial standard error and the spread between the two "
    "(percentage points)."
)
# The readings of the spread are a second, narrower table: thirteen columns do not fit the printed line.
SPREAD_LABEL = "tbl-evidence-benchmarks-spread"
SPREAD_CAPTION = (
    "The spread of the leaders on each benchmark (percentage points): its range over the full ranking and every "
    "ranking with one of the five leaders left out, that range widened by the sampling error of the scores, the "
    "verdict it gives, whether the top score is near the ceiling, and the spread with every model, and every "
    "setting, as a separate entry."
)
LEADER_COLUMNS = 7  # Benchmark ... Spread (points): the first table; the spread's readings follow in the second


def benchmark_keys() -> list[str]:
    """Every data-dependent glue key of the benchmark chapter."""
    return [
        f"evidence.benchmarks.{task}.{name}" for task in BENCHMARK_TASK_KEYS for name in BENCHMARK_TASK_MEASURES
    ] + [f"evidence.benchmarks.{name}" for name in BENCHMARK_MEASURES]


def points(value: float) -> str:
    """A score difference in percentage points: 0.0512 -> '5.1 points'."""
    return f"{value * 100:.1f} points"


def reading_verdict(reading: BenchmarkReading, claimed: float) -> str:
    """The primary verdict: where the organisations' leave-one-out range, widened by sampling error, lies."""
    return range_verdict(reading.sampled_low, reading.sampled_high, claimed)


def alternative_verdicts(readings: list[BenchmarkReading], claimed: float) -> dict[str, list[str]]:
    """Each other reading of the spread -> the verdict it gives on each benchmark."""
    return {
        "without the sampling error": [
            range_verdict(r.organizations.spread_low, r.organizations.spread_high, claimed) for r in readings
        ],
        "relative to the best score": [
            range_verdict(r.organizations.relative_low, r.organizations.relative_high, claimed) for r in readings
        ],
        "with every model counted": [
            range_verdict(r.models.spread_low, r.models.spread_high, claimed) for r in readings
        ],
        "with every setting counted as an entry": [
            range_verdict(r.entries.spread_low, r.entries.spread_high, claimed) for r in readings
        ],
    }


def reading_table(readings: list[BenchmarkReading], claimed: float) -> pd.DataFrame:
    """One row per benchmark: the organisations' spread with its ranges and verdict, then the other counts."""

    def number(value: float) -> str:
        return f"{value * 100:.1f}"

    return pd.DataFrame(
        {
            "Benchmark": [r.task for r in readings],
            "Questions": [f"{r.questions:,}" for r in readings],
            "Organisations": [r.organizations.models for r in readings],
            "Best (model)": [f"{percent(r.organizations.best, 1)} ({r.organizations.best_model})" for r in readings],
            "SE of best": [number(r.best_error) for r in readings],
            "Fifth best (model)": [
                f"{percent(r.organizations.kth, 1)} ({r.organizations.kth_model})" for r in readings
            ],
            "Spread (points)": [number(r.organizations.spread) for r in readings],
            "Leave-one-out range": [
                interval(r.organizations.spread_low, r.organizations.spread_high, number) for r in readings
            ],
            "With sampling error": [interval(r.sampled_low, r.sampled_high, number) for r in readings],
            "Verdict": [reading_verdict(r, claimed) for r in readings],
            "Top score": [saturation_phrase(r.saturated) for r in readings],
            "Spread over models": [number(r.models.spread) for r in readings],
            "Spread over entries": [number(r.entries.spread) for r in readings],
        }
    )


def benchmark_measures(
    results: ChapterResults, readings: list[BenchmarkReading], scores: pd.DataFrame, claimed: float, shown: int
) -> None:
    """Glue every benchmark measure (each task key of :func:`benchmark_keys`) from ``benchmark_readings``."""
    for key, reading in zip(BENCHMARK_TASK_KEYS, readings, strict=True):
        prefix = f"evidence.benchmarks.{key}"
        primary = reading.organizations
        results.number(f"{prefix}.organizations", primary.models, "count")
        results.number(f"{prefix}.models", reading.models.models, "count")
        results.number(f"{prefix}.entries", reading.entries.models, "count")
        results.number(f"{prefix}.questions", reading.questions, "count")
        results.number(f"{prefix}.best", primary.best, "fraction", text=f"{primary.best:.1%}")
        results.text(f"{prefix}.best_model", primary.best_model)
        results.number(f"{prefix}.best_error", reading.best_error, "fraction", text=points(reading.best_error))
        results.number(f"{prefix}.fifth", primary.kth, "fraction", text=f"{primary.kth:.1%}")
        results.text(f"{prefix}.fifth_model", primary.kth_model)
        for name, value in (
            ("spread", primary.spread),
            ("spread_low", primary.spread_low),
            ("spread_high", primary.spread_high),
            ("sampled_low", reading.sampled_low),
            ("sampled_high", reading.sampled_high),
            ("spread_models", reading.models.spread),
            ("spread_models_low", reading.models.spread_low),
            ("spread_models_high", reading.models.spread_high),
            ("spread_entries", reading.entries.spread),
            ("spread_entries_low", reading.entries.spread_low),
            ("spread_entries_high", reading.entries.spread_high),
        ):
            results.number(f"{prefix}.{name}", value, "fraction", text=points(value))
        relative = primary.spread / primary.best
        results.number(f"{prefix}.relative", relative, "fraction", text=f"{relative:.1%}")
        results.text(f"{prefix}.verdict", reading_verdict(reading, claimed))
        results.text(f"{prefix}.saturation", saturation_phrase(reading.saturated))
        results.number(f"{prefix}.repeats", repeated_entries(ranked_scores(scores, reading.task), shown), "count")
    verdicts = [reading_verdict(reading, claimed) for reading in readings]
    summary, overall = spread_summary(dict(zip([reading.task for reading in readings], verdicts)))
    results.text("evidence.benchmarks.summary", summary)
    results.text(
        "evidence.benchmarks.other_readings", other_readings(verdicts, alternative_verdicts(readings, claimed))
    )
    results.text("evidence.benchmarks.overall", overall)


def scope_measures(results: ChapterResults, per_model: pd.DataFrame | None) -> None:
    """Glue how organisations were found and what the pipeline left out as out of scope."""
    counts = attribution_counts(per_model) if per_model is not None else {}
    for key, how in (("by_epoch_models", "epoch_models"), ("by_prefix", "prefix"), ("unattributed", "unattributed")):
        results.number(f"evidence.benchmarks.{key}", counts.get(how, 0), "count")
    exclusions = load_table("epoch_exclusions")
    dropped = exclusions[(exclusions["dataset"] == "benchmarks") & (exclusions["reason"] == "out of scope")]
    results.number("evidence.benchmarks.out_of_scope", int(dropped["rows"].sum()), "count")
    results.text(
        "evidence.benchmarks.out_of_scope_example", str(dropped["example"].iloc[0]) if len(dropped) else "none"
    )


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
    results.number(
        "evidence.benchmarks.saturation_margin", SATURATION_MARGIN, "fraction", text=points(SATURATION_MARGIN)
    )
    for key, task in zip(BENCHMARK_TASK_KEYS, BENCHMARK_TASKS, strict=True):
        results.text(f"evidence.benchmarks.{key}.questions_source", QUESTION_COUNTS[task][1])
    if dataset_available(manifest, "benchmarks"):
        readings, per_model = benchmark_readings(
            scores, load_table("epoch_models"), parent_companies(), BENCHMARK_TASKS
        )
        readings_frame = reading_table(readings, claimed)
        results.table(
            "tbl-evidence-benchmarks",
            readings_frame.iloc[:, :LEADER_COLUMNS],
            caption=CAPTION,
            source=source,
            widths=(7, 5, 6, 11, 4, 11, 5),
        )
        spread_columns = [readings_frame.columns[0], *readings_frame.columns[LEADER_COLUMNS - 1 :]]
        results.table(
            SPREAD_LABEL,
            readings_frame[spread_columns],
            caption=SPREAD_CAPTION,
            source=source,
            widths=(7, 5, 7, 7, 9, 7, 5, 5),
        )
        benchmark_measures(results, readings, scores, claimed, SHOWN)
        scope_measures(results, per_model)
        glue_dated_spreads(results, per_model, load_table("epoch_models"), BENCHMARK_TASKS, source)
        chart = charts.leading_scores(leading_frame(best_per_organization(per_model), BENCHMARK_TASKS, SHOWN, claimed))
    else:
        results.table("tbl-evidence-benchmarks", pd.DataFrame({"Note": [note]}), caption=CAPTION, source=source)
        results.table(SPREAD_LABEL, pd.DataFrame({"Note": [note]}), caption=SPREAD_CAPTION, source=source)
        results.table("tbl-evidence-benchmarks-dated", pd.DataFrame({"Note": [note]}), caption=CAPTION, source=source)
        for key in [*benchmark_keys(), *DATED_KEYS]:
            results.text(key, "not measured")
        chart = charts.note_chart(pd.DataFrame({"note": [note]}))
    results.chart("fig-evidence-benchmarks", chart, source=source)
    shown = results.shown
    add_brief(
        results,
        [
            f"The seeds' bound of {shown('evidence.benchmarks.claimed_spread')} between the leading models' scores "
            f"is {shown('evidence.benchmarks.overall')} on the benchmarks Epoch runs.",
            f"The claim {shown('evidence.benchmarks.summary')}.",
            f"The best GPQA diamond score is {shown('evidence.benchmarks.gpqa.best')} "
            f"({shown('evidence.benchmarks.gpqa.saturation')}); the best MATH level 5 score is "
            f"{shown('evidence.benchmarks.math.best')} ({shown('evidence.benchmarks.math.saturation')}).",
        ],
    )
    return results
