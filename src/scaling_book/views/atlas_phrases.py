"""Words and cells of the atlas chapter (chapters/evidence/atlas.md) that depend on the data."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from scaling_book.analysis.atlas_trends import CONVERGING, DIVERGING, MIXED, NOT_MEASURABLE, STABLE
from scaling_book.views.text import bilingual, names_list, percent

# How the lead sentence says a count of layers with each verdict, in the order it lists them.
VERDICT_VERBS = {
    CONVERGING: ("converges", "converge"),
    DIVERGING: ("diverges", "diverge"),
    STABLE: ("is stable", "are stable"),
    MIXED: ("has mixed evidence", "have mixed evidence"),
    NOT_MEASURABLE: ("is not measurable", "are not measurable"),
}


def verdict_answer(counts: Mapping[str, int], noun: str = "convergence layers") -> str:
    """'of the 5 convergence layers, 1 diverges, 1 is stable and 3 are not measurable' (verdicts with none left out)."""
    total = sum(counts.values())
    parts = [
        f"{counts[verdict]} {VERDICT_VERBS[verdict][counts[verdict] != 1]}"
        for verdict in VERDICT_VERBS
        if counts.get(verdict)
    ]
    if counts.get(NOT_MEASURABLE) == total:
        return f"none of the {total} {noun} is measurable"
    return f"of the {total} {noun}, {names_list(parts)}"


def points_phrase(fraction: float) -> str:
    """0.01 -> '1 percentage point', 0.025 -> '2.5 percentage points'."""
    points = fraction * 100
    return f"{points:g} percentage point{'' if points == 1 else 's'}"


def level_cell(level: object, probability: float, n: float, measurable: bool) -> str:
    """'L2 · 87%' for a measured area-year; 'n = 4' (too few models for a level) otherwise."""
    if not measurable or not isinstance(level, str):
        return f"n = {int(n):,}" if not pd.isna(n) else "no models"
    return f"{level} · {percent(probability)}"


def year_heading(year: int, partial: bool) -> str:
    """A year column's heading; the snapshot's partial year says so."""
    return f"{year} (partial)" if partial else str(year)


def signed(value: float, points: bool) -> str:
    """'+3.4' for a share slope in points (points=True, from a fraction), '−0.12' for a slope in options."""
    scale, digits = (100, 1) if points else (1, 2)
    return f"{value * scale:+.{digits}f}".replace("-", "−")


def slope_cell(point: float, low: float, high: float, points: bool) -> str:
    """'+3.4 pts (1.2 to 5.6)' for a leader-share slope (points=True), '−0.12 (−0.20 to −0.05)' otherwise; '—' unfitted."""
    if math.isnan(point):
        return "—"
    unit = " pts" if points else ""
    return f"{signed(point, points)}{unit} ({signed(low, points)} to {signed(high, points)})"


def years_cell(years: int, first: float, last: float) -> str:
    """'7 (2018–2024)', or '0' when the area has no measured year in the window."""
    return f"{years} ({int(first)}–{int(last)})" if years else "0"


def seeds_status(status_zh: object, status_en: object) -> str:
    """The seeds' status of a layer as 'reverse divergence (反向分化)', or 'none stated'."""
    return "none stated" if pd.isna(status_en) else bilingual(status_en, status_zh)


def start_year_sensitivity(trends: pd.DataFrame, names: Mapping[str, str]) -> str:
    """Which areas' verdicts change with the start year of the trend, as a phrase."""
    changing = [area for area, verdicts in trends.groupby("area_id", sort=False)["verdict"] if verdicts.nunique() > 1]
    if not changing:
        return "no area's verdict changes with the start year"
    listed = names_list([names[area] for area in changing])
    return (
        f"the verdict of {len(changing)} of {trends['area_id'].nunique()} areas changes with the start year ({listed})"
    )


def unmeasured_sentence(kind: str, names: Iterable[str]) -> str:
    """'No evidence area informs the mathematics layer and the application layer.' ('' when none)."""
    listed = list(names)
    if not listed:
        return ""
    return f"No evidence area informs {kind} {names_list(listed)}."


def few_years_sentence(names: Iterable[str], min_years: int, start_year: int) -> str:
    """The areas with fewer measured full years than a trend needs ('' when none)."""
    listed = list(names)
    if not listed:
        return ""
    verb = "has" if len(listed) == 1 else "have"
    return (
        f"{names_list(listed)} {verb} fewer than {min_years} measured full years from {start_year}, "
        "so no trend is fitted."
    )


def loose_sentence(area_name: str, target: str, note: str) -> str:
    """'Release mode informs the market layer only loosely: <note>.'"""
    return f"{area_name} informs {target} only loosely: {note.rstrip('.')}."


def bullet_list(sentences: Iterable[str]) -> str:
    """A Markdown bullet list of the non-empty sentences."""
    return "\n".join(f"- {sentence}" for sentence in sentences if sentence)


def sensitivity_sentence(sensitivity: pd.DataFrame) -> str:
    """The reading of the level rules that moves the most measured area-years, and how many of the total."""
    total = int(sensitivity["area_years"].max()) if len(sensitivity) else 0
    most = int(sensitivity["changed"].max()) if len(sensitivity) else 0
    if most == 0:
        return f"no alternative reading changes the level of any of the {total} measured area-years"
    leaders = [f"“{name}”" for name in sensitivity.loc[sensitivity["changed"] == most, "name_en"]]
    kind, verb = ("the reading", "moves") if len(leaders) == 1 else ("the readings", "each move")
    return f"{kind} {names_list(leaders, 'or')} {verb} the most area-years: {most} of the {total} measured change level"


def moe_check_sentence(false_positives: int, dense: int, false_negatives: int, moe: int) -> str:
    """What the keyword flag gets wrong on the labelled sample, and which bound the measured MoE share is."""
    if false_positives == 0:
        marks = f"the flag never marks a dense model as MoE (none of the {dense} dense models)"
    else:
        marks = f"the flag sometimes marks a dense model as MoE ({false_positives} of the {dense} dense models)"
    misses = f"misses {false_negatives} of the {moe} MoE models"
    if false_negatives and not false_positives:
        bound = "so the measured MoE share is a lower bound"
    elif false_positives and not false_negatives:
        bound = "so the measured MoE share is an upper bound"
    elif false_positives:
        bound = "so the measured MoE share errs both ways and is no bound"
    else:
        bound = "so the measured MoE share matches the labels"
    return f"{marks}, and {misses}, {bound}"


def market_phrase(trend: Mapping[str, float | int | str]) -> str:
    """'diverging: the largest developer's share falls 12.8 points a year over 2022–2025 (−19.2 to −4.9) while
    the effective number of developers rises 2.90 a year (+1.13 to +3.22)'; without a trend, why not.

    ``trend`` is one row of analysis.atlas_trends.atlas_trends."""
    slope, effective = float(trend["leader_slope"]), float(trend["effective_slope"])
    if math.isnan(slope):
        return "not measurable: too few years with enough large models for a trend"

    def moves(value: float) -> str:
        return "rises" if value > 0 else "falls" if value < 0 else "holds steady at"

    def interval(column: str, points: bool) -> str:
        low, high = float(trend[f"{column}_low"]), float(trend[f"{column}_high"])
        return f"({signed(low, points)} to {signed(high, points)})"

    return (
        f"{trend['verdict']}: the largest developer's share {moves(slope)} {abs(slope) * 100:.1f} points a year "
        f"over {int(trend['first_year'])}–{int(trend['last_year'])} {interval('leader_slope', True)}, while the "
        f"effective number of developers {moves(effective)} {abs(effective):.2f} a year "
        f"{interval('effective_slope', False)}"
    )
