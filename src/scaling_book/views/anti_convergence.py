"""Views for the anti-convergence chapter (Part IV): the forces, their chains, cases and effects, as seed 000 gives them."""

from __future__ import annotations

import pandas as pd

from scaling_book.analysis import framework as fw
from scaling_book.inputs.load import load_table
from scaling_book.views.brief import add_brief
from scaling_book.views.charts import framework as charts
from scaling_book.views.results import ChapterResults
from scaling_book.views.text import bilingual, bilingual_unless_same, names_list

DOC_ID = "03.3.4"  # the anti-convergence sub-document, one of the seeds in full
SEED = "seed 000 (03.3.4 anti-convergence forces)"
REVERSE_DIVERGENCE = "反向分化"  # the step the document's chains end in
PAIR_MARK = " vs "  # a case written "A vs B" is a pair of rivals


def force_chain_matrix() -> pd.DataFrame:
    """Each anti-convergence force's mechanism chain as cells of a force × step grid."""
    forces = load_table("forces").set_index("force_id")
    chains = load_table("force_chains").sort_values(["force_id", "step"])
    return (
        pd.DataFrame(
            {
                "row": [
                    bilingual(forces.loc[force, "name_en"], forces.loc[force, "name_zh"]) for force in chains.force_id
                ],
                "row_order": [int(forces.loc[force, "order"]) for force in chains.force_id],
                "column": [f"Step {step}" for step in chains.step],
                "label": chains.node_zh.to_list(),
                "kind": [
                    "the force itself" if node == forces.loc[force, "name_zh"] else node_en
                    for force, node, node_en in zip(chains.force_id, chains.node_zh, chains.node_en)
                ],
            }
        )
        .sort_values(["row_order", "column"])
        .reset_index(drop=True)
    )


def layer_effect_matrix() -> pd.DataFrame:
    """What the forces split in each system layer, as cells of a layer × item grid."""
    layers = load_table("system_layers").set_index("system_layer_id")
    effects = load_table("force_layer_effects").sort_values(["system_layer_id", "order"])
    effects["layer_order"] = [int(layers.loc[layer, "order"]) for layer in effects.system_layer_id]
    effects = effects.sort_values(["layer_order", "order"])
    return pd.DataFrame(
        {
            "row": [
                bilingual(layers.loc[layer, "name_en"], layers.loc[layer, "name_zh"])
                for layer in effects.system_layer_id
            ],
            "column": [f"Item {order}" for order in effects.order],
            "label": effects.effect_zh.to_list(),
            "kind": [
                bilingual(layers.loc[layer, "name_en"], layers.loc[layer, "name_zh"])
                for layer in effects.system_layer_id
            ],
            "effect_en": effects.effect_en.to_list(),
        }
    ).reset_index(drop=True)


def force_names(forces: pd.DataFrame) -> list[str]:
    """'hardware differences (硬件差异)', ...: the forces as a sentence names them."""
    return [bilingual(en.lower(), zh) for en, zh in zip(forces.name_en, forces.name_zh)]


def template_mechanisms(forces: pd.DataFrame) -> int:
    """How many forces' mechanism reads 'X导致架构分化' (X leads to architectural divergence), X the force's name."""
    return sum(mechanism == f"{name}导致架构分化" for name, mechanism in zip(forces.name_zh, forces.mechanism_zh))


def chain_tails(chains: pd.DataFrame) -> pd.Series:
    """Each force's chain after its first step (the force itself), as one 'a→b→c' string per force."""
    ordered = chains.sort_values(["force_id", "step"])
    return ordered.groupby("force_id")["node_zh"].agg(lambda nodes: "→".join(nodes.iloc[1:]))


def chains_ending_in(matrix: pd.DataFrame, node: str) -> int:
    """How many chains of a :func:`force_chain_matrix` end in ``node``."""
    return int((matrix.groupby("row").label.last() == node).sum())


def is_pair(case_zh: pd.Series) -> pd.Series:
    """Whether each case names a pair of rivals ('GPU vs TPU') rather than a single thing."""
    return case_zh.str.contains(PAIR_MARK, regex=False)


def drawn_as_causes(forces: pd.DataFrame, arrows: pd.DataFrame) -> list[str]:
    """Chinese names of the forces that start the cause of one of the overview's arrows."""
    return [name for name in forces.name_zh if any(cause.startswith(name) for cause in arrows.cause_zh)]


def missing_in_overview(missing: list[str], only_effects: list[str]) -> str:
    """The clause saying which forces the overview does not draw as causes, and which it draws only as effects."""
    if not missing:
        clause = "every force is drawn as a cause"
    elif len(missing) == 1:
        clause = f"{missing[0]} is not drawn as a cause"
    else:
        clause = f"{names_list(missing)} are not drawn as causes"
    if only_effects:
        verb = "appears" if len(only_effects) == 1 else "appear"
        clause += f"; {names_list(only_effects)} {verb} there only as an effect"
    return clause


def with_force(table: str, forces: pd.DataFrame) -> pd.DataFrame:
    """Rows of a per-force table (effects, cases) with the force's names, in the forces' order and then their own."""
    named = forces[["force_id", "name_en", "name_zh", "order"]].rename(columns={"order": "force_order"})
    rows = load_table(table).merge(named, on="force_id").sort_values(["force_order", "order"])
    return rows.assign(force=[bilingual(en, zh) for en, zh in zip(rows.name_en, rows.name_zh)])


def _core_factors(results: ChapterResults, forces: pd.DataFrame) -> None:
    """Section 'The core factors and their mechanism'."""
    results.number("anti.forces", len(forces), "count")
    shown = forces.assign(
        force=[bilingual(en, zh) for en, zh in zip(forces.name_en, forces.name_zh)],
        contrast=[bilingual_unless_same(en, zh) for en, zh in zip(forces.example_en, forces.example_zh)],
        note=forces.example_note_en.fillna(""),
    )
    results.table(
        "tbl-anti-forces",
        shown[["force", "contrast", "note", "mechanism_zh", "mechanism_en", "effect_zh"]].rename(
            columns={
                "force": "Force",
                "contrast": "Contrast in the core-factor diagram",
                "note": "Note on the contrast",
                "mechanism_zh": "Mechanism (作用机制)",
                "mechanism_en": "Mechanism",
                "effect_zh": "Effect (分化效果)",
            }
        ),
        caption="The core factors of anti-convergence (核心因素) and the document's table of their mechanisms.",
        source=f"{SEED}, sections 2.1 and 2.2; data/framework/forces.csv",
    )
    results.number("anti.template_mechanisms", template_mechanisms(forces), "count")
    results.number("anti.distinct_effects", forces.effect_zh.nunique(), "count")
    results.text("anti.force_names", names_list(force_names(forces)))
    results.text("anti.forces_without_contrast", names_list(force_names(forces[forces.example_note_en.notna()])))


def _chains_and_effects(results: ChapterResults, forces: pd.DataFrame) -> None:
    """Section 'The chain of each force': the chains and the effects the document lists."""
    chains = force_chain_matrix()
    results.number("anti.chain_steps", chains.groupby("row").size().max(), "count")
    results.number("anti.distinct_chain_tails", chain_tails(load_table("force_chains")).nunique(), "count")
    results.number("anti.chains_ending_in_reverse", chains_ending_in(chains, REVERSE_DIVERGENCE), "count")
    results.chart(
        "fig-anti-chains",
        charts.step_matrix(chains),
        source=f"{SEED}, sections 3.1, 4.1, 5.1 and 6.1; data/framework/force_chains.csv",
    )
    effects = with_force("force_effects", forces)
    results.table(
        "tbl-anti-effects",
        effects[["force", "effect_zh", "explanation_zh", "explanation_en"]].rename(
            columns={
                "force": "Force",
                "effect_zh": "Effect (分化效果)",
                "explanation_zh": "As the seed explains it",
                "explanation_en": "In English",
            }
        ),
        caption="The divergence effects the document lists for each force.",
        source=f"{SEED}, sections 3.1, 4.1, 5.1 and 6.1; data/framework/force_effects.csv",
    )


def _cases(results: ChapterResults, forces: pd.DataFrame) -> None:
    """Section 'The cases'."""
    cases = with_force("force_cases", forces)
    pairs = is_pair(cases.case_zh)
    results.number("anti.cases", len(cases), "count")
    results.number("anti.cases_with_vs", int(pairs.sum()), "count")
    results.text(
        "anti.single_cases",
        names_list([bilingual(en, zh) for en, zh in zip(cases[~pairs].case_en, cases[~pairs].case_zh)]),
    )
    shown = cases.assign(case=[bilingual_unless_same(en, zh) for en, zh in zip(cases.case_en, cases.case_zh)])
    results.table(
        "tbl-anti-cases",
        shown[["force", "order", "case"]].rename(
            columns={"force": "Force", "order": "Case", "case": "Divergence case (分化案例)"}
        ),
        caption="The divergence cases the document gives for each force.",
        source=f"{SEED}, sections 3.2, 4.2, 5.2 and 6.2; data/framework/force_cases.csv",
    )


def _layers(results: ChapterResults) -> None:
    """Section 'Effects on the three-layer model'."""
    layer_effects = layer_effect_matrix()
    results.number("anti.system_layers", layer_effects.row.nunique(), "count")
    results.number("anti.layer_effects", len(layer_effects), "count")
    results.chart(
        "fig-anti-layers",
        charts.step_matrix(layer_effects),
        source=f"{SEED}, sections 7.1, 7.2 and 7.3; data/framework/force_layer_effects.csv, system_layers.csv",
    )
    results.table(
        "tbl-anti-layers",
        layer_effects[["row", "label", "effect_en"]].rename(
            columns={"row": "System layer", "label": "What diverges (中文)", "effect_en": "What diverges"}
        ),
        caption="What the anti-convergence forces split in each layer of the three-layer model (三层模型).",
        source=f"{SEED}, sections 7.1, 7.2 and 7.3; data/framework/force_layer_effects.csv",
    )


def _overview(results: ChapterResults, forces: pd.DataFrame) -> None:
    """Section 'How the overview draws the same forces'."""
    arrows = load_table("drivers")
    arrows = arrows[arrows.group_id == "anti"]
    results.number("anti.overview_arrows", len(arrows), "count")
    causes = drawn_as_causes(forces, arrows)
    results.number("anti.forces_in_overview", len(causes), "count")
    undrawn = forces[~forces.name_zh.isin(causes)]
    only_effects = undrawn[undrawn.name_zh.isin(set(arrows.effect_zh))]
    results.text(
        "anti.missing_in_overview",
        missing_in_overview(force_names(undrawn), [en.lower() for en in only_effects.name_en]),
    )


def _conclusions_and_references(results: ChapterResults) -> None:
    """Section 'Conclusions and references'."""
    conclusions = load_table("document_conclusions")
    conclusions = conclusions[conclusions.doc_id == DOC_ID].sort_values("order")
    results.number("anti.conclusions", len(conclusions), "count")
    shown = conclusions.assign(item=[bilingual(en, zh) for en, zh in zip(conclusions.title_en, conclusions.title_zh)])
    results.table(
        "tbl-anti-conclusions",
        shown[["item", "detail_zh", "detail_en"]].rename(
            columns={"item": "Conclusion", "detail_zh": "Detail (中文)", "detail_en": "Detail"}
        ),
        caption="The core conclusions (核心结论) of the anti-convergence document.",
        source=f"{SEED}, section 九; data/framework/document_conclusions.csv",
    )
    seeds = load_table("seeds").set_index("doc_id")
    references = load_table("seed_references")
    references = references[references.seed_id == seeds.loc[DOC_ID, "seed_id"]].sort_values("order")
    results.number("anti.references", len(references), "count")
    results.number("anti.academic_references", int((references.section == "academic").sum()), "count")
    results.number("anti.technical_references", int((references.section == "technical").sum()), "count")
    results.text("anti.quote.version_note", fw.quote("version_note"))
    results.table(
        "tbl-anti-references",
        references[["section", "title_zh", "title_en", "period"]].rename(
            columns={"section": "List", "title_zh": "Title (中文)", "title_en": "Title", "period": "Period given"}
        ),
        caption="Related topics and references the anti-convergence document lists.",
        source=f"{SEED}, sections 十 and 十一; data/framework/seed_references.csv",
    )


def anti_chapter() -> ChapterResults:
    """Anti-convergence forces: factors, chains, cases, layer effects, the overview's arrows, conclusions."""
    results = ChapterResults()
    forces = load_table("forces").sort_values("order")
    _core_factors(results, forces)
    _chains_and_effects(results, forces)
    _cases(results, forces)
    _layers(results)
    _overview(results, forces)
    _conclusions_and_references(results)
    shown = results.shown
    add_brief(
        results,
        [
            f"The seeds name {shown('anti.forces')} anti-convergence forces: {shown('anti.force_names')}.",
            f"{shown('anti.template_mechanisms')} of the {shown('anti.forces')} mechanisms only restate that the "
            f"force leads to divergence; the number of distinct effects among the forces is "
            f"{shown('anti.distinct_effects')}.",
            f'The document lists {shown("anti.cases")} cases, {shown("anti.cases_with_vs")} of them pairs "A vs B".',
            f"The overview's drivers diagram covers {shown('anti.forces_in_overview')} of the "
            f"{shown('anti.forces')} forces as causes; {shown('anti.missing_in_overview')}.",
        ],
    )
    return results
