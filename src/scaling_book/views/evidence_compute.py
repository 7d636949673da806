"""View of the chapter on compute scaling (chapters/evidence/compute.md): Epoch's files and the growth of compute."""

from __future__ import annotations

from datetime import date

import pandas as pd

from scaling_book.analysis.compute_growth import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    COMPUTE_START,
    CompositionFit,
    composition_growth,
    compute_by_year,
    compute_growth,
    growth_per_year,
    slope_difference,
)
from scaling_book.analysis.evidence_common import INTERVAL_LEVEL
from scaling_book.analysis.evidence_releases import combined_full_year
from scaling_book.inputs.load import load_table
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_phrases import difference_verdict, source_line, source_lines
from scaling_book.views.evidence_releases import releases_source
from scaling_book.views.evidence_tables import (
    dataset_labels,
    exclusions_table,
    growth_table,
    interval,
    manifest_table,
)
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import multiple

COMPOSITION_CAPTION = (
    "Growth of training compute by start year, for all notable models and for language models alone "
    "(domain includes Language), up to the end of the last full year, with "
    "{glue}`evidence.compute.interval_level` bootstrap intervals; the last column is the ratio of the "
    "language models' yearly growth factor to that of all notable models, both refitted on each resample."
)


def higher_or_lower(earlier: float, later: float) -> str:
    """'higher than', 'the same as' or 'lower than': the later start's growth factor against the earlier's, as shown."""
    if multiple(later) == multiple(earlier):
        return "the same as"
    return "higher than" if later > earlier else "lower than"


def composition_table(fits: list[CompositionFit]) -> pd.DataFrame:
    """One row per start year and group: models, period, growth per year, doubling time, language/all ratio."""
    rows = []
    for fit in fits:
        ratio = growth_per_year(fit.difference.difference)
        ratios = growth_per_year(fit.difference.low), growth_per_year(fit.difference.high)
        for group, growth in (("All notable models", fit.everything), ("Language models", fit.language)):
            rows.append(
                {
                    "From": fit.start.year,
                    "Models": group,
                    "Models fitted": growth.models,
                    "Published": f"{growth.first_date.isoformat()} to {growth.last_date.isoformat()}",
                    "Growth per year (95% interval)": f"{multiple(growth.growth)} "
                    f"({interval(*growth.growth_interval, multiple)})",
                    "Doubling time in months": f"{growth.doubling:.1f}",
                    "Ratio to all (95% interval)": "–"
                    if growth is fit.everything
                    else f"{ratio:.2f} ({interval(*ratios, lambda value: f'{value:.2f}')})",
                }
            )
    return pd.DataFrame(rows)


def composition(results: ChapterResults) -> None:
    """Glue and table the growth of all notable and of language models from each start year (epoch_models)."""
    releases = load_table("epoch_releases")
    last = combined_full_year(releases)
    fits = composition_growth(load_table("epoch_models"), date(last, 12, 31))
    source = releases_source(releases, "data/processed/epoch_models.csv")
    results.number("evidence.compute.composition.until", last, "year")
    results.text("evidence.compute.composition.source", source)
    for fit in fits:
        start = fit.start.year
        results.number(f"evidence.compute.composition.start.{start}", start, "year")
        for key, growth in (("notable", fit.everything), ("language", fit.language)):
            results.number(f"evidence.compute.composition.{key}.{start}", growth.growth, "multiple")
            results.number(f"evidence.compute.composition.{key}.{start}.models", growth.models, "count")
        for suffix, slope in (
            ("", fit.difference.difference),
            (".low", fit.difference.low),
            (".high", fit.difference.high),
        ):
            ratio = growth_per_year(slope)
            results.number(
                f"evidence.compute.composition.ratio.{start}{suffix}", ratio, "multiple", text=f"{ratio:.2f}"
            )
        results.text(f"evidence.compute.composition.verdict.{start}", difference_verdict(fit.difference))
    first, later = fits[0], fits[-1]
    results.text("evidence.compute.composition.pace", higher_or_lower(first.everything.growth, later.everything.growth))
    results.table(
        "tbl-evidence-compute-composition",
        composition_table(fits),
        caption=COMPOSITION_CAPTION,
        widths=(6, 16, 8, 22, 18, 10, 16),
        source=source,
    )


def compute_chapter() -> ChapterResults:
    """Provenance of the Epoch files, growth of training compute since 2010 and the frontier/notable ratio."""
    results = ChapterResults()
    manifest = load_table("epoch_manifest")
    compute = load_table("epoch_compute")
    notable = manifest.set_index("dataset").loc["notable"]
    source = source_line(manifest, "notable", "data/processed/epoch_compute.csv")
    results.text("evidence.compute.licence", notable["licence"])
    results.text("evidence.compute.source", source)
    scaling = load_table("drivers").set_index("driver_id").loc["scaling_law"]
    results.text("evidence.compute.driver_zh", f"{scaling['cause_zh']} → {scaling['effect_zh']}")
    results.text("evidence.compute.driver_en", f"{scaling['cause_en']} → {scaling['effect_en']}")

    exclusions = load_table("epoch_exclusions")
    results.number("evidence.compute.notable_rows", int(notable["rows_raw"]), "count")
    results.number("evidence.compute.notable_kept", int(notable["rows_kept"]), "count")
    results.number("evidence.compute.notable_dropped", int(notable["rows_dropped"]), "count")
    results.number("evidence.compute.with_compute", len(compute), "count")
    results.number("evidence.compute.with_compute_share", len(compute) / int(notable["rows_kept"]), "fraction")
    results.table(
        "tbl-evidence-manifest",
        manifest_table(manifest),
        caption="The Epoch AI files behind the evidence chapters, as the pipeline read them.",
        source=source_lines(manifest, "data/processed/epoch_manifest.csv by python -m scaling_book.pipelines.epoch"),
    )
    results.table(
        "tbl-evidence-exclusions",
        exclusions_table(exclusions, dataset_labels(manifest)),
        caption="Rows and values the pipeline left out, by file, column and reason.",
        source=source_lines(manifest, "data/processed/epoch_exclusions.csv"),
    )

    fits = {"All notable models": compute_growth(compute), "Frontier models": compute_growth(compute, True)}
    for key, growth in zip(["notable", "frontier"], fits.values()):
        low, high = growth.growth_interval
        results.number(f"evidence.compute.growth_per_year.{key}", growth.growth, "multiple")
        results.number(f"evidence.compute.growth_per_year.{key}.low", low, "multiple")
        results.number(f"evidence.compute.growth_per_year.{key}.high", high, "multiple")
        short, long = growth.doubling_interval
        results.number(
            f"evidence.compute.doubling_months.{key}", growth.doubling, "months", text=f"{growth.doubling:.1f}"
        )
        results.number(f"evidence.compute.doubling_months.{key}.low", short, "months", text=f"{short:.1f}")
        results.number(f"evidence.compute.doubling_months.{key}.high", long, "months", text=f"{long:.1f}")
        results.number(f"evidence.compute.models.{key}", growth.models, "count")
    results.number("evidence.compute.bootstrap_resamples", BOOTSTRAP_RESAMPLES, "count")
    results.number("evidence.compute.bootstrap_seed", BOOTSTRAP_SEED, "seed", text=str(BOOTSTRAP_SEED))
    results.number("evidence.compute.interval_level", INTERVAL_LEVEL, "fraction")
    results.number("evidence.compute.start_year", COMPUTE_START.year, "year")
    notable_fit, frontier_fit = fits.values()
    difference = slope_difference(compute)
    for suffix, slope in (("", difference.difference), (".low", difference.low), (".high", difference.high)):
        ratio = growth_per_year(slope)
        results.number(f"evidence.compute.growth_ratio{suffix}", ratio, "multiple", text=f"{ratio:.2f}")
    results.text("evidence.compute.difference_verdict", difference_verdict(difference))
    trend = compute_by_year(compute, notable_fit, False, "All notable models")
    frontier_trend = compute_by_year(compute, frontier_fit, True, "Frontier models")
    results.chart("fig-evidence-compute", charts.compute_trend(pd.concat([trend, frontier_trend])), source=source)
    results.table(
        "tbl-evidence-compute-growth",
        growth_table(fits),
        caption="Growth of training compute since the start of the fit, with "
        "{glue}`evidence.compute.interval_level` bootstrap intervals.",
        source=source,
    )
    composition(results)
    shown, rate = results.shown, "evidence.compute.growth_per_year"
    add_brief(
        results,
        [
            f"Since {shown('evidence.compute.start_year')}, the training compute of notable models has grown "
            f"{shown(f'{rate}.notable')} a year ({shown(f'{rate}.notable.low')} to "
            f"{shown(f'{rate}.notable.high')}), a doubling every {shown('evidence.compute.doubling_months.notable')} "
            "months.",
            f"Frontier models grew {shown(f'{rate}.frontier')} a year; the ratio of the two rates is "
            f"{shown('evidence.compute.growth_ratio')}, whose interval {shown('evidence.compute.difference_verdict')}.",
            f"Started in {shown('evidence.compute.composition.start.2018')}, the fit for all notable models gives a "
            f"yearly growth factor {shown('evidence.compute.composition.pace')} the fit started in "
            f"{shown('evidence.compute.composition.start.2010')}.",
            f"Only {shown('evidence.compute.with_compute_share')} of the {shown('evidence.compute.notable_kept')} "
            "dated notable models have a compute estimate.",
        ],
    )
    return results
