"""What the classify command prints: the result as plain text for a reader, or as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from scaling_book.analysis.classify_input import INLINE
from scaling_book.analysis.classify_result import ClassifyResult
from scaling_book.analysis.placement import LEVELS
from scaling_book.views.text import count, decimal, percent

MEASURE_NAMES = {
    "coverage": "named options cover",
    "leader_share": "leader share",
    "hhi": "HHI",
    "effective_options": "effective number of options",
    "normalised_entropy": "normalised entropy",
    "degree": "degree (normalised HHI on the option set)",
}
PERCENT_MEASURES = {"coverage", "leader_share"}


def measure_text(name: str, value: float) -> str:
    """A measure as the report shows it: shares as percentages, the rest with two decimals."""
    return percent(value, 1) if name in PERCENT_MEASURES else decimal(value, 2)


def _measure_lines(measures: dict[str, float], indent: str) -> list[str]:
    width = max(len(label) for label in MEASURE_NAMES.values())
    return [f"{indent}{MEASURE_NAMES[name]:<{width}}  {measure_text(name, measures[name])}" for name in MEASURE_NAMES]


def uncertainty_text(result: ClassifyResult) -> str:
    """How the probabilities were drawn, in one line."""
    drawn = result.uncertainty
    if drawn.counts is None:
        return (
            f"{drawn.method}: Dirichlet redraws with share_sd {drawn.share_sd:g} (book.yml), "
            f"{count(drawn.resamples)} resamples, seed {drawn.seed}; this measures how stable the level is "
            "if the stated shares are off by that much, not a sampling error"
        )
    models = ", ".join(f"{name} n={n}" for name, n in sorted(drawn.counts.items()))
    return f"{drawn.method} ({models}), {count(drawn.resamples)} resamples, seed {drawn.seed}"


def report_text(result: ClassifyResult) -> str:
    """The result as the text the command prints."""
    shares = result.shares
    where = "shares typed on the command line" if shares.origin == INLINE else shares.origin
    if shares.origin != INLINE:
        where += f", area {shares.area_id}, year {shares.year}"
    lines = [f"Classified: {where}"]
    for scenario, group in shares.groups.items():
        lines.append(f"  {scenario}: " + ", ".join(f"{option} {percent(share, 1)}" for option, share in group.items()))
    lines.append(f"Option set ({len(result.split)}): {', '.join(result.split)}")
    lines += ["", "Measures (on the split among the named options)"]
    lines += _measure_lines(result.measures, "  ")
    for scenario, measures in result.scenario_measures.items():
        lines += [f"  scenario {scenario}:"] + _measure_lines(measures, "    ")
    if result.scenario_measures:
        verdict = "differs" if result.scenario_split else "is the same"
        lines.append(f"  the leading option {verdict} between scenarios")
    rules = result.rules
    lines += [
        "",
        f"Level: {result.level}",
        f"  rules: real option ≥ {percent(rules.real_option_min_share, 1)}, winner share ≥ "
        f"{percent(rules.winner_share)}, L1 below {percent(rules.fragmented_below)} leader share, at most "
        f"{rules.max_contested} contested options, scenario split tested "
        f"{'first' if rules.scenario_split_first else 'last'}",
        "",
        "Level probabilities",
        "  " + "  ".join(f"{level} {percent(result.probabilities[level], 1)}" for level in LEVELS),
        f"  {uncertainty_text(result)}",
        "",
        "Sensitivity (the level under each alternative reading)",
    ]
    width = max(len(reading) for reading, _ in result.sensitivity)
    for reading, level in result.sensitivity:
        change = "" if level == result.level else f"  (changes from {result.level})"
        lines.append(f"  {reading:<{width}}  {level}{change}")
    return "\n".join(lines)


def report_data(result: ClassifyResult) -> dict[str, Any]:
    """The result as JSON-ready data (the same content as the text)."""
    shares = result.shares
    return {
        "input": {
            "origin": shares.origin,
            "area_id": None if shares.origin == INLINE else shares.area_id,
            "year": shares.year,
            "shares": {scenario: dict(group) for scenario, group in shares.groups.items()},
            "n": shares.counts,
            "option_set": list(result.split),
        },
        "split": result.split,
        "measures": result.measures,
        "scenario_measures": result.scenario_measures,
        "scenario_split": result.scenario_split,
        "rules": asdict(result.rules),
        "level": result.level,
        "probabilities": result.probabilities,
        "uncertainty": asdict(result.uncertainty),
        "sensitivity": [
            {"reading": reading, "level": level, "changed": level != result.level}
            for reading, level in result.sensitivity
        ],
    }
