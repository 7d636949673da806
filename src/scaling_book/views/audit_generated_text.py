"""How the generated checks of the claims audit read: restatements and the dates of one event."""

from __future__ import annotations

from scaling_book.views.audit_words import Facts, Text


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
