"""The test and arithmetic of the audit's checks of single claims: degrees, criteria, shares, dates, counts."""

from __future__ import annotations

from scaling_book.analysis.audit_base import CONSISTENT, INCONSISTENT
from scaling_book.views.audit_words import (
    MEASURE_WORDS,
    Facts,
    Text,
    all_inside,
    before_after,
    count_interval,
    falling_words,
    inside_outside,
    same_different,
    shown,
    true_false,
)
from scaling_book.views.classifier_tables import area_names
from scaling_book.views.text import count, multiple, percent


def degree_text(facts: Facts) -> Text:
    level_id = facts["level_id"]
    test = f"claimed degree of {level_id} against the computed degrees of its areas (± tolerance)"
    if not facts["areas"]:
        return test, (
            f"no area at {level_id} has adoption shares, so no degree can be computed; "
            "the seeds do not say how theirs is measured"
        )
    names = area_names()
    parts = ", ".join(f"{names[area_id]} {percent(degree)}" for area_id, degree in facts["areas"])
    return test, (
        f"computed: {parts}; range {percent(facts['low'])}–{percent(facts['high'])} widened by "
        f"{percent(facts['tolerance'])} = {percent(facts['widened_low'])}–{percent(facts['widened_high'])}; "
        f"claimed {percent(facts['claimed'])} is {inside_outside(facts['inside'])}"
    )


def criterion_no_figure_text(facts: Facts) -> Text:
    return f"criterion {facts['threshold_id']}", "the seeds give no figure to test this criterion against"


def criterion_text(facts: Facts) -> Text:
    level_id, operator, unit, word = (
        facts["level_id"],
        facts["operator"],
        facts["unit"],
        MEASURE_WORDS[facts["measure"]],
    )
    target = shown(facts["target"], unit)
    test = f"{level_id} criterion '{word} {operator} {target}' against the seeds' figures for {level_id} areas"
    if not facts["results"]:
        return test, f"the seeds give no {word} for any {level_id} area"
    names = area_names()
    parts = "; ".join(
        f"{names[area_id]}: {shown(value, unit)} {operator} {target} is {true_false(ok)}"
        for area_id, value, ok in facts["results"]
    )
    if facts["options_needed"] is not None:
        named = ", ".join(count(value) for value in facts["named"])
        parts += (
            f"; with k options the leader holds at least 1/k, so a leader share {operator} "
            f"{percent(facts['target'])} needs at least {count(facts['options_needed'])} "
            f"options, and these areas name {named}"
        )
    return test, parts


def share_group_text(label: str, group: dict[str, float], total: float, over: bool) -> str:
    """The sum of one group of stated shares, and what it allows."""
    parts = " + ".join(f"{option} {percent(value)}" for option, value in group.items())
    if over:
        return f"shares of {label}: {parts} = {percent(total)}, more than 100%"
    return (
        f"shares of {label}: {parts} = {percent(total)}, at most 100%; "
        "no source, date or definition of adoption is given"
    )


def share_text(facts: Facts) -> Text:
    return "the stated share against the other shares of its group", share_group_text(
        f"{facts['area_id']} ({facts['scenario']})", facts["group"], facts["total"], facts["over"]
    )


def players_multiple_text(facts: Facts) -> Text:
    claimed = multiple(facts["claimed"], 0)
    needed = f"{claimed} would need {count(facts['needed'])} players in {facts['before_year']}"
    if facts["gap"] > facts["tolerance"] and facts["possible"]:
        needed += f", which the stated {count_interval(*facts['before_range'])} allows but does not state"
    return "the stated multiple against the counts it summarises", (
        f"{count(facts['before'])} / {count(facts['after'])} = {multiple(facts['implied'])} against the claimed "
        f"{claimed} (off by {percent(facts['gap'])}; tolerance {percent(facts['tolerance'])}); {needed}"
    )


def players_reading(verdict: str, facts: Facts) -> str:
    """What the earlier count, read as its operator states it, says of the players' multiple."""
    stated = count_interval(*facts["before_range"])
    if verdict == CONSISTENT:
        return f"so the stated count ({stated}) gives the label"
    if verdict == INCONSISTENT:
        return f"more than the stated count ({stated}) allows, so the seeds' own figures contradict the label"
    return (
        f"a count that “{stated}” allows but does not state, so the seeds' own figures neither bear the label out "
        "nor contradict it"
    )


def prediction_state_text(facts: Facts) -> str:
    """A dated prediction on the as-of date: whether it is due (its outcome is the scorecard's, a public source)."""
    due = f"due {facts['due_quarter']} (ends {facts['due']})"
    if facts["state"] == "passed":
        return f"{due}, before the as-of date {facts['as_of']}; the seeds cannot settle it"
    return f"{due}, after the as-of date {facts['as_of']}: not yet due"


def forecast_text(facts: Facts) -> Text:
    return "the forecast against the as-of date", prediction_state_text(facts)


def milestone_text(facts: Facts) -> Text:
    return "the Gantt milestone against the dated prediction", (
        f"Gantt milestone {facts['milestone']} falls in {facts['milestone_quarter']}; the prediction is due "
        f"{facts['due_quarter']} (ends {facts['due']}); {facts['days_apart']} days apart"
    )


def window_text(facts: Facts) -> Text:
    arithmetic = (
        f"{facts['layer_id']}-layer dates in the Gantt chart and the predictions end in "
        f"{', '.join(str(year) for year in facts['years'])}: {all_inside(facts['inside'])} "
        f"{facts['first']}–{facts['last']}; the window closes {facts['closes']}, "
        f"{before_after(facts['closed'])} the as-of date {facts['as_of']}"
    )
    if not facts["inside"]:
        return "the forecast window against the seeds' own dates", arithmetic
    return "the forecast window against the seeds' own dates and the as-of date", arithmetic


def unsourced_text(facts: Facts) -> Text:
    return "public data (not in the seeds)", facts["reason"]


def within_count_text(facts: Facts) -> Text:
    return "the head firms against the mainstream players of the same overview", (
        f"{count(facts['part'])} head firms <= {count(facts['total'])} mainstream players is "
        f"{true_false(facts['fits'])}; the count itself has no source"
    )


def share_left_text(facts: Facts) -> Text:
    arithmetic = (
        f"{percent(facts['share'])} held by {count(facts['firms'])} firms leaves "
        f"{percent(facts['left'])} to the other {count(facts['rest'])} mainstream players"
    )
    if facts["nothing_left"]:
        return "the share against the players it leaves", arithmetic + ": nothing is left for them"
    return (
        "the share against the players it leaves",
        arithmetic + "; the seeds' numbers allow it, but give no source or date",
    )


def same_statement_text(facts: Facts) -> Text:
    return "the two statements of the spread in the overview against each other", (
        f"{facts['operator']} {percent(facts['value'])} here and {facts['other_operator']} "
        f"{percent(facts['other_value'])} in the overview's other table: {same_different(facts['same'])}; "
        "no models, dates or scores are named"
    )


def untestable_text(facts: Facts) -> Text:
    return "nothing to test against", facts["reason"]


def rating_text(facts: Facts) -> Text:
    sequence = " > ".join(str(value) for value in facts["ratings"])
    return "a rating with no stated method", (
        f"ratings down the table: {sequence} ({falling_words(facts['falling'])}); no method is given"
    )
