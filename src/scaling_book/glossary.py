"""The bilingual glossary, generated from every framework table that names a term."""

from __future__ import annotations

import pandas as pd

from .data import load_table

# (table, English column, Chinese column, kind of term)
TERM_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("glossary_terms", "name_en", "name_zh", "concept"),
    ("levels", "name_en", "name_zh", "convergence level"),
    ("levels", "nickname_en", "nickname_zh", "level nickname"),
    ("sections", "title_en", "title_zh", "section of the seeds"),
    ("areas", "name_en", "name_zh", "technology area"),
    ("options", "name_en", "name_zh", "rival option"),
    ("pyramid_layers", "name_en", "name_zh", "pyramid layer"),
    ("pyramid_open_fronts", "name_en", "name_zh", "unconverged front"),
    ("caict_layers", "name_en", "name_zh", "five-layer table layer"),
    ("caict_layers", "status_en", "status_zh", "convergence status"),
    ("convergence_layers", "name_en", "name_zh", "convergence layer"),
    ("driver_groups", "name_en", "name_zh", "driver group"),
    ("drivers", "cause_en", "cause_zh", "driver"),
    ("drivers", "effect_en", "effect_zh", "effect of a driver"),
    ("forces", "name_en", "name_zh", "anti-convergence force"),
    ("force_chains", "node_en", "node_zh", "step of a divergence chain"),
    ("system_layers", "name_en", "name_zh", "system layer"),
    ("force_layer_effects", "effect_en", "effect_zh", "divergence in a system layer"),
    ("scenario_analysis", "term_en", "term_zh", "scenario-split term"),
    ("conclusions", "title_en", "title_zh", "conclusion"),
)


def glossary() -> pd.DataFrame:
    """Every framework term once, English and Chinese side by side, with where it is defined."""
    rows = []
    for table, english, chinese, kind in TERM_SOURCES:
        frame = load_table(table)
        definitions = frame["definition_en"] if "definition_en" in frame else [None] * len(frame)
        for name_en, name_zh, definition in zip(frame[english], frame[chinese], definitions):
            rows.append({"english": name_en, "chinese": name_zh, "kind": kind,
                         "definition": definition, "table": f"data/framework/{table}.csv"})
    terms = pd.DataFrame(rows)
    first = terms.drop_duplicates(subset=["english", "chinese"], keep="first")
    return first.sort_values(["english", "chinese"], key=lambda column: column.str.casefold()).reset_index(drop=True)
