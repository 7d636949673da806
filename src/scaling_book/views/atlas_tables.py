"""Tables and the chart frame of the atlas chapter (chapters/evidence/atlas.md), built from the analysis frames."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis.atlas_verdicts import target_verdicts
from scaling_book.analysis.placement import PlacementRules
from scaling_book.inputs.load import load_table
from scaling_book.views.atlas_phrases import level_cell, seeds_status, slope_cell, year_heading, years_cell
from scaling_book.views.text import bilingual, percent

KIND_NAMES = {"layer": "Layer", "force": "Force", "pyramid": "Pyramid layer", "area": "Seeds' area"}


def target_names() -> dict[tuple[str, str], str]:
    """The bilingual name of every framework item an evidence area can inform, by (kind, id)."""
    names = {}
    for kind, table, column in (
        ("layer", "convergence_layers", "layer_id"),
        ("force", "forces", "force_id"),
        ("pyramid", "pyramid_layers", "layer_id"),
        ("area", "areas", "area_id"),
    ):
        for row in load_table(table).itertuples():
            names[(kind, getattr(row, column))] = bilingual(row.name_en, row.name_zh)
    return names


def levels_table(levels: pd.DataFrame, areas: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Areas × years: the level and its probability of each measured area-year (scenario "all")."""
    rows = levels[(levels["scenario"] == "all") & levels["year"].isin(years)].set_index(["area_id", "year"])
    partial = set(levels.loc[levels["partial"].astype(bool), "year"])
    table = {"Evidence area": list(areas["name_en"])}
    for year in years:
        cells = []
        for area_id in areas["area_id"]:
            if (area_id, year) not in rows.index:
                cells.append("no models")
                continue
            row = rows.loc[(area_id, year)]
            cells.append(level_cell(row["level"], row["level_probability"], row["n"], bool(row["measurable"])))
        table[year_heading(year, year in partial)] = cells
    return pd.DataFrame(table)


def trends_table(
    trends: pd.DataFrame, areas: pd.DataFrame, names: dict[tuple[str, str], str], start_year: int
) -> pd.DataFrame:
    """Per area: what it informs, the years fitted, both slopes with intervals, the verdict and its sensitivity."""
    main = trends[trends["start_year"] == start_year].set_index("area_id")
    others = sorted(set(trends["start_year"]) - {start_year})
    by_start = trends.set_index(["area_id", "start_year"])["verdict"]
    rows = []
    for area in areas.itertuples():
        trend = main.loc[area.area_id]
        row = {
            "Evidence area": area.name_en,
            "Informs": f"{names[(area.informs_kind, area.informs_id)]}; {area.fit}",
            "Years": years_cell(int(trend["years"]), trend["first_year"], trend["last_year"]),
            "Leader share per year": slope_cell(
                trend["leader_slope"], trend["leader_slope_low"], trend["leader_slope_high"], points=True
            ),
            "Effective options per year": slope_cell(
                trend["effective_slope"], trend["effective_slope_low"], trend["effective_slope_high"], points=False
            ),
            "Verdict": trend["verdict"],
        }
        row.update({f"From {start}": by_start[(area.area_id, start)] for start in others})
        rows.append(row)
    return pd.DataFrame(rows)


def seeds_claims(kind: str, ids: list[str]) -> list[str]:
    """What the seeds say of each item: a layer's status, a force's effect, a pyramid layer's signal, an area's level."""
    if kind == "layer":
        layers = load_table("convergence_layers").set_index("layer_id")
        status = load_table("caict_layers").set_index("layer_id")
        return [
            seeds_status(*status.reindex([layers.loc[item, "caict_layer_id"]])[["status_zh", "status_en"]].iloc[0])
            for item in ids
        ]
    if kind == "force":
        forces = load_table("forces").set_index("force_id")
        return [bilingual(forces.loc[item, "effect_en"], forces.loc[item, "effect_zh"]) for item in ids]
    if kind == "pyramid":
        pyramid = load_table("pyramid_layers").set_index("layer_id")
        return [bilingual(pyramid.loc[item, "signal_en"], pyramid.loc[item, "signal_zh"]) for item in ids]
    areas = load_table("areas").set_index("area_id")
    return [f"{areas.loc[item, 'level_id']} in the matrix" for item in ids]


def verdicts_table(
    verdicts: pd.DataFrame, targets: pd.DataFrame, areas: pd.DataFrame, names: dict[tuple[str, str], str]
) -> pd.DataFrame:
    """Every layer and force, then the other items evidence informs: evidence areas, fit, verdict, seeds' claim."""
    area_names = areas.set_index("area_id")["name_en"]
    order = {
        "layer": list(load_table("convergence_layers").sort_values("order")["layer_id"]),
        "force": list(load_table("forces").sort_values("order")["force_id"]),
    }
    for kind in ("pyramid", "area"):
        order[kind] = list(dict.fromkeys(targets.loc[targets["kind"] == kind, "target_id"]))
    rows = []
    for kind, ids in order.items():
        combined = target_verdicts(verdicts, targets, kind, ids)
        for row, claim in zip(combined.itertuples(), seeds_claims(kind, ids), strict=True):
            rows.append(
                {
                    "Item": f"{KIND_NAMES[kind]}: {names[(kind, row.target_id)]}",
                    "Evidence areas": ", ".join(area_names[area] for area in row.area_ids) or "none",
                    "Fit": row.fit or "—",
                    "Verdict": row.verdict,
                    "The seeds say": claim,
                }
            )
    return pd.DataFrame(rows)


def level_bands(rules: PlacementRules) -> pd.DataFrame:
    """The bands of leader share that the levels occupy when the other options share the rest (L1 includes L0)."""
    bands = [
        ("L4", 1 - rules.real_option_min_share, 1.0),
        ("L3", rules.winner_share, 1 - rules.real_option_min_share),
        ("L2", rules.fragmented_below, rules.winner_share),
        ("L1 / L0", 0.0, rules.fragmented_below),
    ]
    return pd.DataFrame(bands, columns=["band", "band_low", "band_high"])


def trajectory_frame(levels: pd.DataFrame, areas: pd.DataFrame, rules: PlacementRules, from_year: int) -> pd.DataFrame:
    """Tidy frame of the small multiples: per area, its leader share rows from ``from_year`` and the level bands."""
    shown = levels[(levels["scenario"] == "all") & (levels["year"] >= from_year)]
    rows = shown.merge(areas[["area_id", "name_en"]], on="area_id")
    shares = rows.assign(
        kind="share",
        area=rows["name_en"],
        year_label=[year_heading(int(y), bool(p)) for y, p in zip(rows["year"], rows["partial"], strict=True)],
        status=[
            "partial year" if p else ("measured" if m else "too few models")
            for p, m in zip(rows["partial"].astype(bool), rows["measurable"].astype(bool), strict=True)
        ],
    )[
        [
            "kind",
            "area",
            "year",
            "year_label",
            "n",
            "leader_share",
            "leader_share_low",
            "leader_share_high",
            "level",
            "status",
        ]
    ]
    bands = level_bands(rules)
    band_rows = pd.concat([bands.assign(kind="band", area=name) for name in areas["name_en"]], ignore_index=True)
    frame = pd.concat([shares, band_rows], ignore_index=True)
    order = {name: index for index, name in enumerate(areas["name_en"])}
    return frame.sort_values(
        ["area", "kind"], key=lambda column: column.map(order) if column.name == "area" else column, kind="stable"
    ).reset_index(drop=True)


def rule_cell(value: object) -> str:
    """A placement rule's value as the table shows it: shares as percentages, counts as numbers, the test order."""
    if isinstance(value, bool):
        return "scenario split tested first" if value else "scenario split tested last"
    if isinstance(value, int):
        return str(value)
    return percent(float(value))  # type: ignore[arg-type]


def sensitivity_table(sensitivity: pd.DataFrame) -> pd.DataFrame:
    """One row per alternative reading: the book's value, the reading's and how many measured area-years move."""
    return pd.DataFrame(
        {
            "Alternative reading": sensitivity["name_en"],
            "Book's rule": [rule_cell(value) for value in sensitivity["baseline"]],
            "Area-years that change level": [
                f"{int(changed)} of {int(total)}"
                for changed, total in zip(sensitivity["changed"], sensitivity["area_years"], strict=True)
            ],
            "Share": [percent(share) for share in sensitivity["changed_share"]],
        }
    )


LABEL_NAMES = {"moe": "MoE", "dense": "dense"}


def misclassified_table(labels: pd.DataFrame, models: tuple[str, ...], flagged: tuple[str, ...]) -> pd.DataFrame:
    """The labelled models the keyword flag gets wrong: model, hand label, flag and the label's source publisher."""
    by_model = labels.assign(model=labels["model"].astype(str).str.strip()).drop_duplicates("model")
    by_model = by_model.set_index("model")
    return pd.DataFrame(
        {
            "Model": list(models),
            "Hand label": [LABEL_NAMES[by_model.at[model, "label"]] for model in models],
            "Keyword flag": ["MoE" if model in flagged else "dense" for model in models],
            "Source publisher": [by_model.at[model, "publisher"] for model in models],
        }
    )
