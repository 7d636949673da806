"""The level classifier (L4–L0) and how stable its result is when the stated shares are uncertain.

The seeds' criteria are rows of ``data/framework/level_thresholds.csv``: a level holds when
every one of its rows holds. The choices the seeds leave open (which options count as real
rivals, what counts as a winner, the order the levels are tested in, the size of the share
error) are settings in ``book.yml`` under ``analysis.classifier`` and ``analysis.uncertainty``.

A criterion whose measure is unknown (no shares, or no per-scenario shares) is neither met
nor failed: the classifier then reports the levels that remain possible instead of a level.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from scaling_book.analysis import measures as metrics
from scaling_book.inputs.settings import setting
from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import LEVEL_IDS
from scaling_book.views.text import bilingual
from scaling_book.views.text import percent

ALL_SCENARIOS = "all"  # scenario id of a share that the seed does not split by scenario
NONE = "none"  # no level's criteria hold
UNDETERMINED = "undetermined"  # an unknown criterion keeps the result open
OUTCOMES = (*LEVEL_IDS, NONE, UNDETERMINED)
NOT_COMPUTABLE = "not computable from the seeds' data"


def _isclose(observed: np.ndarray, value: float | np.ndarray) -> np.ndarray:
    """``math.isclose(observed, value, abs_tol=TOLERANCE)`` element-wise (its relative tolerance included)."""
    scale = 1e-9 * np.maximum(np.abs(observed), np.abs(value))
    return np.abs(observed - value) <= np.maximum(scale, metrics.TOLERANCE)


# Each operator applies to two numbers or element-wise to arrays (the resampled measures).
OPERATORS = {
    "==": _isclose,
    "=": _isclose,
    "<": lambda observed, value: observed < value - metrics.TOLERANCE,
    "<=": lambda observed, value: observed <= value + metrics.TOLERANCE,
    ">": lambda observed, value: observed > value + metrics.TOLERANCE,
    ">=": lambda observed, value: observed >= value - metrics.TOLERANCE,
}
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def holds(observed: float, operator: str, value: float) -> bool:
    """``observed operator value`` with a float tolerance at the boundary."""
    if operator not in OPERATORS:
        raise ValueError(f"the classifier cannot apply operator {operator!r}")
    return bool(OPERATORS[operator](float(observed), float(value)))


def options_needed(ceiling: float, operator: str) -> int:
    """Fewest options whose largest share can satisfy 'leader share operator ceiling' (shares adding to 1):
    with k options the leader holds at least 1/k."""
    k = 1
    while not holds(1.0 / k, operator, ceiling):
        k += 1
    return k


MEASURE_WORDS = {
    "leader_share": "leader share",
    "option_count": "real options",
    "effective_alternatives": "real alternatives to the leader",
    "winner_varies_by_scenario": "winner differs by scenario (1 = yes)",
}


@dataclass(frozen=True)
class Criterion:
    """One quantitative criterion of a level: ``measure operator value``."""

    criterion_id: str
    level_id: str
    measure: str
    operator: str
    value: float
    quote_zh: str

    def holds(self, observed: float | None) -> bool | None:
        """True or False, or None when the measure is unknown."""
        return None if observed is None else holds(observed, self.operator, self.value)

    def describe(self) -> str:
        """'leader share < 30%' in words, with shares as percentages."""
        shown = percent(self.value) if self.measure == "leader_share" else f"{self.value:g}"
        return f"{MEASURE_WORDS[self.measure]} {self.operator} {shown}"


@dataclass(frozen=True)
class Rules:
    """The seeds' criteria by level and the book's choices for applying them."""

    criteria: dict[str, tuple[Criterion, ...]]
    test_order: tuple[str, ...]
    real_option_min_share: float


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


def load_rules() -> Rules:
    """Criteria from level_thresholds.csv plus L2's 'no winner', ordered and parameterised by book.yml."""
    config = setting("classifier")
    thresholds = load_table("level_thresholds")
    by_id = thresholds.set_index("threshold_id")
    winner_id = config["winner_threshold"]
    if winner_id not in by_id.index:
        raise KeyError(f"book.yml analysis.classifier.winner_threshold: no row {winner_id!r} in level_thresholds.csv")
    winner = by_id.loc[winner_id]
    if winner["measure"] != "leader_share" or winner["operator"] not in NEGATED:
        raise ValueError(f"the winner threshold {winner_id!r} must bound the leader share from below")
    criteria: dict[str, list[Criterion]] = {level: [] for level in LEVEL_IDS}
    for row in thresholds.itertuples():
        criteria[row.level_id].append(Criterion(row.threshold_id, row.level_id, row.measure, row.operator,
                                                float(row.value), row.quote_zh))
    # L2's 未分胜负: no option has reached the winner threshold.
    criteria["L2"].append(Criterion("L2.no_winner", "L2", "leader_share", NEGATED[winner["operator"]],
                                    float(winner["value"]), "未分胜负"))
    order = tuple(config["test_order"])
    if sorted(order) != sorted(LEVEL_IDS):
        raise ValueError(f"book.yml analysis.classifier.test_order must list each of {LEVEL_IDS} once, got {order}")
    minimum = float(config["real_option_min_share"])
    if not 0 <= minimum < 1:
        raise ValueError(f"book.yml analysis.classifier.real_option_min_share must be in [0, 1), got {minimum}")
    return Rules({level: tuple(items) for level, items in criteria.items()}, order, minimum)


def criteria_table(rules: Rules) -> pd.DataFrame:
    """Every criterion in test order: level, the seeds' wording, the test, and where it comes from."""
    sources = load_table("level_thresholds").set_index("threshold_id")["source"]
    rows = [{"order": position, "level": level, "criterion": criterion.criterion_id,
             "seed_wording": criterion.quote_zh, "test": criterion.describe(),
             "source": sources.get(criterion.criterion_id, "book.yml analysis.classifier.winner_threshold")}
            for position, level in enumerate(rules.test_order, start=1) for criterion in rules.criteria[level]]
    return pd.DataFrame(rows)


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


LEADER_SHARE_MIN = "leader_share_min"  # lower bound of the leader share (the share itself when known)


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


def criteria_report(level: str, observed: dict[str, float | None], rules: Rules) -> str:
    """Each criterion of ``level`` with the observed value and whether it holds, as one line of text."""
    parts = []
    for criterion in rules.criteria[level]:
        value = observed[criterion.measure]
        result = criterion_result(criterion, observed)
        bound = observed.get(LEADER_SHARE_MIN)
        if value is None and criterion.measure == "leader_share" and bound is not None:
            shown = f"unknown, at least {percent(bound)} with {observed['option_count']:g} named options"
        elif value is None:
            shown = "unknown"
        elif criterion.measure == "leader_share":
            shown = percent(value)
        else:
            shown = f"{value:g}"
        verdict = {True: "met", False: "failed", None: "not testable"}[result]
        parts.append(f"{criterion.describe()}: observed {shown}, {verdict}")
    return "; ".join(parts)


# --- uncertainty ------------------------------------------------------------------------------

def dirichlet_concentration(share_sd: float) -> float:
    """Concentration κ of a Dirichlet whose 50% component has standard deviation ``share_sd``."""
    if not 0 < share_sd < 0.5:
        raise ValueError(f"the share standard deviation must lie in (0, 0.5), got {share_sd}")
    return 0.25 / share_sd**2 - 1.0


def draw_groups(area: AreaShares, share_sd: float, resamples: int,
                rng: np.random.Generator) -> dict[str, tuple[list[str], np.ndarray]]:
    """Redrawn splits by scenario: (options, array resamples × options), each row ~ Dirichlet(κ·p).

    Options at zero stay at zero; scenarios are drawn in sorted order so a seed gives the same draws.
    """
    if resamples < 1:
        raise ValueError(f"the number of resamples must be positive, got {resamples}")
    kappa = dirichlet_concentration(share_sd)
    drawn: dict[str, tuple[list[str], np.ndarray]] = {}
    for scenario, group in sorted(area.groups.items()):
        options = sorted(group)
        split = metrics.normalised([group[option] for option in options])
        draws = np.zeros((resamples, len(options)))
        positive = split > 0
        draws[:, positive] = (rng.dirichlet(kappa * split[positive], size=resamples)
                              if positive.sum() > 1 else 1.0)
        drawn[scenario] = (options, draws)
    return drawn


def resample_groups(area: AreaShares, share_sd: float, resamples: int,
                    rng: np.random.Generator) -> list[dict[str, dict[str, float]]]:
    """The draws of :func:`draw_groups` as one share group per resample (scenario -> option -> share)."""
    drawn = draw_groups(area, share_sd, resamples, rng)
    return [{scenario: dict(zip(options, draws[index].tolist())) for scenario, (options, draws) in drawn.items()}
            for index in range(resamples)]


def _aligned(options: list[str], draws: np.ndarray, union: list[str]) -> np.ndarray:
    """Draws normalised per row (as :func:`_split` does) and placed in the columns of ``union``."""
    result = np.zeros((draws.shape[0], len(union)))
    result[:, [union.index(option) for option in options]] = draws / draws.sum(axis=1, keepdims=True)
    return result


def observe_draws(drawn: dict[str, tuple[list[str], np.ndarray]],
                  rules: Rules) -> dict[str, np.ndarray | None]:
    """:func:`observe` for every resample at once: each measure as an array over the resamples."""
    union = sorted({option for options, _ in drawn.values() for option in options})
    splits = {scenario: _aligned(options, draws, union) for scenario, (options, draws) in drawn.items()}
    if ALL_SCENARIOS in splits:
        split = splits[ALL_SCENARIOS]
    else:
        split = np.mean(np.stack([splits[scenario] for scenario in sorted(splits)]), axis=0)
    real = (split >= rules.real_option_min_share - metrics.TOLERANCE).sum(axis=1)
    scenarios = [splits[scenario] for scenario in sorted(splits) if scenario != ALL_SCENARIOS]
    varies: np.ndarray | None = None
    if len(scenarios) >= 2:
        # A scenario's leaders are the options within tolerance of its largest share (ties kept);
        # the winner varies when no option leads in every scenario.
        common = np.logical_and.reduce([_isclose(values, values.max(axis=1, keepdims=True))
                                        for values in scenarios])
        varies = np.where(common.any(axis=1), 0.0, 1.0)
    return {"leader_share": split.max(axis=1), "option_count": real.astype(float),
            "effective_alternatives": np.maximum(real - 1, 0).astype(float), "winner_varies_by_scenario": varies}


def classify_draws(observed: dict[str, np.ndarray | None], rules: Rules, resamples: int) -> np.ndarray:
    """:func:`classify` for every resample at once: the outcome of each resample as an array of names."""
    outcome = np.full(resamples, "", dtype=object)
    possible = np.zeros(resamples, dtype=int)
    for level in rules.test_order:
        failed = np.zeros(resamples, dtype=bool)
        known = np.ones(resamples, dtype=bool)  # every criterion of the level is known and holds
        for criterion in rules.criteria[level]:
            values = observed[criterion.measure]
            if values is None:
                known[:] = False
                continue
            held = OPERATORS[criterion.operator](values, criterion.value)
            failed |= ~held
            known &= held
        open_ = (outcome == "") & ~failed
        possible += open_
        decided = open_ & known
        outcome[decided] = np.where(possible[decided] == 1, level, UNDETERMINED)
    undecided = outcome == ""
    outcome[undecided] = np.where(possible[undecided] == 0, NONE, UNDETERMINED)
    return outcome


def area_rng(seed: int, area_id: str) -> np.random.Generator:
    """A generator that depends only on the seed and the area, not on which other areas are assessed."""
    return np.random.default_rng([int(seed), zlib.crc32(area_id.encode("utf-8"))])


def outcome_probabilities(area: AreaShares, rules: Rules, share_sd: float, resamples: int,
                          seed: int) -> dict[str, float]:
    """Share of resamples that classify as each outcome (every level, 'none', 'undetermined')."""
    drawn = draw_groups(area, share_sd, resamples, area_rng(seed, area.area_id))
    counts = Counter(classify_draws(observe_draws(drawn, rules), rules, resamples).tolist())
    return {outcome: counts[outcome] / resamples for outcome in OUTCOMES}


# --- the framework's areas --------------------------------------------------------------------

def framework_areas() -> list[AreaShares]:
    """Every area of areas.csv (matrix order) with its named options and its adoption shares."""
    areas = load_table("areas").sort_values("order")
    options = load_table("options")
    shares = load_table("adoption_shares")
    metrics.group_measures(shares)  # one year per group, valid shares: fail loudly before anything else
    named = options.groupby("area_id")["option_id"].agg(lambda ids: tuple(sorted(ids))).to_dict()
    groups: dict[str, dict[str, dict[str, float]]] = {}
    for row in shares.itertuples():
        groups.setdefault(row.area_id, {}).setdefault(row.scenario, {})[row.option_id] = float(row.share)
    return [AreaShares(area_id, named.get(area_id, ()), groups.get(area_id, {})) for area_id in areas["area_id"]]


def areas_with_scenario_shares() -> list[str]:
    """Areas whose shares are split by scenario, the only data that can show a scenario split (L0)."""
    return [area.area_id for area in framework_areas() if set(area.groups) - {ALL_SCENARIOS}]


def uncertainty_settings() -> dict[str, Any]:
    """The ``analysis.uncertainty`` settings of book.yml, checked."""
    config = dict(setting("uncertainty"))
    dirichlet_concentration(float(config["share_sd"]))
    if not 0 < float(config["stable_probability"]) <= 1:
        raise ValueError("book.yml analysis.uncertainty.stable_probability must lie in (0, 1]")
    return config


def claimed_level_verdict(claimed: str, classification: Classification, has_shares: bool) -> str:
    """consistent / inconsistent / needs evidence: the seed's level against its own criteria."""
    if classification.statuses[claimed] is False:
        return "inconsistent"
    if has_shares and classification.outcome in LEVEL_IDS:
        return "consistent" if classification.outcome == claimed else "inconsistent"
    return "needs evidence"


def assess_areas(level_id: str | None = None) -> pd.DataFrame:
    """One row per area (of ``level_id``, or all): the seed's level and degree beside the computed ones.

    Columns: area_id, area, claimed_level, claimed_degree, basis, named_options, coverage, the
    measures of :mod:`metrics`, computed_level, possible_levels, leader_share_min, p_<outcome> for every outcome,
    level_probability, fragile, claimed_level_verdict and criteria (the claimed level's test).
    Measures and probabilities are NaN where the seeds give no shares.
    """
    if level_id is not None and level_id not in LEVEL_IDS:
        raise ValueError(f"unknown level {level_id!r}; expected one of {LEVEL_IDS}")
    rules = load_rules()
    uncertainty = uncertainty_settings()
    areas = load_table("areas").set_index("area_id")
    claimed_degrees = load_table("levels").set_index("level_id")["claimed_degree"]
    rows = []
    for area in framework_areas():
        info = areas.loc[area.area_id]
        if level_id is not None and info["level_id"] != level_id:
            continue
        observed = observe(area, rules)
        classification = classify(observed, rules)
        row: dict[str, Any] = {
            "area_id": area.area_id, "area": bilingual(info["name_en"], info["name_zh"]),
            "claimed_level": info["level_id"], "claimed_degree": float(claimed_degrees[info["level_id"]]),
            "basis": "adoption shares" if area.has_shares else "named options only",
            "named_options": len(area.named_options),
        }
        if area.has_shares:
            split = area_split(area)
            row.update({"coverage": area_coverage(area),
                        **{name: function(list(split.values())) for name, function in metrics.MEASURES.items()}})
            probabilities = outcome_probabilities(area, rules, float(uncertainty["share_sd"]),
                                                  int(uncertainty["resamples"]), int(uncertainty["seed"]))
            level_probability = probabilities[classification.outcome]
            fragile: object = level_probability < float(uncertainty["stable_probability"])
            computed_level = classification.outcome
        else:
            row.update({"coverage": math.nan, **{name: math.nan for name in metrics.MEASURES}})
            probabilities = {outcome: math.nan for outcome in OUTCOMES}
            level_probability, fragile, computed_level = math.nan, pd.NA, NOT_COMPUTABLE
        row["computed_degree"] = row.pop("convergence_degree")
        row.update({
            "computed_level": computed_level,
            "possible_levels": ", ".join(classification.possible) or NONE,
            "leader_share_min": math.nan if observed[LEADER_SHARE_MIN] is None else observed[LEADER_SHARE_MIN],
            **{f"p_{outcome}": probabilities[outcome] for outcome in OUTCOMES},
            "level_probability": level_probability, "fragile": fragile,
            "claimed_level_verdict": claimed_level_verdict(info["level_id"], classification, area.has_shares),
            "criteria": criteria_report(info["level_id"], observed, rules),
        })
        rows.append(row)
    if not rows:
        raise ValueError(f"no technology area is placed at level {level_id!r} in areas.csv")
    frame = pd.DataFrame(rows)
    frame["fragile"] = frame["fragile"].astype("boolean")
    return frame


def with_operator(rules: Rules, criterion_id: str, operator: str) -> Rules:
    """The same rules with one criterion read with another operator (e.g. L1's '>3' as '≥3')."""
    if operator not in OPERATORS:
        raise ValueError(f"the classifier cannot apply operator {operator!r}")
    known = {c.criterion_id for items in rules.criteria.values() for c in items}
    if criterion_id not in known:
        raise KeyError(f"no criterion {criterion_id!r}; expected one of {sorted(known)}")
    criteria = {level: tuple(replace(c, operator=operator) if c.criterion_id == criterion_id else c for c in items)
                for level, items in rules.criteria.items()}
    return replace(rules, criteria=criteria)


def reading_sensitivity(criterion_id: str, operator: str, examples: dict[str, dict[str, float]]) -> pd.DataFrame:
    """Areas (and example splits) whose result changes when ``criterion_id`` is read with ``operator``.

    One row each: the result and the levels still possible under the seeds' reading and under the other.
    """
    rules = load_rules()
    other = with_operator(rules, criterion_id, operator)
    areas = load_table("areas").set_index("area_id")
    cases = [(bilingual(areas.loc[area.area_id, "name_en"], areas.loc[area.area_id, "name_zh"]), area)
             for area in framework_areas()]
    cases += [(name, AreaShares(name, tuple(sorted(split)), {ALL_SCENARIOS: split})) for name, split in examples.items()]
    rows = []
    for name, area in cases:
        seeds, alternative = (classify(observe(area, r), r) for r in (rules, other))
        if (seeds.outcome, seeds.possible) != (alternative.outcome, alternative.possible):
            rows.append({"case": name, "seeds_reading": seeds.outcome, "seeds_possible": ", ".join(seeds.possible) or NONE,
                         "other_reading": alternative.outcome,
                         "other_possible": ", ".join(alternative.possible) or NONE})
    return pd.DataFrame(rows, columns=["case", "seeds_reading", "seeds_possible", "other_reading", "other_possible"])


def sensitivity(assessed: pd.DataFrame) -> pd.DataFrame:
    """For each area with shares, the probability of its computed level at each share error of book.yml."""
    rules = load_rules()
    uncertainty = uncertainty_settings()
    areas = {area.area_id: area for area in framework_areas()}
    rows = []
    for row in assessed[assessed["basis"] == "adoption shares"].itertuples():
        for share_sd in uncertainty["sensitivity_sds"]:
            probabilities = outcome_probabilities(areas[row.area_id], rules, float(share_sd),
                                                  int(uncertainty["resamples"]), int(uncertainty["seed"]))
            rows.append({"area": row.area, "share_sd": float(share_sd), "level": row.computed_level,
                         "probability": probabilities[row.computed_level]})
    if not rows:
        raise ValueError("none of these areas has adoption shares, so there is nothing to resample")
    return pd.DataFrame(rows)


def level_probabilities(assessed: pd.DataFrame) -> pd.DataFrame:
    """Tidy (area, outcome, probability) rows of the areas that have shares, for a chart."""
    computable = assessed[assessed["basis"] == "adoption shares"]
    if computable.empty:
        raise ValueError("none of these areas has adoption shares, so no level probabilities exist; "
                         "show the assessment table instead")
    rows = [{"area": row.area, "outcome": outcome, "probability": getattr(row, f"p_{outcome}"),
             "computed_level": row.computed_level, "claimed_level": row.claimed_level}
            for row in computable.itertuples() for outcome in OUTCOMES]
    return pd.DataFrame(rows)


def assessment_table(assessed: pd.DataFrame) -> pd.DataFrame:
    """The assessment formatted for ``show_table``: percentages, and plain words where nothing is computable."""
    def shown(value: float) -> str:
        return NOT_COMPUTABLE if pd.isna(value) else percent(value)

    def leader(value: float, bound: float) -> str:
        if pd.isna(value) and not pd.isna(bound):
            return f"unknown; at least {percent(bound)} of the named options"
        return shown(value)

    return pd.DataFrame({
        "Area": assessed["area"],
        "Seed's level": assessed["claimed_level"],
        "Seed's degree": [percent(value) for value in assessed["claimed_degree"]],
        "Leader share": [leader(value, bound) for value, bound in zip(assessed["leader_share"], assessed["leader_share_min"])],
        "Computed degree": [shown(value) for value in assessed["computed_degree"]],
        "Computed level": assessed["computed_level"],
        "Levels still possible": assessed["possible_levels"],
        "P(computed level)": [shown(value) for value in assessed["level_probability"]],
        "Stability": ["–" if pd.isna(value) else ("fragile" if value else "stable") for value in assessed["fragile"]],
        "Seed's level by its own criteria": assessed["claimed_level_verdict"],
    })
