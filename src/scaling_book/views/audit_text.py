"""How the claims audit reads: the subject, seed wording, test and arithmetic of every finding.

:mod:`scaling_book.analysis.audit` decides each verdict and keeps the values it used; this module
only writes them out, one writer per kind of check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.views.classifier_tables import area_names, criteria_report
from scaling_book.views.text import count, multiple, percent

Facts = dict[str, Any]
Text = tuple[str, str]  # (test, arithmetic)


# --- the words a comparison picks ---------------------------------------------------------------

def true_false(holds: bool) -> str:
    """'true' when a comparison holds, else 'false'."""
    return "true" if holds else "false"


def inside_outside(inside: bool) -> str:
    """Whether a claimed value lies inside the computed range."""
    return "inside" if inside else "outside"


def all_inside(inside: bool) -> str:
    """Whether every date lies inside a forecast window."""
    return "all inside" if inside else "not all inside"


def falling_words(falling: bool) -> str:
    """Whether a sequence falls strictly."""
    return "strictly falling" if falling else "not strictly falling"


def same_different(same: bool) -> str:
    """Whether two statements of a figure agree."""
    return "the same" if same else "different"


def before_after(earlier: bool) -> str:
    """Whether a date comes before another."""
    return "before" if earlier else "after"


def shown(value: float, unit: str) -> str:
    """A value in the unit's usual form (fractions as percentages)."""
    formats: dict[str, Callable[[float], str]] = {"fraction": percent, "count": count, "multiple": multiple}
    return formats.get(unit, lambda v: f"{v:g}")(value)


MEASURE_WORDS = {"leader_share": "leader share", "option_count": "named options"}


# --- checks of single claims ---------------------------------------------------------------------

def degree_text(facts: Facts) -> Text:
    level_id = facts["level_id"]
    test = f"claimed degree of {level_id} against the computed degrees of its areas (± tolerance)"
    if not facts["areas"]:
        return test, (f"no area at {level_id} has adoption shares, so no degree can be computed; "
                      "the seeds do not say how theirs is measured")
    names = area_names()
    parts = ", ".join(f"{names[area_id]} {percent(degree)}" for area_id, degree in facts["areas"])
    return test, (f"computed: {parts}; range {percent(facts['low'])}–{percent(facts['high'])} widened by "
                  f"{percent(facts['tolerance'])} = {percent(facts['widened_low'])}–{percent(facts['widened_high'])}; "
                  f"claimed {percent(facts['claimed'])} is {inside_outside(facts['inside'])}")


def criterion_no_figure_text(facts: Facts) -> Text:
    return f"criterion {facts['threshold_id']}", "the seeds give no figure to test this criterion against"


def criterion_text(facts: Facts) -> Text:
    level_id, operator, unit, word = facts["level_id"], facts["operator"], facts["unit"], MEASURE_WORDS[facts["measure"]]
    target = shown(facts["target"], unit)
    test = f"{level_id} criterion '{word} {operator} {target}' against the seeds' figures for {level_id} areas"
    if not facts["results"]:
        return test, f"the seeds give no {word} for any {level_id} area"
    names = area_names()
    parts = "; ".join(f"{names[area_id]}: {shown(value, unit)} {operator} {target} is {true_false(ok)}"
                      for area_id, value, ok in facts["results"])
    if facts["options_needed"] is not None:
        named = ", ".join(count(value) for value in facts["named"])
        parts += (f"; with k options the leader holds at least 1/k, so a leader share {operator} "
                  f"{percent(facts['target'])} needs at least {count(facts['options_needed'])} "
                  f"options, and these areas name {named}")
    return test, parts


def share_group_text(label: str, group: dict[str, float], total: float, over: bool) -> str:
    """The sum of one group of stated shares, and what it allows."""
    parts = " + ".join(f"{option} {percent(value)}" for option, value in group.items())
    if over:
        return f"shares of {label}: {parts} = {percent(total)}, more than 100%"
    return (f"shares of {label}: {parts} = {percent(total)}, at most 100%; "
            "no source, date or definition of adoption is given")


def share_text(facts: Facts) -> Text:
    return "the stated share against the other shares of its group", share_group_text(
        f"{facts['area_id']} ({facts['scenario']})", facts["group"], facts["total"], facts["over"])


def players_multiple_text(facts: Facts) -> Text:
    claimed = multiple(facts["claimed"], 0)
    return "the stated multiple against the counts it summarises", (
        f"{count(facts['before'])} / {count(facts['after'])} = {multiple(facts['implied'])} against the claimed "
        f"{claimed} (off by {percent(facts['gap'])}; tolerance {percent(facts['tolerance'])}); "
        f"{claimed} would need {count(facts['needed'])} players in {facts['before_year']}")


def prediction_state_text(facts: Facts) -> str:
    """A dated prediction on the as-of date: its outcome, or whether it is due."""
    due = f"due {facts['due_quarter']} (ends {facts['due']})"
    if facts["state"] == "settled":
        return f"{due}; recorded outcome: {facts['outcome']} ({facts['outcome_source']})"
    if facts["state"] == "passed":
        return f"{due}, before the as-of date {facts['as_of']}; no outcome is recorded yet"
    return f"{due}, after the as-of date {facts['as_of']}: not yet due"


def forecast_text(facts: Facts) -> Text:
    return "the forecast against the as-of date", prediction_state_text(facts)


def milestone_text(facts: Facts) -> Text:
    return "the Gantt milestone against the dated prediction", (
        f"Gantt milestone {facts['milestone']} falls in {facts['milestone_quarter']}; the prediction is due "
        f"{facts['due_quarter']} (ends {facts['due']}); {facts['days_apart']} days apart")


def window_text(facts: Facts) -> Text:
    arithmetic = (f"{facts['layer_id']}-layer dates in the Gantt chart and the predictions end in "
                  f"{', '.join(str(year) for year in facts['years'])}: {all_inside(facts['inside'])} "
                  f"{facts['first']}–{facts['last']}; the window closes {facts['closes']}, "
                  f"{before_after(facts['closed'])} the as-of date {facts['as_of']}")
    if not facts["inside"]:
        return "the forecast window against the seeds' own dates", arithmetic
    return "the forecast window against the seeds' own dates and the as-of date", arithmetic


def unsourced_text(facts: Facts) -> Text:
    return "public data (not in the seeds)", facts["reason"]


def within_count_text(facts: Facts) -> Text:
    return "the head firms against the mainstream players of the same overview", (
        f"{count(facts['part'])} head firms <= {count(facts['total'])} mainstream players is "
        f"{true_false(facts['fits'])}; the count itself has no source")


def share_left_text(facts: Facts) -> Text:
    arithmetic = (f"{percent(facts['share'])} held by {count(facts['firms'])} firms leaves "
                  f"{percent(facts['left'])} to the other {count(facts['rest'])} mainstream players")
    if facts["nothing_left"]:
        return "the share against the players it leaves", arithmetic + ": nothing is left for them"
    return "the share against the players it leaves", arithmetic + "; the seeds' numbers allow it, but give no source or date"


def same_statement_text(facts: Facts) -> Text:
    return "the two statements of the spread in the overview against each other", (
        f"{facts['operator']} {percent(facts['value'])} here and {facts['other_operator']} "
        f"{percent(facts['other_value'])} in the overview's other table: {same_different(facts['same'])}; "
        "no models, dates or scores are named")


def untestable_text(facts: Facts) -> Text:
    return "nothing to test against", facts["reason"]


def rating_text(facts: Facts) -> Text:
    sequence = " > ".join(str(value) for value in facts["ratings"])
    return "a rating with no stated method", (f"ratings down the table: {sequence} "
                                              f"({falling_words(facts['falling'])}); no method is given")


# --- internal checks -----------------------------------------------------------------------------

def level_criteria_words(area_id: str, level: str) -> str:
    """The criteria of ``level`` tested on the seeds' figures for one area, in words."""
    rules = classifier.load_rules()
    area = next(area for area in classifier.framework_areas() if area.area_id == area_id)
    return criteria_report(level, classifier.observe(area, rules), rules)


def level_text(facts: Facts) -> Text:
    result = (f"computed level {facts['computed_level']}" if facts["determined"]
              else f"levels still possible: {facts['possible_levels']}")
    return (f"{facts['claimed_level']} criteria against the seeds' figures ({facts['basis']})",
            f"{level_criteria_words(facts['area_id'], facts['claimed_level'])}; {result}")


def layer_unread_text(facts: Facts) -> Text:
    return "the status read as a level", f"{facts['reading']}: no criteria to apply"


def layer_text(facts: Facts) -> Text:
    level = facts["level"]
    parts = [f"{facts['status_zh']} read as {level} ({facts['reading']})"]
    for aspect in facts["aspects"]:
        if aspect["named"] is None:
            parts.append(f"'{aspect['text']}' gives no count of options")
        else:
            report = criteria_report(level, aspect["observed"], facts["rules"])
            parts.append(f"'{aspect['text']}' names {count(aspect['named'])}: {report}")
    return (f"the status read as {level} against the {level} criteria and the options the layer names",
            "; ".join(parts))


def date_reason_text(facts: Facts) -> str:
    """Why a Gantt status does or does not fit the task's dates, the seed's own date and the as-of date."""
    end, as_of, seed_date = facts["end"], facts["as_of"], facts["seed_date"]
    undated = f"{facts['seed']} states no date of its own"
    reasons = {
        "done_runs_past": f"marked done, but it runs until {end}, after the as-of date {as_of}",
        "done_undated": f"marked done; it ended {end}, but {undated}, so the date cannot test the status",
        "done_after_seed": f"marked done; it ended {end}, after the seed's own date {seed_date}",
        "done_before_seed": f"marked done; it ended {end}, before the seed's own date {seed_date}",
        "active_starts_after_seed": f"marked active, but it starts {facts['start']}, after the seed's own date {seed_date}",
        "active_end_passed": (f"marked active; its planned end {end} has passed on the as-of date "
                              f"{as_of} and no outcome is recorded"),
    }
    if facts["case"] in reasons:
        return reasons[facts["case"]]
    reason = f"marked active; it runs until {end}, after the as-of date {as_of}"
    return reason if seed_date is not None else f"{reason}; {undated}, so its start cannot be tested"


def timeline_text(facts: Facts) -> Text:
    parts = [date_reason_text(facts)]
    for label, rows in (("contradicted by", facts["contradicted_by"]), ("supported by", facts["supported_by"])):
        if rows:
            parts.append(f"{label} {count(len(rows))}: " + "; ".join(
                f"'{quote}' ({statement}; {heading})" for quote, statement, heading in rows))
    return ("the seed's status against the task's dates and the seeds' statements about it",
            f"{facts['start'] or 'milestone'} → {facts['end']}: " + "; ".join(parts))


def prediction_text(facts: Facts) -> Text:
    return "the due date against the as-of date and the recorded outcome", prediction_state_text(facts)


def ladder_text(facts: Facts) -> Text:
    sequence = " > ".join(f"{level_id} {percent(value)}" for level_id, value in facts["degrees"])
    return ("the order of the claimed degrees against the order of the levels",
            f"{sequence}: {falling_words(facts['falling'])}")


WRITERS: dict[str, Callable[[Facts], Text]] = {
    "degree": degree_text, "criterion_no_figure": criterion_no_figure_text, "criterion": criterion_text,
    "share": share_text, "players_multiple": players_multiple_text, "forecast": forecast_text,
    "milestone": milestone_text, "window": window_text, "unsourced": unsourced_text,
    "within_count": within_count_text, "share_left": share_left_text, "same_statement": same_statement_text,
    "untestable": untestable_text, "rating": rating_text, "level": level_text, "layer_unread": layer_unread_text,
    "layer": layer_text, "timeline": timeline_text, "prediction": prediction_text, "ladder": ladder_text,
}


def subject_and_quote(check: str, facts: Facts) -> tuple[str, str]:
    """What a finding is about, in English, and the seed's wording of it."""
    if check == "level":
        return f"{area_names()[facts['area_id']]} is at {facts['claimed_level']}", facts["matrix_text_zh"]
    if check in ("layer", "layer_unread"):
        return f"{facts['name_en']} is {facts['status_en']}", f"{facts['name_zh']}（{facts['status_zh']}）"
    if check == "timeline":
        return f"Gantt task '{facts['name_en']}' is {facts['status']}", f"{facts['name_zh']} :{facts['status']}"
    if check == "prediction":
        return facts["statement_en"], facts["statement_zh"]
    if check == "ladder":
        return "Claimed degrees fall from L4 to L0", "收敛度"
    return facts["statement_en"], facts["quote_zh"]


def audit_rows(findings: pd.DataFrame) -> pd.DataFrame:
    """The audit as the reader sees it: check_id, kind, subject, quote_zh, source, test, arithmetic, verdict."""
    rows = []
    for finding in findings.itertuples():
        subject, quote = subject_and_quote(finding.check, finding.facts)
        test, arithmetic = WRITERS[finding.check](finding.facts)
        rows.append({"check_id": finding.check_id, "kind": finding.kind, "subject": subject, "quote_zh": quote,
                     "source": finding.source, "test": test, "arithmetic": arithmetic, "verdict": finding.verdict})
    return pd.DataFrame(rows, columns=["check_id", "kind", "subject", "quote_zh", "source", "test", "arithmetic",
                                       "verdict"])
