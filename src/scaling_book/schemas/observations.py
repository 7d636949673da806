"""Schema of ``data/observations/*.csv``: adoption shares from any source, in as many files as a researcher likes.

Every file has the same columns and is checked on its own (problems name the file, row and column);
the rows of all files are read as one table. An empty folder is fine.
"""

from __future__ import annotations

from scaling_book.schemas.table import SEED_SOURCE_PATTERN, Column, GroupSum, Table

# A source is a seed heading, a dataset with its version or release, or a URL with publisher and date.
DATASET_SOURCE_PATTERN = r"^[^:/\s][^/]*, (?:version|release) \S+$"
URL_SOURCE_PATTERN = r"^https?://\S+ \([^()]+, \d{4}-\d{2}(?:-\d{2})?\)$"
OBSERVATION_SOURCE_PATTERN = f"(?:{SEED_SOURCE_PATTERN})|(?:{DATASET_SOURCE_PATTERN})|(?:{URL_SOURCE_PATTERN})"

OBSERVATION_TABLES: tuple[Table, ...] = (
    Table(
        name="observations",
        path="observations/*.csv",
        description="Adoption shares of options by area, scenario and year from a researcher's own sources",
        columns=(
            Column("area_id", "id", "Area: an atlas evidence area or a seeds' technology area"),
            Column("option_id", "id", "Option of the area"),
            Column("scenario", "id", "Scenario the share applies to ('all' when not split)"),
            Column("year", "int", "Year the share describes", minimum=1900, maximum=2100),
            Column("share", "float", "Adoption share (a decimal: 0.4 for 40%)", unit="fraction", minimum=0, maximum=1),
            Column("n", "int", "Count behind the share, when known", required=False, minimum=1),
            Column(
                "source",
                "text",
                "Where the share comes from: '<seed file> § <heading>', '<dataset>, version <v>' (or "
                "'release <v>'), or '<URL> (<publisher>, <YYYY-MM-DD>)'",
                pattern=OBSERVATION_SOURCE_PATTERN,
            ),
            Column("method", "text", "How the share was measured"),
        ),
        key=("area_id", "option_id", "scenario", "year", "source"),
        provenance="A researcher's own files; each row names its source",
        licence="As the source of each row allows",
        group_sums=(GroupSum("share", ("area_id", "scenario", "year", "source")),),
    ),
)
