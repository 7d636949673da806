"""Bad data stops the build with a message naming the file, the row, the column and the rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scaling_book.inputs.load import load_table, validate_all
from scaling_book.inputs.validate import DataValidationError
from scaling_book.schemas.registry import TABLES


def rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    def edit(rows):
        rows[row][rows[0].index(column)] = value

    rewrite(path, edit)


def only_problem(data: Path):
    problems = validate_all(root=data)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def test_committed_data_is_valid():
    assert validate_all() == []


def test_every_table_of_the_registry_loads_with_its_columns():
    for name, table in TABLES.items():
        assert list(load_table(name).columns) == list(table.column_names)


def test_missing_column_names_file_header_and_column(data_copy):
    rewrite(
        data_copy / "framework/levels.csv",
        lambda rows: [row.pop(rows[0].index("claimed_degree")) for row in rows[::-1]],
    )
    problem = only_problem(data_copy)
    message = str(problem)
    assert problem.rule == "columns"
    assert "framework/levels.csv" in message and "line 1" in message and "'claimed_degree'" in message
    assert "missing" in message


def test_out_of_range_value(data_copy):
    set_cell(data_copy / "framework/levels.csv", 3, "claimed_degree", "1.5")
    problem = only_problem(data_copy)
    assert (problem.rule, problem.row, problem.line, problem.column) == ("range", 3, 4, "claimed_degree")
    assert str(problem) == (
        "data/framework/levels.csv, row 3 (line 4), column 'claimed_degree': 1.5 is above the maximum 1 [rule: range]"
    )


def test_duplicate_id(data_copy):
    set_cell(data_copy / "framework/options.csv", 2, "option_id", "attention")
    problem = only_problem(data_copy)
    assert (problem.rule, problem.row, problem.column) == ("unique", 2, "option_id")
    assert "duplicate id (option_id=attention) first used in row 1" in str(problem)


def test_dangling_reference(data_copy):
    set_cell(data_copy / "framework/areas.csv", 5, "level_id", "L3")  # still valid
    set_cell(data_copy / "framework/options.csv", 4, "area_id", "no_such_area")
    problem = only_problem(data_copy)
    assert (problem.rule, problem.row, problem.column) == ("reference", 4, "area_id")
    assert "'no_such_area' does not exist in areas.area_id" in str(problem)
    assert "data/framework/options.csv" in str(problem)


def test_wrong_encoding_names_line_and_column(data_copy):
    path = data_copy / "framework/levels.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))  # a common mistake with Chinese text
    problem = only_problem(data_copy)
    assert problem.rule == "encoding"
    assert problem.line == 2 and problem.row == 1
    assert problem.column == "name_zh"  # the first cell holding Chinese characters
    assert "not valid UTF-8" in str(problem) and "data/framework/levels.csv" in str(problem)


def test_wrong_type_and_allowed_values(data_copy):
    set_cell(data_copy / "framework/levels.csv", 1, "certainty_stars", "five")
    set_cell(data_copy / "framework/timeline_tasks.csv", 2, "seed_status", "finished")
    messages = sorted(str(problem) for problem in validate_all(root=data_copy))
    assert len(messages) == 2
    assert (
        "levels.csv, row 1 (line 2), column 'certainty_stars': 'five' is not a whole number [rule: type]" in messages[0]
    )
    assert "timeline_tasks.csv, row 2 (line 3), column 'seed_status'" in messages[1]
    assert "not one of the allowed values done, active, none" in messages[1]


def test_shares_in_a_group_must_not_exceed_one(data_copy):
    set_cell(data_copy / "framework/adoption_shares.csv", 1, "share", "0.45")  # 0.45 + 0.60 > 1
    problems = {problem.rule: problem for problem in validate_all(root=data_copy)}
    assert set(problems) == {"group-sum", "mirror"}  # the claims table still says 0.40
    assert problems["group-sum"].column == "share" and problems["group-sum"].file.endswith("adoption_shares.csv")
    assert "share adds up to 1.05 for (area_id=edge_vs_cloud, scenario=all, year=None)" in str(problems["group-sum"])


def test_dates_in_order(data_copy):
    set_cell(data_copy / "framework/timeline_tasks.csv", 1, "start", "2025-01-01")  # after its end 2024-12-31
    problem = only_problem(data_copy)
    assert (problem.rule, problem.row, problem.column) == ("order", 1, "end")


def test_required_value_and_missing_file(data_copy):
    set_cell(data_copy / "framework/levels.csv", 2, "name_en", "")
    (data_copy / "framework/products.csv").unlink()
    messages = {problem.rule: str(problem) for problem in validate_all(root=data_copy)}
    assert "levels.csv, row 2 (line 3), column 'name_en': value is missing" in messages["required"]
    assert "data/framework/products.csv" in messages["file"] and "missing" in messages["file"]


def test_claim_mirrors_the_cell_it_names(data_copy):
    set_cell(data_copy / "framework/levels.csv", 1, "claimed_degree", "0.9")  # L4 claim says 0.95
    problem = only_problem(data_copy)
    assert problem.file == "data/framework/claims.csv" and problem.rule == "mirror" and problem.column == "value"


def test_unregistered_csv_is_rejected(data_copy):
    (data_copy / "framework/notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    problem = only_problem(data_copy)
    assert problem.rule == "schema" and problem.file.endswith("framework/notes.csv")


def test_load_table_raises_with_the_same_message(data_copy, monkeypatch):
    set_cell(data_copy / "framework/levels.csv", 3, "claimed_degree", "-0.1")
    monkeypatch.setattr("scaling_book.inputs.load.data_dir", lambda: data_copy)
    with pytest.raises(DataValidationError, match=r"levels.csv, row 3 \(line 4\), column 'claimed_degree'"):
        load_table("levels")
