"""The bilingual glossary, generated from every framework table that names a term."""

from __future__ import annotations

import re

import pandas as pd

from scaling_book.inputs.load import load_table

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
    ("system_layers", "name_en", "name_zh", "system layer"),
    ("force_layer_effects", "effect_en", "effect_zh", "divergence in a system layer"),
    ("scenario_analysis", "term_en", "term_zh", "scenario-split term"),
    ("conclusions", "title_en", "title_zh", "conclusion"),
    ("forces", "effect_en", "effect_zh", "divergence effect"),
    ("force_effects", "effect_en", "effect_zh", "divergence effect"),
    ("force_cases", "case_en", "case_zh", "divergence case"),
    ("forces", "example_en", "example_zh", "contrast of a force"),
    ("force_chains", "node_en", "node_zh", "step of a divergence chain"),
    ("sub_documents", "title_en", "title_zh", "sub-document"),
    ("timeline_tasks", "name_en", "name_zh", "timeline task"),
    ("document_conclusions", "title_en", "title_zh", "conclusion of a sub-document"),
    ("seeds", "title_en", "title_zh", "seed document"),
    ("seed_references", "title_en", "title_zh", "related topic or reference"),
)

# English/Chinese column pairs of the framework that hold sentences or values, not terms: why each is left out.
NOT_TERMS: dict[tuple[str, str], str] = {
    ("caict_layers", "technical_form_en"): "description of a layer",
    ("caict_layers", "market_structure_en"): "description of a layer",
    ("caict_layers", "predictability_note_en"): "note beside a star rating",
    ("caict_layers", "improvement_en"): "description of a layer",
    ("conclusions", "detail_en"): "sentence",
    ("document_conclusions", "detail_en"): "sentence",
    ("force_effects", "explanation_en"): "sentence",
    ("forces", "mechanism_en"): "sentence",
    ("level_profiles", "value_en"): "value of a profile cell",
    ("level_profiles", "status_2025_en"): "sentence",
    ("levels", "criterion_en"): "sentence (the levels' definition in the glossary)",
    ("levels", "controversy_en"): "open question, a phrase",
    ("option_attributes", "value_en"): "value of an attribute",
    ("predictions", "statement_en"): "sentence",
    ("pyramid_layers", "signal_en"): "phrase with a figure",
    ("pyramid_layers", "reading_en"): "sentence (the pyramid layers' definition in the glossary)",
    ("pyramid_open_fronts", "detail_en"): "phrase (the fronts' definition in the glossary)",
    ("scenario_analysis", "statement_en"): "sentence",
}

# Definitions composed from the columns of a row, for term sources whose table has no definition_en column.
DEFINITIONS: dict[tuple[str, str], str] = {
    ("levels", "name_en"): "Level {level_id}: {criterion_en}.",
    ("levels", "nickname_en"): "Nickname of level {level_id} ({name_en}): {criterion_en}.",
    ("sections", "title_en"): "Section {section_id} of the overview.",
    ("areas", "name_en"): "A technology area that the classification matrix places at level {level_id}.",
    ("pyramid_layers", "name_en"): "Tier {tier} of the four-layer pyramid: {reading_en}.",
    ("pyramid_open_fronts", "name_en"): "An unconverged front of the pyramid diagram: {detail_en}.",
    ("caict_layers", "name_en"): "A layer of the five-layer table, {status_en}: {technical_form_en}; {market_structure_en}.",
    ("drivers", "cause_en"): "A cause in the overview's drivers diagram, leading to: {effect_en}.",
    ("drivers", "effect_en"): "An effect in the overview's drivers diagram, caused by: {cause_en}.",
    ("forces", "name_en"): "An anti-convergence force: {mechanism_en}.",
    ("force_chains", "node_en"): "Step {step} of the divergence chain of the force '{force_id}'.",
    ("force_layer_effects", "effect_en"): "A divergence the anti-convergence seed places in the {system_layer_id} layer.",
    ("scenario_analysis", "term_en"): "{statement_en}.",
    ("conclusions", "title_en"): "{detail_en}.",
    ("document_conclusions", "title_en"): "{detail_en}.",
    ("force_cases", "case_en"): "A divergence case the anti-convergence seed gives for the force '{force_id}'.",
    ("sub_documents", "title_en"): "Sub-document {doc_id} of the overview.",
    ("options", "name_en"): "A rival option in the technology area '{area_id}'.",
    ("seeds", "title_en"): "The seed document {seed_id} ({coverage}).",
    ("seed_references", "title_en"): "A document the seed {seed_id} lists among its '{section}' references.",
    ("force_effects", "effect_en"): "A divergence effect of the force '{force_id}': {explanation_en}.",
    ("forces", "example_en"): "The contrast the anti-convergence seed draws for the force '{force_id}'.",
    ("forces", "effect_en"): "What the force '{force_id}' ends in: {mechanism_en}.",
    ("caict_layers", "status_en"): "A convergence status in the five-layer table.",
    ("timeline_tasks", "name_en"): "A task of the overview's Gantt chart, in its {layer_id} section.",
}


def _definitions(table: str, english: str, frame: pd.DataFrame) -> list[object]:
    """The definition of each row's term: the table's own column, or one composed from the row."""
    if "definition_en" in frame:
        return frame["definition_en"].to_list()
    template = DEFINITIONS.get((table, english))
    if template is None:
        return [None] * len(frame)
    rows = frame.astype(object).where(frame.notna(), "").to_dict("records")
    return [re.sub(r"([.?!])\.$", r"\1", template.format(**row)) for row in rows]


def glossary() -> pd.DataFrame:
    """Every framework term once, English and Chinese side by side, with where it is defined."""
    rows = []
    frames = {table: load_table(table) for table in dict.fromkeys(source[0] for source in TERM_SOURCES)}
    for table, english, chinese, kind in TERM_SOURCES:
        frame = frames[table]
        definitions = _definitions(table, english, frame)
        for name_en, name_zh, definition in zip(frame[english], frame[chinese], definitions):
            rows.append({"english": name_en, "chinese": name_zh, "kind": kind,
                         "definition": definition, "table": f"data/framework/{table}.csv"})
    terms = pd.DataFrame(rows)
    first = terms.drop_duplicates(subset=["english", "chinese"], keep="first")
    return first.sort_values(["english", "chinese"], key=lambda column: column.str.casefold()).reset_index(drop=True)


def glossary_parts(terms: pd.DataFrame | None = None, max_rows: int | None = None) -> list[tuple[str, pd.DataFrame]]:
    """The glossary (``terms``, by default :func:`glossary`) in alphabetical parts ('0–K', 'L–Z', ...) short
    enough to be shown in full as tables."""
    from scaling_book.render.tables import MAX_TABLE_ROWS

    limit = MAX_TABLE_ROWS if max_rows is None else max_rows
    terms = glossary() if terms is None else terms
    initials = terms.english.str[0].str.upper()
    parts: list[list[str]] = []
    sizes: list[int] = []
    for initial, size in initials.value_counts(sort=False).items():
        if size > limit:
            raise ValueError(f"{size} glossary terms start with {initial!r}, more than a table shows ({limit})")
        if parts and sizes[-1] + size <= limit:
            parts[-1].append(initial)
            sizes[-1] += size
        else:
            parts.append([initial])
            sizes.append(size)
    return [(f"{letters[0]}–{letters[-1]}" if len(letters) > 1 else letters[0],
             terms[initials.isin(letters)].reset_index(drop=True)) for letters in parts]
