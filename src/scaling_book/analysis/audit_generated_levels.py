"""Generated checks of the seeds' figures against the criteria of the level they belong to.

Every stated adoption share against every leader-share criterion of its area's level; every stated
convergence degree against its own level's criteria under each reading of 收敛度 in
``audit_degree_readings.csv``; every area's count of named rivals against the count and share criteria of
its level. None is picked: the pairs come from the tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from scaling_book.analysis import classifier
from scaling_book.analysis import measures as metrics
from scaling_book.analysis.audit_base import CONSISTENT, INCONSISTENT, Context, Finding, compare
from scaling_book.inputs.load import load_table

CEILINGS = ("<", "<=")
FLOORS = (">", ">=")
STEP = 0.005  # the grid of leader shares over which a level's allowed splits are searched
EPSILON = 1e-9


def _share_claims(context: Context) -> dict[str, str]:
    """The claim that states each adoption-share cell ('area/option/scenario' -> claim_id)."""
    refs = context.claims["ref"].dropna()
    cells = refs[refs.str.startswith("adoption_shares:")]
    return {ref.split(":")[1]: str(claim_id) for claim_id, ref in cells.items()}


def share_threshold_findings(context: Context, shares: pd.DataFrame | None = None) -> list[Finding]:
    """Each stated share against each leader-share criterion of the level the seeds place its area in.

    A ceiling binds every option's share (the leader holds the largest); a floor binds only the group's largest.
    """
    shares = load_table("adoption_shares") if shares is None else shares
    levels = context.areas.set_index("area_id")["level_id"]
    stating = _share_claims(context)
    findings = []
    for row in shares.itertuples():
        level_id = str(levels[row.area_id])
        group = shares[(shares.area_id == row.area_id) & (shares.scenario == row.scenario)]
        largest = abs(float(row.share) - float(group.share.max())) <= EPSILON
        for criterion in context.rules.criteria[level_id]:
            if criterion.measure != "leader_share" or (criterion.operator in FLOORS and not largest):
                continue
            holds = compare(float(row.share), criterion.operator, criterion.value)
            cell = f"{row.area_id}/{row.option_id}/{row.scenario}"
            claim_id = stating.get(cell)
            claim = context.claim(claim_id) if claim_id else None
            facts: dict[str, Any] = {
                "statement_en": f"{row.option_id} holds {float(row.share):g} of {row.area_id}, an area at {level_id}",
                "quote_zh": f"{claim['quote_zh']} / {criterion.quote_zh}" if claim is not None else criterion.quote_zh,
                "area_id": row.area_id,
                "option_id": row.option_id,
                "scenario": row.scenario,
                "share": float(row.share),
                "level_id": level_id,
                "criterion_id": criterion.criterion_id,
                "operator": criterion.operator,
                "target": criterion.value,
                "largest": largest,
                "holds": holds,
                "claim_id": claim_id,
            }
            findings.append(
                Finding(
                    f"generated.share.{row.area_id}.{row.option_id}.{row.scenario}.{criterion.criterion_id}",
                    "internal",
                    "share_threshold",
                    row.source,
                    CONSISTENT if holds else INCONSISTENT,
                    facts,
                )
            )
    return findings


def candidate_splits(floor: float) -> Iterator[tuple[float, ...]]:
    """Splits whose options are all real (each at least ``floor``): one option, or a leader on a grid with its
    rivals either even (least concentrated) or as large as the leader allows (most concentrated)."""
    yield (1.0,)
    for n in range(2, int(1 / floor + EPSILON) + 1):
        for step in range(int(round(1 / STEP)) + 1):
            leader = step * STEP
            rest = 1 - leader
            if leader < 1 / n - EPSILON or rest < (n - 1) * floor - EPSILON:
                continue
            yield (leader, *[rest / (n - 1)] * (n - 1))
            rivals, remaining = [], rest
            for slot in range(n - 1):
                take = min(leader, remaining - (n - 2 - slot) * floor)
                rivals.append(take)
                remaining -= take
            if remaining <= EPSILON and min(rivals) >= floor - EPSILON:
                yield (leader, *rivals)


def allowed_ranges(rules: classifier.Rules, measures: list[str]) -> dict[str, dict[str, tuple[float, float]]]:
    """For each level, the lowest and highest value of each measure over the splits its criteria do not rule out."""
    found: dict[str, dict[str, list[float]]] = {level: {m: [] for m in measures} for level in rules.criteria}
    for split in candidate_splits(rules.real_option_min_share):
        options = tuple(f"o{i}" for i in range(len(split)))
        area = classifier.AreaShares("split", options, {classifier.ALL_SCENARIOS: dict(zip(options, split))})
        observed = classifier.observe(area, rules)
        values = {m: metrics.MEASURES[m](split) for m in measures}
        for level, criteria in rules.criteria.items():
            if classifier.level_status(criteria, observed) is not False:
                for m in measures:
                    found[level][m].append(values[m])
    return {level: {m: (min(v), max(v)) for m, v in by_measure.items() if v} for level, by_measure in found.items()}


def degree_reading_findings(context: Context, readings: pd.DataFrame | None = None) -> list[Finding]:
    """Each stated convergence degree against its own level's criteria, under each reading of 收敛度."""
    readings = load_table("audit_degree_readings") if readings is None else readings
    ranges = allowed_ranges(context.rules, sorted(set(readings["measure"])))
    refs = context.claims["ref"].dropna()
    degrees = refs[refs.str.startswith("levels:") & refs.str.endswith(":claimed_degree")]
    tolerance = context.degree_tolerance
    findings = []
    for claim_id, ref in degrees.items():
        claim, level_id = context.claim(str(claim_id)), ref.split(":")[1]
        criteria = context.rules.criteria[level_id]
        for reading in readings.itertuples():
            low, high = ranges[level_id][reading.measure]
            stated = float(claim["value"])
            inside = low - tolerance - EPSILON <= stated <= high + tolerance + EPSILON
            facts: dict[str, Any] = {
                "statement_en": f"{claim['statement_en']}, read as the {reading.name_en}",
                "quote_zh": f"{claim['quote_zh']} / " + "，".join(c.quote_zh for c in criteria),
                "claim_id": claim_id,
                "level_id": level_id,
                "reading": reading.name_en,
                "stated": stated,
                "low": low,
                "high": high,
                "tolerance": tolerance,
                "criteria": [(c.criterion_id, c.operator, c.value) for c in criteria],
                "inside": inside,
            }
            findings.append(
                Finding(
                    f"generated.degree.{claim_id}.{reading.reading_id}",
                    "internal",
                    "degree_reading",
                    claim["source"],
                    CONSISTENT if inside else INCONSISTENT,
                    facts,
                )
            )
    return findings


def named_option_findings(context: Context, options: pd.DataFrame | None = None) -> list[Finding]:
    """Each area's count of named rivals against its level's option-count criteria (a count against a count)
    and its leader-share ceilings (with n options the leader holds at least 1/n)."""
    options = load_table("options") if options is None else options
    named = options.groupby("area_id").size()
    findings = []
    for area in context.areas.sort_values("order").itertuples():
        count = int(named.get(area.area_id, 0))
        if count < 2:  # a single named technology says nothing of its rivals
            continue
        for criterion in context.rules.criteria[area.level_id]:
            if criterion.measure == "option_count":
                check, value = "count_criterion", float(count)
            elif criterion.measure == "leader_share" and criterion.operator in CEILINGS:
                check, value = "count_share", 1 / count
            else:
                continue
            holds = compare(value, criterion.operator, criterion.value)
            facts: dict[str, Any] = {
                "statement_en": f"{area.name_en} names {count} rivals and is placed at {area.level_id}",
                "quote_zh": f"{area.matrix_text_zh} / {criterion.quote_zh}",
                "area_id": area.area_id,
                "named": count,
                "value": value,
                "level_id": area.level_id,
                "criterion_id": criterion.criterion_id,
                "operator": criterion.operator,
                "target": criterion.value,
                "holds": holds,
            }
            findings.append(
                Finding(
                    f"generated.options.{area.area_id}.{criterion.criterion_id}",
                    "internal",
                    check,
                    area.source,
                    CONSISTENT if holds else INCONSISTENT,
                    facts,
                )
            )
    return findings
