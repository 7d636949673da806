"""The claims audit: every claim of the seeds with a computed check, the arithmetic and a verdict.

Two kinds of rows: one per row of ``data/framework/claims.csv`` (a claim without a check
stops the build), and internal checks of the seeds against themselves (each area's level and
each five-layer status against the level criteria, Gantt statuses against their dates and the
seeds' statements in ``status_statements.csv``, predictions against the as-of date). Every
verdict is computed from the data: change a number and the verdict follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.inputs.settings import setting
from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import LEVEL_IDS
from scaling_book.analysis.timeline import quarter_end
from scaling_book.views.text import count, multiple, percent

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
NOT_TESTABLE = "not testable"
NEEDS_EVIDENCE = "needs evidence"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_TESTABLE, NEEDS_EVIDENCE)
OUTCOME_VERDICTS = {"confirmed": CONSISTENT, "partly_confirmed": INCONSISTENT, "refuted": INCONSISTENT}

# The seeds state some forecasts twice, once in the Gantt chart and once in the list of
# predictions; these pairs tie the claims to the rows that date them.
CLAIM_PREDICTIONS = {"market.providers_2027": "market_three_to_five"}
CLAIM_MILESTONES = {"market.gantt_three_to_five": ("market_three_to_five", "market_three_to_five")}
# Claims the seeds make about the world with no source; public data could test them.
EVIDENCE_CLAIMS = {"market.players_2023", "market.players_2025", "market.head_firms", "market.head_firms_share",
                   "capability.benchmark_spread", "capability.mmlu_spread_caict"}


@dataclass(frozen=True)
class Finding:
    """One row of the audit: what was checked, the arithmetic, and the verdict."""

    check_id: str
    kind: str  # "claim" or "internal"
    subject: str
    quote_zh: str
    source: str
    test: str
    arithmetic: str
    verdict: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"audit check {self.check_id}: unknown verdict {self.verdict!r}")


@dataclass(frozen=True)
class Context:
    """Everything the checks read, loaded once."""

    as_of: date
    claims: pd.DataFrame
    areas: pd.DataFrame
    assessed: pd.DataFrame
    tasks: pd.DataFrame
    predictions: pd.DataFrame
    seeds: pd.DataFrame
    statements: pd.DataFrame
    rules: classifier.Rules
    multiple_tolerance: float
    degree_tolerance: float

    def claim(self, claim_id: str) -> pd.Series:
        if claim_id not in self.claims.index:
            raise KeyError(f"the audit needs claim {claim_id!r}, which data/framework/claims.csv does not have")
        return self.claims.loc[claim_id]

    def criterion(self, criterion_id: str) -> classifier.Criterion:
        """The level criterion of that id (a row of level_thresholds.csv), as the classifier applies it."""
        found = [c for level in self.rules.criteria.values() for c in level if c.criterion_id == criterion_id]
        if not found:
            raise KeyError(f"the audit needs criterion {criterion_id!r}, which level_thresholds.csv does not have")
        return found[0]

    def seed_date(self, source: str) -> date | None:
        """The full date (YYYY-MM-DD) the seed named by ``source`` states as its own last update, if any."""
        seed_id = source.partition(" § ")[0]
        stated = self.seeds.set_index("seed_id")["last_updated_as_stated"].get(seed_id)
        parsed = pd.to_datetime(stated, format="%Y-%m-%d", errors="coerce") if isinstance(stated, str) else pd.NaT
        return None if pd.isna(parsed) else parsed.date()


def load_context(as_of: date) -> Context:
    """Read every table and setting the audit uses."""
    config = setting("audit")
    return Context(as_of=as_of, claims=load_table("claims").set_index("claim_id"), areas=load_table("areas"),
                   assessed=classifier.assess_areas().set_index("area_id"),
                   tasks=load_table("timeline_tasks").set_index("task_id"),
                   predictions=load_table("predictions").set_index("prediction_id"), seeds=load_table("seeds"),
                   statements=load_table("status_statements"), rules=classifier.load_rules(),
                   multiple_tolerance=float(config["multiple_tolerance"]),
                   degree_tolerance=float(config["degree_tolerance"]))


def compare(value: float, operator: str, target: float, high: float | None = None) -> bool:
    """``value operator target`` for the comparators of the claims table ('range' uses ``high``)."""
    if operator == "range":
        if high is None:
            raise ValueError("a 'range' comparison needs an upper end")
        return target <= value <= high
    return classifier.holds(value, operator, target)


def shown(value: float, unit: str) -> str:
    """A value in the unit's usual form (fractions as percentages)."""
    return {"fraction": percent, "count": count, "multiple": multiple}.get(unit, lambda v: f"{v:g}")(value)


# --- checks of single claims ------------------------------------------------------------------

def _level_areas(context: Context, level_id: str) -> pd.DataFrame:
    """The assessed areas that the seeds place at ``level_id``."""
    return context.assessed[context.assessed["claimed_level"] == level_id]


def check_degree(context: Context, claim: pd.Series, level_id: str) -> tuple[str, str, str]:
    """A level's claimed degree against the computed degrees of the areas the seeds place there."""
    areas = _level_areas(context, level_id).dropna(subset=["computed_degree"])
    test = f"claimed degree of {level_id} against the computed degrees of its areas (± tolerance)"
    if areas.empty:
        return test, (f"no area at {level_id} has adoption shares, so no degree can be computed; "
                      "the seeds do not say how theirs is measured"), NEEDS_EVIDENCE
    low, high = areas["computed_degree"].min(), areas["computed_degree"].max()
    tolerance = context.degree_tolerance
    parts = ", ".join(f"{row.area} {percent(row.computed_degree)}" for row in areas.itertuples())
    inside = low - tolerance <= claim["value"] <= high + tolerance
    arithmetic = (f"computed: {parts}; range {percent(low)}–{percent(high)} widened by {percent(tolerance)} "
                  f"= {percent(max(0.0, low - tolerance))}–{percent(min(1.0, high + tolerance))}; "
                  f"claimed {percent(claim['value'])} is {'inside' if inside else 'outside'}")
    return test, arithmetic, CONSISTENT if inside else INCONSISTENT


def check_criterion(context: Context, claim: pd.Series, threshold_id: str) -> tuple[str, str, str]:
    """A level criterion of the seeds against the seeds' own figures for the areas at that level."""
    criterion = context.criterion(threshold_id)
    level_id, measure = criterion.level_id, criterion.measure
    areas = _level_areas(context, level_id)
    if measure == "leader_share":
        column, word = "leader_share", "leader share"
    elif measure == "option_count":
        column, word = "named_options", "named options"
    else:
        return (f"criterion {threshold_id}", "the seeds give no figure to test this criterion against",
                NEEDS_EVIDENCE)
    # The criterion as the classifier applies it: operator and value from level_thresholds.csv.
    operator, target = criterion.operator, criterion.value
    test = f"{level_id} criterion '{word} {operator} {shown(target, claim['unit'])}' against the seeds' figures for {level_id} areas"
    measured = areas.dropna(subset=[column])
    if measured.empty:
        return test, f"the seeds give no {word} for any {level_id} area", NEEDS_EVIDENCE
    results = [(row, compare(getattr(row, column), operator, target)) for row in measured.itertuples()]
    parts = "; ".join(f"{row.area}: {shown(getattr(row, column), claim['unit'])} "
                      f"{operator} {shown(target, claim['unit'])} is {'true' if ok else 'false'}"
                      for row, ok in results)
    if measure == "leader_share" and operator in ("<", "<="):
        # With k options the leader holds at least 1/k, so a low ceiling rules out small fields.
        named = ", ".join(count(value) for value in sorted(set(measured["named_options"])))
        parts += (f"; with k options the leader holds at least 1/k, so a leader share {operator} "
                  f"{percent(target)} needs at least {count(classifier.options_needed(target, operator))} "
                  f"options, and these areas name {named}")
    return test, parts, CONSISTENT if all(ok for _, ok in results) else INCONSISTENT


def check_share(context: Context, claim: pd.Series, ref_key: str) -> tuple[str, str, str]:
    """An adoption share the seeds state: its group must add up to at most 100%; its origin needs evidence."""
    area_id, option_id, scenario = ref_key.split("/")
    shares = load_table("adoption_shares")
    group = shares[(shares["area_id"] == area_id) & (shares["scenario"] == scenario)].sort_values("option_id")
    arithmetic, verdict = share_group_verdict(f"{area_id} ({scenario})", dict(zip(group["option_id"], group["share"])))
    return "the stated share against the other shares of its group", arithmetic, verdict


def share_group_verdict(label: str, group: dict[str, float]) -> tuple[str, str]:
    """(arithmetic, verdict) of one group of stated shares: above 100% together is inconsistent;
    otherwise the figures agree with each other but their origin needs evidence."""
    total = float(sum(group.values()))
    parts = " + ".join(f"{option} {percent(value)}" for option, value in group.items())
    if total > 1 + 1e-9:
        return f"shares of {label}: {parts} = {percent(total)}, more than 100%", INCONSISTENT
    return (f"shares of {label}: {parts} = {percent(total)}, at most 100%; "
            "no source, date or definition of adoption is given", NEEDS_EVIDENCE)


def check_players_multiple(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """'Players down thirtyfold' against the two player counts it summarises."""
    before = context.claim("market.players_2023")["value"]
    after = context.claim("market.players_2025")["value"]
    implied = before / after
    gap = abs(implied - claim["value"]) / claim["value"]
    ok = gap <= context.multiple_tolerance
    arithmetic = (f"{count(before)} / {count(after)} = {multiple(implied)} against the claimed "
                  f"{multiple(claim['value'], 0)} (off by {percent(gap)}; tolerance {percent(context.multiple_tolerance)}); "
                  f"{multiple(claim['value'], 0)} would need {count(claim['value'] * after)} players in 2023")
    return "the stated multiple against the counts it summarises", arithmetic, CONSISTENT if ok else INCONSISTENT


def prediction_state(context: Context, prediction_id: str) -> tuple[str, str]:
    """(arithmetic, verdict) of a dated prediction on the as-of date."""
    prediction = context.predictions.loc[prediction_id]
    due = quarter_end(prediction["due_quarter"])
    outcome = prediction["outcome"]
    if outcome in OUTCOME_VERDICTS:
        return (f"due {prediction['due_quarter']} (ends {due}); recorded outcome: {outcome} "
                f"({prediction['outcome_source']})", OUTCOME_VERDICTS[outcome])
    if due < context.as_of:
        return (f"due {prediction['due_quarter']} (ends {due}), before the as-of date {context.as_of}; "
                "no outcome is recorded yet", NEEDS_EVIDENCE)
    return (f"due {prediction['due_quarter']} (ends {due}), after the as-of date {context.as_of}: "
            "not yet due", NOT_TESTABLE)


def check_forecast(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """A forecast claim, judged by the state of the prediction that dates it."""
    arithmetic, verdict = prediction_state(context, CLAIM_PREDICTIONS[claim.name])
    return "the forecast against the as-of date", arithmetic, verdict


def check_milestone(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """The Gantt milestone against the list of predictions: the same forecast should carry the same date."""
    task_id, prediction_id = CLAIM_MILESTONES[claim.name]
    milestone = context.tasks.loc[task_id, "end"].date()
    prediction = context.predictions.loc[prediction_id]
    due = quarter_end(prediction["due_quarter"])
    milestone_quarter = f"{milestone.year}Q{(milestone.month - 1) // 3 + 1}"
    same = milestone_quarter == prediction["due_quarter"]
    arithmetic = (f"Gantt milestone {milestone} falls in {milestone_quarter}; the prediction is due "
                  f"{prediction['due_quarter']} (ends {due}); {(due - milestone).days} days apart")
    return "the Gantt milestone against the dated prediction", arithmetic, CONSISTENT if same else INCONSISTENT


def check_window(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """'Expected to converge in 2026–2027' against the application layer's own dates and the as-of date."""
    first, last = int(claim["value"]), int(claim["value_high"])
    tasks = context.tasks[context.tasks["layer_id"] == "application"]
    predictions = context.predictions[context.predictions["layer_id"] == "application"]
    years = sorted({*tasks["end"].dt.year.tolist(), *[int(q[:4]) for q in predictions["due_quarter"]]})
    inside = all(first <= year <= last for year in years)
    closes = date(last, 12, 31)
    arithmetic = (f"application-layer dates in the Gantt chart and the predictions end in "
                  f"{', '.join(str(year) for year in years)}: {'all inside' if inside else 'not all inside'} "
                  f"{first}–{last}; the window closes {closes}, "
                  f"{'before' if closes < context.as_of else 'after'} the as-of date {context.as_of}")
    if not inside:
        return "the forecast window against the seeds' own dates", arithmetic, INCONSISTENT
    return ("the forecast window against the seeds' own dates and the as-of date", arithmetic,
            NEEDS_EVIDENCE if closes < context.as_of else NOT_TESTABLE)


def check_evidence_claim(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """A statement about the world with no source: note what the seeds' own numbers say about it."""
    def value(claim_id: str) -> float:
        return float(context.claim(claim_id)["value"])

    if claim.name == "market.players_2023":
        return ("public data (not in the seeds)", "a count of players with no source or definition of a player; "
                "no other figure of the seeds counts the 2023 market", NEEDS_EVIDENCE)
    if claim.name == "market.players_2025":
        return ("public data (not in the seeds)", "a count of mainstream players with no source or definition of "
                "'mainstream'; no other figure of the seeds counts the 2025 market", NEEDS_EVIDENCE)
    if claim.name == "market.head_firms":
        players = value("market.players_2025")
        fits = claim["value"] <= players
        return ("the head firms against the mainstream players of the same overview",
                f"{count(claim['value'])} head firms <= {count(players)} mainstream players is "
                f"{'true' if fits else 'false'}; the count itself has no source", CONSISTENT if fits else INCONSISTENT)
    if claim.name == "market.head_firms_share":
        rest = value("market.players_2025") - value("market.head_firms")
        left = 1 - claim["value"]
        arithmetic = (f"{percent(claim['value'])} held by {count(value('market.head_firms'))} firms leaves "
                      f"{percent(left)} to the other {count(rest)} mainstream players")
        if left < -1e-9 or (rest > 0 and left <= 1e-9):
            return "the share against the players it leaves", arithmetic + ": nothing is left for them", INCONSISTENT
        return ("the share against the players it leaves", arithmetic + "; the seeds' numbers allow it, "
                "but give no source or date", NEEDS_EVIDENCE)
    # the two statements of the benchmark spread
    other = ("capability.mmlu_spread_caict" if claim.name == "capability.benchmark_spread"
             else "capability.benchmark_spread")
    mine, theirs = float(claim["value"]), value(other)
    same = abs(mine - theirs) <= 1e-9 and claim["operator"] == context.claim(other)["operator"]
    return ("the two statements of the spread in the overview against each other",
            f"{claim['operator']} {percent(mine)} here and {context.claim(other)['operator']} {percent(theirs)} in the "
            f"overview's other table: {'the same' if same else 'different'}; no models, dates or scores are named",
            CONSISTENT if same else INCONSISTENT)


def check_rating(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """A star rating: the seeds give no method, so it can only be read, not tested."""
    table = claim["ref"].split(":")[0]
    ratings = (load_table("levels").sort_values("rank", ascending=False)["certainty_stars"] if table == "levels"
               else load_table("caict_layers").sort_values("order")["predictability_stars"])
    sequence = " > ".join(str(int(value)) for value in ratings)
    falling = all(a > b for a, b in zip(ratings, ratings.iloc[1:]))
    return ("a rating with no stated method", f"ratings down the table: {sequence} "
            f"({'strictly falling' if falling else 'not strictly falling'}); no method is given", NOT_TESTABLE)


def check_untestable(context: Context, claim: pd.Series) -> tuple[str, str, str]:
    """Definitions and statements that no data in the seeds or public sources could settle."""
    reasons = {
        "training.time_predictability": "no planned and actual training times are given or public",
        "levels.long_context_threshold": "a definition of 'long context', not a statement of fact",
    }
    return "nothing to test against", reasons[claim.name], NOT_TESTABLE


SPECIFIC_CHECKS: dict[str, Callable[[Context, pd.Series], tuple[str, str, str]]] = {
    "market.players_fold_reduction": check_players_multiple,
    "market.providers_2027": check_forecast,
    "market.gantt_three_to_five": check_milestone,
    "application.convergence_window": check_window,
    "training.time_predictability": check_untestable,
    "levels.long_context_threshold": check_untestable,
    **{claim_id: check_evidence_claim for claim_id in EVIDENCE_CLAIMS},
}


def check_claim(context: Context, claim: pd.Series) -> Finding:
    """The check that belongs to one claim: by its id, or by the table its value mirrors."""
    ref = "" if pd.isna(claim["ref"]) else str(claim["ref"])
    table, key, column = ref.split(":") if ref else ("", "", "")
    if claim.name in SPECIFIC_CHECKS:
        test, arithmetic, verdict = SPECIFIC_CHECKS[claim.name](context, claim)
    elif (table, column) == ("levels", "claimed_degree"):
        test, arithmetic, verdict = check_degree(context, claim, key)
    elif (table, column) in (("levels", "certainty_stars"), ("caict_layers", "predictability_stars")):
        test, arithmetic, verdict = check_rating(context, claim)
    elif table == "level_thresholds":
        test, arithmetic, verdict = check_criterion(context, claim, key)
    elif table == "adoption_shares":
        test, arithmetic, verdict = check_share(context, claim, key)
    else:
        raise KeyError(f"claim {claim.name!r} has no check in scaling_book/audit.py; add one")
    return Finding(f"claim.{claim.name}", "claim", claim["statement_en"], claim["quote_zh"], claim["source"],
                   test, arithmetic, verdict)


# --- internal checks --------------------------------------------------------------------------

def level_findings(context: Context) -> list[Finding]:
    """Each area's level in the matrix against the seeds' criteria for that level."""
    areas = context.areas.set_index("area_id")
    findings = []
    for area_id, row in context.assessed.iterrows():
        computed = row["computed_level"]
        result = (f"computed level {computed}" if computed in LEVEL_IDS
                  else f"levels still possible: {row['possible_levels']}")
        findings.append(Finding(
            f"level.{area_id}", "internal", f"{row['area']} is at {row['claimed_level']}",
            areas.loc[area_id, "matrix_text_zh"], areas.loc[area_id, "source"],
            f"{row['claimed_level']} criteria against the seeds' figures ({row['basis']})",
            f"{row['criteria']}; {result}", row["claimed_level_verdict"]))
    return findings


def _date_reason(context: Context, task: pd.Series) -> tuple[str | None, str]:
    """(verdict or None, reason) of a status against the task's dates, the seed's own date and the as-of date.

    A seed that states no date of its own cannot date its statuses: such a check is not testable
    (no other seed's date is borrowed).
    """
    start = task["start"].date() if pd.notna(task["start"]) else None
    end = task["end"].date()
    seed_date = context.seed_date(task["source"])
    undated = f"{task['source'].partition(' § ')[0]} states no date of its own"
    if task["seed_status"] == "done":
        if end > context.as_of:
            return INCONSISTENT, f"marked done, but it runs until {end}, after the as-of date {context.as_of}"
        if seed_date is None:
            return None, f"marked done; it ended {end}, but {undated}, so the date cannot test the status"
        if end > seed_date:
            return None, f"marked done; it ended {end}, after the seed's own date {seed_date}"
        return CONSISTENT, f"marked done; it ended {end}, before the seed's own date {seed_date}"
    if seed_date is not None and start is not None and start > seed_date:
        return INCONSISTENT, f"marked active, but it starts {start}, after the seed's own date {seed_date}"
    if end < context.as_of:
        return NEEDS_EVIDENCE, (f"marked active; its planned end {end} has passed on the as-of date "
                                f"{context.as_of} and no outcome is recorded")
    reason = f"marked active; it runs until {end}, after the as-of date {context.as_of}"
    return None, reason if seed_date is not None else f"{reason}; {undated}, so its start cannot be tested"


def status_verdict(context: Context, task_id: str, task: pd.Series) -> tuple[str, str]:
    """(arithmetic, verdict) of a Gantt status: its dates, then the seeds' statements about the same task.

    Inconsistent when the dates contradict the status or a statement of the seeds does;
    consistent when the dates or a statement bear it out and nothing contradicts it.
    """
    date_verdict, reason = _date_reason(context, task)
    statements = context.statements[context.statements["task_id"] == task_id]
    against = statements[statements["relation"] == "contradicts"]
    backing = statements[statements["relation"] == "supports"]
    parts = [reason]
    for label, rows in (("contradicted by", against), ("supported by", backing)):
        if not rows.empty:
            parts.append(f"{label} {count(len(rows))}: " + "; ".join(
                f"'{row.quote_zh}' ({row.statement_en}; {row.source.partition(' § ')[2]})" for row in rows.itertuples()))
    if date_verdict == INCONSISTENT or not against.empty:
        verdict = INCONSISTENT
    elif date_verdict == CONSISTENT or not backing.empty:
        verdict = CONSISTENT
    else:
        verdict = date_verdict or NOT_TESTABLE
    return "; ".join(parts), verdict


def timeline_findings(context: Context) -> list[Finding]:
    """Statuses the Gantt chart gives (done, active) against the tasks' dates and the seeds' other statements."""
    marked = context.tasks[context.tasks["seed_status"] != "none"]
    stray = set(context.statements["task_id"]) - set(marked.index)
    if stray:
        raise ValueError(f"status_statements.csv names tasks with no status in the Gantt chart: {sorted(stray)}")
    findings = []
    for task_id, task in marked.sort_values("order").iterrows():
        start = task["start"].date() if pd.notna(task["start"]) else None
        arithmetic, verdict = status_verdict(context, str(task_id), task)
        status = task["seed_status"]
        findings.append(Finding(f"timeline.{task_id}", "internal", f"Gantt task '{task['name_en']}' is {status}",
                                f"{task['name_zh']} :{status}", task["source"],
                                "the seed's status against the task's dates and the seeds' statements about it",
                                f"{start or 'milestone'} → {task['end'].date()}: {arithmetic}", verdict))
    return findings


def layer_findings(context: Context) -> list[Finding]:
    """Each status of the five-layer table, read as a level, against that level's criteria."""
    rules = context.rules
    layers = load_table("caict_layers").set_index("layer_id")
    mapping = load_table("caict_layer_levels").set_index("layer_id")
    missing = sorted(set(layers.index) - set(mapping.index))
    if missing:
        raise KeyError(f"caict_layer_levels.csv has no row for the layers {missing}")
    findings = []
    for layer_id, layer in layers.sort_values("order").iterrows():
        row = mapping.loc[layer_id]
        subject = f"{layer['name_en']} is {layer['status_en']}"
        quote = f"{layer['name_zh']}（{layer['status_zh']}）"
        if pd.isna(row["level_id"]):
            findings.append(Finding(f"layer.{layer_id}", "internal", subject, quote, layer["source"],
                                    "the status read as a level", f"{row['basis_en']}: no criteria to apply",
                                    NOT_TESTABLE))
            continue
        level = str(row["level_id"])
        parts, failed = [f"{layer['status_zh']} read as {level} ({row['basis_en']})"], False
        for aspect in ("technical_form", "market_structure"):
            text = layer[f"{aspect}_zh"]
            named = row[f"{aspect}_options"]
            if pd.isna(named):
                parts.append(f"'{text}' gives no count of options")
                continue
            observed = classifier.observe_named(int(named))
            status = classifier.level_status(rules.criteria[level], observed)
            failed = failed or status is False
            parts.append(f"'{text}' names {count(int(named))}: {classifier.criteria_report(level, observed, rules)}")
        verdict = INCONSISTENT if failed else NEEDS_EVIDENCE
        findings.append(Finding(f"layer.{layer_id}", "internal", subject, quote, row["source"],
                                f"the status read as {level} against the {level} criteria and the options the layer names",
                                "; ".join(parts), verdict))
    return findings


def prediction_findings(context: Context) -> list[Finding]:
    """Each dated prediction on the as-of date: not yet due, due with no outcome, or settled."""
    findings = []
    for prediction_id, prediction in context.predictions.sort_values("order").iterrows():
        arithmetic, verdict = prediction_state(context, prediction_id)
        findings.append(Finding(f"prediction.{prediction_id}", "internal", prediction["statement_en"],
                                prediction["statement_zh"], prediction["source"],
                                "the due date against the as-of date and the recorded outcome", arithmetic, verdict))
    return findings


def ladder_finding(context: Context) -> Finding:
    """The claimed degrees must fall from L4 to L0, as the levels' order says."""
    levels = load_table("levels").sort_values("rank", ascending=False)
    degrees = levels["claimed_degree"].tolist()
    falling = all(a > b for a, b in zip(degrees, degrees[1:]))
    sequence = " > ".join(f"{lid} {percent(value)}" for lid, value in zip(levels["level_id"], degrees))
    return Finding("levels.degree_ladder", "internal", "Claimed degrees fall from L4 to L0",
                   "收敛度", levels.iloc[0]["source"], "the order of the claimed degrees against the order of the levels",
                   f"{sequence}: {'strictly falling' if falling else 'not strictly falling'}",
                   CONSISTENT if falling else INCONSISTENT)


def audit(as_of: date) -> pd.DataFrame:
    """Every claim's finding, then the internal checks, as one table."""
    context = load_context(as_of)
    findings = [check_claim(context, claim) for _, claim in context.claims.iterrows()]
    findings += [ladder_finding(context), *level_findings(context), *layer_findings(context),
                 *timeline_findings(context), *prediction_findings(context)]
    return pd.DataFrame([asdict(finding) for finding in findings])


def verdict_counts(findings: pd.DataFrame) -> pd.DataFrame:
    """Tidy counts of verdicts by kind of check (every verdict and kind present, zeros included)."""
    index = pd.MultiIndex.from_product([["claim", "internal"], VERDICTS], names=["kind", "verdict"])
    counts = findings.groupby(["kind", "verdict"]).size().reindex(index, fill_value=0)
    return counts.rename("checks").reset_index()
