"""Child process of the build: one Sphinx run with warnings as errors (see bookbuild/sphinx.py).

Usage: python -m scaling_book.bookbuild.sphinx_child BUILDER SRCDIR OUTDIR DOCTREES CONFIG_JSON WARNINGS_FILE
"""

from __future__ import annotations

import json
import sys
from typing import IO, cast

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils


class _Tee:
    """Writes Sphinx's warning stream both to stderr (live) and to a file (for the summary)."""

    def __init__(self, path: str):
        self.file = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed at exit

    def write(self, text: str) -> int:
        sys.stderr.write(text)
        self.file.write(text)
        self.file.flush()
        return len(text)

    def flush(self) -> None:
        sys.stderr.flush()
        self.file.flush()


def main(argv: list[str]) -> int:
    builder, srcdir, outdir, doctrees, config_file, warnings_file = argv
    with open(config_file, encoding="utf-8") as handle:
        config = json.load(handle)
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir=srcdir,
            confdir=None,
            outdir=outdir,
            doctreedir=doctrees,
            buildername=builder,
            confoverrides=config,
            status=sys.stdout,
            warning=cast(IO[str], _Tee(warnings_file)),  # Sphinx only writes to and flushes it
            warningiserror=True,
            keep_going=True,
            freshenv=False,
            parallel=1,
        )
        app.build()
        return app.statuscode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
