"""Views for the driver chapters (Part IV): the drivers diagram and the anti-convergence forces."""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.views.text import bilingual


def drivers_with_groups() -> pd.DataFrame:
    """Every cause → effect arrow of the overview's drivers diagram, with its group's names."""
    groups = load_table("driver_groups")[["group_id", "order", "name_en", "name_zh"]].rename(
        columns={"order": "group_order", "name_en": "group_en", "name_zh": "group_zh"})
    drivers = load_table("drivers").merge(groups, on="group_id", validate="many_to_one")
    drivers["group"] = [bilingual(en, zh) for en, zh in zip(drivers.group_en, drivers.group_zh)]
    drivers["cause"] = [bilingual(en, zh) if en != zh else en for en, zh in zip(drivers.cause_en, drivers.cause_zh)]
    drivers["effect"] = [bilingual(en, zh) for en, zh in zip(drivers.effect_en, drivers.effect_zh)]
    return drivers.sort_values("order").reset_index(drop=True)


def arrow_frame(group_id: str) -> pd.DataFrame:
    """All arrows for the diagram, the chapter's own group highlighted."""
    drivers = drivers_with_groups()
    if group_id not in set(drivers.group_id):
        raise KeyError(f"no driver group {group_id!r} in data/framework/driver_groups.csv")
    return pd.DataFrame({
        "row": drivers.order, "group": drivers.group, "cause": drivers.cause, "effect": drivers.effect,
        "start": 0.0, "end": 1.0, "highlight": ["yes" if group == group_id else "no" for group in drivers.group_id],
    })


def group_table(group_id: str) -> pd.DataFrame:
    """The arrows of one group, for display."""
    drivers = drivers_with_groups()
    drivers = drivers[drivers.group_id == group_id]
    return drivers[["cause", "effect"]].rename(columns={"cause": "Cause", "effect": "Effect"}).reset_index(drop=True)


def force_chain_matrix() -> pd.DataFrame:
    """Each anti-convergence force's mechanism chain as cells of a force × step grid."""
    forces = load_table("forces").set_index("force_id")
    chains = load_table("force_chains").sort_values(["force_id", "step"])
    return pd.DataFrame({
        "row": [bilingual(forces.loc[force, "name_en"], forces.loc[force, "name_zh"]) for force in chains.force_id],
        "row_order": [int(forces.loc[force, "order"]) for force in chains.force_id],
        "column": [f"Step {step}" for step in chains.step],
        "label": chains.node_zh.to_list(),
        "kind": ["the force itself" if node == forces.loc[force, "name_zh"] else node_en
                 for force, node, node_en in zip(chains.force_id, chains.node_zh, chains.node_en)],
    }).sort_values(["row_order", "column"]).reset_index(drop=True)


def layer_effect_matrix() -> pd.DataFrame:
    """What the forces split in each system layer, as cells of a layer × item grid."""
    layers = load_table("system_layers").set_index("system_layer_id")
    effects = load_table("force_layer_effects").sort_values(["system_layer_id", "order"])
    effects["layer_order"] = [int(layers.loc[layer, "order"]) for layer in effects.system_layer_id]
    effects = effects.sort_values(["layer_order", "order"])
    return pd.DataFrame({
        "row": [bilingual(layers.loc[layer, "name_en"], layers.loc[layer, "name_zh"]) for layer in effects.system_layer_id],
        "column": [f"Item {order}" for order in effects.order],
        "label": effects.effect_zh.to_list(),
        "kind": [bilingual(layers.loc[layer, "name_en"], layers.loc[layer, "name_zh"]) for layer in effects.system_layer_id],
        "effect_en": effects.effect_en.to_list(),
    }).reset_index(drop=True)


def player_points() -> pd.DataFrame:
    """The seeds' counts and forecast of market players, one row per year (a forecast is a low–high range)."""
    claims = load_table("claims").set_index("claim_id")
    rows = []
    for claim_id, kind in [("market.players_2023", "claimed count (lower bound)"),
                           ("market.players_2025", "claimed count"),
                           ("market.providers_2027", "predicted range")]:
        claim = claims.loc[claim_id]
        high = claim.value_high if pd.notna(claim.value_high) else claim.value
        label = f"{claim.value:g}" + ("+" if claim.operator == ">=" else "") + (f"–{high:g}" if high != claim.value else "")
        rows.append({"year": int(claim.year), "low": float(claim.value), "high": float(high), "kind": kind,
                     "label": label, "quote_zh": claim.quote_zh})
    return pd.DataFrame(rows)
