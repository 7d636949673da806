"""Views for the layer chapters (Part III): what each seed exhibit says about one layer."""

from __future__ import annotations

from datetime import date

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.analysis.timeline import timeline_with_status
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.framework_tables import claims_view
from scaling_book.views.measured import layer_evidence
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import prediction_states, recorded_phrase
from scaling_book.views.text import bilingual, bilingual_unless_same, names_list, star_bar


def layer_row(layer_id: str) -> pd.Series:
    """The layer's row of ``convergence_layers.csv``."""
    layers = load_table("convergence_layers").set_index("layer_id")
    if layer_id not in layers.index:
        raise KeyError(f"no layer {layer_id!r} in data/framework/convergence_layers.csv")
    return layers.loc[layer_id]


def layer_profile(layer_id: str) -> pd.DataFrame:
    """Everything the pyramid and the five-layer (CAICT) table say about the layer, aspect by aspect."""
    layer = layer_row(layer_id)
    rows: list[tuple[str, str, str, str]] = []
    if isinstance(layer.pyramid_layer_id, str):
        pyramid = load_table("pyramid_layers").set_index("layer_id").loc[layer.pyramid_layer_id]
        rows += [
            ("Pyramid (四层金字塔)", "Layer", pyramid.name_en, pyramid.name_zh),
            ("Pyramid (四层金字塔)", "Signal", pyramid.signal_en, pyramid.signal_zh),
            ("Pyramid (四层金字塔)", "Reading", pyramid.reading_en, pyramid.reading_zh),
        ]
        fronts = load_table("pyramid_open_fronts")
        for front in fronts[fronts.linked_layer_id == layer.pyramid_layer_id].itertuples():
            rows.append(
                (
                    "Pyramid (四层金字塔)",
                    "Unconverged front (未收敛区域)",
                    f"{front.name_en}: {front.detail_en}",
                    f"{front.name_zh}：{front.detail_zh}",
                )
            )
    if isinstance(layer.caict_layer_id, str):
        caict = load_table("caict_layers").set_index("layer_id").loc[layer.caict_layer_id]
        stars = int(caict.predictability_stars)
        rows += [
            ("Five-layer table (信通院)", "Layer", caict.name_en, caict.name_zh),
            ("Five-layer table (信通院)", "Status", caict.status_en, caict.status_zh),
            ("Five-layer table (信通院)", "Technical form", caict.technical_form_en, caict.technical_form_zh),
            ("Five-layer table (信通院)", "Market structure", caict.market_structure_en, caict.market_structure_zh),
            (
                "Five-layer table (信通院)",
                "Predictability",
                f"{stars} of 5 stars: {caict.predictability_note_en}",
                star_bar(stars) + f" {caict.predictability_note_zh}",
            ),
            ("Five-layer table (信通院)", "Room for improvement", caict.improvement_en, caict.improvement_zh),
        ]
    return pd.DataFrame(rows, columns=["Exhibit", "Aspect", "English", "中文"])


def layer_tasks(layer_id: str, as_of: date) -> pd.DataFrame:
    """The layer's section of the Gantt chart, with each task's status on ``as_of``."""
    tasks = timeline_with_status(as_of)
    return tasks[tasks.layer_id == layer_id].reset_index(drop=True)


def layer_predictions(layer_id: str, as_of: date) -> pd.DataFrame:
    """The dated predictions about the layer, with their status on the scorecard."""
    predictions = prediction_states(as_of).reset_index()
    return predictions[predictions.layer_id == layer_id].reset_index(drop=True)


def seed_status_label(status: str, milestone: bool, critical: bool) -> str:
    """The status the seed gives a Gantt entry: 'milestone' for a milestone, with ', critical' when flagged."""
    return ("milestone" if milestone else status) + (", critical" if critical else "")


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks for display: dates, the seed's status and the status computed on the as-of date."""
    return pd.DataFrame(
        {
            "Task": [f"{en} ({zh})" for en, zh in zip(tasks.name_en, tasks.name_zh)],
            "Start": [
                "–" if milestone else start.date().isoformat() for start, milestone in zip(tasks.start, tasks.milestone)
            ],
            "End": [end.date().isoformat() for end in tasks.end],
            "Seed's status": [
                seed_status_label(status, milestone, critical)
                for status, milestone, critical in zip(tasks.seed_status, tasks.milestone, tasks.critical)
            ],
            "Status on the as-of date": tasks.status_on_as_of,
        }
    )


def quarter_label(quarter: str) -> str:
    """'2026Q2' -> '2026 Q2', as the prose writes a quarter."""
    return f"{quarter[:4]} Q{quarter[-1]}"


def day(timestamp: pd.Timestamp) -> str:
    """The ISO date of a task's start or end."""
    return timestamp.date().isoformat()


def _layer_timeline(results: ChapterResults, layer_id: str, tasks: pd.DataFrame, source: str, on: date) -> None:
    """The layer's section of the Gantt chart as a table and as a chart (the same in every layer chapter)."""
    results.table(
        f"tbl-{layer_id}-tasks",
        task_table(tasks),
        caption=f"The {layer_id} section of the overview's Gantt chart.",
        source=f"{source}; data/framework/timeline_tasks.csv",
    )
    results.chart(
        f"fig-{layer_id}-timeline",
        charts.timeline_gantt(tasks),
        source=f"seed 002, section 七; data/framework/timeline_tasks.csv; as of {on.isoformat()}",
    )


def layer_brief(results: ChapterResults, layer_id: str) -> None:
    """The In brief box of a layer chapter: the layer's definition, its timeline entries and the atlas's verdict."""
    add_brief(
        results,
        [
            str(layer_row(layer_id)["definition_en"]),
            f"Timeline entries for the layer: {results.shown(f'{layer_id}.tasks')}.",
            results.shown(f"{layer_id}.evidence"),
        ],
    )


def mathematics_chapter() -> ChapterResults:
    """The mathematics layer (chapters/layers/mathematics.md): its profile and its tasks on the timeline."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 三, 五 and 七"
    results.text("mathematics.as_of", on.isoformat())
    profile = layer_profile("mathematics")
    training = load_table("caict_layers").set_index("layer_id").loc["training_paradigm"]
    results.number("mathematics.training_predictability", training.predictability_stars, "stars")
    results.table(
        "tbl-mathematics-profile",
        profile,
        caption="The mathematics layer in the pyramid and in the five-layer table. The pairing with the "
        "training-paradigm row is this book's mapping; the seeds do not make it.",
        source=f"{source}; data/framework/pyramid_layers.csv, pyramid_open_fronts.csv, caict_layers.csv, "
        "convergence_layers.csv",
    )
    tasks = layer_tasks("mathematics", on)
    results.number("mathematics.tasks", len(tasks), "count")
    results.number("mathematics.done_in_seed", int((tasks.seed_status == "done").sum()), "count")
    results.text("mathematics.loss_end", day(tasks.set_index("task_id").loc["loss_theory", "end"]))
    results.text("mathematics.quote.incomplete", fw.quote("math_incomplete"))
    _layer_timeline(results, "mathematics", tasks, source, on)
    layer_evidence(results, "mathematics")
    layer_brief(results, "mathematics")
    return results


def architecture_chapter() -> ChapterResults:
    """The architecture layer (chapters/layers/architecture.md): its profile and its tasks on the timeline."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 三, 五 and 七"
    results.table(
        "tbl-architecture-profile",
        layer_profile("architecture"),
        caption="The architecture layer in the pyramid and in the five-layer table (infrastructure row, "
        "paired by this book).",
        source=f"{source}; data/framework/pyramid_layers.csv, pyramid_open_fronts.csv, caict_layers.csv",
    )
    caict = load_table("caict_layers").set_index("layer_id").loc["infrastructure"]
    results.number("architecture.predictability", caict.predictability_stars, "stars")
    tasks = layer_tasks("architecture", on)
    indexed = tasks.set_index("task_id")
    results.number("architecture.tasks", len(tasks), "count")
    results.text("architecture.transformer_end", day(indexed.loc["transformer_dominance", "end"]))
    results.text("architecture.challenger_date", day(indexed.loc["new_architecture_challenger", "end"]))
    results.text("architecture.challenger_status", indexed.loc["new_architecture_challenger", "status_on_as_of"])
    results.text("architecture.moe_status", indexed.loc["moe_standard", "status_on_as_of"])
    _layer_timeline(results, "architecture", tasks, source, on)
    layer_evidence(results, "architecture")
    layer_brief(results, "architecture")
    return results


def capability_chapter() -> ChapterResults:
    """The capability layer (chapters/layers/capability.md): its profile, its claims, tasks and prediction."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 三, 五 and 七"
    results.table(
        "tbl-capability-profile",
        layer_profile("capability"),
        caption="The capability layer in the pyramid and in the five-layer table.",
        source=f"{source}; data/framework/pyramid_layers.csv, pyramid_open_fronts.csv, caict_layers.csv",
    )
    results.number("capability.benchmark_spread", fw.claim("capability.benchmark_spread").value, "fraction")
    results.number("capability.head_firms", fw.claim("market.head_firms").value, "count")
    results.number("capability.head_share", fw.claim("market.head_firms_share").value, "fraction")
    claims = claims_view(
        ["capability.benchmark_spread", "capability.mmlu_spread_caict", "market.head_firms", "market.head_firms_share"]
    )
    results.number("capability.claims", len(claims), "count")
    results.table(
        "tbl-capability-claims",
        claims,
        caption="The quantitative claims the seeds make about the capability layer.",
        source=f"{source}; data/framework/claims.csv",
    )
    tasks = layer_tasks("capability", on)
    evaluation = tasks.set_index("task_id").loc["hidden_capability_evaluation"]
    results.number("capability.tasks", len(tasks), "count")
    results.text("capability.eval_end", day(evaluation.end))
    results.text("capability.eval_status", evaluation.status_on_as_of)
    prediction = layer_predictions("capability", on).iloc[0]  # the layer has one dated prediction
    results.text("capability.prediction_due", quarter_label(prediction.due_quarter))
    results.text("capability.prediction_state", prediction.state)
    _layer_timeline(results, "capability", tasks, source, on)
    layer_evidence(results, "capability")
    layer_brief(results, "capability")
    return results


def application_chapter() -> ChapterResults:
    """The application layer (chapters/layers/application.md): its profile, tasks and dated predictions."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 五, 七 and 八"
    results.table(
        "tbl-application-profile",
        layer_profile("application"),
        caption="The application layer in the five-layer table (application-protocol row). The pyramid "
        "has no application layer.",
        source=f"{source}; data/framework/caict_layers.csv, convergence_layers.csv",
    )
    window = fw.claim("application.convergence_window")
    results.number("application.window_start", window.value, "year")
    results.number("application.window_end", window.value_high, "year")
    tasks = layer_tasks("application", on)
    indexed = tasks.set_index("task_id")
    predictions = layer_predictions("application", on).set_index("prediction_id")
    results.number("application.tasks", len(tasks), "count")
    for key, claim_id in [("milestone", "market.gantt_three_to_five"), ("providers", "market.providers_2027")]:
        stated = fw.claim(claim_id)
        results.number(f"application.{key}_low", stated["value"], "count")
        results.number(f"application.{key}_high", stated["value_high"], "count")
    results.number("application.predictions", len(predictions), "count")
    results.text("application.mcp_task_end", day(indexed.loc["mcp_standardisation", "end"]))
    results.text("application.mcp_due", predictions.loc["mcp_standard", "due_date"].isoformat())
    results.text("application.market_milestone", day(indexed.loc["market_three_to_five", "end"]))
    results.text("application.market_due", predictions.loc["market_three_to_five", "due_date"].isoformat())
    results.count(
        "application.due_passed",
        int(predictions.due_passed.sum()),
        "application prediction has passed its due date",
        "application predictions have passed their due dates",
    )
    _layer_timeline(results, "application", tasks, source, on)
    results.text("application.recorded", recorded_phrase(predictions))
    frame = predictions.reset_index()[["due_quarter", "statement_en", "statement_zh", "state"]].rename(
        columns={"due_quarter": "Due", "statement_en": "Prediction", "statement_zh": "中文", "state": "Scorecard"}
    )
    results.table(
        "tbl-application-predictions",
        frame,
        caption="The overview's dated predictions about the application layer.",
        source=f"{source}; data/framework/predictions.csv",
    )
    layer_evidence(results, "application")
    layer_brief(results, "application")
    return results


def hardware_chapter() -> ChapterResults:
    """The hardware layer (chapters/layers/hardware.md): its profile, the divergence cases and its tasks."""
    results, on = ChapterResults(), as_of()
    source = "seed 002 (section overview), sections 五 and 七"
    results.table(
        "tbl-hardware-profile",
        layer_profile("hardware"),
        caption="The hardware layer in the five-layer table (hardware-adaptation row). The pyramid has no "
        "hardware layer.",
        source=f"{source}; data/framework/caict_layers.csv",
    )
    cases = load_table("force_cases")
    cases = cases[cases.force_id == "hardware"].sort_values("order")
    labels = [bilingual_unless_same(en, zh) for en, zh in zip(cases.case_en, cases.case_zh)]
    results.number("hardware.cases", len(cases), "count")
    results.text("hardware.case_names", names_list(labels))
    force = load_table("forces").set_index("force_id").loc["hardware"]
    results.text("hardware.force_name", bilingual(force.name_en.lower(), force.name_zh))
    results.text("hardware.force_contrast", force.example_en)
    results.table(
        "tbl-hardware-cases",
        cases.assign(case=labels)[["order", "case"]].rename(
            columns={"order": "Case", "case": "Divergence case (分化案例)"}
        ),
        caption="The cases of hardware-driven divergence the anti-convergence document lists.",
        source="seed 000 (03.3.4 anti-convergence forces), section 3.2; data/framework/force_cases.csv",
    )
    tasks = layer_tasks("hardware", on)
    indexed = tasks.set_index("task_id")
    results.number("hardware.tasks", len(tasks), "count")
    results.text("hardware.cuda_end", day(indexed.loc["cuda_moat", "end"]))
    results.text("hardware.cuda_status", indexed.loc["cuda_moat", "status_on_as_of"])
    results.text("hardware.domestic_end", day(indexed.loc["domestic_compute", "end"]))
    _layer_timeline(results, "hardware", tasks, source, on)
    layer_evidence(results, "hardware")
    layer_brief(results, "hardware")
    return results
