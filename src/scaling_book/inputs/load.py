"""Load validated tables from ``data/`` for the chapters, recording what each chapter reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from scaling_book.inputs import provenance
from scaling_book.inputs.cells import to_frame
from scaling_book.inputs.paths import data_dir, relative_to_root
from scaling_book.inputs.table_rules import check_references, check_rows
from scaling_book.inputs.validate import DataValidationError, Problem, RawTable, read_raw
from scaling_book.schemas.registry import TABLES
from scaling_book.schemas.table import Table

CHECKED_FOLDERS = ("framework", "processed", "editorial")  # every CSV here must have a schema


@dataclass
class _Checked:
    raw: RawTable | None
    rows: list[dict[str, object]]
    problems: list[Problem]
    sha256: str | None = None  # of the file's content, when it exists
    values_sha256: str | None = None  # of the parsed values, when the file is valid: what a chapter depends on
    parts: tuple[_Checked, ...] | None = None  # a table of many files ('*' in its path): each file's result


def _parts(checked: _Checked) -> tuple[_Checked, ...]:
    """The per-file results of a table: its files when its path has a '*', else itself."""
    return checked.parts if checked.parts is not None else (checked,)


def _readable(checked: _Checked) -> bool:
    return all(part.raw is not None for part in _parts(checked))


def _check_many(table: Table, root: Path) -> _Checked:
    """A table whose path has a '*': every matching file checked on its own, their rows concatenated in name order."""
    parts = tuple(
        _check_one(replace(table, path=path.relative_to(root).as_posix()), root)
        for path in sorted(root.glob(table.path))
        if path.is_file()
    )
    rows = [row for part in parts for row in part.rows]
    problems = [problem for part in parts for problem in part.problems]
    listing = "\n".join(f"{part.raw.file if part.raw else ''} {part.values_sha256}" for part in parts)
    return _Checked(
        None, rows, problems, values_sha256="files:" + provenance.sha256_bytes(listing.encode()), parts=parts
    )


_CHECKED: dict[tuple[str, str, str], _Checked] = {}  # (table, file, content hash) -> result


def _check_one(table: Table, root: Path) -> _Checked:
    """Read and check one table's file; a file already checked with the same content is not checked again."""
    if "*" in table.path:
        return _check_many(table, root)
    path = root / table.path
    if not path.is_file():
        return _check_file(table, root)
    digest = provenance.sha256_bytes(path.read_bytes())
    key = (table.name, str(path), digest)
    if key not in _CHECKED:
        checked = _check_file(table, root)
        _CHECKED[key] = replace(
            checked,
            sha256=digest,
            values_sha256=values_digest(table, checked.rows)
            if checked.raw is not None and not checked.problems
            else None,
        )
    return _CHECKED[key]


def values_digest(table: Table, rows: list[dict[str, object]]) -> str:
    """SHA-256 of a table's parsed values in file order: a BOM, CRLF line ends or quoting leave it unchanged."""
    payload = json.dumps([[row[name] for name in table.column_names] for row in rows], default=str, ensure_ascii=False)
    return "values:" + provenance.sha256_bytes(payload.encode("utf-8"))


def input_digest(relative_name: str, root: Path) -> str | None:
    """What :func:`load_table` records for the file ``relative_name`` (e.g. ``data/framework/levels.csv``) now.

    The digest of its parsed values when it is a valid registered table, else of its bytes (None: missing).
    """
    path = root / relative_name
    for table in TABLES.values():
        if "*" in table.path and f"data/{table.path}" == relative_name:
            return _check_one(table, root / "data").values_sha256  # the files and their values
    if not path.is_file():
        return None
    for table in TABLES.values():
        if f"data/{table.path}" == relative_name:
            checked = _check_one(table, root / "data")
            if checked.values_sha256:
                return checked.values_sha256
    return provenance.sha256_bytes(path.read_bytes())


def _check_file(table: Table, root: Path) -> _Checked:
    raw, problems = read_raw(table, root)
    if raw is None:
        return _Checked(None, [], problems)
    rows, row_problems = check_rows(raw)
    return _Checked(raw, rows, row_problems)


SEED_TABLE = "seeds"  # data/framework/seeds.csv lists every seed file a source may name
SEED_SOURCE_COLUMN = "source"


def _names_seeds(table: Table) -> bool:
    """Whether ``table`` has a ``source`` column of the form '<seed file> § <heading>'."""
    return (
        table.name != SEED_TABLE
        and any(column.name == SEED_SOURCE_COLUMN and column.pattern for column in table.columns)
        and SEED_TABLE in TABLES
    )


def _dependencies(table: Table, checked: _Checked) -> set[str]:
    """Tables that ``table``'s references, mirrors and seed sources point to."""
    names = {column.references.split(".")[0] for column in table.columns if column.references}
    if _names_seeds(table):
        names.add(SEED_TABLE)
    for mirror in table.mirrors:
        names |= {str(row[mirror.ref]).split(":")[0] for row in checked.rows if row[mirror.ref]}
    return names


def _check(names: set[str], root: Path) -> tuple[dict[str, _Checked], list[Problem]]:
    """Check the named tables and everything they depend on; return results and all problems."""
    results: dict[str, _Checked] = {}
    pending = sorted(names)
    while pending:
        name = pending.pop()
        if name in results:
            continue
        if name not in TABLES:
            raise KeyError(f"no table named {name!r} in the registry (see scaling_book/registry.py)")
        results[name] = _check_one(TABLES[name], root)
        pending.extend(sorted(_dependencies(TABLES[name], results[name]) - set(results)))

    problems = [problem for checked in results.values() for problem in checked.problems]
    # Values of referenced columns; a table that could not be read is left out, so its
    # readers are not flooded with follow-on reference problems.
    known: dict[str, set[object]] = {}
    for name in results:
        for column in TABLES[name].columns:
            if column.references:
                target_table, target_column = column.references.split(".")
                if _readable(results[target_table]):
                    known.setdefault(column.references, {row[target_column] for row in results[target_table].rows})
    for name, checked in results.items():
        for part in _parts(checked):
            if part.raw is not None:
                problems += check_references(part.raw, part.rows, known)
                problems += _check_mirrors(TABLES[name], part, results)
                problems += _check_seed_sources(TABLES[name], part, results)
    return results, problems


def _check_seed_sources(table: Table, checked: _Checked, results: dict[str, _Checked]) -> list[Problem]:
    """A source must name a seed file that ``data/framework/seeds.csv`` lists."""
    seeds = results.get(SEED_TABLE)
    if not _names_seeds(table) or seeds is None or seeds.raw is None or checked.raw is None:
        return []
    known = {str(row["seed_id"]) for row in seeds.rows}
    problems = []
    for index, (row, line) in enumerate(zip(checked.rows, checked.raw.lines), start=1):
        source = row[SEED_SOURCE_COLUMN]
        # Only a source written as '<seed file> § <heading>' names a seed (other tables may allow URLs too).
        file = str(source).partition(" § ")[0] if source and " § " in str(source) else ""
        if file and file not in known:
            problems.append(
                Problem(
                    checked.raw.file,
                    "seed",
                    f"{file!r} is not a seed file listed in {seeds.raw.file}; name one of its seed_id values, or, for "
                    "data that does not come from a seed, record it in data/editorial/ with its basis (the book's "
                    "choice or a citable source)",
                    row=index,
                    line=line,
                    column=SEED_SOURCE_COLUMN,
                )
            )
    return problems


def _cell(results: dict[str, _Checked], ref: str) -> tuple[bool, object]:
    """(found, value) of the cell ``ref`` names; a table that could not be read counts as found."""
    table_name, key_text, column = ref.split(":")
    table = TABLES.get(table_name)
    if table is None or column not in table.column_names or table_name not in results:
        return False, None
    if not _readable(results[table_name]):
        return True, None
    key = tuple(key_text.split("/"))
    for row in results[table_name].rows:
        if tuple(str(row[name]) for name in table.key) == key:
            return True, row[column]
    return False, None


def _check_mirrors(table: Table, checked: _Checked, results: dict[str, _Checked]) -> list[Problem]:
    problems = []
    assert checked.raw is not None
    for mirror in table.mirrors:
        for index, (row, line) in enumerate(zip(checked.rows, checked.raw.lines), start=1):
            ref = row[mirror.ref]
            if not ref:
                continue
            found, value = _cell(results, str(ref))
            if row[mirror.value] is None or (found and value is None):
                continue  # an invalid cell, reported by its own rule
            if not found:
                problems.append(
                    Problem(
                        checked.raw.file,
                        "reference",
                        f"{ref!r} does not name an existing cell",
                        row=index,
                        line=line,
                        column=mirror.ref,
                    )
                )
            elif abs(float(value) - float(row[mirror.value])) > 1e-9:  # type: ignore[arg-type]
                problems.append(
                    Problem(
                        checked.raw.file,
                        "mirror",
                        f"{row[mirror.value]} differs from {value} in {ref}",
                        row=index,
                        line=line,
                        column=mirror.value,
                    )
                )
    return problems


def unregistered_files(root: Path | None = None) -> list[Problem]:
    """CSV files under the checked folders that no table of the registry describes."""
    base = root or data_dir()
    known = {table.path for table in TABLES.values()}
    patterns = [table.path for table in TABLES.values() if "*" in table.path]
    problems = []
    for folder in CHECKED_FOLDERS:
        for path in sorted((base / folder).glob("*.csv")):
            relative = path.relative_to(base)
            if relative.as_posix() not in known and not any(relative.match(pattern) for pattern in patterns):
                problems.append(
                    Problem(
                        path.relative_to(base.parent).as_posix(),
                        "schema",
                        "no schema in the registry describes this file "
                        "(add it to scaling_book/registry.py or remove it)",
                    )
                )
    return problems


def validate_tables(names: set[str], root: Path) -> list[Problem]:
    """Problems of the named tables in the data folder ``root`` and of the tables they reference."""
    _, problems = _check(names, root)
    return problems


def validate_all(root: Path | None = None) -> list[Problem]:
    """Check every table of the registry and every CSV file in the checked folders."""
    base = root or data_dir()
    _, problems = _check(set(TABLES), base)
    return problems + unregistered_files(base)


def load_table(name: str) -> pd.DataFrame:
    """The validated, typed table ``name``; raises :class:`DataValidationError` naming file, row and column."""
    base = data_dir()
    results, problems = _check({name}, base)
    if problems:
        raise DataValidationError(problems)
    for read, checked in results.items():
        if checked.parts is not None:  # the list of files too: adding one re-executes the readers
            assert checked.values_sha256 is not None
            provenance.note_input_digest(relative_to_root(base / TABLES[read].path), checked.values_sha256)
        for part in _parts(checked):
            assert part.raw is not None and part.values_sha256 is not None
            provenance.note_input_digest(relative_to_root(base / part.raw.table.path), part.values_sha256)
    return to_frame(TABLES[name], results[name].rows)
