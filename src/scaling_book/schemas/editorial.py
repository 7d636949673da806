"""Schemas of ``data/editorial/``: the book's own editorial choices, as data that can be cited and changed.

Mappings, coding rules, display names and readings of seed terms that the analysis or the text
depends on. Every row says where it comes from in ``basis``: ``book's choice`` when the book
decided it, or a source (a seed reference, a dataset with its version, or a URL with publisher
and date). Changing a row re-executes the chapters that read the table, like any data file.
"""

from __future__ import annotations

from scaling_book.schemas.editorial_audit import audit_tables, event_tables
from scaling_book.schemas.editorial_base import editorial
from scaling_book.schemas.editorial_book import book_tables
from scaling_book.schemas.editorial_scorecard import scorecard_tables
from scaling_book.schemas.table import Column, Table

MOE_LABELS = ("moe", "dense", "undisclosed")
# How directly the source says it: in so many words, through the model it is built on (same
# architecture, stated there), from a full architecture description that has no expert layers, or not at all.
MOE_STATEMENTS = ("explicit", "lineage", "architecture", "not_stated")
# What the fact-check did with a statement of the book's own prose about the world.
FACT_VERDICTS = ("supported", "corrected", "removed")

# The tests of scaling_book.analysis.audit_claims that a row of audit_claim_checks may name.
AUDIT_CHECKS = (
    "players_multiple",
    "forecast",
    "milestone",
    "window",
    "unsourced",
    "within_count",
    "share_left",
    "same_statement",
    "untestable",
)

# The atlas's coding rules (scaling_book.analysis.atlas implements the populations and the matches).
ATLAS_POPULATIONS = (
    "all",
    "hardware_known",
    "release_known",
    "derived",
    "language_with_parameters",
    "large_language",
    "large",
)
ATLAS_FIELDS = (
    "hardware_families",
    "accessibility",
    "base_model",
    "parameters",
    "moe_flag",
    "domain",
    "countries",
    "parent_organization",
)
ATLAS_WEIGHT_FIELDS = ("training_compute_flop",)
ATLAS_SCENARIO_FIELDS = ("countries",)
ATLAS_INFORMS_KINDS = ("area", "layer", "force", "pyramid")
ATLAS_FITS = ("close", "loose")
ATLAS_MATCHES = ("equals", "prefix", "contains", "at_most", "above", "flag_true", "flag_false", "other", "each")

# Each helper/author appends its tables here (one entry per table, in the order of the book's parts).
EDITORIAL_TABLES: tuple[Table, ...] = (
    editorial(
        "hardware_families",
        "Accelerator families the evidence chapters tell apart in Epoch's 'Training hardware' "
        "column; hardware that matches none of them counts as 'Other'",
        (
            Column("family_id", "id", "Family, as the column of epoch_hardware_by_year that counts it"),
            Column("order", "int", "Position in tables and charts", minimum=1),
            Column("name_en", "text", "Name shown to the reader"),
            Column(
                "match_prefix",
                "text",
                "A hardware item belongs to the family when its name starts with this (case-insensitive)",
            ),
        ),
        key=("family_id",),
    ),
    editorial(
        "audit_claim_checks",
        "Claims of the seeds that the audit tests in their own way (the others are tested "
        "through the table their value mirrors): which test, the rows it compares the claim with, and what "
        "is missing when no test is possible",
        (
            Column("claim_id", "id", "Claim", references="claims.claim_id"),
            Column(
                "check",
                "enum",
                "Test applied: the stated multiple against the counts it summarises, a forecast "
                "against the as-of date, a Gantt milestone against its dated prediction, a forecast window against "
                "the layer's dates, an unsourced figure, a count within another count, the share a count leaves to "
                "the others, two statements of the same figure, or nothing to test against",
                allowed=AUDIT_CHECKS,
            ),
            Column(
                "compared_claim",
                "id",
                "Claim whose value the test compares with (the earlier count, the total, or the other statement)",
                required=False,
                references="claims.claim_id",
            ),
            Column(
                "second_claim",
                "id",
                "Second claim the test reads (the later count, or the firms holding the share)",
                required=False,
                references="claims.claim_id",
            ),
            Column(
                "task_id",
                "id",
                "Gantt task that dates the same forecast",
                required=False,
                references="timeline_tasks.task_id",
            ),
            Column(
                "prediction_id",
                "id",
                "Dated prediction that states the same forecast",
                required=False,
                references="predictions.prediction_id",
            ),
            Column(
                "layer_id",
                "id",
                "Layer whose dates a forecast window is tested against",
                required=False,
                references="convergence_layers.layer_id",
            ),
            Column(
                "reason_en",
                "text",
                "What is missing for a test, shown as the check's arithmetic (for figures with "
                "no source and statements nothing can test)",
                required=False,
            ),
        ),
        key=("claim_id",),
    ),
    editorial(
        "glossary_sources",
        "Framework columns whose English/Chinese pairs are the glossary's terms: the kind "
        "of term and, for a table without its own definitions, how a term's definition is composed",
        (
            Column(
                "order",
                "int",
                "Position; a term several columns name takes the kind and definition of the first",
                minimum=1,
            ),
            Column("table", "id", "Framework table that names the terms"),
            Column("english_column", "id", "Its column of English terms"),
            Column("chinese_column", "id", "Its column of the same terms in Chinese"),
            Column("kind", "text", "Kind of term, shown in the glossary"),
            Column(
                "definition",
                "text",
                "Definition composed from the term's row: each {column} is replaced by the "
                "row's value (empty: the table's definition_en column, or no definition)",
                required=False,
            ),
        ),
        key=("table", "english_column"),
    ),
    editorial(
        "glossary_exclusions",
        "English/Chinese column pairs of the framework that hold sentences or values, "
        "not terms, and are left out of the glossary",
        (
            Column("table", "id", "Framework table"),
            Column("english_column", "id", "Its English column (the Chinese one has the same name ending in _zh)"),
            Column("reason", "text", "What the column holds, and so why it is not a term"),
        ),
        key=("table", "english_column"),
    ),
    editorial(
        "framework_table_names",
        "How the prose names a framework table; a table not listed is named by its description in the registry",
        (
            Column("table", "id", "Framework table"),
            Column("prose_name", "text", "Name used in a sentence, e.g. 'the pyramid'"),
        ),
        key=("table",),
    ),
    editorial(
        "parent_companies",
        "Epoch organisation names that are units of one company, and the company that "
        "owns them, merged only as a sensitivity check of concentration; well-known ownership (DeepMind is "
        "Alphabet's since 2014, Facebook renamed itself Meta in 2021, the research labs are units of their "
        "companies), acquisition dates ignored; names not listed stand for themselves",
        (
            Column("organization", "text", "Organisation as Epoch's 'Organization' field names it"),
            Column("parent", "text", "Company it is merged into"),
        ),
        key=("organization",),
    ),
    editorial(
        "moe_labels",
        "A hand-labelled sample of large language models (Epoch 'Domain' contains Language, "
        "training compute at least 1e23 FLOP, published 2020 or later) saying, from a public source of the "
        "developer, whether each is a mixture-of-experts or a dense model; it checks the keyword heuristic "
        "'MoE (from parameter notes)'. The sample is the book's choice: every model the heuristic flags for "
        "which a source was found, plus well-known and dense-flagged models across 2021-2026",
        (
            Column("model", "text", "Model, exactly as Epoch writes it (surrounding white space aside)"),
            Column("organization", "text", "Organization, as Epoch writes it"),
            Column("publication_date", "date", "Epoch's publication date of the model"),
            Column(
                "label", "enum", "What the source says: mixture-of-experts, dense, or not disclosed", allowed=MOE_LABELS
            ),
            Column(
                "statement",
                "enum",
                "How directly the source says it (explicit, through the base model, from an "
                "architecture with no expert layers, or not stated)",
                allowed=MOE_STATEMENTS,
            ),
            Column(
                "source_url",
                "text",
                "Public source: the developer's paper, technical report, model card, repository or announcement",
                pattern=r"^https?://\S+$",
            ),
            Column("publisher", "text", "Who published the source"),
            Column(
                "source_date",
                "text",
                "Publication date of the source (YYYY-MM-DD, or YYYY-MM when only the month is known)",
                pattern=r"^\d{4}-\d{2}(-\d{2})?$",
            ),
            Column("evidence_en", "text", "What the source says, paraphrased"),
        ),
        key=("model", "publication_date"),
    ),
    editorial(
        "fact_checks",
        "Every statement the book's own prose makes about the world (who introduced what and when, what a "
        "benchmark or a dataset shows), checked against a public source: supported as written, corrected in "
        "the prose, or removed from it; tests/test_fact_checks.py fails when a sentence of that kind has no row",
        (
            Column("fact_id", "id", "Identifier of the statement"),
            Column("page", "text", "Page that makes it (docname, e.g. chapters/levels/l4)"),
            Column("claim_en", "text", "The statement as the book makes it (after any correction), in short"),
            Column("verdict", "enum", "What the check did with it", allowed=FACT_VERDICTS),
            Column(
                "source_url",
                "text",
                "Public source: paper, technical report, documentation or announcement (empty for a removed "
                "statement that no source supports)",
                required=False,
                pattern=r"^https?://\S+$",
            ),
            Column("publisher", "text", "Who published the source", required=False),
            Column(
                "source_date",
                "text",
                "Publication date of the source (YYYY-MM-DD, or YYYY-MM when only the month is known)",
                required=False,
                pattern=r"^\d{4}-\d{2}(-\d{2})?$",
            ),
            Column("note_en", "text", "What the source says, paraphrased, and what was changed"),
        ),
        key=("fact_id",),
    ),
    editorial(
        "atlas_areas",
        "Evidence areas of the atlas: each measures a yearly share series from epoch_models with a coding rule "
        "(data/editorial/atlas_options.csv), on a named population of models, and says which area, layer or force "
        "of the seeds it informs and how closely",
        (
            Column("area_id", "id", "Evidence area"),
            Column("order", "int", "Position in tables and charts", minimum=1),
            Column("name_en", "text", "Name shown to the reader"),
            Column(
                "population",
                "enum",
                "Models the shares are taken over (a filter of scaling_book.analysis.atlas); models whose "
                "option field is empty are left out as well",
                allowed=ATLAS_POPULATIONS,
            ),
            Column(
                "option_field",
                "enum",
                "Column of epoch_models the coding rule reads (parent_organization: the lead organisation merged "
                "into its parent company by data/editorial/parent_companies.csv)",
                allowed=ATLAS_FIELDS,
            ),
            Column(
                "scenario_field",
                "enum",
                "Column of epoch_models that splits the area into scenarios (empty: no split)",
                required=False,
                allowed=ATLAS_SCENARIO_FIELDS,
            ),
            Column("min_n", "int", "Fewest models behind a year's shares for the year to be measurable", minimum=1),
            Column("informs_kind", "enum", "Kind of framework item the area informs", allowed=ATLAS_INFORMS_KINDS),
            Column(
                "informs_id",
                "id",
                "The item: an id of data/framework areas, convergence_layers, forces or pyramid_layers",
            ),
            Column("fit", "enum", "How closely the measure matches the item", allowed=ATLAS_FITS),
            Column("fit_note", "text", "What the measure captures of the item, and where the mapping is loose"),
            Column(
                "weight_field",
                "enum",
                "Column of epoch_models weighting each model's share (empty: each model counts once)",
                required=False,
                allowed=ATLAS_WEIGHT_FIELDS,
            ),
        ),
        key=("area_id",),
    ),
    editorial(
        "atlas_options",
        "Coding rules of the atlas: the options of each evidence area, each with the rule that assigns a model "
        "to it; rules are tried in order, 'other' takes the rest and 'each' makes every value the population holds "
        "an option of its own",
        (
            Column("area_id", "id", "Evidence area", references="atlas_areas.area_id"),
            Column("option_id", "id", "Option"),
            Column("order", "int", "Position in the area: rules are tried in this order", minimum=1),
            Column("name_en", "text", "Name shown to the reader"),
            Column("match", "enum", "How the rule compares the field with the value", allowed=ATLAS_MATCHES),
            Column(
                "value",
                "text",
                "What the field is compared with (text rules: alternatives separated by '|', case-insensitive; "
                "at_most/above: a number; empty for flag_true, flag_false, other and each)",
                required=False,
            ),
        ),
        key=("area_id", "option_id"),
    ),
)

# The scorecard's criteria and outcomes, the book's own measures and terms, and the audit's tables, last.
EDITORIAL_TABLES = EDITORIAL_TABLES + scorecard_tables() + book_tables() + audit_tables() + event_tables()
