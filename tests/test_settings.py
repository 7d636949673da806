"""book.yml is read into typed settings: every key's type is checked, an unknown key stops, values are recorded."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from scaling_book.inputs import provenance, settings
from scaling_book.inputs.settings import SettingsError, parse_book

from .conftest import ROOT

BOOK_TEXT = (ROOT / "book.yml").read_text(encoding="utf-8")

# Every key with a value of the wrong type, and the words the message must contain.
WRONG_TYPES = [
    ("title", 3, "title must be a string"),
    ("subtitle_zh", ["x"], "subtitle_zh must be a string"),
    ("authors", "Somebody", "authors must be a list of mappings"),
    ("version", 0.1, "version must be a string"),
    ("release_date", "22 November 2026", "release_date must be a date"),
    ("licence", None, "licence must be a string"),
    ("licence_name", 4, "licence_name must be a string"),
    ("analysis", [1], "analysis must be a mapping"),
    ("analysis.as_of", "soon", "analysis.as_of must be a date"),
    ("analysis.classifier", 1, "analysis.classifier must be a mapping"),
    ("analysis.classifier.test_order", "L0 L4 L3 L2 L1", "analysis.classifier.test_order must be a list of strings"),
    ("analysis.classifier.real_option_min_share", "5%", "analysis.classifier.real_option_min_share must be a number"),
    ("analysis.classifier.winner_threshold", 3, "analysis.classifier.winner_threshold must be a string"),
    ("analysis.uncertainty", "none", "analysis.uncertainty must be a mapping"),
    ("analysis.uncertainty.share_sd", "0.1", "analysis.uncertainty.share_sd must be a number"),
    ("analysis.uncertainty.resamples", 4000.5, "analysis.uncertainty.resamples must be an integer"),
    ("analysis.uncertainty.seed", True, "analysis.uncertainty.seed must be an integer"),
    ("analysis.uncertainty.stable_probability", "high", "analysis.uncertainty.stable_probability must be a number"),
    ("analysis.uncertainty.sensitivity_sds", 0.1, "analysis.uncertainty.sensitivity_sds must be a list of numbers"),
    ("analysis.audit", None, "analysis.audit must be a mapping"),
    ("analysis.audit.multiple_tolerance", "10%", "analysis.audit.multiple_tolerance must be a number"),
    ("analysis.audit.degree_tolerance", [0.05], "analysis.audit.degree_tolerance must be a number"),
]


def edited(key: str, value: object) -> str:
    """book.yml with the value at the dotted ``key`` replaced (or added)."""
    values = yaml.safe_load(BOOK_TEXT)
    *parents, last = key.split(".")
    target = values
    for part in parents:
        target = target[part]
    target[last] = value
    return yaml.safe_dump(values, allow_unicode=True)


def test_the_books_file_is_valid_and_typed():
    book = parse_book(BOOK_TEXT)
    assert book.metadata.title == "Scaling Law and Convergence in AI"
    assert book.metadata.version == "0.1.0" and isinstance(book.metadata.release_date, date)
    assert [author.name for author in book.metadata.authors] == ["Scaling Book contributors"]
    assert book.metadata["licence"] == book.metadata.licence  # the mapping access older callers use
    assert book.analysis.classifier.test_order == ("L0", "L4", "L3", "L2", "L1")
    assert book.analysis.uncertainty.resamples == 4000 and book.analysis.uncertainty.sensitivity_sds[-1] == 0.25
    assert book.analysis.audit.degree_tolerance == 0.05


@pytest.mark.parametrize(("key", "value", "message"), WRONG_TYPES, ids=[key for key, _, _ in WRONG_TYPES])
def test_a_value_of_the_wrong_type_names_its_key_and_the_type(key, value, message):
    with pytest.raises(SettingsError, match=message):
        parse_book(edited(key, value))


def test_an_integer_is_a_number():
    assert parse_book(edited("analysis.audit.multiple_tolerance", 1)).analysis.audit.multiple_tolerance == 1


@pytest.mark.parametrize("key", ["colour", "analysis.seed", "analysis.uncertainty.share_error"])
def test_an_unknown_key_stops_naming_it(key):
    with pytest.raises(SettingsError, match=f"unknown key {key.replace('.', '[.]')}"):
        parse_book(edited(key, 1))


def test_a_missing_key_stops_naming_it():
    values = yaml.safe_load(BOOK_TEXT)
    del values["analysis"]["audit"]["degree_tolerance"]
    with pytest.raises(SettingsError, match="missing key analysis.audit.degree_tolerance"):
        parse_book(yaml.safe_dump(values))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("analysis.classifier.test_order", ["L0", "L4", "L3", "L2", "L2"], "must list each of"),
        ("analysis.classifier.real_option_min_share", 1.0, r"must be in \[0, 1\)"),
        ("analysis.uncertainty.stable_probability", 0, r"must be in \(0, 1\]"),
        ("analysis.uncertainty.resamples", 0, "must be at least 1"),
        ("authors", [], "must name at least one author"),
    ],
)
def test_a_value_out_of_range_stops_naming_its_key(key, value, message):
    with pytest.raises(SettingsError, match=f"{key} {message}"):
        parse_book(edited(key, value))


def test_setting_returns_and_records_what_book_yml_says(tmp_path: Path, monkeypatch):
    record = tmp_path / "record.jsonl"
    monkeypatch.setenv(provenance.RECORD_ENV, str(record))
    monkeypatch.setattr(provenance, "_reads", {})
    raw = yaml.safe_load(BOOK_TEXT)["analysis"]
    for name in ("as_of", "classifier", "uncertainty", "audit"):
        assert settings.setting(name) == raw[name]
    assert settings.uncertainty_settings().seed == raw["uncertainty"]["seed"]
    reads = {event["name"]: event["sha256"] for event in map(json.loads, record.read_text().splitlines())}
    # The bytes the build hashes again from book.yml to decide what to re-execute (bookbuild/execute.py).
    assert reads == {
        f"config:analysis.{name}": provenance.sha256_bytes(json.dumps(raw[name], default=str, sort_keys=True).encode())
        for name in raw
    }
    with pytest.raises(KeyError, match="analysis.colour"):
        settings.setting("colour")


@pytest.mark.parametrize(
    ("accessor", "name"),
    [
        (settings.classifier_settings, "classifier"),
        (settings.uncertainty_settings, "uncertainty"),
        (settings.audit_settings, "audit"),
        (settings.as_of, "as_of"),
    ],
)
def test_typed_accessors_record_what_setting_records(tmp_path: Path, monkeypatch, accessor, name):
    """The build's re-execution keys are the same whether a chapter reads a setting typed or plain."""
    recorded = []
    for way in (accessor, lambda: settings.setting(name)):
        record = tmp_path / f"record-{len(recorded)}.jsonl"
        monkeypatch.setenv(provenance.RECORD_ENV, str(record))
        monkeypatch.setattr(provenance, "_reads", {})
        way()
        recorded.append(
            [(event["name"], event["sha256"]) for event in map(json.loads, record.read_text().splitlines())]
        )
    assert recorded[0] == recorded[1] == [(f"config:analysis.{name}", recorded[1][0][1])]
    assert settings.plain(accessor()) == settings.setting(name)
