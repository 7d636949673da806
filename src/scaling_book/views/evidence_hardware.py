"""View of the chapter on hardware divergence (chapters/evidence/hardware.md): which hardware trains notable
models, overall and in the United States and China, against the seeds' CUDA moat and domestic breakthrough."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.compute_growth import COMPUTE_START
from scaling_book.analysis.evidence_common import (
    EVIDENCE_YEARS,
    FEW_ROWS,
    INTERVAL_LEVEL,
)
from scaling_book.analysis.evidence_models import hardware_by_year_from, models_by_year_from, with_combined
from scaling_book.analysis.evidence_releases import (
    combined_full_year,
    combined_partial_year,
    combined_snapshot,
    combined_years,
    seam_year,
)
from scaling_book.analysis.evidence_shares import hardware_families, hardware_shares, majority_years
from scaling_book.inputs.load import load_table
from scaling_book.schemas.processed import OTHER_HARDWARE
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import evidence as charts
from scaling_book.views.evidence_phrases import (
    breakthrough_reading,
    majority_phrase,
    moat_reading,
    window_state,
)
from scaling_book.views.evidence_releases import releases_source, seam_sentence
from scaling_book.views.evidence_tables import country_hardware_table, share_table
from scaling_book.views.results import ChapterResults

COUNTRIES = ("all", "United States", "China")
SHARE_NOTE = "share (models/models with hardware known; {glue}`evidence.hardware.interval_level` Wilson interval)."


def seed_wording(results: ChapterResults, snapshot: pd.Timestamp) -> None:
    """Glue the seeds' words on the hardware layer, its timeline tasks and anti-convergence force."""
    layer = load_table("caict_layers").set_index("layer_id").loc["hardware_adaptation"]
    tasks = load_table("timeline_tasks").set_index("task_id")
    force = load_table("drivers").set_index("driver_id").loc["hardware_difference"]
    results.text("evidence.hardware.form_zh", layer["technical_form_zh"])
    results.text("evidence.hardware.form_en", layer["technical_form_en"])
    results.text("evidence.hardware.market_zh", layer["market_structure_zh"])
    results.text("evidence.hardware.market_en", layer["market_structure_en"])
    for task_id, name in (("cuda_moat", "moat"), ("domestic_compute", "domestic")):
        task = tasks.loc[task_id]
        results.text(f"evidence.hardware.{name}_zh", task["name_zh"])
        results.text(
            f"evidence.hardware.{name}_en", f"{task['name_en']}, {task['start'].date()} to {task['end'].date()}"
        )
    results.text("evidence.hardware.force_zh", force["cause_zh"])
    results.text("evidence.hardware.window_state", window_state(snapshot, tasks.loc["domestic_compute", "end"]))


def hardware_chapter() -> ChapterResults:
    """Shares of hardware families per year (all, by country), NVIDIA's majority and Ascend's count in China."""
    results = ChapterResults()
    releases = load_table("epoch_releases")
    models = load_table("epoch_models")
    families = hardware_families()
    family_ids = [family for family in families if family != OTHER_HARDWARE]
    hardware = with_combined(
        load_table("epoch_hardware_by_year"), hardware_by_year_from(models, family_ids), seam_year(releases)
    )
    models_by_year = with_combined(load_table("epoch_models_by_year"), models_by_year_from(models), seam_year(releases))
    source = releases_source(releases, "data/processed/epoch_models.csv")
    years, partial = combined_years(releases), combined_partial_year(releases)
    results.text("evidence.hardware.seam", seam_sentence(releases))
    last = combined_full_year(releases)
    snapshot = combined_snapshot(releases)
    results.number("evidence.hardware.last_full_year", last, "year")
    results.text("evidence.hardware.snapshot", snapshot.date().isoformat())
    results.number("evidence.hardware.few_rows", FEW_ROWS, "count")
    results.number("evidence.hardware.interval_level", INTERVAL_LEVEL, "fraction")
    nvidia_name, tpu_name = families["nvidia"], families["google_tpu"]
    shares = {country: hardware_shares(hardware, "notable", families, country) for country in COUNTRIES}
    overall = shares["all"].set_index(["year", "family"])
    for year in EVIDENCE_YEARS:
        for key, family in (("nvidia", nvidia_name), ("tpu", tpu_name)):
            if (year, family) in overall.index:
                results.number(
                    f"evidence.hardware.{key}.share.{year}", overall.loc[(year, family), "share"], "fraction"
                )
    seed_wording(results, snapshot)

    results.table(
        "tbl-evidence-hardware",
        share_table(
            shares["all"], series="family", count_column="models", total="hardware_known", years=years, partial=partial
        ),
        caption="Share of notable models whose training hardware mentions each family, per year, among "
        "models with the hardware known: " + SHARE_NOTE,
        source=source,
    )
    chart_rows = shares["all"][shares["all"]["year"] >= COMPUTE_START.year]
    results.chart(
        "fig-evidence-hardware",
        charts.share_by_year(
            chart_rows,
            series="family",
            count="models",
            total="hardware_known",
            title="Share of models with hardware known",
        ),
        source=source,
    )
    known = models_by_year[models_by_year["dataset"] == "notable"].set_index("year")
    notable_hw = hardware[(hardware["dataset"] == "notable") & (hardware["country"] == "all")]
    last_all = notable_hw.set_index("year").loc[last]
    nvidia_last = overall.loc[(last, nvidia_name)]
    results.number("evidence.hardware.known_last", int(last_all["hardware_known"]), "count")
    results.number("evidence.hardware.models_last", int(known.loc[last, "models"]), "count")
    results.number("evidence.hardware.nvidia_last", nvidia_last["share"], "fraction")
    results.number("evidence.hardware.nvidia_last_low", nvidia_last["share_low"], "fraction")
    results.number("evidence.hardware.nvidia_last_high", nvidia_last["share_high"], "fraction")
    results.number("evidence.hardware.tpu_last", overall.loc[(last, tpu_name), "share"], "fraction")
    window = shares["all"][shares["all"]["year"].between(EVIDENCE_YEARS[0], last)]
    peak = window[window["family"] == tpu_name].sort_values(["share", "year"], ascending=[False, True]).iloc[0]
    results.number("evidence.hardware.tpu_peak", peak["share"], "fraction")
    results.number("evidence.hardware.tpu_peak_year", int(peak["year"]), "year")
    results.number("evidence.hardware.ascend_total", int(notable_hw["huawei_ascend"].sum()), "count")
    results.number("evidence.hardware.known_total", int(notable_hw["hardware_known"].sum()), "count")
    nvidia = window[(window["family"] == nvidia_name) & (window["year"] <= last)]
    majority, majority_interval = majority_years(nvidia)
    results.number("evidence.hardware.nvidia_majority_years", majority, "count")
    results.number("evidence.hardware.nvidia_interval_majority_years", majority_interval, "count")
    results.number("evidence.hardware.years_counted", len(nvidia), "count")
    results.text("evidence.hardware.nvidia_majority", majority_phrase(nvidia_last["share"]))
    results.text("evidence.hardware.moat_reading", moat_reading(nvidia_last["share"], nvidia_last["share_low"]))
    results.text("evidence.hardware.source", source)
    ranked = overall.loc[last].sort_values("share", ascending=False, kind="stable")
    results.text("evidence.hardware.second_family", ranked.index[1])

    results.table(
        "tbl-evidence-hardware-country",
        country_hardware_table(hardware, "notable", years, partial, families),
        caption="Notable models with known training hardware by country of their organisations, and the "
        "share that mention each hardware family: " + SHARE_NOTE,
        source=source,
        widths=(5, 7, 6, 10, 10, 10, 10),
    )
    china = hardware[
        (hardware["dataset"] == "notable") & (hardware["country"] == "China") & hardware["year"].isin(years)
    ]
    results.number("evidence.hardware.china_known", int(china["hardware_known"].sum()), "count")
    results.number("evidence.hardware.china_nvidia", int(china["nvidia"].sum()), "count")
    results.number("evidence.hardware.china_ascend", int(china["huawei_ascend"].sum()), "count")
    results.number("evidence.hardware.first_table_year", years[0], "year")
    china_years = china.set_index("year")["hardware_known"].reindex(range(years[0], last + 1), fill_value=0)
    results.number("evidence.hardware.china_min", int(china_years.min()), "count")
    results.number("evidence.hardware.china_max", int(china_years.max()), "count")
    china_last = (
        china.set_index("year")[["hardware_known", "nvidia", "huawei_ascend"]].reindex([last], fill_value=0).iloc[0]
    )
    results.number("evidence.hardware.china_known_last", int(china_last["hardware_known"]), "count")
    results.number("evidence.hardware.china_nvidia_last", int(china_last["nvidia"]), "count")
    results.number("evidence.hardware.china_ascend_last", int(china_last["huawei_ascend"]), "count")
    results.text(
        "evidence.hardware.breakthrough_reading",
        breakthrough_reading(int(china_last["nvidia"]), int(china_last["huawei_ascend"])),
    )
    shown = results.shown
    add_brief(
        results,
        [
            f"NVIDIA hardware trained {shown('evidence.hardware.nvidia_last')} "
            f"({shown('evidence.hardware.nvidia_last_low')} to {shown('evidence.hardware.nvidia_last_high')}) of the "
            f"{shown('evidence.hardware.known_last')} notable models of {shown('evidence.hardware.last_full_year')} "
            "whose hardware is recorded.",
            f"It had more than half of them in {shown('evidence.hardware.nvidia_majority_years')} of "
            f"{shown('evidence.hardware.years_counted')} years; the whole interval lies above one half in "
            f"{shown('evidence.hardware.nvidia_interval_majority_years')} of them.",
            f"Google TPUs trained {shown('evidence.hardware.tpu_peak')} at their peak in "
            f"{shown('evidence.hardware.tpu_peak_year')} and {shown('evidence.hardware.tpu_last')} in "
            f"{shown('evidence.hardware.last_full_year')}.",
            f"Huawei Ascend appears for {shown('evidence.hardware.ascend_total')} of the "
            f"{shown('evidence.hardware.known_total')} notable models with recorded hardware in the whole dataset.",
        ],
    )
    return results
