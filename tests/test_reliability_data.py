"""Data messages that lead to the fix, and byte-only changes that change no value."""

from __future__ import annotations

import shutil
from pathlib import Path

from scaling_book.dev import bench
from scaling_book.inputs.load import input_digest, validate_all

from .conftest import ROOT, edit_csv


def messages(data: Path) -> list[str]:
    return [str(problem) for problem in validate_all(data)]


def test_a_group_sum_error_names_every_row_of_the_group(data_copy):
    path = data_copy / "framework/adoption_shares.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    first = dict(zip(rows[0].split(","), rows[1].split(",")))
    edit_csv(path, "option_id", first["option_id"], "share", "1")
    [message] = [text for text in messages(data_copy) if "group-sum" in text]
    assert "the rows of this group are row 1 (line 2): 1;" in message  # the edited row, whichever it is


def test_a_semicolon_separated_file_is_named_as_such(data_copy):
    path = data_copy / "framework/levels.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    found = [text for text in messages(data_copy) if "levels.csv" in text]
    assert len(found) == 1 and "separated by semicolons (';')" in found[0] and "[rule: delimiter]" in found[0]


def test_percentages_and_decimal_commas_get_a_hint(data_copy):
    path = data_copy / "framework/adoption_shares.csv"
    first = dict(zip(*(line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[:2])))
    edit_csv(path, "option_id", first["option_id"], "share", "40%")
    assert any("write shares as decimals: 0.4 for 40%" in text for text in messages(data_copy))
    edit_csv(path, "option_id", first["option_id"], "share", "0,4")
    assert any("use a point for decimals: write 0.4" in text for text in messages(data_copy))


def test_a_source_must_name_a_listed_seed_file(data_copy):
    path = data_copy / "framework/levels.csv"
    bench.edit_cell(
        path, {"level_id": "L0"}, "source", lambda text: "999_0000000000000000.txt § " + text.partition(" § ")[2]
    )
    [message] = [text for text in messages(data_copy) if "[rule: seed]" in text]
    assert "'999_0000000000000000.txt' is not a seed file listed in data/framework/seeds.csv" in message
    assert "data/editorial/" in message  # how to record data that is not from a seed


def test_a_bom_or_crlf_changes_no_recorded_input(tmp_path):
    root = tmp_path
    shutil.copytree(ROOT / "data", root / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("raw"))
    before = input_digest("data/framework/levels.csv", root)
    path = root / "data/framework/levels.csv"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    assert input_digest("data/framework/levels.csv", root) == before
    path.write_bytes(original)
    edit_csv(path, "level_id", "L0", "name_en", "Another name")
    assert input_digest("data/framework/levels.csv", root) != before


def test_a_chapter_missing_a_year_of_its_data_names_it_without_a_traceback():
    from nbclient.exceptions import CellExecutionError

    from scaling_book.bookbuild.kernel import _failure_message

    traceback = (
        "\x1b[0;31mKeyError\x1b[0m Traceback (most recent call last)\n"
        'File "/x/src/scaling_book/views/evidence_hardware.py", line 42, in hardware_chapter\n'
        'File "/x/.venv/lib/python3.11/site-packages/pandas/core/indexing.py", line 1191, in __getitem__\n'
        "KeyError: 2024"
    )
    message = _failure_message("chapters/evidence/hardware", CellExecutionError(traceback, "KeyError", "2024"))
    assert message.startswith("chapter chapters/evidence/hardware needs 2024 in the data it reads")
    assert "src/scaling_book/views/evidence_hardware.py, line 42" in message
    assert "Traceback" not in message and "pandas" not in message
    other = _failure_message("chapters/x", CellExecutionError("ValueError: bad", "ValueError", "bad"))
    assert "raised an error while executing" in other
