"""What the data says about one area, and the level it gets: the measures the criteria use and the classification.

A criterion whose measure is unknown (no shares, or no per-scenario shares) is neither met nor
failed: the classifier then reports the levels that remain possible instead of a level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scaling_book.analysis import measures as metrics
from scaling_book.analysis.classifier_rules import NONE, UNDETERMINED, Criterion, Rules, holds

ALL_SCENARIOS = "all"  # scenario id of a share that the seed does not split by scenario
LEADER_SHARE_MIN = "leader_share_min"  # lower bound of the leader share (the share itself when known)


@dataclass(frozen=True)
class AreaShares:
    """What the data says about one area: its named options and its shares by scenario."""

    area_id: str
    named_options: tuple[str, ...]
    groups: dict[str, dict[str, float]]  # scenario -> option -> share

    @property
    def has_shares(self) -> bool:
        return bool(self.groups)


@dataclass(frozen=True)
class Classification:
    """The result (a level, 'none' or 'undetermined'), the levels still possible, and each level's status."""

    outcome: str
    possible: tuple[str, ...]
    statuses: dict[str, bool | None]


def area_split(area: AreaShares) -> dict[str, float]:
    """The area's split across all scenarios: the 'all' group if given, else the mean of the scenario splits."""
    if not area.has_shares:
        raise ValueError(f"area {area.area_id!r} has no adoption shares")
    if ALL_SCENARIOS in area.groups:
        return _split(area.groups[ALL_SCENARIOS])
    splits = [_split(group) for group in area.groups.values()]
    options = sorted({option for split in splits for option in split})
    return {option: float(np.mean([split.get(option, 0.0) for split in splits])) for option in options}


def area_coverage(area: AreaShares) -> float:
    """Coverage of the groups behind :func:`area_split` (the 'all' group, else the mean over scenarios)."""
    groups = [area.groups[ALL_SCENARIOS]] if ALL_SCENARIOS in area.groups else list(area.groups.values())
    return float(np.mean([metrics.coverage(group.values()) for group in groups]))


def _split(group: dict[str, float]) -> dict[str, float]:
    """One share group normalised to a split that adds up to one."""
    options = sorted(group)
    return dict(zip(options, metrics.normalised([group[option] for option in options]).tolist()))


def _leaders(split: dict[str, float]) -> frozenset[str]:
    """The option(s) with the largest share (ties kept)."""
    top = max(split.values())
    return frozenset(option for option, share in split.items() if math.isclose(share, top, abs_tol=metrics.TOLERANCE))


def observe(area: AreaShares, rules: Rules) -> dict[str, float | None]:
    """The measures the criteria use; without shares only a count of named rivals can be known."""
    if not area.has_shares:
        return observe_named(len(area.named_options))
    split = area_split(area)
    real = [share for share in split.values() if share >= rules.real_option_min_share - metrics.TOLERANCE]
    leader = max(split.values())
    scenario_leaders = [_leaders(_split(group)) for scenario, group in sorted(area.groups.items())
                        if scenario != ALL_SCENARIOS]
    varies: float | None = None
    if len(scenario_leaders) >= 2:
        varies = 0.0 if frozenset.intersection(*scenario_leaders) else 1.0
    # When any option is real, the leader is one of them; the others are its real alternatives.
    return {"leader_share": leader, "option_count": len(real), "effective_alternatives": max(len(real) - 1, 0),
            "winner_varies_by_scenario": varies, LEADER_SHARE_MIN: leader}



def observe_named(named: int) -> dict[str, float | None]:
    """What a count of named rivals alone gives: the option count, and a leader share of at least 1/n.

    Rivals the seeds name ("X vs Y vs Z") are their own count of options; a single named
    technology says nothing about its rivals, so it gives nothing.
    """
    listed = named >= 2
    return {"leader_share": None, "option_count": named if listed else None,
            "effective_alternatives": named - 1 if listed else None, "winner_varies_by_scenario": None,
            LEADER_SHARE_MIN: 1.0 / named if listed else None}


def criterion_result(criterion: Criterion, observed: dict[str, float | None]) -> bool | None:
    """The criterion's result; an unknown leader share still fails a ceiling below its lower bound 1/n."""
    value = observed[criterion.measure]
    bound = observed.get(LEADER_SHARE_MIN)
    if (value is None and criterion.measure == "leader_share" and bound is not None
            and criterion.operator in ("<", "<=") and not holds(bound, criterion.operator, criterion.value)):
        return False
    return criterion.holds(value)


def level_status(criteria: tuple[Criterion, ...], observed: dict[str, float | None]) -> bool | None:
    """True when every criterion holds, False when one fails, None when the rest are unknown."""
    results = [criterion_result(criterion, observed) for criterion in criteria]
    if any(result is False for result in results):
        return False
    return True if all(result is True for result in results) else None


def classify(observed: dict[str, float | None], rules: Rules) -> Classification:
    """First level in the test order whose criteria all hold, unless an earlier level is still possible."""
    statuses = {level: level_status(rules.criteria[level], observed) for level in rules.test_order}
    possible: list[str] = []
    for level in rules.test_order:
        status = statuses[level]
        if status is False:
            continue
        possible.append(level)
        if status is True:
            return Classification(level if len(possible) == 1 else UNDETERMINED, tuple(possible), statuses)
    return Classification(NONE if not possible else UNDETERMINED, tuple(possible), statuses)
