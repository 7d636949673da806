"""How the generated checks of the claims audit read: restatements, the dates of one event, and the checks of
shares, degrees, counts and multiples against the criteria and counts they meet."""

from __future__ import annotations

import math
from collections.abc import Callable

from scaling_book.views.audit_words import Facts, Text, count_interval
from scaling_book.views.text import multiple, percent

SYMBOLS = {"<=": "≤", ">=": "≥", "==": "=", "!=": "≠"}


def heading(source: str) -> str:
    """The seed heading of a reference ('file § heading' -> 'heading')."""
    return source.partition(" § ")[2] or source


def restatement_text(facts: Facts) -> Text:
    return "two statements of the same figure (" + str(facts["ref"]) + ")", (
        f"{facts['first']} ({heading(facts['first_source'])}) states {facts['first_value']:g}, "
        f"{facts['second']} ({heading(facts['second_source'])}) states {facts['second_value']:g}: "
        f"{'the same figure, restated' if facts['same'] else 'different figures'}"
    )


def event_dates_text(facts: Facts) -> Text:
    first, second = facts["first"], facts["second"]
    if facts["case"] == "points":
        arithmetic = (
            f"{first['label']} falls in {first['quarter']} ({first['day']}), {second['label']} in "
            f"{second['quarter']} ({second['day']}); {facts['days_apart']} days apart: "
            f"{'same quarter' if facts['agree'] else 'different quarters'}"
        )
    elif facts["case"] == "window":
        arithmetic = (
            f"a date in {facts['year']} against the window {facts['low']}–{facts['high']}: "
            f"{'inside' if facts['agree'] else 'outside'}"
        )
    else:
        arithmetic = "two windows of years: nothing to compare"
    return f"two dates of the event '{facts['event_id']}'", arithmetic


def _short(value: float) -> str:
    """0.895 -> '0.895', 0.64 -> '0.64', 1.0 -> '1': a fraction to three places, trailing zeros dropped."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _yes_no(holds: bool) -> str:
    return "yes" if holds else "no"


def share_threshold_text(facts: Facts) -> Text:
    which = "the group's largest share" if facts["largest"] else "a share (the leader holds at least as much)"
    return f"a stated share against the {facts['level_id']} criterion {facts['criterion_id']}", (
        f"{facts['option_id']} {percent(facts['share'])}, {which}: {percent(facts['share'])} "
        f"{SYMBOLS.get(facts['operator'], facts['operator'])} {percent(facts['target'])}? {_yes_no(facts['holds'])}"
    )


def degree_reading_text(facts: Facts) -> Text:
    criteria = "; ".join(f"{cid} {SYMBOLS.get(op, op)} {value:g}" for cid, op, value in facts["criteria"])
    low, high, tolerance = facts["low"], facts["high"], facts["tolerance"]
    return f"a stated degree against the {facts['level_id']} criteria, read as the {facts['reading']}", (
        f"splits that meet {criteria} give {_short(low)}–{_short(high)}; stated {_short(facts['stated'])} "
        f"within {_short(max(0.0, low - tolerance))}–{_short(min(1.0, high + tolerance))} "
        f"(±{tolerance:g} for rounding)? {_yes_no(facts['inside'])}"
    )


def named_count_text(facts: Facts) -> Text:
    operator = SYMBOLS.get(facts["operator"], facts["operator"])
    if facts["criterion_id"].endswith("option_count"):
        arithmetic = f"{facts['named']} named options {operator} {facts['target']:g}? {_yes_no(facts['holds'])}"
    else:
        arithmetic = (
            f"with {facts['named']} options the leader holds at least 1/{facts['named']} = {percent(facts['value'])}; "
            f"{percent(facts['value'])} {operator} {percent(facts['target'])}? {_yes_no(facts['holds'])}"
        )
    return f"the named options against the {facts['level_id']} criterion {facts['criterion_id']}", arithmetic


def count_pair_text(facts: Facts) -> Text:
    first, second = count_interval(*facts["first_range"]), count_interval(*facts["second_range"])
    if facts["case"] == "totals":
        return f"two counts of one population in {facts['year']}", (
            f"{facts['first']} {first} and {facts['second']} {second} overlap? {_yes_no(facts['agree'])}"
        )
    return f"a part against its whole in {facts['year']}", (
        f"{facts['first']} {first} ≤ {facts['second']} {second}? {_yes_no(facts['agree'])}"
    )


def multiple_ends_text(facts: Facts) -> Text:
    low, high = facts["ratio"]
    ratio = f"at least {multiple(low)}" if math.isinf(high) else f"{multiple(low)}–{multiple(high)}"
    return f"a stated multiple against the counts of {facts['earlier_year']} and {facts['later_year']}", (
        f"{count_interval(*facts['earlier'])} / {count_interval(*facts['later'])} = {ratio}; stated {multiple(facts['stated'], 0)} "
        f"(±{percent(facts['tolerance'])}) fits? {_yes_no(facts['agree'])}; "
        f"{multiple(facts['stated'], 0)} from {count_interval(*facts['later'])} needs {facts['needed']:g} in {facts['earlier_year']}"
    )


def part_share_text(facts: Facts) -> Text:
    part, whole = count_interval(*facts["part"]), count_interval(*facts["whole"])
    rest = "; others remain, so below 100%" if facts["others_remain"] else ""
    return "the share of a part against the counts", (
        f"the {part} largest of {whole} hold at least {part}/{whole} = {percent(facts['floor'])}{rest}; "
        f"stated {percent(facts['share'])} within? {_yes_no(facts['agree'])}"
    )


# How each generated check reads (merged into the audit's writers, scaling_book.views.audit_text).
GENERATED_WRITERS: dict[str, Callable[[Facts], Text]] = {
    "share_threshold": share_threshold_text,
    "degree_reading": degree_reading_text,
    "count_criterion": named_count_text,
    "count_share": named_count_text,
    "count_pair": count_pair_text,
    "multiple_ends": multiple_ends_text,
    "part_share": part_share_text,
}
