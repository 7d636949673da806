"""The package's structure holds: imports flow one way through the layers, modules stay small, chapters only narrate."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "scaling_book"
# Each layer may import its own and the earlier ones, never a later one.
LAYERS = ("schemas", "inputs", "pipelines", "analysis", "views", "render", "bookbuild", "dev")
MAX_MODULE_LINES = 350
MAX_CHAPTER_CODE_LINES = 600


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "scaling_book" and parts[1] in LAYERS else None


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``scaling_book`` import in a file, including imports inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            found += [(node.lineno, f"{base}.{alias.name}" if layer_of(base) is None else base) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, module) for line, module in found if module.startswith("scaling_book.")]


MODULES = sorted(
    path for path in PACKAGE.rglob("*.py") if layer_of("scaling_book." + path.relative_to(PACKAGE).parts[0])
)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_imports_flow_one_way(path):
    own = LAYERS.index(path.relative_to(PACKAGE).parts[0])
    upward = [
        f"line {line}: {module}"
        for line, module in imported_modules(path)
        if (layer := layer_of(module)) is not None and LAYERS.index(layer) > own
    ]
    assert not upward, f"{path.relative_to(ROOT)} imports from a later layer: {upward}"


def test_every_module_belongs_to_a_layer():
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py"]
    assert not loose, f"modules outside the layers: {loose}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines (at most {MAX_MODULE_LINES})"


def chapter_sources() -> list[Path]:
    return sorted((ROOT / "chapters").rglob("*.md")) + [ROOT / "index.md"]


def code_lines(source: Path) -> list[str]:
    notebook = jupytext.read(source)
    return [
        line for cell in notebook.cells if cell.cell_type == "code" for line in cell.source.splitlines() if line.strip()
    ]


def test_chapters_hold_little_code():
    total = sum(len(code_lines(source)) for source in chapter_sources())
    assert total <= MAX_CHAPTER_CODE_LINES, f"chapter code cells hold {total} non-blank lines"


# A comparison or branch in a cell would decide what the prose says outside the tested package.
DECIDING = re.compile(r"(^|\s)(if|elif|else|while)\b|[<>]=?|==|!=|\bnot in\b|\bis not\b")


@pytest.mark.parametrize("source", chapter_sources(), ids=lambda source: source.relative_to(ROOT).as_posix())
def test_no_cell_decides_what_the_prose_says(source):
    deciding = [line for line in code_lines(source) if DECIDING.search(re.sub(r"([\"']).*?\1", "", line))]
    assert not deciding, f"{source.relative_to(ROOT)}: {deciding}"
