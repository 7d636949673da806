"""The book's metadata and analysis settings: ``book.yml`` at the project root, read once into typed, frozen values.

Every key and its type is declared once, by the dataclasses below; :func:`parse_book` checks a file against
them and stops at an unknown key, a missing one or a value of the wrong type, naming the key
(``analysis.uncertainty.resamples``) and the type it expects.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

import yaml

from scaling_book.inputs import provenance
from scaling_book.inputs.paths import project_root
from scaling_book.schemas.registry import LEVEL_IDS

BOOK_FILE = "book.yml"


class SettingsError(ValueError):
    """``book.yml`` does not have the keys or types the book expects."""


@dataclass(frozen=True)
class Author:
    name: str


@dataclass(frozen=True)
class BookMetadata:
    """Title, authors, version, release date and licence: what the HTML, the PDF and CITATION.cff show."""

    title: str
    subtitle_zh: str
    authors: tuple[Author, ...]
    version: str
    release_date: date
    licence: str
    licence_name: str
    # Optional (issue 15): the canonical address of the HTML edition and the book's DOI, when it has them.
    url: str | None = None
    doi: str | None = None

    def __getitem__(self, key: str) -> Any:
        """``metadata["title"]``, for callers written against the plain mapping ``book_metadata()`` once returned."""
        if key not in {field.name for field in dataclasses.fields(self)}:
            raise KeyError(key)
        return getattr(self, key)


@dataclass(frozen=True)
class ClassifierSettings:
    """The choices the seeds' level criteria leave open (analysis/classifier.py)."""

    test_order: tuple[str, ...]
    real_option_min_share: float
    winner_threshold: str


@dataclass(frozen=True)
class UncertaintySettings:
    """How the stated shares are redrawn to measure how stable a classification is."""

    share_sd: float
    resamples: int
    seed: int
    stable_probability: float
    sensitivity_sds: tuple[float, ...]


@dataclass(frozen=True)
class AuditSettings:
    """Tolerances of the audit's comparisons (analysis/audit.py)."""

    multiple_tolerance: float
    degree_tolerance: float


@dataclass(frozen=True)
class AtlasSettings:
    """Trends and verdicts of the evidence atlas (analysis/atlas_trends.py)."""

    start_year: int
    trend_start_years: tuple[int, ...]
    table_from: int
    min_years: int
    verdict_slope: float
    effective_options_slope: float
    interval: float
    include_partial_year: bool


@dataclass(frozen=True)
class AnalysisSettings:
    as_of: date
    classifier: ClassifierSettings
    uncertainty: UncertaintySettings
    audit: AuditSettings
    atlas: AtlasSettings


@dataclass(frozen=True)
class BookSettings:
    """Everything in ``book.yml``: the metadata (its top-level keys) and the ``analysis`` section."""

    metadata: BookMetadata
    analysis: AnalysisSettings


T = TypeVar("T")
TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", date: "a date like 2026-11-22"}
TYPE_NAMES[bool] = "true or false"  # analysis.atlas.include_partial_year


def _type_name(kind: Any) -> str:
    """How an error message names the type a key expects."""
    if get_origin(kind) is tuple:
        return f"a list of {_type_name(get_args(kind)[0]).removeprefix('a ').removeprefix('an ')}s"
    if dataclasses.is_dataclass(kind):
        return "a mapping"
    if kind == str | None:
        return "a string"
    return TYPE_NAMES[kind]


def _convert(value: Any, kind: Any, key: str) -> Any:
    """``value`` as ``kind`` (a scalar type, a tuple of one, or a settings dataclass), or a SettingsError naming key."""
    if kind == str | None:  # an optional text (url, doi): absent or null is None
        if value is None or isinstance(value, str):
            return value
    elif get_origin(kind) is tuple:
        if isinstance(value, list):
            return tuple(_convert(item, get_args(kind)[0], f"{key}[{index}]") for index, item in enumerate(value))
    elif dataclasses.is_dataclass(kind):
        if isinstance(value, dict):
            return _build(kind, value, key)  # type: ignore[arg-type]
    elif kind is float:
        # An integer is a number too; it is kept as written, so its recorded JSON stays what book.yml says.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
    elif isinstance(value, kind):
        return value
    raise SettingsError(f"{BOOK_FILE}: {key} must be {_type_name(kind)}, got {value!r} ({type(value).__name__})")


def _build(cls: type[T], values: dict[str, Any], prefix: str) -> T:
    """An instance of the dataclass ``cls`` from a mapping with exactly its fields."""
    hints = get_type_hints(cls)
    where = f"{prefix}." if prefix else ""
    unknown = sorted(str(name) for name in set(values) - set(hints))
    if unknown:
        raise SettingsError(f"{BOOK_FILE}: unknown key {where}{unknown[0]} (known: {', '.join(hints)})")
    optional = {field.name for field in dataclasses.fields(cls) if field.default is None}  # type: ignore[arg-type]
    missing = [name for name in hints if name not in values and name not in optional]
    if missing:
        raise SettingsError(f"{BOOK_FILE}: missing key {where}{missing[0]}")
    return cls(**{name: _convert(values[name], kind, where + name) for name, kind in hints.items() if name in values})


def _check_values(settings: BookSettings) -> None:
    """The ranges and choices a value of the right type must still respect."""
    classifier, uncertainty = settings.analysis.classifier, settings.analysis.uncertainty
    problems = {
        "analysis.classifier.test_order": (
            sorted(classifier.test_order) == sorted(LEVEL_IDS),
            f"must list each of {', '.join(LEVEL_IDS)} once",
        ),
        "analysis.classifier.real_option_min_share": (0 <= classifier.real_option_min_share < 1, "must be in [0, 1)"),
        "analysis.uncertainty.resamples": (uncertainty.resamples >= 1, "must be at least 1"),
        "analysis.uncertainty.stable_probability": (0 < uncertainty.stable_probability <= 1, "must be in (0, 1]"),
        "analysis.uncertainty.sensitivity_sds": (len(uncertainty.sensitivity_sds) > 0, "must list at least one value"),
        "analysis.audit.multiple_tolerance": (settings.analysis.audit.multiple_tolerance >= 0, "must be at least 0"),
        "analysis.audit.degree_tolerance": (settings.analysis.audit.degree_tolerance >= 0, "must be at least 0"),
        "authors": (len(settings.metadata.authors) > 0, "must name at least one author"),
        "analysis.atlas.min_years": (
            settings.analysis.atlas.min_years >= 2,
            "must be at least 2 (a trend needs two years)",
        ),
        "analysis.atlas.interval": (0 < settings.analysis.atlas.interval < 1, "must be in (0, 1)"),
        "analysis.atlas.trend_start_years": (
            settings.analysis.atlas.start_year in settings.analysis.atlas.trend_start_years,
            "must include analysis.atlas.start_year",
        ),
    }
    for key, (holds, rule) in problems.items():
        if not holds:
            raise SettingsError(f"{BOOK_FILE}: {key} {rule}")


def parse_book(payload: bytes | str) -> BookSettings:
    """The settings a ``book.yml`` text gives, checked: every key known, present and of its type."""
    values = yaml.safe_load(payload)
    if not isinstance(values, dict):
        raise SettingsError(f"{BOOK_FILE} must be a mapping of keys to values")
    metadata = {key: value for key, value in values.items() if key != "analysis"}
    if "analysis" not in values:
        raise SettingsError(f"{BOOK_FILE}: missing key analysis")
    settings = BookSettings(
        metadata=_build(BookMetadata, metadata, ""), analysis=_convert(values["analysis"], AnalysisSettings, "analysis")
    )
    _check_values(settings)
    return settings


@cache
def _book_file() -> tuple[bytes, BookSettings]:
    """The bytes of ``book.yml`` and the settings they give, read and checked once per process."""
    payload = (project_root() / BOOK_FILE).read_bytes()
    return payload, parse_book(payload)


def plain(value: Any) -> Any:
    """A settings value as YAML gave it: mappings for dataclasses, lists for tuples (what :func:`setting` returns)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


def _noted(name: str, value: T) -> T:
    """``value`` of ``analysis.<name>``, recorded as an input of the executing chapter.

    The bytes are those the build hashes again from ``book.yml`` (bookbuild/execute.py) to decide re-execution.
    """
    provenance.note_input(f"config:analysis.{name}", json.dumps(plain(value), default=str, sort_keys=True).encode())
    return value


def book_metadata() -> BookMetadata:
    """The book's title, authors, version, release date and licence (``metadata["title"]`` works too).

    A chapter that calls this is recorded as reading the whole of ``book.yml``.
    """
    payload, settings = _book_file()
    provenance.note_input(BOOK_FILE, payload)
    return settings.metadata


def setting(name: str) -> Any:
    """One value of the ``analysis`` section as plain YAML data, recorded as an input of the executing chapter."""
    analysis = _book_file()[1].analysis
    if name not in {field.name for field in dataclasses.fields(analysis)}:
        raise KeyError(f"book.yml has no setting analysis.{name}")
    return plain(_noted(name, getattr(analysis, name)))


def classifier_settings() -> ClassifierSettings:
    """``analysis.classifier``, typed and recorded as an input."""
    return _noted("classifier", _book_file()[1].analysis.classifier)


def uncertainty_settings() -> UncertaintySettings:
    """``analysis.uncertainty``, typed and recorded as an input."""
    return _noted("uncertainty", _book_file()[1].analysis.uncertainty)


def audit_settings() -> AuditSettings:
    """``analysis.audit``, typed and recorded as an input."""
    return _noted("audit", _book_file()[1].analysis.audit)


def as_of() -> date:
    """The date that time-dependent results are computed against (never the clock)."""
    return _noted("as_of", _book_file()[1].analysis.as_of)


def atlas_settings() -> AtlasSettings:
    """``analysis.atlas``, typed and recorded as an input."""
    return _noted("atlas", _book_file()[1].analysis.atlas)
