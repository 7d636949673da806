"""Views for the layer chapters (Part III): what each seed exhibit says about one layer."""

from __future__ import annotations

from datetime import date

import pandas as pd

from scaling_book.inputs.load import load_table
from scaling_book.analysis.timeline import predictions_with_status, timeline_with_status
from scaling_book.views.text import star_bar


def layer_row(layer_id: str) -> pd.Series:
    """The layer's row of ``convergence_layers.csv``."""
    layers = load_table("convergence_layers").set_index("layer_id")
    if layer_id not in layers.index:
        raise KeyError(f"no layer {layer_id!r} in data/framework/convergence_layers.csv")
    return layers.loc[layer_id]


def layer_profile(layer_id: str) -> pd.DataFrame:
    """Everything the pyramid and the five-layer (CAICT) table say about the layer, aspect by aspect."""
    layer = layer_row(layer_id)
    rows: list[tuple[str, str, str, str]] = []
    if isinstance(layer.pyramid_layer_id, str):
        pyramid = load_table("pyramid_layers").set_index("layer_id").loc[layer.pyramid_layer_id]
        rows += [("Pyramid (四层金字塔)", "Layer", pyramid.name_en, pyramid.name_zh),
                 ("Pyramid (四层金字塔)", "Signal", pyramid.signal_en, pyramid.signal_zh),
                 ("Pyramid (四层金字塔)", "Reading", pyramid.reading_en, pyramid.reading_zh)]
        fronts = load_table("pyramid_open_fronts")
        for front in fronts[fronts.linked_layer_id == layer.pyramid_layer_id].itertuples():
            rows.append(("Pyramid (四层金字塔)", "Unconverged front (未收敛区域)",
                         f"{front.name_en}: {front.detail_en}", f"{front.name_zh}：{front.detail_zh}"))
    if isinstance(layer.caict_layer_id, str):
        caict = load_table("caict_layers").set_index("layer_id").loc[layer.caict_layer_id]
        stars = int(caict.predictability_stars)
        rows += [("Five-layer table (信通院)", "Layer", caict.name_en, caict.name_zh),
                 ("Five-layer table (信通院)", "Status", caict.status_en, caict.status_zh),
                 ("Five-layer table (信通院)", "Technical form", caict.technical_form_en, caict.technical_form_zh),
                 ("Five-layer table (信通院)", "Market structure", caict.market_structure_en, caict.market_structure_zh),
                 ("Five-layer table (信通院)", "Predictability",
                  f"{stars} of 5 stars: {caict.predictability_note_en}",
                  star_bar(stars) + f" {caict.predictability_note_zh}"),
                 ("Five-layer table (信通院)", "Room for improvement", caict.improvement_en, caict.improvement_zh)]
    return pd.DataFrame(rows, columns=["Exhibit", "Aspect", "English", "中文"])


def layer_tasks(layer_id: str, as_of: date) -> pd.DataFrame:
    """The layer's section of the Gantt chart, with each task's status on ``as_of``."""
    tasks = timeline_with_status(as_of)
    return tasks[tasks.layer_id == layer_id].reset_index(drop=True)


def layer_predictions(layer_id: str, as_of: date) -> pd.DataFrame:
    """The dated predictions about the layer."""
    predictions = predictions_with_status(as_of)
    return predictions[predictions.layer_id == layer_id].reset_index(drop=True)


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks for display: dates, the seed's status and the status computed on the as-of date."""
    return pd.DataFrame({
        "Task": [f"{en} ({zh})" for en, zh in zip(tasks.name_en, tasks.name_zh)],
        "Start": ["–" if milestone else start.date().isoformat() for start, milestone in zip(tasks.start, tasks.milestone)],
        "End": [end.date().isoformat() for end in tasks.end],
        "Seed's status": [("milestone" if milestone else status) + (", critical" if critical else "")
                          for status, milestone, critical in zip(tasks.seed_status, tasks.milestone, tasks.critical)],
        "Status on the as-of date": tasks.status_on_as_of,
    })
