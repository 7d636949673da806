"""The chapter executor fails loudly: errors, hidden formatter errors and stderr output all stop the build."""

from __future__ import annotations

import pytest

from scaling_book.bookbuild.execute import execute_chapter, load_cached
from scaling_book.bookbuild.pages import BuildFailure

from .conftest import ROOT

HEADER = "---\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n# Demo\n\n"


def chapter(tmp_path, code: str):
    source = tmp_path / "demo.md"
    source.write_text(HEADER + "```{code-cell} python\n" + code + "\n```\n", encoding="utf-8")
    return source


def run(tmp_path, code: str):
    source = chapter(tmp_path, code)
    return execute_chapter(str(ROOT), str(tmp_path / "work"), "chapters/demo", str(source), "key")


@pytest.mark.slow
def test_records_inputs_numbers_and_artifacts(tmp_path):
    record = run(
        tmp_path,
        "from scaling_book.inputs.load import load_table\nfrom scaling_book.render.glue import glue_number\n"
        "levels = load_table('levels')\nglue_number('demo.levels', len(levels), 'count')",
    )
    assert "data/framework/levels.csv" in record.inputs
    assert record.numbers["demo.levels"]["value"] == 5 and record.numbers["demo.levels"]["chapter"] == "chapters/demo"
    stored = load_cached(tmp_path / "work", "chapters/demo")
    assert stored is not None and stored.inputs == record.inputs


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("raise ValueError('broken on purpose')", "ValueError"),
        (
            "class Bad:\n    def _repr_html_(self):\n        raise RuntimeError('formatter broke')\nBad()",
            "formatter broke",
        ),
        ("import warnings\nwarnings.warn('careful')", "wrote to stderr"),
    ],
)
def test_failures_name_the_chapter_and_the_cause(tmp_path, code, message):
    with pytest.raises(BuildFailure, match="chapters/demo") as failure:
        run(tmp_path, code)
    assert message in str(failure.value)
    assert "\x1b[" not in str(failure.value)  # readable: no terminal colour codes


def test_the_build_hashes_each_setting_as_the_chapter_recorded_it(tmp_path, monkeypatch):
    """The cache keys of settings: what CurrentInputs hashes from book.yml equals what settings.setting() records."""
    import json

    import yaml

    from scaling_book.bookbuild.execute import CurrentInputs
    from scaling_book.inputs import provenance, settings

    record = tmp_path / "record.jsonl"
    monkeypatch.setenv(provenance.RECORD_ENV, str(record))
    monkeypatch.setattr(provenance, "_reads", {})
    raw = yaml.safe_load((ROOT / "book.yml").read_text(encoding="utf-8"))
    for name in raw["analysis"]:
        settings.setting(name)
    recorded = {event["name"]: event["sha256"] for event in map(json.loads, record.read_text().splitlines())}
    current = CurrentInputs(ROOT)
    assert recorded and all(current.digest(name) == digest for name, digest in recorded.items())
    # Any path into book.yml, hashed as YAML gives it; a path that is not there no longer exists.
    assert current.digest("config:analysis.uncertainty.seed") == provenance.sha256_bytes(
        json.dumps(raw["analysis"]["uncertainty"]["seed"]).encode()
    )
    assert current.digest("config:title") == provenance.sha256_bytes(json.dumps(raw["title"]).encode())
    assert current.digest("config:analysis.colour") is None
