"""Every row of data/framework names a real seed file and heading; quotes are verbatim."""

from __future__ import annotations

import hashlib
import re

import pytest

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import FRAMEWORK_TABLES

from .conftest import SEEDS, needs_seeds

pytestmark = needs_seeds


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def headings(name: str) -> set[str]:
    return {match.group(1).strip() for match in re.finditer(r"^#{1,6}\s+(.+)$", seed_text(name), re.MULTILINE)}


@pytest.mark.parametrize("table", FRAMEWORK_TABLES, ids=lambda table: table.name)
def test_every_source_names_an_existing_seed_heading(table):
    frame = load_table(table.name)
    for number, source in enumerate(frame["source"], start=1):
        file, _, heading = source.partition(" § ")
        assert (SEEDS / file).is_file(), f"{table.path} row {number}: no seed file {file}"
        assert heading in headings(file), f"{table.path} row {number}: {file} has no heading {heading!r}"


@pytest.mark.parametrize("table", [table for table in FRAMEWORK_TABLES if "quote_zh" in table.column_names],
                         ids=lambda table: table.name)
def test_quotes_are_verbatim(table):
    frame = load_table(table.name)
    for number, (quote, source) in enumerate(zip(frame["quote_zh"], frame["source"]), start=1):
        text = seed_text(source.partition(" § ")[0]).replace("**", "")
        assert quote in text, f"{table.path} row {number}: {quote!r} is not in the seed"


def test_seed_register_matches_the_files():
    seeds = load_table("seeds")
    assert sorted(seeds["seed_id"]) == sorted(path.name for path in SEEDS.glob("*.txt"))
    for seed_id, digest in zip(seeds["seed_id"], seeds["sha256"]):
        assert hashlib.sha256((SEEDS / seed_id).read_bytes()).hexdigest() == digest
