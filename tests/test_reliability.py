"""Builds that never lie: one build at a time, all-or-nothing execution records, recovery after a kill."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaling_book.bookbuild.execute import cache_dir, cached_entries, execute_pages
from scaling_book.bookbuild.lock import LOCK_NAME, build_lock
from scaling_book.bookbuild.pages import BuildFailure, Page

from .conftest import ROOT

HEADER = "---\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n# Demo\n\n"
HOLD_LOCK = (
    "import sys, time\nfrom pathlib import Path\nfrom scaling_book.bookbuild.lock import build_lock\n"
    "with build_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(60)\n"
)


def dead_pid() -> int:
    """The id of a process that has exited."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.slow
def test_a_second_build_stops_at_once_naming_the_first(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "_build")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildFailure, match=rf"another build is running .*process id {holder.pid}\b"):
            with build_lock(tmp_path / "_build"):
                pass
        # The command itself: exit status 1 and the message, before any step of the build.
        result = subprocess.run(
            [sys.executable, "-m", "scaling_book.bookbuild", "--html-only"],
            cwd=tmp_path,
            env={**os.environ, "SCALING_BOOK_ROOT": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1 and f"process id {holder.pid}" in result.stderr
        assert "validated data" not in result.stdout
    finally:
        holder.kill()
        holder.wait()


def test_a_stale_lock_is_cleared_and_the_lock_is_released(tmp_path):
    lock = tmp_path / "_build" / LOCK_NAME
    lock.parent.mkdir()
    lock.write_text(f"{dead_pid()}\n")
    with build_lock(tmp_path / "_build") as held:
        assert held.read_text().strip() == str(os.getpid())
    assert not lock.exists()


def demo_page(tmp_path: Path, value: int = 5) -> Page:
    source = tmp_path / "demo.md"
    source.write_text(
        HEADER + "```{code-cell} python\nfrom scaling_book.render.glue import glue_number\n"
        f"glue_number('demo.value', {value}, 'count')\n```\n",
        encoding="utf-8",
    )
    return Page("chapters/demo", source)


def executed(tmp_path: Path, force: bool = False) -> list[str]:
    return execute_pages(ROOT, tmp_path / "work", [demo_page(tmp_path)], jobs=1, force=force).executed


@pytest.mark.slow
def test_a_cut_off_or_unreadable_record_is_discarded_and_the_chapter_executed_again(tmp_path):
    assert executed(tmp_path) == ["chapters/demo"]
    assert executed(tmp_path) == []  # complete record: reused
    [entry] = (cache_dir(tmp_path / "work", "chapters/demo") / "entries").iterdir()
    record = entry / "record.json"
    record.write_text(record.read_text()[:40])  # cut off, as a killed or concurrent build leaves it
    assert cached_entries(tmp_path / "work", "chapters/demo") == []
    assert executed(tmp_path) == ["chapters/demo"]
    numbers = cached_entries(tmp_path / "work", "chapters/demo")[0].numbers
    assert numbers["demo.value"]["value"] == 5

    index = cache_dir(tmp_path / "work", "chapters/demo") / "entries.json"
    index.write_text('["')  # an unreadable index
    assert executed(tmp_path) == ["chapters/demo"]
    assert executed(tmp_path) == []
    assert executed(tmp_path, force=True) == ["chapters/demo"]  # --force ignores every record


@pytest.mark.slow
def test_a_record_from_another_execution_or_without_its_notebook_is_not_trusted(tmp_path):
    executed(tmp_path)
    [entry] = (cache_dir(tmp_path / "work", "chapters/demo") / "entries").iterdir()
    fields = json.loads((entry / "record.json").read_text())
    fields["static_key"] = "0" * 64  # a record that does not describe the execution its folder holds
    (entry / "record.json").write_text(json.dumps(fields))
    assert cached_entries(tmp_path / "work", "chapters/demo") == []
    executed(tmp_path)
    [entry] = (cache_dir(tmp_path / "work", "chapters/demo") / "entries").iterdir()
    (entry / "notebook.ipynb").unlink()
    assert executed(tmp_path) == ["chapters/demo"]


@pytest.mark.slow
def test_unfinished_executions_of_a_killed_build_are_removed(tmp_path):
    leftover = cache_dir(tmp_path / "work", "chapters/demo") / ".running-abc"
    leftover.mkdir(parents=True)
    (leftover / "events.jsonl").write_text('{"event": "num')
    executed(tmp_path)
    assert not leftover.exists()
    assert not list(cache_dir(tmp_path / "work", "chapters/demo").glob(".running-*"))


def test_a_step_killed_last_time_starts_afresh_and_leftovers_are_removed(tmp_path):
    from scaling_book.bookbuild.recover import begin_step, clear_interrupted, end_step

    output, work = tmp_path / "_build", tmp_path / "_build" / ".work"
    latex = work / "latex"
    latex.mkdir(parents=True)
    (latex / "book.aux").write_text("\\@writefile{toc}{\\contentsline")  # cut off by a killed xelatex
    begin_step(work, "xelatex", latex)
    assert (latex / "book.aux").exists()  # a finished last run: its state is kept
    # ... killed here: end_step never ran. The next build:
    (output / "html.new").mkdir()
    (work / ".state.json.123.partial").write_text("{")
    assert sorted(clear_interrupted(output, work)) == ["_build/.work/.state.json.123.partial", "_build/html.new"]
    begin_step(work, "xelatex", latex)
    assert not latex.exists()
    end_step(work, "xelatex")
    assert not (work / "xelatex.incomplete").exists()


def test_a_refreshed_snapshot_that_fails_the_build_leaves_data_processed_as_it_was(tmp_path):
    import shutil

    from scaling_book.bookbuild.recover import epoch_refresh

    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("raw"))
    before = {path.name: path.read_bytes() for path in (tmp_path / "data/processed").iterdir()}
    fixture = Path(__file__).parent / "fixtures" / "epoch"
    with pytest.raises(BuildFailure) as failure:
        with epoch_refresh(tmp_path, fixture) as rewritten:
            assert rewritten  # the fixture differs from the committed snapshot
            raise BuildFailure("chapter x raised KeyError: 2024")
    assert {path.name: path.read_bytes() for path in (tmp_path / "data/processed").iterdir()} == before
    assert "data/processed/ was restored" in str(failure.value) and rewritten[0] in str(failure.value)


def test_the_csv_of_a_removed_exhibit_is_not_published_again(tmp_path):
    from scaling_book.bookbuild.stage import EXTRA_FOLDER, prune_stale_extras

    staging, html = tmp_path / "staging", tmp_path / "html"
    for path, text in [
        (staging / EXTRA_FOLDER / "data/fig-kept.csv", "a\n"),
        (html / "data/fig-kept.csv", "a\n"),
        (html / "data/fig-removed.csv", "b\n"),
        (html / "data/nested/tbl-old.csv", "c\n"),
        (html / "_static/book.css", "d\n"),
        (html / "index.html", "e\n"),
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert prune_stale_extras(staging, html) == ["data/fig-removed.csv", "data/nested/tbl-old.csv"]
    assert sorted(path.relative_to(html).as_posix() for path in html.rglob("*") if path.is_file()) == [
        "_static/book.css",
        "data/fig-kept.csv",
        "index.html",
    ]
