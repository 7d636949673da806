"""The rules across cells, rows and tables: unique keys, ordered pairs, group sums and references."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from scaling_book.inputs.cells import parse_cell
from scaling_book.inputs.validate import Problem, RawTable

if TYPE_CHECKING:
    from _typeshed import SupportsDunderGT


def check_rows(raw: RawTable) -> tuple[list[dict[str, object]], list[Problem]]:
    """Parse every cell and apply the per-row and cross-row rules of one table."""
    parsed, problems = _parse_rows(raw)
    problems += _key_and_order_problems(raw, parsed)
    problems += _group_sum_problems(raw, parsed)
    return parsed, problems


def _parse_rows(raw: RawTable) -> tuple[list[dict[str, object]], list[Problem]]:
    """Every row's cells parsed to their values (None where invalid), and the cells' problems."""
    parsed: list[dict[str, object]] = []
    problems: list[Problem] = []
    for index, (row, line) in enumerate(zip(raw.rows, raw.lines), start=1):
        values: dict[str, object] = {}
        for column in raw.table.columns:
            value, rule, message = parse_cell(column, row[column.name])
            if rule:
                problems.append(Problem(raw.file, rule, message or "", row=index, line=line, column=column.name))
            values[column.name] = value
        parsed.append(values)
    return parsed, problems


def _key_and_order_problems(raw: RawTable, parsed: list[dict[str, object]]) -> list[Problem]:
    """Duplicate keys, and ordered pairs of cells (e.g. start <= end) that come in the wrong order."""
    table = raw.table
    problems: list[Problem] = []
    seen_keys: dict[tuple[object, ...], int] = {}
    for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
        key = tuple(values[name] for name in table.key)
        if None not in key:
            if key in seen_keys:
                shown = ", ".join(f"{name}={value}" for name, value in zip(table.key, key))
                problems.append(
                    Problem(
                        raw.file,
                        "unique",
                        f"duplicate id ({shown}) first used in row {seen_keys[key]}",
                        row=index,
                        line=line,
                        column=table.key[-1],
                    )
                )
            else:
                seen_keys[key] = index
        for order in table.ordered:
            # Both cells of an ordered pair are of one kind (numbers or dates), so they compare.
            first = cast("SupportsDunderGT[Any] | None", values[order.first])
            second = values[order.second]
            if first is not None and second is not None and first > second:
                problems.append(
                    Problem(
                        raw.file,
                        "order",
                        f"{order.first} {first} comes after {order.second} {second}",
                        row=index,
                        line=line,
                        column=order.second,
                    )
                )
    return problems


def _group_sum_problems(raw: RawTable, parsed: list[dict[str, object]]) -> list[Problem]:
    """Groups of rows whose amounts add up to more than their limit, each naming every row of its group."""
    problems: list[Problem] = []
    for group_sum in raw.table.group_sums:
        totals: dict[tuple[object, ...], float] = {}
        members: dict[tuple[object, ...], list[tuple[int, int]]] = {}
        for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
            amount = values[group_sum.column]
            if amount is None:
                continue
            group = tuple(values[name] for name in group_sum.group_by)
            # A group-sum column is a number column: its parsed cells are floats.
            totals[group] = totals.get(group, 0.0) + float(cast(float, amount))
            members.setdefault(group, []).append((index, line))
        for group, total in totals.items():
            if total > group_sum.limit + 1e-9:
                shown = ", ".join(f"{name}={value}" for name, value in zip(group_sum.group_by, group))
                # Every row of the group: the one that was edited is among them, whichever it is.
                rows = "; ".join(
                    f"row {index} (line {line}): {parsed[index - 1][group_sum.column]:g}"
                    for index, line in members[group]
                )
                index, line = members[group][-1]
                problems.append(
                    Problem(
                        raw.file,
                        "group-sum",
                        f"{group_sum.column} adds up to {total:g} for ({shown}), more than {group_sum.limit:g}; "
                        f"the rows of this group are {rows}",
                        row=index,
                        line=line,
                        column=group_sum.column,
                    )
                )
    return problems


def check_references(raw: RawTable, parsed: list[dict[str, object]], known: dict[str, set[object]]) -> list[Problem]:
    """Every value of a referencing column must exist in the referenced ``table.column``."""
    problems = []
    for column in raw.table.columns:
        if column.references is None:
            continue
        if column.references not in known:
            continue  # the referenced table could not be read; that problem is reported already
        targets = known[column.references]
        for index, (values, line) in enumerate(zip(parsed, raw.lines), start=1):
            value = values[column.name]
            if value is not None and value not in targets:
                problems.append(
                    Problem(
                        raw.file,
                        "reference",
                        f"{value!r} does not exist in {column.references}",
                        row=index,
                        line=line,
                        column=column.name,
                    )
                )
    return problems
