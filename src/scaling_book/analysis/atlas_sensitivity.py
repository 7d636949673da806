"""How many measured area-years of the atlas change level under each alternative reading of the placement rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from scaling_book.analysis.atlas_levels import placement_rules, scenario_splits
from scaling_book.analysis.atlas_observe import ALL, Group, observation_groups
from scaling_book.analysis.placement import PlacementRules, place


@dataclass(frozen=True)
class Reading:
    """One alternative reading: a rule of the partition set to another value."""

    reading_id: str
    name_en: str
    parameter: str
    value: float | int | bool


# The open choices of issue 13 (the seeds fix none of the floor, the band of three and the test order;
# the winner share and L1 ceiling are the seeds' numbers, varied to show how much hangs on them).
READINGS: tuple[Reading, ...] = (
    Reading("floor_1", "Real-option floor 1%", "real_option_min_share", 0.01),
    Reading("floor_10", "Real-option floor 10%", "real_option_min_share", 0.10),
    Reading("winner_80", "Winner share 80%", "winner_share", 0.80),
    Reading("winner_95", "Winner share 95%", "winner_share", 0.95),
    Reading("l1_ceiling_40", "L1 ceiling 40%", "fragmented_below", 0.40),
    Reading("l1_ceiling_60", "L1 ceiling 60%", "fragmented_below", 0.60),
    Reading("contested_2", "At most 2 contested options", "max_contested", 2),
    Reading("contested_4", "At most 4 contested options", "max_contested", 4),
    Reading("split_last", "Scenario split tested last", "scenario_split_first", False),
)


def measured(groups: Sequence[Group]) -> list[tuple[int, Group]]:
    """The measured area-years: groups of scenario 'all' with enough models (position in ``groups`` kept)."""
    return [(index, group) for index, group in enumerate(groups) if group.scenario == ALL and group.measurable]


def placement_sensitivity(
    groups: Sequence[Group] | None = None,
    rules: PlacementRules | None = None,
    readings: Sequence[Reading] = READINGS,
) -> pd.DataFrame:
    """Per reading: the rule varied, its baseline and new value, and how many measured area-years change level."""
    groups = observation_groups() if groups is None else groups
    rules = placement_rules() if rules is None else rules
    splits = scenario_splits(groups)
    chosen = measured(groups)
    baseline = {index: place(group.shares, rules, splits.get(index, False)) for index, group in chosen}
    rows = []
    for reading in readings:
        varied = rules.varied(**{reading.parameter: reading.value})
        changed = [
            f"{group.area_id}:{group.year}:{group.origin}"
            for index, group in chosen
            if place(group.shares, varied, splits.get(index, False)) != baseline[index]
        ]
        rows.append(
            {
                "reading_id": reading.reading_id,
                "name_en": reading.name_en,
                "parameter": reading.parameter,
                "baseline": getattr(rules, reading.parameter),
                "value": reading.value,
                "area_years": len(chosen),
                "changed": len(changed),
                "changed_share": len(changed) / len(chosen) if chosen else float("nan"),
                "changed_area_years": ";".join(changed),
            }
        )
    return pd.DataFrame(rows)
