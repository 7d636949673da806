"""Classify your own adoption shares with the book's rules: ``python -m scaling_book.views.classify``.

    python -m scaling_book.views.classify open=0.4 api=0.35 unreleased=0.25
    python -m scaling_book.views.classify --scenario phone edge=0.8 cloud=0.2 --scenario datacenter edge=0.1 cloud=0.9
    python -m scaling_book.views.classify --file my_shares.csv --area release_mode --year 2024 [--source TEXT] [--json]

Prints the measures, the level, the level probabilities and the level under each alternative reading of
the rules. Bad input exits with code 2 and one line per problem.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scaling_book.analysis.classify_input import SCENARIO_FLAG, ClassifyInputError, parse_inline, read_file
from scaling_book.analysis.classify_result import classify_shares
from scaling_book.views.classify_report import report_data, report_text

USAGE = (__doc__ or "").split("\n\n")[1]
VALUE_FLAGS = ("--file", "--area", "--year", "--source")


def split_arguments(argv: list[str]) -> tuple[dict[str, str], list[str], bool]:
    """(--file/--area/--year values, share tokens with their --scenario flags, --json given)."""
    options: dict[str, str] = {}
    tokens: list[str] = []
    as_json = False
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument == "--json":
            as_json = True
        elif argument in VALUE_FLAGS:
            if index + 1 >= len(argv):
                raise ClassifyInputError([f"{argument} needs a value, e.g. {argument} {argument[2:].upper()}"])
            options[argument[2:]] = argv[index + 1]
            index += 1
        elif argument == SCENARIO_FLAG or not argument.startswith("--"):
            tokens.append(argument)
        else:
            raise ClassifyInputError(
                [f"unknown option {argument!r}; use --scenario, --file, --area, --year, --source or --json"]
            )
        index += 1
    return options, tokens, as_json


def run(argv: list[str]) -> str:
    """The command's output for ``argv`` (raises ClassifyInputError on bad input)."""
    options, tokens, as_json = split_arguments(argv)
    if "file" in options:
        if tokens:
            raise ClassifyInputError(["give shares either inline or with --file, not both"])
        year = options.get("year")
        if year is not None and not year.isdigit():
            raise ClassifyInputError([f"--year {year}: give a year as a whole number, e.g. --year 2024"])
        when = None if year is None else int(year)
        shares = read_file(Path(options["file"]), options.get("area"), when, options.get("source"))
    else:
        if options:
            raise ClassifyInputError(["--area, --year and --source choose rows of a --file; inline shares need none"])
        shares = parse_inline(tokens)
    result = classify_shares(shares)
    return json.dumps(report_data(result), indent=2, ensure_ascii=False) if as_json else report_text(result)


def main(argv: list[str] | None = None) -> int:
    """Print the classification of the shares given on the command line; 2 on bad input."""
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments or arguments[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if arguments else 2
    try:
        print(run(arguments))
    except ClassifyInputError as error:
        for line in error.lines:
            print(f"classify: {line}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
