"""The atlas's observations from every origin, grouped by area, scenario and year, with their bootstrap draws.

Origins: ``seed`` (the seeds' stated shares, data/framework/adoption_shares.csv), ``epoch`` (shares the
coding rules derive from data/processed/epoch_models.csv) and ``user`` (data/observations/*.csv).
Epoch shares are resampled over the models behind them (with their weights, for an area weighted by
a column such as training compute); a user share with its ``n`` is resampled as
``n`` draws from its split; the seeds' shares have no models behind them and are not resampled here.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scaling_book.analysis.atlas_rules import (
    AtlasArea,
    atlas_areas,
    option_weights,
    population_mask,
    with_derived_fields,
)
from scaling_book.inputs.load import load_table

SEED, EPOCH, USER = "seed", "epoch", "user"
ALL = "all"  # the scenario of shares not split by scenario
EPOCH_DATASET = "Epoch AI Notable AI Models"
SEED_METHOD = "stated by the seed"
OBSERVATION_COLUMNS = ["area_id", "option_id", "scenario", "year", "share", "n", "source", "method", "origin"]


@dataclass(frozen=True)
class Group:
    """The shares of one area in one scenario and year from one source, on the area's declared options."""

    area_id: str
    scenario: str
    year: int | None
    origin: str
    source: str
    method: str
    options: tuple[str, ...]
    shares: np.ndarray  # one per declared option
    n: int | None
    min_n: int
    weights: np.ndarray | None = None  # (models × options) behind an Epoch share; None for stated shares
    partial: bool = False
    mass: np.ndarray | None = None  # each model's weight (e.g. training compute); None: each model counts once

    @property
    def measurable(self) -> bool:
        """Enough models behind the shares (a share without a known n is taken as stated)."""
        return self.n is None or self.n >= self.min_n

    @property
    def effective_n(self) -> float | None:
        """Kish's effective number of models behind a weighted share ((Σw)² / Σw²); n when models count once."""
        if self.mass is None or self.n is None:
            return None if self.n is None else float(self.n)
        return float(self.mass.sum() ** 2 / (self.mass**2).sum())


def scenario_masks(area: AtlasArea, models: pd.DataFrame) -> dict[str, np.ndarray]:
    """Rows of ``models`` in each scenario: 'all', then each value of the scenario field (a model in each it lists)."""
    masks = {ALL: np.ones(len(models), dtype=bool)}
    if area.scenario_field is None:
        return masks
    lists = [
        [] if pd.isna(value) else [item.strip() for item in str(value).split(";") if item.strip()]
        for value in models[area.scenario_field]
    ]
    for scenario in sorted({item for items in lists for item in items}):
        masks[scenario] = np.array([scenario in items for items in lists], dtype=bool)
    return masks


def epoch_groups(models: pd.DataFrame, areas: Sequence[AtlasArea]) -> list[Group]:
    """Every (area, scenario, year) of ``models`` (epoch_models rows) with at least one model, in a stable order."""
    last_year = int(models["year"].max()) if len(models) else None
    models = with_derived_fields(models)
    groups = []
    for area in areas:
        keep = population_mask(models, area.population) & models[area.option_field].notna()
        if area.weight_field is not None:
            keep &= models[area.weight_field].astype(float) > 0
        base = models[keep].sort_values(["publication_date", "model"]).reset_index(drop=True)
        weights = option_weights(area, base[area.option_field])
        mass = None if area.weight_field is None else base[area.weight_field].to_numpy(dtype=float)
        weighting = "" if area.weight_field is None else f", each model weighted by its {area.weight_field}"
        years = base["year"].to_numpy()
        for scenario, mask in scenario_masks(area, base).items():
            for year in sorted(set(years[mask].tolist())):
                rows = mask & (years == year)
                behind = weights[rows]
                behind_mass = None if mass is None else mass[rows]
                shares = (
                    behind.sum(axis=0) / len(behind)
                    if behind_mass is None
                    else behind_mass @ behind / behind_mass.sum()
                )
                releases = "+".join(sorted(set(base.loc[rows, "release"].astype(str))))
                groups.append(
                    Group(
                        area_id=area.area_id,
                        scenario=scenario,
                        year=int(year),
                        origin=EPOCH,
                        source=f"{EPOCH_DATASET}, release {releases}",
                        method=f"coding rule of data/editorial/atlas_options.csv on {area.option_field}, "
                        f"population {area.population}{weighting}",
                        options=area.options,
                        shares=shares,
                        n=len(behind),
                        min_n=area.min_n,
                        weights=behind,
                        partial=int(year) == last_year,
                        mass=behind_mass,
                    )
                )
    return groups


def declared_options(area_id: str, areas: Sequence[AtlasArea]) -> tuple[str, ...]:
    """The options of an atlas area, or of a seeds' area (data/framework/options.csv, file order)."""
    for area in areas:
        if area.area_id == area_id:
            return area.options
    options = load_table("options")
    return tuple(options.loc[options["area_id"] == area_id, "option_id"])


def stated_groups(frame: pd.DataFrame, origin: str, areas: Sequence[AtlasArea]) -> list[Group]:
    """Groups of stated shares (seed or user rows: area_id, option_id, scenario, year, share, n, source, method)."""
    min_n = {area.area_id: area.min_n for area in areas}
    groups = []
    frame = frame.assign(_year=frame["year"].astype("Int64").astype(object).where(frame["year"].notna(), None))
    keys = ["area_id", "scenario", "_year", "source"]
    for (area_id, scenario, year, source), rows in frame.groupby(keys, sort=True, dropna=False):
        options = declared_options(str(area_id), areas)
        unknown = sorted(set(rows["option_id"]) - set(options))
        if not options or unknown:
            raise ValueError(
                f"{origin} observation of area {area_id!r} ({source}): "
                + (f"option(s) {unknown} are not options of the area; " if options else "no such area; ")
                + f"expected one of {list(options) or [area.area_id for area in areas]}"
            )
        by_option = dict(zip(rows["option_id"], rows["share"].astype(float)))
        counts = rows["n"].dropna() if "n" in rows else pd.Series(dtype=float)
        groups.append(
            Group(
                area_id=str(area_id),
                scenario=str(scenario),
                year=None if year is None or pd.isna(year) else int(year),
                origin=origin,
                source=str(source),
                method=str(rows["method"].iloc[0]) if "method" in rows else SEED_METHOD,
                options=options,
                shares=np.array([by_option.get(option, 0.0) for option in options]),
                n=int(counts.max()) if len(counts) else None,
                min_n=min_n.get(str(area_id), 1),
            )
        )
    return groups


def observation_groups(
    models: pd.DataFrame | None = None,
    areas: Sequence[AtlasArea] | None = None,
    seed_shares: pd.DataFrame | None = None,
    user: pd.DataFrame | None = None,
) -> list[Group]:
    """Every group of shares: the seeds', Epoch's, then the user's (tables from data/ by default)."""
    models = load_table("epoch_models") if models is None else models
    areas = atlas_areas(models=models) if areas is None else areas
    seed_shares = load_table("adoption_shares") if seed_shares is None else seed_shares
    user = load_table("observations") if user is None else user
    seeds = seed_shares.assign(n=pd.NA, method=SEED_METHOD)
    return stated_groups(seeds, SEED, areas) + epoch_groups(models, areas) + stated_groups(user, USER, areas)


def groups_frame(groups: Sequence[Group]) -> pd.DataFrame:
    """One row per option of each group: the observations table."""
    rows = [
        {
            "area_id": group.area_id,
            "option_id": option,
            "scenario": group.scenario,
            "year": group.year,
            "share": float(share),
            "n": group.n,
            "source": group.source,
            "method": group.method,
            "origin": group.origin,
        }
        for group in groups
        for option, share in zip(group.options, group.shares)
    ]
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    return frame.astype({"year": "Int64", "n": "Int64"})


def observations(
    models: pd.DataFrame | None = None,
    areas: Sequence[AtlasArea] | None = None,
    seed_shares: pd.DataFrame | None = None,
    user: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every observation of every origin (area_id, option_id, scenario, year, share, n, source, method, origin)."""
    return groups_frame(observation_groups(models, areas, seed_shares, user))


def draws(group: Group, resamples: int, seed: int) -> np.ndarray | None:
    """(resamples × options) splits resampled over the models behind the group (None: nothing behind it).

    Resampling models with replacement is a multinomial over the distinct rows of weights, which keeps
    it fast; the generator is seeded by the book's seed and the group, so each group's draws are fixed.
    """
    key = zlib.crc32(f"{group.area_id}|{group.scenario}|{group.year}|{group.source}".encode())
    rng = np.random.default_rng([seed, key])
    if group.weights is not None and group.mass is not None:
        # Every weighted model is distinct, so the models themselves are redrawn (counts per model).
        size = len(group.weights)
        picked = rng.multinomial(size, np.full(size, 1.0 / size), size=resamples)
        totals = picked @ group.mass
        return (picked @ (group.weights * group.mass[:, None])) / totals[:, None]
    if group.weights is not None:
        kinds, counts = np.unique(group.weights, axis=0, return_counts=True)
        picked = rng.multinomial(len(group.weights), counts / counts.sum(), size=resamples)
        return picked @ kinds / len(group.weights)
    if group.n is not None and group.origin == USER and group.shares.sum() > 0:
        split = group.shares / group.shares.sum()
        return rng.multinomial(group.n, split, size=resamples) / group.n
    return None
