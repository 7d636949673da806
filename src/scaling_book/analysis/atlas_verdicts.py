"""Verdicts per layer and force: the verdicts of the evidence areas that inform each, combined.

An evidence area informs one target (atlas_areas.csv informs_kind / informs_id): a convergence layer, a force,
a pyramid layer or one of the seeds' areas. A pyramid layer informs the convergence layer that names it
(convergence_layers.pyramid_layer_id). The seeds' areas (areas.csv) link to a level, not to a layer, so an
area-level target informs no layer verdict.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from scaling_book.analysis.atlas_trends import combined_verdict

TARGET_COLUMNS = ["kind", "target_id", "area_id", "fit", "link"]
DIRECT, THROUGH_PYRAMID = "direct", "through the pyramid layer"


def informed_targets(areas: pd.DataFrame, convergence_layers: pd.DataFrame) -> pd.DataFrame:
    """One row per (target, evidence area): kind, target_id, area_id, fit (close / loose) and link."""
    by_pyramid = convergence_layers.dropna(subset=["pyramid_layer_id"]).groupby("pyramid_layer_id")["layer_id"]
    pyramid_layers = {pyramid: list(layers) for pyramid, layers in by_pyramid}
    rows = []
    for area in areas.itertuples(index=False):
        rows.append((area.informs_kind, area.informs_id, area.area_id, area.fit, DIRECT))
        if area.informs_kind == "pyramid":
            rows.extend(
                ("layer", layer, area.area_id, area.fit, THROUGH_PYRAMID)
                for layer in pyramid_layers.get(area.informs_id, [])
            )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def target_verdicts(
    verdicts: pd.DataFrame, targets: pd.DataFrame, kind: str, target_ids: Iterable[str]
) -> pd.DataFrame:
    """Per target of ``kind`` (in the order given): the informing areas, their fit and the combined verdict.

    ``verdicts`` has one row per area (area_id, verdict); fit is "loose" when any informing area's is, "close"
    when all are, and "" when no area informs the target.
    """
    by_area = verdicts.set_index("area_id")["verdict"]
    rows = []
    for target_id in target_ids:
        informing = targets[(targets["kind"] == kind) & (targets["target_id"] == target_id)]
        area_ids = list(informing["area_id"])
        fits = set(informing["fit"])
        fit = "" if not area_ids else ("loose" if "loose" in fits else "close")
        area_verdicts = [by_area.get(area_id, "not measurable") for area_id in area_ids]
        rows.append((target_id, tuple(area_ids), fit, combined_verdict(area_verdicts)))
    return pd.DataFrame(rows, columns=["target_id", "area_ids", "fit", "verdict"])


def layer_verdicts(
    verdicts: pd.DataFrame, targets: pd.DataFrame, convergence_layers: pd.DataFrame, caict_layers: pd.DataFrame
) -> pd.DataFrame:
    """Every convergence layer in order with its combined verdict beside the seeds' status (caict_layers)."""
    layers = convergence_layers.sort_values("order")
    combined = target_verdicts(verdicts, targets, "layer", layers["layer_id"])
    status = caict_layers.set_index("layer_id")[["status_zh", "status_en"]]
    seeds = status.reindex(layers["caict_layer_id"]).reset_index(drop=True)
    named = layers[["layer_id", "name_en", "name_zh"]].reset_index(drop=True)
    return pd.concat([named, combined.drop(columns="target_id"), seeds], axis=1)


def force_verdicts(verdicts: pd.DataFrame, targets: pd.DataFrame, forces: pd.DataFrame) -> pd.DataFrame:
    """Every anti-convergence force in order with its combined verdict beside the effect the seeds claim."""
    ordered = forces.sort_values("order").reset_index(drop=True)
    combined = target_verdicts(verdicts, targets, "force", ordered["force_id"])
    named = ordered[["force_id", "name_en", "name_zh", "effect_zh", "effect_en"]]
    return pd.concat([named, combined.drop(columns="target_id")], axis=1)


def unlinked_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets that are neither a layer nor a force (pyramid layers, the seeds' areas), with their areas."""
    return targets[~targets["kind"].isin(["layer", "force"])].reset_index(drop=True)
