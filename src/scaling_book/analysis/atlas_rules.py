"""The evidence atlas's coding rules: evidence areas and their options, read from data/editorial/atlas_*.csv.

Each area measures a share series from ``epoch_models``: a named population of models, a column read
by the options' rules (tried in order; ``other`` takes the rest; ``each`` makes every value in the
population an option of its own) and, optionally, a column splitting the area into scenarios and a column
weighting each model (e.g. by training compute). Multi-valued columns count a model 1/m for each of its m values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scaling_book.analysis.concentration import parent_companies
from scaling_book.inputs.load import load_table

LARGE_COMPUTE_FLOP = 1e23  # book's choice: a "large" language model (as in data/editorial/moe_labels.csv)
MULTI_VALUED = {"hardware_families": ";", "countries": ";"}  # columns of epoch_models that list several values
ALTERNATIVES = "|"  # separates the alternatives of a text rule's value
EACH = "each"  # the rule that makes every value of the field in the area's population an option of its own
PARENT_FIELD = "parent_organization"  # derived: lead_organization merged into its parent company
INFORMS_TABLES = {
    "area": ("areas", "area_id"),
    "layer": ("convergence_layers", "layer_id"),
    "force": ("forces", "force_id"),
    "pyramid": ("pyramid_layers", "layer_id"),
}


class CodingRuleError(ValueError):
    """A coding rule that cannot be applied, or a value no rule of an area takes."""


@dataclass(frozen=True)
class OptionRule:
    """One option of an area and the rule that assigns a value to it."""

    option_id: str
    name_en: str
    match: str
    value: str | None

    def takes(self, value: object) -> bool:
        """Whether this rule assigns ``value`` (one value of the area's field) to its option."""
        if self.match == "other":
            return True
        if self.match in ("flag_true", "flag_false"):
            return bool(value) is (self.match == "flag_true")
        if self.match in ("at_most", "above"):
            limit = float(self.value or "nan")
            return float(value) <= limit if self.match == "at_most" else float(value) > limit  # type: ignore[arg-type]
        text = str(value).casefold()
        candidates = [item.casefold() for item in str(self.value or "").split(ALTERNATIVES) if item]
        if self.match == "equals":
            return text in candidates
        if self.match == "prefix":
            return any(text.startswith(item) for item in candidates)
        if self.match == "contains":
            return any(item in text for item in candidates)
        raise CodingRuleError(f"unknown match {self.match!r} of option {self.option_id!r}")


@dataclass(frozen=True)
class AtlasArea:
    """One evidence area: its population, coding rule, minimum n and the framework item it informs."""

    area_id: str
    name_en: str
    population: str
    option_field: str
    scenario_field: str | None
    min_n: int
    options: tuple[str, ...]  # declared option set, in order (fixed across years)
    informs_kind: str
    informs_id: str
    fit: str
    fit_note: str
    rules: tuple[OptionRule, ...] = ()
    weight_field: str | None = None  # column of epoch_models weighting each model (None: each model counts once)

    def option_of(self, value: object) -> str:
        """The option the first matching rule assigns to one value of the field."""
        for rule in self.rules:
            if rule.takes(value):
                return rule.option_id
        raise CodingRuleError(
            f"atlas area {self.area_id!r}: no rule of data/editorial/atlas_options.csv takes the value {value!r} "
            f"of {self.option_field}; add a rule for it or an 'other' option"
        )


def _framework_ids(kind: str) -> set[str]:
    table, column = INFORMS_TABLES[kind]
    return set(load_table(table)[column])


def with_derived_fields(models: pd.DataFrame) -> pd.DataFrame:
    """``models`` (epoch_models rows) with the field the atlas derives: each model's lead organisation
    merged into its parent company (data/editorial/parent_companies.csv; names not listed stand for themselves)."""
    if PARENT_FIELD in models or "lead_organization" not in models:
        return models
    parent_of = parent_companies()
    parents = models["lead_organization"].map(lambda name: name if pd.isna(name) else parent_of.get(name, name))
    return models.assign(**{PARENT_FIELD: parents})


def option_id_of(value: str) -> str:
    """A stable option id for one value of a field (lower case, words joined by '_')."""
    slug = re.sub(r"[^0-9a-z]+", "_", value.casefold()).strip("_")
    return slug or "value_" + format(sum(map(ord, value)), "x")


def each_value_rules(models: pd.DataFrame, population: str, field: str) -> tuple[OptionRule, ...]:
    """One ``equals`` rule per distinct value of ``field`` in the population, in alphabetical order."""
    values = models.loc[population_mask(models, population), field].dropna().astype(str)
    rules = tuple(
        OptionRule(option_id_of(value), value, "equals", value) for value in sorted(set(values), key=str.casefold)
    )
    ids = [rule.option_id for rule in rules]
    clashes = sorted({option for option in ids if ids.count(option) > 1})
    if clashes or any(ALTERNATIVES in rule.name_en for rule in rules):
        raise CodingRuleError(
            f"the values of {field} give clashing option ids {clashes} or contain '{ALTERNATIVES}'; "
            "name the options in data/editorial/atlas_options.csv instead of using 'each'"
        )
    return rules


def atlas_areas(
    areas: pd.DataFrame | None = None, options: pd.DataFrame | None = None, models: pd.DataFrame | None = None
) -> list[AtlasArea]:
    """The evidence areas in order, with their declared options and rules (tables from data/ by default).

    ``models`` (epoch_models) is read only for an ``each`` rule, whose options are the values the data hold.
    """
    areas = load_table("atlas_areas") if areas is None else areas
    options = load_table("atlas_options") if options is None else options
    result = []
    for row in areas.sort_values("order").itertuples():
        mine = options[options["area_id"] == row.area_id].sort_values("order")
        if mine.empty:
            raise CodingRuleError(f"atlas area {row.area_id!r} has no options in data/editorial/atlas_options.csv")
        if row.informs_id not in _framework_ids(row.informs_kind):
            table, column = INFORMS_TABLES[row.informs_kind]
            raise CodingRuleError(
                f"atlas area {row.area_id!r} informs {row.informs_kind} {row.informs_id!r}, "
                f"which is not a {column} of data/framework/{table}.csv"
            )
        rules: tuple[OptionRule, ...] = ()
        for o in mine.itertuples():
            if o.match == EACH:
                if models is None:
                    models = load_table("epoch_models")
                rules += each_value_rules(with_derived_fields(models), row.population, row.option_field)
            else:
                rules += (OptionRule(o.option_id, o.name_en, o.match, None if pd.isna(o.value) else str(o.value)),)
        scenario = None if pd.isna(row.scenario_field) else str(row.scenario_field)
        weight = getattr(row, "weight_field", None)
        result.append(
            AtlasArea(
                area_id=row.area_id,
                name_en=row.name_en,
                population=row.population,
                option_field=row.option_field,
                scenario_field=scenario,
                min_n=int(row.min_n),
                options=tuple(rule.option_id for rule in rules),
                informs_kind=row.informs_kind,
                informs_id=row.informs_id,
                fit=row.fit,
                fit_note=row.fit_note,
                rules=rules,
                weight_field=None if weight is None or pd.isna(weight) else str(weight),
            )
        )
    return result


def population_mask(models: pd.DataFrame, population: str) -> pd.Series:
    """Rows of ``models`` (epoch_models) in a named population."""
    if population == "all":
        return pd.Series(True, index=models.index)
    if population == "hardware_known":
        return models["hardware_families"].notna()
    if population == "release_known":
        return models["accessibility"].notna()
    if population == "derived":
        return models["base_model"].notna()
    if population == "language_with_parameters":
        return models["language"].fillna(False).astype(bool) & models["parameters"].notna()
    if population == "large_language":
        compute = models["training_compute_flop"].astype(float)
        return models["language"].fillna(False).astype(bool) & (compute >= LARGE_COMPUTE_FLOP)
    if population == "large":
        return models["training_compute_flop"].astype(float) >= LARGE_COMPUTE_FLOP
    raise CodingRuleError(f"unknown atlas population {population!r}")


def option_weights(area: AtlasArea, values: pd.Series) -> np.ndarray:
    """(models × declared options) weights: 1 for a model's option, or 1/m for each of its m listed values."""
    weights = np.zeros((len(values), len(area.options)))
    position = {option: index for index, option in enumerate(area.options)}
    separator = MULTI_VALUED.get(area.option_field)
    for row, value in enumerate(values):
        items = [item.strip() for item in str(value).split(separator) if item.strip()] if separator else [value]
        for item in items:
            weights[row, position[area.option_of(item)]] += 1.0 / len(items)
    return weights
