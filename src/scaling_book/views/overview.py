"""Views for the preface and for Part I, the framework at a glance: the overview's exhibits as tables and charts."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.analysis import timeline
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of, book_metadata
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.framework_tables import quotes_view
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import prediction_states, recorded_phrase
from scaling_book.views.text import bilingual, multiple, percent, star_bar

OVERVIEW = "seed 002 (section overview)"
# The overview's verbatim statements the chapter quotes in its last section, in the order it quotes them.
CLOSING_QUOTES = [
    "diffusion_potential",
    "grok",
    "math_incomplete",
    "know_how_not_why",
    "works",
    "cannot_say_why",
    "phase_transition",
]


def coverage_label(full_text_seed: object) -> str:
    """What the book's chapter on a sub-document rests on: the seed's full text when there is one, else the overview."""
    return "full text (seed)" if isinstance(full_text_seed, str) else "reconstructed from the overview"


def preface_chapter() -> ChapterResults:
    """The preface (index.md): the book's version and dates, and the sub-documents with the source of each chapter."""
    results = ChapterResults()
    metadata = book_metadata()
    results.text("preface.version", str(metadata["version"]))
    results.text("preface.release_date", metadata["release_date"].isoformat())
    results.text("preface.as_of", as_of().isoformat())
    sub_documents = load_table("sub_documents")
    results.number("preface.sub_documents", len(sub_documents), "count")
    results.number("preface.full_seeds", int(sub_documents.full_text_seed.notna().sum()), "count")
    sections = load_table("sections").set_index("section_id")
    documents = sub_documents.sort_values("order")
    frame = documents.assign(
        section=[
            bilingual(sections.loc[section, "title_en"], sections.loc[section, "title_zh"])
            for section in documents.section_id
        ],
        coverage=[coverage_label(seed) for seed in documents.full_text_seed],
    )[["doc_id", "title_zh", "title_en", "section", "coverage"]].rename(
        columns={
            "doc_id": "Document",
            "title_zh": "Title (中文)",
            "title_en": "Title",
            "section": "Section",
            "coverage": "This book's source",
        }
    )
    results.table(
        "tbl-preface-documents",
        frame,
        caption="The sub-documents of the seeds' section 03, each covered by one chapter of Parts II to V.",
        source="seed 002 (section overview), section 三 (topic structure); data/framework/sub_documents.csv",
    )
    return results


def star_pattern(stars: pd.Series) -> str:
    """How the predictability stars change down the five-layer table: one star less per layer, or unevenly."""
    steps = stars.diff().dropna()
    return (
        "falls by exactly one star per layer down the table"
        if (steps == -1).all()
        else "does not fall evenly down the table"
    )


def yes_no(flag: bool) -> str:
    """'yes' or 'no', as a table cell."""
    return "yes" if flag else "no"


def _pyramid(results: ChapterResults) -> None:
    pyramid = load_table("pyramid_layers").sort_values("tier", ascending=False)
    fronts = load_table("pyramid_open_fronts")
    results.number("overview.pyramid.layers", len(pyramid), "count")
    results.number("overview.pyramid.open_fronts", len(fronts), "count")
    frame = pyramid.assign(layer=[bilingual(en, zh) for en, zh in zip(pyramid.name_en, pyramid.name_zh)])[
        ["tier", "layer", "signal_zh", "signal_en", "reading_en"]
    ].rename(
        columns={
            "tier": "Tier",
            "layer": "Layer",
            "signal_zh": "Signal (中文)",
            "signal_en": "Signal",
            "reading_en": "The overview's reading",
        }
    )
    results.table(
        "tbl-pyramid",
        frame,
        caption="The convergence pyramid, top layer first.",
        source=f"{OVERVIEW}, section 三 (four-layer pyramid); data/framework/pyramid_layers.csv",
    )


def _players(results: ChapterResults) -> None:
    players = fw.player_reduction()
    results.number("overview.players.2023", players["players_2023"], "count")
    results.number("overview.players.year_before", fw.claim("market.players_2023")["year"], "year")
    results.number("overview.players.year_after", fw.claim("market.players_2025")["year"], "year")
    results.number("overview.players.2025", players["players_2025"], "count")
    results.number("overview.players.implied_multiple", players["implied_multiple"], "multiple")
    results.number(
        "overview.players.claimed_multiple",
        players["claimed_multiple"],
        "multiple",
        text=multiple(players["claimed_multiple"], 0),
    )
    results.number("overview.players.needed_2023", players["claimed_multiple"] * players["players_2025"], "count")
    rows = load_table("claims").set_index("claim_id").loc[["market.players_2023", "market.players_2025"]]
    frame = rows.reset_index()[["year", "value", "quote_zh"]].rename(columns={"value": "players"})
    results.chart(
        "fig-players", charts.players_bars(frame), source=f"{OVERVIEW}, section 三; data/framework/claims.csv"
    )


def _levels(results: ChapterResults) -> None:
    levels = fw.levels_with_areas()
    levels["label"] = [
        f"{lid} {bilingual(en, zh)}" for lid, en, zh in zip(levels.level_id, levels.name_en, levels.name_zh)
    ]
    results.number("overview.levels.count", len(levels), "count")
    results.number("overview.areas.count", int(levels["area_count"].sum()), "count")
    for row in levels.itertuples():
        results.number(f"overview.levels.{row.level_id}.claimed_degree", row.claimed_degree, "fraction")
    frame = (
        levels[["level_id", "name_en", "name_zh", "criterion_en", "claimed_degree", "certainty_stars", "areas_en"]]
        .assign(
            claimed_degree=lambda frame: [percent(value) for value in frame.claimed_degree],
            certainty_stars=lambda frame: [star_bar(int(stars)) for stars in frame.certainty_stars],
        )
        .rename(
            columns={
                "level_id": "Level",
                "name_en": "Name",
                "name_zh": "中文",
                "criterion_en": "Criterion",
                "claimed_degree": "Claimed degree",
                "certainty_stars": "Certainty",
                "areas_en": "Technology areas",
            }
        )
    )
    results.table(
        "tbl-levels",
        frame,
        caption="The five convergence levels with the seed's criteria, degrees and certainty ratings.",
        source=f"{OVERVIEW}, section 四 (classification matrix); data/framework/levels.csv, areas.csv",
    )
    results.chart(
        "fig-levels", charts.claimed_degree_ladder(levels), source=f"{OVERVIEW}, section 四; data/framework/levels.csv"
    )


def _caict(results: ChapterResults) -> None:
    caict = load_table("caict_layers").sort_values("order")
    caict["label"] = [bilingual(en, zh) for en, zh in zip(caict.name_en, caict.name_zh)]
    caict["status"] = [bilingual(en, zh) for en, zh in zip(caict.status_en, caict.status_zh)]
    results.number("overview.caict.layers", len(caict), "count")
    results.count(
        "overview.caict.converged_layers", int((caict.status_en == "converged").sum()), "of them is", "of them are"
    )
    results.text("overview.caict.star_pattern", star_pattern(caict.predictability_stars))
    frame = caict[
        ["label", "status", "technical_form_en", "market_structure_en", "predictability_stars", "improvement_en"]
    ].rename(
        columns={
            "label": "Layer",
            "status": "Status",
            "technical_form_en": "Technical form",
            "market_structure_en": "Market structure",
            "predictability_stars": "Predictability (stars)",
            "improvement_en": "Room for improvement",
        }
    )
    results.table(
        "tbl-caict",
        frame,
        caption="The five-layer table the overview attributes to CAICT (China Academy of Information and "
        "Communications Technology), 2025.",
        source=f"{OVERVIEW}, section 五; data/framework/caict_layers.csv",
    )
    results.chart(
        "fig-caict",
        charts.predictability_bars(caict),
        source=f"{OVERVIEW}, section 五; data/framework/caict_layers.csv",
    )


def _drivers(results: ChapterResults) -> None:
    groups = load_table("driver_groups").sort_values("order")
    drivers = (
        load_table("drivers").merge(groups[["group_id", "name_en", "name_zh"]], on="group_id").sort_values("order")
    )
    results.number("overview.drivers.groups", len(groups), "count")
    results.number("overview.drivers.arrows", len(drivers), "count")
    results.text("overview.quote.idc", fw.quote("idc_converged"))
    results.text("overview.quote.capital", fw.quote("capital_efficiency"))
    results.text("overview.quote.reinvention", fw.quote("reinvention_cost"))
    frame = drivers.assign(
        group=[bilingual(en, zh) for en, zh in zip(drivers.name_en, drivers.name_zh)],
        cause=[bilingual(en, zh) for en, zh in zip(drivers.cause_en, drivers.cause_zh)],
        effect=[bilingual(en, zh) for en, zh in zip(drivers.effect_en, drivers.effect_zh)],
    )
    results.table(
        "tbl-drivers",
        frame[["group", "cause", "effect"]].rename(columns={"group": "Group", "cause": "Cause", "effect": "Effect"}),
        caption="Cause and effect in the overview's diagram of drivers.",
        source=f"{OVERVIEW}, section 六; data/framework/drivers.csv",
    )


def _timeline(results: ChapterResults) -> None:
    day = as_of()
    tasks = timeline.timeline_with_status(day)
    results.number("overview.timeline.tasks", int((~tasks.milestone).sum()), "count")
    results.number("overview.timeline.milestones", int(tasks.milestone.sum()), "count")
    results.count(
        "overview.timeline.finished",
        int((tasks.status_on_as_of == "period ended").sum()),
        "task's period has ended",
        "tasks' periods have ended",
    )
    results.count("overview.timeline.under_way", int((tasks.status_on_as_of == "under way").sum()), "is", "are")
    results.chart(
        "fig-timeline",
        charts.timeline_gantt(tasks),
        source=f"{OVERVIEW}, section 七 (Gantt chart); data/framework/timeline_tasks.csv; as of {day.isoformat()}",
    )
    predictions = prediction_states(day)
    results.number("overview.predictions.count", len(predictions), "count")
    results.number("overview.predictions.due_passed", int(predictions.due_passed.sum()), "count")
    results.text("overview.predictions.recorded", recorded_phrase(predictions))
    frame = predictions.assign(
        due=[f"{quarter} (ends {due})" for quarter, due in zip(predictions.due_quarter, predictions.due_date)],
        passed=[yes_no(passed) for passed in predictions.due_passed],
    )[["due", "statement_en", "statement_zh", "passed", "state"]].rename(
        columns={
            "due": "Due",
            "statement_en": "Prediction",
            "statement_zh": "中文",
            "passed": f"Due date passed on {day.isoformat()}",
            "state": "Status on the scorecard",
        }
    )
    results.table(
        "tbl-predictions",
        frame,
        caption="The overview's four dated predictions (关键预测) and their state on the as-of date.",
        source=f"{OVERVIEW}, section 七; data/framework/predictions.csv; status: data/editorial/prediction_outcomes.csv",
    )


def _conclusions(results: ChapterResults) -> None:
    conclusions = load_table("conclusions").sort_values("order")
    results.number("overview.conclusions.principles", int((conclusions.kind == "principle").sum()), "count")
    results.number("overview.conclusions.recommendations", int((conclusions.kind == "recommendation").sum()), "count")
    frame = conclusions.assign(item=[bilingual(en, zh) for en, zh in zip(conclusions.title_en, conclusions.title_zh)])[
        ["kind", "item", "detail_en"]
    ].rename(columns={"kind": "Kind", "item": "Item", "detail_en": "What the overview says"})
    results.table(
        "tbl-conclusions",
        frame,
        caption="Theses, classification principles and recommendations of the overview's conclusions.",
        source=f"{OVERVIEW}, sections 六 and 八; data/framework/conclusions.csv",
    )
    quotes = quotes_view()
    results.number("overview.quotes.count", len(quotes), "count")
    for quote_id in CLOSING_QUOTES:
        results.text(f"overview.quote.{quote_id}", fw.quote(quote_id))
    results.table(
        "tbl-overview-quotes",
        quotes,
        caption="The overview's statements in words rather than numbers, verbatim, with this book's paraphrase.",
        source=f"{OVERVIEW}, sections 一, 六, 八 and 九; data/framework/quotes.csv",
    )


def overview_chapter() -> ChapterResults:
    """The framework at a glance (chapters/overview.md): each of the overview's exhibits, section by section."""
    results = ChapterResults()
    results.text("overview.as_of", as_of().isoformat())
    results.text("overview.quote.four_dimensions", fw.quote("four_dimensions"))
    for section in (_pyramid, _players, _levels, _caict, _drivers, _timeline, _conclusions):
        section(results)
    shown = results.shown
    add_brief(
        results,
        [
            f"The overview sorts {shown('overview.areas.count')} technology areas into {shown('overview.levels.count')} "
            f"levels, from L4 (a claimed degree of {shown('overview.levels.L4.claimed_degree')}) to L0 "
            f"({shown('overview.levels.L0.claimed_degree')}).",
            f"Its market counts fall from at least {shown('overview.players.2023')} players in "
            f"{shown('overview.players.year_before')} to {shown('overview.players.2025')} in "
            f"{shown('overview.players.year_after')}: a reduction of {shown('overview.players.implied_multiple')}, not the "
            f"{shown('overview.players.claimed_multiple')} it announces.",
            f"Its timeline has {shown('overview.timeline.tasks')} tasks and {shown('overview.timeline.milestones')} "
            f"milestones; on the as-of date {shown('overview.timeline.finished')}.",
            f"It makes {shown('overview.predictions.count')} dated predictions; {shown('overview.predictions.recorded')}.",
        ],
    )
    return results
