"""One row per notable model, with the plain values that coding rules read (``epoch_models``).

Values stay as Epoch writes them (names, Domain, accessibility, base model); multi-valued
derived cells (country groups, hardware families) are joined with ";". Unknown values stay
empty; unreadable ones are counted in the release's :class:`Exclusions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from scaling_book.pipelines.epoch_files import (
    COUNTRIES,
    Exclusions,
    HardwareFamily,
    RawFile,
    dated_rows,
    families_mentioned,
    moe_flag,
    optional_value,
    parse_flag,
    parse_flop,
    tokens,
)
from scaling_book.schemas.processed import OTHER_COUNTRY, OTHER_HARDWARE

OPEN_WEIGHTS_COLUMN = "Open model weights?"
PARAMETERS = "Parameters"
PARAMETER_NOTES = "Parameters notes"
# A total stated in the notes ("284B total") more than this factor away from 'Parameters' is reported.
NOTES_DISAGREEMENT_FACTOR = 100.0
NOTES_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(trillion|billion|million|T|B|M)\b", re.IGNORECASE)
SCALE = {"t": 1e12, "trillion": 1e12, "b": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6}
JOIN = ";"


def parse_yes_no(text: str) -> bool:
    """'Yes' or 'No' (any case; 'True'/'False' too); raises ValueError otherwise."""
    lowered = text.strip().lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    return parse_flag(text)


def country_groups(text: str) -> str:
    """The book's country groups of a country list, plus 'other' for any country outside them; '' when unknown."""
    names = set(tokens(text))
    if not names:
        return ""
    groups = [group for group, name in COUNTRIES if name in names]
    if names - {name for _, name in COUNTRIES}:
        groups.append(OTHER_COUNTRY)
    return JOIN.join(groups)


def hardware_families(text: str, families: tuple[HardwareFamily, ...]) -> str:
    """Family ids the hardware cell mentions, in the families' order and 'other' last; '' when unknown."""
    found = families_mentioned(text, families)
    order = [family.family_id for family in families] + [OTHER_HARDWARE]
    return JOIN.join(family for family in order if family in found)


def notes_amount(notes: str) -> float | None:
    """The first parameter count the notes state ('1.6T total' -> 1.6e12), or None."""
    match = NOTES_AMOUNT.search(notes)
    return float(match.group(1)) * SCALE[match.group(2).lower()] if match else None


def check_parameters(exclusions: Exclusions, row: dict[str, str], parameters: float | None, line: int) -> None:
    """Count a 'Parameters' value far from the total its notes state; the value is kept as Epoch gives it."""
    stated = notes_amount(row.get(PARAMETER_NOTES, ""))
    if parameters is None or not stated:
        return
    ratio = max(parameters, stated) / min(parameters, stated)
    if ratio > NOTES_DISAGREEMENT_FACTOR:
        exclusions.note(
            PARAMETERS,
            "disagrees with notes",
            "value kept as given",
            line,
            f"{row['Model'].strip()}: {row[PARAMETERS]}",
        )


def parse_count(text: str) -> float:
    """A positive, finite count (parameters); raises ValueError otherwise."""
    return parse_flop(text)


@dataclass(frozen=True)
class ModelRecord:
    """One dated model of one release, as the per-model table holds it (before the releases are combined)."""

    values: dict[str, object]

    @property
    def model(self) -> str:
        return str(self.values["model"])

    @property
    def organization(self) -> str:
        return str(self.values["organization"] or "")

    @property
    def published(self) -> date:
        value = self.values["publication_date"]
        assert isinstance(value, date)
        return value


def text_value(row: dict[str, str], column: str) -> str | None:
    """A cell as given with surrounding whitespace removed, None when empty or absent."""
    value = row.get(column, "").strip()
    return value or None


def model_records(raw: RawFile, exclusions: Exclusions, families: tuple[HardwareFamily, ...]) -> list[ModelRecord]:
    """Parse a models file into per-model rows; rows without a name or a readable date are dropped and counted."""
    return [
        ModelRecord(record_values(raw.source.dataset, row, line, published, exclusions, families))
        for row, line, published in dated_rows(raw, exclusions)
    ]


def record_values(
    dataset: str,
    row: dict[str, str],
    line: int,
    published: date,
    exclusions: Exclusions,
    families: tuple[HardwareFamily, ...],
) -> dict[str, object]:
    """The epoch_models values of one dated, named row (unreadable cells counted in ``exclusions``)."""

    def value(column: str, parse: Callable[[str], object], text: str | None = None) -> object:
        return optional_value(exclusions, column, parse, row.get(column) if text is None else text, line)

    name = row["Model"].strip()
    organizations = tokens(row["Organization"])
    parameters = value(PARAMETERS, parse_count)
    check_parameters(exclusions, row, parameters if isinstance(parameters, float) else None, line)
    return {
        "dataset": dataset,
        "release": None,  # named once the release's newest date is known
        "model": name,
        "organization": ",".join(organizations) or None,
        "lead_organization": organizations[0] if organizations else None,
        "organization_category": text_value(row, "Organization categorization"),
        "publication_date": published,
        "year": published.year,
        "countries": country_groups(row["Country (from Organization)"]) or None,
        "domain": text_value(row, "Domain"),
        "language": "Language" in tokens(row["Domain"]),
        "hardware_families": hardware_families(row["Training hardware"], families) or None,
        "accessibility": text_value(row, "Model accessibility"),
        "open_weights": value(OPEN_WEIGHTS_COLUMN, parse_yes_no) if OPEN_WEIGHTS_COLUMN in row else None,
        "base_model": text_value(row, "Base model"),
        "parameters": parameters,
        "training_compute_flop": value("Training compute (FLOP)", parse_flop),
        "confidence": text_value(row, "Confidence"),
        # Epoch leaves the flag empty for models that are not frontier models.
        "frontier": value("Frontier model", parse_flag, row["Frontier model"] or "False")
        if "Frontier model" in row
        else None,
        "moe_flag": value("MoE (from parameter notes)", parse_flag, moe_flag(row) or ""),
    }


def whitespace_note(raw: RawFile) -> str | None:
    """Manifest note for Model names that carried line breaks or spaces around them (removed)."""
    padded = [row["Model"].strip() for row in raw.rows if row["Model"].strip() and row["Model"] != row["Model"].strip()]
    if not padded:
        return None
    return f"{len(padded)} 'Model' value(s) had surrounding whitespace removed ({', '.join(sorted(padded))})"
