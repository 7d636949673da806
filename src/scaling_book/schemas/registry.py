"""The column registry: every table of ``data/`` with its columns and rules.

This is the one place that says what a data file must contain. It drives the
validation before any chapter runs and the data appendix of the book.
"""

from __future__ import annotations

from scaling_book.schemas.editorial import EDITORIAL_TABLES
from scaling_book.schemas.observations import OBSERVATION_TABLES
from scaling_book.schemas.processed import PROCESSED_TABLES
from scaling_book.schemas.table import SEED_SOURCE_PATTERN, Column, GroupSum, Mirror, Ordered, Table

SEED_LICENCE = "Facts from the seed documents of the knowledge base (section 03); encoded by this book"

LEVEL_IDS = ("L4", "L3", "L2", "L1", "L0")
COMPARATORS = ("==", "=", "<", "<=", ">", ">=", "range")


def _id(name: str, description: str, allowed: tuple[str, ...] | None = None) -> Column:
    return Column(name, "id", description, allowed=allowed)


def _ref(name: str, target: str, description: str, required: bool = True) -> Column:
    return Column(name, "id", description, required=required, references=target)


def _order(description: str = "Position in the seed's own order") -> Column:
    return Column("order", "int", description, minimum=1)


def _zh(name: str, description: str, required: bool = True) -> Column:
    return Column(name, "text", description + " (Chinese, as in the seed)", required=required)


def _en(name: str, description: str, required: bool = True) -> Column:
    return Column(name, "text", description + " (English, this book's rendering)", required=required)


def _definition() -> Column:
    return Column("definition_en", "text", "Definition in this book's words, for the glossary")


SOURCE = Column(
    "source", "text", "Seed file and heading the row comes from: '<file> § <heading>'", pattern=SEED_SOURCE_PATTERN
)


def _framework(
    name: str,
    description: str,
    columns: tuple[Column, ...],
    key: tuple[str, ...],
    group_sums: tuple[GroupSum, ...] = (),
    ordered: tuple[Ordered, ...] = (),
    mirrors: tuple[Mirror, ...] = (),
) -> Table:
    return Table(
        name=name,
        path=f"framework/{name}.csv",
        description=description,
        columns=columns + (SOURCE,),
        key=key,
        provenance="Seed documents in ../shared/seeds/",
        licence=SEED_LICENCE,
        group_sums=group_sums,
        ordered=ordered,
        mirrors=mirrors,
    )


# The declarations read as a table, one column per line or two: keep them compact.
# fmt: off
FRAMEWORK_TABLES: tuple[Table, ...] = (
    _framework("seeds", "The seed documents this book is built from", (
        Column("seed_id", "text", "File name of the seed", pattern=r"^\d{3}_[0-9a-f]{16}\.txt$"),
        Column("doc_id", "id", "Number of the document in the knowledge base"),
        _zh("title_zh", "Title"), _en("title_en", "Title"),
        Column("coverage", "enum", "Whether the seed is the section overview or a sub-document in full",
               allowed=("overview", "full")),
        Column("last_updated_as_stated", "text", "Last-updated date as the seed writes it", required=False),
        Column("sha256", "text", "SHA-256 of the seed file", pattern=r"^[0-9a-f]{64}$"),
    ), key=("seed_id",)),
    _framework("sections", "The four sections (03.1–03.4) of the overview", (
        _id("section_id", "Section number"), _order(),
        _zh("title_zh", "Title"), _en("title_en", "Title"),
    ), key=("section_id",)),
    _framework("sub_documents", "The 17 sub-documents listed by the overview; two are given in full", (
        _id("doc_id", "Sub-document number"), _ref("section_id", "sections.section_id", "Section it belongs to"),
        _order(), _zh("title_zh", "Title"), _en("title_en", "Title"),
        Column("full_text_seed", "text", "Seed file holding the full text, if the book has it", required=False,
               references="seeds.seed_id"),
    ), key=("doc_id",)),
    _framework("levels", "The five convergence levels L4–L0 of the classification matrix", (
        _id("level_id", "Level", allowed=LEVEL_IDS), Column("rank", "int", "4 for L4 down to 0 for L0", minimum=0, maximum=4),
        _ref("doc_id", "sub_documents.doc_id", "Sub-document about the level"),
        _zh("name_zh", "Name"), _en("name_en", "Name"), _zh("nickname_zh", "Nickname in brackets"),
        _en("nickname_en", "Nickname"), _zh("criterion_zh", "Classification criterion"),
        _en("criterion_en", "Classification criterion"),
        Column("claimed_degree", "float", "Convergence degree the seed asserts", unit="fraction", minimum=0, maximum=1),
        Column("certainty_stars", "int", "Certainty rating of the seed", unit="stars (of 5)", minimum=1, maximum=5),
        _zh("controversy_zh", "Controversy focus"), _en("controversy_en", "Controversy focus"),
    ), key=("level_id",)),
    _framework("level_thresholds", "Quantitative criteria of the levels, as the seeds state them", (
        _id("threshold_id", "Threshold"), _ref("level_id", "levels.level_id", "Level the criterion defines"),
        Column("measure", "enum", "What the criterion measures",
               allowed=("effective_alternatives", "leader_share", "option_count", "winner_varies_by_scenario")),
        Column("operator", "enum", "Comparison the criterion makes", allowed=COMPARATORS),
        Column("value", "float", "Threshold value (shares as fractions, counts as numbers)"),
        _zh("quote_zh", "Verbatim wording in the seed"),
    ), key=("threshold_id",)),
    _framework("level_profiles", "Qualitative profiles of L0 and L1 given by the L0 document", (
        _id("profile_id", "Profile entry"), _ref("level_id", "levels.level_id", "Level"),
        Column("dimension", "enum", "Dimension of the profile",
               allowed=("adoption", "research_investment", "controversy", "certainty", "convergence_degree")),
        _zh("value_zh", "Characteristic"), _en("value_en", "Characteristic"),
        _zh("status_2025_zh", "The seed's 2025 status", required=False),
        _en("status_2025_en", "The seed's 2025 status", required=False),
    ), key=("profile_id",)),
    _framework("areas", "Technology areas the matrix places on each level", (
        _id("area_id", "Technology area"), _ref("level_id", "levels.level_id", "Level the seed assigns"),
        _order(), _zh("name_zh", "Name"), _en("name_en", "Name"),
        _zh("matrix_text_zh", "Wording in the classification matrix"),
    ), key=("area_id",)),
    _framework("options", "Rival options within each technology area (only those the seeds name)", (
        _id("option_id", "Option"), _ref("area_id", "areas.area_id", "Area"),
        _zh("name_zh", "Name"), _en("name_en", "Name"),
    ), key=("option_id",)),
    _framework("adoption_shares", "Adoption shares of options by scenario, where the seeds give them", (
        _ref("area_id", "areas.area_id", "Area"), _ref("option_id", "options.option_id", "Option"),
        _id("scenario", "Scenario the share applies to ('all' when the seed does not split by scenario)"),
        Column("share", "float", "Adoption share", unit="fraction", minimum=0, maximum=1),
        Column("year", "int", "Year the share describes, if the seed says", required=False, minimum=2000, maximum=2100),
    ), key=("area_id", "option_id", "scenario"), group_sums=(GroupSum("share", ("area_id", "scenario", "year")),)),
    _framework("option_attributes", "Strengths, weaknesses and features of the L0 rival options", (
        _ref("option_id", "options.option_id", "Option"),
        Column("attribute", "enum", "Attribute",
               allowed=("strengths", "weaknesses", "research_investment", "technical_features")),
        _zh("value_zh", "Value"), _en("value_en", "Value"),
    ), key=("option_id", "attribute")),
    _framework("products", "Representative products the seeds name for an option", (
        _ref("option_id", "options.option_id", "Option"), Column("product", "text", "Product name as written"),
    ), key=("option_id", "product")),
    _framework("pyramid_layers", "The four layers of the convergence pyramid", (
        _id("layer_id", "Pyramid layer"), Column("tier", "int", "1 at the base to 4 at the top", minimum=1, maximum=4),
        _zh("name_zh", "Name"), _en("name_en", "Name"), _zh("signal_zh", "Signal in the pyramid diagram"),
        _en("signal_en", "Signal"), _zh("reading_zh", "The overview's reading of the layer"),
        _en("reading_en", "Reading of the layer"),
    ), key=("layer_id",)),
    _framework("pyramid_open_fronts", "Unconverged areas attached to the pyramid (未收敛区域)", (
        _id("front_id", "Open front"), _ref("linked_layer_id", "pyramid_layers.layer_id", "Pyramid layer it hangs from"),
        _zh("name_zh", "Name"), _en("name_en", "Name"), _zh("detail_zh", "Detail"), _en("detail_en", "Detail"),
    ), key=("front_id",)),
    _framework("caict_layers", "The five-layer table (信通院 2025 框架)", (
        _id("layer_id", "CAICT layer"), _order(), _zh("name_zh", "Name"), _en("name_en", "Name"),
        _zh("status_zh", "Convergence status"), _en("status_en", "Convergence status"),
        _zh("technical_form_zh", "Technical form"), _en("technical_form_en", "Technical form"),
        _zh("market_structure_zh", "Market structure"), _en("market_structure_en", "Market structure"),
        Column("predictability_stars", "int", "Predictability rating", unit="stars (of 5)", minimum=1, maximum=5),
        _zh("predictability_note_zh", "Predictability note"), _en("predictability_note_en", "Predictability note"),
        _zh("improvement_zh", "Room for improvement"), _en("improvement_en", "Room for improvement"),
    ), key=("layer_id",)),
    _framework("convergence_layers", "The five layers of Part III (03.2.1–03.2.5) and their counterparts", (
        _id("layer_id", "Layer"), _order(), _ref("doc_id", "sub_documents.doc_id", "Sub-document"),
        _zh("name_zh", "Name"), _en("name_en", "Name"),
        _ref("pyramid_layer_id", "pyramid_layers.layer_id", "Matching pyramid layer (same name in the seed)", required=False),
        _ref("caict_layer_id", "caict_layers.layer_id",
             "Closest CAICT layer: this book's editorial mapping, not stated by the seed", required=False),
        _definition(),
    ), key=("layer_id",)),
    _framework("driver_groups", "The four groups of the drivers diagram", (
        _id("group_id", "Driver group"), _order(), _ref("doc_id", "sub_documents.doc_id", "Sub-document"),
        _zh("name_zh", "Name"), _en("name_en", "Name"),
        _definition(),
    ), key=("group_id",)),
    _framework("drivers", "Cause → effect arrows of the drivers diagram", (
        _id("driver_id", "Driver"), _ref("group_id", "driver_groups.group_id", "Group"), _order(),
        _zh("cause_zh", "Cause"), _en("cause_en", "Cause"), _zh("effect_zh", "Effect"), _en("effect_en", "Effect"),
    ), key=("driver_id",)),
    _framework("forces", "The four anti-convergence forces with mechanism and effect", (
        _id("force_id", "Force"), _order(), _zh("name_zh", "Name"), _en("name_en", "Name"),
        _zh("example_zh", "Contrast shown in the core-factor diagram"), _en("example_en", "Contrast"),
        _zh("mechanism_zh", "Mechanism"), _en("mechanism_en", "Mechanism"),
        _zh("effect_zh", "Divergence effect"), _en("effect_en", "Divergence effect"),
        Column("example_note_en", "text", "This book's note on the contrast cell, where the seed's wording needs one",
               required=False),
    ), key=("force_id",)),
    _framework("force_chains", "Steps of each force's divergence chain (mechanism diagram)", (
        _ref("force_id", "forces.force_id", "Force"), Column("step", "int", "Step in the chain", minimum=1),
        _zh("node_zh", "Node"), _en("node_en", "Node"),
    ), key=("force_id", "step")),
    _framework("force_effects", "Listed divergence effects of each force", (
        _ref("force_id", "forces.force_id", "Force"), _order(),
        _zh("effect_zh", "Effect"), _en("effect_en", "Effect"),
        _zh("explanation_zh", "Explanation"), _en("explanation_en", "Explanation"),
    ), key=("force_id", "order")),
    _framework("force_cases", "Divergence cases the seed gives for each force", (
        _ref("force_id", "forces.force_id", "Force"), _order(),
        _zh("case_zh", "Case"), _en("case_en", "Case"),
    ), key=("force_id", "order")),
    _framework("system_layers", "Execution, control and data layers of the three-layer model", (
        _id("system_layer_id", "System layer"), _order(), _zh("name_zh", "Name"), _en("name_en", "Name"),
        _definition(),
    ), key=("system_layer_id",)),
    _framework("force_layer_effects", "What the anti-convergence forces split in each system layer", (
        _ref("system_layer_id", "system_layers.system_layer_id", "System layer"), _order(),
        _zh("effect_zh", "Effect"), _en("effect_en", "Effect"),
    ), key=("system_layer_id", "order")),
    _framework("timeline_tasks", "Tasks of the 2023–2027 Gantt chart", (
        _id("task_id", "Task"), _ref("layer_id", "convergence_layers.layer_id", "Layer (Gantt section)"), _order(),
        _zh("name_zh", "Name"), _en("name_en", "Name"),
        Column("start", "date", "Start date (empty for a milestone)", required=False),
        Column("end", "date", "End date, or the date of a milestone"),
        Column("seed_status", "enum", "Status the seed gives", allowed=("done", "active", "none")),
        Column("critical", "bool", "Marked critical ('crit') by the seed"),
        Column("milestone", "bool", "A milestone rather than a task"),
    ), key=("task_id",), ordered=(Ordered("start", "end"),)),
    _framework("caict_layer_levels", "The five-layer table's statuses read as levels, with the options each layer names", (
        _ref("layer_id", "caict_layers.layer_id", "CAICT layer"),
        _ref("level_id", "levels.level_id", "Level whose name the status matches (empty: none)", required=False),
        _en("basis_en", "Why the status maps to that level"),
        Column("technical_form_options", "int", "Rival options the technical form names (empty: no count)",
               required=False, minimum=1),
        Column("market_structure_options", "int", "Rival options the market structure names (empty: no count)",
               required=False, minimum=1),
    ), key=("layer_id",)),
    _framework("predictions", "The four dated predictions of the overview", (
        _id("prediction_id", "Prediction"), _order(),
        Column("due_quarter", "text", "Quarter the prediction is due", pattern=r"^\d{4}Q[1-4]$"),
        _ref("layer_id", "convergence_layers.layer_id", "Layer this book assigns the prediction to "
             "(the book's mapping: the seed lists the predictions without naming a layer)"),
        _zh("statement_zh", "Statement"), _en("statement_en", "Statement"),
    ), key=("prediction_id",)),  # outcomes are recorded, with their sources, in editorial/prediction_outcomes.csv
    _framework("conclusions", "Theses, principles and recommendations of the overview's conclusions", (
        _id("item_id", "Item"), Column("kind", "enum", "Kind", allowed=("thesis", "insight", "principle", "recommendation")),
        _order(), _zh("title_zh", "Title"), _en("title_en", "Title"), _zh("detail_zh", "Detail"), _en("detail_en", "Detail"),
    ), key=("item_id",)),
    _framework("claims", "Every quantitative claim of the seeds, for the audit", (
        _id("claim_id", "Claim"), _id("topic", "Topic"),
        _zh("quote_zh", "Verbatim wording in the seed (markdown emphasis removed)"),
        _en("statement_en", "What the claim says"),
        Column("value", "float", "Claimed value (shares as fractions)"),
        Column("value_high", "float", "Upper end when the claim is a range", required=False),
        Column("operator", "enum", "How the value is asserted", allowed=COMPARATORS),
        Column("unit", "enum", "Unit of the value",
               allowed=("fraction", "count", "multiple", "stars", "tokens", "year")),
        Column("year", "int", "Year the claim describes, if stated", required=False, minimum=2000, maximum=2100),
        Column("ref", "text", "Cell of another table holding the same value: 'table:key:column' "
               "(composite keys joined by '/')", required=False, pattern=r"^[a-z_]+:[^:]+:[a-z_]+$"),
    ), key=("claim_id",), mirrors=(Mirror("value", "ref"),)),
    _framework("scenario_analysis", "The L0 document's scenario-split analysis (场景撕裂分析) as lists", (
        _id("item_id", "Item"), Column("section", "enum", "Which list of the seed", allowed=("scenario_split", "technical_features")),
        _order(), _zh("term_zh", "Term"), _en("term_en", "Term"),
        _zh("statement_zh", "Statement"), _en("statement_en", "Statement"),
    ), key=("item_id",)),
    _framework("document_conclusions", "Core conclusions (核心结论) of the two sub-documents given in full", (
        _ref("doc_id", "sub_documents.doc_id", "Sub-document"), _order(),
        _zh("title_zh", "Conclusion"), _en("title_en", "Conclusion"), _zh("detail_zh", "Detail"), _en("detail_en", "Detail"),
    ), key=("doc_id", "order")),
    _framework("seed_references", "Related topics and references the seeds list (none is a citable work)", (
        Column("seed_id", "text", "Seed that lists the reference", references="seeds.seed_id"),
        Column("section", "enum", "List it appears in", allowed=("related", "internal", "academic", "technical")),
        _order(), _zh("title_zh", "Title as listed"), _en("title_en", "Title"),
        Column("period", "text", "Period the seed gives, if any", required=False),
    ), key=("seed_id", "order")),
    _framework("quotes", "Verbatim non-numeric statements of the seeds (quoted wording, attributions, notes)", (
        _id("quote_id", "Quote"), _order("Position in this book's reading order of the overview"),
        Column("speaker", "text", "Who the seed attributes the words to, if anyone", required=False),
        _zh("quote_zh", "Verbatim wording in the seed (markdown emphasis removed)"),
        _en("statement_en", "What the quote says"),
    ), key=("quote_id",)),
    _framework("glossary_terms", "Framework terms that no other table names", (
        _id("term_id", "Term"), _zh("name_zh", "Term"), _en("name_en", "Term"),
        Column("definition_en", "text", "Definition in this book's words"),
    ), key=("term_id",)),
)
# fmt: on

TABLES: dict[str, Table] = {
    table.name: table for table in FRAMEWORK_TABLES + PROCESSED_TABLES + EDITORIAL_TABLES + OBSERVATION_TABLES
}
