"""The level classifier in words: its tests, the assessment of the areas with their names, and their display tables.

The numbers are :mod:`scaling_book.analysis.classifier`'s; here they get their labels and formats.
"""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.analysis.classifier import LEADER_SHARE_MIN, NOT_COMPUTABLE, Criterion, Rules
from scaling_book.inputs.load import load_table
from scaling_book.views.text import bilingual, percent

MEASURE_WORDS = {
    "leader_share": "leader share",
    "option_count": "real options",
    "effective_alternatives": "real alternatives to the leader",
    "winner_varies_by_scenario": "winner differs by scenario (1 = yes)",
}
RESULT_WORDS = {True: "met", False: "failed", None: "not testable"}


def criterion_test(criterion: Criterion) -> str:
    """'leader share < 30%': the criterion in words, with shares as percentages."""
    shown = percent(criterion.value) if criterion.measure == "leader_share" else f"{criterion.value:g}"
    return f"{MEASURE_WORDS[criterion.measure]} {criterion.operator} {shown}"


def observed_text(criterion: Criterion, observed: dict[str, float | None]) -> str:
    """What was observed for the criterion's measure: a value, a lower bound of the leader share, or 'unknown'."""
    value = observed[criterion.measure]
    bound = observed.get(LEADER_SHARE_MIN)
    if value is None and criterion.measure == "leader_share" and bound is not None:
        return f"unknown, at least {percent(bound)} with {observed['option_count']:g} named options"
    if value is None:
        return "unknown"
    return percent(value) if criterion.measure == "leader_share" else f"{value:g}"


def criteria_report(level: str, observed: dict[str, float | None], rules: Rules) -> str:
    """Each criterion of ``level`` with the observed value and whether it holds, as one line of text."""
    return "; ".join(f"{criterion_test(criterion)}: observed {observed_text(criterion, observed)}, "
                     f"{RESULT_WORDS[classifier.criterion_result(criterion, observed)]}"
                     for criterion in rules.criteria[level])


def criteria_table(rules: Rules) -> pd.DataFrame:
    """Every criterion in test order: level, the seeds' wording, the test, and where it comes from."""
    sources = load_table("level_thresholds").set_index("threshold_id")["source"]
    rows = [{"order": position, "level": level, "criterion": criterion.criterion_id,
             "seed_wording": criterion.quote_zh, "test": criterion_test(criterion),
             "source": sources.get(criterion.criterion_id, "book.yml analysis.classifier.winner_threshold")}
            for position, level in enumerate(rules.test_order, start=1) for criterion in rules.criteria[level]]
    return pd.DataFrame(rows)


def area_names() -> dict[str, str]:
    """Each area's bilingual name, by area_id."""
    areas = load_table("areas")
    return {row.area_id: bilingual(row.name_en, row.name_zh) for row in areas.itertuples()}


def assessed_areas(level_id: str | None = None) -> pd.DataFrame:
    """:func:`classifier.assessment` with each area's name (``area``, second) and its claimed level's test (``criteria``, last)."""
    frame = classifier.assessment(level_id)
    rules = classifier.load_rules()
    observed = {area.area_id: classifier.observe(area, rules) for area in classifier.framework_areas()}
    frame.insert(1, "area", frame["area_id"].map(area_names()))
    frame["criteria"] = [criteria_report(level, observed[area_id], rules)
                         for area_id, level in zip(frame["area_id"], frame["claimed_level"])]
    return frame


def reading_table(criterion_id: str, operator: str, examples: dict[str, dict[str, float]]) -> pd.DataFrame:
    """:func:`classifier.reading_sensitivity` with the areas named in both languages."""
    frame = classifier.reading_sensitivity(criterion_id, operator, examples)
    names = area_names()
    return frame.assign(case=[names.get(case, case) for case in frame["case"]])


def stability_word(fragile: object) -> str:
    """'fragile', 'stable', or '–' where nothing was resampled."""
    return "–" if pd.isna(fragile) else ("fragile" if fragile else "stable")


def leader_text(value: float, bound: float) -> str:
    """The leader share as a percentage, or its lower bound 1/n when only the named options are known."""
    if pd.isna(value) and not pd.isna(bound):
        return f"unknown; at least {percent(bound)} of the named options"
    return NOT_COMPUTABLE if pd.isna(value) else percent(value)


def assessment_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """The assessment formatted for display: percentages, and plain words where nothing is computable."""
    def shown(value: float) -> str:
        return NOT_COMPUTABLE if pd.isna(value) else percent(value)

    return pd.DataFrame({
        "Area": assessed["area"],
        "Seed's level": assessed["claimed_level"],
        "Seed's degree": [percent(value) for value in assessed["claimed_degree"]],
        "Leader share": [leader_text(value, bound)
                         for value, bound in zip(assessed["leader_share"], assessed["leader_share_min"])],
        "Computed degree": [shown(value) for value in assessed["computed_degree"]],
        "Computed level": assessed["computed_level"],
        "Levels still possible": assessed["possible_levels"],
        "P(computed level)": [shown(value) for value in assessed["level_probability"]],
        "Stability": [stability_word(value) for value in assessed["fragile"]],
        "Seed's level by its own criteria": assessed["claimed_level_verdict"],
    })
