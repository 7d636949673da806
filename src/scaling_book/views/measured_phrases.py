"""Words of the level and layer chapters' "What the evidence says" sections that depend on the atlas's numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from scaling_book.analysis.atlas_trends import CONVERGING, DIVERGING, MIXED, NOT_MEASURABLE, STABLE
from scaling_book.views.text import names_list, percent

SOURCE_WORDS = "Measured on Epoch AI's data"
# How a layer's verdict reads after "the atlas finds the … layer".
VERDICT_WORDS = {
    CONVERGING: "converging",
    STABLE: "stable",
    DIVERGING: "diverging",
    MIXED: "mixed, its evidence areas pointing different ways",
    NOT_MEASURABLE: "not measurable",
}


def lower_first(name: str) -> str:
    """'Mixture-of-experts vs dense' -> 'mixture-of-experts vs dense'; 'RLHF alignment' and 'AdamW' stay as they are."""
    first = name.split(" ", 1)[0]
    return name if any(char.isupper() for char in first[1:]) else name[:1].lower() + name[1:]


def measured_level_cell(level: str, probability: float) -> str:
    """'L2 (100%)': the measured level with the share of bootstrap draws placed in it."""
    return f"{level} ({percent(probability)})"


def leader_cell(option: str, share: float, low: float, high: float) -> str:
    """'Dense 57% (51%–74%)': the leading option's share with its bootstrap interval."""
    return f"{option} {percent(share)} ({percent(low)}–{percent(high)})"


def seeds_agreement(measured: str, seeds: str) -> str:
    """'where the seeds place the area at L2 too' when the levels agree, 'while the seeds place it at L0' otherwise."""
    if measured == seeds:
        return f"where the seeds place the area at {seeds} too"
    return f"while the seeds place the area at {seeds}"


def trend_phrase(option: str | None, slope: float, low: float, high: float, start_year: int, interval: float) -> str:
    """'the dense share falls 6.1 percentage points a year from 2018 (95% interval −9.0 to −3.2)'.

    ``option`` names the leader when one option led in every year fitted; otherwise the phrase speaks of the
    leading option's share. Without a fitted trend (too few years) it says so.
    """
    if math.isnan(slope):
        return f"too few measured full years from {start_year} for a trend"
    subject = f"the {lower_first(option)} share" if option else "the leading option's share"
    verb = "rises" if slope > 0 else "falls" if slope < 0 else "holds steady,"

    def points(value: float) -> str:
        return f"{value * 100:+.1f}".replace("-", "−")

    return (
        f"{subject} {verb} {abs(slope) * 100:.1f} percentage points a year from {start_year} "
        f"({percent(interval)} interval {points(low)} to {points(high)})"
    )


def measured_sentence(
    evidence_name: str,
    fit: str,
    seeds_area: str,
    year: int,
    level: str,
    probability: float,
    seeds_level: str,
    trend: str,
) -> str:
    """One sentence: the evidence area's measured level in its latest full year beside the seeds' level, and its trend."""
    return (
        f"{SOURCE_WORDS}, {lower_first(evidence_name)} (a {fit} fit for {lower_first(seeds_area)}) sits at "
        f"{level} in {year} (probability {percent(probability)}), {seeds_agreement(level, seeds_level)}; {trend}."
    )


def unmeasured_areas_sentence(level_id: str, unmeasured: Sequence[str], total: int) -> str:
    """Which of the level's areas no evidence area informs, as a sentence."""
    if not unmeasured:
        return f"Every {level_id} area is measured by an evidence area."
    names = names_list([lower_first(name) for name in unmeasured])
    if len(unmeasured) == total:
        return f"No evidence area of the atlas measures any of the {total} {level_id} areas ({names})."
    return f"No evidence area of the atlas measures {names}."


def layer_sentence(layer_name: str, verdict: str, evidence: Sequence[tuple[str, str]], seeds_status: str) -> str:
    """The layer's verdict on the evidence (area names with their fit) beside the status the seeds give it."""
    layer = lower_first(layer_name)
    if not evidence:
        return (
            f"No evidence area of the atlas informs {layer}, so it has no measured verdict; "
            f"the seeds call it {seeds_status}."
        )
    areas = names_list([f"{lower_first(name)} (a {fit} fit)" for name, fit in evidence])
    if verdict == NOT_MEASURABLE:
        return (
            f"{SOURCE_WORDS}, {layer} is not measurable yet: its evidence, {areas}, has too few measured full "
            f"years for a trend; "
            f"the seeds call it {seeds_status}."
        )
    return (
        f"{SOURCE_WORDS}, the atlas finds {layer} {VERDICT_WORDS[verdict]}, on the evidence of {areas}, "
        f"where the seeds call it {seeds_status}."
    )
