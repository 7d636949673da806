"""A researcher's adoption shares for the classify command: typed inline (``open=0.4 api=0.6``) or read from a file.

Every bad input raises :class:`ClassifyInputError` with one line per problem that names the place and the fix;
files are checked against the observations schema the book validates its own observation files with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from scaling_book.analysis.atlas import atlas_areas
from scaling_book.analysis.classifier_observe import ALL_SCENARIOS
from scaling_book.inputs.cells import ID_PATTERN
from scaling_book.inputs.load import load_table
from scaling_book.inputs.table_rules import check_rows
from scaling_book.inputs.validate import Problem, read_raw
from scaling_book.schemas.registry import TABLES
from scaling_book.schemas.table import Table

INLINE = "inline"  # area id of shares typed on the command line
SCENARIO_FLAG = "--scenario"
PERCENT = re.compile(r"^[+-]?\d+(?:\.\d+)?\s*%$")


class ClassifyInputError(ValueError):
    """Input the command cannot classify; ``lines`` holds one message per problem."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ShareInput:
    """Shares to classify: scenario -> option -> share, the counts behind them (if known) and the option set."""

    area_id: str
    year: int | None
    groups: dict[str, dict[str, float]]
    counts: dict[str, int] | None  # scenario -> models behind its shares; None when no count is given
    declared: tuple[str, ...]  # the option set the degree is computed on
    origin: str  # "inline" or the file the shares come from
    source: str = INLINE  # the file's source column for the rows chosen


def parse_share(token: str) -> tuple[str, float]:
    """``option=share`` as (option, share), or a one-line error saying how to write it."""
    if "=" not in token:
        raise ClassifyInputError([f"{token!r} has no '=': write each share as option=share, e.g. open=0.4"])
    option, _, text = token.partition("=")
    option, text = option.strip(), text.strip()
    if not option or not ID_PATTERN.match(option):
        raise ClassifyInputError([f"{token!r}: name the option before '=' (letters, digits, _ . : -), e.g. open=0.4"])
    if PERCENT.match(text):
        decimal = float(text.rstrip("% ").strip()) / 100
        raise ClassifyInputError([f"{token!r}: write shares as decimals, not percentages: {option}={decimal:g}"])
    try:
        share = float(text)
    except ValueError:
        share = math.nan
    if not math.isfinite(share):
        hint = f": use a point for decimals, {option}={text.replace(',', '.')}" if "," in text else ", e.g. open=0.4"
        raise ClassifyInputError([f"{token!r}: the share {text!r} is not a number{hint}"])
    if share < 0:
        raise ClassifyInputError([f"{token!r}: a share cannot be negative; give a share between 0 and 1"])
    if share > 1:
        raise ClassifyInputError([f"{token!r}: a share cannot exceed 1; write 0.4 for 40%"])
    return option, share


def check_group(scenario: str, group: dict[str, float], where: str) -> None:
    """A group's shares must add up to more than 0 and at most 1."""
    total = sum(group.values())
    shown = " ".join(f"{option}={share:g}" for option, share in group.items())
    if total > 1 + 1e-9:
        raise ClassifyInputError(
            [
                f"{where}scenario {scenario!r}: the shares add up to {total:g}, more than 1 ({shown}); they are "
                "fractions of one market, so lower them (shares left out are read as options not named)"
            ]
        )
    if total <= 1e-9:
        raise ClassifyInputError([f"{where}scenario {scenario!r}: the shares add up to zero; give a positive share"])


def parse_inline(tokens: list[str]) -> ShareInput:
    """Shares typed as ``option=share`` tokens, optionally grouped by ``--scenario NAME`` before each group."""
    groups: dict[str, dict[str, float]] = {}
    scenario = ALL_SCENARIOS
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == SCENARIO_FLAG:
            if index + 1 >= len(tokens) or "=" in tokens[index + 1] or tokens[index + 1].startswith("-"):
                raise ClassifyInputError(["--scenario needs a name before its shares, e.g. --scenario phone edge=0.8"])
            scenario = tokens[index + 1]
            if scenario in groups or scenario == ALL_SCENARIOS:
                raise ClassifyInputError([f"--scenario {scenario}: each scenario is named once (and not 'all')"])
            groups[scenario] = {}
            index += 2
            continue
        option, share = parse_share(token)
        group = groups.setdefault(scenario, {})
        if option in group:
            raise ClassifyInputError([f"{token!r}: option {option!r} is given twice in scenario {scenario!r}"])
        group[option] = share
        index += 1
    if not groups:
        raise ClassifyInputError(["no shares given: type them as option=share, e.g. open=0.4 api=0.35 unreleased=0.25"])
    if ALL_SCENARIOS in groups and len(groups) > 1:
        raise ClassifyInputError(["give every share after a --scenario NAME, or none: shares came before the first"])
    for name, group in groups.items():
        if not group:
            raise ClassifyInputError([f"--scenario {name} has no shares; follow it with option=share, e.g. edge=0.8"])
        check_group(name, group, "")
    named = tuple(dict.fromkeys(option for group in groups.values() for option in group))
    return ShareInput(INLINE, None, groups, None, named, INLINE)


def observation_schema() -> Table:
    """The schema of the book's observation files (data/observations/*.csv)."""
    return TABLES["observations"]


def declared_options() -> dict[str, tuple[str, ...]]:
    """Area -> its declared options, in order: the atlas's evidence areas and the seeds' areas."""
    options: dict[str, tuple[str, ...]] = {}
    for row in load_table("options").itertuples():
        options[row.area_id] = (*options.get(row.area_id, ()), row.option_id)
    for area in atlas_areas():
        options[area.area_id] = area.options
    return options


def _problem_lines(problems: list[Problem], shown_file: str, schema: Table) -> list[str]:
    """Validation problems as one line each, naming the file as the user typed it (and the form a pattern wants)."""
    lines = []
    for problem in problems:
        if problem.rule == "pattern" and problem.column in schema.column_names:
            value = problem.message.split(" does not match")[0]
            wanted = schema.column(problem.column).description
            problem = replace(problem, message=f"{value} is not in the form the column wants: {wanted}")
        lines.append(str(replace(problem, file=shown_file)))
    return lines


def read_file(path: Path, area_id: str | None = None, year: int | None = None, source: str | None = None) -> ShareInput:
    """One area-year of an observations file, validated as the book validates its own, with its counts if given."""
    shown = str(path)
    if not path.is_file():
        raise ClassifyInputError([f"{shown}: no such file; give the path of a CSV in the observations format"])
    schema = replace(observation_schema(), path=path.name)
    raw, problems = read_raw(schema, path.parent.resolve())
    if raw is None:
        raise ClassifyInputError(_problem_lines(problems, shown, schema))
    rows, problems = check_rows(raw)
    known = declared_options()
    for index, (row, line) in enumerate(zip(rows, raw.lines), start=1):
        area, option = row["area_id"], row["option_id"]
        if area is not None and area not in known:
            problems.append(
                Problem(
                    shown,
                    "reference",
                    f"{area!r} is not an area the book knows; use one of {', '.join(sorted(known))}",
                    row=index,
                    line=line,
                    column="area_id",
                )
            )
        elif option is not None and area is not None and option not in known[str(area)]:
            problems.append(
                Problem(
                    shown,
                    "reference",
                    f"{option!r} is not an option of area {area!r}; use one of {', '.join(known[str(area)])}",
                    row=index,
                    line=line,
                    column="option_id",
                )
            )
    if problems:
        raise ClassifyInputError(_problem_lines(problems, shown, schema))
    wanted: dict[str, object] = {"area_id": area_id, "year": year, "source": source}
    (area, when, source_text), chosen = _select(rows, shown, wanted)
    return replace(_shares_of(chosen, shown, area, when, known[area]), source=source_text)


def _select(
    rows: list[dict[str, object]], shown: str, wanted: dict[str, object]
) -> tuple[tuple[str, int, str], list[dict[str, object]]]:
    """The rows of the one (area, year, source) chosen by --area/--year/--source, or the only one the file holds."""
    chosen = [row for row in rows if all(value is None or row[name] == value for name, value in wanted.items())]
    units = sorted({(str(row["area_id"]), int(str(row["year"])), str(row["source"])) for row in chosen})
    if len(units) == 1:
        return units[0], chosen
    if len({unit[:2] for unit in units}) == 1:
        problem = f"{units[0][0]} {units[0][1]} has shares from {len(units)} sources; choose one with --source TEXT"
    else:
        held = ", ".join(sorted({f"{row['area_id']} {row['year']}" for row in rows}))
        problem = f"{len(units)} area-years match; choose one with --area ID --year Y (the file holds {held})"
    raise ClassifyInputError([f"{shown}: {problem}"])


def _shares_of(
    rows: list[dict[str, object]], shown: str, area: str, when: int, declared: tuple[str, ...]
) -> ShareInput:
    """The chosen rows as shares by scenario, with the counts behind them when every row gives one."""
    groups: dict[str, dict[str, float]] = {}
    counts: dict[str, set[object]] = {}
    for row in rows:
        scenario = str(row["scenario"])
        groups.setdefault(scenario, {})[str(row["option_id"])] = float(str(row["share"]))
        counts.setdefault(scenario, set()).add(row["n"])
    for scenario, group in groups.items():
        check_group(scenario, group, f"{shown}, {area} {when}, ")
    given = set().union(*counts.values())
    if any(len(values) > 1 for values in counts.values()) or (None in given and given != {None}):
        raise ClassifyInputError(
            [
                f"{shown}, {area} {when}: give n (the models behind the shares) on every row of the area-year, "
                "the same within a scenario, or on none"
            ]
        )
    known_counts = (
        None if given == {None} else {scenario: int(str(next(iter(values)))) for scenario, values in counts.items()}
    )
    return ShareInput(area, when, groups, known_counts, declared, shown)
