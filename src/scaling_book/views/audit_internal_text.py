"""The test and arithmetic of the audit's internal checks: levels, layers, timeline, predictions, the ladder."""

from __future__ import annotations

from scaling_book.analysis import classifier
from scaling_book.views.audit_claim_text import prediction_state_text
from scaling_book.views.audit_words import Facts, Text, falling_words
from scaling_book.views.classifier_tables import criteria_report
from scaling_book.views.text import count, percent


def level_criteria_words(area_id: str, level: str) -> str:
    """The criteria of ``level`` tested on the seeds' figures for one area, in words."""
    rules = classifier.load_rules()
    area = next(area for area in classifier.framework_areas() if area.area_id == area_id)
    return criteria_report(level, classifier.observe(area, rules), rules)


def level_text(facts: Facts) -> Text:
    result = (
        f"computed level {facts['computed_level']}"
        if facts["determined"]
        else f"levels still possible: {facts['possible_levels']}"
    )
    return (
        f"{facts['claimed_level']} criteria against the seeds' figures ({facts['basis']})",
        f"{level_criteria_words(facts['area_id'], facts['claimed_level'])}; {result}",
    )


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
    return (
        f"the status read as {level} against the {level} criteria and the options the layer names",
        "; ".join(parts),
    )


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
        "active_end_passed": (
            f"marked active; its planned end {end} has passed on the as-of date {as_of} and no outcome is recorded"
        ),
    }
    if facts["case"] in reasons:
        return reasons[facts["case"]]
    reason = f"marked active; it runs until {end}, after the as-of date {as_of}"
    return reason if seed_date is not None else f"{reason}; {undated}, so its start cannot be tested"


def timeline_text(facts: Facts) -> Text:
    parts = [date_reason_text(facts)]
    for label, rows in (("contradicted by", facts["contradicted_by"]), ("supported by", facts["supported_by"])):
        if rows:
            parts.append(
                f"{label} {count(len(rows))}: "
                + "; ".join(f"'{quote}' ({statement}; {heading})" for quote, statement, heading in rows)
            )
    return (
        "the seed's status against the task's dates and the seeds' statements about it",
        f"{facts['start'] or 'milestone'} → {facts['end']}: " + "; ".join(parts),
    )


def prediction_text(facts: Facts) -> Text:
    return "the due date against the as-of date and the recorded outcome", prediction_state_text(facts)


def ladder_text(facts: Facts) -> Text:
    sequence = " > ".join(f"{level_id} {percent(value)}" for level_id, value in facts["degrees"])
    return (
        "the order of the claimed degrees against the order of the levels",
        f"{sequence}: {falling_words(facts['falling'])}",
    )
