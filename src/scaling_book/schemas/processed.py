"""Schemas of ``data/processed/``: the tables that :mod:`scaling_book.pipelines.epoch` derives from Epoch AI's files.

Every processed row names its ``dataset``; the manifest row of that dataset gives the
source, URL, licence, snapshot date, SHA-256 and row counts of the raw file.
"""

from __future__ import annotations

from scaling_book.schemas.table import Column, Table

EPOCH_LICENCE = "CC BY 4.0 (Epoch AI, https://epoch.ai/data); derived tables by this book under the same licence"
EPOCH_PROVENANCE = (
    "Derived by scaling_book.pipelines.epoch from Epoch AI's files; see data/processed/epoch_manifest.csv"
)

MODEL_DATASETS = ("notable", "all")
DATASETS = MODEL_DATASETS + ("benchmarks",)
COUNTRY_GROUPS = ("all", "United States", "China")
BENCHMARK_TASKS = ("GPQA diamond", "MATH level 5")
EXCLUSION_REASONS = ("missing", "unparseable", "out of scope")
EXCLUSION_ACTIONS = ("row dropped", "value treated as unknown")
# Column of epoch_hardware_by_year for hardware in none of data/editorial/hardware_families.csv's families.
OTHER_HARDWARE = "other"

DATASET = Column(
    "dataset",
    "id",
    "Epoch dataset the row comes from (its provenance is in epoch_manifest)",
    references="epoch_manifest.dataset",
)


def _count(name: str, description: str) -> Column:
    return Column(name, "int", description, unit="models", minimum=0)


def _year() -> Column:
    return Column("year", "int", "Calendar year of the publication date", minimum=1900, maximum=2100)


def _processed(name: str, description: str, columns: tuple[Column, ...], key: tuple[str, ...]) -> Table:
    return Table(
        name=name,
        path=f"processed/{name}.csv",
        description=description,
        columns=columns,
        key=key,
        provenance=EPOCH_PROVENANCE,
        licence=EPOCH_LICENCE,
    )


PROCESSED_TABLES: tuple[Table, ...] = (
    _processed(
        "epoch_manifest",
        "Provenance of every Epoch AI file the pipeline was given or expected",
        (
            Column("dataset", "id", "Short name of the dataset", allowed=DATASETS),
            Column("file", "text", "File name the pipeline reads"),
            Column("title", "text", "Dataset title as Epoch AI publishes it"),
            Column("url", "text", "Dataset page", pattern=r"^https://epoch\.ai/"),
            Column("licence", "text", "Licence of the raw data"),
            Column(
                "status",
                "enum",
                "Whether the file was read or absent (optional files only)",
                allowed=("read", "absent"),
            ),
            Column(
                "snapshot_date",
                "date",
                "Newest publication date in the file (empty when it has no dates)",
                required=False,
            ),
            Column("sha256", "text", "SHA-256 of the raw file", required=False, pattern=r"^[0-9a-f]{64}$"),
            Column("rows_raw", "int", "Data rows in the raw file", required=False, minimum=0),
            Column("rows_kept", "int", "Rows that enter the processed tables", required=False, minimum=0),
            Column("rows_dropped", "int", "Rows left out (reasons in epoch_exclusions)", required=False, minimum=0),
            Column(
                "columns_note",
                "text",
                "How this release's columns were read: aliases mapped, flags derived, optional columns absent",
                required=False,
            ),
        ),
        key=("dataset",),
    ),
    _processed(
        "epoch_exclusions",
        "Rows and values the pipeline left out, counted by file, column and reason",
        (
            DATASET,
            Column("column", "text", "Column of the raw file (name the pipeline uses)"),
            Column("reason", "enum", "What was wrong", allowed=EXCLUSION_REASONS),
            Column("action", "enum", "What the pipeline did", allowed=EXCLUSION_ACTIONS),
            Column("rows", "int", "Rows affected", minimum=1),
            Column("first_line", "int", "Line of the raw file where it first occurs", minimum=2),
            Column("example", "text", "The first offending value, as written (empty when missing)", required=False),
        ),
        key=("dataset", "column", "reason"),
    ),
    _processed(
        "epoch_compute",
        "Notable models with a publication date and a training compute estimate",
        (
            DATASET,
            Column("model", "text", "Model name as Epoch AI writes it"),
            Column("publication_date", "date", "Publication date"),
            Column("training_compute_flop", "float", "Training compute", unit="FLOP", minimum=0),
            Column("frontier", "bool", "Epoch AI's 'Frontier model' flag (empty when unreadable)", required=False),
        ),
        key=("dataset", "model", "publication_date"),
    ),
    _processed(
        "epoch_models_by_year",
        "Dated models per year: counts behind the openness and MoE shares",
        (
            DATASET,
            _year(),
            _count("models", "Models published in the year"),
            _count("organization_known", "Models with an organisation listed"),
            _count("accessibility_known", "Models whose 'Model accessibility' is filled in"),
            _count("open_weights", "Models whose accessibility starts with 'Open weights'"),
            _count("language_models", "Models whose domain includes 'Language'"),
            _count("moe_known", "Language models with a readable MoE flag"),
            _count("moe_flagged", "Language models flagged as mixture-of-experts (keyword heuristic)"),
        ),
        key=("dataset", "year"),
    ),
    _processed(
        "epoch_org_year",
        "Models per year by first listed organisation",
        (
            DATASET,
            _year(),
            Column("organization", "text", "First organisation listed in 'Organization'"),
            _count("models", "Models of the organisation published in the year"),
        ),
        key=("dataset", "year", "organization"),
    ),
    _processed(
        "epoch_hardware_by_year",
        "Models per year whose training hardware mentions each family",
        (
            DATASET,
            _year(),
            Column(
                "country",
                "enum",
                "Rows whose country list mentions this country ('all': every row)",
                allowed=COUNTRY_GROUPS,
            ),
            _count("hardware_known", "Models with 'Training hardware' filled in"),
            _count("nvidia", "Of those, hardware mentions NVIDIA"),
            _count("google_tpu", "Of those, hardware mentions a Google TPU"),
            _count("huawei_ascend", "Of those, hardware mentions Huawei Ascend"),
            _count(OTHER_HARDWARE, "Of those, hardware mentions anything else"),
        ),
        key=("dataset", "year", "country"),
    ),
    _processed(
        "epoch_benchmark_scores",
        "Best score of each model on the two benchmarks analysed",
        (
            DATASET,
            Column("task", "enum", "Benchmark", allowed=BENCHMARK_TASKS),
            Column("model", "text", "Model id as the Benchmarking Hub writes it"),
            Column(
                "best_score",
                "float",
                "Highest 'Best score (across scorers)' over the model's runs",
                unit="fraction",
                minimum=0,
                maximum=1,
            ),
            Column("runs", "int", "Runs of the model on the task", minimum=1),
        ),
        key=("dataset", "task", "model"),
    ),
)

# The per-model table combines two releases of Notable AI Models by period (scaling_book.pipelines.epoch_releases).
RELEASE_DATASETS = ("notable", "notable_2026_04")
# Country group of epoch_models for a country outside COUNTRY_GROUPS.
OTHER_COUNTRY = "other"
MATCH_KINDS = ("same", "renamed", "only older", "only newer")
MODEL_EXCLUSION_REASONS = EXCLUSION_REASONS + ("disagrees with notes",)
MODEL_EXCLUSION_ACTIONS = EXCLUSION_ACTIONS + ("value kept as given",)
RELEASE_PROVENANCE = (
    "Derived by scaling_book.pipelines.epoch from two releases of Epoch AI's Notable AI Models; "
    "see data/processed/epoch_releases.csv"
)
RELEASE = Column(
    "dataset",
    "id",
    "Release file the row comes from (its provenance is in epoch_releases)",
    references="epoch_releases.dataset",
)


def _release_table(name: str, description: str, columns: tuple[Column, ...], key: tuple[str, ...]) -> Table:
    return Table(
        name=name,
        path=f"processed/{name}.csv",
        description=description,
        columns=columns,
        key=key,
        provenance=RELEASE_PROVENANCE,
        licence=EPOCH_LICENCE,
    )


def _optional(name: str, kind: str, description: str, **options: object) -> Column:
    return Column(name, kind, description, required=False, **options)  # type: ignore[arg-type]


MODEL_TABLES: tuple[Table, ...] = (
    _release_table(
        "epoch_releases",
        "Provenance of the releases epoch_models combines, and the period each supplies",
        (
            Column("dataset", "id", "Short name of the release file", allowed=RELEASE_DATASETS),
            _optional(
                "release",
                "text",
                "Month of the file's newest publication date (empty when absent)",
                pattern=r"^\d{4}-\d{2}$",
            ),
            Column("file", "text", "File name the pipeline reads"),
            Column("title", "text", "Dataset title as Epoch AI publishes it"),
            Column("url", "text", "Dataset page", pattern=r"^https://epoch\.ai/"),
            Column("licence", "text", "Licence of the raw data"),
            Column("copy_of", "text", "Where this copy of the file comes from"),
            _optional("covers_from", "date", "First publication date an extract holds (empty: the whole release)"),
            Column("status", "enum", "Whether the file was read or not supplied", allowed=("read", "absent")),
            _optional("snapshot_date", "date", "Newest publication date in the file"),
            _optional("sha256", "text", "SHA-256 of the raw file", pattern=r"^[0-9a-f]{64}$"),
            _optional("rows_raw", "int", "Data rows in the raw file", minimum=0),
            _optional("rows_kept", "int", "Dated rows the pipeline could read", minimum=0),
            _optional("rows_dropped", "int", "Rows left out (reasons in epoch_model_exclusions)", minimum=0),
            _optional("period_from", "date", "First publication date taken from this release (empty: no lower bound)"),
            _optional("period_to", "date", "Last publication date taken from this release (empty: no upper bound)"),
            Column("models", "int", "Rows of epoch_models taken from this release", unit="models", minimum=0),
            _optional("columns_note", "text", "How this file's columns and values were read"),
        ),
        key=("dataset",),
    ),
    _release_table(
        "epoch_model_exclusions",
        "Rows and values left out of epoch_models, by release, column and reason",
        (
            RELEASE,
            Column("column", "text", "Column of the raw file (name the pipeline uses)"),
            Column("reason", "enum", "What was wrong", allowed=MODEL_EXCLUSION_REASONS),
            Column("action", "enum", "What the pipeline did", allowed=MODEL_EXCLUSION_ACTIONS),
            Column("rows", "int", "Rows affected", minimum=1),
            Column("first_line", "int", "Line of the raw file where it first occurs", minimum=2),
            _optional("example", "text", "The first offending value, as written (empty when missing)"),
        ),
        key=("dataset", "column", "reason"),
    ),
    _release_table(
        "epoch_models",
        "One row per notable model, older release before the seam and newer from it",
        (
            RELEASE,
            Column(
                "release", "text", "Release the row comes from (month of its newest date)", pattern=r"^\d{4}-\d{2}$"
            ),
            Column("model", "text", "Model name as Epoch AI writes it"),
            _optional("organization", "text", "Organisations as Epoch AI lists them (comma-separated)"),
            _optional("lead_organization", "text", "First organisation listed"),
            _optional("organization_category", "text", "Epoch AI's 'Organization categorization', as given"),
            Column("publication_date", "date", "Publication date"),
            _year(),
            _optional(
                "countries",
                "text",
                "Country groups of the organisations ('United States', 'China', 'other'; ';'-joined)",
            ),
            _optional("domain", "text", "Epoch AI's 'Domain', as given (comma-separated when several)"),
            Column("language", "bool", "Whether the domain includes 'Language'"),
            _optional(
                "hardware_families",
                "text",
                "Families of data/editorial/hardware_families.csv the training "
                "hardware mentions, and 'other' (';'-joined)",
            ),
            _optional("accessibility", "text", "Epoch AI's 'Model accessibility', as given"),
            _optional("open_weights", "bool", "Epoch AI's 'Open model weights?' (releases that give it)"),
            _optional("base_model", "text", "Epoch AI's 'Base model', as given"),
            _optional("parameters", "float", "Parameters", unit="parameters", minimum=0),
            _optional("training_compute_flop", "float", "Training compute", unit="FLOP", minimum=0),
            _optional("confidence", "text", "Epoch AI's 'Confidence' in its estimates, as given"),
            _optional("frontier", "bool", "Epoch AI's 'Frontier model' flag (empty when unreadable)"),
            _optional(
                "moe_flag", "bool", "Mixture-of-experts by the keyword heuristic on parameter notes (see README)"
            ),
        ),
        key=("publication_date", "model"),
    ),
    _release_table(
        "epoch_release_revisions",
        "Models of the overlap window in each release: match and revised values",
        (
            Column("model", "text", "Model name (the newer release's when it has the model)"),
            _optional("model_older", "text", "Name in the older release (empty: not there)"),
            _optional("model_newer", "text", "Name in the newer release (empty: not there)"),
            _optional("organization", "text", "Organisations as listed (the newer release's when it has the model)"),
            Column("publication_date", "date", "Publication date (the newer release's when it has the model)"),
            Column("match", "enum", "How the model was matched between releases", allowed=MATCH_KINDS),
            Column("differing", "int", "Fields whose values differ between the releases", minimum=0),
            _optional("field", "text", "Column of epoch_models whose value differs (empty: none)"),
            _optional("value_older", "text", "Its value in the older release"),
            _optional("value_newer", "text", "Its value in the newer release"),
        ),
        key=("model", "publication_date", "field"),
    ),
)
PROCESSED_TABLES = PROCESSED_TABLES + MODEL_TABLES
