"""The claims audit chapter (Part VI): its counts, verdicts, the seeds' contradictions and the audit tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from scaling_book.analysis import audit, audit_stances, classifier, scorecard, timeline
from scaling_book.analysis import audit_sources as sources
from scaling_book.analysis import framework as fw
from scaling_book.analysis.audit_generated import GENERATED_KINDS
from scaling_book.inputs.load import load_table
from scaling_book.inputs.settings import as_of
from scaling_book.views.audit_claim_text import players_reading
from scaling_book.views.audit_sources import glue_sources
from scaling_book.views.audit_text import audit_rows
from scaling_book.views.charts import method as charts
from scaling_book.views.classifier_tables import assessed_areas
from scaling_book.views.results import ChapterResults
from scaling_book.views.scorecard import status_word
from scaling_book.views.text import count, mid_sentence, multiple, names_list, percent

AUDIT_SOURCE = "computed by scaling_book.analysis.audit from data/framework/*.csv and book.yml"
# The seeds' verdicts as the chapter shows them: a figure borne out only by its own restatement is "restated".
SHOWN_VERDICTS = (audit.CONSISTENT, sources.RESTATED, audit.INCONSISTENT, audit.NOT_TESTABLE, audit.NEEDS_EVIDENCE)
# How the chapter names each kind of generated check.
GENERATED_KIND_NAMES = {
    "restatements": "restatement of one figure",
    "event_dates": "dates of one event",
    "shares": "share against its level's threshold",
    "degrees": "degree against its level, under one reading",
    "counts": "count against count",
    "multiples": "multiple against its end points",
    "bounds": "count and share of one population",
}
STATEMENT_COLUMNS = {"statement": "Statement (seed wording)", "check": "Test and arithmetic", "verdict": "Verdict"}


def verdict_key(verdict: str) -> str:
    """The glue key of a verdict's count: 'needs evidence' -> 'needs_evidence'."""
    return verdict.replace(" ", "_")


def audit_display(rows: pd.DataFrame, statement_label: str, with_verdict: bool = True) -> pd.DataFrame:
    """Rows of the audit as a table: the statement with its seed wording, the test with its arithmetic, the verdict."""
    shown = rows.assign(
        statement=[f"{subject} ({quote})" for subject, quote in zip(rows.subject, rows.quote_zh)],
        check=[f"{test}: {arithmetic}" for test, arithmetic in zip(rows.test, rows.arithmetic)],
    )
    columns = ["statement", "check", "verdict"] if with_verdict else ["statement", "check"]
    return shown[columns].rename(columns={**STATEMENT_COLUMNS, "statement": statement_label})


def area_shares_text(areas: pd.DataFrame) -> str:
    """'Edge vs cloud 60% and Code vs general 60%': each area with its leader's share."""
    return " and ".join(f"{row.area} {percent(row.leader_share)}" for row in areas.itertuples())


def sorted_names(values: Iterable[object]) -> str:
    """The distinct values, sorted, joined by commas."""
    return ", ".join(sorted({str(value) for value in values}))


def passed_predictions_text(passed: pd.DataFrame) -> str:
    """The predictions past their due date, each with its quarter and its status on the scorecard, or 'none'."""
    if passed.empty:
        return "none"
    return "; ".join(
        f"{row.statement_en} (due {row.due_quarter}; scorecard: {status_word(row.status, row.outcome_origin)})"
        for row in passed.itertuples()
    )


def quoted(quotes: Iterable[str]) -> str:
    """'“a” and “b”': seed wording in quotation marks."""
    return " and ".join(f"“{quote}”" for quote in quotes)


def seed_dates_text(seeds: pd.DataFrame) -> str:
    """Each seed that states its own date, with the date as stated."""
    return "; ".join(f"{sid} states {value}" for sid, value in seeds.last_updated_as_stated.dropna().items())


def statements_table(statements: pd.DataFrame) -> pd.DataFrame:
    """The seeds' qualitative statements by topic, with their stance and seed heading (Gantt done statuses included)."""
    return statements[["topic", "quote_zh", "statement_en", "stance", "source"]].rename(
        columns={
            "topic": "Topic",
            "quote_zh": "Seed wording (中文)",
            "statement_en": "What it says",
            "stance": "Stance",
            "source": "Seed and heading",
        }
    )


def _summary(results: ChapterResults, findings: pd.DataFrame, rows: pd.DataFrame) -> None:
    """The counts of checks and verdicts, each check's verdict, the chart and the table of contradictions."""
    results.number("audit.checks", len(findings), "count")
    for kind, key in (("claim", "audit.claims"), ("internal", "audit.internal")):
        results.number(key, int((findings.kind == kind).sum()), "count")
    for verdict in SHOWN_VERDICTS:
        results.number(f"audit.{verdict_key(verdict)}", audit.verdict_total(findings, verdict), "count")
        results.number(f"audit.{verdict_key(verdict)}.claims", audit.verdict_total(findings, verdict, "claim"), "count")
    generated = findings[findings.check.isin(["restatement", "event_dates"])]
    results.number("audit.generated", len(generated), "count")
    results.number("audit.generated.inconsistent", int((generated.verdict == audit.INCONSISTENT).sum()), "count")
    _generated(results, findings, rows)
    for check_id, verdict in zip(findings.check_id, findings.verdict):
        results.text(f"audit.verdict.{check_id}", verdict)
    results.chart(
        "fig-audit-verdicts", charts.verdict_bars(audit.verdict_counts(findings, SHOWN_VERDICTS)), source=AUDIT_SOURCE
    )
    results.table(
        "tbl-audit-inconsistent",
        audit_display(rows[rows.verdict == audit.INCONSISTENT], "Statement (seed wording)", False),
        widths=(2, 3),
        caption="Every check whose verdict is inconsistent, with the arithmetic that decides it.",
        source=AUDIT_SOURCE,
    )


def generated_table(findings: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Every generated check with its kind, the statements compared, the arithmetic and the verdict."""
    kinds = findings.check.map(GENERATED_KINDS)
    chosen = rows[kinds.notna().to_numpy()]
    shown = audit_display(chosen, "Statements compared (seed wording)")
    return shown.assign(**{"Kind": kinds.dropna().map(GENERATED_KIND_NAMES).to_numpy()})[["Kind", *shown.columns]]


def _generated(results: ChapterResults, findings: pd.DataFrame, rows: pd.DataFrame) -> None:
    """Every generated check counted, by kind, and the table of them all."""
    kinds = findings.check.map(GENERATED_KINDS)
    generated = findings[kinds.notna()]
    results.number("audit.generated.all", len(generated), "count")
    results.number("audit.generated.all.inconsistent", int((generated.verdict == audit.INCONSISTENT).sum()), "count")
    for kind in dict.fromkeys(GENERATED_KINDS.values()):
        chosen = findings[kinds == kind]
        results.number(f"audit.generated.{kind}", len(chosen), "count")
        results.number(
            f"audit.generated.{kind}.inconsistent", int((chosen.verdict == audit.INCONSISTENT).sum()), "count"
        )
    failed = rows[(kinds == "degrees").to_numpy() & (rows.verdict == audit.INCONSISTENT).to_numpy()]
    results.text(
        "audit.generated.degrees.failed",
        names_list([mid_sentence(subject) for subject in failed.subject]) if len(failed) else "none",
    )
    results.table(
        "tbl-audit-generated",
        generated_table(findings, rows),
        widths=(2, 4, 7, 2),
        caption="Every check generated from the data: each pair of statements of one figure or event, each stated "
        "share and degree against its level's criteria, and each count, share and multiple of one population "
        "against the others.",
        source="computed by scaling_book.analysis.audit_generated from data/framework/*.csv, "
        "data/editorial/audit_events.csv, audit_degree_readings.csv and audit_quantities.csv",
    )


def _levels(results: ChapterResults, findings: pd.DataFrame) -> None:
    """The players' multiple and the L0 and L1 criteria against the seeds' own figures."""
    players = fw.player_reduction()
    results.number("audit.players.2023", players["players_2023"], "count")
    results.number("audit.players.2025", players["players_2025"], "count")
    results.number("audit.players.implied", players["implied_multiple"], "multiple")
    results.number(
        "audit.players.claimed", players["claimed_multiple"], "multiple", text=multiple(players["claimed_multiple"], 0)
    )
    results.number("audit.players.needed", players["claimed_multiple"] * players["players_2025"], "count")
    results.number("audit.players.year_before", fw.claim("market.players_2023")["year"], "year")
    results.number("audit.players.year_after", fw.claim("market.players_2025")["year"], "year")
    fold = findings.set_index("check_id").loc["claim.market.players_fold_reduction"]
    results.text("audit.players.reading", players_reading(fold.verdict, fold.facts))
    assessed = assessed_areas()
    l0 = assessed[assessed.claimed_level == "L0"]
    results.text("audit.l0.leaders", area_shares_text(l0))
    results.text("audit.l0.computed", sorted_names(l0.computed_level))
    results.text("audit.l1.named", sorted_names(assessed[assessed.claimed_level == "L1"].named_options))
    results.number("audit.l1.threshold", fw.claim("levels.L1_option_count")["value"], "count")
    results.number("audit.l0.ceiling", fw.claim("levels.L0_max_share")["value"], "fraction")
    level_checks = findings[findings.check_id.str.startswith("level.")]
    results.number("audit.levels.unchecked", int((level_checks.verdict == audit.NEEDS_EVIDENCE).sum()), "count")
    results.number("audit.levels.all", len(level_checks), "count")
    results.number("audit.scenario_areas", len(classifier.areas_with_scenario_shares()), "count")


def _dates(results: ChapterResults, tasks: pd.DataFrame, day: date) -> None:
    """The CUDA moat's span, the three-to-five milestone against its prediction, the predictions that fell due."""
    predictions = load_table("predictions").set_index("prediction_id")
    results.text(
        "audit.cuda.span", f"{tasks.loc['cuda_moat', 'start'].date()} to {tasks.loc['cuda_moat', 'end'].date()}"
    )
    milestone = tasks.loc["market_three_to_five", "end"].date()
    due = timeline.quarter_end(predictions.loc["market_three_to_five", "due_quarter"])
    results.text("audit.market.milestone", milestone.isoformat())
    results.text("audit.market.due", predictions.loc["market_three_to_five", "due_quarter"])
    results.number("audit.market.days_apart", (due - milestone).days, "days", text=count((due - milestone).days))
    scores = scorecard.prediction_scores(day).sort_values("order")
    passed = scores[scores.due_passed]
    results.text("audit.mcp.due", predictions.loc["mcp_standard", "due_quarter"])
    results.text("audit.mcp.gantt_end", tasks.loc["mcp_standardisation", "end"].date().isoformat())
    results.number("audit.predictions.passed", len(passed), "count")
    results.text("audit.predictions.passed_list", passed_predictions_text(passed))


def _statuses(results: ChapterResults, statements: pd.DataFrame, tasks: pd.DataFrame) -> None:
    """The statements that deny a done status, the seeds' own dates, the five-layer statuses read as levels."""
    pairs = audit_stances.opposite_pairs(statements)
    by_id = statements.set_index("statement_id")
    results.number("audit.statements", len(statements), "count")
    results.number("audit.statements.against", pairs["open_id"].nunique(), "count")
    results.number("audit.statements.tasks", int(statements["statement_id"].str.startswith("gantt.").sum()), "count")
    for task_id, key in (("loss_theory", "audit.loss.quotes"), ("transformer_dominance", "audit.transformer.quotes")):
        results.text(key, quoted(by_id.loc[audit_stances.task_contradictions(pairs, task_id), "quote_zh"]))
    results.text("audit.challenger.date", tasks.loc["new_architecture_challenger", "end"].date().isoformat())
    seeds = load_table("seeds").set_index("seed_id")
    results.text("audit.overview.seed", tasks.loc["loss_theory", "source"].partition(" § ")[0])
    results.text("audit.seed_dates", seed_dates_text(seeds))
    layers = load_table("caict_layers").set_index("layer_id")
    layer_levels = load_table("caict_layer_levels").set_index("layer_id")
    for layer_id in ("infrastructure", "hardware_adaptation"):
        results.text(f"audit.layer.{layer_id}.status", layers.loc[layer_id, "status_zh"])
        results.text(f"audit.layer.{layer_id}.level", layer_levels.loc[layer_id, "level_id"])
    results.text("audit.layer.infrastructure.market", layers.loc["infrastructure", "market_structure_zh"])
    results.text("audit.layer.hardware_adaptation.form", layers.loc["hardware_adaptation", "technical_form_zh"])


def audit_chapter() -> ChapterResults:
    """Everything chapters/method/audit.md glues and shows, in the order the chapter reads it."""
    results = ChapterResults()
    day = as_of()
    computed = audit.audit(day)
    findings = computed.assign(verdict=list(map(sources.seeds_verdict, computed.check, computed.verdict)))
    rows = audit_rows(findings)
    results.text("audit.as_of", day.isoformat())
    _summary(results, findings, rows)
    glue_sources(results, computed, rows.set_index("check_id")["subject"], day)
    _levels(results, findings)
    tasks = load_table("timeline_tasks").set_index("task_id")
    _dates(results, tasks, day)
    statements = audit_stances.all_statements()
    _statuses(results, statements, tasks)
    results.table(
        "tbl-audit-claims",
        audit_display(rows[rows.kind == "claim"], "Claim (seed wording)"),
        widths=(4, 7, 2),
        caption="Every quantitative claim of the seeds with its check, the arithmetic and the verdict.",
        source="data/framework/claims.csv (seeds 002 and 001); checks computed by scaling_book.analysis.audit",
    )
    picked = (rows.kind == "internal").to_numpy() & findings.check.map(GENERATED_KINDS).isna().to_numpy()
    results.number("audit.internal.picked", int(picked.sum()), "count")
    results.table(
        "tbl-audit-internal",
        audit_display(rows[picked], "Statement (seed wording)"),
        widths=(4, 7, 2),
        caption="Internal checks picked one by one: the level of every area and the status of every layer of the "
        "five-layer table against the level criteria, the timeline's statuses against its dates and the seeds' "
        "statements, and the predictions against the as-of date. The checks generated from the data are in the "
        "table of generated checks.",
        source="computed by scaling_book.analysis.audit and scaling_book.analysis.classifier from "
        "data/framework/*.csv and book.yml",
    )
    results.table(
        "tbl-audit-statements",
        statements_table(statements),
        widths=(1, 3, 3, 1, 3),
        caption="The seeds' qualitative statements coded by topic and stance, with the Gantt chart's done statuses.",
        source="data/editorial/audit_stances.csv (seeds 000, 001, 002); done statuses from "
        "data/framework/timeline_tasks.csv",
    )
    return results
